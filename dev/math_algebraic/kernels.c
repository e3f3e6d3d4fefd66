/* Production-shaped loops over every element function of
 * src_c/fa_math_algebraic.h, compiled once per ISA (see Makefile); symbol
 * names get the ISA suffix FA_ISA.  Also the per-element-parameter ("rows")
 * loops for srelu and leaky_relu, shaped like FA_DEFINE_ROWS_LOOP in
 * src_c/fa_kernels_impl.h. */
#include "../../src_c/fa_math_algebraic.h"

#define CAT2(a, b) a##_##b
#define CAT(a, b) CAT2(a, b)
#define K32(name)                                                                       \
    void CAT(k32_##name, FA_ISA)(size_t n, const float *x, float *y, const fa_scalars_f32 *sp) \
    {                                                                                   \
        const fa_scalars_f32 s = *sp;                                                   \
        _Pragma("omp simd")                                                             \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_f32(x[i], s);                 \
    }
#define K64(name)                                                                       \
    void CAT(k64_##name, FA_ISA)(size_t n, const double *x, double *y, const fa_scalars_f64 *sp) \
    {                                                                                   \
        const fa_scalars_f64 s = *sp;                                                   \
        _Pragma("omp simd")                                                             \
        for (size_t i = 0; i < n; i++) y[i] = fa_##name##_f64(x[i], s);                 \
    }

K32(identity)
K64(identity)
K32(binary_step)
K64(binary_step)
K32(hardtanh)
K64(hardtanh)
K32(relu6)
K64(relu6)
K32(hardsigmoid)
K64(hardsigmoid)
K32(hardswish)
K64(hardswish)
K32(softshrink)
K64(softshrink)
K32(hardshrink)
K64(hardshrink)
K32(threshold)
K64(threshold)
K32(softsign)
K64(softsign)
K32(isru)
K64(isru)
K32(isrlu)
K64(isrlu)
K32(bent_identity)
K64(bent_identity)
K32(srelu)
K64(srelu)

/* per-element parameters: slot k of element i is p[k][i] */
void CAT(r32_srelu, FA_ISA)(size_t n, const float *x, float *y, const float *const *p)
{
    const float *p0 = p[0], *p1 = p[1], *p2 = p[2], *p3 = p[3];
    _Pragma("omp simd")
    for (size_t i = 0; i < n; i++) {
        const fa_scalars_f32 s = {p0[i], p1[i], p2[i], p3[i]};
        y[i] = fa_srelu_f32(x[i], s);
    }
}
void CAT(r64_srelu, FA_ISA)(size_t n, const double *x, double *y, const double *const *p)
{
    const double *p0 = p[0], *p1 = p[1], *p2 = p[2], *p3 = p[3];
    _Pragma("omp simd")
    for (size_t i = 0; i < n; i++) {
        const fa_scalars_f64 s = {p0[i], p1[i], p2[i], p3[i]};
        y[i] = fa_srelu_f64(x[i], s);
    }
}
void CAT(r32_leaky_relu, FA_ISA)(size_t n, const float *x, float *y, const float *const *p)
{
    const float *p0 = p[0];
    _Pragma("omp simd")
    for (size_t i = 0; i < n; i++) {
        const fa_scalars_f32 s = {p0[i], 0, 0, 0};
        y[i] = fa_leaky_relu_f32(x[i], s);
    }
}
void CAT(r64_leaky_relu, FA_ISA)(size_t n, const double *x, double *y, const double *const *p)
{
    const double *p0 = p[0];
    _Pragma("omp simd")
    for (size_t i = 0; i < n; i++) {
        const fa_scalars_f64 s = {p0[i], 0, 0, 0};
        y[i] = fa_leaky_relu_f64(x[i], s);
    }
}
/* the literal form from the task: s built from four arrays */
void CAT(a32_srelu, FA_ISA)(size_t n, const float *x, float *y, const float *a, const float *b,
                            const float *c, const float *d)
{
    _Pragma("omp simd")
    for (size_t i = 0; i < n; i++) y[i] = fa_srelu_f32(x[i], (fa_scalars_f32){a[i], b[i], c[i], d[i]});
}
void CAT(a32_leaky_relu, FA_ISA)(size_t n, const float *x, float *y, const float *w)
{
    _Pragma("omp simd")
    for (size_t i = 0; i < n; i++) y[i] = fa_leaky_relu_f32(x[i], (fa_scalars_f32){w[i], 0, 0, 0});
}
