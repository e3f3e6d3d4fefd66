/* Production-shaped loops over every fa_<name>_f32/_f64 of fa_math_expfam.h,
 * compiled once per ISA (see Makefile); symbols get the ISA suffix FA_ISA. */
#include "../../src_c/fa_math_expfam.h"

#define CAT2(a, b) a##_##b
#define CAT(a, b) CAT2(a, b)
#define K(name)                                                                          \
    void CAT(k32_##name, FA_ISA)(size_t n, const float *x, float *y, const fa_scalars_f32 *sp) \
    {                                                                                    \
        const fa_scalars_f32 s = *sp;                                                    \
        _Pragma("omp simd")                                                              \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_f32(x[i], s);                \
    }                                                                                    \
    void CAT(k64_##name, FA_ISA)(size_t n, const double *x, double *y, const fa_scalars_f64 *sp) \
    {                                                                                    \
        const fa_scalars_f64 s = *sp;                                                    \
        _Pragma("omp simd")                                                              \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_f64(x[i], s);                \
    }

K(swish)
K(quick_gelu)
K(celu)
K(logsigmoid)
K(gaussian)
K(soft_exponential)
K(tanhshrink)
K(exp)
K(expm1)
K(log1p)
