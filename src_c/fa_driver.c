/*
 * fa_driver.c - the only place that threads.
 *
 * Every operation is a loop over a flat range of elements, cut by
 * fa_parallel_for: a call below its operation's grain size runs serially on
 * the calling thread (no OpenMP region is entered at all, so small calls pay
 * no fork/join).  Above it, the range is cut into one contiguous chunk per
 * thread, each a multiple of 64 bytes long so that no two threads write the
 * same cache line, and each chunk runs single-threaded kernels.  The thread
 * count is fa_set_num_threads()'s value if set, else omp_get_max_threads(),
 * which honours OMP_NUM_THREADS, the CPU affinity mask and threadpoolctl's
 * limits.  Without OpenMP the build still works, serially.
 *
 * Operations:
 *   fa_run_unary    y = kernel(x; scalar parameters);
 *   fa_run_channel  y = kernel(x; parameters of x's channel), x viewed as
 *                   [outer][C][inner] (prelu, srelu, apl);
 *   fa_run_rrelu    RReLU's training mode, slopes from a counter-based
 *                   generator keyed by the element's global index, so the
 *                   result does not depend on the cut.
 * The operations along an axis and the fused ones are in fa_driver_axis.c,
 * on the same fa_parallel_for.
 */
#include <stdlib.h>

#include "fa_api.h"
#include "fa_driver_internal.h"

#ifdef _OPENMP
#include <omp.h>
#endif

/* 0 = follow OpenMP's default.  Plain int: written by set_num_threads under
 * the GIL, read by kernels; a torn read is impossible for an aligned int. */
static int fa_num_threads_setting = 0;

/* Serial below this many elements.  Defaults are overwritten at import from
 * the registry's measured values (fastact/_registry.py). */
#define FA_DEFAULT_GRAIN ((size_t)1 << 16)
static size_t fa_grain[FA_OP_COUNT];   /* 0 = FA_DEFAULT_GRAIN */

size_t fa_grain_of(int op) { return fa_grain[op] ? fa_grain[op] : FA_DEFAULT_GRAIN; }

int fa_openmp_enabled(void) {
#ifdef _OPENMP
    return 1;
#else
    return 0;
#endif
}

void fa_set_num_threads(int n) { fa_num_threads_setting = n > 0 ? n : 0; }
int fa_get_num_threads_setting(void) { return fa_num_threads_setting; }

int fa_get_num_threads(void) {
#ifdef _OPENMP
    return fa_num_threads_setting > 0 ? fa_num_threads_setting : omp_get_max_threads();
#else
    return 1;
#endif
}

void fa_set_grain(int op, size_t elements) {
    if (op >= 0 && op < FA_OP_COUNT) fa_grain[op] = elements > 0 ? elements : 1;
}

size_t fa_get_grain(int op) { return (op >= 0 && op < FA_OP_COUNT) ? fa_grain_of(op) : 0; }

/* ------------------------------------------------------------ threading */

void fa_parallel_for_n(size_t n, size_t elsize, size_t grain, fa_range_fn fn, const void *ctx,
                       int nthreads) {
    if (nthreads <= 1 || n < grain) {
        fn(ctx, 0, n);
        return;
    }
    /* Never more threads than grains of work. */
    if ((size_t)nthreads > n / grain) nthreads = (int)(n / grain);
    if (nthreads < 1) nthreads = 1;
#ifdef _OPENMP
    const size_t align = 64 / elsize; /* elements per cache line */
    size_t chunk = (n + (size_t)nthreads - 1) / (size_t)nthreads;
    chunk = (chunk + align - 1) / align * align;
    #pragma omp parallel num_threads(nthreads)
    {
        const size_t begin = (size_t)omp_get_thread_num() * chunk;
        if (begin < n) fn(ctx, begin, n - begin < chunk ? n : begin + chunk);
    }
#else
    (void)elsize;
    fn(ctx, 0, n);
#endif
}

void fa_parallel_for(size_t n, size_t elsize, size_t grain, fa_range_fn fn, const void *ctx) {
    fa_parallel_for_n(n, elsize, grain, fn, ctx, fa_get_num_threads());
}

size_t fa_elsize(int dtype) { return dtype == FA_F32 ? sizeof(float) : sizeof(double); }

/* ---------------------------------------------------------------- unary */

typedef struct {
    const fa_kernel_table *t;
    int kid, dtype;
    const char *x;
    char *y;
    fa_scalars_f32 s32;
    fa_scalars_f64 s64;
} fa_unary_ctx;

static void fa_unary_range(const void *vctx, size_t b, size_t e) {
    const fa_unary_ctx *c = (const fa_unary_ctx *)vctx;
    if (c->dtype == FA_F32)
        c->t->f32[c->kid](e - b, (const float *)c->x + b, (float *)c->y + b, &c->s32);
    else
        c->t->f64[c->kid](e - b, (const double *)c->x + b, (double *)c->y + b, &c->s64);
}

void fa_run_unary(int kid, int dtype, size_t n, const void *x, void *y,
                  double a, double b, double c, double d) {
    if (kid < 0 || kid >= FA_K_COUNT || n == 0) return;
    const fa_unary_ctx ctx = {fa_active_table(), kid, dtype, (const char *)x, (char *)y,
                              {(float)a, (float)b, (float)c, (float)d}, {a, b, c, d}};
    fa_parallel_for(n, fa_elsize(dtype), fa_grain_of(kid), fa_unary_range, &ctx);
}

/* -------------------------------------------------------------- channel */

/* Below this many elements per channel block, parameters are expanded into
 * rows of C * inner per-element values and the per-element-parameter loops
 * run over whole rows; at and above it each block runs the scalar-parameter
 * kernel with its channel's values. */
#define FA_CHANNEL_MIN_INNER 64

typedef struct {
    const fa_kernel_table *t;
    int op, dtype;          /* op: a kernel id, or FA_OP_APL */
    size_t C, inner, nparam;
    const char *x;
    char *y;
    const void *q;          /* params in the dtype, channel-major: q[c * nparam + k] */
    const void *rows;       /* rows mode: row k at (T *)rows + k * C * inner */
} fa_channel_ctx;

static void fa_channel_block(const fa_channel_ctx *c, size_t pos, size_t len, size_t ch) {
    const size_t np = c->nparam;
    if (c->dtype == FA_F32) {
        const float *q = (const float *)c->q + ch * np;
        const float *x = (const float *)c->x + pos;
        float *y = (float *)c->y + pos;
        if (c->op == FA_OP_APL) {
            c->t->apl_f32(len, x, y, np / 2, q, q + np / 2);
        } else {
            fa_scalars_f32 s = {0, 0, 0, 0};
            float *slot[4] = {&s.a, &s.b, &s.c, &s.d};
            for (size_t k = 0; k < np; k++) *slot[k] = q[k];
            c->t->f32[c->op](len, x, y, &s);
        }
    } else {
        const double *q = (const double *)c->q + ch * np;
        const double *x = (const double *)c->x + pos;
        double *y = (double *)c->y + pos;
        if (c->op == FA_OP_APL) {
            c->t->apl_f64(len, x, y, np / 2, q, q + np / 2);
        } else {
            fa_scalars_f64 s = {0, 0, 0, 0};
            double *slot[4] = {&s.a, &s.b, &s.c, &s.d};
            for (size_t k = 0; k < np; k++) *slot[k] = q[k];
            c->t->f64[c->op](len, x, y, &s);
        }
    }
}

static void fa_channel_blocks_range(const void *vctx, size_t b, size_t e) {
    const fa_channel_ctx *c = (const fa_channel_ctx *)vctx;
    size_t pos = b;
    while (pos < e) {
        const size_t blk = pos / c->inner;
        size_t end = (blk + 1) * c->inner;
        if (end > e) end = e;
        fa_channel_block(c, pos, end - pos, blk % c->C);
        pos = end;
    }
}

static void fa_channel_rows_range(const void *vctx, size_t b, size_t e) {
    const fa_channel_ctx *c = (const fa_channel_ctx *)vctx;
    const size_t L = c->C * c->inner, np = c->nparam;
    size_t pos = b;
    while (pos < e) {
        const size_t j = pos % L;
        size_t len = L - j;
        if (len > e - pos) len = e - pos;
        if (c->dtype == FA_F32) {
            const float *p[FA_MAX_CHANNEL_PARAMS];
            for (size_t k = 0; k < np; k++) p[k] = (const float *)c->rows + k * L + j;
            const float *x = (const float *)c->x + pos;
            float *y = (float *)c->y + pos;
            if (c->op == FA_OP_APL) c->t->apl_rows_f32(len, x, y, np / 2, p);
            else c->t->rows_f32[c->op](len, x, y, p);
        } else {
            const double *p[FA_MAX_CHANNEL_PARAMS];
            for (size_t k = 0; k < np; k++) p[k] = (const double *)c->rows + k * L + j;
            const double *x = (const double *)c->x + pos;
            double *y = (double *)c->y + pos;
            if (c->op == FA_OP_APL) c->t->apl_rows_f64(len, x, y, np / 2, p);
            else c->t->rows_f64[c->op](len, x, y, p);
        }
        pos += len;
    }
}

int fa_run_channel(int op, int dtype, size_t outer, size_t C, size_t inner,
                   const void *x, void *y, size_t nparam, const double *params) {
    const size_t n = outer * C * inner;
    const fa_kernel_table *t = fa_active_table();
    const int apl = op == FA_OP_APL;
    if (!apl && (op < 0 || op >= FA_K_COUNT || nparam > 4)) return -2;
    if (apl && (nparam == 0 || nparam % 2 || nparam > FA_MAX_CHANNEL_PARAMS)) return -2;
    if (n == 0) return 0;
    const size_t es = fa_elsize(dtype);
    const int rows = inner < FA_CHANNEL_MIN_INNER && C > 1;
    if (rows && !apl && (dtype == FA_F32 ? !t->rows_f32[op] : !t->rows_f64[op])) return -2;

    /* Everything that can fail happens before the output is touched. */
    void *q = malloc(C * nparam * es);
    void *r = rows ? malloc(nparam * C * inner * es) : NULL;
    if (!q || (rows && !r)) {
        free(q);
        free(r);
        return -1;
    }
    for (size_t ch = 0; ch < C; ch++)
        for (size_t k = 0; k < nparam; k++) {
            const double v = params[k * C + ch];
            if (dtype == FA_F32) ((float *)q)[ch * nparam + k] = (float)v;
            else ((double *)q)[ch * nparam + k] = v;
        }
    if (rows) {
        const size_t L = C * inner;
        for (size_t k = 0; k < nparam; k++)
            for (size_t ch = 0; ch < C; ch++)
                for (size_t i = 0; i < inner; i++) {
                    const size_t at = k * L + ch * inner + i;
                    if (dtype == FA_F32) ((float *)r)[at] = ((float *)q)[ch * nparam + k];
                    else ((double *)r)[at] = ((double *)q)[ch * nparam + k];
                }
    }
    const fa_channel_ctx ctx = {t, op, dtype, C, inner, nparam, (const char *)x, (char *)y, q, r};
    fa_parallel_for(n, es, fa_grain_of(op), rows ? fa_channel_rows_range : fa_channel_blocks_range,
                    &ctx);
    free(q);
    free(r);
    return 0;
}

/* ---------------------------------------------------------------- rrelu */

typedef struct {
    const fa_kernel_table *t;
    int dtype;
    const char *x;
    char *y, *slopes;
    double lower, width;
    uint64_t key;
} fa_rrelu_ctx;

static void fa_rrelu_range(const void *vctx, size_t b, size_t e) {
    const fa_rrelu_ctx *c = (const fa_rrelu_ctx *)vctx;
    if (c->dtype == FA_F32)
        c->t->rrelu_f32(e - b, (const float *)c->x + b, (float *)c->y + b,
                        c->slopes ? (float *)c->slopes + b : NULL, (float)c->lower,
                        (float)c->width, c->key, b);
    else
        c->t->rrelu_f64(e - b, (const double *)c->x + b, (double *)c->y + b,
                        c->slopes ? (double *)c->slopes + b : NULL, c->lower, c->width,
                        c->key, b);
}

void fa_rrelu_slope_range(int dtype, double lower, double upper, double *lo, double *width) {
    if (dtype == FA_F32) {
        /* the width is rounded in float, as the float kernel and the oracle do */
        const float l32 = (float)lower, u32 = (float)upper;
        *lo = l32;
        *width = (double)(u32 - l32);
    } else {
        *lo = lower;
        *width = upper - lower;
    }
}

void fa_run_rrelu(int dtype, size_t n, const void *x, void *y, void *slopes,
                  double lower, double upper, uint64_t seed) {
    if (n == 0) return;
    double lo, width;
    fa_rrelu_slope_range(dtype, lower, upper, &lo, &width);
    const fa_rrelu_ctx ctx = {fa_active_table(), dtype, (const char *)x, (char *)y,
                              (char *)slopes, lo, width, fa_splitmix64_mix(seed)};
    fa_parallel_for(n, fa_elsize(dtype), fa_grain_of(FA_OP_RRELU), fa_rrelu_range, &ctx);
}
