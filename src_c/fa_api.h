/*
 * fa_api.h - what the Cython layer sees of the C side: ISA dispatch and the
 * threaded driver.  Kernel ids are the FA_K_* enum of fa_kernels.h.
 */
#ifndef FASTACT_API_H
#define FASTACT_API_H

#include "fa_kernels.h"

/* ---- dispatch (fa_dispatch.c) ---- */
int fa_isa_compiled(int isa);      /* 1 if this build contains kernels for isa */
int fa_isa_supported(int isa);     /* 1 if compiled and the CPU/OS can run it   */
int fa_best_isa(void);             /* highest supported level                   */
int fa_set_isa(int isa);           /* 0 ok, -1 not compiled, -2 not supported   */
int fa_get_isa(void);
const char *fa_isa_name(int isa);
int fa_kernel_count(void);
const char *fa_kernel_name(int kid);
const fa_kernel_table *fa_active_table(void);

/* ---- driver (fa_driver.c) ---- */
enum fa_dtype { FA_F32 = 0, FA_F64 = 1 };

/* y = kernel(x) over n contiguous elements of dtype; y == x allowed.
 * Parameters are given in double and rounded to the dtype here. */
void fa_run_unary(int kid, int dtype, size_t n, const void *x, void *y,
                  double a, double b, double c, double d);

/* y = kernel(x; parameters of x's channel) with x viewed as [outer][C][inner]
 * (contiguous).  op is a kernel id of FA_CHANNEL_KERNELS (nparam <= 4 slots)
 * or FA_OP_APL (nparam = 2S: a_0..a_{S-1}, b_0..b_{S-1}).  params[k * C + c]
 * is parameter k of channel c, rounded to the dtype here.  Returns 0, -1 if
 * memory ran out (nothing written), -2 for an invalid op/nparam. */
#define FA_MAX_CHANNEL_PARAMS 128
int fa_run_channel(int op, int dtype, size_t outer, size_t C, size_t inner,
                   const void *x, void *y, size_t nparam, const double *params);

/* RReLU, training mode: y = x <= 0 ? x * r_i : x, r_i = lower + (upper -
 * lower) u_i (rounded in the dtype), u_i uniform in [0, 1) from a counter-
 * based generator keyed by seed and the element index i.  slopes (may be
 * NULL) receives r_i where x <= 0 and 1 elsewhere. */
void fa_run_rrelu(int dtype, size_t n, const void *x, void *y, void *slopes,
                  double lower, double upper, uint64_t seed);

/* ---- along an axis and fused (fa_driver_axis.c); arrays contiguous, viewed
 * as [outer][L][inner] with L the length of the axis ---- */

/* softmax (take_log = 0) or log_softmax (take_log = 1) of x, or of -x (negate = 1:
 * softmin), along the axis.  y == x allowed.  0, or -1 when scratch memory
 * ran out (nothing written). */
int fa_run_softmax(int take_log, int negate, int dtype, size_t outer, size_t L, size_t inner,
                   const void *x, void *y);

/* y[g][j] = max over k < p of x[g][k][j]; x is [groups][p][inner]. */
void fa_run_maxout(int dtype, size_t groups, size_t p, size_t inner, const void *x, void *y);

/* y = kernel(x + bias[c]; a, b, c, d), x viewed as [outer][C][inner], bias
 * C values in the dtype.  y == x allowed.  0, -1 (no memory, nothing
 * written) or -2 (bad kernel id). */
int fa_run_bias_act(int kid, int dtype, size_t outer, size_t C, size_t inner, const void *x,
                    const void *bias, void *y, double a, double b, double c, double d);

/* y[o][j] = a[o*stride + j] * kernel(b[o*stride + j]; p0..p3) for o < outer,
 * j < run; y is [outer][run] and overlaps neither a nor b.  0, or -2
 * (a kernel id without a gated loop: see FA_GATE_KERNELS). */
int fa_run_gated(int kid, int dtype, size_t outer, size_t run, size_t stride, const void *a,
                 const void *b, void *y, double p0, double p1, double p2, double p3);

/* ---- backward (fa_driver_grad.c); contiguous buffers, out may be g ---- */

/* 1 if kernel kid has a backward kernel (from x, or from y if from_y). */
int fa_has_grad(int kid, int from_y);

/* out = g * f'(x) for kernel kid (from_y: f' as a function of y = f(x)).
 * 0, or -2 if kid has no such backward kernel. */
int fa_run_grad(int kid, int from_y, int dtype, size_t n, const void *g, const void *x, void *out,
                double a, double b, double c, double d);

/* RReLU training mode: out = g * (the slope fa_run_rrelu drew for x, seed). */
void fa_run_rrelu_grad(int dtype, size_t n, const void *g, const void *x, void *out,
                       double lower, double upper, uint64_t seed);

/* The VJP of softmax / softmin (negate) / log_softmax (take_log) along the
 * axis of [outer][L][inner] arrays, from the forward's output y. */
int fa_run_softmax_grad(int take_log, int negate, int dtype, size_t outer, size_t L,
                        size_t inner, const void *g, const void *y, void *out);

/* maxout's backward: g is [groups][inner], x and out are [groups][p][inner]. */
void fa_run_maxout_grad(int dtype, size_t groups, size_t p, size_t inner, const void *g,
                        const void *x, void *out);

int fa_openmp_enabled(void);
void fa_set_num_threads(int n);    /* n >= 1 fixes the count; 0 = follow OpenMP's default */
int fa_get_num_threads(void);      /* the count a large call would use now */
int fa_get_num_threads_setting(void);
void fa_set_grain(int op, size_t elements);  /* serial below this many elements */
size_t fa_get_grain(int op);

#endif
