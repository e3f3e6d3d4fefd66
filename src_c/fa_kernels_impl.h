/*
 * fa_kernels_impl.h - the body of one per-ISA translation unit.
 *
 * Included once by each fa_kernels_<isa>.c after it defines FA_TABLE_NAME
 * (the table's symbol) and FA_ISA_NAME (a string).  The build compiles each
 * of those files with its own instruction-set flags (see setup.py), so the
 * same element functions become SSE2, AVX2+FMA or AVX-512 code.  No OpenMP
 * threading here: that is the driver's job (fa_driver.c).  `omp simd` only
 * asserts that iterations are independent (x == y is fine: each iteration
 * reads x[i] before writing y[i]), which spares gcc a runtime alias check
 * that would otherwise send in-place calls down the scalar fallback.
 */
#include "fa_kernels.h"
#include "fa_math_f32.h"
#include "fa_math_f64.h"
#include "fa_math_algebraic.h"
#include "fa_math_expfam.h"
#include "fa_math_trig.h"
#include "fa_grad_piecewise.h"
#include "fa_grad_sigmoid.h"
#include "fa_grad_expfam.h"
#include "fa_grad_algtrig.h"

#define FA_INF __builtin_inf()

#define FA_CAT2(a, b) a##b
#define FA_CAT(a, b) FA_CAT2(a, b)
#define FA_LOOP_NAME(kind, name, T) \
    FA_CAT(FA_CAT(FA_CAT(fa_##kind##_, name), FA_CAT(_, T)), FA_CAT(_, FA_TABLE_NAME))

/* ---------------------------------------------------------------- PLAIN */

#define FA_DEFINE_LOOP_PLAIN(name, T, S)                                          \
    static void FA_LOOP_NAME(loop, name, T)(size_t n, const FA_ELEM_##T *x,       \
                                            FA_ELEM_##T *y, const S *sp) {        \
        const S s = *sp;                                                          \
        _Pragma("omp simd")                                                       \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_##T(x[i], s);           \
    }

/* -------------------------------------------------------------- GUARDED */

/* Blocks of FA_GUARD_BLOCK elements: one vectorised scan says whether every
 * input of the block is in the fast path's range; if so the block runs the
 * vectorised fast loop, else a scalar loop picks per element.  The scan
 * happens before the block is written, so in place (y == x) is fine.  The
 * block (1 KiB of float) stays in L1 between the scan and the loop. */
#define FA_GUARD_BLOCK 256

/* The block structure of every GUARDED loop (forward, bias, backward):
 * OK is the fast-path test of element i, FAST the statement that computes
 * element i by the fast path, ANY the one that picks fast or slow per
 * element (expressions in i; they read their inputs before they write). */
#define FA_GUARDED_BLOCKS(n, OK, FAST, ANY)                                       \
    for (size_t i0 = 0; i0 < (n); i0 += FA_GUARD_BLOCK) {                        \
        const size_t i1 = (n) - i0 < FA_GUARD_BLOCK ? (n) : i0 + FA_GUARD_BLOCK;  \
        int slow = 0;                                                             \
        _Pragma("omp simd reduction(|:slow)")                                     \
        for (size_t i = i0; i < i1; i++) slow |= !(OK);                           \
        if (!slow) {                                                              \
            _Pragma("omp simd")                                                   \
            for (size_t i = i0; i < i1; i++) FAST;                                \
        } else {                                                                  \
            for (size_t i = i0; i < i1; i++) ANY;                                 \
        }                                                                         \
    }

#define FA_DEFINE_LOOP_GUARDED(name, T, S)                                        \
    static void FA_LOOP_NAME(loop, name, T)(size_t n, const FA_ELEM_##T *x,       \
                                            FA_ELEM_##T *y, const S *sp) {        \
        const S s = *sp;                                                          \
        FA_GUARDED_BLOCKS(n, fa_##name##_##T##_fast_ok(x[i]),                     \
                          y[i] = fa_##name##_##T(x[i], s),                        \
                          y[i] = fa_##name##_##T##_fast_ok(x[i])                  \
                                     ? fa_##name##_##T(x[i], s)                   \
                                     : fa_##name##_##T##_slow(x[i], s))           \
    }

#define FA_ELEM_f32 float
#define FA_ELEM_f64 double

#define FA_DEFINE_LOOPS(name, form)                          \
    FA_DEFINE_LOOP_##form(name, f32, fa_scalars_f32)         \
    FA_DEFINE_LOOP_##form(name, f64, fa_scalars_f64)

FA_UNARY_KERNELS(FA_DEFINE_LOOPS)

/* ------------------------------------------------- bias + activation */

/* y[i] = f(x[i] + b[i]): the fused loop of bias_act (the driver passes the
 * bias pattern, or a buffer of one repeated value, as b).  The sum rounds
 * once, as x + b computed apart would; y may be x.  GUARDED kernels scan
 * the sums of a block first, like their forward loop. */
#define FA_DEFINE_BIAS_LOOP_PLAIN(name, T, S)                                     \
    static void FA_LOOP_NAME(bias, name, T)(size_t n, const FA_ELEM_##T *x,       \
                                            const FA_ELEM_##T *b, FA_ELEM_##T *y, \
                                            const S *sp) {                        \
        const S s = *sp;                                                          \
        _Pragma("omp simd")                                                       \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_##T(x[i] + b[i], s);    \
    }

#define FA_DEFINE_BIAS_LOOP_GUARDED(name, T, S)                                   \
    static void FA_LOOP_NAME(bias, name, T)(size_t n, const FA_ELEM_##T *x,       \
                                            const FA_ELEM_##T *b, FA_ELEM_##T *y, \
                                            const S *sp) {                        \
        const S s = *sp;                                                          \
        FA_GUARDED_BLOCKS(n, fa_##name##_##T##_fast_ok(x[i] + b[i]),              \
                          y[i] = fa_##name##_##T(x[i] + b[i], s),                 \
                          y[i] = fa_##name##_##T##_fast_ok(x[i] + b[i])           \
                                     ? fa_##name##_##T(x[i] + b[i], s)            \
                                     : fa_##name##_##T##_slow(x[i] + b[i], s))    \
    }

#define FA_DEFINE_BIAS_LOOPS(name, form)                          \
    FA_DEFINE_BIAS_LOOP_##form(name, f32, fa_scalars_f32)         \
    FA_DEFINE_BIAS_LOOP_##form(name, f64, fa_scalars_f64)

FA_UNARY_KERNELS(FA_DEFINE_BIAS_LOOPS)

/* y[i] = a[i] * f(b[i]): the gated units' loop (FA_GATE_KERNELS); y may
 * be a or b. */
#define FA_DEFINE_GATE_LOOP(name, T, S)                                           \
    static void FA_LOOP_NAME(gate, name, T)(size_t n, const FA_ELEM_##T *a,       \
                                            const FA_ELEM_##T *b, FA_ELEM_##T *y, \
                                            const S *sp) {                        \
        const S s = *sp;                                                          \
        _Pragma("omp simd")                                                       \
        for (size_t i = 0; i < n; i++) y[i] = a[i] * fa_##name##_##T(b[i], s);    \
    }

#define FA_DEFINE_GATE_LOOPS(name)                        \
    FA_DEFINE_GATE_LOOP(name, f32, fa_scalars_f32)        \
    FA_DEFINE_GATE_LOOP(name, f64, fa_scalars_f64)

FA_GATE_KERNELS(FA_DEFINE_GATE_LOOPS)

/* ------------------------------------------------------------- backward */

/* out[i] = fa_<name>_grad_T(g[i], x[i], s): the same two loop forms as the
 * forward kernels, over two inputs.  out may be g or x (each iteration reads
 * both before it writes); `omp simd` spares gcc the runtime alias check. */
#define FA_DEFINE_GRAD_LOOP_PLAIN(name, T, S)                                     \
    static void FA_LOOP_NAME(grad, name, T)(size_t n, const FA_ELEM_##T *g,       \
                                            const FA_ELEM_##T *x, FA_ELEM_##T *out, \
                                            const S *sp) {                        \
        const S s = *sp;                                                          \
        _Pragma("omp simd")                                                       \
        for (size_t i = 0; i < n; i++) out[i] = fa_##name##_grad_##T(g[i], x[i], s); \
    }

#define FA_DEFINE_GRAD_LOOP_GUARDED(name, T, S)                                   \
    static void FA_LOOP_NAME(grad, name, T)(size_t n, const FA_ELEM_##T *g,       \
                                            const FA_ELEM_##T *x, FA_ELEM_##T *out, \
                                            const S *sp) {                        \
        const S s = *sp;                                                          \
        FA_GUARDED_BLOCKS(n, fa_##name##_grad_##T##_fast_ok(x[i]),                \
                          out[i] = fa_##name##_grad_##T(g[i], x[i], s),           \
                          out[i] = fa_##name##_grad_##T##_fast_ok(x[i])           \
                                       ? fa_##name##_grad_##T(g[i], x[i], s)      \
                                       : fa_##name##_grad_##T##_slow(g[i], x[i], s)) \
    }

#define FA_DEFINE_GRAD_LOOPS(name, form)                          \
    FA_DEFINE_GRAD_LOOP_##form(name, f32, fa_scalars_f32)         \
    FA_DEFINE_GRAD_LOOP_##form(name, f64, fa_scalars_f64)

FA_UNARY_KERNELS(FA_DEFINE_GRAD_LOOPS)

#define FA_DEFINE_GRAD_Y_LOOP(name, T, S)                                         \
    static void FA_LOOP_NAME(grad_y, name, T)(size_t n, const FA_ELEM_##T *g,     \
                                              const FA_ELEM_##T *y, FA_ELEM_##T *out, \
                                              const S *sp) {                      \
        const S s = *sp;                                                          \
        _Pragma("omp simd")                                                       \
        for (size_t i = 0; i < n; i++) out[i] = fa_##name##_grad_y_##T(g[i], y[i], s); \
    }
#define FA_DEFINE_GRAD_Y_LOOPS(name)                             \
    FA_DEFINE_GRAD_Y_LOOP(name, f32, fa_scalars_f32)             \
    FA_DEFINE_GRAD_Y_LOOP(name, f64, fa_scalars_f64)

FA_GRAD_Y_KERNELS(FA_DEFINE_GRAD_Y_LOOPS)

/* ------------------------------------------------- per-element parameters */

#define FA_ROWS_LOAD_1(p) const FA_ROW_T *p0 = p[0];
#define FA_ROWS_LOAD_2(p) FA_ROWS_LOAD_1(p) const FA_ROW_T *p1 = p[1];
#define FA_ROWS_LOAD_4(p) FA_ROWS_LOAD_2(p) const FA_ROW_T *p2 = p[2]; const FA_ROW_T *p3 = p[3];
#define FA_ROWS_ARGS_1(i) p0[i], 0, 0, 0
#define FA_ROWS_ARGS_2(i) p0[i], p1[i], 0, 0
#define FA_ROWS_ARGS_4(i) p0[i], p1[i], p2[i], p3[i]

#define FA_DEFINE_ROWS_LOOP(name, nslots, T, S)                                   \
    static void FA_LOOP_NAME(rows, name, T)(size_t n, const FA_ROW_T *x,          \
                                            FA_ROW_T *y, const FA_ROW_T *const *p) { \
        FA_ROWS_LOAD_##nslots(p)                                                  \
        _Pragma("omp simd")                                                       \
        for (size_t i = 0; i < n; i++) {                                          \
            const S s = {FA_ROWS_ARGS_##nslots(i)};                               \
            y[i] = fa_##name##_##T(x[i], s);                                      \
        }                                                                         \
    }

#define FA_ROW_T float
#define FA_DEFINE_ROWS_F32(name, nslots) FA_DEFINE_ROWS_LOOP(name, nslots, f32, fa_scalars_f32)
FA_CHANNEL_KERNELS(FA_DEFINE_ROWS_F32)
#undef FA_ROW_T
#define FA_ROW_T double
#define FA_DEFINE_ROWS_F64(name, nslots) FA_DEFINE_ROWS_LOOP(name, nslots, f64, fa_scalars_f64)
FA_CHANNEL_KERNELS(FA_DEFINE_ROWS_F64)
#undef FA_ROW_T

/* ------------------------------------------------------------------ APL */

/* y = max(x, 0) + sum_s a_s max(b_s - x, 0)  (adaptive piecewise linear).
 *
 * float32: every term is formed and summed in double (b_s - x, the product
 * and the sums each round at 2^-53 relative), then rounded once to float:
 * the error is 0.5 ULP + (S + 2) 2^-53 sum|terms| / ulp(y), i.e. correctly
 * rounded unless the terms cancel to within 2^-29 of their size.
 * float64: double-double accumulation (exact 2Sum for b_s - x, exact
 * two-product, 2Sum of the running sum, low parts added), error
 * 0.5 ULP + (S + 2) 2^-104 sum|terms| / ulp(y).
 * Special cases: NaN -> NaN; +inf -> +inf; -inf -> the limit of the last
 * hinge segment, sign(A) inf with A = sum_s a_s, or sum_s a_s b_s if A = 0;
 * a_s = 0 hinges contribute nothing (not 0 * inf).  Inputs are processed in
 * blocks of FA_APL_BLOCK with the accumulator in a stack array, so the loops
 * over elements stay simple and vectorised and the hinge loop is outside. */
#define FA_APL_BLOCK 256

static void FA_LOOP_NAME(apl, const, f32)(size_t n, const float *x, float *y, size_t S,
                                          const float *a, const float *b) {
    double lim_a = 0.0, lim_ab = 0.0;
    for (size_t k = 0; k < S; k++) {
        lim_a += (double)a[k];
        lim_ab += (double)a[k] * (double)b[k];
    }
    const double lim = lim_a > 0 ? FA_INF : lim_a < 0 ? -FA_INF : lim_ab;
    double acc[FA_APL_BLOCK];
    for (size_t i0 = 0; i0 < n; i0 += FA_APL_BLOCK) {
        const size_t m = n - i0 < FA_APL_BLOCK ? n - i0 : FA_APL_BLOCK;
        const float *xb = x + i0;
        float *yb = y + i0;
        _Pragma("omp simd")
        for (size_t i = 0; i < m; i++) {
            const double v = xb[i];
            acc[i] = v <= 0.0 ? 0.0 : v;
        }
        for (size_t k = 0; k < S; k++) {
            const double ak = a[k], bk = b[k];
            if (ak == 0.0) continue;
            _Pragma("omp simd")
            for (size_t i = 0; i < m; i++) {
                const double d = bk - (double)xb[i];
                acc[i] += ak * (d <= 0.0 ? 0.0 : d);
            }
        }
        _Pragma("omp simd")
        for (size_t i = 0; i < m; i++)
            yb[i] = (float)(xb[i] == -FA_INF ? lim : acc[i]);
    }
}

static void FA_LOOP_NAME(apl, rows, f32)(size_t n, const float *x, float *y, size_t S,
                                         const float *const *p) {
    double acc[FA_APL_BLOCK], la[FA_APL_BLOCK], lab[FA_APL_BLOCK];
    for (size_t i0 = 0; i0 < n; i0 += FA_APL_BLOCK) {
        const size_t m = n - i0 < FA_APL_BLOCK ? n - i0 : FA_APL_BLOCK;
        const float *xb = x + i0;
        float *yb = y + i0;
        _Pragma("omp simd")
        for (size_t i = 0; i < m; i++) {
            const double v = xb[i];
            acc[i] = v <= 0.0 ? 0.0 : v;
            la[i] = 0.0;
            lab[i] = 0.0;
        }
        for (size_t k = 0; k < S; k++) {
            const float *ak = p[k] + i0, *bk = p[S + k] + i0;
            _Pragma("omp simd")
            for (size_t i = 0; i < m; i++) {
                const double av = ak[i], bv = bk[i];
                const double d = bv - (double)xb[i];
                const double t = av * (d <= 0.0 ? 0.0 : d);
                acc[i] += av == 0.0 ? 0.0 : t;
                la[i] += av;
                lab[i] += av * bv;
            }
        }
        _Pragma("omp simd")
        for (size_t i = 0; i < m; i++) {
            const double lim = la[i] > 0 ? FA_INF : la[i] < 0 ? -FA_INF : lab[i];
            yb[i] = (float)(xb[i] == -FA_INF ? lim : acc[i]);
        }
    }
}

/* One hinge in double-double: (hi, lo) += a * max(b - v, 0); a = 0 adds
 * nothing (also where b - v is infinite). */
FA_INLINE void fa_apl_hinge_f64(double v, double av, double bv, double *hi, double *lo) {
    double dl;
    double dh = fa64_two_sum(bv, -v, &dl);      /* b - v = dh + dl exactly */
    const int pos = dh > 0.0 && av != 0.0;
    dh = pos ? dh : 0.0;
    dl = pos ? dl : 0.0;
    double pl;
    double ph = fa64_two_prod(av, dh, &pl);     /* av dh = ph + pl exactly */
    pl += av * dl;
    double e;
    double s = fa64_two_sum(*hi, ph, &e);
    *hi = s;
    *lo += e + pl;
}

/* The double-double sum, except where either part is not finite (inputs
 * near the overflow threshold, where the error-free products overflow;
 * NaN), where the high part alone is the answer. */
FA_INLINE double fa_apl_finish_f64(double v, double hi, double lo, double lim) {
    const double y = (hi - hi == 0.0 && lo - lo == 0.0) ? hi + lo : hi;
    return v == -FA_INF ? lim : y;
}

static void FA_LOOP_NAME(apl, const, f64)(size_t n, const double *x, double *y, size_t S,
                                          const double *a, const double *b) {
    double lim_a = 0.0, lim_ab = 0.0;
    for (size_t k = 0; k < S; k++) {
        lim_a += a[k];
        lim_ab += a[k] * b[k];
    }
    const double lim = lim_a > 0 ? FA_INF : lim_a < 0 ? -FA_INF : lim_ab;
    double hi[FA_APL_BLOCK], lo[FA_APL_BLOCK];
    for (size_t i0 = 0; i0 < n; i0 += FA_APL_BLOCK) {
        const size_t m = n - i0 < FA_APL_BLOCK ? n - i0 : FA_APL_BLOCK;
        const double *xb = x + i0;
        double *yb = y + i0;
        _Pragma("omp simd")
        for (size_t i = 0; i < m; i++) {
            hi[i] = xb[i] <= 0.0 ? 0.0 : xb[i];
            lo[i] = 0.0;
        }
        for (size_t k = 0; k < S; k++) {
            const double ak = a[k], bk = b[k];
            if (ak == 0.0) continue;
            _Pragma("omp simd")
            for (size_t i = 0; i < m; i++) fa_apl_hinge_f64(xb[i], ak, bk, &hi[i], &lo[i]);
        }
        _Pragma("omp simd")
        for (size_t i = 0; i < m; i++) yb[i] = fa_apl_finish_f64(xb[i], hi[i], lo[i], lim);
    }
}

static void FA_LOOP_NAME(apl, rows, f64)(size_t n, const double *x, double *y, size_t S,
                                         const double *const *p) {
    double hi[FA_APL_BLOCK], lo[FA_APL_BLOCK], la[FA_APL_BLOCK], lab[FA_APL_BLOCK];
    for (size_t i0 = 0; i0 < n; i0 += FA_APL_BLOCK) {
        const size_t m = n - i0 < FA_APL_BLOCK ? n - i0 : FA_APL_BLOCK;
        const double *xb = x + i0;
        double *yb = y + i0;
        _Pragma("omp simd")
        for (size_t i = 0; i < m; i++) {
            hi[i] = xb[i] <= 0.0 ? 0.0 : xb[i];
            lo[i] = la[i] = lab[i] = 0.0;
        }
        for (size_t k = 0; k < S; k++) {
            const double *ak = p[k] + i0, *bk = p[S + k] + i0;
            _Pragma("omp simd")
            for (size_t i = 0; i < m; i++) {
                const double av = ak[i];
                fa_apl_hinge_f64(xb[i], av, bk[i], &hi[i], &lo[i]);
                la[i] += av;
                lab[i] += av * bk[i];
            }
        }
        _Pragma("omp simd")
        for (size_t i = 0; i < m; i++) {
            const double lim = la[i] > 0 ? FA_INF : la[i] < 0 ? -FA_INF : lab[i];
            yb[i] = fa_apl_finish_f64(xb[i], hi[i], lo[i], lim);
        }
    }
}

/* ---------------------------------------------------------------- RReLU */

/* The counter-based generator: u(key, i) = the SplitMix64 output function
 * (Steele, Lea & Flood 2014) applied to key + (i + 1) * golden gamma, i.e.
 * the i-th output of a SplitMix64 stream whose state starts at key.  Being
 * a pure function of (key, i), it gives the same slopes at any thread count,
 * chunking and ISA.  The top 23 (float32) or 52 (float64) bits become a
 * uniform number in [0, 1) by filling the mantissa of a number in [1, 2) and
 * subtracting 1 (exact; no int-to-float conversion, which AVX2 lacks for
 * 64-bit integers).  The slope lower + width * u is rounded in the kernel's
 * dtype with no FMA (-std=c11 forbids contraction), so every ISA gives the
 * same bits, and so does the NumPy oracle (fastact/reference.py). */
#define FA_RRELU_GAMMA 0x9e3779b97f4a7c15ULL

FA_INLINE uint64_t fa_rrelu_bits(uint64_t key, uint64_t i) {
    return fa_splitmix64_mix(key + (i + 1) * FA_RRELU_GAMMA);
}

FA_INLINE float fa_rrelu_u_f32(uint64_t key, uint64_t i) {
    return fa_from_bits_f32(0x3f800000u | (uint32_t)(fa_rrelu_bits(key, i) >> 41)) - 1.0f;
}

FA_INLINE double fa_rrelu_u_f64(uint64_t key, uint64_t i) {
    return fa_from_bits_f64(0x3ff0000000000000ULL | (fa_rrelu_bits(key, i) >> 12)) - 1.0;
}

#define FA_DEFINE_RRELU(T)                                                          \
    static void FA_LOOP_NAME(rrelu, train, T)(size_t n, const FA_ELEM_##T *x,       \
                                              FA_ELEM_##T *y, FA_ELEM_##T *slopes,  \
                                              FA_ELEM_##T lower, FA_ELEM_##T width, \
                                              uint64_t key, uint64_t index0) {      \
        if (slopes) {                                                               \
            _Pragma("omp simd")                                                     \
            for (size_t i = 0; i < n; i++) {                                        \
                const FA_ELEM_##T v = x[i];                                         \
                const FA_ELEM_##T r = lower + width * fa_rrelu_u_##T(key, index0 + i); \
                const int neg = v <= 0;                                             \
                y[i] = neg ? v * r : v;                                             \
                slopes[i] = neg ? r : (FA_ELEM_##T)1;                               \
            }                                                                       \
        } else {                                                                    \
            _Pragma("omp simd")                                                     \
            for (size_t i = 0; i < n; i++) {                                        \
                const FA_ELEM_##T v = x[i];                                         \
                const FA_ELEM_##T r = lower + width * fa_rrelu_u_##T(key, index0 + i); \
                y[i] = v <= 0 ? v * r : v;                                          \
            }                                                                       \
        }                                                                           \
    }

FA_DEFINE_RRELU(f32)
FA_DEFINE_RRELU(f64)

/* Backward: g times the slope the forward used (the same generator, so the
 * same bits): g * r where x <= 0, g elsewhere (also where x is NaN, where
 * the forward reports slope 1). */
#define FA_DEFINE_RRELU_GRAD(T)                                                     \
    static void FA_LOOP_NAME(rrelu_grad, train, T)(size_t n, const FA_ELEM_##T *g,  \
                                                   const FA_ELEM_##T *x, FA_ELEM_##T *out, \
                                                   FA_ELEM_##T lower, FA_ELEM_##T width, \
                                                   uint64_t key, uint64_t index0) { \
        _Pragma("omp simd")                                                         \
        for (size_t i = 0; i < n; i++) {                                            \
            const FA_ELEM_##T r = lower + width * fa_rrelu_u_##T(key, index0 + i);  \
            out[i] = x[i] <= 0 ? g[i] * r : g[i];                                   \
        }                                                                           \
    }

FA_DEFINE_RRELU_GRAD(f32)
FA_DEFINE_RRELU_GRAD(f64)

/* ------------------------------------------------------- along an axis */

#define FA_T float
#define FA_SFX f32
#define FA_SFX_IS_F64 0
#include "fa_axis_impl.h"
#undef FA_T
#undef FA_SFX
#undef FA_SFX_IS_F64
#define FA_T double
#define FA_SFX f64
#define FA_SFX_IS_F64 1
#include "fa_axis_impl.h"
#undef FA_T
#undef FA_SFX
#undef FA_SFX_IS_F64

/* ---------------------------------------------------------------- table */

#define FA_F32_ENTRY(name, form) FA_LOOP_NAME(loop, name, f32),
#define FA_F64_ENTRY(name, form) FA_LOOP_NAME(loop, name, f64),
#define FA_BIAS_F32_ENTRY(name, form) [FA_K_##name] = FA_LOOP_NAME(bias, name, f32),
#define FA_BIAS_F64_ENTRY(name, form) [FA_K_##name] = FA_LOOP_NAME(bias, name, f64),
#define FA_GATE_F32_ENTRY(name) [FA_K_##name] = FA_LOOP_NAME(gate, name, f32),
#define FA_GATE_F64_ENTRY(name) [FA_K_##name] = FA_LOOP_NAME(gate, name, f64),
#define FA_GRAD_F32_ENTRY(name, form) [FA_K_##name] = FA_LOOP_NAME(grad, name, f32),
#define FA_GRAD_F64_ENTRY(name, form) [FA_K_##name] = FA_LOOP_NAME(grad, name, f64),
#define FA_GRAD_Y_F32_ENTRY(name) [FA_K_##name] = FA_LOOP_NAME(grad_y, name, f32),
#define FA_GRAD_Y_F64_ENTRY(name) [FA_K_##name] = FA_LOOP_NAME(grad_y, name, f64),
#define FA_ROWS_F32_ENTRY(name, nslots) [FA_K_##name] = FA_LOOP_NAME(rows, name, f32),
#define FA_ROWS_F64_ENTRY(name, nslots) [FA_K_##name] = FA_LOOP_NAME(rows, name, f64),

const fa_kernel_table FA_TABLE_NAME = {
    .isa = FA_ISA_NAME,
    .f32 = { FA_UNARY_KERNELS(FA_F32_ENTRY) },
    .f64 = { FA_UNARY_KERNELS(FA_F64_ENTRY) },
    .bias_f32 = { FA_UNARY_KERNELS(FA_BIAS_F32_ENTRY) },
    .bias_f64 = { FA_UNARY_KERNELS(FA_BIAS_F64_ENTRY) },
    .gate_f32 = { FA_GATE_KERNELS(FA_GATE_F32_ENTRY) },
    .gate_f64 = { FA_GATE_KERNELS(FA_GATE_F64_ENTRY) },
    .grad_f32 = { FA_UNARY_KERNELS(FA_GRAD_F32_ENTRY) },
    .grad_f64 = { FA_UNARY_KERNELS(FA_GRAD_F64_ENTRY) },
    .grad_y_f32 = { FA_GRAD_Y_KERNELS(FA_GRAD_Y_F32_ENTRY) },
    .grad_y_f64 = { FA_GRAD_Y_KERNELS(FA_GRAD_Y_F64_ENTRY) },
    .rows_f32 = { FA_CHANNEL_KERNELS(FA_ROWS_F32_ENTRY) },
    .rows_f64 = { FA_CHANNEL_KERNELS(FA_ROWS_F64_ENTRY) },
    .apl_f32 = FA_LOOP_NAME(apl, const, f32),
    .apl_f64 = FA_LOOP_NAME(apl, const, f64),
    .apl_rows_f32 = FA_LOOP_NAME(apl, rows, f32),
    .apl_rows_f64 = FA_LOOP_NAME(apl, rows, f64),
    .rrelu_f32 = FA_LOOP_NAME(rrelu, train, f32),
    .rrelu_f64 = FA_LOOP_NAME(rrelu, train, f64),
    .rrelu_grad_f32 = FA_LOOP_NAME(rrelu_grad, train, f32),
    .rrelu_grad_f64 = FA_LOOP_NAME(rrelu_grad, train, f64),
    .axis_f32 = &FA_CAT(fa_axis_kernels_f32_, FA_TABLE_NAME),
    .axis_f64 = &FA_CAT(fa_axis_kernels_f64_, FA_TABLE_NAME),
    .softmax_finish_f32 = fa_softmax_col_finish_f32,
};
