/* One translation unit per ISA (compiled with -DFA_ISA=<name> and that
 * ISA's production flags, see Makefile).  The loops are exactly the
 * production shape (src_c/fa_kernels_impl.h). */
#include "fa_math_f64.h"

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define LOOP(name)                                                              \
    void CAT(CAT(k_##name, _), FA_ISA)(size_t n, const double *x, double *y,   \
                                        const fa_scalars_f64 *sp) {             \
        const fa_scalars_f64 s = *sp;                                           \
        _Pragma("omp simd")                                                     \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_f64(x[i], s);         \
    }
LOOP(relu)
LOOP(leaky_relu)
LOOP(elu)
LOOP(selu)
LOOP(sigmoid)
LOOP(tanh)
LOOP(silu)
LOOP(softplus)
LOOP(gelu)
LOOP(gelu_tanh)
LOOP(mish)
