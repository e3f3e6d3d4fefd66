/* Production-shaped loops over every fa_<name>_f32, compiled once per ISA
 * (see Makefile); symbol names get the ISA suffix FA_ISA. */
#include "../../src_c/fa_math_f32.h"

#define CAT2(a, b) a##_##b
#define CAT(a, b) CAT2(a, b)
#define K(name)                                                                     \
    void CAT(k_##name, FA_ISA)(size_t n, const float *x, float *y, const fa_scalars_f32 *sp) \
    {                                                                               \
        const fa_scalars_f32 s = *sp;                                               \
        _Pragma("omp simd")                                                         \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_f32(x[i], s);           \
    }

K(relu)
K(leaky_relu)
K(elu)
K(selu)
K(sigmoid)
K(tanh)
K(silu)
K(softplus)
K(gelu)
K(gelu_tanh)
K(mish)
