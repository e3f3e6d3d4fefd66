/* fastact backward kernels of fa_grad_algtrig.h: accuracy against __float128.
 *
 *   ./bin/acc [Mpoints] [name] [f32|f64]   accuracy (default 2 M points per
 *                                          function, dtype and parameter set)
 *   ./bin/acc special                      special values, every ISA
 *   ./bin/acc sweep32 [stride] [name]      every stride-th float32 bit
 *                                          pattern (default 4099), g = 1 and
 *                                          random g, production loops
 *
 * For every function, dtype, ISA: the production loop (GUARDED for sinusoid /
 * sinc: fast path where fast_ok, slow beyond) run in place (out == x), plus
 * for GUARDED functions the fast loop alone (points where fast_ok) and the
 * slow function alone (every point).  Reference: g * f'(x) in __float128
 * (libquadmath; sinc_normalized through the exact split x = n + f).
 * Error: |y - ref| / ulp(max(|ref|, FLT_MIN resp. DBL_MIN)) with
 * ulp(v) = 2^(floor(log2 v) - 23 resp. - 52).  NaN must give NaN, a finite
 * reference must not give NaN / inf (unless it overflows).  Bound: 4 ULP;
 * float64 sinusoid / sinc / sinc_normalized may instead meet the absolute
 * floor |y - ref| <= K 2^-53 |g| T (T = the cancelling terms, see the header);
 * reported as "floor K" = max over the points above 4 ULP.
 * Points (per function): specials, 1/8 random bit patterns, uniform [-10,10]
 * and [-1000,1000], log-uniform |x|, tiny / subnormal, function-specific hard
 * points (zeros of f', switch points, huge |x|), each +-0..3 ulps.  g = 1 for
 * half the points, else uniform [-4,4] times 2^[-40,40] (f32: 2^[-20,20]),
 * plus 1/64 huge / tiny g. */
#define _GNU_SOURCE
#include <float.h>
#include <math.h>
#include <quadmath.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fa_common.h"

typedef __float128 Q;
typedef void (*kg32)(size_t, const float *, const float *, float *, const fa_scalars_f32 *);
typedef void (*kg64)(size_t, const double *, const double *, double *, const fa_scalars_f64 *);

#define D3(T, k) void k##_base(size_t, const T *, const T *, T *, const fa_scalars_##T *); \
                 void k##_avx2(size_t, const T *, const T *, T *, const fa_scalars_##T *); \
                 void k##_avx512(size_t, const T *, const T *, T *, const fa_scalars_##T *);
typedef float f32; typedef double f64;
typedef fa_scalars_f32 fa_scalars_float; typedef fa_scalars_f64 fa_scalars_double;
#define DP(n) D3(f32, kg_##n##_f32) D3(f64, kg_##n##_f64)
#define DG(n) DP(n) D3(f32, kgf_##n##_f32) D3(f64, kgf_##n##_f64) D3(f32, kgs_##n##_f32) D3(f64, kgs_##n##_f64)
DP(arctan) DP(softsign) DP(isru) DP(isrlu) DP(bent_identity) DG(sinusoid) DG(sinc) DP(sinc_normalized)
#define K3(k) {k##_base, k##_avx2, k##_avx512}

enum { F_ATAN, F_SOFTSIGN, F_ISRU, F_ISRLU, F_BENT, F_SIN, F_SINC, F_SINCN };
typedef struct {
    const char *name; int fn, guarded, floor;
    kg32 k32[3], f32k[3], s32; kg64 k64[3], f64k[3], s64;
} fcase;
#define PL(n, F) {#n, F, 0, 0, K3(kg_##n##_f32), {0}, 0, K3(kg_##n##_f64), {0}, 0}
#define GU(n, F, fl) {#n, F, 1, fl, K3(kg_##n##_f32), K3(kgf_##n##_f32), kgs_##n##_f32_base, \
                      K3(kg_##n##_f64), K3(kgf_##n##_f64), kgs_##n##_f64_base}
static const fcase cases[] = {
    PL(arctan, F_ATAN), PL(softsign, F_SOFTSIGN), PL(isru, F_ISRU), PL(isrlu, F_ISRLU),
    PL(bent_identity, F_BENT), GU(sinusoid, F_SIN, 1), GU(sinc, F_SINC, 1),
    {"sinc_normalized", F_SINCN, 0, 1, K3(kg_sinc_normalized_f32), {0}, 0, K3(kg_sinc_normalized_f64), {0}, 0},
};
#define NCASES (sizeof cases / sizeof cases[0])
static const char *isa[3] = {"base", "avx2", "avx512"};

/* ---------------------------------------------------------------- refs */
/* f'(x) and T (size of the cancelling terms, for the floor) */
static Q ref_d(int fn, double x, double alpha, Q *T)
{
    Q X = x;
    *T = 1;
    if (isnan(x)) return nanq("");
    switch (fn) {
    case F_ATAN: if (isinf(x)) return 0; return 1 / (1 + X * X);
    case F_SOFTSIGN: if (isinf(x)) return 0; { Q d = 1 + fabsq(X); return 1 / (d * d); }
    case F_ISRLU: if (x >= 0) return 1; /* fallthrough */
    case F_ISRU: {
        if (isinf(x)) return 0;
        Q t = 1 + (Q)alpha * X * X;
        return 1 / (t * sqrtq(t));
    }
    case F_BENT: if (isinf(x)) return x > 0 ? 1.5Q : 0.5Q; return 1 + X / (2 * sqrtq(X * X + 1));
    case F_SIN: if (isinf(x)) return nanq(""); return cosq(X);
    case F_SINC: {
        if (isinf(x)) return 0;
        if (fabs(x) < 0x1p-12) { Q z = X * X; return X * (-1 / 3.0Q + z / 30 - z * z / 840 + z * z * z / 45360); }
        Q s = sinq(X), c = cosq(X);
        *T = (fabsq(X * c) + fabsq(s)) / (X * X);
        return (X * c - s) / (X * X);
    }
    default: {
        if (isinf(x)) return 0;
        double ax = fabs(x);
        Q A = ax, r;
        if (ax < 0x1p-12) { Q z = M_PIq * M_PIq * A * A; r = M_PIq * M_PIq * A * (-1 / 3.0Q + z / 30 - z * z / 840 + z * z * z / 45360); }
        else {
            double n = nearbyint(ax), f = ax - n;   /* exact */
            Q sg = fmod(n, 2.0) == 1.0 ? -1 : 1;
            Q s = sg * sinq(M_PIq * (Q)f), c = sg * cosq(M_PIq * (Q)f);
            Q u = M_PIq * A;
            *T = (fabsq(u * c) + fabsq(s)) / (u * A);
            r = (u * c - s) / (u * A);
        }
        return x < 0 ? -r : r;
    }
    }
}

/* ---------------------------------------------------------------- rng */
static uint64_t rs = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void) { rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27; return rs * 2685821657736338717ULL; }
static double urand(void) { return (rnd() >> 11) * 0x1p-53; }
static double uni(double a, double b) { return a + (b - a) * urand(); }
static double sgn(double v) { return (rnd() & 1) ? -v : v; }
static double logu(double lo2, double hi2) { return exp2(uni(lo2, hi2)); }
static double nud64(double v, int j) { if (v == 0 || isinf(v) || isnan(v)) return v; uint64_t u = fa_bits_f64(v); return fa_from_bits_f64(u + (int64_t)j); }
static float nud32(float v, int j) { if (v == 0 || isinf(v) || isnan(v)) return v; uint32_t u = fa_bits_f32(v); return fa_from_bits_f32(u + j); }

/* zero of x cos x - sin x near (k + 1/2) pi, k >= 1 */
static Q tanx_zero(double k)
{
    Q q = ((Q)k + 0.5Q) * M_PIq, x = q - 1 / q;
    for (int it = 0; it < 6; it++) { Q F = x * cosq(x) - sinq(x), Fp = -x * sinq(x); x -= F / Fp; }
    return x;
}

/* one "hard" point for fn in the given dtype (32/64) */
static double hard_point(int fn, int bits, double alpha)
{
    double kmax = bits == 32 ? 31 : 42;
    switch (fn) {
    case F_SIN: {
        double k = nearbyint(exp2(uni(0, kmax)));
        Q v = ((Q)k + 0.5Q) * M_PIq;
        return bits == 32 ? (double)(float)v : (double)v;
    }
    case F_SINC: {
        if (rnd() % 8 == 0) return uni(0.7, 0.9);         /* series switch pi/4 */
        double k = rnd() % 4 ? (double)(1 + rnd() % 64) : nearbyint(exp2(uni(0, kmax)));
        Q v = tanx_zero(k);
        return bits == 32 ? (double)(float)v : (double)v;
    }
    case F_SINCN: {
        int c = rnd() % 4;
        if (c == 0) { double m = nearbyint(exp2(uni(0, bits == 32 ? 24 : 53))); return m; }
        if (c == 1) { double m = nearbyint(exp2(uni(0, bits == 32 ? 23 : 52))); return m + 0.5; }
        if (c == 2) return uni(0.2, 0.3);                 /* series switch 1/4 */
        double k = rnd() % 4 ? (double)(1 + rnd() % 64) : nearbyint(exp2(uni(0, bits == 32 ? 22 : 50)));
        Q v = tanx_zero(k) / M_PIq;
        return bits == 32 ? (double)(float)v : (double)v;
    }
    case F_ISRU: case F_ISRLU: {
        /* around the regime switch alpha x^2 = 2^60 and huge */
        if (rnd() & 1) return -sqrt(0x1p60 / alpha) * (1 + uni(-1e-3, 1e-3));
        return -logu(0, bits == 32 ? 128 : 1024);
    }
    case F_BENT: return sgn(rnd() & 1 ? logu(20, 70) : logu(0, bits == 32 ? 128 : 1024));
    default: return sgn(rnd() & 1 ? logu(500, 520) : logu(0, bits == 32 ? 128 : 1024));
    }
}

static size_t gen(int fn, int bits, double alpha, double *x, double *g, size_t n)
{
    static const double sp[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, 1.0, -1.0, 0.5, -0.5, 2.0, -3.0,
        0x1p-27, 0x1p26, 0x1p29, 0x1p40, 0x1p52, 0x1p53, 0x1p60, 0x1p510, 0x1p512, 1e300, 0.25, 0.75};
    size_t i = 0;
    for (size_t j = 0; j < sizeof sp / sizeof sp[0]; j++) x[i++] = sp[j];
    for (size_t j = 0; j < sizeof sp / sizeof sp[0]; j++) x[i++] = -sp[j];
    while (i < n) {
        int c = rnd() % 16;
        double v;
        if (c < 2) v = bits == 32 ? (double)fa_from_bits_f32((uint32_t)rnd()) : fa_from_bits_f64(rnd());
        else if (c < 4) v = uni(-10, 10);
        else if (c < 5) v = uni(-1000, 1000);
        else if (c < 7) v = sgn(logu(-30, bits == 32 ? 40 : 60));
        else if (c < 8) {
            int e = (int)(rnd() % (bits == 32 ? 160 : 1100)) - (bits == 32 ? 150 : 1075);
            v = sgn(ldexp(1.0 + urand(), e));
        } else v = hard_point(fn, bits, alpha);
        if (bits == 32) v = (double)nud32((float)v, (int)(rnd() % 7) - 3);
        else v = nud64(v, (int)(rnd() % 7) - 3);
        if (isnan(v)) continue;
        x[i++] = v;
    }
    for (size_t j = 0; j < n; j++) {
        int c = rnd() % 128;
        double gv;
        if (c < 64) gv = 1.0;
        else if (c < 126) gv = uni(-4, 4) * exp2((double)((int)(rnd() % 81) - 40) / (bits == 32 ? 2 : 1));
        else if (c < 127) gv = sgn(ldexp(1 + urand(), bits == 32 ? 100 + rnd() % 27 : 900 + rnd() % 123));
        else gv = sgn(ldexp(1 + urand(), bits == 32 ? -100 - (int)(rnd() % 40) : -900 - (int)(rnd() % 120)));
        if (bits == 32) gv = (double)(float)gv;
        g[j] = gv;
    }
    return n;
}

/* ---------------------------------------------------------------- stats */
typedef struct { double maxulp, mx, mg; size_t over, bad, n, nfl; double maxK, kx, maxfar, fx; } st_t;

static void acct(st_t *s, int bits, int floor_ok, double x, double gv, double y, Q r, Q T)
{
    s->n++;
    if (isnanq(r)) { if (!isnan(y)) { s->bad++; if (!s->over++) s->mx = x; } return; }
    double rd = (double)r;
    double lim = bits == 32 ? FLT_MAX : DBL_MAX;
    if (fabsq(r) > (Q)lim * (1 + (bits == 32 ? 0x1p-24 : 0x1p-53))) { if (!(isinf(y) && (y > 0) == (r > 0))) { s->bad++; s->over++; } return; }
    if (isnan(y) || isinf(y)) { if (!s->bad && getenv("FA_DEBUG")) fprintf(stderr, "bad: x=%a g=%a y=%a ref=%Qa\n", x, gv, y, r); s->bad++; s->over++; return; }
    Q ar = fabsq(r);
    double tiny = bits == 32 ? FLT_MIN : DBL_MIN;
    if (ar < tiny) ar = tiny;
    int e; frexpq(ar, &e);
    double u = (double)(fabsq((Q)y - r) / ldexpq(1, e - 1 - (bits == 32 ? 23 : 52)));
    if (u > s->maxulp) { s->maxulp = u; s->mx = x; s->mg = gv; }
    /* "far": no strong cancellation: |x| < 1 (series / no cancelling terms)
     * or |g f'| >= 2^-6 |g| T */
    if ((fabs(x) < 1 || fabsq(r) >= 0x1p-6Q * fabsq((Q)gv) * T) && u > s->maxfar) { s->maxfar = u; s->fx = x; }
    if (u > 4) {
        double K = (double)(fabsq((Q)y - r) / (0x1p-53Q * fabsq((Q)gv) * T));
        if (floor_ok && bits == 64) {
            s->nfl++;
            if (K > s->maxK) { s->maxK = K; s->kx = x; }
        } else s->over++;
    }
    (void)rd;
}

static void pr(const char *nm, const char *var, int bits, double alpha, st_t *s, int *fail)
{
    printf("%-15s f%d %-12s a=%-8g n=%-8zu max %7.3f ULP at x=%a g=%a", nm, bits, var, alpha, s->n, s->maxulp, s->mx, s->mg);
    if (s->nfl) printf("  [%zu pts >4ULP on the floor: max K=%.3g at x=%a; away from zeros max %.3f ULP at x=%a]",
                       s->nfl, s->maxK, s->kx, s->maxfar, s->fx);
    if (s->over) printf("  ** %zu over bound (%zu NaN/inf wrong) **", s->over, s->bad);
    printf("\n");
    if (s->over) *fail = 1;
}

static int run(double mill, const char *only, const char *dt)
{
    size_t n = (size_t)(mill * 1e6);
    double *x = malloc(n * 8), *g = malloc(n * 8), *y = malloc(n * 8);
    float *xf = malloc(n * 4), *gf = malloc(n * 4), *yf = malloc(n * 4), *xs = malloc(n * 4), *gs = malloc(n * 4);
    double *xd = malloc(n * 8), *gd = malloc(n * 8);
    Q *r = malloc(n * sizeof(Q)), *T = malloc(n * sizeof(Q)), *rs2 = malloc(n * sizeof(Q)), *Ts = malloc(n * sizeof(Q));
    int fail = 0;
    for (size_t c = 0; c < NCASES; c++) {
        const fcase *F = &cases[c];
        if (only && strcmp(only, "all") && strcmp(only, F->name)) continue;
        int isr = F->fn == F_ISRU || F->fn == F_ISRLU;
        static const double al32[] = {1.0, 0.25, 3.0, 1e-6, 1e6, 1.4e-45, 3e38};
        static const double al64[] = {1.0, 0.25, 3.0, 1e-6, 1e6, 1e-300, 1e300, 5e-324, 1.7e308};
        for (int bits = 32; bits <= 64; bits += 32) {
            if (dt && strcmp(dt, bits == 32 ? "f32" : "f64")) continue;
            int na = isr ? (bits == 32 ? 7 : 9) : 1;
            for (int ia = 0; ia < na; ia++) {
                double alpha = isr ? (bits == 32 ? (double)(float)al32[ia] : al64[ia]) : 0.0;
                size_t nn = isr && ia > 2 ? n / 4 : n;
                rs = 0x9E3779B97F4A7C15ULL + 1000 * c + bits + ia;
                gen(F->fn, bits, alpha, x, g, nn);
                for (size_t i = 0; i < nn; i++) {
                    if (bits == 32) { xf[i] = (float)x[i]; gf[i] = (float)g[i]; x[i] = xf[i]; g[i] = gf[i]; }
                    Q t;
                    r[i] = (Q)g[i] * ref_d(F->fn, x[i], alpha, &t);
                    T[i] = t;
                }
                for (int k = 0; k < 3; k++) {
                    st_t s = {0};
                    if (bits == 32) {
                        fa_scalars_f32 sc = {(float)alpha, 0, 0, 0};
                        memcpy(yf, xf, nn * 4);
                        F->k32[k](nn, gf, yf, yf, &sc);       /* in place: out == x */
                        for (size_t i = 0; i < nn; i++) acct(&s, 32, F->floor, x[i], g[i], yf[i], r[i], T[i]);
                    } else {
                        fa_scalars_f64 sc = {alpha, 0, 0, 0};
                        memcpy(y, x, nn * 8);
                        F->k64[k](nn, g, y, y, &sc);
                        for (size_t i = 0; i < nn; i++) acct(&s, 64, F->floor, x[i], g[i], y[i], r[i], T[i]);
                    }
                    pr(F->name, isa[k], bits, alpha, &s, &fail);
                }
                if (F->guarded) {
                    /* fast loop alone on the fast_ok points of each ISA; slow function alone */
                    static const double xm64[3] = {0x1p26, 0x1p40, 0x1p40};
                    for (int k = 0; k < 3; k++) {
                        st_t s = {0};
                        double xm = bits == 32 ? 0x1p29 : xm64[k];
                        size_t m = 0;
                        for (size_t i = 0; i < nn; i++)
                            if (!(fabs(x[i]) > xm && !isinf(x[i]))) {
                                if (bits == 32) { xs[m] = xf[i]; gs[m] = gf[i]; } else { xd[m] = x[i]; gd[m] = g[i]; }
                                rs2[m] = r[i]; Ts[m++] = T[i];
                            }
                        if (bits == 32) {
                            fa_scalars_f32 sc = {0};
                            F->f32k[k](m, gs, xs, yf, &sc);
                            for (size_t i = 0; i < m; i++) acct(&s, 32, F->floor, xs[i], gs[i], yf[i], rs2[i], Ts[i]);
                        } else {
                            fa_scalars_f64 sc = {0};
                            F->f64k[k](m, gd, xd, y, &sc);
                            for (size_t i = 0; i < m; i++) acct(&s, 64, F->floor, xd[i], gd[i], y[i], rs2[i], Ts[i]);
                        }
                        char v[32]; snprintf(v, sizeof v, "fast/%s", isa[k]);
                        pr(F->name, v, bits, alpha, &s, &fail);
                    }
                    st_t s = {0};
                    if (bits == 32) {
                        fa_scalars_f32 sc = {0};
                        F->s32(nn, gf, xf, yf, &sc);
                        for (size_t i = 0; i < nn; i++) acct(&s, 32, F->floor, x[i], g[i], yf[i], r[i], T[i]);
                    } else {
                        fa_scalars_f64 sc = {0};
                        F->s64(nn, g, x, y, &sc);
                        for (size_t i = 0; i < nn; i++) acct(&s, 64, F->floor, x[i], g[i], y[i], r[i], T[i]);
                    }
                    pr(F->name, "slow", bits, alpha, &s, &fail);
                }
                fflush(stdout);
            }
        }
    }
    printf("%s\n", fail ? "FAIL" : "all within bounds");
    return fail;
}

static void special(void)
{
    static const double xv[] = {0.0, -0.0, 1.0, -1.0, INFINITY, -INFINITY, NAN, 1e-310, 1e300, -1e300, DBL_MAX, -DBL_MAX};
    static const char *xn[] = {"+0", "-0", "1", "-1", "+inf", "-inf", "nan", "1e-310", "1e300", "-1e300", "DBL_MAX", "-DBL_MAX"};
    static const double gv[] = {1.0, -2.0, NAN, INFINITY};
    size_t nx = sizeof xv / sizeof xv[0];
    for (size_t c = 0; c < NCASES; c++) {
        const fcase *F = &cases[c];
        for (int bits = 32; bits <= 64; bits += 32)
            for (size_t ig = 0; ig < 4; ig++) {
                printf("%-15s f%d g=%-4g:", F->name, bits, gv[ig]);
                double out[3][16];
                for (int k = 0; k < 3; k++) {
                    if (bits == 32) {
                        float X[16], G[16], Y[16];
                        fa_scalars_f32 sc = {1.0f, 0, 0, 0};
                        for (size_t i = 0; i < nx; i++) { X[i] = (float)xv[i]; G[i] = (float)gv[ig]; }
                        F->k32[k](nx, G, X, Y, &sc);
                        for (size_t i = 0; i < nx; i++) out[k][i] = Y[i];
                    } else {
                        double G[16];
                        fa_scalars_f64 sc = {1.0, 0, 0, 0};
                        for (size_t i = 0; i < nx; i++) G[i] = gv[ig];
                        F->k64[k](nx, G, xv, out[k], &sc);
                    }
                }
                for (size_t i = 0; i < nx; i++) {
                    int same = (isnan(out[0][i]) && isnan(out[1][i]) && isnan(out[2][i])) ||
                               (out[0][i] == out[1][i] && out[1][i] == out[2][i]);
                    printf(" %s:%.9g%s", xn[i], out[2][i], same ? "" : "(ISA differ!)");
                }
                printf("\n");
            }
    }
}

/* every stride-th float32 bit pattern (NaNs skipped), twice: g = 1 and
 * g random (uniform [-4,4] times 2^[-20,20]); isru / isrlu for alpha 1, 3,
 * 1e-6 */
static int sweep32(uint64_t stride, const char *only)
{
    size_t cap = (size_t)((1ull << 32) / stride) + 2;
    float *x = malloc(cap * 4), *g = malloc(cap * 4), *y = malloc(cap * 4), *g1 = malloc(cap * 4);
    Q *r = malloc(cap * sizeof(Q)), *T = malloc(cap * sizeof(Q));
    int fail = 0;
    size_t n = 0;
    for (uint64_t b = 0; b < (1ull << 32); b += stride) {
        float v = fa_from_bits_f32((uint32_t)b);
        if (isnan(v)) continue;
        x[n] = v; g1[n] = 1.0f;
        g[n] = (float)(uni(-4, 4) * exp2((double)((int)(rnd() % 41) - 20)));
        n++;
    }
    for (size_t c = 0; c < NCASES; c++) {
        const fcase *F = &cases[c];
        if (only && strcmp(only, "all") && strcmp(only, F->name)) continue;
        int isr = F->fn == F_ISRU || F->fn == F_ISRLU;
        static const float al[] = {1.0f, 3.0f, 1e-6f};
        for (int ia = 0; ia < (isr ? 3 : 1); ia++)
            for (int gi = 0; gi < 2; gi++) {
                float *gg = gi ? g : g1;
                double alpha = isr ? al[ia] : 0;
                for (size_t i = 0; i < n; i++) { Q t; r[i] = (Q)gg[i] * ref_d(F->fn, x[i], alpha, &t); T[i] = t; }
                for (int k = 0; k < 3; k++) {
                    st_t s = {0};
                    fa_scalars_f32 sc = {(float)alpha, 0, 0, 0};
                    F->k32[k](n, gg, x, y, &sc);
                    for (size_t i = 0; i < n; i++) acct(&s, 32, 0, x[i], gg[i], y[i], r[i], T[i]);
                    char v[40]; snprintf(v, sizeof v, "%s/%s", isa[k], gi ? "g~" : "g=1");
                    pr(F->name, v, 32, alpha, &s, &fail);
                }
                fflush(stdout);
            }
    }
    printf("sweep stride %llu (%zu points): %s\n", (unsigned long long)stride, n, fail ? "FAIL" : "all within 4 ULP");
    return fail;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "special")) { special(); return 0; }
    if (argc > 1 && !strcmp(argv[1], "sweep32")) return sweep32(argc > 2 ? strtoull(argv[2], 0, 10) : 4099, argc > 3 ? argv[3] : NULL);
    return run(argc > 1 ? atof(argv[1]) : 2, argc > 2 ? argv[2] : NULL, argc > 3 ? argv[3] : NULL);
}
