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

#define FA_CAT2(a, b) a##b
#define FA_CAT(a, b) FA_CAT2(a, b)
#define FA_LOOP_NAME(name, T) FA_CAT(FA_CAT(fa_loop_##name##_, T), FA_CAT(_, FA_TABLE_NAME))

#define FA_DEFINE_LOOPS(name)                                                        \
    static void FA_LOOP_NAME(name, f32)(size_t n, const float *x, float *y,          \
                                        const fa_scalars_f32 *sp) {                  \
        const fa_scalars_f32 s = *sp;                                                \
        _Pragma("omp simd")                                                          \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_f32(x[i], s);              \
    }                                                                                \
    static void FA_LOOP_NAME(name, f64)(size_t n, const double *x, double *y,        \
                                        const fa_scalars_f64 *sp) {                  \
        const fa_scalars_f64 s = *sp;                                                \
        _Pragma("omp simd")                                                          \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_f64(x[i], s);              \
    }

FA_UNARY_KERNELS(FA_DEFINE_LOOPS)

#define FA_F32_ENTRY(name) FA_LOOP_NAME(name, f32),
#define FA_F64_ENTRY(name) FA_LOOP_NAME(name, f64),

const fa_kernel_table FA_TABLE_NAME = {
    FA_ISA_NAME,
    { FA_UNARY_KERNELS(FA_F32_ENTRY) },
    { FA_UNARY_KERNELS(FA_F64_ENTRY) },
};
