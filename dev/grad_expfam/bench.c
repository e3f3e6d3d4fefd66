/* Speed: backward (g, x) -> out vs forward x -> y, 1M elements, out of place,
 * 1 thread, per ISA, interleaved (fwd, bwd, fwd, bwd, ...), min of REPS.
 *   ./bench [f32|f64|all] [filter] [reps]
 * x uniform in [-10, 10] (log1p: [-0.99, 10]), g uniform in [-4, 4]. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xmmintrin.h>
#include "../../src_c/fa_common.h"

typedef void (*g32)(size_t, const float *, const float *, float *, const fa_scalars_f32 *);
typedef void (*g64)(size_t, const double *, const double *, double *, const fa_scalars_f64 *);
typedef void (*f32)(size_t, const float *, float *, const fa_scalars_f32 *);
typedef void (*f64)(size_t, const double *, double *, const fa_scalars_f64 *);
#define D1(n, I) \
    void kg32_##n##_##I(size_t, const float *, const float *, float *, const fa_scalars_f32 *); \
    void kg64_##n##_##I(size_t, const double *, const double *, double *, const fa_scalars_f64 *); \
    void kf32_##n##_##I(size_t, const float *, float *, const fa_scalars_f32 *); \
    void kf64_##n##_##I(size_t, const double *, double *, const fa_scalars_f64 *);
#define DECL(n) D1(n, base) D1(n, avx2) D1(n, avx512)
DECL(elu) DECL(selu) DECL(celu) DECL(exp) DECL(expm1) DECL(log1p) DECL(soft_exponential)
DECL(gaussian) DECL(gelu) DECL(gelu_tanh)
#define K3(n) {kg32_##n##_base, kg32_##n##_avx2, kg32_##n##_avx512}, {kg64_##n##_base, kg64_##n##_avx2, kg64_##n##_avx512}, \
              {kf32_##n##_base, kf32_##n##_avx2, kf32_##n##_avx512}, {kf64_##n##_base, kf64_##n##_avx2, kf64_##n##_avx512}
typedef struct { const char *name; g32 g32k[3]; g64 g64k[3]; f32 f32k[3]; f64 f64k[3]; double a; } tcase;
static const tcase cases[] = {
    {"elu", K3(elu), 1.0}, {"selu", K3(selu), 0}, {"celu", K3(celu), 1.0}, {"exp", K3(exp), 0},
    {"expm1", K3(expm1), 0}, {"log1p", K3(log1p), 0}, {"soft_exp(0.5)", K3(soft_exponential), 0.5},
    {"soft_exp(-0.5)", K3(soft_exponential), -0.5}, {"gaussian", K3(gaussian), 0}, {"gelu", K3(gelu), 0},
    {"gelu_tanh", K3(gelu_tanh), 0},
};
static const char *isa[3] = {"base", "avx2", "avx512"};
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

int main(int argc, char **argv)
{
    const char *dt = argc > 1 ? argv[1] : "all", *flt = argc > 2 ? argv[2] : NULL;
    int reps = argc > 3 ? atoi(argv[3]) : 25;
    if (getenv("FTZ")) _mm_setcsr(_mm_getcsr() | 0x8040);   /* diagnostic only */
    size_t n = 1 << 20;
    float *x32 = aligned_alloc(64, n * 4), *g32v = aligned_alloc(64, n * 4), *y32 = aligned_alloc(64, n * 4);
    double *x64 = aligned_alloc(64, n * 8), *g64v = aligned_alloc(64, n * 8), *y64 = aligned_alloc(64, n * 8);
    printf("%-15s %-4s %-6s %9s %9s %7s   (ns/elem, 1M, out of place, 1 thread, min of %d interleaved)\n", "case", "dt",
           "isa", "fwd", "bwd", "ratio", reps);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const tcase *C = &cases[c];
        if (flt && !strstr(C->name, flt)) continue;
        uint64_t st = 12345;
        double lo = strstr(C->name, "log1p") ? -0.99 : -10.0;
        for (size_t i = 0; i < n; i++) {
            st = st * 6364136223846793005ull + 1442695040888963407ull;
            double u = (double)(st >> 11) / 9007199254740992.0;
            st = st * 6364136223846793005ull + 1442695040888963407ull;
            double v = (double)(st >> 11) / 9007199254740992.0;
            x64[i] = lo + (10.0 - lo) * u; x32[i] = (float)x64[i];
            g64v[i] = 8 * v - 4; g32v[i] = (float)g64v[i];
        }
        fa_scalars_f32 s32 = {(float)C->a, 0, 0, 0};
        fa_scalars_f64 s64 = {C->a, 0, 0, 0};
        for (int d = 0; d < 2; d++) {
            if (strcmp(dt, "all") && strcmp(dt, d ? "f64" : "f32")) continue;
            for (int k = 0; k < 3; k++) {
                double bf = 1e9, bb = 1e9;
                for (int r = 0; r < reps; r++) {
                    double t0 = now();
                    if (d) C->f64k[k](n, x64, y64, &s64); else C->f32k[k](n, x32, y32, &s32);
                    double t1 = now();
                    if (d) C->g64k[k](n, g64v, x64, y64, &s64); else C->g32k[k](n, g32v, x32, y32, &s32);
                    double t2 = now();
                    if (t1 - t0 < bf) bf = t1 - t0;
                    if (t2 - t1 < bb) bb = t2 - t1;
                }
                printf("%-15s %-4s %-6s %9.3f %9.3f %7.2f\n", C->name, d ? "f64" : "f32", isa[k], bf * 1e9 / n, bb * 1e9 / n, bb / bf);
                fflush(stdout);
            }
        }
    }
    return 0;
}
