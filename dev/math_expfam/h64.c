/* float64 accuracy checker and benchmark for fa_math_expfam.h.
 *   ./h64 acc [millions] [filter]   >= 10^7 points per case (default 10.5 M)
 *   ./h64 bench [filter]            ns/elem, 1M doubles, 1 thread, per ISA
 * Cases = function x parameter (see cases[]).  References: __float128
 * (ref64.c).  Error: |y - ref| / ulp(ref) in double; where |ref| < DBL_MIN
 * an absolute error <= DBL_MIN counts as 0 (reported as "floor used").
 * NaN must give NaN, inf the same inf, finite truth a finite result.
 * Points: the kernel runs in place (x == y), like production in-place calls. */
#include <float.h>
#include <math.h>
#include <quadmath.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xmmintrin.h>
#include "../../src_c/fa_common.h"
#include "ref.h"

typedef void (*kfn)(size_t, const double *, double *, const fa_scalars_f64 *);
#define DECL(name) \
    void k64_##name##_base(size_t, const double *, double *, const fa_scalars_f64 *); \
    void k64_##name##_avx2(size_t, const double *, double *, const fa_scalars_f64 *); \
    void k64_##name##_avx512(size_t, const double *, double *, const fa_scalars_f64 *);
DECL(swish) DECL(quick_gelu) DECL(celu) DECL(logsigmoid) DECL(gaussian)
DECL(soft_exponential) DECL(tanhshrink) DECL(exp) DECL(expm1) DECL(log1p)
#define K3(name) { k64_##name##_base, k64_##name##_avx2, k64_##name##_avx512 }

typedef struct { const char *name; int fn; kfn k[3]; double a; } tcase;
static const tcase cases[] = {
    {"swish(1)", F_SWISH, K3(swish), 1.0},
    {"swish(1.702)", F_SWISH, K3(swish), 1.702},
    {"swish(0.5)", F_SWISH, K3(swish), 0.5},
    {"swish(2)", F_SWISH, K3(swish), 2.0},
    {"swish(-1)", F_SWISH, K3(swish), -1.0},
    {"swish(-0.3)", F_SWISH, K3(swish), -0.3},
    {"swish(0)", F_SWISH, K3(swish), 0.0},
    {"swish(10)", F_SWISH, K3(swish), 10.0},
    {"swish(1e-3)", F_SWISH, K3(swish), 1e-3},
    {"quick_gelu", F_QGELU, K3(quick_gelu), 0},
    {"celu(1)", F_CELU, K3(celu), 1.0},
    {"celu(0.5)", F_CELU, K3(celu), 0.5},
    {"celu(2.75)", F_CELU, K3(celu), 2.75},
    {"celu(1e-3)", F_CELU, K3(celu), 1e-3},
    {"celu(100)", F_CELU, K3(celu), 100.0},
    {"logsigmoid", F_LOGSIG, K3(logsigmoid), 0},
    {"gaussian", F_GAUSS, K3(gaussian), 0},
    {"soft_exp(0.5)", F_SOFTEXP, K3(soft_exponential), 0.5},
    {"soft_exp(-0.5)", F_SOFTEXP, K3(soft_exponential), -0.5},
    {"soft_exp(1)", F_SOFTEXP, K3(soft_exponential), 1.0},
    {"soft_exp(-1)", F_SOFTEXP, K3(soft_exponential), -1.0},
    {"soft_exp(2)", F_SOFTEXP, K3(soft_exponential), 2.0},
    {"soft_exp(-0.1)", F_SOFTEXP, K3(soft_exponential), -0.1},
    {"soft_exp(0.01)", F_SOFTEXP, K3(soft_exponential), 0.01},
    {"soft_exp(0)", F_SOFTEXP, K3(soft_exponential), 0.0},
    {"tanhshrink", F_TSHRINK, K3(tanhshrink), 0},
    {"exp", F_EXP, K3(exp), 0},
    {"expm1", F_EXPM1, K3(expm1), 0},
    {"log1p", F_LOG1P, K3(log1p), 0},
};
#define NCASES (sizeof cases / sizeof cases[0])
static const char *isa_names[3] = {"base", "avx2", "avx512"};

static uint64_t rs = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void) { rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27; return rs * 2685821657736338717ULL; }
static double urand(void) { return (rnd() >> 11) * 0x1p-53; }
static double uni(double a, double b) { return a + (b - a) * urand(); }
static double sgn(double v) { return (rnd() & 1) ? -v : v; }

/* points for one case (the parameter decides some windows) */
static size_t gen_points(double *x, size_t n, const tcase *c)
{
    size_t i = 0;
    rs = 0x9E3779B97F4A7C15ULL;
    static const double sp[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, DBL_MIN, -DBL_MIN, DBL_TRUE_MIN,
        -DBL_TRUE_MIN, DBL_MAX, -DBL_MAX, 1.0, -1.0, 0.5, -0.5, 0.3, -0.3, 20, -20, 40, -40, 709.78,
        -709.78, 745.2, -745.2, 1e-300, -1e-300, -1 + 0x1p-53, 1e300, -1e300};
    for (size_t j = 0; j < sizeof sp / sizeof sp[0]; j++) x[i++] = sp[j];
    double a = c->a;
    double win[32][2];
    size_t nw = 0;
#define W(lo, hi) (win[nw][0] = (lo), win[nw][1] = (hi), nw++)
    W(-0.7, 0.7); W(-3, 3); W(-12, 12); W(-41, -19); W(19, 41); W(-760, -690); W(690, 760);
    W(0.25, 0.35); W(-0.35, -0.25); W(-1, -0.999999); W(-1.5, -0.5);
    if (c->fn == F_SOFTEXP && a > 0 && a < 1) {     /* zero crossing and the |t| = 1 switch */
        double x0 = log1p(-a * a) / a;
        W(x0 - 1e-3 * fabs(x0), x0 + 1e-3 * fabs(x0)); W(x0 - 1e-9 * fabs(x0), x0 + 1e-9 * fabs(x0));
    }
    if (c->fn == F_SOFTEXP && a != 0) { W(-1 / fabs(a) * 1.01, -1 / fabs(a) * 0.99); W(1 / fabs(a) * 0.99, 1 / fabs(a) * 1.01); }
    if (c->fn == F_SOFTEXP && a < 0) {              /* crossing at x = -a, pole at 1 + u = 0 */
        double b = -a;
        W(b - 1e-6, b + 1e-6); W(b - 1 / b - 1e-6, b - 1 / b + 1e-3);
    }
    if ((c->fn == F_SWISH || c->fn == F_CELU) && a != 0) {   /* scaled by the parameter */
        W(-40 / fabs(a), 40 / fabs(a)); W(-800 / fabs(a), 800 / fabs(a)); W(-1500 / fabs(a), -600 / fabs(a));
        W(600 / fabs(a), 1500 / fabs(a));
    }
    size_t n_bits = n / 6, n_uni = n / 3, n_tiny = n / 12, n_log = n / 12, n_wide = n / 24;
    for (size_t j = 0; j < n_bits; j++) x[i++] = fa_from_bits_f64(rnd());
    for (size_t j = 0; j < n_uni; j++) x[i++] = uni(-40, 40);
    for (size_t j = 0; j < n_tiny; j++) {          /* |x| in [2^-1074, 2^-8], log-uniform */
        int e = (int)(rnd() % 1067) - 1074;
        double m = 1.0 + urand();
        double v = e < -1022 ? ldexp(floor(ldexp(m, e + 1074)), -1074) : ldexp(m, e);
        x[i++] = sgn(v);
    }
    for (size_t j = 0; j < n_log; j++) x[i++] = sgn(exp2(uni(-10, 10)));
    for (size_t j = 0; j < n_wide; j++) x[i++] = uni(-800, 800);
    while (i < n) { size_t w = rnd() % nw; x[i++] = uni(win[w][0], win[w][1]); }
    return i;
}

/* error in ulps of the true value; *fl set when the subnormal floor was used */
static double ulp_err(double y, __float128 r, int *fl)
{
    if (isnanq(r)) return isnan(y) ? 0 : INFINITY;
    if (isnan(y)) return INFINITY;
    double rd = (double)r;
    if (isinf(y) || isinf(rd)) return (y == rd) ? 0 : INFINITY;
    __float128 ar = fabsq(r), d = fabsq((__float128)y - r);
    if (ar < DBL_MIN) {
        if (d <= DBL_MIN) { if (d > 0) *fl = 1; return 0; }
        return (double)(d / 0x1p-1074Q);
    }
    int e;
    frexpq(ar, &e);
    return (double)(d / ldexpq(1, e - 53));
}

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

static int bench(const char *only)
{
    size_t n = 1 << 20;
    double *x = aligned_alloc(64, n * 8), *y = aligned_alloc(64, n * 8);
    rs = 12345;
    for (size_t i = 0; i < n; i++) x[i] = uni(-10, 10);
    printf("%-18s %9s %9s %9s   (ns/elem, 1M doubles uniform in [-10,10], out of place, 1 thread, best of 30)\n",
           "case", "base", "avx2", "avx512");
    for (size_t c = 0; c < NCASES; c++) {
        if (only && !strstr(cases[c].name, only)) continue;
        printf("%-18s", cases[c].name);
        for (int k = 0; k < 3; k++) {
            fa_scalars_f64 s = {cases[c].a, 0, 0, 0};
            double best = 1e9;
            for (int rep = 0; rep < 30; rep++) {
                double t0 = now();
                cases[c].k[k](n, x, y, &s);
                double t1 = now();
                if (t1 - t0 < best) best = t1 - t0;
            }
            printf(" %9.3f", best * 1e9 / n);
        }
        printf("\n");
        fflush(stdout);
    }
    return 0;
}

int main(int argc, char **argv)
{
    /* FTZ=1 (diagnostic only): flush-to-zero/denormals-are-zero, to see
     * whether a kernel spends time on subnormal operands */
    if (getenv("FTZ")) _mm_setcsr(_mm_getcsr() | 0x8040);
    if (argc > 1 && !strcmp(argv[1], "bench")) return bench(argc > 2 ? argv[2] : NULL);
    if (argc < 2 || strcmp(argv[1], "acc")) { fprintf(stderr, "usage: h64 acc [millions] [filter] | h64 bench [filter]\n"); return 2; }
    double mill = argc > 2 ? atof(argv[2]) : 10.5;
    const char *only = argc > 3 ? argv[3] : NULL;
    size_t n = (size_t)(mill * 1e6);
    double *x = malloc(n * 8), *y = malloc(n * 8);
    __float128 *r = malloc(n * sizeof(__float128));
    int bad_total = 0;
    for (size_t c = 0; c < NCASES; c++) {
        if (only && !strstr(cases[c].name, only)) continue;
        size_t np = gen_points(x, n, &cases[c]);
        double t0 = now();
        for (size_t i = 0; i < np; i++) r[i] = ref_q(cases[c].fn, x[i], cases[c].a, isinf(x[i]));
        double t1 = now();
        for (int k = 0; k < 3; k++) {
            fa_scalars_f64 s = {cases[c].a, 0, 0, 0};
            memcpy(y, x, np * 8);
            cases[c].k[k](np, y, y, &s);
            double worst = 0, wx = 0, cworst = 0, cwx = 0;
            int fl = 0;
            size_t fails = 0, ncanc = 0;
            /* soft_exponential, alpha in (0, 1): near the zero crossing the
             * result is a difference of terms of size T (alpha where the
             * crossing is in the expm1 form, |t| <= 1, i.e. alpha^2 <= 1 - 1/e;
             * else 1/alpha - alpha); where |truth| < T/8 the error is
             * reported separately, in units of ulp(T) */
            double al = cases[c].a;
            double T = al > 0 && al < 1 && cases[c].fn == F_SOFTEXP
                           ? (al * al <= 1 - exp(-1) ? al : 1 / al - al) : 0;
            int eT;
            frexp(T, &eT);
            for (size_t i = 0; i < np; i++) {
                int f = 0;
                if (T > 0 && fabsq(r[i]) < 0.125 * T) {
                    double ea = (double)fabsq((__float128)y[i] - r[i]) / ldexp(1, eT - 53);
                    ncanc++;
                    if (!(ea <= cworst)) { cworst = ea; cwx = x[i]; }
                    continue;
                }
                double e = ulp_err(y[i], r[i], &f);
                fl |= f;
                if (e > worst) { worst = e; wx = x[i]; }
                if (e > 4) fails++;
            }
            printf("%-16s %-7s max %.3f ULP at x=%.17g (%a)%s%s  [n=%zu, ref %.0fs]\n", cases[c].name, isa_names[k],
                   worst, wx, wx, fl ? "  [subnormal floor used]" : "", fails ? "  ** >4 ULP **" : "", np, t1 - t0);
            if (fails) printf("   %zu points over 4 ULP\n", fails);
            if (ncanc) printf("   near the zero crossing (|y| < T/8, T = %g, %zu points): max abs err %.3f ulp(T) at x=%.17g\n",
                              T, ncanc, cworst, cwx);
            bad_total += fails != 0;
            fflush(stdout);
        }
    }
    printf("%s\n", bad_total ? "FAIL" : "all within 4 ULP");
    return bad_total != 0;
}
