/* Production-shaped loops over the element functions of fa_math_trig.h,
 * compiled once per ISA (see Makefile); symbol names get the ISA suffix.
 *   PLAIN: the production loop (fa_kernels_impl.h shape), arctan and
 *          sinc_normalized.
 *   guarded.inc: the guarded block loop for sinusoid / sinc: per block of
 *          256, an omp-simd OR-reduction of !fast_ok, then either the
 *          omp-simd fast loop or a scalar loop picking fast / slow per
 *          element (in place y == x works: the scan reads the whole block
 *          before anything is written); plus the fast loop alone
 *          (k_<name>_fast_<t>) and the slow function alone (k_<name>_slow_<t>). */
#include "../../src_c/fa_math_trig.h"

#define CAT2(a, b) a##_##b
#define CAT(a, b) CAT2(a, b)
#define FA_BLOCK 256

#define PLAIN(name, T, S)                                                              \
    void CAT(k_##name##_##T, FA_ISA)(size_t n, const S *x, S *y, const fa_scalars_##T *sp) \
    {                                                                                  \
        const fa_scalars_##T s = *sp;                                                  \
        _Pragma("omp simd")                                                            \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_##T(x[i], s);                \
    }

PLAIN(arctan, f32, float)
PLAIN(sinc_normalized, f32, float)
PLAIN(arctan, f64, double)
PLAIN(sinc_normalized, f64, double)

/* one instantiation per (function, dtype) */
#define S float
#define SC fa_scalars_f32
#define FN(suf) fa_sinusoid_f32##suf
#define KG CAT(k_sinusoid_f32, FA_ISA)
#define KF CAT(k_sinusoid_fast_f32, FA_ISA)
#define KS CAT(k_sinusoid_slow_f32, FA_ISA)
#include "guarded.inc"
#undef FN
#undef KG
#undef KF
#undef KS
#define FN(suf) fa_sinc_f32##suf
#define KG CAT(k_sinc_f32, FA_ISA)
#define KF CAT(k_sinc_fast_f32, FA_ISA)
#define KS CAT(k_sinc_slow_f32, FA_ISA)
#include "guarded.inc"
#undef FN
#undef KG
#undef KF
#undef KS
#undef S
#undef SC
#define S double
#define SC fa_scalars_f64
#define FN(suf) fa_sinusoid_f64##suf
#define KG CAT(k_sinusoid_f64, FA_ISA)
#define KF CAT(k_sinusoid_fast_f64, FA_ISA)
#define KS CAT(k_sinusoid_slow_f64, FA_ISA)
#include "guarded.inc"
#undef FN
#undef KG
#undef KF
#undef KS
#define FN(suf) fa_sinc_f64##suf
#define KG CAT(k_sinc_f64, FA_ISA)
#define KF CAT(k_sinc_fast_f64, FA_ISA)
#define KS CAT(k_sinc_slow_f64, FA_ISA)
#include "guarded.inc"
