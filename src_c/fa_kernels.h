/*
 * fa_kernels.h - the list of elementwise kernels and the per-ISA table type.
 *
 * FA_UNARY_KERNELS is the one place in C that names the kernels.  Adding an
 * elementwise activation in C means writing fa_<name>_f32/_f64 element
 * functions (fa_math_f32.h / fa_math_f64.h) and adding one X(<name>) here;
 * the per-ISA loops, the dispatch tables and the kernel-name lookup are all
 * generated from this list.  The Python registry refers to kernels by name.
 */
#ifndef FASTACT_KERNELS_H
#define FASTACT_KERNELS_H

#include "fa_common.h"

#define FA_UNARY_KERNELS(X) \
    X(relu)                 \
    X(leaky_relu)           \
    X(elu)                  \
    X(selu)                 \
    X(sigmoid)              \
    X(tanh)                 \
    X(silu)                 \
    X(softplus)             \
    X(gelu)                 \
    X(gelu_tanh)            \
    X(mish)

enum fa_kernel_id {
#define FA_ENUM_ENTRY(name) FA_K_##name,
    FA_UNARY_KERNELS(FA_ENUM_ENTRY)
#undef FA_ENUM_ENTRY
    FA_K_COUNT
};

/* A kernel: single-threaded, vectorised, one ISA.  y == x (in place) is
 * allowed; any other overlap is not (the Cython layer guarantees it). */
typedef void (*fa_unary_f32_fn)(size_t n, const float *x, float *y, const fa_scalars_f32 *s);
typedef void (*fa_unary_f64_fn)(size_t n, const double *x, double *y, const fa_scalars_f64 *s);

typedef struct {
    const char *isa;
    fa_unary_f32_fn f32[FA_K_COUNT];
    fa_unary_f64_fn f64[FA_K_COUNT];
} fa_kernel_table;

/* Instruction-set levels, lowest first. */
enum fa_isa { FA_ISA_BASELINE = 0, FA_ISA_AVX2 = 1, FA_ISA_AVX512 = 2, FA_ISA_COUNT = 3 };

extern const fa_kernel_table fa_table_baseline;
#if defined(FA_HAVE_X86_DISPATCH)
extern const fa_kernel_table fa_table_avx2;
extern const fa_kernel_table fa_table_avx512;
#endif

#endif
