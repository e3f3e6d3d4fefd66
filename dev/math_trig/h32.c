/* fastact float32 trig: exhaustive accuracy sweep, specials, benchmark.
 *
 *   ./h32 acc NAME [stride] [threads]   all 2^32 inputs (stride 1; NaNs skipped)
 *                                       or every stride-th bit pattern.  NAME:
 *                                       arctan sinusoid sinc sinc_normalized all
 *   ./h32 special                       +-0, +-inf, NaN, subnormals, integers...
 *   ./h32 bench [lo hi]                 ns/elem, 1M uniform in [lo,hi] (default
 *                                       [-10,10]), out of place, 1 thread
 *   ./h32 minr                          min |x - k pi/2| over all floats <= 2^29
 *
 * acc reports, per ISA (base / avx2 / avx512): the production kernel (for
 * sinusoid / sinc the GUARDED block loop: fast path where fast_ok, the
 * slow path elsewhere, so |x| > 2^29 exercises the slow path), and for the
 * guarded functions additionally "fast" (the vectorised fast loop alone,
 * on the inputs where fast_ok) and "slow" (the slow function alone, all
 * inputs, base build; its accuracy is the C library's sin).
 * References: long double (x87, 64-bit significand) sinl / atanl; sinc =
 * sinl(x)/x; sinc_normalized = (-1)^n sinl(pi f)/(pi x) with x = n + f
 * split exactly.  Error: integer ULP distance to the correctly rounded
 * float32 result, and |y - ref| in ULP of the exact value; where the true
 * result is below FLT_MIN, abs error in units of FLT_MIN (allowed <= 1).
 */
#define _GNU_SOURCE
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct { float a, b, c, d; } fa_scalars_f32;
typedef void (*kern_t)(size_t, const float *, float *, const fa_scalars_f32 *);

#define DECL1(k) \
    void k##_base(size_t, const float *, float *, const fa_scalars_f32 *); \
    void k##_avx2(size_t, const float *, float *, const fa_scalars_f32 *); \
    void k##_avx512(size_t, const float *, float *, const fa_scalars_f32 *);
DECL1(k_arctan_f32) DECL1(k_sinc_normalized_f32)
DECL1(k_sinusoid_f32) DECL1(k_sinusoid_fast_f32) DECL1(k_sinusoid_slow_f32)
DECL1(k_sinc_f32) DECL1(k_sinc_fast_f32) DECL1(k_sinc_slow_f32)
#define K3(k) {k##_base, k##_avx2, k##_avx512}

typedef long double ld;
static ld r_arctan(float x) { return atanl((ld)x); }
static ld r_sinusoid(float x) { return sinl((ld)x); }
static ld r_sinc(float x) { return x == 0 ? 1.0L : sinl((ld)x) / (ld)x; }
static const ld PI_L = 3.14159265358979323846264338327950288L;
static ld r_sinc_normalized(float x)
{
    if (x == 0) return 1.0L;
    if (isinf(x)) return 0.0L;
    ld n = nearbyintl((ld)x);
    ld f = (ld)x - n;                 /* exact, |f| <= 1/2 */
    if (f == 0) return 0.0L;
    ld sg = fmodl(fabsl(n), 2.0L) == 1.0L ? -1.0L : 1.0L;
    return sg * sinl(PI_L * f) / (PI_L * (ld)x);
}

#define XMAX_F32 0x1p29f
typedef struct {
    const char *name;
    ld (*ref)(float);
    kern_t k[3], kfast[3], kslow;
    int bound;
} func_t;
static func_t funcs[] = {
    {"arctan", r_arctan, K3(k_arctan_f32), {0}, 0, 2},
    {"sinusoid", r_sinusoid, K3(k_sinusoid_f32), K3(k_sinusoid_fast_f32), k_sinusoid_slow_f32_base, 2},
    {"sinc", r_sinc, K3(k_sinc_f32), K3(k_sinc_fast_f32), k_sinc_slow_f32_base, 3},
    {"sinc_normalized", r_sinc_normalized, K3(k_sinc_normalized_f32), {0}, 0, 3},
};
#define NF (sizeof funcs / sizeof funcs[0])
static const char *isa_names[3] = {"base", "avx2", "avx512"};
static fa_scalars_f32 S;

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

/* variants: 0..2 production per ISA, 3..5 fast-only per ISA (where fast_ok), 6 slow */
#define NV 7
static const char *vname[NV] = {"base", "avx2", "avx512", "fast/base", "fast/avx2", "fast/avx512", "slow"};

typedef struct { func_t *f; int tid, nth; uint64_t stride; stat_t st[NV]; } job_t;

static void account(stat_t *st, float xv, float yv, ld refl, int bound)
{
    double r = (double)refl;
    st->n++;
    if (isinf(xv)) return;   /* limits checked by `special` */
    if (isnan(r)) { if (!isnan(yv)) { st->bad++; st->over++; } return; }
    if (isnan(yv) || (isinf(yv) && !isinf((float)r))) { st->bad++; st->over++; return; }
    if (fabs(r) < FLT_MIN) {
        double e = fabs((double)yv - r) / FLT_MIN;
        st->nsub++;
        if (e > st->maxsub) { st->maxsub = e; st->maxsub_x = xv; }
        if (e > 1.0) st->over++;
        return;
    }
    float r32 = (float)r;
    int64_t d = ord(yv) - ord(r32);
    if (d < 0) d = -d;
    if (d > st->maxulp) { st->maxulp = d; st->maxulp_x = xv; }
    if (d > bound) st->over++;
    uint32_t ex = (fbits(r32) >> 23) & 0xff;
    if (ex != 0xff) {
        double ulp = ldexp(1.0, (ex == 0 ? -149 : (int)ex - 150));
        double fr = fabs((double)yv - r) / ulp;
        if (fr > st->maxfrac) { st->maxfrac = fr; st->maxfrac_x = xv; }
    }
}

#define BLK 65536
static void *worker(void *arg)
{
    job_t *j = arg;
    float *x = malloc(BLK * 4), *y = malloc(BLK * 4), *xf = malloc(BLK * 4);
    ld *ref = malloc(BLK * sizeof(ld)), *reff = malloc(BLK * sizeof(ld));
    uint64_t total = (1ull << 32) / j->stride;
    uint64_t nblk = (total + BLK - 1) / BLK;
    func_t *f = j->f;
    for (uint64_t b = j->tid; b < nblk; b += j->nth) {
        size_t n = 0, nf = 0;
        for (uint64_t i = b * BLK; i < (b + 1) * BLK && i < total; i++) {
            float v = ffrom((uint32_t)(i * j->stride));
            if (isnan(v)) continue;
            x[n++] = v;
        }
        for (size_t i = 0; i < n; i++) ref[i] = f->ref(x[i]);
        for (size_t i = 0; i < n; i++)
            if (fabsf(x[i]) <= XMAX_F32) { xf[nf] = x[i]; reff[nf++] = ref[i]; }
        for (int s = 0; s < 3; s++) {
            memcpy(y, x, n * 4);
            f->k[s](n, y, y, &S);   /* in place */
            for (size_t i = 0; i < n; i++) account(&j->st[s], x[i], y[i], ref[i], f->bound);
            if (f->kfast[s]) {
                f->kfast[s](nf, xf, y, &S);
                for (size_t i = 0; i < nf; i++) account(&j->st[3 + s], xf[i], y[i], reff[i], f->bound);
            }
        }
        if (f->kslow) {
            f->kslow(n, x, y, &S);
            for (size_t i = 0; i < n; i++) account(&j->st[6], x[i], y[i], ref[i], f->bound);
        }
    }
    free(x); free(y); free(xf); free(ref); free(reff);
    return NULL;
}

static int acc(func_t *f, int nth, uint64_t stride)
{
    job_t jobs[64];
    pthread_t th[64];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int t = 0; t < nth; t++) {
        memset(&jobs[t], 0, sizeof jobs[t]);
        jobs[t].f = f; jobs[t].tid = t; jobs[t].nth = nth; jobs[t].stride = stride;
        pthread_create(&th[t], NULL, worker, &jobs[t]);
    }
    for (int t = 0; t < nth; t++) pthread_join(th[t], NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    int fail = 0;
    for (int s = 0; s < NV; s++) {
        if (s >= 3 && s < 6 && !f->kfast[s - 3]) continue;
        if (s == 6 && !f->kslow) continue;
        stat_t m = {0};
        for (int t = 0; t < nth; t++) {
            stat_t *q = &jobs[t].st[s];
            if (q->maxulp > m.maxulp) { m.maxulp = q->maxulp; m.maxulp_x = q->maxulp_x; }
            if (q->maxfrac > m.maxfrac) { m.maxfrac = q->maxfrac; m.maxfrac_x = q->maxfrac_x; }
            if (q->maxsub > m.maxsub) { m.maxsub = q->maxsub; m.maxsub_x = q->maxsub_x; }
            m.over += q->over; m.bad += q->bad; m.n += q->n; m.nsub += q->nsub;
        }
        printf("%-15s %-11s stride=%llu n=%llu: max %lld ulp (x=%a = %.9g), max %.3f ulp vs exact (x=%a), "
               "over bound(%d): %llu, nan/inf bad: %llu, subnormal-truth: n=%llu max abs err %.3g*FLT_MIN  [%.0fs]\n",
               f->name, vname[s], (unsigned long long)stride, (unsigned long long)m.n,
               (long long)m.maxulp, m.maxulp_x, m.maxulp_x, m.maxfrac, m.maxfrac_x, f->bound,
               (unsigned long long)m.over, (unsigned long long)m.bad, (unsigned long long)m.nsub, m.maxsub,
               (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec));
        if (m.over) fail = 1;
    }
    fflush(stdout);
    return fail;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static void bench(double lo, double hi)
{
    size_t n = 1 << 20;
    float *x = aligned_alloc(64, n * 4), *y = aligned_alloc(64, n * 4);
    uint64_t st = 12345;
    for (size_t i = 0; i < n; i++) {
        st = st * 6364136223846793005ull + 1442695040888963407ull;
        x[i] = (float)(lo + (double)(st >> 11) / 9007199254740992.0 * (hi - lo));
    }
    printf("float32, 1M uniform in [%g, %g], 1 thread, min of 40 runs (ns/elem)\n", lo, hi);
    for (size_t fi = 0; fi < NF; fi++) {
        func_t *f = &funcs[fi];
        printf("%-16s", f->name);
        for (int s = 0; s < 3; s++) {
            double best = 1e9;
            for (int rep = 0; rep < 40; rep++) {
                double t0 = now();
                f->k[s](n, x, y, &S);
                double t1 = now();
                if (t1 - t0 < best) best = t1 - t0;
            }
            printf("  %s %.3f", isa_names[s], best * 1e9 / n);
        }
        printf("\n");
    }
    free(x); free(y);
}

static void special(void)
{
    float in[] = {0.0f, -0.0f, INFINITY, -INFINITY, NAN, -NAN, 1e-45f, -1e-45f, 1e-40f, -1e-40f,
                  1e-30f, 1.0f, -1.0f, 2.0f, -3.0f, 0.5f, -0.5f, 1.5f, 8388607.0f, 8388608.0f,
                  -8388609.0f, 0x1p29f, 0x1.000002p29f, 3e38f, -3e38f, FLT_MAX};
    size_t m = sizeof in / sizeof in[0];
    for (size_t fi = 0; fi < NF; fi++) {
        func_t *f = &funcs[fi];
        for (int s = 0; s < 3; s++) {
            float y[64];
            memcpy(y, in, sizeof in);
            f->k[s](m, y, y, &S);
            printf("%-15s %-6s", f->name, isa_names[s]);
            for (size_t i = 0; i < m; i++) printf(" f(%g)=%g%s", in[i], y[i], (y[i] == 0 && signbit(y[i])) ? "(-0)" : "");
            printf("\n");
        }
    }
}

/* min |x - k pi/2| (relative to nothing: absolute) over all floats with
 * pi/4 < |x| <= 2^29, using long double remainder via sinl/cosl-free fmodl
 * on a 128-bit-ish pi: computed with x - k*(PI2_hi + PI2_lo) in long double. */
static void minr(void)
{
    const ld p1 = 1.57079632679489661923132169163975144L;
    double best = 1; float bx = 0;
    for (uint32_t u = 0x3f490fdb; u <= 0x4e000000u; u++) {
        float x = ffrom(u);
        ld k = nearbyintl((ld)x / p1);
        ld r = fabsl(sinl((ld)x));   /* |sin x| ~ |r| near zeros */
        (void)k;
        if (r < best) { best = (double)r; bx = x; }
    }
    printf("min |sin x| for float x in (pi/4, 2^29]: %g = 2^%.2f at x = %a = %.9g\n", best, log2(best), bx, bx);
}

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: see header\n"); return 2; }
    if (!strcmp(argv[1], "acc")) {
        if (argc < 3) return 2;
        uint64_t stride = argc > 3 ? strtoull(argv[3], NULL, 0) : 1;
        int nth = argc > 4 ? atoi(argv[4]) : 1;
        int fail = 0;
        for (size_t i = 0; i < NF; i++)
            if (!strcmp(argv[2], "all") || !strcmp(argv[2], funcs[i].name)) fail |= acc(&funcs[i], nth, stride);
        return fail;
    }
    if (!strcmp(argv[1], "bench")) {
        double lo = argc > 3 ? atof(argv[2]) : -10, hi = argc > 3 ? atof(argv[3]) : 10;
        bench(lo, hi);
        return 0;
    }
    if (!strcmp(argv[1], "special")) { special(); return 0; }
    if (!strcmp(argv[1], "minr")) { minr(); return 0; }
    return 2;
}
