/* fastact float64 trig: accuracy (vs __float128), specials, benchmark.
 *   ./c64 [millions] [name]   accuracy, default 10 M points per function, all ISAs
 *   ./c64 special             special values, bitwise
 *   ./c64 bench [lo hi]       ns/elem, 1M doubles uniform in [lo,hi] (default [-10,10])
 * Variants per function: production kernel per ISA (guarded block loop for
 * sinusoid / sinc, in place), fast loop alone on the points where that
 * ISA's fast_ok holds, slow function alone (base build, all points).
 * Error: |y - ref| / ulp(ref) (ulp of the true value in double); where
 * |ref| < DBL_MIN an absolute error <= DBL_MIN counts as 0.  NaN must give
 * NaN, finite truth must not give inf/NaN.  > 4 ULP fails. */
#include <float.h>
#include <math.h>
#include <quadmath.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "fa_common.h"

typedef void (*kfn)(size_t, const double *, double *, const fa_scalars_f64 *);
#define DECL1(k) \
    void k##_base(size_t, const double *, double *, const fa_scalars_f64 *); \
    void k##_avx2(size_t, const double *, double *, const fa_scalars_f64 *); \
    void k##_avx512(size_t, const double *, double *, const fa_scalars_f64 *);
DECL1(k_arctan_f64) DECL1(k_sinc_normalized_f64)
DECL1(k_sinusoid_f64) DECL1(k_sinusoid_fast_f64) DECL1(k_sinusoid_slow_f64)
DECL1(k_sinc_f64) DECL1(k_sinc_fast_f64) DECL1(k_sinc_slow_f64)
#define K3(k) {k##_base, k##_avx2, k##_avx512}

typedef __float128 Q;
enum { F_ATAN, F_SIN, F_SINC, F_SINCN };
static Q ref_eval(int fn, double x)
{
    if (isnan(x)) return nanq("");
    Q X = x;
    switch (fn) {
    case F_ATAN: return atanq(X);
    case F_SIN: return sinq(X);
    case F_SINC:
        if (x == 0) return 1;
        if (isinf(x)) return 0;
        return sinq(X) / X;
    default: {
        if (x == 0) return 1;
        if (isinf(x)) return 0;
        double n = nearbyint(x), f = x - n;    /* exact */
        if (f == 0) return 0;
        Q sg = fmod(fabs(n), 2.0) == 1.0 ? -1 : 1;
        return sg * sinq(M_PIq * (Q)f) / (M_PIq * X);
    }
    }
}

static const double xmax_isa[3] = {0x1p26, 0x1p40, 0x1p40};   /* FATR_XMAX_F64 per ISA */
typedef struct { const char *name; int fn; kfn k[3], kf[3], ks; } tcase;
static const tcase cases[] = {
    {"arctan", F_ATAN, K3(k_arctan_f64), {0}, 0},
    {"sinusoid", F_SIN, K3(k_sinusoid_f64), K3(k_sinusoid_fast_f64), k_sinusoid_slow_f64_base},
    {"sinc", F_SINC, K3(k_sinc_f64), K3(k_sinc_fast_f64), k_sinc_slow_f64_base},
    {"sinc_normalized", F_SINCN, K3(k_sinc_normalized_f64), {0}, 0},
};
#define NCASES (sizeof cases / sizeof cases[0])
static const char *isa_names[3] = {"base", "avx2", "avx512"};

static uint64_t rs = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void) { rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27; return rs * 2685821657736338717ULL; }
static double urand(void) { return (rnd() >> 11) * 0x1p-53; }
static double uni(double a, double b) { return a + (b - a) * urand(); }
static double sgn(double v) { return (rnd() & 1) ? -v : v; }
static double logu(double lo2, double hi2) { return exp2(uni(lo2, hi2)); }
static double nudge(double v, int j) { uint64_t u = fa_bits_f64(v); return fa_from_bits_f64(u + (int64_t)j); }

static double hard[4096]; static size_t nhard;

/* fn-specific mix; all functions also get random bits, ranges, specials */
static size_t gen_points(double *x, size_t n, int fn)
{
    size_t i = 0;
    static const double specials[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, DBL_MIN, -DBL_MIN,
        DBL_TRUE_MIN, -DBL_TRUE_MIN, DBL_MAX, -DBL_MAX, 1.0, -1.0, 0.5, -0.5, 1.5, 2, -3, 0x1p-27, 0x1p-26,
        0x1p26, -0x1p26, 0x1p40, -0x1p40, 0x1p51, 0x1p52, 0x1p53, 0x1.fffffffffffffp51, 0x1.8p51 + 0.5,
        0x1p100, 0x1p101, 1e300, 0x1.a827999fcef32p-2, 0x1.3504f333f9de6p+1};
    for (size_t j = 0; j < sizeof specials / sizeof specials[0]; j++) x[i++] = specials[j];
    for (size_t j = 0; j < nhard; j++) for (int d = -2; d <= 2; d++) { x[i++] = nudge(hard[j], d); x[i++] = -nudge(hard[j], d); }
    size_t nb = n / 8;
    for (size_t j = 0; j < nb; j++) x[i++] = fa_from_bits_f64(rnd());                 /* whole range */
    for (size_t j = 0; j < n / 8; j++) x[i++] = uni(-10, 10);
    for (size_t j = 0; j < n / 16; j++) x[i++] = uni(-1000, 1000);
    for (size_t j = 0; j < n / 8; j++) x[i++] = sgn(logu(-30, 45));                   /* |x| log-uniform */
    for (size_t j = 0; j < n / 32; j++) {                                              /* tiny incl. subnormal */
        int e = (int)(rnd() % 1050) - 1074;
        double v = ldexp(1.0 + urand(), e);
        if (e < -1022) v = ldexp(floor(ldexp(v, 1074)), -1074);
        x[i++] = sgn(v);
    }
    for (size_t j = 0; j < n / 32; j++) {                                              /* fast-range edges */
        static const double ed[] = {0x1p26, 0x1p40, 0x1p-27, 0x1p52, 0x1p51, 0.25, 0.75};
        double e0 = ed[rnd() % 7];
        x[i++] = sgn(nudge(e0, (int)(rnd() % 2001) - 1000));
    }
    if (fn == F_SIN || fn == F_SINC) {
        /* nearest doubles to k pi/2 (+-3 ulps), k log-uniform up to 2^41 */
        while (i < n - n / 16) {
            double k = nearbyint(exp2(uni(0, 41)));
            double v = (double)(k * (M_PIq / 2));
            x[i++] = sgn(nudge(v, (int)(rnd() % 7) - 3));
        }
    } else if (fn == F_SINCN) {
        /* near integers / half-integers, all magnitudes up to 2^53 */
        while (i < n - n / 16) {
            double m = nearbyint(exp2(uni(0, 53)));
            double v = (rnd() & 1) ? m : m + 0.5;
            int d = (int)(rnd() % 41) - 20;
            double w = nudge(v, d);
            if (rnd() % 4 == 0) w = v + sgn(ldexp(1.0 + urand(), -(int)(rnd() % 60)));
            x[i++] = sgn(w);
        }
    } else {
        /* atan: windows around the interval switches, 1, large */
        static const double wv[] = {0x1.a827999fcef32p-2, 0x1.3504f333f9de6p+1, 1.0, 0x1p100};
        while (i < n - n / 16) {
            double c0 = wv[rnd() % 4];
            x[i++] = sgn((rnd() & 1) ? nudge(c0, (int)(rnd() % 20001) - 10000) : c0 * (1 + uni(-0.01, 0.01)));
        }
    }
    while (i < n) x[i++] = uni(-4, 4);
    return i;
}

static double ulp_err(double y, Q r, int *floor_used)
{
    if (isnanq(r)) return isnan(y) ? 0 : INFINITY;
    if (isnan(y)) return INFINITY;
    double rd = (double)r;
    if (isinf(y) || isinf(rd)) return (y == rd) ? 0 : INFINITY;
    Q ar = fabsq(r), d = fabsq((Q)y - r);
    if (ar < DBL_MIN) {
        if (d <= DBL_MIN) { if (d > 0) *floor_used = 1; return 0; }
        return (double)(d / 0x1p-1074Q);
    }
    int e;
    frexpq(ar, &e);
    return (double)(d / ldexpq(1, e - 53));
}

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

static void report(const char *name, const char *var, const double *x, const double *y, const Q *r, size_t n, int *bad)
{
    double worst = 0, wx = 0; int fl = 0; size_t fails = 0;
    for (size_t i = 0; i < n; i++) {
        int f = 0;
        double e = ulp_err(y[i], r[i], &f);
        fl |= f;
        if (e > worst) { worst = e; wx = x[i]; }
        if (e > 4) fails++;
    }
    printf("%-16s %-12s n=%-9zu max %.3f ULP at x=%.17g (%a)%s%s\n", name, var, n, worst, wx, wx,
           fl ? "  [subnormal floor used]" : "", fails ? "  ** >4 ULP **" : "");
    *bad += fails != 0;
}

static int accuracy(double mill, const char *only)
{
    size_t n = (size_t)(mill * 1e6);
    size_t cap = n + 64 + 10 * nhard;
    double *x = malloc(cap * 8), *y = malloc(cap * 8), *xs = malloc(cap * 8), *ys = malloc(cap * 8);
    Q *r = malloc(cap * sizeof(Q)), *rsub = malloc(cap * sizeof(Q));
    int bad = 0;
    for (size_t c = 0; c < NCASES; c++) {
        if (only && strcmp(cases[c].name, only)) continue;
        rs = 0x9E3779B97F4A7C15ULL + c;
        size_t m = gen_points(x, n, cases[c].fn);
        double t0 = now();
        for (size_t i = 0; i < m; i++) r[i] = ref_eval(cases[c].fn, x[i]);
        fprintf(stderr, "%s: %zu refs in %.0f s\n", cases[c].name, m, now() - t0);
        fa_scalars_f64 s = {0, 0, 0, 0};
        for (int k = 0; k < 3; k++) {
            memcpy(y, x, m * 8);
            cases[c].k[k](m, y, y, &s);      /* in place */
            report(cases[c].name, isa_names[k], x, y, r, m, &bad);
            if (cases[c].fn == F_SIN || cases[c].fn == F_SINC || cases[c].fn == F_SINCN) {
                /* subset: next to the zeros, |sin(x)| (resp. |sin(pi x)|) < 2^-20, |x| >= 1 */
                size_t mz = 0;
                for (size_t i = 0; i < m; i++) {
                    Q sv = cases[c].fn == F_SIN ? r[i] : r[i] * (Q)x[i] * (cases[c].fn == F_SINCN ? M_PIq : 1);
                    if (fabs(x[i]) >= 1 && !isinf(x[i]) && fabsq(sv) < 0x1p-20Q && sv != 0) {
                        xs[mz] = x[i]; ys[mz] = y[i]; rsub[mz++] = r[i];
                    }
                }
                char v[32]; snprintf(v, sizeof v, "%s/zeros", isa_names[k]);
                report(cases[c].name, v, xs, ys, rsub, mz, &bad);
            }
        }
        if (cases[c].ks) {
            for (int k = 0; k < 3; k++) {
                size_t mf = 0;
                for (size_t i = 0; i < m; i++)
                    if (!(fabs(x[i]) > xmax_isa[k] && fabs(x[i]) < INFINITY)) { xs[mf] = x[i]; rsub[mf++] = r[i]; }
                cases[c].kf[k](mf, xs, ys, &s);
                char v[32]; snprintf(v, sizeof v, "fast/%s", isa_names[k]);
                report(cases[c].name, v, xs, ys, rsub, mf, &bad);
            }
            cases[c].ks(m, x, y, &s);
            report(cases[c].name, "slow(libm)", x, y, r, m, &bad);
        }
        fflush(stdout);
    }
    printf("%s (about %.0f M points per function)\n", bad ? "FAIL" : "all within 4 ULP", mill);
    return bad != 0;
}

static int bench(double lo, double hi)
{
    size_t n = 1 << 20;
    double *x = aligned_alloc(64, n * 8), *y = aligned_alloc(64, n * 8);
    for (size_t i = 0; i < n; i++) x[i] = uni(lo, hi);
    printf("float64, 1M uniform in [%g, %g], 1 thread, min of 20 runs (ns/elem)\n", lo, hi);
    for (size_t c = 0; c < NCASES; c++) {
        printf("%-16s", cases[c].name);
        for (int k = 0; k < 3; k++) {
            fa_scalars_f64 s = {0, 0, 0, 0};
            double best = 1e9;
            for (int rep = 0; rep < 20; rep++) {
                double t0 = now();
                cases[c].k[k](n, x, y, &s);
                double t1 = now();
                if (t1 - t0 < best) best = t1 - t0;
            }
            printf("  %s %.3f", isa_names[k], best * 1e9 / n);
        }
        printf("\n");
    }
    return 0;
}

static void special(void)
{
    double in[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, DBL_TRUE_MIN, -DBL_TRUE_MIN, 1e-310, -1e-310, 1e-300,
                   1.0, -1.0, 2.0, -3.0, 0.5, -0.5, 1.5, 0x1p51 + 1, 0x1p51 + 0.5, 0x1p52 + 2, -0x1p53,
                   0x1p26, 0x1p40, 0x1.0000000000001p40, 1e300, -DBL_MAX};
    size_t m = sizeof in / sizeof in[0];
    for (size_t c = 0; c < NCASES; c++)
        for (int k = 0; k < 3; k++) {
            double y[64];
            memcpy(y, in, sizeof in);
            fa_scalars_f64 s = {0, 0, 0, 0};
            cases[c].k[k](m, y, y, &s);
            printf("%-15s %-6s", cases[c].name, isa_names[k]);
            for (size_t i = 0; i < m; i++) printf(" f(%g)=%.17g%s", in[i], y[i], (y[i] == 0 && signbit(y[i])) ? "(-0)" : "");
            printf("\n");
        }
}

int main(int argc, char **argv)
{
    FILE *fh = fopen("hard64.dat", "r");
    if (fh) {
        char buf[128];
        while (nhard < 4096 && fgets(buf, sizeof buf, fh)) hard[nhard++] = strtod(buf, NULL);
        fclose(fh);
    } else fprintf(stderr, "hard64.dat missing (python3 hard64.py > hard64.dat)\n");
    if (argc > 1 && !strcmp(argv[1], "bench")) return bench(argc > 3 ? atof(argv[2]) : -10, argc > 3 ? atof(argv[3]) : 10);
    if (argc > 1 && !strcmp(argv[1], "special")) { special(); return 0; }
    return accuracy(argc > 1 ? atof(argv[1]) : 10, argc > 2 ? argv[2] : NULL);
}
