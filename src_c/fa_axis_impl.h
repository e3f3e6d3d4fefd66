/*
 * fa_axis_impl.h - kernels of the operations along an axis (softmax family,
 * maxout), for one dtype.
 *
 * A template: fa_kernels_impl.h includes it twice, with FA_T = float /
 * FA_SFX = f32 and FA_T = double / FA_SFX = f64, inside each per-ISA
 * translation unit.  Like every kernel these are single-threaded; the driver
 * (fa_driver_axis.c) cuts the work and combines the partial results.
 *
 * Softmax along a contiguous row runs in two passes (FA_SOFTMAX_BLOCK
 * elements at a time, so that a block is read from memory once per pass):
 *   pass 1  per block: the block's maximum b (and minimum); if b exceeds
 *           the running maximum m, the partial sum is rescaled by e^(m - b)
 *           (as pairs: fa_softmax_rescale) and m = b; then e_i = e^(v_i - m)
 *           for the block, stored into y (softmax; log_softmax stores
 *           nothing) and summed.  m after each block is recorded in
 *           block_max[], so y holds e^(v_i - m_block).  float32 blocks
 *           whose results are all normal numbers (m finite, min - m >= -87)
 *           take a cheaper exponential (fa_softmax_exp_normal_f32).
 *   pass 2  y_i *= e^(m_block - m_row) / sum (softmax), or
 *           y_i = (v_i - m_row) - log(sum) (log_softmax).
 * v_i = sign * x_i (sign = -1 gives softmin).  The sum is kept as k, the
 * number of elements equal to the maximum (each contributes exactly 1), plus
 * rest, the sum of the others, as a double pair (hi + lo; block sums added
 * by two-sum, see "The sum" below): log_softmax needs log(1 + rest) without
 * cancellation when rest is tiny.  softmax needs only k + rest, so its
 * float32 fast blocks add the 1s into rest (and need the sum only to a
 * small error relative to k + rest >= 1).
 *
 * Along a strided axis (columns: the axis is not the last one) the same
 * element math runs vectorised across w neighbouring columns, in three
 * passes over the [L][w] slab: column maxima, exponentials and sums, scale.
 */
#define FA_FN(name) FA_CAT(FA_CAT(fa_, name), FA_CAT(_, FA_CAT(FA_SFX, FA_CAT(_, FA_TABLE_NAME))))
#define FA_SMEXP FA_CAT(fa_softmax_exp_, FA_SFX)
#define FA_SMLOG FA_CAT(fa_softmax_log_, FA_SFX)
/* The exponential for blocks whose results are all normal numbers (see
 * softmax_pass1): float32 has a cheaper form for them, float64 one form. */
#if FA_SFX_IS_F64
#define FA_SMEXP_HAS_NORMAL 0
#define FA_SMEXP_NORMAL(v, m, order) fa_softmax_exp_f64(v, m)
#define FA_SMEXP_NORMAL_MIN 0.0
#define FA_SMX_ORDER(vmin, m) FA_SMX_TWO_SUM
#else
#define FA_SMEXP_HAS_NORMAL 1
#define FA_SMEXP_NORMAL fa_softmax_exp_normal_f32
#define FA_SMEXP_NORMAL_MIN -87.0
#define FA_SMX_ORDER(vmin, m) fa_softmax_order_f32(vmin, m)
#endif

/* The sum of the e_i that go into rest (every e_i but the maxima's 1s).
 * float32: each block is summed in plain double (<= 2^-44 relative, far
 * below a float ULP), except softmax's normal blocks, summed in float with
 * compensation (softmax_block_normal: ~2^-36 of the sum).  float64: rest must be exact relative to itself
 * (log_softmax takes log1p(rest), and rest may be tiny), which a plain
 * double sum is not (up to ~(n / lanes) 2^-53).  So each e_i is split on
 * a grid of 2^(E - 40), with 2^E above the block's largest term of rest
 * (found in pass 1): hi = (e + C) - C, C = 1.5 2^(E + 12), and lo = e - hi,
 * both exact.  The hi parts add up exactly in any order (multiples of the
 * grid below 2^(E + 13): a block has <= 1024 terms below 2^E), the lo parts
 * (< 2^(E - 40) each) with an error below 2^-75 of the block's rest. */

/* ---------------------------------------------------------------- softmax */

#if !FA_SFX_IS_F64
/* fa_softmax_tail_w + nt: the weights of a tail of nt < FA_SOFTMAX_PAD
 * elements in the block's last vector (its last nt lanes count) */
static const float fa_softmax_tail_w[2 * FA_SOFTMAX_PAD] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
_Static_assert(FA_SOFTMAX_PAD == 16, "fa_softmax_tail_w has FA_SOFTMAX_PAD zeros, then ones");

/* One vector step of softmax_block_normal: FA_SOFTMAX_PAD elements, stored
 * into y and added into the lane sums S and C (w: the weights of a padded
 * tail, or NULL). */
FA_INLINE void FA_FN(softmax_normal_step)(const float *x, float *y, const float *w,
                                          const float sign, const float mt, const int order,
                                          float *S, float *C) {
    _Pragma("omp simd")
    for (int j = 0; j < FA_SOFTMAX_PAD; j++) {
        const float e = FA_SMEXP_NORMAL(sign * x[j], mt, order);
        y[j] = e;
        const float ev = w ? w[j] * e : e;
        const float s1 = S[j] + ev;
        C[j] += (S[j] - s1) + ev;
        S[j] = s1;
    }
}

/* softmax_block_exp for softmax's float32 normal blocks (every e_i a normal
 * float, at most 1), with the sum in float, compensated: FA_SOFTMAX_PAD
 * lanes each keep a running sum S, started at 1, and C, the sum of S's
 * rounding errors.  As S >= 1 >= e, Fast2Sum gives each error exactly
 * (S' = S + e, error (S - S') + e); C, below m 2^-24 S after m terms, is
 * itself rounded to about m^2 2^-48 S, so each lane's S - 1 + C is good to
 * ~2^-36 relative (m <= 64 per block), and the 1s come off exactly, in
 * double, at the end.  This replaces a plain double sum, whose
 * float-to-double conversions cost about 5 cycles per 16 elements on Zen4
 * (AVX-512), more than the four additions here; the lane arrays stay in
 * vector registers (gcc 12-13).  Only an error relative to the whole sum
 * (>= 1) is small: log_softmax, which needs the terms other than the
 * maximum to their own relative accuracy (log1p of a tiny rest), keeps the
 * double sum.  The last n % FA_SOFTMAX_PAD elements are the last whole
 * vector of the block, x[n - PAD, n), with the lanes that the loop did
 * weighted 0 (copied before the loop, which may overwrite x when y is x);
 * a block shorter than a vector is padded with v = mt, weight 0. */
FA_INLINE void FA_FN(softmax_block_normal)(size_t n, const float *x, float *y, const float sign,
                                           const float mt, double *r_out, const int order) {
    float S[FA_SOFTMAX_PAD], C[FA_SOFTMAX_PAD];
    for (int j = 0; j < FA_SOFTMAX_PAD; j++) {
        S[j] = 1.0f;
        C[j] = 0.0f;
    }
    const size_t nv = n & ~(size_t)(FA_SOFTMAX_PAD - 1), nt = n - nv;
    float xt[FA_SOFTMAX_PAD], yt[FA_SOFTMAX_PAD];
    if (nt && n >= FA_SOFTMAX_PAD) {
        memcpy(xt, x + n - FA_SOFTMAX_PAD, sizeof xt);
    } else if (nt) {
        for (size_t j = 0; j < FA_SOFTMAX_PAD; j++) {
            const size_t jn = j + nt;
            xt[j] = jn >= FA_SOFTMAX_PAD ? x[jn - FA_SOFTMAX_PAD] : sign * mt;
        }
    }
    for (size_t i0 = 0; i0 < nv; i0 += FA_SOFTMAX_PAD)
        FA_FN(softmax_normal_step)(x + i0, y + i0, NULL, sign, mt, order, S, C);
    if (nt) {
        FA_FN(softmax_normal_step)(xt, yt, fa_softmax_tail_w + nt, sign, mt, order, S, C);
        memcpy(y + nv, yt + FA_SOFTMAX_PAD - nt, nt * sizeof *y);
    }
    double r = 0.0;
    _Pragma("omp simd reduction(+:r)")
    for (int j = 0; j < FA_SOFTMAX_PAD; j++) r += ((double)S[j] - 1.0) + (double)C[j];
    *r_out = r;
}
#endif

/* e_i = e^(v_i - mt) for one chunk: stored into y if store, summed into
 * *r where v_i != mt, counted into *kc where v_i == mt (NaN: not equal, so
 * NaN is summed and poisons the row); softmax's float32 normal blocks take
 * softmax_block_normal instead.  float64 sums split on the grid of split (see "The sum"): hi
 * parts into *r, lo parts into *rlo.  normal picks FA_SMEXP_NORMAL, valid
 * when every result is a normal number, with the difference taken in the
 * way order says (FA_SMX_*, float32).  live_w, where not NULL: each
 * element counts with its weight, 1 or 0 (the padded tail of
 * softmax_block_exp).  store, normal, order and whether live_w is NULL are
 * constants after inlining. */
FA_INLINE void FA_FN(softmax_chunk)(size_t n, const FA_T *x, FA_T *y, FA_T sign, FA_T mt,
                                    double split, double *r_out, double *rlo_out, FA_T *kc_out,
                                    const int store, const int normal, const int order,
                                    const FA_T *live_w) {
    (void)split;
    (void)order;
    double r = 0.0, rlo = 0.0;
    FA_T kc = 0;
    _Pragma("omp simd reduction(+:r, rlo, kc)")
    for (size_t i = 0; i < n; i++) {
        const FA_T v = sign * x[i];
        const FA_T e = normal ? FA_SMEXP_NORMAL(v, mt, order) : FA_SMEXP(v, mt);
        if (store) y[i] = e;
        /* The padded lanes' weight 0 is applied as data (a product), not as
         * a lane mask.  With a mask (i < nvalid under gcc 13.3, w != 0
         * under gcc 12.2) the AVX2 build, two vectors per 16 lanes, dropped
         * live terms of the first vector from log_softmax's sum; a small
         * copy of the loop did not reproduce it, so the cause is not
         * pinned down, and test_every_tail_length guards every length.  A
         * pad's e is finite (v = mt) wherever the row is not NaN, so w e
         * is exactly 0 or e, and a pad is never counted in kc. */
        const FA_T w = live_w ? live_w[i] : (FA_T)1;
        const int eq = v == mt;
        const FA_T ev = eq ? (FA_T)0 : (live_w ? w * e : e);
#if FA_SFX_IS_F64
        const double hi = (ev + split) - split;
        r += hi;
        rlo += ev - hi;
#else
        if (!store && !normal) {
            /* log_softmax's general blocks: each term in double, so that
             * terms below FLT_MIN keep their relative accuracy (log1p(rest)
             * of a row maximum may be a normal float made of thousands of
             * subnormal-sized terms); v - mt is exact or within 2^-53 */
            const double a = (double)v - (double)mt;
            const double ed = a < -700.0 ? 0.0 : fa32_exp_d(a);
            r += eq ? 0.0 : (live_w ? (double)w * ed : ed);
        } else {
            r += (double)ev;
        }
#endif
        kc += eq ? w : (FA_T)0;
    }
    *r_out = r;
    *rlo_out = rlo;
    *kc_out = kc;
}

/* softmax_chunk over a block of any length: the vector loop over the
 * multiple of FA_SOFTMAX_PAD, then the rest (< FA_SOFTMAX_PAD elements)
 * padded to FA_SOFTMAX_PAD in a buffer (pad lanes: v = mt, weight 0), so
 * that no element takes the compiler's scalar remainder loop, which cost
 * as much as ~10 vector iterations on rows of 1000. */
FA_INLINE void FA_FN(softmax_block_exp)(size_t n, const FA_T *x, FA_T *y, FA_T sign, FA_T mt,
                                        double split, double *r_out, double *rlo_out,
                                        FA_T *kc_out, const int store, const int normal,
                                        const int order) {
#if !FA_SFX_IS_F64
    if (normal && store) {
        FA_FN(softmax_block_normal)(n, x, y, sign, mt, r_out, order);
        *rlo_out = 0.0;
        *kc_out = 0.0f;
        return;
    }
#endif
    const size_t nv = n & ~(size_t)(FA_SOFTMAX_PAD - 1);
    FA_FN(softmax_chunk)(nv, x, y, sign, mt, split, r_out, rlo_out, kc_out, store, normal, order,
                         NULL);
    if (nv == n) return;
    const size_t nt = n - nv;
    FA_T xt[FA_SOFTMAX_PAD], yt[FA_SOFTMAX_PAD], wt[FA_SOFTMAX_PAD];
    for (size_t j = 0; j < nt; j++) {
        xt[j] = x[nv + j];
        wt[j] = 1;
    }
    for (size_t j = nt; j < FA_SOFTMAX_PAD; j++) {
        xt[j] = sign * mt;
        wt[j] = 0;
    }
    double r, rlo;
    FA_T kc;
    FA_FN(softmax_chunk)(FA_SOFTMAX_PAD, xt, yt, sign, mt, split, &r, &rlo, &kc, store, normal,
                         order, wt);
    if (store)
        for (size_t j = 0; j < nt; j++) y[nv + j] = yt[j];
    *r_out += r;
    *rlo_out += rlo;
    *kc_out += kc;
}

/* softmax_block_exp with store a constant: the normal form in each order
 * (float32), or the general form; sign (+1 softmax, -1 softmin) made a
 * constant too, so that softmax does not multiply by it. */
FA_INLINE void FA_FN(softmax_block_signed)(size_t n, const FA_T *x, FA_T *y, const FA_T sign,
                                           FA_T mt, double split, double *r, double *rlo,
                                           FA_T *kc, const int store, int normal, int order) {
    if (!normal)
        FA_FN(softmax_block_exp)(n, x, y, sign, mt, split, r, rlo, kc, store, 0, 0);
#if !FA_SFX_IS_F64
    else if (order == FA_SMX_M_FIRST)
        FA_FN(softmax_block_exp)(n, x, y, sign, mt, split, r, rlo, kc, store, 1, FA_SMX_M_FIRST);
    else if (order == FA_SMX_V_FIRST)
        FA_FN(softmax_block_exp)(n, x, y, sign, mt, split, r, rlo, kc, store, 1, FA_SMX_V_FIRST);
#endif
    else
        FA_FN(softmax_block_exp)(n, x, y, sign, mt, split, r, rlo, kc, store, 1, FA_SMX_TWO_SUM);
}

FA_INLINE void FA_FN(softmax_block_dispatch)(size_t n, const FA_T *x, FA_T *y, FA_T sign,
                                             FA_T mt, double split, double *r, double *rlo,
                                             FA_T *kc, const int store, int normal, int order) {
    if (sign > 0)
        FA_FN(softmax_block_signed)(n, x, y, (FA_T)1, mt, split, r, rlo, kc, store, normal, order);
    else
        FA_FN(softmax_block_signed)(n, x, y, (FA_T)-1, mt, split, r, rlo, kc, store, normal,
                                    order);
}

/* The largest and smallest v = sign x of a block (NaNs skipped). */
FA_INLINE void FA_FN(softmax_minmax)(size_t n, const FA_T *x, const FA_T sign, FA_T *max_out,
                                     FA_T *min_out) {
    FA_T bm = -FA_INF, bmin = FA_INF;
    _Pragma("omp simd reduction(max:bm) reduction(min:bmin)")
    for (size_t i = 0; i < n; i++) {
        const FA_T v = sign * x[i];
        bm = v > bm ? v : bm;
        bmin = v < bmin ? v : bmin;
    }
    *max_out = bm;
    *min_out = bmin;
}

static void FA_FN(softmax_pass1)(size_t n, const FA_T *x, FA_T *y, FA_T sign, double *block_max,
                                 fa_softmax_state *st) {
    double m = st->m, k = st->k, rh = st->rest, rl = st->rest_lo;
    size_t b = 0;
    for (size_t i0 = 0; i0 < n; i0 += FA_SOFTMAX_BLOCK, b++) {
        const size_t len = n - i0 < FA_SOFTMAX_BLOCK ? n - i0 : FA_SOFTMAX_BLOCK;
        const FA_T *xb = x + i0;
        FA_T bm, bmin;
        if (sign > 0)
            FA_FN(softmax_minmax)(len, xb, (FA_T)1, &bm, &bmin);
        else
            FA_FN(softmax_minmax)(len, xb, (FA_T)-1, &bm, &bmin);
        if ((double)bm > m) {
            if (k != 0.0 || rh != 0.0) {
                /* the sum so far times e^(m - bm), once per new maximum */
                fa_softmax_rescale(&rh, &rl, k, m, (double)bm);
                k = 0.0;
            }
            m = (double)bm;
        }
        block_max[b] = m;
        const FA_T mt = (FA_T)m;
        /* Every e^(v - m) of the block is a normal number when m is finite
         * and the block's smallest v is within FA_SMEXP_NORMAL_MIN of m
         * (NaNs, which the min skips, give NaN either way). */
        const int normal = FA_SMEXP_HAS_NORMAL && m < FA_INF &&
                           (double)bmin - m >= FA_SMEXP_NORMAL_MIN;
        double split = 0.0;
#if FA_SFX_IS_F64
        {
            /* the largest term of rest: the block's maximum if it is below
             * m, else the largest element below m */
            double top = bm;
            if (!((double)bm < m)) {
                FA_T b2 = -FA_INF;
                _Pragma("omp simd reduction(max:b2)")
                for (size_t i = 0; i < len; i++) {
                    const FA_T v = sign * xb[i];
                    const FA_T w = v < mt ? v : -FA_INF;
                    b2 = w > b2 ? w : b2;
                }
                top = b2;
            }
            /* 2^E > e^(top - m): E from the exponent field, clamped so that
             * C stays a normal number (0, subnormal: E = -960; NaN: 1) */
            const double te = fa_softmax_exp_f64(top, m);
            int E = (int)((fa_bits_f64(te) >> 52) & 0x7ff) - 1022;
            E = E < -960 ? -960 : (E > 1 ? 1 : E);
            split = 1.5 * fa64_pow2i((double)(E + 12));
        }
#endif
        double r = 0.0, rlo = 0.0, lo;
        FA_T kc = 0;
        FA_T *yb = y ? y + i0 : NULL;
        const int order = normal ? FA_SMX_ORDER(bmin, mt) : FA_SMX_TWO_SUM;
        if (y)
            FA_FN(softmax_block_dispatch)(len, xb, yb, sign, mt, split, &r, &rlo, &kc, 1, normal,
                                          order);
        else
            FA_FN(softmax_block_dispatch)(len, xb, NULL, sign, mt, split, &r, &rlo, &kc, 0, normal,
                                          order);
        rh = fa64_two_sum(rh, r, &lo);
        rl += lo + rlo;
        k += (double)kc;
    }
    st->m = m;
    st->k = k;
    st->rest = rh;
    st->rest_lo = rl;
}

/* y *= e^(block_max[b] - m) / sum, block by block (pass 2 of softmax);
 * 1/sum is the pair inv_hi + inv_lo.  The factor is a pair too
 * (fa_softmax_factor): float32 multiplies in double, float64 forms
 * e c_hi + e c_lo with one rounding, so each result is rounded once. */
static void FA_FN(softmax_scale)(size_t n, FA_T *y, const double *block_max, double m,
                                 double inv_hi, double inv_lo) {
    double prev = 0.0, ch = 0.0, cl = 0.0;
    size_t b = 0;
    for (size_t i0 = 0; i0 < n; i0 += FA_SOFTMAX_BLOCK, b++) {
        const size_t len = n - i0 < FA_SOFTMAX_BLOCK ? n - i0 : FA_SOFTMAX_BLOCK;
        const double bmx = block_max[b];
        if (b == 0 || bmx != prev) {
            ch = fa_softmax_factor(bmx, m, inv_hi, inv_lo, &cl);
            prev = bmx;
        }
        FA_T *yb = y + i0;
#if FA_SFX_IS_F64
        _Pragma("omp simd")
        for (size_t i = 0; i < len; i++) yb[i] = FA64_FMA(yb[i], ch, yb[i] * cl);
#else
        /* The factor as a float pair fh + fl: with FMA, y fh + y fl rounds
         * once (the product y fl, <= 2^-24 of the result, adds <= 2^-48
         * relative); without FMA it rounds twice (<= 1 ULP). */
        const float fh = (float)ch, fl = (float)((ch - (double)fh) + cl);
        _Pragma("omp simd")
        for (size_t i = 0; i < len; i++) yb[i] = fa32_fma(yb[i], fh, yb[i] * fl);
#endif
    }
}

/* y = (sign x - m) - L (pass 2 of log_softmax).
 * float32 with m finite: M = m + L as a float pair mh + ml (ml from the
 * exact m - mh, so L's low bits survive when L is tiny), y = (v - mh) - ml.
 * Where v - mh is exact (v near mh) that is one rounding after ml's own
 * (<= 1 ULP); where it is not, |v - mh| >= mh/2 and ml is below an ULP of
 * it (<= 1.5 ULP).  Measured: see README (python -m fastact.accuracy
 * --axis).  m = +inf (a row with one +inf) takes the general form. */
static void FA_FN(softmax_log)(size_t n, const FA_T *x, FA_T *y, FA_T sign, double m, double L) {
#if !FA_SFX_IS_F64
    if (m < FA_INF) {
        const float mh = (float)(m + L);
        const float ml = (float)((m - (double)mh) + L);
        _Pragma("omp simd")
        for (size_t i = 0; i < n; i++) y[i] = (sign * x[i] - mh) - ml;
        return;
    }
#endif
    _Pragma("omp simd")
    for (size_t i = 0; i < n; i++) y[i] = FA_SMLOG(sign * x[i], m, L);
}

/* Columns: x[l * stride + j], l < L, j < w. */
static void FA_FN(softmax_col_max)(size_t L, size_t stride, size_t w, const FA_T *x, FA_T sign,
                                   FA_T *m) {
    _Pragma("omp simd")
    for (size_t j = 0; j < w; j++) m[j] = -FA_INF;
    for (size_t l = 0; l < L; l++) {
        const FA_T *xr = x + l * stride;
        _Pragma("omp simd")
        for (size_t j = 0; j < w; j++) {
            const FA_T v = sign * xr[j];
            m[j] = v > m[j] ? v : m[j];
        }
    }
}

/* Column exponentials (stored into y if store) and sums: k[j] counts the
 * elements equal to m[j], rest[j] + rest_lo[j] sums the others (float64:
 * each addition is a two-sum, so the pair is exact to 2^-106 per step;
 * float32: a plain double sum, rest_lo stays 0).  store
 * is a constant after inlining, so each caller gets a branch-free loop. */
FA_INLINE void FA_FN(softmax_col_sum_body)(size_t L, size_t stride, size_t w, const FA_T *x,
                                           FA_T *y, FA_T sign, const FA_T *m, double *k,
                                           double *rest, double *rest_lo, const int store) {
    _Pragma("omp simd")
    for (size_t j = 0; j < w; j++) {
        k[j] = 0.0;
        rest[j] = 0.0;
        rest_lo[j] = 0.0;
    }
    for (size_t l = 0; l < L; l++) {
        const FA_T *xr = x + l * stride;
        FA_T *yr = y + l * stride;
        _Pragma("omp simd")
        for (size_t j = 0; j < w; j++) {
            const FA_T v = sign * xr[j];
            const FA_T e = FA_SMEXP(v, m[j]);
            if (store) yr[j] = e;
            const int eq = v == m[j];
            const double a = (double)(eq ? (FA_T)0 : e);
#if FA_SFX_IS_F64
            double lo;
            rest[j] = fa64_two_sum(rest[j], a, &lo);
            rest_lo[j] += lo;
#else
            rest[j] += a;   /* double: 2^-53 per step, far below a float ULP */
#endif
            k[j] += eq ? 1.0 : 0.0;
        }
    }
}

/* y == NULL: sums only (log_softmax, where y may be x). */
static void FA_FN(softmax_col_sum)(size_t L, size_t stride, size_t w, const FA_T *x, FA_T *y,
                                   FA_T sign, const FA_T *m, double *k, double *rest,
                                   double *rest_lo) {
    if (y) FA_FN(softmax_col_sum_body)(L, stride, w, x, y, sign, m, k, rest, rest_lo, 1);
    else FA_FN(softmax_col_sum_body)(L, stride, w, x, (FA_T *)x, sign, m, k, rest, rest_lo, 0);
}

static void FA_FN(softmax_col_scale)(size_t L, size_t stride, size_t w, FA_T *y,
                                     const double *inv_hi, const double *inv_lo) {
    for (size_t l = 0; l < L; l++) {
        FA_T *yr = y + l * stride;
#if FA_SFX_IS_F64
        _Pragma("omp simd")
        for (size_t j = 0; j < w; j++) yr[j] = FA64_FMA(yr[j], inv_hi[j], yr[j] * inv_lo[j]);
#else
        (void)inv_lo;
        _Pragma("omp simd")
        for (size_t j = 0; j < w; j++) yr[j] = (float)((double)yr[j] * inv_hi[j]);
#endif
    }
}

static void FA_FN(softmax_col_log)(size_t L, size_t stride, size_t w, const FA_T *x, FA_T *y,
                                   FA_T sign, const FA_T *m, const double *Ls) {
    for (size_t l = 0; l < L; l++) {
        const FA_T *xr = x + l * stride;
        FA_T *yr = y + l * stride;
        _Pragma("omp simd")
        for (size_t j = 0; j < w; j++) yr[j] = FA_SMLOG(sign * xr[j], (double)m[j], Ls[j]);
    }
}

#if !FA_SFX_IS_F64
/* float32 columns: what pass 2 needs, vectorised over the w columns: 1/sum
 * (softmax) or log(sum) (log_softmax, log1p(rest) when the maximum is
 * unique), in double with relative error < 1e-10 (faex32_log*_d), NaN for
 * the rows without a limit (as fa_softmax_combine in the driver). */
static void fa_softmax_col_finish_f32(size_t w, const float *m, const double *k,
                                      const double *rest, int take_log, double *f) {
    if (take_log) {
        _Pragma("omp simd")
        for (size_t j = 0; j < w; j++) {
            const double s = k[j] + rest[j];
            const double l1 = faex32_log1p_d(rest[j]);
            const double ls = faex32_log_d(s > 0x1p-1000 ? s : 1.0, 0.0);
            const int nan = m[j] == -FA_INF || (m[j] == FA_INF && k[j] > 1.0) || rest[j] != rest[j];
            f[j] = nan ? (double)__builtin_nanf("") : (k[j] == 1.0 ? l1 : ls);
        }
    } else {
        _Pragma("omp simd")
        for (size_t j = 0; j < w; j++) {
            const int nan = m[j] == -FA_INF || (m[j] == FA_INF && k[j] > 1.0) || rest[j] != rest[j];
            f[j] = nan ? (double)__builtin_nanf("") : 1.0 / (k[j] + rest[j]);
        }
    }
}
#endif

/* ----------------------------------------------------------------- maxout */

/* y[g][j] = max_k x[g][k][j] over k < p (x is [G][p][inner], y [G][inner]).
 * NaN propagates (v > m || v != v); among equal values (+0 and -0) the
 * first is kept.  inner == 1 reduces runs of p contiguous elements; p = 2,
 * 3, 4 get their own constant-stride loops, which gcc vectorises. */
FA_INLINE void FA_FN(maxout_runs)(size_t G, size_t p, const FA_T *x, FA_T *y) {
    _Pragma("omp simd")
    for (size_t g = 0; g < G; g++) {
        FA_T mx = x[g * p];
        for (size_t k = 1; k < p; k++) {
            const FA_T v = x[g * p + k];
            mx = (v > mx || v != v) ? v : mx;
        }
        y[g] = mx;
    }
}

static void FA_FN(maxout)(size_t G, size_t p, size_t inner, const FA_T *x, FA_T *y) {
    if (inner == 1) {
        switch (p) {
        case 2: FA_FN(maxout_runs)(G, 2, x, y); return;
        case 3: FA_FN(maxout_runs)(G, 3, x, y); return;
        case 4: FA_FN(maxout_runs)(G, 4, x, y); return;
        default: FA_FN(maxout_runs)(G, p, x, y); return;
        }
    }
    for (size_t g = 0; g < G; g++) {
        const FA_T *xg = x + g * p * inner;
        FA_T *yg = y + g * inner;
        _Pragma("omp simd")
        for (size_t j = 0; j < inner; j++) yg[j] = xg[j];
        for (size_t k = 1; k < p; k++) {
            const FA_T *xr = xg + k * inner;
            _Pragma("omp simd")
            for (size_t j = 0; j < inner; j++) {
                const FA_T v = xr[j];
                yg[j] = (v > yg[j] || v != v) ? v : yg[j];
            }
        }
    }
}

/* --------------------------------------------------- softmax backward */

/* The vector-Jacobian products of the softmax family, from the forward's
 * output y and the incoming gradient g, along rows (contiguous) or across
 * w neighbouring columns (stride apart):
 *   mode FA_SMG_SOFTMAX  out = y (g - <g, y>)
 *   mode FA_SMG_SOFTMIN  out = -y (g - <g, y>)        (softmin(x) = softmax(-x))
 *   mode FA_SMG_LOG      out = g - e^y * sum(g)       (log_softmax)
 * The reduction ("dot": <g, y>, or sum(g) for log_softmax) is accumulated in
 * double, in chunks of FA_DOT_CHUNK lanes-wide partial sums added into a
 * two-sum pair, so its error stays a few units of 2^-53 of sum|g y|
 * (float32: pairs of terms first added in float, softmax_dot_pairs, which
 * makes it 2^-23 of sum|g y|).
 * The update rounds (float32: the dot to float first) g - dot and the
 * product, or uses one FMA for the log form.  The
 * bound therefore is relative to the size of the terms, |y| (|g| + |dot|)
 * or |g| + e^y |sum g|: where g_i and the dot cancel the result is small
 * and the VJP itself is ill-conditioned (README, "Backward"). */
/* Elements per plain double partial sum of the dot, before it is added to
 * the two-sum pair: <= 15 additions per lane for float64. */
#if FA_SFX_IS_F64
#define FA_DOT_CHUNK 64
#else
#define FA_DOT_CHUNK 512
#endif
#define FA_SMG_SOFTMAX 0
#define FA_SMG_SOFTMIN 1
#define FA_SMG_LOG 2
/* float32 log form: elements per range check (softmax_grad_apply) */
#define FA_SMG_LOG_CHUNK 256

#define FA_EXP_OF(v) fa_exp_f64((v), (fa_scalars_f64){0, 0, 0, 0})

#if !FA_SFX_IS_F64
/* One chunk of the float32 dot (sum of g for the log form): each of
 * FA_SOFTMAX_PAD lanes takes two terms at a time in float, g0 y0 + g1 y1
 * by one FMA after the rounded g0 y0 (or g0 + g1), and adds that into a
 * double lane: two roundings per pair, so the error is at most 2^-23 (one
 * float eps) of sum|g y|, against the update's own rounding of the dot to
 * float (half an eps of |dot|).  It halves the float-to-double
 * conversions that a sum in double needs (all of them for g y, whose
 * product is exact in double): the dot went from 0.18 to 0.07 ns/elem
 * (AVX-512, rows of 1024).  The rest, < 2 FA_SOFTMAX_PAD elements, in
 * double. */
FA_INLINE double FA_FN(softmax_dot_pairs)(size_t n, const float *g, const float *y,
                                          const int take_log) {
    double R[FA_SOFTMAX_PAD];
    for (int j = 0; j < FA_SOFTMAX_PAD; j++) R[j] = 0.0;
    size_t i0 = 0;
    for (; i0 + 2 * FA_SOFTMAX_PAD <= n; i0 += 2 * FA_SOFTMAX_PAD) {
        const float *g0 = g + i0, *g1 = g + i0 + FA_SOFTMAX_PAD;
        const float *y0 = y + i0, *y1 = y + i0 + FA_SOFTMAX_PAD;
        _Pragma("omp simd")
        for (int j = 0; j < FA_SOFTMAX_PAD; j++) {
            const float a = take_log ? g0[j] + g1[j] : fa32_fma(g1[j], y1[j], g0[j] * y0[j]);
            R[j] += (double)a;
        }
    }
    double r = 0.0;
    _Pragma("omp simd reduction(+:r)")
    for (int j = 0; j < FA_SOFTMAX_PAD; j++) r += R[j];
    for (; i0 < n; i0++) r += take_log ? (double)g[i0] : (double)g[i0] * (double)y[i0];
    return r;
}
#endif

static double FA_FN(softmax_grad_dot)(size_t n, const FA_T *g, const FA_T *y, int take_log) {
    double hi = 0.0, lo = 0.0;
    for (size_t i0 = 0; i0 < n; i0 += FA_DOT_CHUNK) {
        const size_t len = n - i0 < FA_DOT_CHUNK ? n - i0 : FA_DOT_CHUNK;
        double r = 0.0;
#if !FA_SFX_IS_F64
        if (take_log)
            r = FA_FN(softmax_dot_pairs)(len, g + i0, y + i0, 1);
        else
            r = FA_FN(softmax_dot_pairs)(len, g + i0, y + i0, 0);
#else
        if (take_log) {
            _Pragma("omp simd reduction(+:r)")
            for (size_t i = 0; i < len; i++) r += (double)g[i0 + i];
        } else {
            _Pragma("omp simd reduction(+:r)")
            for (size_t i = 0; i < len; i++) r += (double)g[i0 + i] * (double)y[i0 + i];
        }
#endif
        double e;
        hi = fa64_two_sum(hi, r, &e);
        lo += e;
    }
    return hi + lo;
}

/* The update of one element, per mode (a constant after inlining: the
 * callers' loops are written once per mode, so no element pays for the
 * other modes' arithmetic). */
FA_INLINE FA_T FA_FN(softmax_grad_one)(FA_T gv, FA_T yv, double dot, const int mode) {
#if FA_SFX_IS_F64
    if (mode == FA_SMG_LOG) return FA64_FMA(-FA_EXP_OF(yv), dot, gv);
    const double p = yv * (gv - dot);
    return mode == FA_SMG_SOFTMIN ? -p : p;
#else
    /* log form in float: e^y (<= 2 ULP) times the rounded sum, one FMA; its
     * error stays a few eps of |g| + e^y |sum g| */
    if (mode == FA_SMG_LOG)
        return fa32_fma(-fa_exp_f32(yv, (fa_scalars_f32){0, 0, 0, 0}), (float)dot, gv);
    /* y (g - dot) in float: the rounded dot, the difference and the product
     * each cost half an ULP of the terms' size */
    const float p = yv * (gv - (float)dot);
    return mode == FA_SMG_SOFTMIN ? -p : p;
#endif
}

#define FA_SMG_BY_MODE(mode, STMT)                              \
    switch (mode) {                                             \
    case FA_SMG_SOFTMAX: { const int m_ = FA_SMG_SOFTMAX; STMT; break; } \
    case FA_SMG_SOFTMIN: { const int m_ = FA_SMG_SOFTMIN; STMT; break; } \
    default: { const int m_ = FA_SMG_LOG; STMT; break; }        \
    }

static void FA_FN(softmax_grad_apply)(size_t n, const FA_T *g, const FA_T *y, FA_T *out,
                                      double dot, int mode) {
#if !FA_SFX_IS_F64
    if (mode == FA_SMG_LOG) {
        /* float32 log form along rows: chunks whose every y is in [-87, 0]
         * (log-probabilities above 1.6e-38: the usual case) take e^y from
         * the softmax exponential (fa_softmax_exp_normal_f32 with m = 0,
         * 1.22 ULP, about half the time of fa_exp_f32); the others, and
         * any chunk with y > 0 (a y that no log_softmax gives), the general
         * form.  NaNs, which the range test skips, stay NaN either way. */
        const float sum = (float)dot;
        for (size_t i0 = 0; i0 < n; i0 += FA_SMG_LOG_CHUNK) {
            const size_t len = n - i0 < FA_SMG_LOG_CHUNK ? n - i0 : FA_SMG_LOG_CHUNK;
            const float *gc = g + i0, *yc = y + i0;
            float *oc = out + i0;
            float lo = 0.0f, hi = -87.0f;
            _Pragma("omp simd reduction(min:lo) reduction(max:hi)")
            for (size_t i = 0; i < len; i++) {
                lo = yc[i] < lo ? yc[i] : lo;
                hi = yc[i] > hi ? yc[i] : hi;
            }
            if (lo >= -87.0f && hi <= 0.0f) {
                _Pragma("omp simd")
                for (size_t i = 0; i < len; i++)
                    oc[i] = fa32_fma(-fa_softmax_exp_normal_f32(yc[i], 0.0f, FA_SMX_V_FIRST), sum,
                                     gc[i]);
            } else {
                _Pragma("omp simd")
                for (size_t i = 0; i < len; i++)
                    oc[i] = FA_FN(softmax_grad_one)(gc[i], yc[i], dot, FA_SMG_LOG);
            }
        }
        return;
    }
#endif
    FA_SMG_BY_MODE(mode,
        _Pragma("omp simd")
        for (size_t i = 0; i < n; i++) out[i] = FA_FN(softmax_grad_one)(g[i], y[i], dot, m_))
}

/* Columns: acc[j] = the reduction of column j over L rows (exactly the same
 * chunking as the rows path would do per column is not needed: columns are
 * summed in plain double, one term per row, each lane its own column). */
static void FA_FN(softmax_grad_col_dot)(size_t L, size_t stride, size_t w, const FA_T *g,
                                        const FA_T *y, int take_log, double *acc) {
    for (size_t j = 0; j < w; j++) acc[j] = 0.0;
    for (size_t l = 0; l < L; l++) {
        const FA_T *gr = g + l * stride, *yr = y + l * stride;
        if (take_log) {
            _Pragma("omp simd")
            for (size_t j = 0; j < w; j++) acc[j] += (double)gr[j];
        } else {
            _Pragma("omp simd")
            for (size_t j = 0; j < w; j++) acc[j] += (double)gr[j] * (double)yr[j];
        }
    }
}

static void FA_FN(softmax_grad_col_apply)(size_t L, size_t stride, size_t w, const FA_T *g,
                                          const FA_T *y, FA_T *out, const double *dots,
                                          int mode) {
    for (size_t l = 0; l < L; l++) {
        const FA_T *gr = g + l * stride, *yr = y + l * stride;
        FA_T *orow = out + l * stride;
        FA_SMG_BY_MODE(mode,
            _Pragma("omp simd")
            for (size_t j = 0; j < w; j++)
                orow[j] = FA_FN(softmax_grad_one)(gr[j], yr[j], dots[j], m_))
    }
}
#undef FA_EXP_OF
#undef FA_SMG_BY_MODE

/* ---------------------------------------------------- maxout backward */

/* out[g][k][j] = gy[g][j] where k is the element the forward returned
 * (the first maximum; with NaNs, the last NaN, as the forward's update
 * rule picks it), 0 (gy * 0) at the others of the group. */
static void FA_FN(maxout_grad)(size_t G, size_t p, size_t inner, const FA_T *gy, const FA_T *x,
                               FA_T *out) {
    for (size_t g = 0; g < G; g++) {
        const FA_T *xg = x + g * p * inner;
        const FA_T *gg = gy + g * inner;
        FA_T *og = out + g * p * inner;
        for (size_t j = 0; j < inner; j++) {
            FA_T mx = xg[j];
            size_t at = 0;
            for (size_t k = 1; k < p; k++) {
                const FA_T v = xg[k * inner + j];
                const int take = v > mx || v != v;
                mx = take ? v : mx;
                at = take ? k : at;
            }
            for (size_t k = 0; k < p; k++) og[k * inner + j] = k == at ? gg[j] : gg[j] * 0;
        }
    }
}

static const FA_CAT(fa_axis_kernels_, FA_SFX) FA_FN(axis_kernels) = {
    FA_FN(softmax_pass1), FA_FN(softmax_scale), FA_FN(softmax_log),
    FA_FN(softmax_col_max), FA_FN(softmax_col_sum), FA_FN(softmax_col_scale),
    FA_FN(softmax_col_log), FA_FN(maxout),
    FA_FN(softmax_grad_dot), FA_FN(softmax_grad_apply), FA_FN(softmax_grad_col_dot),
    FA_FN(softmax_grad_col_apply), FA_FN(maxout_grad),
};

#undef FA_DOT_CHUNK
#undef FA_FN
#undef FA_SMEXP
#undef FA_SMLOG
#undef FA_SMEXP_HAS_NORMAL
#undef FA_SMEXP_NORMAL
#undef FA_SMEXP_NORMAL_MIN
#undef FA_SMX_ORDER
