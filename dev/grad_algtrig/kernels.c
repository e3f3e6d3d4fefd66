/* Production-shaped loops for src_c/fa_grad_algtrig.h, compiled once per ISA
 * (Makefile); every symbol gets the ISA suffix (_base, _avx2, _avx512).
 *   kg_<name>_<t>   backward loop  out[i] = fa_<name>_grad_<t>(g[i], x[i], s)
 *                   PLAIN: one omp simd loop; GUARDED (sinusoid, sinc): the
 *                   block loop of fa_kernels_impl.h (scan fast_ok over 256 x,
 *                   then the omp simd fast loop or a scalar fast/slow pick).
 *   kgf_<name>_<t>  GUARDED only: the fast loop alone (no scan)
 *   kgs_<name>_<t>  GUARDED only: the slow function alone (scalar)
 *   kf_<name>_<t>   forward loop y[i] = fa_<name>_<t>(x[i], s), same shape as
 *                   production (PLAIN / GUARDED), for the speed ratio. */
#include "../../src_c/fa_grad_algtrig.h"

#define CAT2(a, b) a##_##b
#define CAT(a, b) CAT2(a, b)
#define BLK 256

#define PLAIN(name, T, S)                                                                    \
    void CAT(kg_##name##_##T, FA_ISA)(size_t n, const S *g, const S *x, S *out,               \
                                      const fa_scalars_##T *sp)                              \
    {                                                                                        \
        const fa_scalars_##T s = *sp;                                                        \
        _Pragma("omp simd")                                                                  \
        for (size_t i = 0; i < n; i++) out[i] = fa_##name##_grad_##T(g[i], x[i], s);         \
    }                                                                                        \
    void CAT(kf_##name##_##T, FA_ISA)(size_t n, const S *x, S *y, const fa_scalars_##T *sp)  \
    {                                                                                        \
        const fa_scalars_##T s = *sp;                                                        \
        _Pragma("omp simd")                                                                  \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_##T(x[i], s);                      \
    }

#define GUARDED(name, T, S)                                                                  \
    void CAT(kg_##name##_##T, FA_ISA)(size_t n, const S *g, const S *x, S *out,               \
                                      const fa_scalars_##T *sp)                              \
    {                                                                                        \
        const fa_scalars_##T s = *sp;                                                        \
        for (size_t i0 = 0; i0 < n; i0 += BLK) {                                             \
            const size_t m = n - i0 < BLK ? n - i0 : BLK;                                    \
            const S *gb = g + i0, *xb = x + i0;                                              \
            S *ob = out + i0;                                                                \
            int slow = 0;                                                                    \
            _Pragma("omp simd reduction(|:slow)")                                            \
            for (size_t i = 0; i < m; i++) slow |= !fa_##name##_grad_##T##_fast_ok(xb[i]);   \
            if (!slow) {                                                                     \
                _Pragma("omp simd")                                                          \
                for (size_t i = 0; i < m; i++) ob[i] = fa_##name##_grad_##T(gb[i], xb[i], s); \
            } else {                                                                         \
                for (size_t i = 0; i < m; i++) {                                             \
                    const S gv = gb[i], xv = xb[i];                                          \
                    ob[i] = fa_##name##_grad_##T##_fast_ok(xv) ? fa_##name##_grad_##T(gv, xv, s) \
                                                               : fa_##name##_grad_##T##_slow(gv, xv, s); \
                }                                                                            \
            }                                                                                \
        }                                                                                    \
    }                                                                                        \
    void CAT(kgf_##name##_##T, FA_ISA)(size_t n, const S *g, const S *x, S *out,              \
                                       const fa_scalars_##T *sp)                             \
    {                                                                                        \
        const fa_scalars_##T s = *sp;                                                        \
        _Pragma("omp simd")                                                                  \
        for (size_t i = 0; i < n; i++) out[i] = fa_##name##_grad_##T(g[i], x[i], s);         \
    }                                                                                        \
    void CAT(kgs_##name##_##T, FA_ISA)(size_t n, const S *g, const S *x, S *out,              \
                                       const fa_scalars_##T *sp)                             \
    {                                                                                        \
        const fa_scalars_##T s = *sp;                                                        \
        for (size_t i = 0; i < n; i++) out[i] = fa_##name##_grad_##T##_slow(g[i], x[i], s);  \
    }                                                                                        \
    void CAT(kf_##name##_##T, FA_ISA)(size_t n, const S *x, S *y, const fa_scalars_##T *sp)  \
    {                                                                                        \
        const fa_scalars_##T s = *sp;                                                        \
        for (size_t i0 = 0; i0 < n; i0 += BLK) {                                             \
            const size_t m = n - i0 < BLK ? n - i0 : BLK;                                    \
            const S *xb = x + i0;                                                            \
            S *yb = y + i0;                                                                  \
            int slow = 0;                                                                    \
            _Pragma("omp simd reduction(|:slow)")                                            \
            for (size_t i = 0; i < m; i++) slow |= !fa_##name##_##T##_fast_ok(xb[i]);        \
            if (!slow) {                                                                     \
                _Pragma("omp simd")                                                          \
                for (size_t i = 0; i < m; i++) yb[i] = fa_##name##_##T(xb[i], s);            \
            } else {                                                                         \
                for (size_t i = 0; i < m; i++) {                                             \
                    const S v = xb[i];                                                       \
                    yb[i] = fa_##name##_##T##_fast_ok(v) ? fa_##name##_##T(v, s)             \
                                                         : fa_##name##_##T##_slow(v, s);     \
                }                                                                            \
            }                                                                                \
        }                                                                                    \
    }

#define BOTH(name, form) form(name, f32, float) form(name, f64, double)

BOTH(arctan, PLAIN)
BOTH(softsign, PLAIN)
BOTH(isru, PLAIN)
BOTH(isrlu, PLAIN)
BOTH(bent_identity, PLAIN)
BOTH(sinusoid, GUARDED)
BOTH(sinc, GUARDED)
BOTH(sinc_normalized, PLAIN)
