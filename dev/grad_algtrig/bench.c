/* Speed of the backward loops of fa_grad_algtrig.h against the forward loops
 * (same shapes as production: PLAIN / GUARDED), 1 thread, out of place.
 *   ./bin/bench [n=1048576] [reps=15] [lo hi]   x uniform in [lo,hi] (default
 *   [-10,10]; isru/isrlu alpha = 1), g uniform in [-1,1].
 * Per ISA and dtype: forward ns/elem, backward ns/elem, ratio.  The forward and
 * backward runs are interleaved (fwd, bwd, fwd, bwd, ...) and the minimum over
 * the repetitions is reported, to be robust to the noise of a shared machine. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "fa_common.h"

#define D3(T, k) void k##_base(); void k##_avx2(); void k##_avx512();
#define DF(n) D3(, kf_##n##_f32) D3(, kf_##n##_f64) D3(, kg_##n##_f32) D3(, kg_##n##_f64)
DF(arctan) DF(softsign) DF(isru) DF(isrlu) DF(bent_identity) DF(sinusoid) DF(sinc) DF(sinc_normalized)
typedef void (*fw32)(size_t, const float *, float *, const fa_scalars_f32 *);
typedef void (*bw32)(size_t, const float *, const float *, float *, const fa_scalars_f32 *);
typedef void (*fw64)(size_t, const double *, double *, const fa_scalars_f64 *);
typedef void (*bw64)(size_t, const double *, const double *, double *, const fa_scalars_f64 *);
#define K3(k) {(void *)k##_base, (void *)k##_avx2, (void *)k##_avx512}
typedef struct { const char *name; void *f32[3], *g32[3], *f64[3], *g64[3]; } bc;
#define E(n) {#n, K3(kf_##n##_f32), K3(kg_##n##_f32), K3(kf_##n##_f64), K3(kg_##n##_f64)}
static const bc cs[] = {E(arctan), E(softsign), E(isru), E(isrlu), E(bent_identity), E(sinusoid), E(sinc), E(sinc_normalized)};
static const char *isa[3] = {"base", "avx2", "avx512"};

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }
static uint64_t rs = 0x12345678abcdefULL;
static double urand(void) { rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27; return ((rs * 2685821657736338717ULL) >> 11) * 0x1p-53; }

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)atol(argv[1]) : (1u << 20);
    int reps = argc > 2 ? atoi(argv[2]) : 15;
    double lo = argc > 4 ? atof(argv[3]) : -10, hi = argc > 4 ? atof(argv[4]) : 10;
    const char *only = getenv("FA_ONLY");
    float *x32 = aligned_alloc(64, n * 4), *g32 = aligned_alloc(64, n * 4), *y32 = aligned_alloc(64, n * 4);
    double *x64 = aligned_alloc(64, n * 8), *g64 = aligned_alloc(64, n * 8), *y64 = aligned_alloc(64, n * 8);
    for (size_t i = 0; i < n; i++) {
        x64[i] = lo + (hi - lo) * urand(); g64[i] = 2 * urand() - 1;
        x32[i] = (float)x64[i]; g32[i] = (float)g64[i];
    }
    fa_scalars_f32 s32 = {1, 0, 0, 0};
    fa_scalars_f64 s64 = {1, 0, 0, 0};
    printf("n=%zu, x uniform in [%g, %g], min of %d interleaved runs, ns/elem: fwd / bwd (ratio)\n", n, lo, hi, reps);
    for (size_t c = 0; c < sizeof cs / sizeof cs[0]; c++) {
        if (only && strcmp(only, cs[c].name)) continue;
        for (int t = 0; t < 2; t++) {
            printf("%-16s %s", cs[c].name, t ? "f64" : "f32");
            for (int k = 0; k < 3; k++) {
                double bf = 1e9, bb = 1e9;
                for (int r = 0; r < reps; r++) {
                    double t0 = now();
                    if (t) ((fw64)cs[c].f64[k])(n, x64, y64, &s64); else ((fw32)cs[c].f32[k])(n, x32, y32, &s32);
                    double t1 = now();
                    if (t) ((bw64)cs[c].g64[k])(n, g64, x64, y64, &s64); else ((bw32)cs[c].g32[k])(n, g32, x32, y32, &s32);
                    double t2 = now();
                    if (t1 - t0 < bf) bf = t1 - t0;
                    if (t2 - t1 < bb) bb = t2 - t1;
                }
                printf("  %s %5.2f / %5.2f (%.2f)", isa[k], bf * 1e9 / n, bb * 1e9 / n, bb / bf);
            }
            printf("\n");
            fflush(stdout);
        }
    }
    return 0;
}
