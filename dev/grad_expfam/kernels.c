/* Production-shaped loops: backward out[i] = fa_<name>_grad_T(g[i], x[i], s)
 * and the forward y[i] = fa_<name>_T(x[i], s) (for the speed ratio), compiled
 * once per ISA (see Makefile); symbols get the ISA suffix FA_ISA. */
#include "../../src_c/fa_grad_expfam.h"

#define CAT2(a, b) a##_##b
#define CAT(a, b) CAT2(a, b)
#define K(name)                                                                                   \
    void CAT(kg32_##name, FA_ISA)(size_t n, const float *g, const float *x, float *y,             \
                                  const fa_scalars_f32 *sp)                                       \
    {                                                                                             \
        const fa_scalars_f32 s = *sp;                                                             \
        _Pragma("omp simd")                                                                       \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_grad_f32(g[i], x[i], s);               \
    }                                                                                             \
    void CAT(kg64_##name, FA_ISA)(size_t n, const double *g, const double *x, double *y,          \
                                  const fa_scalars_f64 *sp)                                       \
    {                                                                                             \
        const fa_scalars_f64 s = *sp;                                                             \
        _Pragma("omp simd")                                                                       \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_grad_f64(g[i], x[i], s);               \
    }                                                                                             \
    void CAT(kf32_##name, FA_ISA)(size_t n, const float *x, float *y, const fa_scalars_f32 *sp)   \
    {                                                                                             \
        const fa_scalars_f32 s = *sp;                                                             \
        _Pragma("omp simd")                                                                       \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_f32(x[i], s);                          \
    }                                                                                             \
    void CAT(kf64_##name, FA_ISA)(size_t n, const double *x, double *y, const fa_scalars_f64 *sp) \
    {                                                                                             \
        const fa_scalars_f64 s = *sp;                                                             \
        _Pragma("omp simd")                                                                       \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_f64(x[i], s);                          \
    }

K(elu)
K(selu)
K(celu)
K(exp)
K(expm1)
K(log1p)
K(soft_exponential)
K(gaussian)
K(gelu)
K(gelu_tanh)
