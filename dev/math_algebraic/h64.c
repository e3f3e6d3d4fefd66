/* float64 harness for src_c/fa_math_algebraic.h (see README.md).
 *   ./bin/h64 acc [millions] [filter]   accuracy, every case x 3 ISAs (in place)
 *   ./bin/h64 rows [npoints]            srelu / leaky_relu per-element-parameter loops
 *   ./bin/h64 bench                     ns/element, 1M doubles in [-10, 10], 1 thread
 *   ./bin/h64 special                   bitwise special values, every ISA
 * References: __float128 (sqrtq), srelu exactly rounded (Q with an error
 * bound, GMP fallback near breakpoints). */
#define _GNU_SOURCE
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static inline uint64_t fa_bits64(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
#include "exact.h"

typedef struct { double a, b, c, d; } fa_scalars_f64;
typedef void (*kern_t)(size_t, const double *, double *, const fa_scalars_f64 *);
typedef void (*rows_t)(size_t, const double *, double *, const double *const *);
#define DECL1(name, isa) void k64_##name##_##isa(size_t, const double *, double *, const fa_scalars_f64 *);
#define DECL(name) DECL1(name, base) DECL1(name, avx2) DECL1(name, avx512)
DECL(identity) DECL(binary_step) DECL(hardtanh) DECL(relu6) DECL(hardsigmoid) DECL(hardswish)
DECL(softshrink) DECL(hardshrink) DECL(threshold) DECL(softsign) DECL(isru) DECL(isrlu)
DECL(bent_identity) DECL(srelu)
#define DECLR(name) void r64_##name##_base(size_t, const double *, double *, const double *const *); \
    void r64_##name##_avx2(size_t, const double *, double *, const double *const *);                \
    void r64_##name##_avx512(size_t, const double *, double *, const double *const *);
DECLR(srelu) DECLR(leaky_relu)
#define K3(name) {k64_##name##_base, k64_##name##_avx2, k64_##name##_avx512}
static const char *isa_names[3] = {"base", "avx2", "avx512"};
static void bench_rows(void);

enum { F_ID, F_STEP, F_HTANH, F_RELU6, F_HSIG, F_HSWISH, F_SSHR, F_HSHR, F_THR, F_SSIGN, F_ISRU, F_ISRLU, F_BENT, F_SRELU };

static uint64_t n_slow;
static double srelu_cr(double x, double tl, double al, double tr, double ar)
{
    if (isnan(x)) return x;
    int right = x >= tr, left = x <= tl;
    if (!right && !left) return x;
    double t = right ? tr : tl, a = right ? ar : al;
    if (isinf(x)) return a == 0 ? t : a * x;
    Q S = (Q)t + (Q)a * ((Q)x - (Q)t);
    Q E = (fabsq(t) + fabsq(a) * (fabsq(x) + fabsq(t))) * 0x1p-109Q;
    double f = (double)S;
    if (!isinf(f) && f != 0) {
        double up = nextafter(f, INFINITY), dn = nextafter(f, -INFINITY);
        Q mu = isinf(up) ? (Q)DBL_MAX + 0x1p970Q : ((Q)f + up) / 2;
        Q md = isinf(dn) ? -(Q)DBL_MAX - 0x1p970Q : ((Q)f + dn) / 2;
        if (fabsq(S - mu) > E && fabsq(S - md) > E) return f;
    }
    if (isinf(f) && fabsq(S) > (Q)DBL_MAX + 0x1p970Q + E) return f;
    n_slow++;
    mpf_t v; mpf_init2(v, 4600);
    ex_srelu_value(v, x, t, a);
    double r = ex_round_d(v, f);
    mpf_clear(v);
    return r;
}

static Q ref(int fn, double xd, const double *p, double *exact_d)
{
    Q x = xd;
    *exact_d = NAN;
    if (isnan(xd)) return nanq("");
    switch (fn) {
    case F_ID: return x;
    case F_STEP: return xd >= 0 ? 1 : 0;
    case F_HTANH: return xd < p[0] ? p[0] : (xd > p[1] ? p[1] : x);
    case F_RELU6: return xd <= 0 ? 0 : (xd >= 6 ? 6 : x);
    case F_HSIG: return xd <= -3 ? 0 : (xd >= 3 ? 1 : (x + 3) / 6);
    case F_HSWISH: return xd <= -3 ? 0 : (xd >= 3 ? x : x * (x + 3) / 6);
    case F_SSHR: return xd > p[0] ? x - p[0] : (xd < -p[0] ? x + p[0] : 0);
    case F_HSHR: return (xd > p[0] || xd < -p[0]) ? x : 0;
    case F_THR: return xd <= p[0] ? p[1] : x;
    case F_SSIGN: return isinf(xd) ? (xd > 0 ? 1 : -1) : x / (1 + fabsq(x));
    case F_ISRU:
    case F_ISRLU:
        if (fn == F_ISRLU && xd >= 0) return x;
        if (isinf(xd)) return (xd > 0 ? 1 : -1) / sqrtq((Q)p[0]);
        return x / sqrtq(1 + (Q)p[0] * x * x);
    case F_BENT: return isinf(xd) ? x : x * x / (2 * (sqrtq(x * x + 1) + 1)) + x;
    case F_SRELU: { double r = srelu_cr(xd, p[0], p[1], p[2], p[3]); *exact_d = r; return r; }
    }
    return 0;
}

typedef struct { const char *name; int fn; kern_t k[3]; double p[4]; double bound; } tcase;
static const tcase cases[] = {
    {"identity", F_ID, K3(identity), {0}, 0},
    {"binary_step", F_STEP, K3(binary_step), {0}, 0},
    {"hardtanh(-1,1)", F_HTANH, K3(hardtanh), {-1, 1}, 0},
    {"hardtanh(-0.3,2.5)", F_HTANH, K3(hardtanh), {-0.3, 2.5}, 0},
    {"relu6", F_RELU6, K3(relu6), {0}, 0},
    {"hardsigmoid", F_HSIG, K3(hardsigmoid), {0}, 0.51},
    {"hardswish", F_HSWISH, K3(hardswish), {0}, 1},
    {"softshrink(0.5)", F_SSHR, K3(softshrink), {0.5}, 0},
    {"softshrink(0)", F_SSHR, K3(softshrink), {0}, 0},
    {"softshrink(1e-300)", F_SSHR, K3(softshrink), {1e-300}, 0},
    {"softshrink(0.1)", F_SSHR, K3(softshrink), {0.1}, 0},
    {"hardshrink(0.5)", F_HSHR, K3(hardshrink), {0.5}, 0},
    {"threshold(0.1,20)", F_THR, K3(threshold), {0.1, 20}, 0},
    {"softsign", F_SSIGN, K3(softsign), {0}, 2},
    {"isru(1)", F_ISRU, K3(isru), {1}, 4},
    {"isru(0.25)", F_ISRU, K3(isru), {0.25}, 4},
    {"isru(3)", F_ISRU, K3(isru), {3}, 4},
    {"isru(1e-6)", F_ISRU, K3(isru), {1e-6}, 4},
    {"isru(1e6)", F_ISRU, K3(isru), {1e6}, 4},
    {"isru(1e-300)", F_ISRU, K3(isru), {1e-300}, 4},
    {"isru(1e300)", F_ISRU, K3(isru), {1e300}, 4},
    {"isru(5e-324)", F_ISRU, K3(isru), {5e-324}, 4},
    {"isru(1.7e308)", F_ISRU, K3(isru), {1.7e308}, 4},
    {"isrlu(1)", F_ISRLU, K3(isrlu), {1}, 4},
    {"isrlu(3)", F_ISRLU, K3(isrlu), {3}, 4},
    {"bent_identity", F_BENT, K3(bent_identity), {0}, 4},
    {"srelu(-1,.1,2,.3)", F_SRELU, K3(srelu), {-1, 0.1, 2, 0.3}, 0},
    {"srelu(-2,-.5,1,-2)", F_SRELU, K3(srelu), {-2, -0.5, 1, -2}, 0},
    {"srelu(.5,0,.5,0)", F_SRELU, K3(srelu), {0.5, 0, 0.5, 0}, 0},
    {"srelu(0,1.5,0,.75)", F_SRELU, K3(srelu), {0, 1.5, 0, 0.75}, 0},
    {"srelu(-3.7,.013,1e-3,7.1)", F_SRELU, K3(srelu), {-3.7, 0.013, 1e-3, 7.1}, 0},
    {"srelu(-1e30,1e-20,1e30,3e5)", F_SRELU, K3(srelu), {-1e30, 1e-20, 1e30, 3e5}, 0},
    {"srelu(1e-30,.999999,3e-30,1.000001)", F_SRELU, K3(srelu), {1e-30, 0.999999, 3e-30, 1.000001}, 0},
    {"srelu(-1e308,2,1e300,-1e-10)", F_SRELU, K3(srelu), {-1e308, 2, 1e300, -1e-10}, 0},
    {"srelu(-1,1e300,1,1e-300)", F_SRELU, K3(srelu), {-1, 1e300, 1, 1e-300}, 0},
};
#define NCASES (sizeof cases / sizeof cases[0])

static uint64_t rs = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void) { rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27; return rs * 2685821657736338717ULL; }
static double urand(void) { return (rnd() >> 11) * 0x1p-53; }
static double uni(double a, double b) { return a + (b - a) * urand(); }
static double from_bits(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static double logu(double lo2, double hi2) { double v = exp2(uni(lo2, hi2)); return (rnd() & 1) ? -v : v; }
/* values near c: c + k ulp(c) for small k, or c*(1 +- tiny) */
static double near(double c)
{
    int k = (int)(rnd() % 64) - 32;
    double v = c;
    if (rnd() & 1) { for (int i = 0; i < (k < 0 ? -k : k); i++) v = nextafter(v, k < 0 ? -INFINITY : INFINITY); return v; }
    return c + (c == 0 ? 1 : fabs(c)) * logu(-60, -1);
}

static size_t gen_points(double *x, size_t n, const tcase *c)
{
    size_t i = 0;
    static const double sp[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, DBL_MIN, -DBL_MIN, DBL_TRUE_MIN, -DBL_TRUE_MIN,
        DBL_MAX, -DBL_MAX, 1, -1, 3, -3, 6, -6, 0.5, -0.5, 0x1p60, -0x1p60, 0x1p30, -0x1p30, 0x1p511, -0x1p511,
        0x1p512, -0x1p512, 1e300, -1e300, 1e-300, -1e-300};
    for (size_t j = 0; j < sizeof sp / sizeof sp[0]; j++) x[i++] = sp[j];
    double brk[16]; int nb = 0;
    brk[nb++] = 0; brk[nb++] = 3; brk[nb++] = -3; brk[nb++] = 6;
    brk[nb++] = 0x1p60; brk[nb++] = -0x1p60;
    for (int k = 0; k < 4; k++) if (c->p[k] != 0) { brk[nb++] = c->p[k]; brk[nb++] = -c->p[k]; }
    if (c->fn == F_ISRU || c->fn == F_ISRLU) { double q = 0x1p30 / sqrt(c->p[0]); brk[nb++] = q; brk[nb++] = -q; brk[nb++] = 1 / sqrt(c->p[0]); brk[nb++] = -1 / sqrt(c->p[0]); }
    while (i < n) {
        switch (rnd() % 12) {
        case 0: case 1: x[i++] = from_bits(rnd()); break;                       /* whole range */
        case 2: case 3: x[i++] = uni(-40, 40); break;
        case 4: x[i++] = uni(-8, 8); break;
        case 5: x[i++] = logu(-1074, -8); break;                                /* tiny, incl. subnormal */
        case 6: x[i++] = logu(-10, 10); break;
        case 7: x[i++] = logu(-1074, 1024); break;
        case 8: x[i++] = logu(10, 80); break;
        default: x[i++] = near(brk[rnd() % nb]); break;                          /* around branch points */
        }
        if (i > 0 && isnan(x[i - 1]) && (rnd() & 7)) i--;
    }
    return i;
}

static double ulp_err(double y, Q r, int *sub)
{
    if (isnanq(r)) return isnan(y) ? 0 : INFINITY;
    if (isnan(y)) return INFINITY;
    double rd = (double)r;
    if (isinf(y) || isinf(rd)) return (y == rd) ? 0 : INFINITY;
    Q ar = fabsq(r), d = fabsq((Q)y - r);
    if (ar < DBL_MIN) { *sub = 1; return (double)(d / 0x1p-1074Q); }
    int e;
    frexpq(ar, &e);
    return (double)(d / ldexpq(1, e - 53));
}

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

static int acc(double mill, const char *only)
{
    size_t n = (size_t)(mill * 1e6);
    double *x = malloc(n * 8), *y = malloc(n * 8), *ed = malloc(n * 8);
    Q *r = malloc(n * sizeof(Q));
    int fail_total = 0;
    for (size_t c = 0; c < NCASES; c++) {
        if (only && !strstr(cases[c].name, only)) continue;
        double t0 = now();
        rs = 0x9E3779B97F4A7C15ULL + c;
        size_t m = gen_points(x, n, &cases[c]);
        n_slow = 0;
        for (size_t i = 0; i < m; i++) r[i] = ref(cases[c].fn, x[i], cases[c].p, &ed[i]);
        for (int k = 0; k < 3; k++) {
            fa_scalars_f64 s = {cases[c].p[0], cases[c].p[1], cases[c].p[2], cases[c].p[3]};
            memcpy(y, x, m * 8);
            cases[c].k[k](m, y, y, &s);   /* in place */
            double worst = 0, wx = 0, worstsub = 0; int sub_any = 0; size_t over = 0, miss = 0;
            for (size_t i = 0; i < m; i++) {
                int sub = 0;
                double e = ulp_err(y[i], r[i], &sub);
                if (sub) { sub_any = 1; if (e > worstsub) worstsub = e; if (e > 2.0 * (1ull << 52)) over++; continue; }
                if (e > worst) { worst = e; wx = x[i]; }
                if (e > cases[c].bound + (cases[c].bound == 0 ? 0.5 : 0)) over++;
                if (cases[c].bound == 0 && !isnan(y[i])) {
                    double cr = isnan(ed[i]) ? (double)r[i] : ed[i];
                    if (fa_bits64(cr) != fa_bits64(y[i]) && !(cr == 0 && y[i] == 0)) {
                        if (miss < 3) printf("   mismatch x=%a: got %a want %a\n", x[i], y[i], cr);
                        miss++;
                    }
                }
            }
            printf("%-36s %-6s max %.3f ULP vs exact at x=%.17g (%a); subnormal-truth max abs err %.3g*2^-1074%s; "
                   "over bound: %zu; not correctly rounded: %s%zu\n",
                   cases[c].name, isa_names[k], worst, wx, wx, worstsub, sub_any ? "" : " (none)", over,
                   cases[c].bound == 0 ? "" : "n/a ", miss);
            fail_total += (over + miss) != 0;
        }
        if (cases[c].fn == F_SRELU) printf("   (%llu points needed the exact GMP reference)\n", (unsigned long long)n_slow);
        printf("   n=%zu points [%.0fs]\n", m, now() - t0);
        fflush(stdout);
    }
    printf("%s\n", fail_total ? "FAIL" : "all within bounds");
    free(x); free(y); free(ed); free(r);
    return fail_total != 0;
}

static double rpar(void)
{
    switch (rnd() % 7) {
    case 0: return 0.0;
    case 1: { double v = from_bits(rnd()); return isfinite(v) ? v : 1.0; }
    case 2: return (double)((int)(rnd() % 17) - 8) * 0.25;
    case 3: return logu(-200, 200);
    default: return uni(-4, 4);
    }
}
/* small-significand dyadic numbers with a far-away tail: exact results land
 * on or next to rounding midpoints, with sticky bits far below */
static double dy(int emin, int emax)
{
    double m = (double)(rnd() % 64 + 1) * ((rnd() & 1) ? 1 : -1);
    double v = ldexp(m, emin + (int)(rnd() % (uint64_t)(emax - emin + 1)));
    if (rnd() % 3 == 0) v += ldexp((double)(rnd() % 8 + 1) * ((rnd() & 1) ? 1 : -1), emin - 60 - (int)(rnd() % 200));
    if (rnd() % 4 == 0) v = nextafter(v, (rnd() & 1) ? INFINITY : -INFINITY);
    return v;
}
static int hard;
static int rows(size_t n)
{
    rows_t rk[3] = {r64_srelu_base, r64_srelu_avx2, r64_srelu_avx512};
    rows_t lk[3] = {r64_leaky_relu_base, r64_leaky_relu_avx2, r64_leaky_relu_avx512};
    double *x = malloc(n * 8), *y = malloc(n * 8), *want = malloc(n * 8), *p[4];
    for (int k = 0; k < 4; k++) p[k] = malloc(n * 8);
    for (size_t i = 0; i < n; i++) {
        uint64_t r = rnd() % 4;
        x[i] = r == 0 ? from_bits(rnd()) : (r == 1 ? logu(-300, 300) : uni(-8, 8));
        double t1 = rpar(), t2 = rpar();
        p[0][i] = t1 < t2 ? t1 : t2; p[2][i] = t1 < t2 ? t2 : t1;
        p[1][i] = rpar(); p[3][i] = rpar();
        if (rnd() % 8 == 0) x[i] = near(p[rnd() & 1 ? 0 : 2][i]);
        if (hard) {
            int e = (int)(rnd() % 200) - 100;
            double t1 = dy(e - 60, e + 60), t2 = dy(e - 60, e + 60);
            p[0][i] = t1 < t2 ? t1 : t2; p[2][i] = t1 < t2 ? t2 : t1;
            p[1][i] = dy(-60, 10); p[3][i] = dy(-60, 10);
            x[i] = dy(e - 80, e + 80);
        }
    }
    for (size_t i = 0; i < n; i++) want[i] = srelu_cr(x[i], p[0][i], p[1][i], p[2][i], p[3][i]);
    int fail = 0;
    for (int s = 0; s < 3; s++) {
        uint64_t bad = 0, badl = 0;
        rk[s](n, x, y, (const double *const *)p);
        for (size_t i = 0; i < n; i++) {
            double w = want[i];
            if (isnan(w) && isnan(y[i])) continue;
            if (fa_bits64(w) != fa_bits64(y[i]) && !(w == 0 && y[i] == 0)) {
                if (fabs(w) < DBL_MIN && fabs(y[i] - w) <= DBL_MIN) continue;   /* subnormal floor */
                if (bad < 5) printf("  srelu rows mismatch x=%a p=(%a,%a,%a,%a): %a vs %a\n", x[i], p[0][i], p[1][i], p[2][i], p[3][i], y[i], w);
                bad++;
            }
        }
        lk[s](n, x, y, (const double *const *)p);
        for (size_t i = 0; i < n; i++) {
            double w = x[i] > 0 ? x[i] : x[i] * p[0][i];
            if (!(isnan(w) && isnan(y[i])) && fa_bits64(w) != fa_bits64(y[i])) badl++;
        }
        printf("rows %-6s n=%zu: srelu not correctly rounded: %llu; leaky_relu mismatches: %llu\n",
               isa_names[s], n, (unsigned long long)bad, (unsigned long long)badl);
        fail |= bad || badl;
    }
    printf("   (%llu points needed the exact GMP reference)\n", (unsigned long long)n_slow);
    return fail;
}

static int bench(void)
{
    size_t n = 1 << 20;
    double *x = aligned_alloc(64, n * 8), *y = aligned_alloc(64, n * 8);
    for (size_t i = 0; i < n; i++) x[i] = uni(-10, 10);
    printf("%-36s %8s %8s %8s   (ns/elem, 1M doubles in [-10,10], out of place, 1 thread, best of 30)\n", "case", "base", "avx2", "avx512");
    const char *seen[64]; int ns = 0;
    for (size_t c = 0; c < NCASES; c++) {
        int dup = 0;   /* one line per function (first parameter set) */
        for (int j = 0; j < ns; j++) if (!strncmp(seen[j], cases[c].name, strcspn(cases[c].name, "("))) dup = 1;
        if (dup) continue;
        seen[ns++] = cases[c].name;
        printf("%-36s", cases[c].name);
        for (int k = 0; k < 3; k++) {
            fa_scalars_f64 s = {cases[c].p[0], cases[c].p[1], cases[c].p[2], cases[c].p[3]};
            double best = 1e9;
            for (int rep = 0; rep < 30; rep++) {
                double t0 = now();
                cases[c].k[k](n, x, y, &s);
                double t1 = now();
                if (t1 - t0 < best) best = t1 - t0;
            }
            printf(" %8.3f", best * 1e9 / n);
        }
        printf("\n");
    }
    bench_rows();
    return 0;
}


/* per-element-parameter srelu loop: same inputs, parameter rows filled with
 * (-1, 0.1, 2, 0.3) */
static void bench_rows(void)
{
    rows_t rk[3] = {r64_srelu_base, r64_srelu_avx2, r64_srelu_avx512};
    size_t n = 1 << 20;
    double *x = aligned_alloc(64, n * sizeof(double)), *y = aligned_alloc(64, n * sizeof(double)), *p[4];
    const double pv[4] = {-1, 0.1, 2, 0.3};
    for (int k = 0; k < 4; k++) { p[k] = aligned_alloc(64, n * sizeof(double)); for (size_t i = 0; i < n; i++) p[k][i] = pv[k]; }
    uint64_t st = 12345;
    for (size_t i = 0; i < n; i++) {
        st = st * 6364136223846793005ull + 1442695040888963407ull;
        x[i] = (double)((double)(st >> 11) / 9007199254740992.0 * 20.0 - 10.0);
    }
    printf("%-13s", "srelu(rows)");
    for (int s = 0; s < 3; s++) {
        double best = 1e9;
        for (int rep = 0; rep < 30; rep++) {
            double t0 = now();
            rk[s](n, x, y, (const double *const *)p);
            double t1 = now();
            if (t1 - t0 < best) best = t1 - t0;
        }
        printf("  %s %.3f", isa_names[s], best * 1e9 / n);
    }
    printf("  ns/elem\n");
}

typedef struct { int c; fa_scalars_f64 s; double x; double want; } sp_t;
static int special(void)
{
    const double inf = INFINITY, nan = NAN;
    double nanp = from_bits(0x7ff8000012345678ULL), nann = from_bits(0xfff4000000000001ULL);
    /* c = index into cases[] by function id (first case with that fn) */
    sp_t t[] = {
        {F_ID, {0}, -0.0, -0.0}, {F_ID, {0}, nanp, nanp}, {F_ID, {0}, nann, nann}, {F_ID, {0}, -inf, -inf},
        {F_STEP, {0}, -0.0, 1}, {F_STEP, {0}, nan, nan}, {F_STEP, {0}, -DBL_TRUE_MIN, 0}, {F_STEP, {0}, inf, 1},
        {F_HTANH, {-1, 1}, -0.0, -0.0}, {F_HTANH, {-1, 1}, nan, nan}, {F_HTANH, {-1, 1}, inf, 1}, {F_HTANH, {-1, 1}, -inf, -1},
        {F_RELU6, {0}, -0.0, 0.0}, {F_RELU6, {0}, nan, nan}, {F_RELU6, {0}, inf, 6}, {F_RELU6, {0}, -inf, 0.0},
        {F_HSIG, {0}, -0.0, 0.5}, {F_HSIG, {0}, nan, nan}, {F_HSIG, {0}, inf, 1}, {F_HSIG, {0}, -inf, 0.0},
        {F_HSIG, {0}, nextafter(3, 0), 0x1.fffffffffffffp-1}, {F_HSIG, {0}, nextafter(-3, 0), 0x1.5555555555555p-54},
        {F_HSWISH, {0}, -0.0, -0.0}, {F_HSWISH, {0}, nan, nan}, {F_HSWISH, {0}, inf, inf}, {F_HSWISH, {0}, -inf, -0.0},
        {F_HSWISH, {0}, -4, -0.0}, {F_HSWISH, {0}, -3, -0.0}, {F_HSWISH, {0}, 3, 3}, {F_HSWISH, {0}, -DBL_TRUE_MIN, -0.0},
        {F_HSWISH, {0}, 1e300, 1e300},
        {F_SSHR, {0.5}, nan, nan}, {F_SSHR, {0.5}, -0.0, 0.0}, {F_SSHR, {0.5}, -0.5, 0.0}, {F_SSHR, {0.5}, inf, inf},
        {F_SSHR, {0.5}, -inf, -inf}, {F_SSHR, {0}, -0.0, 0.0}, {F_SSHR, {inf}, -inf, 0.0},
        {F_HSHR, {0.5}, nan, nan}, {F_HSHR, {0.5}, -0.0, 0.0}, {F_HSHR, {0.5}, 0.5, 0.0}, {F_HSHR, {0.5}, -inf, -inf},
        {F_THR, {0.1, 20}, nan, nan}, {F_THR, {0.1, 20}, 0.1, 20}, {F_THR, {0.1, 20}, inf, inf},
        {F_SSIGN, {0}, -0.0, -0.0}, {F_SSIGN, {0}, inf, 1}, {F_SSIGN, {0}, -inf, -1}, {F_SSIGN, {0}, nan, nan},
        {F_SSIGN, {0}, -DBL_TRUE_MIN, -DBL_TRUE_MIN}, {F_SSIGN, {0}, DBL_MAX, 1}, {F_SSIGN, {0}, 1, 0.5},
        {F_ISRU, {1}, -0.0, -0.0}, {F_ISRU, {1}, inf, 1}, {F_ISRU, {1}, -inf, -1}, {F_ISRU, {4}, inf, 0.5},
        {F_ISRU, {0.25}, -inf, -2}, {F_ISRU, {1}, nan, nan}, {F_ISRU, {1e-300}, inf, 1e150}, {F_ISRU, {1}, DBL_MAX, 1},
        {F_ISRU, {DBL_MAX}, -DBL_MAX, -0x1.0000000000000p-512}, {F_ISRU, {DBL_TRUE_MIN}, inf, 0x1p+537}, {F_ISRU, {2 * DBL_TRUE_MIN}, inf, 0x1.6a09e667f3bcdp+536},
        {F_ISRU, {DBL_TRUE_MIN}, -1e300, -0x1p+537}, {F_ISRU, {DBL_TRUE_MIN}, -1e100, -1e100}, {F_ISRU, {1}, DBL_TRUE_MIN, DBL_TRUE_MIN},
        {F_ISRLU, {1}, -0.0, -0.0}, {F_ISRLU, {1}, inf, inf}, {F_ISRLU, {1}, -inf, -1}, {F_ISRLU, {1}, nan, nan},
        {F_BENT, {0}, -0.0, -0.0}, {F_BENT, {0}, inf, inf}, {F_BENT, {0}, -inf, -inf}, {F_BENT, {0}, nan, nan},
        {F_BENT, {0}, DBL_MAX, inf}, {F_BENT, {0}, -DBL_MAX, -0x1.fffffffffffffp+1022}, {F_BENT, {0}, DBL_TRUE_MIN, DBL_TRUE_MIN},
        {F_SRELU, {-1, 0.1, 2, 0.3}, nan, nan}, {F_SRELU, {-1, 0.1, 2, 0.3}, -0.0, -0.0},
        {F_SRELU, {-1, 0.1, 2, 0.3}, inf, inf}, {F_SRELU, {-1, 0.1, 2, 0.3}, -inf, -inf},
        {F_SRELU, {-1, 0, 2, 0}, inf, 2}, {F_SRELU, {-1, 0, 2, 0}, -inf, -1},
        {F_SRELU, {-1, -1, 2, -1}, inf, -inf}, {F_SRELU, {-1, -1, 2, -1}, -inf, inf},
        {F_SRELU, {-1e308, 2, 1e308, 2}, DBL_MAX, inf}, {F_SRELU, {-1e308, 0.5, 1e308, 0.5}, DBL_MAX, 0x1.4f1a3f2f1c6a4p+1023},
        {F_SRELU, {1e308, 1.5, 1.7e308, 1}, -1e308, -0x1.c8d5d9c56e5b8p+1022},
    };
    int fail = 0;
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        size_t c = 0;
        while (cases[c].fn != t[i].c) c++;
        for (int k = 0; k < 3; k++) {
            double x[1] = {t[i].x}, y[1];
            cases[c].k[k](1, x, y, &t[i].s);
            double w = t[i].want;
            if (t[i].c == F_SRELU && !isnan(t[i].x) && !isinf(t[i].x) && t[i].s.a == -1e308) w = srelu_cr(t[i].x, t[i].s.a, t[i].s.b, t[i].s.c, t[i].s.d);
            if (t[i].c == F_SRELU && t[i].s.a == 1e308) w = srelu_cr(t[i].x, t[i].s.a, t[i].s.b, t[i].s.c, t[i].s.d);
            int ok = isnan(w) ? (isnan(y[0]) && (t[i].c != F_ID || fa_bits64(y[0]) == fa_bits64(w))) : fa_bits64(y[0]) == fa_bits64(w);
            if (!ok) { printf("SPECIAL FAIL %s %s s=(%g,%g,%g,%g) x=%a: got %a want %a\n", cases[c].name, isa_names[k],
                              t[i].s.a, t[i].s.b, t[i].s.c, t[i].s.d, t[i].x, y[0], w); fail = 1; }
        }
    }
    printf("special (f64): %zu cases x 3 ISAs: %s\n", sizeof t / sizeof t[0], fail ? "FAIL" : "all bitwise as expected");
    return fail;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "bench")) return bench();
    if (argc > 1 && !strcmp(argv[1], "special")) return special();
    if (argc > 1 && !strcmp(argv[1], "rows")) { hard = argc > 3 && !strcmp(argv[3], "hard"); return rows(argc > 2 ? (size_t)atof(argv[2]) : 2000000); }
    if (argc > 1 && !strcmp(argv[1], "acc")) return acc(argc > 2 ? atof(argv[2]) : 12, argc > 3 ? argv[3] : NULL);
    fprintf(stderr, "usage: see header\n");
    return 2;
}
