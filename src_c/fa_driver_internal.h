/*
 * fa_driver_internal.h - what the two driver files (fa_driver.c,
 * fa_driver_axis.c) share; not part of the API the Cython layer sees.
 */
#ifndef FASTACT_DRIVER_INTERNAL_H
#define FASTACT_DRIVER_INTERNAL_H

#include "fa_api.h"

/* fn(ctx, begin, end) over [0, n): serially below grain (in the same units
 * as n), else one contiguous chunk per thread, each chunk a multiple of
 * 64 / elsize units (pass elsize = 64 for units that are not elements). */
typedef void (*fa_range_fn)(const void *ctx, size_t begin, size_t end);
void fa_parallel_for(size_t n, size_t elsize, size_t grain, fa_range_fn fn, const void *ctx);
/* the same with at most nthreads threads */
void fa_parallel_for_n(size_t n, size_t elsize, size_t grain, fa_range_fn fn, const void *ctx,
                       int nthreads);

size_t fa_grain_of(int op);     /* elements */

/* RReLU's slopes are lower + width * u: lower and width as the kernels of
 * dtype use them (float32 rounds the width in float). */
void fa_rrelu_slope_range(int dtype, double lower, double upper, double *lo, double *width);
size_t fa_elsize(int dtype);

#endif
