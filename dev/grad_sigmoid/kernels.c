/* Production-shaped loops for dev/grad_sigmoid, compiled once per ISA (see
 * Makefile); symbols get the ISA suffix FA_ISA.
 *   kg32_<name>_<isa>(n, g, x, out, s): out[i] = fa_<name>_grad_f32(g[i], x[i], s)
 *   kf32_<name>_<isa>(n, x, y, s):      y[i] = fa_<name>_f32(x[i], s)   (forward, for the speed ratio)
 * and the same for f64. */
#include "../../src_c/fa_grad_sigmoid.h"

#define CAT2(a, b) a##_##b
#define CAT(a, b) CAT2(a, b)
#define K(name)                                                                          \
    void CAT(kg32_##name, FA_ISA)(size_t n, const float *g, const float *x, float *o,    \
                                  const fa_scalars_f32 *sp)                              \
    {                                                                                    \
        const fa_scalars_f32 s = *sp;                                                    \
        _Pragma("omp simd")                                                              \
        for (size_t i = 0; i < n; i++) o[i] = fa_##name##_grad_f32(g[i], x[i], s);      \
    }                                                                                    \
    void CAT(kg64_##name, FA_ISA)(size_t n, const double *g, const double *x, double *o, \
                                  const fa_scalars_f64 *sp)                              \
    {                                                                                    \
        const fa_scalars_f64 s = *sp;                                                    \
        _Pragma("omp simd")                                                              \
        for (size_t i = 0; i < n; i++) o[i] = fa_##name##_grad_f64(g[i], x[i], s);      \
    }                                                                                    \
    void CAT(kf32_##name, FA_ISA)(size_t n, const float *x, float *y, const fa_scalars_f32 *sp) \
    {                                                                                    \
        const fa_scalars_f32 s = *sp;                                                    \
        _Pragma("omp simd")                                                              \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_f32(x[i], s);                \
    }                                                                                    \
    void CAT(kf64_##name, FA_ISA)(size_t n, const double *x, double *y, const fa_scalars_f64 *sp) \
    {                                                                                    \
        const fa_scalars_f64 s = *sp;                                                    \
        _Pragma("omp simd")                                                              \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_f64(x[i], s);                \
    }

K(sigmoid)
K(tanh)
K(silu)
K(swish)
K(quick_gelu)
K(logsigmoid)
K(softplus)
K(mish)
K(tanhshrink)
