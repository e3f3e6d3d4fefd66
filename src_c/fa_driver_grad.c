/*
 * fa_driver_grad.c - threads the backward operations, on the same
 * fa_parallel_for as the forward ones (fa_driver.c).
 *
 *   fa_run_grad          out = g * f'(x), or f' from the forward's output y;
 *   fa_run_rrelu_grad    RReLU's training-mode backward: g times the slope
 *                        the forward drew (same generator, same index);
 *   fa_run_softmax_grad  the vector-Jacobian product of softmax, softmin or
 *                        log_softmax along an axis, from y;
 *   fa_run_maxout_grad   the gradient routed to the element each group's
 *                        maximum came from.
 * Every one writes only `out`, which may be g (or x / y) itself: each
 * element is read before it is written, and the reductions of the softmax
 * family finish before their row or column tile is written.
 */
#include "fa_api.h"
#include "fa_driver_internal.h"

/* ----------------------------------------------------------- elementwise */

typedef struct {
    fa_grad_f32_fn f32;
    fa_grad_f64_fn f64;
    int dtype;
    const char *g, *x;
    char *out;
    fa_scalars_f32 s32;
    fa_scalars_f64 s64;
} fa_grad_ctx;

static void fa_grad_range(const void *vctx, size_t b, size_t e) {
    const fa_grad_ctx *c = (const fa_grad_ctx *)vctx;
    if (c->dtype == FA_F32)
        c->f32(e - b, (const float *)c->g + b, (const float *)c->x + b, (float *)c->out + b,
               &c->s32);
    else
        c->f64(e - b, (const double *)c->g + b, (const double *)c->x + b, (double *)c->out + b,
               &c->s64);
}

int fa_has_grad(int kid, int from_y) {
    if (kid < 0 || kid >= FA_K_COUNT) return 0;
    const fa_kernel_table *t = fa_active_table();
    return from_y ? t->grad_y_f32[kid] != NULL : t->grad_f32[kid] != NULL;
}

int fa_run_grad(int kid, int from_y, int dtype, size_t n, const void *g, const void *x, void *out,
                double a, double b, double c, double d) {
    if (!fa_has_grad(kid, from_y)) return -2;
    if (n == 0) return 0;
    const fa_kernel_table *t = fa_active_table();
    const fa_grad_ctx ctx = {from_y ? t->grad_y_f32[kid] : t->grad_f32[kid],
                             from_y ? t->grad_y_f64[kid] : t->grad_f64[kid],
                             dtype, (const char *)g, (const char *)x, (char *)out,
                             {(float)a, (float)b, (float)c, (float)d}, {a, b, c, d}};
    fa_parallel_for(n, fa_elsize(dtype), fa_grain_of(kid), fa_grad_range, &ctx);
    return 0;
}

/* ----------------------------------------------------------------- rrelu */

typedef struct {
    const fa_kernel_table *t;
    int dtype;
    const char *g, *x;
    char *out;
    double lower, width;
    uint64_t key;
} fa_rrelu_grad_ctx;

static void fa_rrelu_grad_range(const void *vctx, size_t b, size_t e) {
    const fa_rrelu_grad_ctx *c = (const fa_rrelu_grad_ctx *)vctx;
    if (c->dtype == FA_F32)
        c->t->rrelu_grad_f32(e - b, (const float *)c->g + b, (const float *)c->x + b,
                             (float *)c->out + b, (float)c->lower, (float)c->width, c->key, b);
    else
        c->t->rrelu_grad_f64(e - b, (const double *)c->g + b, (const double *)c->x + b,
                             (double *)c->out + b, c->lower, c->width, c->key, b);
}

void fa_run_rrelu_grad(int dtype, size_t n, const void *g, const void *x, void *out,
                       double lower, double upper, uint64_t seed) {
    if (n == 0) return;
    double lo, width;
    fa_rrelu_slope_range(dtype, lower, upper, &lo, &width);   /* the forward's slopes */
    const fa_rrelu_grad_ctx ctx = {fa_active_table(), dtype, (const char *)g, (const char *)x,
                                   (char *)out, lo, width, fa_splitmix64_mix(seed)};
    fa_parallel_for(n, fa_elsize(dtype), fa_grain_of(FA_OP_RRELU_GRAD), fa_rrelu_grad_range,
                    &ctx);
}

/* --------------------------------------------------------------- softmax */

/* Columns are worked on in tiles of this many (the dots of a tile live on
 * the stack). */
#define FA_SMG_TILE 512

typedef struct {
    const fa_kernel_table *t;
    int dtype, mode, take_log;
    size_t L, inner, tiles;
    const char *g, *y;
    char *out;
} fa_smg_ctx;

/* rows: units are rows of L contiguous elements */
static void fa_smg_rows(const void *vctx, size_t b, size_t e) {
    const fa_smg_ctx *c = (const fa_smg_ctx *)vctx;
    for (size_t r = b; r < e; r++) {
        const size_t off = r * c->L;
        if (c->dtype == FA_F32) {
            const fa_axis_kernels_f32 *k = c->t->axis_f32;
            const float *g = (const float *)c->g + off, *y = (const float *)c->y + off;
            const double dot = k->softmax_grad_dot(c->L, g, y, c->take_log);
            k->softmax_grad_apply(c->L, g, y, (float *)c->out + off, dot, c->mode);
        } else {
            const fa_axis_kernels_f64 *k = c->t->axis_f64;
            const double *g = (const double *)c->g + off, *y = (const double *)c->y + off;
            const double dot = k->softmax_grad_dot(c->L, g, y, c->take_log);
            k->softmax_grad_apply(c->L, g, y, (double *)c->out + off, dot, c->mode);
        }
    }
}

/* columns: units are (outer index, column tile) pairs */
static void fa_smg_cols(const void *vctx, size_t b, size_t e) {
    const fa_smg_ctx *c = (const fa_smg_ctx *)vctx;
    double dots[FA_SMG_TILE];
    for (size_t u = b; u < e; u++) {
        const size_t o = u / c->tiles, j0 = (u % c->tiles) * FA_SMG_TILE;
        const size_t w = c->inner - j0 < FA_SMG_TILE ? c->inner - j0 : FA_SMG_TILE;
        const size_t off = o * c->L * c->inner + j0;
        if (c->dtype == FA_F32) {
            const fa_axis_kernels_f32 *k = c->t->axis_f32;
            const float *g = (const float *)c->g + off, *y = (const float *)c->y + off;
            k->softmax_grad_col_dot(c->L, c->inner, w, g, y, c->take_log, dots);
            k->softmax_grad_col_apply(c->L, c->inner, w, g, y, (float *)c->out + off, dots,
                                      c->mode);
        } else {
            const fa_axis_kernels_f64 *k = c->t->axis_f64;
            const double *g = (const double *)c->g + off, *y = (const double *)c->y + off;
            k->softmax_grad_col_dot(c->L, c->inner, w, g, y, c->take_log, dots);
            k->softmax_grad_col_apply(c->L, c->inner, w, g, y, (double *)c->out + off, dots,
                                      c->mode);
        }
    }
}

int fa_run_softmax_grad(int take_log, int negate, int dtype, size_t outer, size_t L,
                        size_t inner, const void *g, const void *y, void *out) {
    if (outer == 0 || L == 0 || inner == 0) return 0;
    const int mode = take_log ? 2 : (negate ? 1 : 0);
    const size_t grain = fa_grain_of(FA_OP_SOFTMAX_GRAD);
    fa_smg_ctx ctx = {fa_active_table(), dtype, mode, take_log, L, inner, 0,
                      (const char *)g, (const char *)y, (char *)out};
    if (inner == 1) {
        const size_t rows_grain = grain / L ? grain / L : 1;
        /* elsize 64: a row is not an element; chunks need no alignment */
        fa_parallel_for(outer, 64, rows_grain, fa_smg_rows, &ctx);
    } else {
        ctx.tiles = (inner + FA_SMG_TILE - 1) / FA_SMG_TILE;
        const size_t per_unit = L * (inner < FA_SMG_TILE ? inner : FA_SMG_TILE);
        const size_t unit_grain = grain / per_unit ? grain / per_unit : 1;
        fa_parallel_for(outer * ctx.tiles, 64, unit_grain, fa_smg_cols, &ctx);
    }
    return 0;
}

/* ---------------------------------------------------------------- maxout */

typedef struct {
    const fa_kernel_table *t;
    int dtype;
    size_t p, inner;
    const char *g, *x;
    char *out;
} fa_mog_ctx;

static void fa_mog_range(const void *vctx, size_t b, size_t e) {
    const fa_mog_ctx *c = (const fa_mog_ctx *)vctx;
    const size_t in_off = b * c->p * c->inner, g_off = b * c->inner;
    if (c->dtype == FA_F32)
        c->t->axis_f32->maxout_grad(e - b, c->p, c->inner, (const float *)c->g + g_off,
                                    (const float *)c->x + in_off, (float *)c->out + in_off);
    else
        c->t->axis_f64->maxout_grad(e - b, c->p, c->inner, (const double *)c->g + g_off,
                                    (const double *)c->x + in_off, (double *)c->out + in_off);
}

void fa_run_maxout_grad(int dtype, size_t groups, size_t p, size_t inner, const void *g,
                        const void *x, void *out) {
    if (groups == 0 || p == 0 || inner == 0) return;
    const fa_mog_ctx ctx = {fa_active_table(), dtype, p, inner, (const char *)g,
                            (const char *)x, (char *)out};
    const size_t per = p * inner;
    const size_t grain = fa_grain_of(FA_OP_MAXOUT_GRAD) / per ? fa_grain_of(FA_OP_MAXOUT_GRAD) / per : 1;
    fa_parallel_for(groups, 64, grain, fa_mog_range, &ctx);
}
