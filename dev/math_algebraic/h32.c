/* float32 harness for src_c/fa_math_algebraic.h (see README.md).
 *   ./bin/h32 acc NAME [stride] [threads]   all 2^32 inputs (stride 1) or every
 *                                          stride-th bit pattern; NaNs skipped
 *   ./bin/h32 rows [npoints]                srelu / leaky_relu per-element loops
 *   ./bin/h32 bench [NAME ...]              ns/element, 1M, out of place, 1 thread
 *   ./bin/h32 special                       bitwise special values, every ISA
 * Scalars via env FA_A FA_B FA_C FA_D (defaults per function). */
#define _GNU_SOURCE
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static inline uint64_t fa_bits64(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
#include "exact.h"

typedef struct { float a, b, c, d; } fa_scalars_f32;
typedef void (*kern_t)(size_t, const float *, float *, const fa_scalars_f32 *);
typedef void (*rows_t)(size_t, const float *, float *, const float *const *);

#define DECL1(name, isa) void k32_##name##_##isa(size_t, const float *, float *, const fa_scalars_f32 *);
#define DECL(name) DECL1(name, base) DECL1(name, avx2) DECL1(name, avx512)
DECL(identity) DECL(binary_step) DECL(hardtanh) DECL(relu6) DECL(hardsigmoid) DECL(hardswish)
DECL(softshrink) DECL(hardshrink) DECL(threshold) DECL(softsign) DECL(isru) DECL(isrlu)
DECL(bent_identity) DECL(srelu)
#define DECLR(name) void r32_##name##_base(size_t, const float *, float *, const float *const *); \
    void r32_##name##_avx2(size_t, const float *, float *, const float *const *);                \
    void r32_##name##_avx512(size_t, const float *, float *, const float *const *);
DECLR(srelu) DECLR(leaky_relu)

typedef long double ld;

typedef long double ld;
/* Exact side of a float midpoint m (sign of f(x) - m), with GMP, for the
 * functions whose long-double reference can round onto a midpoint. */
#define MP_PREC 1400
static int cmp_sign(mpf_t a, mpf_t b) { int c = mpf_cmp(a, b); return (c > 0) - (c < 0); }
static int c_hardsigmoid(float x, double m)
{   /* sign(x + 3 - 6m) */
    mpf_t a, b; mpf_init2(a, MP_PREC); mpf_init2(b, MP_PREC);
    mpf_set_d(a, x); mpf_set_d(b, 3); mpf_add(a, a, b); mpf_set_d(b, 6 * m);
    int c = cmp_sign(a, b); mpf_clear(a); mpf_clear(b); return c;
}
static int c_hardswish(float x, double m)
{   /* sign(x (x + 3) - 6m) */
    mpf_t a, b; mpf_init2(a, MP_PREC); mpf_init2(b, MP_PREC);
    mpf_set_d(a, x); mpf_set_d(b, 3); mpf_add(a, a, b); mpf_set_d(b, x); mpf_mul(a, a, b);
    mpf_set_d(b, 6 * m);
    int c = cmp_sign(a, b); mpf_clear(a); mpf_clear(b); return c;
}
static int c_softsign(float x, double m)
{   /* sign(x - m (1 + |x|)) */
    mpf_t a, b; mpf_init2(a, MP_PREC); mpf_init2(b, MP_PREC);
    mpf_set_d(b, 1.0 + fabs((double)x)); mpf_set_d(a, m); mpf_mul(b, b, a);
    mpf_set_d(a, x);
    int c = cmp_sign(a, b); mpf_clear(a); mpf_clear(b); return c;
}
static fa_scalars_f32 S;
static int c_isru(float x, double m)
{   /* f = x / sqrt(1 + a x^2): compare |f| with |m| via x^2 vs m^2 (1 + a x^2) */
    if (x == 0) return m > 0 ? -1 : (m < 0 ? 1 : 0);
    if ((x > 0) != (m > 0) || m == 0) return x > 0 ? 1 : -1;
    mpf_t a, b, t; mpf_init2(a, MP_PREC); mpf_init2(b, MP_PREC); mpf_init2(t, MP_PREC);
    mpf_set_d(a, x); mpf_mul(a, a, a);                 /* x^2 */
    mpf_set_d(t, S.a); mpf_mul(t, t, a);               /* a x^2 */
    mpf_set_d(b, 1); mpf_add(t, t, b);                 /* 1 + a x^2 */
    mpf_set_d(b, m); mpf_mul(b, b, b); mpf_mul(b, b, t);
    int c = cmp_sign(a, b);                            /* sign(|f| - |m|) */
    mpf_clear(a); mpf_clear(b); mpf_clear(t);
    return x > 0 ? c : -c;
}
static int c_isrlu(float x, double m) { return c_isru(x, m); }
static int c_bent_identity(float x, double m)
{   /* f > m  <=>  sqrt(x^2 + 1) > R = 2 (m - x) + 1 */
    mpf_t a, R, t; mpf_init2(a, MP_PREC); mpf_init2(R, MP_PREC); mpf_init2(t, MP_PREC);
    mpf_set_d(R, m); mpf_set_d(t, x); mpf_sub(R, R, t); mpf_mul_2exp(R, R, 1);
    mpf_set_d(t, 1); mpf_add(R, R, t);
    int c;
    if (mpf_sgn(R) < 0) c = 1;
    else {
        mpf_set_d(a, x); mpf_mul(a, a, a); mpf_add(a, a, t);   /* x^2 + 1 */
        mpf_mul(R, R, R);
        c = cmp_sign(a, R);
    }
    mpf_clear(a); mpf_clear(R); mpf_clear(t);
    return c;
}
static uint64_t n_refined;
/* If the long-double value r lies within 2^-60 |r| of a float midpoint,
 * decide the side exactly and return the midpoint nudged by 2^-62 |m|. */
static ld refine(ld r, float x, int (*cmp)(float, double))
{
    float f = (float)r;
    if (isinf(f) || isnan(f)) return r;
    float up = nextafterf(f, INFINITY), dn = nextafterf(f, -INFINITY);
    ld ms[2] = {isinf(up) ? r : ((ld)f + up) / 2, isinf(dn) ? r : ((ld)f + dn) / 2};
    for (int k = 0; k < 2; k++) {
        ld m = ms[k];
        if (m != r && fabsl(r - m) > fabsl(m) * 0x1p-60L) continue;
        if (fabsl(r - m) > fabsl(m) * 0x1p-60L) continue;
        __atomic_fetch_add(&n_refined, 1, __ATOMIC_RELAXED);
        int c = cmp(x, (double)m);
        return c == 0 ? m : m + c * fabsl(m) * 0x1p-62L;
    }
    return r;
}

static ld r_identity(float x) { return x; }
static ld r_binary_step(float x) { return x >= 0 ? 1 : 0; }
static ld r_hardtanh(float x) { return x < S.a ? S.a : (x > S.b ? S.b : x); }
static ld r_relu6(float x) { return x <= 0 ? 0 : (x >= 6 ? 6 : x); }
static ld r_hardsigmoid(float x) { return x <= -3 ? 0 : (x >= 3 ? 1 : refine(((ld)x + 3) / 6, x, c_hardsigmoid)); }
static ld r_hardswish(float x) { return x <= -3 ? 0 : (x >= 3 ? x : refine((ld)x * ((ld)x + 3) / 6, x, c_hardswish)); }
static ld r_softshrink(float x) { return x > S.a ? (ld)x - S.a : (x < -S.a ? (ld)x + S.a : 0); }
static ld r_hardshrink(float x) { return (x > S.a || x < -S.a) ? x : 0; }
static ld r_threshold(float x) { return x <= S.a ? S.b : x; }
static ld r_softsign(float x) { return refine((ld)x / (1 + fabsl(x)), x, c_softsign); }
static ld r_isru(float x) { ld X = x; return refine(X / sqrtl(1 + (ld)S.a * X * X), x, c_isru); }
static ld r_isrlu(float x) { return x >= 0 ? (ld)x : r_isru(x); }
static ld r_bent_identity(float x) { ld X = x; return refine(X * X / (2 * (sqrtl(X * X + 1) + 1)) + X, x, c_bent_identity); }
static uint64_t n_slow;
/* correctly rounded float (exact); returned as ld */
static float srelu_cr(float x, float tl, float al, float tr, float ar)
{
    if (isnan(x)) return x;
    int right = x >= tr, left = x <= tl;
    if (!right && !left) return x;
    float t = right ? tr : tl, a = right ? ar : al;
    if (isinf(x)) return a == 0 ? t : a * x;
    double A = (double)a * x, B = -((double)a * t);
    ld Sl = (ld)t + ((ld)A + (ld)B);
    ld E = (fabsl(t) + fabsl(A) + fabsl(B)) * 0x1p-61L;
    float f = (float)Sl;
    ld mu = isinf(f) ? INFINITY : (isinf(nextafterf(f, INFINITY)) ? (ld)FLT_MAX + 0x1p103L : ((ld)f + nextafterf(f, INFINITY)) / 2);
    ld md = isinf(f) ? -INFINITY : (isinf(nextafterf(f, -INFINITY)) ? -(ld)FLT_MAX - 0x1p103L : ((ld)f + nextafterf(f, -INFINITY)) / 2);
    if (!isinf(f) && fabsl(Sl - mu) > E && fabsl(Sl - md) > E) return f;
    if (isinf(f) && fabsl(Sl) > (ld)FLT_MAX + 0x1p103L + E) return f;
    __atomic_fetch_add(&n_slow, 1, __ATOMIC_RELAXED);
    mpf_t v; mpf_init2(v, 4600);
    ex_srelu_value(v, x, t, a);
    float r = ex_round_f(v, f);
    mpf_clear(v);
    return r;
}
static ld r_srelu(float x) { return srelu_cr(x, S.a, S.b, S.c, S.d); }

typedef struct {
    const char *name;
    ld (*ref)(float);
    kern_t k[3];
    float a, b, c, d;
    int bound;   /* integer ULP bound */
} func_t;
#define F(name, a, b, c, d, bound) {#name, r_##name, {k32_##name##_base, k32_##name##_avx2, k32_##name##_avx512}, a, b, c, d, bound}
static func_t funcs[] = {
    F(identity, 0, 0, 0, 0, 0), F(binary_step, 0, 0, 0, 0, 0), F(hardtanh, -1, 1, 0, 0, 0),
    F(relu6, 0, 0, 0, 0, 0), F(hardsigmoid, 0, 0, 0, 0, 1), F(hardswish, 0, 0, 0, 0, 1),
    F(softshrink, 0.5f, 0, 0, 0, 0), F(hardshrink, 0.5f, 0, 0, 0, 0), F(threshold, 0.1f, 20, 0, 0, 0),
    F(softsign, 0, 0, 0, 0, 2), F(isru, 1, 0, 0, 0, 2), F(isrlu, 1, 0, 0, 0, 2),
    F(bent_identity, 0, 0, 0, 0, 3), F(srelu, -1, 0.1f, 2, 0.3f, 0),
};
#define NF (sizeof funcs / sizeof funcs[0])
static const char *isa_names[3] = {"base", "avx2", "avx512"};

static func_t *find(const char *n)
{
    for (size_t i = 0; i < NF; i++)
        if (!strcmp(funcs[i].name, n)) return &funcs[i];
    fprintf(stderr, "unknown function %s\n", n);
    exit(2);
}
static void set_scalars(func_t *f)
{
    S.a = f->a; S.b = f->b; S.c = f->c; S.d = f->d;
    if (getenv("FA_A")) S.a = strtof(getenv("FA_A"), NULL);
    if (getenv("FA_B")) S.b = strtof(getenv("FA_B"), NULL);
    if (getenv("FA_C")) S.c = strtof(getenv("FA_C"), NULL);
    if (getenv("FA_D")) S.d = strtof(getenv("FA_D"), NULL);
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
typedef struct { func_t *f; int tid, nth; uint64_t stride; stat_t st[3]; } job_t;

static void account(stat_t *st, int bound, float xv, float yv, ld rr)
{
    double r = (double)rr;
    st->n++;
    if (isinf(xv) || isnan(r)) return;   /* limits: `special` */
    if (isnan(yv) || (isinf(yv) && !isinf((float)rr))) { st->bad++; st->over++; return; }
    if (fabsl(rr) < FLT_MIN) {
        double e = (double)(fabsl((ld)yv - rr) / FLT_MIN);
        st->nsub++;
        if (e > st->maxsub) { st->maxsub = e; st->maxsub_x = xv; }
        if (e > 1.0) st->over++;
        /* also integer distance to the rounded truth (subnormal grid) */
    }
    float r32 = (float)rr;
    int64_t d = ord(yv) - ord(r32);
    if (d < 0) d = -d;
    if (d > st->maxulp) { st->maxulp = d; st->maxulp_x = xv; }
    if (d > bound && fabsl(rr) >= FLT_MIN) st->over++;
    uint32_t ex = (fbits(r32) >> 23) & 0xff;
    if (ex != 0xff) {
        ld ulp = ldexpl(1.0L, (ex == 0 ? -149 : (int)ex - 150));
        double fr = (double)(fabsl((ld)yv - rr) / ulp);
        if (fr > st->maxfrac) { st->maxfrac = fr; st->maxfrac_x = xv; }
    }
}

#define BLK 65536
static void *worker(void *arg)
{
    job_t *j = arg;
    float *x = malloc(BLK * 4), *y[3];
    ld *ref = malloc(BLK * sizeof(ld));
    for (int i = 0; i < 3; i++) y[i] = malloc(BLK * 4);
    uint64_t total = ((1ull << 32) + j->stride - 1) / j->stride;
    uint64_t nblk = (total + BLK - 1) / BLK;
    for (uint64_t b = j->tid; b < nblk; b += j->nth) {
        size_t n = 0;
        for (uint64_t i = b * BLK; i < (b + 1) * BLK && i < total; i++) {
            float v = ffrom((uint32_t)(i * j->stride));
            if (isnan(v)) continue;
            x[n++] = v;
        }
        for (size_t i = 0; i < n; i++) ref[i] = j->f->ref(x[i]);
        for (int s = 0; s < 3; s++) j->f->k[s](n, x, y[s], &S);
        for (int s = 0; s < 3; s++)
            for (size_t i = 0; i < n; i++) account(&j->st[s], j->f->bound, x[i], y[s][i], ref[i]);
    }
    free(x); free(ref); for (int i = 0; i < 3; i++) free(y[i]);
    return NULL;
}

static int report(const char *name, stat_t *ms, int bound, uint64_t stride, double secs)
{
    int fail = 0;
    for (int s = 0; s < 3; s++) {
        stat_t m = ms[s];
        printf("%-13s %-6s a=%g b=%g c=%g d=%g stride=%llu n=%llu: max %lld ulp (x=%a = %.9g), max %.3f ulp vs exact (x=%a), "
               "over bound(%d): %llu, nan/inf bad: %llu, subnormal-truth: n=%llu max abs err %.3g*FLT_MIN (x=%a)  [%.0fs]\n",
               name, isa_names[s], S.a, S.b, S.c, S.d, (unsigned long long)stride, (unsigned long long)m.n,
               (long long)m.maxulp, m.maxulp_x, m.maxulp_x, m.maxfrac, m.maxfrac_x, bound,
               (unsigned long long)m.over, (unsigned long long)m.bad, (unsigned long long)m.nsub, m.maxsub,
               m.maxsub_x, secs);
        if (m.over) fail = 1;
    }
    fflush(stdout);
    return fail;
}

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + 1e-9 * t.tv_nsec; }

static int acc(func_t *f, int nth, uint64_t stride)
{
    set_scalars(f);
    job_t jobs[64];
    pthread_t th[64];
    double t0 = now();
    n_slow = 0; n_refined = 0;
    for (int t = 0; t < nth; t++) {
        memset(&jobs[t], 0, sizeof jobs[t]);
        jobs[t].f = f; jobs[t].tid = t; jobs[t].nth = nth; jobs[t].stride = stride;
        pthread_create(&th[t], NULL, worker, &jobs[t]);
    }
    for (int t = 0; t < nth; t++) pthread_join(th[t], NULL);
    stat_t m[3];
    memset(m, 0, sizeof m);
    for (int s = 0; s < 3; s++)
        for (int t = 0; t < nth; t++) {
            stat_t *q = &jobs[t].st[s];
            if (q->maxulp > m[s].maxulp) { m[s].maxulp = q->maxulp; m[s].maxulp_x = q->maxulp_x; }
            if (q->maxfrac > m[s].maxfrac) { m[s].maxfrac = q->maxfrac; m[s].maxfrac_x = q->maxfrac_x; }
            if (q->maxsub > m[s].maxsub) { m[s].maxsub = q->maxsub; m[s].maxsub_x = q->maxsub_x; }
            m[s].over += q->over; m[s].bad += q->bad; m[s].n += q->n; m[s].nsub += q->nsub;
        }
    if (!strcmp(f->name, "srelu")) printf("srelu: %llu inputs needed the exact GMP reference\n", (unsigned long long)n_slow);
    else if (n_refined) printf("%s: %llu inputs near a float midpoint decided exactly (GMP)\n", f->name, (unsigned long long)n_refined);
    return report(f->name, m, f->bound, stride, now() - t0);
}

/* per-element parameter loops: random parameters per element */
static uint64_t rs = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void) { rs ^= rs >> 12; rs ^= rs << 25; rs ^= rs >> 27; return rs * 2685821657736338717ULL; }
static float rpar(void)
{
    switch (rnd() % 6) {
    case 0: return 0.0f;
    case 1: return ffrom((uint32_t)rnd() & 0xff7fffffu);     /* random finite bits */
    case 2: return (float)((int)(rnd() % 17) - 8) * 0.25f;
    default: return (float)(((double)(rnd() >> 11) / 9007199254740992.0) * 8.0 - 4.0);
    }
}
static float dyf(int emin, int emax)
{
    float m = (float)(rnd() % 64 + 1) * ((rnd() & 1) ? 1 : -1);
    int e = emin + (int)(rnd() % (uint64_t)(emax - emin + 1));
    float v = ldexpf(m, e);
    if (rnd() % 3 == 0) v += ldexpf((float)(rnd() % 8 + 1) * ((rnd() & 1) ? 1 : -1), e - 20 - (int)(rnd() % 60));
    if (rnd() % 4 == 0) v = nextafterf(v, (rnd() & 1) ? INFINITY : -INFINITY);
    return v;
}
static int hard;
static int rows(size_t n)
{
    rows_t rk[3] = {r32_srelu_base, r32_srelu_avx2, r32_srelu_avx512};
    rows_t lk[3] = {r32_leaky_relu_base, r32_leaky_relu_avx2, r32_leaky_relu_avx512};
    float *x = malloc(n * 4), *y = malloc(n * 4), *p[4];
    for (int k = 0; k < 4; k++) p[k] = malloc(n * 4);
    for (size_t i = 0; i < n; i++) {
        uint64_t r = rnd();
        x[i] = (r & 3) == 0 ? ffrom((uint32_t)(r >> 20)) : (float)(((double)(rnd() >> 11) / 9007199254740992.0) * 16.0 - 8.0);
        float t1 = rpar(), t2 = rpar();
        if (isnan(t1) || isnan(t2) || isinf(t1) || isinf(t2)) t1 = t2 = 0;
        p[0][i] = t1 < t2 ? t1 : t2; p[2][i] = t1 < t2 ? t2 : t1;
        p[1][i] = rpar(); p[3][i] = rpar();
        if (isnan(p[1][i]) || isinf(p[1][i])) p[1][i] = 1;
        if (isnan(p[3][i]) || isinf(p[3][i])) p[3][i] = 1;
        if (hard) {
            int e = (int)(rnd() % 60) - 30;
            float t1 = dyf(e - 20, e + 20), t2 = dyf(e - 20, e + 20);
            p[0][i] = t1 < t2 ? t1 : t2; p[2][i] = t1 < t2 ? t2 : t1;
            p[1][i] = dyf(-30, 5); p[3][i] = dyf(-30, 5);
            x[i] = dyf(e - 30, e + 30);
        }
    }
    int fail = 0;
    for (int s = 0; s < 3; s++) {
        uint64_t bad = 0, badl = 0;
        rk[s](n, x, y, (const float *const *)p);
        for (size_t i = 0; i < n; i++) {
            float r = srelu_cr(x[i], p[0][i], p[1][i], p[2][i], p[3][i]);
            if (!(isnan(r) && isnan(y[i])) && ord(r) != ord(y[i])) {
                if (bad < 5) printf("  srelu rows mismatch x=%a p=(%a,%a,%a,%a): %a vs %a\n", x[i], p[0][i], p[1][i], p[2][i], p[3][i], y[i], r);
                bad++;
            }
        }
        lk[s](n, x, y, (const float *const *)p);
        for (size_t i = 0; i < n; i++) {
            float r = x[i] > 0 ? x[i] : x[i] * p[0][i];
            if (!(isnan(r) && isnan(y[i])) && fbits(r) != fbits(y[i])) badl++;
        }
        printf("rows %-6s n=%zu: srelu mismatches vs correctly rounded: %llu; leaky_relu mismatches: %llu\n",
               isa_names[s], n, (unsigned long long)bad, (unsigned long long)badl);
        fail |= bad || badl;
    }
    return fail;
}

static void bench(func_t *f)
{
    set_scalars(f);
    size_t n = 1 << 20;
    float *x = aligned_alloc(64, n * 4), *y = aligned_alloc(64, n * 4);
    uint64_t st = 12345;
    for (size_t i = 0; i < n; i++) {  /* uniform in [-10, 10] */
        st = st * 6364136223846793005ull + 1442695040888963407ull;
        x[i] = (float)((double)(st >> 11) / 9007199254740992.0 * 20.0 - 10.0);
    }
    printf("%-13s", f->name);
    for (int s = 0; s < 3; s++) {
        double best = 1e9;
        for (int rep = 0; rep < 60; rep++) {
            double t0 = now();
            f->k[s](n, x, y, &S);
            double t1 = now();
            if (t1 - t0 < best) best = t1 - t0;
        }
        printf("  %s %.3f", isa_names[s], best * 1e9 / n);
    }
    printf("  ns/elem\n");
    free(x); free(y);
}


/* per-element-parameter srelu loop: same inputs, parameter rows filled with
 * (-1, 0.1, 2, 0.3) */
static void bench_rows(void)
{
    rows_t rk[3] = {r32_srelu_base, r32_srelu_avx2, r32_srelu_avx512};
    size_t n = 1 << 20;
    float *x = aligned_alloc(64, n * sizeof(float)), *y = aligned_alloc(64, n * sizeof(float)), *p[4];
    const float pv[4] = {-1, 0.1, 2, 0.3};
    for (int k = 0; k < 4; k++) { p[k] = aligned_alloc(64, n * sizeof(float)); for (size_t i = 0; i < n; i++) p[k][i] = pv[k]; }
    uint64_t st = 12345;
    for (size_t i = 0; i < n; i++) {
        st = st * 6364136223846793005ull + 1442695040888963407ull;
        x[i] = (float)((double)(st >> 11) / 9007199254740992.0 * 20.0 - 10.0);
    }
    printf("%-13s", "srelu(rows)");
    for (int s = 0; s < 3; s++) {
        double best = 1e9;
        for (int rep = 0; rep < 30; rep++) {
            double t0 = now();
            rk[s](n, x, y, (const float *const *)p);
            double t1 = now();
            if (t1 - t0 < best) best = t1 - t0;
        }
        printf("  %s %.3f", isa_names[s], best * 1e9 / n);
    }
    printf("  ns/elem\n");
}

/* bitwise special values */
typedef struct { const char *name; fa_scalars_f32 s; float x; float want; } sp_t;
static int special(void)
{
    const float inf = INFINITY, nan = NAN;
    float nanp = ffrom(0x7fc12345u), nann = ffrom(0xffa00001u);
    sp_t t[] = {
        {"identity", {0}, -0.0f, -0.0f}, {"identity", {0}, nanp, nanp}, {"identity", {0}, nann, nann},
        {"identity", {0}, -inf, -inf}, {"identity", {0}, 0x1p-149f, 0x1p-149f},
        {"binary_step", {0}, -0.0f, 1}, {"binary_step", {0}, 0.0f, 1}, {"binary_step", {0}, -0x1p-149f, 0},
        {"binary_step", {0}, nan, nan}, {"binary_step", {0}, inf, 1}, {"binary_step", {0}, -inf, 0},
        {"hardtanh", {-1, 1}, -0.0f, -0.0f}, {"hardtanh", {-1, 1}, nan, nan}, {"hardtanh", {-1, 1}, inf, 1},
        {"hardtanh", {-1, 1}, -inf, -1}, {"hardtanh", {-2, 3}, 2.5f, 2.5f}, {"hardtanh", {0.5f, 0.5f}, 7, 0.5f},
        {"relu6", {0}, -0.0f, 0.0f}, {"relu6", {0}, nan, nan}, {"relu6", {0}, inf, 6}, {"relu6", {0}, -inf, 0.0f},
        {"relu6", {0}, 0x1p-149f, 0x1p-149f}, {"relu6", {0}, 6.5f, 6},
        {"hardsigmoid", {0}, -0.0f, 0.5f}, {"hardsigmoid", {0}, nan, nan}, {"hardsigmoid", {0}, inf, 1},
        {"hardsigmoid", {0}, -inf, 0.0f}, {"hardsigmoid", {0}, -3, 0.0f}, {"hardsigmoid", {0}, 3, 1},
        {"hardswish", {0}, -0.0f, -0.0f}, {"hardswish", {0}, nan, nan}, {"hardswish", {0}, inf, inf},
        {"hardswish", {0}, -inf, -0.0f}, {"hardswish", {0}, -5, -0.0f}, {"hardswish", {0}, -3, -0.0f},
        {"hardswish", {0}, 3, 3}, {"hardswish", {0}, 0.0f, 0.0f}, {"hardswish", {0}, -0x1p-149f, -0.0f},
        {"softshrink", {0.5f}, nan, nan}, {"softshrink", {0.5f}, -0.0f, 0.0f}, {"softshrink", {0.5f}, 0.25f, 0.0f},
        {"softshrink", {0.5f}, -0.25f, 0.0f}, {"softshrink", {0.5f}, inf, inf}, {"softshrink", {0.5f}, -inf, -inf},
        {"softshrink", {0}, -0.0f, 0.0f}, {"softshrink", {0}, -1, -1}, {"softshrink", {0.5f}, 0.5f, 0.0f},
        {"softshrink", {inf}, inf, 0.0f}, {"softshrink", {inf}, nan, nan},
        {"hardshrink", {0.5f}, nan, nan}, {"hardshrink", {0.5f}, -0.0f, 0.0f}, {"hardshrink", {0.5f}, -0.5f, 0.0f},
        {"hardshrink", {0.5f}, -0.75f, -0.75f}, {"hardshrink", {0.5f}, inf, inf}, {"hardshrink", {0}, -0.0f, 0.0f},
        {"hardshrink", {0}, -1e-45f, -1e-45f},
        {"threshold", {0.1f, 20}, nan, nan}, {"threshold", {0.1f, 20}, 0.1f, 20}, {"threshold", {0.1f, 20}, -inf, 20},
        {"threshold", {0.1f, 20}, inf, inf}, {"threshold", {0, -1}, -0.0f, -1},
        {"softsign", {0}, -0.0f, -0.0f}, {"softsign", {0}, inf, 1}, {"softsign", {0}, -inf, -1},
        {"softsign", {0}, nan, nan}, {"softsign", {0}, -0x1p-149f, -0x1p-149f}, {"softsign", {0}, 1, 0.5f},
        {"softsign", {0}, 0x1p100f, 1},
        {"isru", {1}, -0.0f, -0.0f}, {"isru", {1}, inf, 1}, {"isru", {1}, -inf, -1}, {"isru", {4}, inf, 0.5f},
        {"isru", {0.25f}, -inf, -2}, {"isru", {1}, nan, nan}, {"isru", {1e-6f}, inf, 1000},
        {"isru", {1e6f}, -inf, -0.001f}, {"isru", {1}, 0x1p-149f, 0x1p-149f}, {"isru", {1}, 0x1p127f, 1},
        {"isru", {0x1p-149f}, inf, 0x1.6a09e6p+74f}, {"isru", {3e38f}, -0x1p127f, -0x1.10a55ep-64f},
        {"isrlu", {1}, -0.0f, -0.0f}, {"isrlu", {1}, inf, inf}, {"isrlu", {1}, -inf, -1}, {"isrlu", {4}, -inf, -0.5f},
        {"isrlu", {1}, nan, nan}, {"isrlu", {1}, 3, 3},
        {"bent_identity", {0}, -0.0f, -0.0f}, {"bent_identity", {0}, inf, inf}, {"bent_identity", {0}, -inf, -inf},
        {"bent_identity", {0}, nan, nan}, {"bent_identity", {0}, 0x1p-149f, 0x1p-149f}, {"bent_identity", {0}, 3e38f, inf},
        {"bent_identity", {0}, -3e38f, -1.5e38f},
        {"srelu", {-1, 0.1f, 2, 0.3f}, nan, nan}, {"srelu", {-1, 0.1f, 2, 0.3f}, -0.0f, -0.0f},
        {"srelu", {-1, 0.1f, 2, 0.3f}, inf, inf}, {"srelu", {-1, 0.1f, 2, 0.3f}, -inf, -inf},
        {"srelu", {-1, 0, 2, 0}, inf, 2}, {"srelu", {-1, 0, 2, 0}, -inf, -1}, {"srelu", {-1, -1, 2, -1}, inf, -inf},
        {"srelu", {-1, -1, 2, -1}, -inf, inf}, {"srelu", {1, 0.5f, 1, 2}, 1, 1}, {"srelu", {0, 2, 0, 0.5f}, 4, 2},
        {"srelu", {0, 2, 0, 0.5f}, -4, -8}, {"srelu", {-1, 0.1f, 2, 0.3f}, 3e38f, 0x1.0ed57cp+126f},
    };
    int fail = 0;
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        func_t *f = find(t[i].name);
        for (int s = 0; s < 3; s++) {
            float x[1] = {t[i].x}, y[1];
            f->k[s](1, x, y, &t[i].s);
            int ok = isnan(t[i].want) ? (isnan(y[0]) && (strcmp(t[i].name, "identity") || fbits(y[0]) == fbits(t[i].want)))
                                      : fbits(y[0]) == fbits(t[i].want);
            if (!ok) { printf("SPECIAL FAIL %s %s s=(%g,%g,%g,%g) x=%a: got %a want %a\n", t[i].name, isa_names[s],
                              t[i].s.a, t[i].s.b, t[i].s.c, t[i].s.d, t[i].x, y[0], t[i].want); fail = 1; }
        }
    }
    printf("special (f32): %zu cases x 3 ISAs: %s\n", sizeof t / sizeof t[0], fail ? "FAIL" : "all bitwise as expected");
    return fail;
}

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: see header\n"); return 2; }
    if (!strcmp(argv[1], "acc")) {
        if (argc < 3) return 2;
        uint64_t stride = argc > 3 ? strtoull(argv[3], NULL, 0) : 1;
        int nth = argc > 4 ? atoi(argv[4]) : 1;
        int fail = 0;
        if (!strcmp(argv[2], "all")) for (size_t i = 0; i < NF; i++) fail |= acc(&funcs[i], nth, stride);
        else fail = acc(find(argv[2]), nth, stride);
        return fail;
    }
    if (!strcmp(argv[1], "bench")) {
        if (argc == 2) { for (size_t i = 0; i < NF; i++) bench(&funcs[i]); bench_rows(); }
        for (int i = 2; i < argc; i++) bench(find(argv[i]));
        return 0;
    }
    if (!strcmp(argv[1], "special")) return special();
    if (!strcmp(argv[1], "rows")) { hard = argc > 3 && !strcmp(argv[3], "hard"); return rows(argc > 2 ? (size_t)atof(argv[2]) : 1000000); }
    return 2;
}
