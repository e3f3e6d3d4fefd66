/* Accuracy checker and benchmark for src_c/fa_grad_sigmoid.h (README.md).
 *   ./acc f32 [step] [filter]      float32: every step-th bit pattern (default 997) + dense
 *                                  windows (zero crossings, switch points) + specials,
 *                                  once with g = 1 and once with random g
 *   ./acc f64 [millions] [filter]  float64: that many points per case (default 2), g = 1
 *                                  and random g
 *   ./acc bench [filter] [reps]    ns/elem forward and backward, 1M elements, out of place,
 *                                  1 thread, interleaved, best of reps (default 40)
 * Error: |y - r| / ulp(max(|r|, FLT_MIN or DBL_MIN)), r = g f'(x) in __float128 (ref.c):
 * below FLT_MIN/DBL_MIN this is the absolute error in units of the smallest
 * subnormal.  NaN must give NaN, a finite truth a finite result (inf only where
 * the rounded truth overflows).  For the functions with a zero crossing the float64
 * run also reports the error in units of 2^-53 |g| T (T = the size of the cancelling
 * terms, see ref.c) and the max ULP where |f'| >= T/8. */
#include <float.h>
#include <math.h>
#include <quadmath.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../../src_c/fa_common.h"
#include "ref.h"

typedef void (*kg32)(size_t, const float *, const float *, float *, const fa_scalars_f32 *);
typedef void (*kg64)(size_t, const double *, const double *, double *, const fa_scalars_f64 *);
typedef void (*kf32)(size_t, const float *, float *, const fa_scalars_f32 *);
typedef void (*kf64)(size_t, const double *, double *, const fa_scalars_f64 *);
#define DECL1(name, isa) \
    void kg32_##name##_##isa(size_t, const float *, const float *, float *, const fa_scalars_f32 *); \
    void kg64_##name##_##isa(size_t, const double *, const double *, double *, const fa_scalars_f64 *); \
    void kf32_##name##_##isa(size_t, const float *, float *, const fa_scalars_f32 *); \
    void kf64_##name##_##isa(size_t, const double *, double *, const fa_scalars_f64 *);
#define DECL(name) DECL1(name, base) DECL1(name, avx2) DECL1(name, avx512)
DECL(sigmoid) DECL(tanh) DECL(silu) DECL(swish) DECL(quick_gelu) DECL(logsigmoid) DECL(softplus)
DECL(mish) DECL(tanhshrink)
#define K3(p, name) { p##_##name##_base, p##_##name##_avx2, p##_##name##_avx512 }
#define KS(name) K3(kg32, name), K3(kg64, name), K3(kf32, name), K3(kf64, name)

typedef struct { const char *name; int fn; kg32 g32[3]; kg64 g64[3]; kf32 f32[3]; kf64 f64[3]; double a, b; } tcase;
static const tcase cases[] = {
    {"sigmoid", F_SIGMOID, KS(sigmoid), 0, 0},
    {"tanh", F_TANH, KS(tanh), 0, 0},
    {"silu", F_SILU, KS(silu), 0, 0},
    {"swish(1)", F_SWISH, KS(swish), 1.0, 0},
    {"swish(0.5)", F_SWISH, KS(swish), 0.5, 0},
    {"swish(2)", F_SWISH, KS(swish), 2.0, 0},
    {"swish(-1)", F_SWISH, KS(swish), -1.0, 0},
    {"swish(-0.3)", F_SWISH, KS(swish), -0.3, 0},
    {"swish(0)", F_SWISH, KS(swish), 0.0, 0},
    {"swish(10)", F_SWISH, KS(swish), 10.0, 0},
    {"swish(1e-3)", F_SWISH, KS(swish), 1e-3, 0},
    {"quick_gelu", F_QGELU, KS(quick_gelu), 0, 0},
    {"logsigmoid", F_LOGSIG, KS(logsigmoid), 0, 0},
    {"softplus(1,20)", F_SOFTPLUS, KS(softplus), 1.0, 20.0},
    {"softplus(2,20)", F_SOFTPLUS, KS(softplus), 2.0, 20.0},
    {"softplus(0.5,20)", F_SOFTPLUS, KS(softplus), 0.5, 20.0},
    {"softplus(3.7,5)", F_SOFTPLUS, KS(softplus), 3.7, 5.0},
    {"softplus(0.1,20)", F_SOFTPLUS, KS(softplus), 0.1, 20.0},
    {"mish", F_MISH, KS(mish), 0, 0},
    {"tanhshrink", F_TSHRINK, KS(tanhshrink), 0, 0},
};
#define NCASES (sizeof cases / sizeof cases[0])
static const char *isa_names[3] = {"base", "avx2", "avx512"};

static uint64_t rs = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void) { rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27; return rs * 2685821657736338717ULL; }
static double urand(void) { return (rnd() >> 11) * 0x1p-53; }
static double uni(double a, double b) { return a + (b - a) * urand(); }
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

/* the zero crossing of f' in x (0 if none) */
static int f32c;
static double crossing(const tcase *c)
{

    __float128 lo, hi, T;
    int fn = c->fn;
    double be = fn == F_QGELU ? 1.702 : c->a;
    if (f32c) be = fn == F_QGELU ? 1.702 : (double)(float)c->a;
    if (fn == F_MISH) { lo = -1.3Q; hi = -1.1Q; }
    else if (fn == F_SILU || ((fn == F_SWISH || fn == F_QGELU) && be != 0)) { lo = -1.4Q; hi = -1.2Q; fn = F_SILU; }
    else return 0;
    for (int i = 0; i < 200; i++) {
        __float128 m = (lo + hi) / 2;
        if (ref_d(fn, m, 0, 0, 0, &T) < 0) lo = m; else hi = m;
    }
    double v0 = (double)lo;
    return fn == F_MISH ? v0 : v0 / be;
}

/* random gradient: uniform [-4, 4] times 2^k, k mostly in [-30, 30], 1/8 over the
 * whole exponent range (f32: [-140, 124], f64: [-1060, 1020]) */
static double rand_g(int f32)
{
    double u = uni(-4, 4);
    int k = (rnd() & 7) ? (int)(rnd() % 61) - 30 : (f32 ? (int)(rnd() % 265) - 140 : (int)(rnd() % 2081) - 1060);
    return ldexp(u, k);
}

static size_t gen_common(double *x, size_t i, size_t nmax, const tcase *c, int f32, size_t nrand)
{
    static const double sp[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, 1.0, -1.0, 0.5, -0.5, 20, -20, 40, -40,
        88, -88, 104, -104, 200, -200, 709.78, -709.78, 745.2, -745.2, 1400, -1400, 1e-30, -1e-30, 1e30, -1e30};
    for (size_t j = 0; j < sizeof sp / sizeof sp[0]; j++) x[i++] = sp[j];
    double sub[] = {f32 ? FLT_MIN : DBL_MIN, f32 ? 0x1p-149 : 0x1p-1074, f32 ? FLT_MAX : DBL_MAX};
    for (int j = 0; j < 3; j++) { x[i++] = sub[j]; x[i++] = -sub[j]; }
    f32c = f32;
    double x0 = crossing(c);
    double be = c->fn == F_QGELU ? 1.702 : (c->a != 0 ? fabs(c->a) : 1);
    double sc = (c->fn == F_SWISH || c->fn == F_SOFTPLUS || c->fn == F_QGELU) ? 1 / be : 1;
    double win[16][2];
    int nw = 0;
#define W(l, h) (win[nw][0] = (l), win[nw][1] = (h), nw++)
    W(-3 * sc, 3 * sc); W(-20 * sc, 20 * sc); W(-120 * sc, 120 * sc); W(-0.4 * sc, 0.4 * sc);
    if (!f32) { W(-800 * sc, 800 * sc); W(-1500 * sc, -680 * sc); W(680 * sc, 1500 * sc); }
    if (c->fn == F_SOFTPLUS) W((c->b - 1) / c->a, (c->b + 1) / c->a);
    if (c->fn == F_MISH) { W(-30, 30); }
    for (size_t j = 0; j < nrand && i < nmax; j++) {
        int w = rnd() % nw;
        double v = uni(win[w][0], win[w][1]);
        if ((rnd() & 15) == 0) v = ldexp(uni(-1, 1), (int)(rnd() % (f32 ? 150 : 1080)) - (f32 ? 150 : 1080));
        x[i++] = f32 ? (double)(float)v : v;
    }
    if (f32) for (size_t j = 0; j < i; j++) x[j] = (double)(float)x[j];   /* float inputs */
    if (x0 != 0) {   /* dense around the crossing */
        if (f32) {
            float f = (float)x0;
            uint32_t b = fa_bits_f32(f);
            for (int d = -20000; d <= 20000 && i < nmax; d++) x[i++] = fa_from_bits_f32(b + d);
        } else {
            for (size_t j = 0; j < nrand / 4 && i < nmax; j++) {
                double r = (rnd() & 1) ? 1e-4 : ((rnd() & 1) ? 1e-9 : 1e-13);
                x[i++] = x0 * (1 + uni(-r, r));
            }
        }
    }
    return i;
}

typedef struct { double worst, wx, wg, worstT, wTx, Kmax, Kx; size_t over, bad, n; } stat;

static void upd(stat *st, double y, double x, double g, __float128 fd, __float128 T, int f32)
{
    __float128 r = (__float128)g * fd;
    st->n++;
    if (isnanq(r)) { if (!isnan(y)) st->bad++; return; }
    if (isnan(y)) { st->bad++; if (!(st->worst >= INFINITY)) { st->worst = INFINITY; st->wx = x; st->wg = g; } return; }
    double mx = f32 ? FLT_MAX : DBL_MAX;
    __float128 lim = f32 ? (__float128)FLT_MAX + 0x1p103Q : (__float128)DBL_MAX + 0x1p970Q;
    if (isinf(y) || fabsq(r) >= lim) {
        int ok = isinf(y) && fabsq(r) >= lim && (y > 0) == (r > 0);
        if (!ok) { st->bad++; if (!(st->worst >= INFINITY)) { st->worst = INFINITY; st->wx = x; st->wg = g; } }
        return;
    }
    (void)mx;
    __float128 ar = fabsq(r), d = fabsq((__float128)y - r);
    __float128 ulp;
    if (ar < (f32 ? FLT_MIN : DBL_MIN)) ulp = f32 ? 0x1p-149Q : 0x1p-1074Q;
    else { int e; frexpq(ar, &e); ulp = ldexpq(1, e - (f32 ? 24 : 53)); }
    double e = (double)(d / ulp);
    if (e > st->worst) { st->worst = e; st->wx = x; st->wg = g; }
    if (e > 4) st->over++;
    if (T > 0) {   /* crossing functions: error relative to |g| T, and ULP away from the crossing */
        if (fabsq(fd) >= T / 8) { if (e > st->worstT) { st->worstT = e; st->wTx = x; } }
        else {
            __float128 den = fabsq((__float128)g) * T * (f32 ? 0x1p-24Q : 0x1p-53Q);
            if (den < ulp) den = ulp;   /* subnormal results: the absolute floor */
            double K = (double)(d / den);
            if (K > st->Kmax) { st->Kmax = K; st->Kx = x; }
        }
    }
}

static int run_acc(int f32, double param, const char *only)
{
    size_t nmax = 12000000;
    double *x = malloc(nmax * 8), *gg = malloc(nmax * 8);
    __float128 *fd = malloc(nmax * sizeof(__float128)), *TT = malloc(nmax * sizeof(__float128));
    float *x32 = malloc(nmax * 4), *g32 = malloc(nmax * 4), *y32 = malloc(nmax * 4);
    double *y64 = malloc(nmax * 8);
    int fails = 0;
    for (size_t c = 0; c < NCASES; c++) {
        if (only && !strstr(cases[c].name, only)) continue;
        const tcase *tc = &cases[c];
        rs = 0x9E3779B97F4A7C15ULL + c;
        size_t n = 0;
        if (f32) {
            uint32_t step = (uint32_t)param;
            for (uint64_t b = rnd() % step; b < 0x100000000ULL && n < nmax; b += step) x[n++] = fa_from_bits_f32((uint32_t)b);
            n = gen_common(x, n, nmax, tc, 1, 400000);
        } else {
            size_t np = (size_t)(param * 1e6);
            if (np > nmax - 100) np = nmax - 100;
            size_t nb = np / 6;
            for (size_t j = 0; j < nb; j++) x[n++] = fa_from_bits_f64(rnd());
            n = gen_common(x, n, nmax, tc, 0, np - nb);
        }
        double t0 = now();
        for (size_t i = 0; i < n; i++) {
            __float128 T;
            /* parameters are rounded to the dtype first and then exact */
            fd[i] = ref_d(tc->fn, x[i], f32 ? (double)(float)tc->a : tc->a, f32 ? (double)(float)tc->b : tc->b, f32, &T);
            TT[i] = T;
        }
        double t1 = now();
        for (int pass = 0; pass < 2; pass++) {
            for (size_t i = 0; i < n; i++) { gg[i] = pass ? rand_g(f32) : 1.0; if (f32) gg[i] = (float)gg[i]; }
            if (pass) for (int j = 0; j < 8; j++) gg[j * 7] = (j & 1) ? NAN : -NAN;   /* NaN g (g = +-inf is not checked: see README) */
            for (int k = 0; k < 3; k++) {
                stat st = {0};
                if (f32) {
                    fa_scalars_f32 s = {(float)tc->a, (float)tc->b, 0, 0};
                    for (size_t i = 0; i < n; i++) { x32[i] = (float)x[i]; g32[i] = (float)gg[i]; }
                    tc->g32[k](n, g32, x32, y32, &s);
                    for (size_t i = 0; i < n; i++) upd(&st, y32[i], x[i], gg[i], fd[i], TT[i], 1);
                } else {
                    fa_scalars_f64 s = {tc->a, tc->b, 0, 0};
                    memcpy(y64, x, n * 8);
                    tc->g64[k](n, gg, y64, y64, &s);   /* in place (out == x) */
                    for (size_t i = 0; i < n; i++) upd(&st, y64[i], x[i], gg[i], fd[i], f32 ? 0 : TT[i], 0);
                }
                printf("%-17s %-6s %s max %8.3f ULP at x=%-24.17g g=%-10.3g", tc->name, isa_names[k], pass ? "g=rand" : "g=1   ",
                       st.worst, st.wx, st.wg);
                if (!f32 && st.Kmax > 0) printf(" | |f'|>=T/8: %.3f ULP; near 0: %.3f x 2^-53|g|T (x=%.17g)", st.worstT, st.Kmax, st.Kx);
                if (st.over || st.bad) printf("  ** %zu over 4 ULP, %zu bad **", st.over, st.bad);
                printf("  [n=%zu, ref %.0fs]\n", n, t1 - t0);
                fflush(stdout);
                int f = f32 ? (st.over || st.bad) : (st.bad || (st.Kmax > 0 ? st.worstT > 4 : st.over));
                fails += f;
            }
        }
    }
    printf("%s\n", fails ? "FAIL" : "all within bounds");
    return fails != 0;
}

static int bench(const char *only, int reps)
{
    size_t n = 1 << 20;
    float *x32 = aligned_alloc(64, n * 4), *g32 = aligned_alloc(64, n * 4), *y32 = aligned_alloc(64, n * 4);
    double *x64 = aligned_alloc(64, n * 8), *g64 = aligned_alloc(64, n * 8), *y64 = aligned_alloc(64, n * 8);
    rs = 12345;
    for (size_t i = 0; i < n; i++) { x64[i] = uni(-10, 10); g64[i] = uni(-4, 4); x32[i] = (float)x64[i]; g32[i] = (float)g64[i]; }
    printf("ns/elem, 1M elements uniform in [-10,10] (g in [-4,4]), out of place, 1 thread, best of %d, fwd/bwd interleaved\n", reps);
    printf("%-17s %-5s %27s %27s %27s\n", "case", "dtype", "base fwd bwd ratio", "avx2 fwd bwd ratio", "avx512 fwd bwd ratio");
    for (size_t c = 0; c < NCASES; c++) {
        if (only && !strstr(cases[c].name, only)) continue;
        for (int dt = 0; dt < 2; dt++) {
            printf("%-17s %-5s", cases[c].name, dt ? "f64" : "f32");
            for (int k = 0; k < 3; k++) {
                fa_scalars_f32 s32 = {(float)cases[c].a, (float)cases[c].b, 0, 0};
                fa_scalars_f64 s64 = {cases[c].a, cases[c].b, 0, 0};
                double bf = 1e9, bb = 1e9;
                for (int r = 0; r < reps; r++) {
                    double t0 = now();
                    if (dt) cases[c].f64[k](n, x64, y64, &s64); else cases[c].f32[k](n, x32, y32, &s32);
                    double t1 = now();
                    if (dt) cases[c].g64[k](n, g64, x64, y64, &s64); else cases[c].g32[k](n, g32, x32, y32, &s32);
                    double t2 = now();
                    if (t1 - t0 < bf) bf = t1 - t0;
                    if (t2 - t1 < bb) bb = t2 - t1;
                }
                printf("   %7.3f %7.3f %5.2fx", bf * 1e9 / n, bb * 1e9 / n, bb / bf);
            }
            printf("\n");
            fflush(stdout);
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "bench")) return bench(argc > 2 ? argv[2] : NULL, argc > 3 ? atoi(argv[3]) : 40);
    if (argc > 1 && !strcmp(argv[1], "f32")) return run_acc(1, argc > 2 ? atof(argv[2]) : 997, argc > 3 ? argv[3] : NULL);
    if (argc > 1 && !strcmp(argv[1], "f64")) return run_acc(0, argc > 2 ? atof(argv[2]) : 2, argc > 3 ? argv[3] : NULL);
    fprintf(stderr, "usage: acc f32 [step] [filter] | acc f64 [millions] [filter] | acc bench [filter] [reps]\n");
    return 2;
}
