/* Accuracy checker and benchmark for src_c/fa_math_f64.h.
 *   ./check_f64 [npoints_millions]   accuracy (all functions x 3 ISAs)
 *   ./check_f64 bench                ns/elem at 1M doubles, 1 thread
 * See README.md. */
#include <float.h>
#include <math.h>
#include <quadmath.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "fa_common.h"
#include "ref.h"

typedef void (*kfn)(size_t, const double *, double *, const fa_scalars_f64 *);
#define DECL(name) \
    void k_##name##_baseline(size_t, const double *, double *, const fa_scalars_f64 *); \
    void k_##name##_avx2(size_t, const double *, double *, const fa_scalars_f64 *);     \
    void k_##name##_avx512(size_t, const double *, double *, const fa_scalars_f64 *);
DECL(relu) DECL(leaky_relu) DECL(elu) DECL(selu) DECL(sigmoid) DECL(tanh)
DECL(silu) DECL(softplus) DECL(gelu) DECL(gelu_tanh) DECL(mish)
#define K3(name) { k_##name##_baseline, k_##name##_avx2, k_##name##_avx512 }

typedef struct { const char *name; int fn; kfn k[3]; double p[4]; } tcase;
static const tcase cases[] = {
    {"relu", F_RELU, K3(relu), {0}},
    {"leaky_relu(0.01)", F_LEAKY, K3(leaky_relu), {0.01}},
    {"leaky_relu(0.2)", F_LEAKY, K3(leaky_relu), {0.2}},
    {"elu(1)", F_ELU, K3(elu), {1.0}},
    {"elu(0.7)", F_ELU, K3(elu), {0.7}},
    {"selu", F_SELU, K3(selu), {0}},
    {"sigmoid", F_SIGMOID, K3(sigmoid), {0}},
    {"tanh", F_TANH, K3(tanh), {0}},
    {"silu", F_SILU, K3(silu), {0}},
    {"softplus(1,20)", F_SOFTPLUS, K3(softplus), {1.0, 20.0}},
    {"softplus(2,20)", F_SOFTPLUS, K3(softplus), {2.0, 20.0}},
    {"softplus(0.5,10)", F_SOFTPLUS, K3(softplus), {0.5, 10.0}},
    {"softplus(3.7,20)", F_SOFTPLUS, K3(softplus), {3.7, 20.0}},
    {"softplus(1e-3,20)", F_SOFTPLUS, K3(softplus), {1e-3, 20.0}},
    {"gelu", F_GELU, K3(gelu), {0}},
    {"gelu_tanh", F_GELU_TANH, K3(gelu_tanh), {0}},
    {"mish", F_MISH, K3(mish), {0}},
};
#define NCASES (sizeof cases / sizeof cases[0])
static const char *isa_names[3] = {"baseline", "avx2", "avx512"};

/* xorshift64* */
static uint64_t rs = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void) { rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27; return rs * 2685821657736338717ULL; }
static double urand(void) { return (rnd() >> 11) * 0x1p-53; }
static double uni(double a, double b) { return a + (b - a) * urand(); }

static size_t gen_points(double *x, size_t n) {
    size_t i = 0;
    static const double specials[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, DBL_MIN, -DBL_MIN,
        DBL_TRUE_MIN, -DBL_TRUE_MIN, DBL_MAX, -DBL_MAX, 1.0, -1.0, 0.5, -0.5, 20, -20, 22, -22,
        30, -30, 40, -40, 709.78, -709.78, 745.2, -745.2, 1e-300, -1e-300, 0x1p-1022 * 3, -0x1p-1022 * 3};
    for (size_t j = 0; j < sizeof specials / sizeof specials[0]; j++) x[i++] = specials[j];
    /* windows around cut-offs and the interesting tails */
    static const double win[][2] = {
        {-0.6, 0.6}, {0.45, 0.65}, {-0.65, -0.45}, {19, 23}, {-23, -19}, {26, 31}, {-31, -20},
        {-41, -34}, {34, 41}, {-760, -690}, {690, 760}, {-3, 3}, {-12, 12}, {-6, -3}, {-40, -20},
    };
    size_t nwin = sizeof win / sizeof win[0];
    size_t n_bits = n / 6, n_uni = n / 3, n_tiny = n / 12, n_log = n / 12, n_wide = n / 24;
    for (size_t j = 0; j < n_bits; j++) x[i++] = fa_from_bits_f64(rnd());
    for (size_t j = 0; j < n_uni; j++) x[i++] = uni(-40, 40);
    for (size_t j = 0; j < n_tiny; j++) {          /* |x| in [2^-1074, 2^-8], log-uniform */
        int e = (int)(rnd() % 1067) - 1074;
        double m = 1.0 + urand();
        double v = e < -1022 ? ldexp(floor(ldexp(m, e + 1074)), -1074) : ldexp(m, e);
        x[i++] = (rnd() & 1) ? -v : v;
    }
    for (size_t j = 0; j < n_log; j++) { double v = exp2(uni(-10, 10)); x[i++] = (rnd() & 1) ? -v : v; }
    for (size_t j = 0; j < n_wide; j++) x[i++] = uni(-800, 800);
    while (i < n) { size_t w = rnd() % nwin; x[i++] = uni(win[w][0], win[w][1]); }
    return i;
}

static double ulp_err(double y, __float128 r, int *floor_used) {
    if (isnanq(r)) return isnan(y) ? 0 : INFINITY;
    if (isnan(y)) return INFINITY;
    double rd = (double)r;
    if (isinf(y) || isinf(rd)) return (y == rd) ? 0 : INFINITY;
    __float128 ar = fabsq(r), d = fabsq((__float128)y - r);
    if (ar < DBL_MIN) {
        if (d <= DBL_MIN) { if (d > 0) *floor_used = 1; return 0; }
        return (double)(d / 0x1p-1074Q);
    }
    int e;
    frexpq(ar, &e);
    return (double)(d / ldexpq(1, e - 53));
}

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

static int bench(void) {
    size_t n = 1000000;
    double *x = aligned_alloc(64, n * 8), *y = aligned_alloc(64, n * 8);
    for (size_t i = 0; i < n; i++) x[i] = uni(-10, 10);
    printf("%-18s %10s %10s %10s   (ns/elem, 1M doubles in [-10,10], 1 thread, best of 15)\n", "function", "baseline", "avx2", "avx512");
    for (size_t c = 0; c < NCASES; c++) {
        printf("%-18s", cases[c].name);
        for (int k = 0; k < 3; k++) {
            fa_scalars_f64 s = {cases[c].p[0], cases[c].p[1], 0, 0};
            double best = 1e9;
            for (int rep = 0; rep < 15; rep++) {
                double t0 = now();
                cases[c].k[k](n, x, y, &s);
                double t1 = now();
                if (t1 - t0 < best) best = t1 - t0;
            }
            printf(" %10.3f", best * 1e9 / n);
        }
        printf("\n");
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "bench")) return bench();
    double mill = argc > 1 ? atof(argv[1]) : 12;
    const char *only = argc > 2 ? argv[2] : NULL;
    size_t n = (size_t)(mill * 1e6);
    double *x = malloc(n * 8), *y = malloc(n * 8);
    __float128 *r = malloc(n * sizeof(__float128));
    n = gen_points(x, n);
    int bad_total = 0;
    for (size_t c = 0; c < NCASES; c++) {
        if (only && !strstr(cases[c].name, only)) continue;
        #pragma omp parallel for schedule(static, 4096)
        for (size_t i = 0; i < n; i++) r[i] = ref_eval(cases[c].fn, x[i], cases[c].p);
        for (int k = 0; k < 3; k++) {
            fa_scalars_f64 s = {cases[c].p[0], cases[c].p[1], 0, 0};
            memcpy(y, x, n * 8);
            cases[c].k[k](n, y, y, &s);  /* in place */
            double worst = 0, wx = 0; int fl = 0, fails = 0;
            for (size_t i = 0; i < n; i++) {
                int f = 0;
                double e = ulp_err(y[i], r[i], &f);
                fl |= f;
                if (e > worst) { worst = e; wx = x[i]; }
                if (e > 4) fails++;
            }
            /* exact special-value semantics (bitwise) */
            printf("%-18s %-8s max %.3f ULP at x=%.17g (%a)%s%s\n", cases[c].name, isa_names[k], worst, wx, wx,
                   fl ? "  [subnormal floor used]" : "", fails ? "  ** >4 ULP **" : "");
            bad_total += fails;
        }
    }
    printf("%s (n=%zu points per function)\n", bad_total ? "FAIL" : "all within 4 ULP", n);
    return bad_total != 0;
}
