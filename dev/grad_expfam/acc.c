/* Accuracy of the backward kernels of fa_grad_expfam.h against __float128.
 *   ./acc f32 [stride] [filter]   every stride-th float bit pattern (default
 *                                 8191) + dense grids, 3 g modes, 3 ISAs
 *   ./acc f64 [millions] [filter] random/windowed points (default 1), 3 ISAs
 * g modes: g = 1; g = u 2^k (u uniform [-4,4], k in [-30,30]); "wide":
 * f32 k in [-149, 127] / f64 k in [-1074, 1023] (u in [-4, 4]).
 * Error: |y - exact| / ulp(max(|exact|, FLT_MIN or DBL_MIN)), exact =
 * g f'(x) in __float128.  NaN must give NaN, an exact result beyond the
 * dtype's range must give the same inf.  gelu / gelu_tanh f64: also the
 * floor measure |y - exact| / (2^-53 |g| T), T the size of the cancelling
 * terms (ref.c), and the ULP max over points with |f'| >= T/16. */
#include <float.h>
#include <math.h>
#include <quadmath.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src_c/fa_common.h"
#include "ref.h"

typedef void (*k32)(size_t, const float *, const float *, float *, const fa_scalars_f32 *);
typedef void (*k64)(size_t, const double *, const double *, double *, const fa_scalars_f64 *);
#define DECL(n) \
    void kg32_##n##_base(size_t, const float *, const float *, float *, const fa_scalars_f32 *); \
    void kg32_##n##_avx2(size_t, const float *, const float *, float *, const fa_scalars_f32 *); \
    void kg32_##n##_avx512(size_t, const float *, const float *, float *, const fa_scalars_f32 *); \
    void kg64_##n##_base(size_t, const double *, const double *, double *, const fa_scalars_f64 *); \
    void kg64_##n##_avx2(size_t, const double *, const double *, double *, const fa_scalars_f64 *); \
    void kg64_##n##_avx512(size_t, const double *, const double *, double *, const fa_scalars_f64 *);
DECL(elu) DECL(selu) DECL(celu) DECL(exp) DECL(expm1) DECL(log1p) DECL(soft_exponential)
DECL(gaussian) DECL(gelu) DECL(gelu_tanh)
#define K3(n) {kg32_##n##_base, kg32_##n##_avx2, kg32_##n##_avx512}, {kg64_##n##_base, kg64_##n##_avx2, kg64_##n##_avx512}

typedef struct { const char *name; int fn; k32 f[3]; k64 d[3]; double a; } tcase;
static const tcase cases[] = {
    {"elu(1)", G_ELU, K3(elu), 1.0},
    {"elu(0.7)", G_ELU, K3(elu), 0.7},
    {"elu(-2.5)", G_ELU, K3(elu), -2.5},
    {"elu(1e30)", G_ELU, K3(elu), 1e30},
    {"selu", G_SELU, K3(selu), 0},
    {"celu(1)", G_CELU, K3(celu), 1.0},
    {"celu(0.5)", G_CELU, K3(celu), 0.5},
    {"celu(2.75)", G_CELU, K3(celu), 2.75},
    {"celu(1e-3)", G_CELU, K3(celu), 1e-3},
    {"celu(100)", G_CELU, K3(celu), 100.0},
    {"exp", G_EXP, K3(exp), 0},
    {"expm1", G_EXPM1, K3(expm1), 0},
    {"log1p", G_LOG1P, K3(log1p), 0},
    {"soft_exp(0.5)", G_SOFTEXP, K3(soft_exponential), 0.5},
    {"soft_exp(-0.5)", G_SOFTEXP, K3(soft_exponential), -0.5},
    {"soft_exp(1)", G_SOFTEXP, K3(soft_exponential), 1.0},
    {"soft_exp(-1)", G_SOFTEXP, K3(soft_exponential), -1.0},
    {"soft_exp(2)", G_SOFTEXP, K3(soft_exponential), 2.0},
    {"soft_exp(-0.1)", G_SOFTEXP, K3(soft_exponential), -0.1},
    {"soft_exp(0.01)", G_SOFTEXP, K3(soft_exponential), 0.01},
    {"soft_exp(-3)", G_SOFTEXP, K3(soft_exponential), -3.0},
    {"soft_exp(0)", G_SOFTEXP, K3(soft_exponential), 0.0},
    {"gaussian", G_GAUSS, K3(gaussian), 0},
    {"gelu", G_GELU, K3(gelu), 0},
    {"gelu_tanh", G_GELUT, K3(gelu_tanh), 0},
};
#define NC (sizeof cases / sizeof cases[0])
static const char *isa[3] = {"base", "avx2", "avx512"};
static const char *gm[3] = {"g=1", "g=rand", "g=wide"};

static uint64_t rs = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void) { rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27; return rs * 2685821657736338717ULL; }
static double urand(void) { return (rnd() >> 11) * 0x1p-53; }
static double uni(double a, double b) { return a + (b - a) * urand(); }
static double sgn(double v) { return (rnd() & 1) ? -v : v; }
static double gval(int mode, int kmin, int kmax)
{
    if (mode == 0) return 1.0;
    int lo = mode == 1 ? -30 : kmin, hi = mode == 1 ? 30 : kmax;
    return uni(-4, 4) * ldexp(1.0, lo + (int)(rnd() % (uint64_t)(hi - lo + 1)));
}

typedef struct { double maxu, wx, wg; double maxfl, fx; double maxu_far, farx; size_t over, bad, n; } st_t;

static void upd(st_t *st, double y, __float128 ex, __float128 T, double x, double g, int is64, __float128 fp)
{
    st->n++;
    if (isnanq(ex)) { if (!isnan(y)) { st->bad++; st->over++; } return; }
    if (getenv("DBG") && (isnan(y) || isinf(y))) fprintf(stderr, "dbg x=%a g=%a y=%a ex=%g\n", x, g, y, (double)ex);
    if (isnan(y)) { st->bad++; st->over++; if (!(st->maxu >= INFINITY)) { st->maxu = INFINITY; st->wx = x; st->wg = g; } return; }
    double mx = is64 ? DBL_MAX : FLT_MAX;
    int mant = is64 ? 52 : 23;
    __float128 aex = fabsq(ex);
    if (aex >= (__float128)mx + ldexpq(1, is64 ? 970 : 103)) {      /* rounds to inf */
        if (isinf(y) && (y > 0) == (ex > 0)) return;
        st->bad++; st->over++; st->maxu = INFINITY; st->wx = x; st->wg = g; return;
    }
    if (isinf(y)) { st->bad++; st->over++; st->maxu = INFINITY; st->wx = x; st->wg = g; return; }
    __float128 ref = aex < (is64 ? DBL_MIN : FLT_MIN) ? (is64 ? DBL_MIN : FLT_MIN) : aex;
    int e; frexpq(ref, &e);
    __float128 d = fabsq((__float128)y - ex);
    double u = (double)(d / ldexpq(1, e - 1 - mant));
    if (u > st->maxu) { st->maxu = u; st->wx = x; st->wg = g; }
    if (u > 4) st->over++;
    if (T > 0 && fabsq((__float128)g) * T >= (is64 ? DBL_MIN : FLT_MIN)) {
        double fl = (double)(d / (ldexpq(1, -53) * fabsq((__float128)g) * T));
        if (fl > st->maxfl) { st->maxfl = fl; st->fx = x; }
        if (fabsq(fp) >= T / 16 && u > st->maxu_far) { st->maxu_far = u; st->farx = x; }
    }
}

/* exact g f'(x); the reference f' overflows quad for exp-type f' at huge
 * finite x, where g = 0 must still give 0 */
static __float128 gprod(double g, __float128 fp, double x)
{
    if (g == 0 && isinfq(fp) && !isinf(x) && !isnan(x) && fp > 0 && fabs(x) > 1000) return 0;
    return (__float128)g * fp;
}

static void report(const char *nm, const char *dt, int k, int m, st_t *s, int flo)
{
    printf("%-15s %s %-6s %-6s n=%-8zu max %8.3f ULP at x=%.17g g=%.3g  over4=%zu bad=%zu", nm, dt, isa[k], gm[m],
           s->n, s->maxu, s->wx, s->wg, s->over, s->bad);
    if (flo) printf("  | floor err %.3f (2^-53 |g| T) at x=%.17g; ULP where |f'|>=T/16: %.3f at x=%.17g", s->maxfl, s->fx, s->maxu_far, s->farx);
    printf("\n");
}

static int run32(const tcase *c, uint64_t stride)
{
    size_t cap = (size_t)((1ull << 32) / stride) + 600000;
    float *x = malloc(cap * 4), *g = malloc(cap * 4), *y = malloc(cap * 4);
    __float128 *fp = malloc(cap * sizeof(__float128)), *T = malloc(cap * sizeof(__float128));
    size_t n = 0;
    for (uint64_t b = 12345 % stride; b < (1ull << 32); b += stride) {
        float v; uint32_t u = (uint32_t)b; memcpy(&v, &u, 4);
        if (!isnan(v)) x[n++] = v;
    }
    static const float sp[] = {0.0f, -0.0f, INFINITY, -INFINITY, 1.0f, -1.0f, FLT_MIN, -FLT_MIN, 0x1p-149f, -0x1p-149f,
                               FLT_MAX, -FLT_MAX, 88.7f, -87.3f, -103.9f, 200.f, -200.f, 15.f, -15.f, 16.f, -16.f, 20.f, -20.f};
    for (size_t j = 0; j < sizeof sp / 4; j++) x[n++] = sp[j];
    rs = 0x1234567ULL;
    for (int j = 0; j < 200000; j++) x[n++] = (float)uni(-3, 3);
    for (int j = 0; j < 100000; j++) x[n++] = (float)uni(-120, 120);
    double root = c->fn == G_GELU ? -0.75179152469356445746 : c->fn == G_GELUT ? -0.75246142207101625849
                : c->fn == G_LOG1P ? -1.0 : (c->fn == G_SOFTEXP && c->a < 0) ? (-c->a) - 1 / (-c->a) : 0.0;
    {   /* the floats next to the interesting point */
        float r = (float)root;
        float lo = r, hi = r;
        for (int j = 0; j < 50000; j++) { lo = nextafterf(lo, -INFINITY); hi = nextafterf(hi, INFINITY); x[n++] = lo; x[n++] = hi; }
        x[n++] = r;
    }
    for (int j = 0; j < 100000; j++) x[n++] = (float)uni(root - 0.05, root + 0.05);
    for (size_t i = 0; i < n; i++) fp[i] = ref_dq(c->fn, (__float128)x[i], (double)(float)c->a, isinf(x[i]), &T[i]);
    int fail = 0;
    fa_scalars_f32 S = {(float)c->a, 0, 0, 0};
    for (int m = 0; m < 3; m++) {
        rs = 777 + m;
        for (size_t i = 0; i < n; i++) g[i] = (float)gval(m, -149, 125);
        for (int k = 0; k < 3; k++) {
            c->f[k](n, g, x, y, &S);
            st_t st = {0};
            for (size_t i = 0; i < n; i++) upd(&st, y[i], gprod(g[i], fp[i], x[i]), 0, x[i], g[i], 0, fp[i]);
            report(c->name, "f32", k, m, &st, 0);
            fail |= st.over != 0;
        }
    }
    fflush(stdout);
    free(x); free(g); free(y); free(fp); free(T);
    return fail;
}

static size_t gen64(double *x, size_t n, const tcase *c)
{
    size_t i = 0;
    static const double sp[] = {0.0, -0.0, INFINITY, -INFINITY, DBL_MIN, -DBL_MIN, DBL_TRUE_MIN, -DBL_TRUE_MIN, DBL_MAX,
        -DBL_MAX, 1.0, -1.0, 0.5, -0.5, 40, -40, 709.78, -709.78, 745.2, -745.2, 1500, -1500, -1 + 0x1p-53, 1e300, -1e300};
    for (size_t j = 0; j < sizeof sp / 8; j++) x[i++] = sp[j];
    rs = 0x9E3779B97F4A7C15ULL;
    double a = c->a;
    double root = c->fn == G_GELU ? -0.75179152469356445746 : c->fn == G_GELUT ? -0.75246142207101625849
                : c->fn == G_LOG1P ? -1.0 : (c->fn == G_SOFTEXP && a < 0) ? (-a) - 1 / (-a) : 0.0;
    size_t nb = n / 6, nu = n / 4, nt = n / 12, nl = n / 12, nw = n / 12;
    for (size_t j = 0; j < nb; j++) x[i++] = fa_from_bits_f64(rnd());
    for (size_t j = 0; j < nu; j++) x[i++] = uni(-12, 12);
    for (size_t j = 0; j < nt; j++) { int e = (int)(rnd() % 1067) - 1074; x[i++] = sgn(ldexp(1.0 + urand(), e)); }
    for (size_t j = 0; j < nl; j++) x[i++] = sgn(exp2(uni(-10, 11)));
    for (size_t j = 0; j < nw; j++) x[i++] = uni(-1600, 1600);
    while (i < n) {
        int w = (int)(rnd() % 6);
        double v;
        switch (w) {
        case 0: v = root + root * uni(-1e-3, 1e-3) + uni(-1e-9, 1e-9); break;
        case 1: v = root + uni(-1e-12, 1e-12); break;
        case 2: v = sgn(uni(0.9, 1.1)); break;
        case 3: v = sgn(uni(30, 60)); break;
        case 4: v = a != 0 ? sgn(uni(0, 1600 / fabs(a))) : uni(-60, 60); break;
        default: v = uni(-3, 3);
        }
        x[i++] = v;
    }
    return i;
}

static int run64(const tcase *c, double mill)
{
    size_t n = (size_t)(mill * 1e6);
    double *x = malloc(n * 8), *g = malloc(n * 8), *y = malloc(n * 8);
    __float128 *fp = malloc(n * sizeof(__float128)), *T = malloc(n * sizeof(__float128));
    n = gen64(x, n, c);
    for (size_t i = 0; i < n; i++) fp[i] = ref_dq(c->fn, (__float128)x[i], c->a, isinf(x[i]), &T[i]);
    int fail = 0, flo = c->fn == G_GELU || c->fn == G_GELUT;
    fa_scalars_f64 S = {c->a, 0, 0, 0};
    for (int m = 0; m < 3; m++) {
        rs = 999 + m;
        for (size_t i = 0; i < n; i++) g[i] = gval(m, -1074, 1021);
        for (int k = 0; k < 3; k++) {
            c->d[k](n, g, x, y, &S);
            st_t st = {0};
            for (size_t i = 0; i < n; i++) upd(&st, y[i], gprod(g[i], fp[i], x[i]), T[i], x[i], g[i], 1, fp[i]);
            report(c->name, "f64", k, m, &st, flo);
            fail |= st.over != 0 && !flo;
        }
    }
    fflush(stdout);
    free(x); free(g); free(y); free(fp); free(T);
    return fail;
}

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: acc f32|f64 [stride|millions] [filter]\n"); return 2; }
    int is64 = !strcmp(argv[1], "f64");
    const char *flt = argc > 3 ? argv[3] : NULL;
    int fail = 0;
    for (size_t c = 0; c < NC; c++) {
        if (flt && !strstr(cases[c].name, flt)) continue;
        if (is64) fail |= run64(&cases[c], argc > 2 ? atof(argv[2]) : 1.0);
        else fail |= run32(&cases[c], argc > 2 ? strtoull(argv[2], NULL, 0) : 8191);
    }
    printf("%s\n", fail ? "SOME CASES OVER 4 ULP (see above)" : "all within bounds");
    return fail;
}
