/* float32 accuracy sweep (exhaustive or strided) and benchmark for
 * fa_math_expfam.h.
 *   ./h32 acc CASE|all [stride] [threads]   all 2^32 inputs (stride 1) or every
 *                                          stride-th bit pattern; CASE as listed
 *                                          by ./h32 list (substring match)
 *   ./h32 bench [CASE]                     ns/elem, 1M floats, 1 thread, per ISA
 * (CASE: an exact case name runs that case only, else every case whose name
 * contains CASE)
 * References (per input): double arithmetic on stable formulas from the exact
 * float input (glibc libm, < 1 double ulp: ~1e-8 float ulp), switching to
 * __float128 (ref64.c) where the formula cancels (soft_exponential near its
 * zero crossing, tanhshrink uses its Taylor series below 0.1).  Build with
 * -DREF_QUAD to use __float128 for everything (slow; for spot checks).
 * Output per ISA: max integer ULP distance to the correctly rounded result
 * (and where), max error in ULP of the exact value, count over the bound,
 * NaN/inf where the truth is finite (or non-NaN where the truth is NaN),
 * and for true results below FLT_MIN the max abs error in units of FLT_MIN
 * (tolerance 1).  +-inf inputs are checked by ./specials. */
#define _GNU_SOURCE
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <quadmath.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xmmintrin.h>
#include "ref.h"

typedef struct { float a, b, c, d; } fa_scalars_f32;
typedef void (*kern_t)(size_t, const float *, float *, const fa_scalars_f32 *);
#define DECL(name) \
    void k32_##name##_base(size_t, const float *, float *, const fa_scalars_f32 *); \
    void k32_##name##_avx2(size_t, const float *, float *, const fa_scalars_f32 *); \
    void k32_##name##_avx512(size_t, const float *, float *, const fa_scalars_f32 *);
DECL(swish) DECL(quick_gelu) DECL(celu) DECL(logsigmoid) DECL(gaussian)
DECL(soft_exponential) DECL(tanhshrink) DECL(exp) DECL(expm1) DECL(log1p)
#define K3(name) { k32_##name##_base, k32_##name##_avx2, k32_##name##_avx512 }

typedef struct { const char *name; int fn; kern_t k[3]; float a; int bound; } tcase;
static const tcase cases[] = {
    {"swish(1)", F_SWISH, K3(swish), 1.0f, 3},
    {"swish(1.702)", F_SWISH, K3(swish), 1.702f, 3},
    {"swish(0.5)", F_SWISH, K3(swish), 0.5f, 3},
    {"swish(2)", F_SWISH, K3(swish), 2.0f, 3},
    {"swish(-1)", F_SWISH, K3(swish), -1.0f, 3},
    {"swish(-0.3)", F_SWISH, K3(swish), -0.3f, 3},
    {"swish(0)", F_SWISH, K3(swish), 0.0f, 3},
    {"swish(10)", F_SWISH, K3(swish), 10.0f, 3},
    {"swish(1e-3)", F_SWISH, K3(swish), 1e-3f, 3},
    {"quick_gelu", F_QGELU, K3(quick_gelu), 0, 3},
    {"celu(1)", F_CELU, K3(celu), 1.0f, 2},
    {"celu(0.5)", F_CELU, K3(celu), 0.5f, 2},
    {"celu(2.75)", F_CELU, K3(celu), 2.75f, 2},
    {"celu(1e-3)", F_CELU, K3(celu), 1e-3f, 2},
    {"celu(100)", F_CELU, K3(celu), 100.0f, 2},
    {"logsigmoid", F_LOGSIG, K3(logsigmoid), 0, 2},
    {"gaussian", F_GAUSS, K3(gaussian), 0, 2},
    {"soft_exp(0.5)", F_SOFTEXP, K3(soft_exponential), 0.5f, 3},
    {"soft_exp(-0.5)", F_SOFTEXP, K3(soft_exponential), -0.5f, 3},
    {"soft_exp(1)", F_SOFTEXP, K3(soft_exponential), 1.0f, 3},
    {"soft_exp(-1)", F_SOFTEXP, K3(soft_exponential), -1.0f, 3},
    {"soft_exp(2)", F_SOFTEXP, K3(soft_exponential), 2.0f, 3},
    {"soft_exp(-0.1)", F_SOFTEXP, K3(soft_exponential), -0.1f, 3},
    {"soft_exp(0.01)", F_SOFTEXP, K3(soft_exponential), 0.01f, 3},
    {"soft_exp(0)", F_SOFTEXP, K3(soft_exponential), 0.0f, 3},
    {"tanhshrink", F_TSHRINK, K3(tanhshrink), 0, 2},
    {"exp", F_EXP, K3(exp), 0, 2},
    {"expm1", F_EXPM1, K3(expm1), 0, 2},
    {"log1p", F_LOG1P, K3(log1p), 0, 2},
};
#define NC (sizeof cases / sizeof cases[0])
static const char *isa_names[3] = {"base", "avx2", "avx512"};

static double d_xsig(double x, double v)
{
    if (v >= 0) return x / (1 + exp(-v));
    double e = exp(v);
    return x * e / (1 + e);
}

/* reference of case c at float x (finite, not NaN) */
static double ref_d(const tcase *c, float xf)
{
#ifdef REF_QUAD
    return (double)ref_q(c->fn, xf, c->a, 0);
#else
    double x = xf, a = c->a;
    switch (c->fn) {
    case F_SWISH: return d_xsig(x, x * a);
    case F_QGELU: return d_xsig(x, x * 0x1.b3b645a1cac08p+0 + x * 0x1.89374bc6a7efap-55);
    case F_CELU: return x > 0 ? x : a * expm1(x / a);
    case F_LOGSIG: return (x < 0 ? x : 0) - log1p(exp(-fabs(x)));
    case F_GAUSS: return exp(-x * x);
    case F_SOFTEXP: {
        if (a == 0) return x;
        double y, scale;
        if (a > 0) {
            double t = a * x;
            if (t > 1000) return INFINITY;
            double A = t < -1 ? exp(t) / a : expm1(t) / a;
            double C = t < -1 ? a - 1 / a : a;
            y = A + C;
            scale = fabs(A) + fabs(C);
        } else {
            /* S = 1 + b (x - b) = (1 - b^2) + b x as a double-double
             * (b^2 and b x are exact in double, the sums by two-sums) */
            double b = -a, bb = b * b, px = b * x;
            double ch = 1 - bb, cl = (1 - ch) - bb;          /* exact: 1 >= bb or Sterbenz */
            if (bb > 1) { ch = 1 - bb; cl = 1 - (ch + bb); }
            double sh = ch + px, t = sh - ch, sl = (ch - (sh - t)) + (px - t) + cl;
            double S = sh + sl;
            sl = sl - (S - sh);
            if (S < 0) return NAN;
            if (S == 0) return -INFINITY;
            y = fabs(S - 1) < 0.5 ? log1p(b * (x - b)) / b : (log(S) + sl / S) / b;
            scale = 0;
        }
        if (fabs(y) < 0x1p-20 * scale) y = (double)ref_q(c->fn, xf, c->a, 0);
        return y;
    }
    case F_TSHRINK: {
        double ax = fabs(x);
        if (ax < 0.1) {
            double w = x * x;
            double p = 21844.0 / 6081075;
            p = p * w - 1382.0 / 155925;
            p = p * w + 62.0 / 2835;
            p = p * w - 17.0 / 315;
            p = p * w + 2.0 / 15;
            p = p * w - 1.0 / 3;
            return -(x * w) * p;
        }
        return x - tanh(x);
    }
    case F_EXP: return exp(x);
    case F_EXPM1: return expm1(x);
    case F_LOG1P: return x < -1 ? NAN : (x == -1 ? -INFINITY : log1p(x));
    }
    return 0;
#endif
}

static inline uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline float ffrom(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static inline int64_t ord(float f)
{
    uint32_t u = fbits(f);
    return (u & 0x80000000u) ? -(int64_t)(u & 0x7fffffffu) : (int64_t)u;
}

typedef struct {
    int64_t maxulp; float maxulp_x; double maxfrac; float maxfrac_x;
    uint64_t over, bad, n, nsub; double maxsub; float maxsub_x;
} stat_t;
typedef struct { const tcase *c; int tid, nth; uint64_t stride; stat_t st[3]; } job_t;

#define BLK 65536
static void *worker(void *arg)
{
    job_t *j = arg;
    const tcase *c = j->c;
    float *x = malloc(BLK * 4), *y[3];
    double *ref = malloc(BLK * 8);
    for (int i = 0; i < 3; i++) y[i] = malloc(BLK * 4);
    fa_scalars_f32 S = {c->a, 0, 0, 0};
    uint64_t total = ((1ull << 32) + j->stride - 1) / j->stride;
    uint64_t nblk = (total + BLK - 1) / BLK;
    for (uint64_t b = j->tid; b < nblk; b += j->nth) {
        size_t n = 0;
        for (uint64_t i = b * BLK; i < (b + 1) * BLK && i < total; i++) {
            float v = ffrom((uint32_t)(i * j->stride));
            if (isnan(v) || isinf(v)) continue;
            x[n++] = v;
        }
        for (size_t i = 0; i < n; i++) ref[i] = ref_d(c, x[i]);
        for (int s = 0; s < 3; s++) c->k[s](n, x, y[s], &S);
        for (int s = 0; s < 3; s++) {
            stat_t *st = &j->st[s];
            for (size_t i = 0; i < n; i++) {
                double r = ref[i];
                float yv = y[s][i], xv = x[i];
                st->n++;
                if (isnan(r)) { if (!isnan(yv)) { st->bad++; st->over++; } continue; }
                if (isnan(yv) || (isinf(yv) && !isinf((float)r))) { st->bad++; st->over++; continue; }
                if (fabs(r) < FLT_MIN) {
                    double e = fabs((double)yv - r) / FLT_MIN;
                    st->nsub++;
                    if (e > st->maxsub) { st->maxsub = e; st->maxsub_x = xv; }
                    if (e > 1.0) st->over++;
                    continue;
                }
                float r32 = (float)r;
                int64_t d = ord(yv) - ord(r32);
                if (d < 0) d = -d;
                if (d > st->maxulp) { st->maxulp = d; st->maxulp_x = xv; }
                if (d > c->bound) st->over++;
                uint32_t ex = (fbits(r32) >> 23) & 0xff;
                if (ex != 0xff) {
                    uint64_t ub = (uint64_t)((ex == 0 ? -149 : (int)ex - 150) + 1023) << 52;
                    double ulp;
                    memcpy(&ulp, &ub, 8);
                    double fr = fabs((double)yv - r) / ulp;
                    if (fr > st->maxfrac) { st->maxfrac = fr; st->maxfrac_x = xv; }
                } else if (!isinf(yv)) {   /* truth rounds to inf, result finite */
                    double fr = fabs((double)yv - r) / 0x1p104;
                    if (fr > st->maxfrac) { st->maxfrac = fr; st->maxfrac_x = xv; }
                }
            }
        }
    }
    free(x); free(ref); for (int i = 0; i < 3; i++) free(y[i]);
    return NULL;
}

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

static int acc(const tcase *c, uint64_t stride, int nth)
{
    job_t jobs[16];
    pthread_t th[16];
    double t0 = now();
    for (int t = 0; t < nth; t++) {
        memset(&jobs[t], 0, sizeof jobs[t]);
        jobs[t].c = c; jobs[t].tid = t; jobs[t].nth = nth; jobs[t].stride = stride;
        pthread_create(&th[t], NULL, worker, &jobs[t]);
    }
    for (int t = 0; t < nth; t++) pthread_join(th[t], NULL);
    double t1 = now();
    int fail = 0;
    for (int s = 0; s < 3; s++) {
        stat_t m = {0};
        for (int t = 0; t < nth; t++) {
            stat_t *q = &jobs[t].st[s];
            if (q->maxulp > m.maxulp) { m.maxulp = q->maxulp; m.maxulp_x = q->maxulp_x; }
            if (q->maxfrac > m.maxfrac) { m.maxfrac = q->maxfrac; m.maxfrac_x = q->maxfrac_x; }
            if (q->maxsub > m.maxsub) { m.maxsub = q->maxsub; m.maxsub_x = q->maxsub_x; }
            m.over += q->over; m.bad += q->bad; m.n += q->n; m.nsub += q->nsub;
        }
        printf("%-15s %-6s stride=%llu n=%llu: max %lld ulp (x=%a = %.9g), %.3f ulp vs exact (x=%a = %.9g), "
               "over(%d): %llu, bad: %llu, subn-truth n=%llu max %.3g FLT_MIN (x=%a) [%.0fs]\n",
               c->name, isa_names[s], (unsigned long long)stride, (unsigned long long)m.n, (long long)m.maxulp,
               m.maxulp_x, m.maxulp_x, m.maxfrac, m.maxfrac_x, m.maxfrac_x, c->bound, (unsigned long long)m.over,
               (unsigned long long)m.bad, (unsigned long long)m.nsub, m.maxsub, m.maxsub_x, t1 - t0);
        if (m.over) fail = 1;
    }
    fflush(stdout);
    return fail;
}

static void bench(const tcase *c)
{
    size_t n = 1 << 20;
    float *x = aligned_alloc(64, n * 4), *y = aligned_alloc(64, n * 4);
    uint64_t st = 12345;
    for (size_t i = 0; i < n; i++) {
        st = st * 6364136223846793005ull + 1442695040888963407ull;
        x[i] = (float)((double)(st >> 11) / 9007199254740992.0 * 20.0 - 10.0);
    }
    fa_scalars_f32 S = {c->a, 0, 0, 0};
    printf("%-15s", c->name);
    for (int s = 0; s < 3; s++) {
        double best = 1e9;
        for (int rep = 0; rep < 40; rep++) {
            double t0 = now();
            c->k[s](n, x, y, &S);
            double t1 = now();
            if (t1 - t0 < best) best = t1 - t0;
        }
        printf("  %s %.3f", isa_names[s], best * 1e9 / n);
    }
    printf("  ns/elem (1M floats in [-10,10], 1 thread)\n");
    fflush(stdout);
    free(x); free(y);
}

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: see header\n"); return 2; }
    if (!strcmp(argv[1], "list")) { for (size_t i = 0; i < NC; i++) printf("%s\n", cases[i].name); return 0; }
    if (getenv("FTZ")) _mm_setcsr(_mm_getcsr() | 0x8040);   /* diagnostic only */
    if (!strcmp(argv[1], "bench")) {
        for (size_t i = 0; i < NC; i++)
            if (argc < 3 || strstr(cases[i].name, argv[2])) bench(&cases[i]);
        return 0;
    }
    if (!strcmp(argv[1], "acc") && argc > 2) {
        uint64_t stride = argc > 3 ? strtoull(argv[3], NULL, 0) : 1;
        int nth = argc > 4 ? atoi(argv[4]) : 1;
        int fail = 0, exact = 0;
        for (size_t i = 0; i < NC; i++) exact |= !strcmp(cases[i].name, argv[2]);
        for (size_t i = 0; i < NC; i++)
            if (exact ? !strcmp(cases[i].name, argv[2]) : (!strcmp(argv[2], "all") || strstr(cases[i].name, argv[2])))
                fail |= acc(&cases[i], stride, nth);
        return fail;
    }
    return 2;
}
