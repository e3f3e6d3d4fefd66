/* Special values, bitwise: +-0, +-inf, NaN, subnormal and boundary inputs
 * for every case and ISA, float32 and float64, against the __float128
 * reference rounded to the dtype (NaN: any NaN; zeros: with sign; finite
 * nonzero: within 4 ulp).  Prints only mismatches and a summary. */
#include <float.h>
#include <math.h>
#include <quadmath.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "../../src_c/fa_common.h"
#include "ref.h"

#define DECL(name) \
    void k32_##name##_base(size_t, const float *, float *, const fa_scalars_f32 *); \
    void k32_##name##_avx2(size_t, const float *, float *, const fa_scalars_f32 *); \
    void k32_##name##_avx512(size_t, const float *, float *, const fa_scalars_f32 *); \
    void k64_##name##_base(size_t, const double *, double *, const fa_scalars_f64 *); \
    void k64_##name##_avx2(size_t, const double *, double *, const fa_scalars_f64 *); \
    void k64_##name##_avx512(size_t, const double *, double *, const fa_scalars_f64 *);
DECL(swish) DECL(quick_gelu) DECL(celu) DECL(logsigmoid) DECL(gaussian)
DECL(soft_exponential) DECL(tanhshrink) DECL(exp) DECL(expm1) DECL(log1p)
typedef void (*k32)(size_t, const float *, float *, const fa_scalars_f32 *);
typedef void (*k64)(size_t, const double *, double *, const fa_scalars_f64 *);
#define K(name) {k32_##name##_base, k32_##name##_avx2, k32_##name##_avx512}, \
                {k64_##name##_base, k64_##name##_avx2, k64_##name##_avx512}
typedef struct { const char *name; int fn; k32 f[3]; k64 d[3]; double params[10]; int np; } fcase;
static const fcase cases[] = {
    {"swish", F_SWISH, K(swish), {1, 1.702, 0.5, 2, -1, -0.3, 0, 10, 1e-3, 1e-30}, 10},
    {"quick_gelu", F_QGELU, K(quick_gelu), {0}, 1},
    {"celu", F_CELU, K(celu), {1, 0.5, 2.75, 1e-3, 100}, 5},
    {"logsigmoid", F_LOGSIG, K(logsigmoid), {0}, 1},
    {"gaussian", F_GAUSS, K(gaussian), {0}, 1},
    {"soft_exp", F_SOFTEXP, K(soft_exponential), {0.5, -0.5, 1, -1, 2, -0.1, 0.01, 0}, 8},
    {"tanhshrink", F_TSHRINK, K(tanhshrink), {0}, 1},
    {"exp", F_EXP, K(exp), {0}, 1},
    {"expm1", F_EXPM1, K(expm1), {0}, 1},
    {"log1p", F_LOG1P, K(log1p), {0}, 1},
};
static const char *isa[3] = {"base", "avx2", "avx512"};

static int check32(float y, float e)
{
    if (isnan(e)) return isnan(y);
    if (e == 0 || isinf(e)) { uint32_t a, b; memcpy(&a, &y, 4); memcpy(&b, &e, 4); return a == b; }
    if (isnan(y) || isinf(y)) return 0;
    if (fabsf(e) < FLT_MIN) return fabsf(y - e) <= FLT_MIN;
    return fabs((double)y - e) <= 4 * fabs((double)e) * 0x1p-23;
}
static int check64(double y, double e)
{
    if (isnan(e)) return isnan(y);
    if (e == 0 || isinf(e)) { uint64_t a, b; memcpy(&a, &y, 8); memcpy(&b, &e, 8); return a == b; }
    if (isnan(y) || isinf(y)) return 0;
    if (fabs(e) < DBL_MIN) return fabs(y - e) <= DBL_MIN;
    return fabs(y - e) <= 4 * fabs(e) * 0x1p-52;
}

int main(void)
{
    float in32[] = {0.0f, -0.0f, INFINITY, -INFINITY, NAN, -NAN, 0x1p-149f, -0x1p-149f, 0x1p-130f, -0x1p-130f,
        FLT_MIN, -FLT_MIN, FLT_MAX, -FLT_MAX, 1e-20f, -1e-20f, 1.0f, -1.0f, -0.99999994f, -1.0000001f, 88.7f,
        89.5f, -87.5f, -103.5f, -120.0f, 150.0f, -150.0f, 1e30f, -1e30f, 2.0f, -2.0f, 0.3f, -0.3f, 25.0f, -25.0f};
    double in64[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, -NAN, DBL_TRUE_MIN, -DBL_TRUE_MIN, 0x1p-1030, -0x1p-1030,
        DBL_MIN, -DBL_MIN, DBL_MAX, -DBL_MAX, 1e-200, -1e-200, 1.0, -1.0, -1 + 0x1p-53, -1 - 0x1p-52, 709.7, 709.8,
        -708.0, -745.0, -746.0, 800.0, -800.0, 1e300, -1e300, 2.0, -2.0, 0.3, -0.3, 25.0, -25.0, 1500.0, -1500.0};
    size_t n32 = sizeof in32 / 4, n64 = sizeof in64 / 8;
    int bad = 0, checked = 0;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (int p = 0; p < cases[c].np; p++) {
            double a = cases[c].params[p];
            fa_scalars_f32 s32 = {(float)a, 0, 0, 0};
            fa_scalars_f64 s64 = {a, 0, 0, 0};
            for (int k = 0; k < 3; k++) {
                float y32[64];
                double y64[64];
                cases[c].f[k](n32, in32, y32, &s32);
                cases[c].d[k](n64, in64, y64, &s64);
                for (size_t i = 0; i < n32; i++) {
                    float e = (float)ref_q(cases[c].fn, in32[i], (float)a, isinf(in32[i]));
                    checked++;
                    if (!check32(y32[i], e)) {
                        bad++;
                        printf("f32 %-10s a=%-6g %-6s x=%a: got %a expected %a\n", cases[c].name, a, isa[k],
                               in32[i], y32[i], e);
                    }
                }
                for (size_t i = 0; i < n64; i++) {
                    double e = (double)ref_q(cases[c].fn, in64[i], a, isinf(in64[i]));
                    checked++;
                    if (!check64(y64[i], e)) {
                        bad++;
                        printf("f64 %-10s a=%-6g %-6s x=%a: got %a expected %a\n", cases[c].name, a, isa[k],
                               in64[i], y64[i], e);
                    }
                }
            }
        }
    }
    printf("%d special-value checks, %d mismatches\n", checked, bad);
    return bad != 0;
}
