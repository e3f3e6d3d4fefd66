/*
 * fa_driver_axis.c - the threaded driver of the operations along an axis
 * (softmax, log_softmax, softmin, maxout) and of the fused operations
 * (bias + activation, gated units).  Threads only through fa_parallel_for
 * and, for softmax rows longer than a thread's share, one OpenMP region
 * here; the kernels (fa_axis_impl.h) are single-threaded.
 *
 * Every array is contiguous and viewed as [outer][L][inner], L being the
 * length of the axis.  Scratch memory is allocated before anything is
 * written, so a failed allocation (-1) leaves the output untouched.
 */
#include <math.h>
#include <stdlib.h>

#include "fa_api.h"
#include "fa_driver_internal.h"
#include "fa_math_f64.h"
#include "fa_math_expfam.h"

#ifdef _OPENMP
#include <omp.h>
#endif

static int fa_thread_id(void) {
#ifdef _OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

/* ================================================================ softmax */

/* A row is processed in segments of FA_SOFTMAX_SEG elements: pass 1 runs
 * per segment, the segments' states are combined in segment order, pass 2
 * runs per segment.  The segments (not the threads) fix the order of every
 * sum, so the result has the same bits at any thread count; a long row's
 * segments are what the threads share. */
#define FA_SOFTMAX_SEG (16 * FA_SOFTMAX_BLOCK)

/* Rows shorter than this are transposed, FA_SOFTMAX_SHORT_ROWS at a time,
 * into a [L][rows] tile on the stack and run through the column kernels,
 * vectorised across rows: a short row alone would pay the per-row set-up
 * (loop prologues, reductions, the scalar combine) for a handful of
 * elements. */
#define FA_SOFTMAX_SHORT 64
#define FA_SOFTMAX_SHORT_ROWS 64

/* Column tiles: w columns of the [L][inner] slab per work item, w chosen so
 * that the slab stays near 128 KiB (in L2 between its three passes). */
#define FA_SOFTMAX_TILE_MAX 256
#define FA_SOFTMAX_TILE_MIN 16

typedef struct {
    const fa_kernel_table *t;
    int dtype, take_log;
    double sign;
    size_t outer, L, inner;
    const char *x;
    char *y;
    size_t nseg, nblk, w, ntiles;   /* rows: segments and blocks per row; columns: tiles */
    double *scratch_blk;            /* per thread (rows mode) or shared (split mode): nblk */
    fa_softmax_state *scratch_seg;  /* idem: nseg */
} fa_softmax_ctx;

static void fa_softmax_seg_pass1(const fa_softmax_ctx *c, size_t row, size_t s, double *bmax,
                                 fa_softmax_state *st) {
    const size_t off = s * FA_SOFTMAX_SEG;
    const size_t len = c->L - off < FA_SOFTMAX_SEG ? c->L - off : FA_SOFTMAX_SEG;
    const size_t at = row * c->L + off;
    double *bm = bmax + s * (FA_SOFTMAX_SEG / FA_SOFTMAX_BLOCK);
    fa_softmax_state init = {-HUGE_VAL, 0.0, 0.0, 0.0};
    *st = init;
    if (c->dtype == FA_F32)
        c->t->axis_f32->softmax_pass1(len, (const float *)c->x + at,
                                      c->take_log ? NULL : (float *)c->y + at, (float)c->sign, bm, st);
    else
        c->t->axis_f64->softmax_pass1(len, (const double *)c->x + at,
                                      c->take_log ? NULL : (double *)c->y + at, c->sign, bm, st);
}

static void fa_softmax_seg_pass2(const fa_softmax_ctx *c, size_t row, size_t s,
                                 const double *bmax, double m, const double f[2]) {
    const size_t off = s * FA_SOFTMAX_SEG;
    const size_t len = c->L - off < FA_SOFTMAX_SEG ? c->L - off : FA_SOFTMAX_SEG;
    const size_t at = row * c->L + off;
    const double *bm = bmax + s * (FA_SOFTMAX_SEG / FA_SOFTMAX_BLOCK);
    if (c->dtype == FA_F32) {
        if (c->take_log)
            c->t->axis_f32->softmax_log(len, (const float *)c->x + at, (float *)c->y + at,
                                        (float)c->sign, m, f[0]);
        else
            c->t->axis_f32->softmax_scale(len, (float *)c->y + at, bm, m, f[0], f[1]);
    } else {
        if (c->take_log)
            c->t->axis_f64->softmax_log(len, (const double *)c->x + at, (double *)c->y + at,
                                        c->sign, m, f[0]);
        else
            c->t->axis_f64->softmax_scale(len, (double *)c->y + at, bm, m, f[0], f[1]);
    }
}

/* The row's maximum, and what pass 2 needs: 1/sum as a pair f[0] + f[1]
 * (softmax), or log(sum) in f[0] (log_softmax), from the segments' states
 * in segment order.  NaN when the row has no limit: a NaN, every element
 * -inf, or more than one +inf.  The low part f[1] only where pair_inv
 * (float64): float32 results need 1/sum to ~2^-40, and the double 1/sum
 * alone is good to 2^-52 (its residual, an exact two-product, was ~5% of
 * the time of a float32 row of 1000). */
static void fa_softmax_combine(const fa_softmax_state *st, size_t nseg, int take_log,
                               int pair_inv, double *m_out, double f[2]) {
    double m = -HUGE_VAL;
    for (size_t s = 0; s < nseg; s++) m = st[s].m > m ? st[s].m : m;
    double k = 0.0, rh = 0.0, rl = 0.0, lo;
    for (size_t s = 0; s < nseg; s++) {
        double ph = st[s].rest, pl = st[s].rest_lo;
        if (st[s].m == m) {
            k += st[s].k;
        } else if (st[s].k != 0.0 || ph != 0.0) {
            fa_softmax_rescale(&ph, &pl, st[s].k, st[s].m, m);
        }
        rh = fa64_two_sum(rh, ph, &lo);
        rl += lo + pl;
    }
    *m_out = m;
    f[1] = 0.0;
    if (m == -HUGE_VAL || (m == HUGE_VAL && k > 1.0) || rh != rh) {
        f[0] = NAN;
        return;
    }
    if (take_log) {
        f[0] = k == 1.0 ? log1p(rh + rl) : log(k + (rh + rl));
        return;
    }
    /* sum = k + rh + rl as a normalised pair, then 1/sum = q + q r with the
     * residual r = (1 - q sum) from an exact two-product */
    double sl;
    double sh = fa64_two_sum(k, rh, &sl);
    sl += rl;
    const double s2 = sh + sl;
    sl = sl - (s2 - sh);
    const double q = 1.0 / s2;
    f[0] = q;
    if (!pair_inv) return;
    double e;
    const double p = fa64_two_prod(q, s2, &e);
    const double r = ((1.0 - p) - e) - q * sl;
    f[1] = q * r;
}

static void fa_softmax_row(const fa_softmax_ctx *c, size_t row, double *bmax,
                           fa_softmax_state *st) {
    for (size_t s = 0; s < c->nseg; s++) fa_softmax_seg_pass1(c, row, s, bmax, st + s);
    double m, f[2];
    fa_softmax_combine(st, c->nseg, c->take_log, c->dtype == FA_F64, &m, f);
    for (size_t s = 0; s < c->nseg; s++) fa_softmax_seg_pass2(c, row, s, bmax, m, f);
}

/* rows mode: each thread takes whole rows, with its own scratch */
static void fa_softmax_rows_range(const void *vctx, size_t b, size_t e) {
    const fa_softmax_ctx *c = (const fa_softmax_ctx *)vctx;
    const int tid = fa_thread_id();
    double *bmax = c->scratch_blk + (size_t)tid * c->nblk;
    fa_softmax_state *st = c->scratch_seg + (size_t)tid * c->nseg;
    for (size_t row = b; row < e; row++) fa_softmax_row(c, row, bmax, st);
}

/* split mode: rows longer than a thread's share, one row at a time, its
 * segments spread over the threads */
static void fa_softmax_split_rows(const fa_softmax_ctx *c, int nthreads) {
#ifdef _OPENMP
    #pragma omp parallel num_threads(nthreads)
    for (size_t row = 0; row < c->outer; row++) {
        #pragma omp for schedule(static)
        for (size_t s = 0; s < c->nseg; s++)
            fa_softmax_seg_pass1(c, row, s, c->scratch_blk, c->scratch_seg + s);
        /* implicit barrier: every segment's state is in */
        double m, f[2];
        fa_softmax_combine(c->scratch_seg, c->nseg, c->take_log, c->dtype == FA_F64, &m, f);
        #pragma omp for schedule(static)
        for (size_t s = 0; s < c->nseg; s++)
            fa_softmax_seg_pass2(c, row, s, c->scratch_blk, m, f);
        /* implicit barrier: the states may be overwritten by the next row */
    }
#else
    (void)nthreads;
    for (size_t row = 0; row < c->outer; row++)
        fa_softmax_row(c, row, c->scratch_blk, c->scratch_seg);
#endif
}

/* per-column 1/sum (pairs) or log(sum): float32 vectorised in the kernel
 * table, float64 through the scalar combine */
#define FA_SOFTMAX_FINISH_f32(w, m, k, rest, rlo, f, flo)                   \
    c->t->softmax_finish_f32(w, m, k, rest, c->take_log, f);                \
    (void)rlo;                                                              \
    (void)flo;
#define FA_SOFTMAX_FINISH_f64(w, m, k, rest, rlo, f, flo)                   \
    for (size_t j = 0; j < w; j++) {                                        \
        fa_softmax_state st = {m[j], k[j], rest[j], rlo[j]};                \
        double mj, fj[2];                                                   \
        fa_softmax_combine(&st, 1, c->take_log, 1, &mj, fj);                \
        f[j] = fj[0];                                                       \
        flo[j] = fj[1];                                                     \
    }

/* columns mode: work item = (outer index, tile of w columns) */
static void fa_softmax_cols_range(const void *vctx, size_t b, size_t e) {
    const fa_softmax_ctx *c = (const fa_softmax_ctx *)vctx;
    double k[FA_SOFTMAX_TILE_MAX], rest[FA_SOFTMAX_TILE_MAX], rlo[FA_SOFTMAX_TILE_MAX];
    double f[FA_SOFTMAX_TILE_MAX], flo[FA_SOFTMAX_TILE_MAX];
    float m32[FA_SOFTMAX_TILE_MAX];
    double m64[FA_SOFTMAX_TILE_MAX];
    for (size_t item = b; item < e; item++) {
        const size_t o = item / c->ntiles, j0 = (item % c->ntiles) * c->w;
        const size_t w = c->inner - j0 < c->w ? c->inner - j0 : c->w;
        const size_t at = o * c->L * c->inner + j0;
        if (c->dtype == FA_F32) {
            const float *x = (const float *)c->x + at;
            float *y = (float *)c->y + at;
            c->t->axis_f32->softmax_col_max(c->L, c->inner, w, x, (float)c->sign, m32);
            c->t->axis_f32->softmax_col_sum(c->L, c->inner, w, x, c->take_log ? NULL : y,
                                            (float)c->sign, m32, k, rest, rlo);
        } else {
            const double *x = (const double *)c->x + at;
            double *y = (double *)c->y + at;
            c->t->axis_f64->softmax_col_max(c->L, c->inner, w, x, c->sign, m64);
            c->t->axis_f64->softmax_col_sum(c->L, c->inner, w, x, c->take_log ? NULL : y, c->sign,
                                            m64, k, rest, rlo);
        }
        if (c->dtype == FA_F32) {
            FA_SOFTMAX_FINISH_f32(w, m32, k, rest, rlo, f, flo)
        } else {
            FA_SOFTMAX_FINISH_f64(w, m64, k, rest, rlo, f, flo)
        }
        if (c->dtype == FA_F32) {
            const float *x = (const float *)c->x + at;
            float *y = (float *)c->y + at;
            if (c->take_log)
                c->t->axis_f32->softmax_col_log(c->L, c->inner, w, x, y, (float)c->sign, m32, f);
            else
                c->t->axis_f32->softmax_col_scale(c->L, c->inner, w, y, f, flo);
        } else {
            const double *x = (const double *)c->x + at;
            double *y = (double *)c->y + at;
            if (c->take_log)
                c->t->axis_f64->softmax_col_log(c->L, c->inner, w, x, y, c->sign, m64, f);
            else
                c->t->axis_f64->softmax_col_scale(c->L, c->inner, w, y, f, flo);
        }
    }
}

/* short rows: work item = a tile of up to FA_SOFTMAX_SHORT_ROWS rows */
#define FA_SOFTMAX_SHORT_TILE(T, SFX)                                                         \
    static void fa_softmax_short_##SFX(const fa_softmax_ctx *c, size_t item) {                \
        T buf[FA_SOFTMAX_SHORT * FA_SOFTMAX_SHORT_ROWS], m[FA_SOFTMAX_SHORT_ROWS];            \
        double k[FA_SOFTMAX_SHORT_ROWS], rest[FA_SOFTMAX_SHORT_ROWS], rlo[FA_SOFTMAX_SHORT_ROWS]; \
        double f[FA_SOFTMAX_SHORT_ROWS], flo[FA_SOFTMAX_SHORT_ROWS];                          \
        const fa_axis_kernels_##SFX *kk = c->t->axis_##SFX;                                   \
        const size_t r0 = item * FA_SOFTMAX_SHORT_ROWS, L = c->L;                              \
        const size_t w = c->outer - r0 < FA_SOFTMAX_SHORT_ROWS ? c->outer - r0 : FA_SOFTMAX_SHORT_ROWS; \
        const T *x = (const T *)c->x + r0 * L;                                                \
        T *y = (T *)c->y + r0 * L;                                                            \
        for (size_t r = 0; r < w; r++)                                                        \
            for (size_t l = 0; l < L; l++) buf[l * w + r] = x[r * L + l];                     \
        kk->softmax_col_max(L, w, w, buf, (T)c->sign, m);                                     \
        kk->softmax_col_sum(L, w, w, buf, c->take_log ? NULL : buf, (T)c->sign, m, k, rest, rlo); \
        FA_SOFTMAX_FINISH_##SFX(w, m, k, rest, rlo, f, flo)                                   \
        if (c->take_log) kk->softmax_col_log(L, w, w, buf, buf, (T)c->sign, m, f);            \
        else kk->softmax_col_scale(L, w, w, buf, f, flo);                                     \
        for (size_t r = 0; r < w; r++)                                                        \
            for (size_t l = 0; l < L; l++) y[r * L + l] = buf[l * w + r];                     \
    }
FA_SOFTMAX_SHORT_TILE(float, f32)
FA_SOFTMAX_SHORT_TILE(double, f64)

static void fa_softmax_short_range(const void *vctx, size_t b, size_t e) {
    const fa_softmax_ctx *c = (const fa_softmax_ctx *)vctx;
    for (size_t item = b; item < e; item++) {
        if (c->dtype == FA_F32) fa_softmax_short_f32(c, item);
        else fa_softmax_short_f64(c, item);
    }
}

int fa_run_softmax(int take_log, int negate, int dtype, size_t outer, size_t L, size_t inner,
                   const void *x, void *y) {
    const size_t n = outer * L * inner;
    if (n == 0) return 0;
    fa_softmax_ctx c = {fa_active_table(), dtype, take_log != 0, negate ? -1.0 : 1.0, outer, L, inner,
                        (const char *)x, (char *)y, 0, 0, 0, 0, NULL, NULL};
    const size_t grain = fa_grain_of(FA_OP_SOFTMAX);
    int nthreads = fa_get_num_threads();
    if (n < grain) nthreads = 1;

    if (inner > 1) {
        size_t w = ((size_t)128 * 1024 / fa_elsize(dtype)) / L;
        w = w < FA_SOFTMAX_TILE_MIN ? FA_SOFTMAX_TILE_MIN : w > FA_SOFTMAX_TILE_MAX ? FA_SOFTMAX_TILE_MAX : w;
        w = w / FA_SOFTMAX_TILE_MIN * FA_SOFTMAX_TILE_MIN;
        c.w = w < inner ? w : inner;
        c.ntiles = (inner + c.w - 1) / c.w;
        const size_t items = outer * c.ntiles, per_item = L * c.w;
        fa_parallel_for(items, 64, (grain + per_item - 1) / per_item, fa_softmax_cols_range, &c);
        return 0;
    }

    if (L < FA_SOFTMAX_SHORT && outer > 1) {
        const size_t items = (outer + FA_SOFTMAX_SHORT_ROWS - 1) / FA_SOFTMAX_SHORT_ROWS;
        const size_t per_item = FA_SOFTMAX_SHORT_ROWS * L;
        fa_parallel_for(items, 64, (grain + per_item - 1) / per_item, fa_softmax_short_range, &c);
        return 0;
    }

    c.nseg = (L + FA_SOFTMAX_SEG - 1) / FA_SOFTMAX_SEG;
    c.nblk = c.nseg * (FA_SOFTMAX_SEG / FA_SOFTMAX_BLOCK);
    const int split = nthreads > 1 && outer < (size_t)nthreads && c.nseg > 1;
    const size_t copies = split ? 1 : (size_t)nthreads;
    c.scratch_blk = (double *)malloc(copies * c.nblk * sizeof(double));
    c.scratch_seg = (fa_softmax_state *)malloc(copies * c.nseg * sizeof(fa_softmax_state));
    if (!c.scratch_blk || !c.scratch_seg) {
        free(c.scratch_blk);
        free(c.scratch_seg);
        return -1;
    }
    if (split) {
        fa_softmax_split_rows(&c, nthreads < (int)c.nseg ? nthreads : (int)c.nseg);
    } else if (nthreads == 1) {
        fa_softmax_rows_range(&c, 0, outer);
    } else {
        /* at most nthreads threads (not a fresh fa_get_num_threads(), which
         * another Python thread may have changed): each id has its scratch */
        fa_parallel_for_n(outer, 64, (grain + L - 1) / L, fa_softmax_rows_range, &c, nthreads);
    }
    free(c.scratch_blk);
    free(c.scratch_seg);
    return 0;
}

/* ================================================================= maxout */

typedef struct {
    const fa_kernel_table *t;
    int dtype;
    size_t p, inner;
    const char *x;
    char *y;
} fa_maxout_ctx;

static void fa_maxout_range(const void *vctx, size_t b, size_t e) {
    const fa_maxout_ctx *c = (const fa_maxout_ctx *)vctx;
    const size_t in = b * c->p * c->inner, out = b * c->inner;
    if (c->dtype == FA_F32)
        c->t->axis_f32->maxout(e - b, c->p, c->inner, (const float *)c->x + in, (float *)c->y + out);
    else
        c->t->axis_f64->maxout(e - b, c->p, c->inner, (const double *)c->x + in,
                               (double *)c->y + out);
}

void fa_run_maxout(int dtype, size_t groups, size_t p, size_t inner, const void *x, void *y) {
    if (groups == 0 || p == 0 || inner == 0) return;
    const fa_maxout_ctx c = {fa_active_table(), dtype, p, inner, (const char *)x, (char *)y};
    const size_t per = p * inner;
    fa_parallel_for(groups, 64, (fa_grain_of(FA_OP_MAXOUT) + per - 1) / per, fa_maxout_range, &c);
}

/* ========================================================= fused operations */

/* bias + activation runs the table's fused kernel, y = act(x + b), over a
 * bias vector as long as the chunk: the bias itself (a last-axis bias of
 * >= FA_FUSE_CHUNK values), the pattern repeated into a buffer (short
 * patterns), or one value repeated into a stack buffer (a bias along an
 * axis with >= FA_BIAS_MIN_INNER elements after it).  Each input and the
 * output cross memory once.
 * The gated units run the table's gated kernel, y = a * act(b), over each
 * contiguous run of a thread's range; their activations are those of
 * FA_GATE_KERNELS (any other kernel id is refused). */
#define FA_FUSE_CHUNK 1024

/* Bias patterns shorter than this are repeated into a buffer of about
 * FA_FUSE_CHUNK elements, so that chunks stay long. */
#define FA_BIAS_MIN_INNER 64

typedef struct {
    const fa_kernel_table *t;
    int kid, dtype;
    size_t C, inner;
    const char *x, *bias;    /* bias: C values in the dtype */
    const char *pat;         /* pattern mode: bias of element i is pat[i % period] */
    size_t period;
    char *y;
    fa_scalars_f32 sf32;
    fa_scalars_f64 sf64;
} fa_bias_ctx;

#define FA_BIAS_RANGE(T, SFX)                                                              \
    static void fa_bias_range_##SFX(const fa_bias_ctx *c, size_t b, size_t e) {            \
        T rep[FA_FUSE_CHUNK];        /* value mode: rep[0 .. filled) == rep_of */         \
        size_t filled = 0, rep_of = (size_t)-1;                                            \
        const T *x = (const T *)c->x;                                                      \
        T *y = (T *)c->y;                                                                  \
        const fa_bias_##SFX##_fn kern = c->t->bias_##SFX[c->kid];                          \
        for (size_t pos = b; pos < e;) {                                                   \
            size_t len = e - pos < FA_FUSE_CHUNK ? e - pos : FA_FUSE_CHUNK;                \
            const T *bv;                                                                   \
            if (c->pat) {                                                                  \
                const size_t j = pos % c->period;                                          \
                if (len > c->period - j) len = c->period - j;                              \
                bv = (const T *)c->pat + j;                                                \
            } else {                                                                       \
                const size_t off = pos % c->inner;                                         \
                if (len > c->inner - off) len = c->inner - off;                            \
                const size_t ch = (pos / c->inner) % c->C;                                 \
                if (ch != rep_of) filled = 0;                                              \
                if (filled < len) {                                                        \
                    const T v = ((const T *)c->bias)[ch];                                  \
                    for (size_t i = filled; i < len; i++) rep[i] = v;                      \
                    filled = len;                                                          \
                    rep_of = ch;                                                           \
                }                                                                          \
                bv = rep;                                                                  \
            }                                                                              \
            kern(len, x + pos, bv, y + pos, &c->s##SFX);                                   \
            pos += len;                                                                    \
        }                                                                                  \
    }
FA_BIAS_RANGE(float, f32)
FA_BIAS_RANGE(double, f64)

static void fa_bias_range(const void *vctx, size_t b, size_t e) {
    const fa_bias_ctx *c = (const fa_bias_ctx *)vctx;
    if (c->dtype == FA_F32) fa_bias_range_f32(c, b, e);
    else fa_bias_range_f64(c, b, e);
}

int fa_run_bias_act(int kid, int dtype, size_t outer, size_t C, size_t inner, const void *x,
                    const void *bias, void *y, double a, double b, double c, double d) {
    const size_t n = outer * C * inner;
    if (kid < 0 || kid >= FA_K_COUNT) return -2;
    if (n == 0) return 0;
    const size_t es = fa_elsize(dtype);
    fa_bias_ctx ctx = {fa_active_table(), kid, dtype, C, inner, (const char *)x,
                       (const char *)bias, NULL, 0, (char *)y,
                       {(float)a, (float)b, (float)c, (float)d}, {a, b, c, d}};
    char *buf = NULL;
    if (inner == 1 && C >= FA_FUSE_CHUNK) {
        ctx.pat = (const char *)bias;
        ctx.period = C;
    } else if (inner < FA_BIAS_MIN_INNER) {
        /* repeat the pattern (each bias value inner times, C values) */
        const size_t P = C * inner;
        const size_t R = P * (P < FA_FUSE_CHUNK ? FA_FUSE_CHUNK / P : 1);
        buf = (char *)malloc(R * es);
        if (!buf) return -1;
        for (size_t i = 0; i < R; i++) {
            const size_t ch = (i % P) / inner;
            if (dtype == FA_F32) ((float *)buf)[i] = ((const float *)bias)[ch];
            else ((double *)buf)[i] = ((const double *)bias)[ch];
        }
        ctx.pat = buf;
        ctx.period = R;
    }
    fa_parallel_for(n, es, fa_grain_of(kid), fa_bias_range, &ctx);
    free(buf);
    return 0;
}

typedef struct {
    const fa_kernel_table *t;
    int kid, dtype;
    size_t run, stride;
    const char *a, *b;
    char *y;
    fa_scalars_f32 sf32;
    fa_scalars_f64 sf64;
} fa_gated_ctx;

#define FA_GATED_RANGE(T, SFX)                                                             \
    static void fa_gated_range_##SFX(const fa_gated_ctx *c, size_t b, size_t e) {          \
        const fa_bias_##SFX##_fn gate = c->t->gate_##SFX[c->kid];                          \
        for (size_t pos = b; pos < e;) {                                                   \
            const size_t o = pos / c->run, j = pos % c->run;                               \
            const size_t len = e - pos < c->run - j ? e - pos : c->run - j;                \
            const size_t at = o * c->stride + j;                                           \
            gate(len, (const T *)c->a + at, (const T *)c->b + at, (T *)c->y + pos,         \
                 &c->s##SFX);                                                              \
            pos += len;                                                                    \
        }                                                                                  \
    }
FA_GATED_RANGE(float, f32)
FA_GATED_RANGE(double, f64)

static void fa_gated_range(const void *vctx, size_t b, size_t e) {
    const fa_gated_ctx *c = (const fa_gated_ctx *)vctx;
    if (c->dtype == FA_F32) fa_gated_range_f32(c, b, e);
    else fa_gated_range_f64(c, b, e);
}

int fa_run_gated(int kid, int dtype, size_t outer, size_t run, size_t stride, const void *a,
                 const void *b, void *y, double p0, double p1, double p2, double p3) {
    if (kid < 0 || kid >= FA_K_COUNT || !fa_active_table()->gate_f32[kid]) return -2;
    const size_t n = outer * run;
    if (n == 0) return 0;
    const fa_gated_ctx ctx = {fa_active_table(), kid, dtype, run, stride, (const char *)a,
                              (const char *)b, (char *)y,
                              {(float)p0, (float)p1, (float)p2, (float)p3}, {p0, p1, p2, p3}};
    fa_parallel_for(n, fa_elsize(dtype), fa_grain_of(kid), fa_gated_range, &ctx);
    return 0;
}
