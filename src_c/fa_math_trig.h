/*
 * fa_math_trig.h - trigonometric element functions of fastact:
 *   arctan, sinusoid (sin), sinc (sin(x)/x), sinc_normalized (sin(pi x)/(pi x)),
 * float32 and float64.
 *
 * House rules as in fa_math_f32.h / fa_math_f64.h: straight-line code that
 * gcc auto-vectorises inside the production `#pragma omp simd` loop (no libm
 * calls, no tables, no data-dependent branches, no int<->double
 * conversions); FMA only through fa32_fma / FA64_FMA so every bound below
 * holds with and without FMA.  Compile without -ffast-math.
 *
 * float32 functions compute internally in double (the float input is exact
 * in double; argument reduction, polynomials and the one division are done
 * in double and the result is rounded to float once), so they are within
 * ~0.5 ULP of the exact value plus ~2^-20 ULP.
 *
 * Guarded kernels (sinusoid, sinc): full-range argument reduction cannot be
 * done branch-free and table-free, so these come in three parts:
 *   fa_<name>_<t>_fast_ok(x)   1 where the vectorised fast path is accurate
 *                              (|x| <= FATR_XMAX_<t>, and NaN / +-inf, which
 *                              the fast path handles); vectorises.
 *   fa_<name>_<t>(x, s)        vectorised fast path (Cody-Waite reduction),
 *                              valid where fast_ok.
 *   fa_<name>_<t>_slow(x, s)   scalar, correct for every x, using the C
 *                              library: float32: sin() on the double x,
 *                              rounded once (measured: correctly rounded on
 *                              all 2^32 inputs); float64: long double sinl()
 *                              rounded to double, because glibc's double
 *                              sin() is not relatively accurate next to the
 *                              zeros of sin for huge x (measured 2739 ULP at
 *                              x = 0x1.7512069b7430dp+48, sin x = 3.8e-17).
 *                              Slow-path accuracy = the C library's sinl
 *                              (x87 80-bit on x86-64, binary128 on aarch64).
 * The kernel loop scans a block with fast_ok first (omp simd reduction),
 * then runs either the vectorised fast loop or a scalar loop picking fast /
 * slow per element (dev/math_trig/kernels.c has exactly that loop).
 *
 * Fast ranges:
 *   float32:                  |x| <= 2^29 (5.4e8)  (all ISAs)
 *   float64, FMA (avx2/512):  |x| <= 2^40 (1.1e12)
 *   float64, no FMA (SSE2):   |x| <= 2^26 (6.7e7)
 *
 * Accuracy: float32 exhaustive over all 2^32 inputs, float64 >= 10^7
 * points per function and ISA (random bit patterns, uniform/log-uniform
 * ranges, worst cases of the reduction near k*pi/2, windows around every
 * switch point, integers/half-integers), against long double (float32) /
 * __float128 (float64) references; see dev/math_trig/README.md.
 * "base" = x86-64 SSE2 (no FMA), "avx2" = -mavx2 -mfma, "avx512" = AVX-512.
 * Timings: ns/element, 1M elements, out of place, 1 thread, AMD EPYC Zen4.
 *
 * Polynomial coefficients: dev/math_trig/fit.py (Chebyshev interpolation in
 * mpmath, rounded to double, error of the final function measured);
 * splittings of pi/2: dev/math_trig/consts.py.
 */
#ifndef FASTACT_MATH_TRIG_H
#define FASTACT_MATH_TRIG_H

#include <math.h>
#include "fa_math_f32.h"
#include "fa_math_f64.h"

#if defined(__GNUC__) || defined(__clang__)
#define FATR_SLOW_FN static __attribute__((unused))
#else
#define FATR_SLOW_FN static
#endif

/* ------------------------------------------------------------------------- */
/* constants                                                                  */
/* ------------------------------------------------------------------------- */

/* float32 path (in double): pi/2 = PF1 + PF2 + PF3, PF1 and PF2 have 24
 * significant bits (multiples of 2^-23 / 2^-47), so k*PF1, k*PF2 are exact
 * for |k| < 2^29 and x - k*PF1 - k*PF2 is exact for float x. */
#define FATR_PF1 0x1.921fb40000000p+0
#define FATR_PF2 0x1.4442d00000000p-24
#define FATR_PF3 0x1.8469898cc5170p-48
/* float64 with FMA: pi/2 = C1 + C2 + C3 (three doubles, ~160 bits). */
#define FATR_C1 0x1.921fb54442d18p+0
#define FATR_C2 0x1.1a62633145c07p-54
#define FATR_C3 -0x1.f1976b7ed8fbcp-110
/* float64 without FMA: pi/2 = P1 + ... + P5, P1..P4 multiples of 2^-26,
 * 2^-53, 2^-80, 2^-107 with <= 27 significant bits (k*Pi exact for
 * |k| < 2^26), P5 a double. */
#define FATR_P1 0x1.921fb54000000p+0
#define FATR_P2 0x1.10b4600000000p-30
#define FATR_P3 0x1.1a62630000000p-54
#define FATR_P4 0x1.8a2e034000000p-81
#define FATR_P5 0x1.839a252049c11p-108
#define FATR_PI_H 0x1.921fb54442d18p+1
#define FATR_PI_L 0x1.1a62633145c07p-53
#define FATR_PIO2_H 0x1.921fb54442d18p+0
#define FATR_PIO2_L 0x1.1a62633145c07p-54
#define FATR_PIO4_H 0x1.921fb54442d18p-1
#define FATR_PIO4_L 0x1.1a62633145c07p-55
#define FATR_2_PI 0x1.45f306dc9c883p-1
#define FATR_TAN_PI8 0x1.a827999fcef32p-2
#define FATR_TAN_3PI8 0x1.3504f333f9de6p+1

#define FATR_XMAX_F32 0x1p29f
#define FATR_XMAX_F32_BITS 0x4e000000u   /* bits of 2^29f */
#if FA64_HAVE_FMA
#define FATR_XMAX_F64 0x1p40
#else
#define FATR_XMAX_F64 0x1p26
#endif

/* Polynomials (fit.py; max relative error of the final function):
 *   ATANF: atan(t) = t + t z P(z), z = t^2, |t| <= tan(pi/8), deg 5: 2^-33.5
 *   SINF:  sin(r) = r + r z S(z), |r| <= pi/4, deg 3:                2^-35.6
 *   COSF:  cos(r) = 1 + z C(z), deg 4:                               2^-41.5
 *   ATAN:  as ATANF, deg 10:                                          2^-57.0
 *   SIN:   as SINF, deg 6:                                            2^-57.1
 *   COS:   cos(r) = 1 - z/2 + z^2 C(z), deg 5:                        2^-59.5 */
#define FATR_ATANF0 -0x1.5555554c0ae86p-2
#define FATR_ATANF1 0x1.99997b13ac496p-3
#define FATR_ATANF2 -0x1.248a172e58822p-3
#define FATR_ATANF3 0x1.c57bac9ef2fd4p-4
#define FATR_ATANF4 -0x1.6144448e273bap-4
#define FATR_ATANF5 0x1.9d8b0dad6f20fp-5
#define FATR_SINF0 -0x1.555555545e0a4p-3
#define FATR_SINF1 0x1.11110def2ce21p-7
#define FATR_SINF2 -0x1.a013a79210ce9p-13
#define FATR_SINF3 0x1.6dbe07aef0c34p-19
#define FATR_COSF0 -0x1.fffffffffe697p-2
#define FATR_COSF1 0x1.555555514f752p-5
#define FATR_COSF2 -0x1.6c16bae5ecde4p-10
#define FATR_COSF3 0x1.a01298d676d8ap-16
#define FATR_COSF4 -0x1.2474e136c432dp-22
#define FATR_ATAN0 -0x1.5555555555555p-2
#define FATR_ATAN1 0x1.999999999934cp-3
#define FATR_ATAN2 -0x1.24924924361fbp-3
#define FATR_ATAN3 0x1.c71c71853d413p-4
#define FATR_ATAN4 -0x1.745d0b289dfa6p-4
#define FATR_ATAN5 0x1.3b12630569301p-4
#define FATR_ATAN6 -0x1.10fa77a4fbc6ep-4
#define FATR_ATAN7 0x1.dfe648a27d31fp-5
#define FATR_ATAN8 -0x1.a09997e366e30p-5
#define FATR_ATAN9 0x1.4162b32bb536ep-5
#define FATR_ATAN10 -0x1.3a3191eb0260dp-6
#define FATR_SIN0 -0x1.5555555555555p-3
#define FATR_SIN1 0x1.1111111111110p-7
#define FATR_SIN2 -0x1.a01a01a019938p-13
#define FATR_SIN3 0x1.71de3a5460952p-19
#define FATR_SIN4 -0x1.ae645412c46d3p-26
#define FATR_SIN5 0x1.61217f0abf087p-33
#define FATR_SIN6 -0x1.ab17d393166dcp-41
#define FATR_COS0 0x1.5555555555555p-5
#define FATR_COS1 -0x1.6c16c16c16967p-10
#define FATR_COS2 0x1.a01a019f4eafap-16
#define FATR_COS3 -0x1.27e4fa17d97fdp-22
#define FATR_COS4 0x1.1eeb68e8ab8d4p-29
#define FATR_COS5 -0x1.907da3000171dp-37

/* ------------------------------------------------------------------------- */
/* private helpers                                                            */
/* ------------------------------------------------------------------------- */

/* Bit-select: m all-ones picks a, zero picks b (64-bit masks from integer
 * ops only, so SSE2 vectorises it). */
FA_INLINE double fatr_blend(uint64_t m, double a, double b)
{
    return fa_from_bits_f64((fa_bits_f64(a) & m) | (fa_bits_f64(b) & ~m));
}

/* Quadrant select: qb's low two bits are k mod 4; returns
 * k=0: s, 1: c, 2: -s, 3: -c (sin(k pi/2 + r) from s = sin r, c = cos r). */
FA_INLINE double fatr_quadrant(uint64_t qb, double s, double c)
{
    uint64_t odd = (uint64_t)0 - (qb & 1u);
    uint64_t sg = (qb & 2u) << 62;
    return fa_from_bits_f64(((fa_bits_f64(c) & odd) | (fa_bits_f64(s) & ~odd)) ^ sg);
}

/* float32 path: x (a float, exact in double), |x| <= 2^29: returns
 * r = x - k pi/2 with relative error ~2^-52 (x - k PF1 - k PF2 is exact,
 * only the last step and the truncation k*2^-101 of pi/2 err), *qb's low
 * bits = k mod 4.  NaN/inf give r = NaN. */
FA_INLINE double fatr_reduce_f32(double xd, uint64_t *qb, double *kd_out)
{
    double t = xd * FATR_2_PI + FA64_MAGIC;
    double kd = t - FA64_MAGIC;
    *qb = fa_bits_f64(t);
    *kd_out = kd;
    double r = FA64_FMA(-kd, FATR_PF1, xd);
    r = FA64_FMA(-kd, FATR_PF2, r);
    return FA64_FMA(-kd, FATR_PF3, r);
}

FA_INLINE double fatr_sinf_poly(double z)
{
    double p = FA64_FMA(z, FATR_SINF3, FATR_SINF2);
    p = FA64_FMA(p, z, FATR_SINF1);
    return FA64_FMA(p, z, FATR_SINF0);
}

FA_INLINE double fatr_cosf_poly(double z)
{
    double p = FA64_FMA(z, FATR_COSF4, FATR_COSF3);
    p = FA64_FMA(p, z, FATR_COSF2);
    p = FA64_FMA(p, z, FATR_COSF1);
    return FA64_FMA(p, z, FATR_COSF0);
}

/* float64: x = k pi/2 + (*rh + *rl), |rh| <= pi/4 (+tiny), the pair with
 * relative error < 2^-100 for |x| <= FATR_XMAX_F64; *qb low bits = k mod 4,
 * *kd = k.  NaN/inf give NaN. */
FA_INLINE double fatr_reduce_f64(double x, double *rl, uint64_t *qb, double *kd_out)
{
#if FA64_HAVE_FMA
    double t = __builtin_fma(x, FATR_2_PI, FA64_MAGIC);
    double kd = t - FA64_MAGIC;
    /* x - k C1 is exact (a multiple of 2^-52 below 2 in magnitude) */
    double t1 = __builtin_fma(-kd, FATR_C1, x);
    double ph = kd * FATR_C2;
    double pl = __builtin_fma(kd, FATR_C2, -ph);
    double el;
    double s = fa64_two_sum(t1, -ph, &el);
    double lo = __builtin_fma(-kd, FATR_C3, el - pl);
#else
    double t = x * FATR_2_PI + FA64_MAGIC;
    double kd = t - FA64_MAGIC;
    /* products exact (|k| < 2^26, pieces <= 27 bits); x - k P1 - k P2 exact */
    double t2 = (x - kd * FATR_P1) - kd * FATR_P2;
    double e3, e4;
    double s3 = fa64_two_sum(t2, -(kd * FATR_P3), &e3);
    double s = fa64_two_sum(s3, -(kd * FATR_P4), &e4);
    double lo = (e3 + e4) - kd * FATR_P5;
#endif
    *qb = fa_bits_f64(t);
    *kd_out = kd;
    double rh = s + lo;
    *rl = (s - rh) + lo;
    return rh;
}

/* sin and cos of rh + rl (|rh| <= pi/4, |rl| <~ ulp(rh)) as pairs:
 * sin = rh + *sl, cos = *ch + *cl; *sp = S(z) (z = rh^2) for sinc. */
FA_INLINE double fatr_sincos_f64(double rh, double rl, double *sl, double *cl, double *sp)
{
    double zl;
    double z = fa64_two_prod(rh, rh, &zl);
    double S = FA64_FMA(z, FATR_SIN6, FATR_SIN5);
    S = FA64_FMA(S, z, FATR_SIN4);
    S = FA64_FMA(S, z, FATR_SIN3);
    S = FA64_FMA(S, z, FATR_SIN2);
    S = FA64_FMA(S, z, FATR_SIN1);
    S = FA64_FMA(S, z, FATR_SIN0);
    *sp = S;
    double hz = 0.5 * z;
    *sl = FA64_FMA(rh * z, S, rl * (1.0 - hz));
    double C = FA64_FMA(z, FATR_COS5, FATR_COS4);
    C = FA64_FMA(C, z, FATR_COS3);
    C = FA64_FMA(C, z, FATR_COS2);
    C = FA64_FMA(C, z, FATR_COS1);
    C = FA64_FMA(C, z, FATR_COS0);
    double w = 1.0 - hz;
    double wl = (1.0 - w) - hz;               /* exact */
    *cl = wl + (FA64_FMA(z * z, C, -rh * rl) - 0.5 * zl);
    return w;
}

/* ------------------------------------------------------------------------- */
/* arctan                                                                     */
/* ------------------------------------------------------------------------- */

/* arctan: atan(x).  On a = |x| (sign OR-ed back at the end):
 *   a < tan(pi/8):             t = a,               base 0
 *   a <= tan(3pi/8):           t = (a-1)/(a+1),     base pi/4
 *   a > tan(3pi/8):            t = -1/a,            base pi/2
 * atan(a) = base + t + t z P(z), z = t^2 (|t| <= tan(pi/8), P degree 5),
 * all in double (a-1, a+1 exact in double), one division, result rounded
 * to float once.
 * Special: +-inf -> +-pi/2 (float-rounded), -0 -> -0, tiny x -> x,
 * NaN -> NaN.
 * Measured, all 2^32 inputs: max 1 ULP on base/avx2/avx512 (0.501 ULP vs
 * exact); subnormal results exact.
 * Speed (ns/elem, 1M in [-10,10], 1 thread): base 2.85, avx2 0.98, avx512 0.81.
 */
FA_INLINE float fa_arctan_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    uint32_t sx = fa_bits_f32(x) & 0x80000000u;
    double a = (double)fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu);
    double num = a > FATR_TAN_3PI8 ? -1.0 : (a < FATR_TAN_PI8 ? a : a - 1.0);
    double den = a > FATR_TAN_3PI8 ? a : (a < FATR_TAN_PI8 ? 1.0 : a + 1.0);
    double base = a > FATR_TAN_3PI8 ? FATR_PIO2_H : (a < FATR_TAN_PI8 ? 0.0 : FATR_PIO4_H);
    double t = num / den;
    double z = t * t;
    double P = FA64_FMA(z, FATR_ATANF5, FATR_ATANF4);
    P = FA64_FMA(P, z, FATR_ATANF3);
    P = FA64_FMA(P, z, FATR_ATANF2);
    P = FA64_FMA(P, z, FATR_ATANF1);
    P = FA64_FMA(P, z, FATR_ATANF0);
    double y = base + FA64_FMA(t * z, P, t);
    float yf = (float)y;
    return fa_from_bits_f32(fa_bits_f32(yf) | sx);
}

/* arctan f64: same three intervals on a = |x|; the reduced argument is
 * carried as a pair t + tl: numerator and denominator as exact pairs
 * (two-sum for a -+ 1), inv = 1/den (one division), t = num inv, tl =
 * (num - t den) inv with the residual exact (two-prod).
 * atan = base_h + t (two-sum) + (base_l + tl (1 - z) + t z P(z)), P degree 10.
 * a is clamped to 2^100 in the denominator (atan rounds to pi/2 there),
 * so +-inf -> +-pi/2 (double-rounded).  -0 -> -0, tiny x -> x, NaN -> NaN.
 * Measured, 12 M points: max 0.694 / 0.686 / 0.686 ULP (base/avx2/avx512),
 * worst next to tan(pi/8).
 * Speed (ns/elem, 1M in [-10,10], 1 thread): base 11.5, avx2 3.18, avx512 2.22.
 */
FA_INLINE double fa_arctan_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    double a = fa64_abs(x);
    int big = a > FATR_TAN_3PI8;
    int small = a < FATR_TAN_PI8;
    double ac = a > 0x1p100 ? 0x1p100 : a;
    double el1, el2;
    double am = fa64_two_sum(a, -1.0, &el1);
    double ap = fa64_two_sum(a, 1.0, &el2);
    double nh = big ? -1.0 : (small ? a : am);
    double nl = big ? 0.0 : (small ? 0.0 : el1);
    double dh = big ? ac : (small ? 1.0 : ap);
    double dl = big ? 0.0 : (small ? 0.0 : el2);
    double bh = big ? FATR_PIO2_H : (small ? 0.0 : FATR_PIO4_H);
    double bl = big ? FATR_PIO2_L : (small ? 0.0 : FATR_PIO4_L);
    double inv = 1.0 / dh;           /* the one division */
    double t = nh * inv;
    double pl;
    double p = fa64_two_prod(t, dh, &pl);
    double res = (((nh - p) - pl) + nl) - t * dl;   /* nh - p exact */
    double tl = res * inv;
    double z = t * t;
    double P = FA64_FMA(z, FATR_ATAN10, FATR_ATAN9);
    P = FA64_FMA(P, z, FATR_ATAN8);
    P = FA64_FMA(P, z, FATR_ATAN7);
    P = FA64_FMA(P, z, FATR_ATAN6);
    P = FA64_FMA(P, z, FATR_ATAN5);
    P = FA64_FMA(P, z, FATR_ATAN4);
    P = FA64_FMA(P, z, FATR_ATAN3);
    P = FA64_FMA(P, z, FATR_ATAN2);
    P = FA64_FMA(P, z, FATR_ATAN1);
    P = FA64_FMA(P, z, FATR_ATAN0);
    double e;
    double sh = fa64_two_sum(bh, t, &e);
    double lo = FA64_FMA(t * z, P, FA64_FMA(-tl, z, tl) + (bl + e));
    double y = sh + lo;
    return fa64_with_sign_of(y, x);
}

/* ------------------------------------------------------------------------- */
/* sinusoid                                                                   */
/* ------------------------------------------------------------------------- */

/* sinusoid: sin(x).
 * Fast path (|x| <= 2^29, and NaN/inf): in double, k = round(x 2/pi),
 * r = x - k pi/2 by a 3-part Cody-Waite (first two products and
 * differences exact), sin r = r + r z S(z) (deg 3), cos r = 1 + z C(z)
 * (deg 4), quadrant select on k mod 4, one rounding to float.
 * Slow path: (float)sin((double)x) (C library sin on double, one float
 * rounding).
 * Special: +-inf -> NaN, NaN -> NaN, -0 -> -0, tiny x -> x.
 * Measured, all 2^32 inputs (guarded loop): max 1 ULP on base/avx2/avx512
 * (0.500 ULP vs exact); fast path alone on all |x| <= 2^29: the same; slow
 * path alone on all inputs: correctly rounded (0 ULP, glibc 2.36).
 * Speed (ns/elem, 1M, 1 thread), [-10,10] and [-1000,1000] alike: base 2.69,
 * avx2 1.04, avx512 0.81 (numpy float32 np.sin: 0.52); all-slow inputs
 * (|x| ~ 1e10): ~51 ns/elem.
 */
FA_INLINE int fa_sinusoid_f32_fast_ok(float x)
{
    /* !(2^29 < |x| < inf) on the bits: one unsigned compare (|x| = inf and
     * NaN are ok: the fast path returns NaN for them) */
    uint32_t ab = fa_bits_f32(x) & 0x7fffffffu;
    return (uint32_t)(ab - (FATR_XMAX_F32_BITS + 1u)) >= (uint32_t)(0x7f800000u - (FATR_XMAX_F32_BITS + 1u));
}

FA_INLINE float fa_sinusoid_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    uint64_t qb;
    double kd;
    double r = fatr_reduce_f32((double)x, &qb, &kd);
    double z = r * r;
    double sn = FA64_FMA(r * z, fatr_sinf_poly(z), r);
    double cs = FA64_FMA(z, fatr_cosf_poly(z), 1.0);
    float y = (float)fatr_quadrant(qb, sn, cs);
    /* sin x rounds to x for |x| < 2^-12 (also keeps -0: r z S(z) is +0) */
    return fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu) < 0x1p-12f ? x : y;
}

FATR_SLOW_FN float fa_sinusoid_f32_slow(float x, fa_scalars_f32 s)
{
    (void)s;
    return (float)sin((double)x);
}

/* sinusoid f64: sin(x).
 * Fast path (|x| <= 2^40 with FMA, <= 2^26 without; and NaN/inf):
 * k = round(x 2/pi) (magic-number rounding, k mod 4 from its bits),
 * r = x - k pi/2 as a double-double: FMA: three-double pi/2, x - k C1 exact
 * by one FMA, k C2 by an exact two-product, two-sum, k C3 into the low
 * part; no FMA: five-piece pi/2 (27-bit pieces, exact products), two
 * two-sums.  sin(rh + rl) = rh + (rh z S(z) + rl (1 - z/2)) (deg 6),
 * cos(rh + rl) = (1 - z/2) [exact pair] + (z^2 C(z) - rh rl - zl/2) (deg 5,
 * z = rh^2 + zl exact), quadrant select, |x| < 2^-27 returns x.
 * Slow path: the C library's long double sinl(), rounded to double.
 * Special: +-inf -> NaN, NaN -> NaN, -0 -> -0, tiny x -> x.
 * Measured, 12 M points (incl. the worst cases of x - k pi/2 per binade,
 * |r| down to 2^-60.5): guarded loop max 0.770 / 0.735 / 0.735 ULP
 * (base/avx2/avx512); next to the zeros (|sin x| < 2^-20, |x| >= 1, 2 M
 * points) 0.500 ULP; slow path alone 0.500 ULP.
 * Speed (ns/elem, 1M in [-10,10] or [-1000,1000], 1 thread): base 8.60,
 * avx2 2.26, avx512 1.55 (numpy float64 np.sin: 16.8); all-slow inputs
 * (|x| ~ 1e13): ~170-190 ns/elem.
 */
FA_INLINE int fa_sinusoid_f64_fast_ok(double x)
{
    double a = fa64_abs(x);
    return !((a > FATR_XMAX_F64) & (a < __builtin_inf()));
}

FA_INLINE double fa_sinusoid_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    uint64_t qb;
    double kd, rl, sl, cl, S;
    double rh = fatr_reduce_f64(x, &rl, &qb, &kd);
    double ch = fatr_sincos_f64(rh, rl, &sl, &cl, &S);
    double y = fatr_quadrant(qb, rh + sl, ch + cl);
    return fa64_abs(x) < 0x1p-27 ? x : y;
}

FATR_SLOW_FN double fa_sinusoid_f64_slow(double x, fa_scalars_f64 s)
{
    (void)s;
    /* long double sinl, rounded to double: glibc's double sin() is NOT
     * relatively accurate next to multiples of pi/2 for huge x (absolute
     * error ~2^-95 after its reduction: 2739 ULP at x = 0x1.7512069b7430dp+48,
     * sin x = 3.8e-17), sinl (x87 80-bit, or binary128 on aarch64) is. */
    return (double)sinl((long double)x);
}

/* ------------------------------------------------------------------------- */
/* sinc                                                                       */
/* ------------------------------------------------------------------------- */

/* sinc: sin(x)/x (unnormalised), 1 at +-0.
 * Fast path (same range and reduction as sinusoid, in double): k = 0
 * (|x| <~ pi/4): 1 + z S(z) (z = x^2, the sin polynomial); else
 * sin(x) / x in double; one rounding to float.
 * Slow path: (float)(sin((double)x) / x) (C library sin).
 * Special: +-0 -> 1, +-inf -> +0, NaN -> NaN.
 * Measured, all 2^32 inputs (guarded loop): max 1 ULP on base/avx2/avx512
 * (0.500 ULP vs exact, also next to the zeros k pi); fast path alone: the
 * same; slow path alone: correctly rounded; subnormal results (huge x):
 * abs error <= 6e-8 FLT_MIN.
 * Speed (ns/elem, 1M in [-10,10], 1 thread): base 3.90, avx2 1.37,
 * avx512 0.96; all-slow inputs (|x| ~ 1e10) ~52.
 */
FA_INLINE int fa_sinc_f32_fast_ok(float x)
{
    return fa_sinusoid_f32_fast_ok(x);
}

FA_INLINE float fa_sinc_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    uint64_t qb;
    double kd;
    double xd = (double)x;
    double r = fatr_reduce_f32(xd, &qb, &kd);
    double z = r * r;
    double S = fatr_sinf_poly(z);
    double sn = FA64_FMA(r * z, S, r);
    double cs = FA64_FMA(z, fatr_cosf_poly(z), 1.0);
    double yb = fatr_quadrant(qb, sn, cs) / xd;
    double y = kd == 0.0 ? FA64_FMA(z, S, 1.0) : yb;
    float yf = (float)y;
    return x == __builtin_inff() || x == -__builtin_inff() ? 0.0f : yf;
}

FATR_SLOW_FN float fa_sinc_f32_slow(float x, fa_scalars_f32 s)
{
    (void)s;
    if (x == 0.0f) return 1.0f;
    if (isinf(x)) return 0.0f;
    double xd = (double)x;
    return (float)(sin(xd) / xd);
}

/* sinc f64: sin(x)/x.
 * Fast path (same range and reduction as sinusoid f64): k = 0: 1 + z S(z)
 * (z = x^2); else sin(x) as a pair H + L (quadrant-selected), divided by x
 * with an exact residual: q = H/x, y = q + ((H - q x) + L)/x (two-product).
 * Slow path: sinl(x)/x in long double (C library), rounded to double.
 * Special: +-0 -> 1, +-inf -> +0, NaN -> NaN.
 * Measured, 12 M points: guarded loop max 0.934 / 0.856 / 0.856 ULP
 * (base/avx2/avx512); next to the zeros (|sin x| < 2^-20) 0.501 / 0.500 /
 * 0.500 ULP; slow path alone 0.501 ULP.
 * Speed (ns/elem, 1M in [-10,10], 1 thread): base 11.6, avx2 3.26,
 * avx512 2.16; all-slow (|x| ~ 1e13) ~200-230.
 */
FA_INLINE int fa_sinc_f64_fast_ok(double x)
{
    return fa_sinusoid_f64_fast_ok(x);
}

FA_INLINE double fa_sinc_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    uint64_t qb;
    double kd, rl, sl, cl, S;
    double rh = fatr_reduce_f64(x, &rl, &qb, &kd);
    double ch = fatr_sincos_f64(rh, rl, &sl, &cl, &S);
    double H = fatr_quadrant(qb, rh, ch);
    double L = fatr_quadrant(qb, sl, cl);
    double q = H / x;
    double pl;
    double p = fa64_two_prod(q, x, &pl);
    double yb = q + (((H - p) - pl) + L) / x;
    double ys = FA64_FMA(rh * rh, S, 1.0);
    double y = kd == 0.0 ? ys : yb;
    return fa64_abs(x) == __builtin_inf() ? 0.0 : y;
}

FATR_SLOW_FN double fa_sinc_f64_slow(double x, fa_scalars_f64 s)
{
    (void)s;
    if (x == 0.0) return 1.0;
    if (isinf(x)) return 0.0;
    long double xl = (long double)x;
    return (double)(sinl(xl) / xl);   /* see fa_sinusoid_f64_slow */
}

/* ------------------------------------------------------------------------- */
/* sinc_normalized                                                            */
/* ------------------------------------------------------------------------- */

/* sinc_normalized: sin(pi x)/(pi x) (NumPy's np.sinc), 1 at 0.
 * On a = |x| in double: n = round(2a), r = a - n/2 (exact, |r| <= 1/4),
 * sin(pi a) = quadrant(n mod 4) of sin(pi r), cos(pi r) (pi r in double,
 * SINF/COSF polynomials); n = 0: 1 + z S(z), z = (pi a)^2; else divided
 * by pi a in double; one rounding to float.  Relative accuracy holds next
 * to integers (r exact).  |x| >= 2^23 is an integer: +0.
 * Special: +-0 -> 1, nonzero integers -> +0 exactly, +-inf -> +0,
 * NaN -> NaN.
 * Measured, all 2^32 inputs: max 1 ULP on base/avx2/avx512 (0.500 ULP vs
 * exact, also next to integers); every integer gives exactly +0.
 * Speed (ns/elem, 1M in [-10,10], 1 thread): base 3.99, avx2 1.46,
 * avx512 0.98 (numpy float32 np.sinc: 1.44).
 */
FA_INLINE float fa_sinc_normalized_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    float af = fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu);
    float ac = af > 0x1p23f ? 0x1p23f : af;
    double a = (double)ac;
    double t = 2.0 * a + FA64_MAGIC;
    double n2 = t - FA64_MAGIC;
    double r = FA64_FMA(-0.5, n2, a);
    double w = r * FATR_PI_H;
    double z = w * w;
    double S = fatr_sinf_poly(z);
    double sn = FA64_FMA(w * z, S, w);
    double cs = FA64_FMA(z, fatr_cosf_poly(z), 1.0);
    double yb = fatr_quadrant(fa_bits_f64(t), sn, cs) / (a * FATR_PI_H);
    double y = n2 == 0.0 ? FA64_FMA(z, S, 1.0) : yb;
    float yf = (float)y;
    yf = af >= 0x1p23f ? 0.0f : yf;
    return yf + 0.0f;   /* -0 (sin(pi r) = -0 at integers) -> +0 */
}

/* sin(pi a) and cos(pi a), a >= 0, reduced exactly (shared by
 * sinc_normalized and its derivative): a = n2/2 + r with n2 = round(2a)
 * (a2 + 2^52, in [2^52, 2^53) with spacing 1, rounds a2 to an integer whose
 * low mantissa bits are n2 mod 2^52; a2 >= 2^52 is an integer already, its
 * own low bits n2 mod 4) and r exact; pi r = wh + wl as a pair.  Returns the
 * cos-polynomial part ch of fatr_sincos_f64 at (wh, wl) with *sl, *cl, *S;
 * *qb carries the quadrant for fatr_quadrant (qb for sin, qb + 1 for cos). */
FA_INLINE double fatr_sinpi_reduce_f64(double a, uint64_t *qb, double *n2, double *wh,
                                       double *sl, double *cl, double *S)
{
    double a2 = 2.0 * a;
    double t = a2 + 0x1p52;
    int low = a2 < 0x1p52;
    *n2 = low ? t - 0x1p52 : a2;
    *qb = fa_bits_f64(low ? t : a2);
    double r = FA64_FMA(-0.5, *n2, a);
    double wl;
    *wh = fa64_two_prod(r, FATR_PI_H, &wl);
    wl = FA64_FMA(r, FATR_PI_L, wl);
    return fatr_sincos_f64(*wh, wl, sl, cl, S);
}

/* sinc_normalized f64: sin(pi x)/(pi x).
 * a = |x|; n = round(2a) (2a + 2^52 rounding for 2a < 2^52, else 2a is an
 * integer), r = a - n/2 exact, n mod 4 from the bits; pi r as an exact pair
 * (two-product with pi_h, + pi_l r), sin/cos of the pair as in sinusoid,
 * quadrant select, divided by pi a (pair) with an exact residual.
 * n = 0 (a < 1/4): 1 + u S(u), u = (pi a)^2.  a >= 2^52: +0.
 * Special: +-0 -> 1, nonzero integers -> +0 exactly, +-inf -> +0,
 * NaN -> NaN.
 * Measured, 12 M points (half of them next to integers / half-integers up
 * to 2^53): max 0.947 / 0.923 / 0.923 ULP (base/avx2/avx512); next to the
 * zeros (|sin pi x| < 2^-20) 0.500 ULP.
 * Speed (ns/elem, 1M in [-10,10], 1 thread): base 10.5, avx2 2.75,
 * avx512 1.89 (numpy float64 np.sinc: 22).
 */
FA_INLINE double fa_sinc_normalized_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    double a = fa64_abs(x);
    uint64_t qb;
    double n2, wh, sl, cl, S;
    double ch = fatr_sinpi_reduce_f64(a, &qb, &n2, &wh, &sl, &cl, &S);
    double H = fatr_quadrant(qb, wh, ch);
    double L = fatr_quadrant(qb, sl, cl);
    double dl;
    double dh = fa64_two_prod(a, FATR_PI_H, &dl);
    dl = FA64_FMA(a, FATR_PI_L, dl);
    double q = H / dh;
    double pl;
    double p = fa64_two_prod(q, dh, &pl);
    double yb = q + ((((H - p) - pl) + L) - q * dl) / dh;
    double ys = FA64_FMA(wh * wh, S, 1.0);
    double y = n2 == 0.0 ? ys : yb;
    y = a >= 0x1p52 ? 0.0 : y;
    return y + 0.0;   /* -0 (sin(pi r) = -0 at integers) -> +0 */
}

#endif /* FASTACT_MATH_TRIG_H */
