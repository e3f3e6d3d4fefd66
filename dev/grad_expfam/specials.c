/* Special values: prints g f'(x) for x in {NaN, +-inf, +-0, -1, 1} and
 * g in {1, -2, 0, NaN} per case, float32 and float64, and checks that all
 * three ISAs agree bitwise (NaN as NaN) and that NaN g or NaN x give NaN. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "../../src_c/fa_common.h"
#include "ref.h"
#define D1(n, I) \
    void kg32_##n##_##I(size_t, const float *, const float *, float *, const fa_scalars_f32 *); \
    void kg64_##n##_##I(size_t, const double *, const double *, double *, const fa_scalars_f64 *);
#define DECL(n) D1(n, base) D1(n, avx2) D1(n, avx512)
DECL(elu) DECL(selu) DECL(celu) DECL(exp) DECL(expm1) DECL(log1p) DECL(soft_exponential)
DECL(gaussian) DECL(gelu) DECL(gelu_tanh)
typedef void (*g32)(size_t, const float *, const float *, float *, const fa_scalars_f32 *);
typedef void (*g64)(size_t, const double *, const double *, double *, const fa_scalars_f64 *);
#define K3(n) {kg32_##n##_base, kg32_##n##_avx2, kg32_##n##_avx512}, {kg64_##n##_base, kg64_##n##_avx2, kg64_##n##_avx512}
static const struct { const char *name; g32 f[3]; g64 d[3]; double a; } C[] = {
    {"elu(1)", K3(elu), 1}, {"selu", K3(selu), 0}, {"celu(1)", K3(celu), 1}, {"exp", K3(exp), 0},
    {"expm1", K3(expm1), 0}, {"log1p", K3(log1p), 0}, {"softexp(0.5)", K3(soft_exponential), 0.5},
    {"softexp(0)", K3(soft_exponential), 0}, {"softexp(-0.5)", K3(soft_exponential), -0.5},
    {"gaussian", K3(gaussian), 0}, {"gelu", K3(gelu), 0}, {"gelu_tanh", K3(gelu_tanh), 0},
};
int main(void)
{
    const double xs[] = {NAN, INFINITY, -INFINITY, 0.0, -0.0, -1.0, 1.0};
    const double gs[] = {1.0, -2.0, 0.0, NAN};
    enum { NX = 7, NG = 4, N = NX * NG };
    int bad = 0;
    for (size_t c = 0; c < sizeof C / sizeof C[0]; c++) {
        float x32[N], g32v[N], y32[3][N];
        double x64[N], g64v[N], y64[3][N];
        for (int i = 0; i < N; i++) { x64[i] = xs[i % NX]; g64v[i] = gs[i / NX]; x32[i] = (float)x64[i]; g32v[i] = (float)g64v[i]; }
        fa_scalars_f32 s32 = {(float)C[c].a, 0, 0, 0};
        fa_scalars_f64 s64 = {C[c].a, 0, 0, 0};
        for (int k = 0; k < 3; k++) { C[c].f[k](N, g32v, x32, y32[k], &s32); C[c].d[k](N, g64v, x64, y64[k], &s64); }
        printf("%-14s", C[c].name);
        for (int i = 0; i < N; i++) {
            for (int k = 1; k < 3; k++) {
                if (!(y32[k][i] == y32[0][i] || (isnan(y32[k][i]) && isnan(y32[0][i])))) { bad++; printf(" [f32 ISA mismatch x=%g g=%g]", x64[i], g64v[i]); }
                if (!(y64[k][i] == y64[0][i] || (isnan(y64[k][i]) && isnan(y64[0][i])))) { bad++; printf(" [f64 ISA mismatch x=%g g=%g]", x64[i], g64v[i]); }
            }
            if ((isnan(x64[i]) || isnan(g64v[i])) && !(isnan(y32[0][i]) && isnan(y64[0][i]))) { bad++; printf(" [NaN not propagated x=%g g=%g]", x64[i], g64v[i]); }
            if (!(y32[0][i] == (float)y64[0][i] || (isnan(y32[0][i]) && isnan(y64[0][i])))) { bad++; printf(" [f32/f64 differ x=%g g=%g: %g %g]", x64[i], g64v[i], y32[0][i], y64[0][i]); }
        }
        printf("\n   g=1:  ");
        for (int i = 0; i < NX; i++) printf(" f'(%g)=%g", xs[i], y64[0][i]);
        printf("\n   g=0:  ");
        for (int i = 0; i < NX; i++) printf(" %g", y64[0][2 * NX + i]);
        printf("\n");
    }
    printf("%d problems\n", bad);
    return bad != 0;
}
