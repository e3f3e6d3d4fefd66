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

int fa_openmp_enabled(void);
void fa_set_num_threads(int n);    /* n >= 1 fixes the count; 0 = follow OpenMP's default */
int fa_get_num_threads(void);      /* the count a large call would use now */
int fa_get_num_threads_setting(void);
void fa_set_grain(int kid, size_t elements);  /* serial below this many elements */
size_t fa_get_grain(int kid);

#endif
