/*
 * fa_math_algebraic.h - piecewise-linear and algebraic element functions of
 * fastact (identity, binary_step, hardtanh, relu6, hardsigmoid, hardswish,
 * softshrink, hardshrink, threshold, softsign, isru, isrlu, bent_identity,
 * srelu), float32 and float64.
 *
 * Same contract as fa_math_f32.h / fa_math_f64.h: every public function is
 *     FA_INLINE float  fa_<name>_f32(float x, fa_scalars_f32 s)
 *     FA_INLINE double fa_<name>_f64(double x, fa_scalars_f64 s)
 * branch-free straight-line code (both sides computed, merged with
 * ternaries), no libm calls (sqrt is __builtin_sqrt, an instruction under
 * -fno-math-errno), no tables, no fmin/fmax, so that the production loop
 * (and the per-element-parameter loop for srelu) vectorises on x86-64
 * baseline / AVX2+FMA / AVX-512 and on aarch64.  Nothing relies on hoisting:
 * parameters may change from element to element.  Must be compiled without
 * -ffast-math (2Sum / round-to-odd steps need IEEE evaluation order).
 *
 * float32 functions compute in double and round once to float; where a
 * double result could land exactly on a float rounding midpoint (double
 * rounding), the last double operation is rounded to odd instead
 * (faal_ro_fix: Boldo & Melquiond's technique), so softsign, bent_identity
 * and srelu are correctly rounded on all 2^32 inputs, and isru/isrlu
 * measured so.  hardsigmoid and hardswish are computed in float with exact
 * pairs on FMA targets (max 0.5 ULP; a few exact ties go to the odd
 * neighbour) and correctly rounded in double without FMA.  float64 functions use error-free
 * transformations (2Sum, 2Prod with FMA or a Dekker split that is safe
 * against overflow) and corrected divisions / square roots (0.5 ULP + tiny);
 * f64 srelu is correctly rounded through an exact 5-term sum with rounding
 * to odd.
 *
 * Accuracy: float32 exhaustive over all 2^32 inputs (NaNs skipped), float64
 * sampled (>= 10^7 points per function and ISA), both against exact or
 * __float128 / long double references, see dev/math_algebraic/README.md for
 * the commands and the table.  "base" = x86-64 SSE2 (no FMA), "avx2" =
 * -mavx2 -mfma, "avx512" = the AVX-512 set.  Timings: ns/element, 1M
 * elements out of place, one thread, AMD EPYC Zen4, gcc 12.2.
 */
#ifndef FASTACT_MATH_ALGEBRAIC_H
#define FASTACT_MATH_ALGEBRAIC_H

#include "fa_math_f32.h"
#include "fa_math_f64.h"

/* ------------------------------------------------------------------------- */
/* private helpers (double arithmetic, used by both precisions)               */
/* ------------------------------------------------------------------------- */

FA_INLINE double faal_abs(double x)
{
    return fa_from_bits_f64(fa_bits_f64(x) & 0x7fffffffffffffffULL);
}

FA_INLINE float faal_absf(float x)
{
    return fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu);
}

/* a + b = s + *lo exactly, requires |a| >= |b| (or a == 0). */
FA_INLINE double faal_fast_two_sum(double a, double b, double *lo)
{
    double s = a + b;
    *lo = b - (s - a);
    return s;
}

/* a*b = p + *lo exactly (barring underflow of *lo / overflow of p).
 * FMA targets: one FMA.  Otherwise Dekker's product with Veltkamp splits;
 * a factor above 2^995 is split after scaling by 2^-54 (exact), so the
 * splitting constant never overflows. */
#if FA64_HAVE_FMA
FA_INLINE double faal_two_prod(double a, double b, double *lo)
{
    double p = a * b;
    *lo = __builtin_fma(a, b, -p);
    return p;
}
#else
FA_INLINE void faal_split(double v, double *hi, double *lo)
{
    int huge = faal_abs(v) > 0x1p995;
    double vs = huge ? v * 0x1p-54 : v;
    double c = vs * 134217729.0;   /* 2^27 + 1 */
    double h = c - (c - vs);
    double l = vs - h;
    double k = huge ? 0x1p54 : 1.0;
    *hi = h * k;
    *lo = l * k;
}

FA_INLINE double faal_two_prod(double a, double b, double *lo)
{
    double p = a * b;
    double ah, al, bh, bl;
    faal_split(a, &ah, &al);
    faal_split(b, &bh, &bl);
    *lo = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
    return p;
}
#endif

/* Rounding to odd.  Given s = RN(v) and the exact remainder e = v - s (from
 * a 2Sum), returns RO(v): v itself if e == 0, otherwise whichever of the two
 * doubles around v has an odd last significand bit.  The truncation of v is
 * s, or the neighbour of s towards zero when e and s have opposite signs
 * (bits - 1); OR-ing 1 into it gives the odd neighbour.  Key property (the
 * reason for all of this): a value rounded to odd in 53 bits and then to
 * nearest in p <= 51 bits (float: 24) is rounded as the exact value would
 * be; and for a double H and a real R with |R| <= 2^40 ulp(H),
 * RN(H + RO(R)) = RN(H + R) and RO(H + RO(R)) = RO(H + R), because every
 * rounding breakpoint near H + R sits at H + beta with beta a short (hence
 * even) double, and RO never moves a value across or onto an even double. */
FA_INLINE double faal_ro_fix(double s, double e)
{
    uint64_t b = fa_bits_f64(s);
    /* (b - signs_differ) | 1, written without a 64-bit arithmetic shift
     * (which SSE2 lacks and gcc would otherwise introduce): subtract 2 from
     * b | 1 exactly when the signs differ and b is even. */
    uint64_t m2 = ((fa_bits_f64(e) ^ b) >> 62) & 2u;
    b = (b | 1u) - (m2 & (~b << 1));
    return e != 0.0 ? fa_from_bits_f64(b) : s;
}

/* RO(p + q), exact for any two doubles (no overflow). */
FA_INLINE double faal_ro2(double p, double q)
{
    double e;
    double s = fa64_two_sum(p, q, &e);
    return faal_ro_fix(s, e);
}

/* ------------------------------------------------------------------------- */
/* identity, binary_step, hardtanh, relu6                                     */
/* ------------------------------------------------------------------------- */

/* identity: y = x, bit for bit (-0 stays -0, NaN payload kept).  The loop
 * compiles to a plain vector copy (no memcpy call).
 * Exact: bit-identical on all 2^32 f32 inputs and the f64 sample, every ISA.
 * Speed (ns/elem, 1M, 1 thread) f32: base 0.08, avx2 0.08, avx512 0.08;
 * f64: base 0.18, avx2 0.20, avx512 0.21 (memory bound). */
FA_INLINE float fa_identity_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    return x;
}

FA_INLINE double fa_identity_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    return x;
}

/* binary_step: x >= 0 ? 1 : 0, so -0 -> 1, -inf -> 0, +inf -> 1;
 * NaN -> NaN (the input returned as is, not 0).
 * Exact (0 ULP, all 2^32 f32 inputs / f64 sample, every ISA).
 * Speed f32: base 0.25, avx2 0.08, avx512 0.10; f64: base 0.50, avx2 0.17,
 * avx512 0.18. */
FA_INLINE float fa_binary_step_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    return x >= 0.0f ? 1.0f : (x < 0.0f ? 0.0f : x);
}

FA_INLINE double fa_binary_step_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    return x >= 0.0 ? 1.0 : (x < 0.0 ? 0.0 : x);
}

/* hardtanh: min_val = s.a, max_val = s.b (s.a <= s.b):
 * x < min_val ? min_val : (x > max_val ? max_val : x).
 * NaN -> NaN (both comparisons false), -0 within range stays -0,
 * +inf -> max_val, -inf -> min_val.
 * Exact (0 ULP, all 2^32 f32 inputs for (-1, 1); f64 sample for (-1, 1)
 * and (-0.3, 2.5); every ISA).
 * Speed f32: base 0.25, avx2 0.08, avx512 0.09; f64: base 0.50, avx2 0.18,
 * avx512 0.17. */
FA_INLINE float fa_hardtanh_f32(float x, fa_scalars_f32 s)
{
    return x < s.a ? s.a : (x > s.b ? s.b : x);
}

FA_INLINE double fa_hardtanh_f64(double x, fa_scalars_f64 s)
{
    return x < s.a ? s.a : (x > s.b ? s.b : x);
}

/* relu6: x <= 0 ? +0 : (x >= 6 ? 6 : x).  -0 -> +0, NaN -> NaN,
 * +inf -> 6, -inf -> +0.
 * Exact (0 ULP, all 2^32 f32 inputs / f64 sample, every ISA).
 * Speed f32: base 0.27, avx2 0.09, avx512 0.10; f64: base 0.53, avx2 0.19,
 * avx512 0.18. */
FA_INLINE float fa_relu6_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    return x <= 0.0f ? 0.0f : (x >= 6.0f ? 6.0f : x);
}

FA_INLINE double fa_relu6_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    return x <= 0.0 ? 0.0 : (x >= 6.0 ? 6.0 : x);
}

/* ------------------------------------------------------------------------- */
/* hardsigmoid, hardswish                                                     */
/* ------------------------------------------------------------------------- */

/* 1/6 = FAAL_C6H + FAAL_C6L (float pair, 2^-50 relative) */
#define FAAL_C6H 0x1.555556p-3f
#define FAAL_C6L -0x1.555556p-28f

/* hardsigmoid (torch): x <= -3 ? +0 : (x >= 3 ? 1 : (x + 3)/6).
 * f32, FMA targets (all float): x + 3 = sh + sl exactly (Fast2Sum, |x| < 3
 * where used), q = sh/6 by a product with 1/6, the residual sh - 6q exact
 * by FMA, y = q + (residual + sl)/6 by one more FMA: max 0.5 ULP (every
 * result is a nearest float), but an exact tie (the quotient a float
 * midpoint: 3495253 of the 2^32 inputs) may go to the odd neighbour
 * instead of the even one.
 * f32, no FMA: ((double)x + 3) * (1/6) in double, rounded once to float:
 * correctly rounded (equal to the correctly rounded (x + 3)/6 on all 2^32
 * inputs, checked against the division; x + 3 is exact in double for
 * |x| >= 2^-28 and below it the result is 0.5).
 * f64: x + 3 = ah + al (2Sum), q0 = ah * (1/6), the residual ah - 6 q0 is
 * exact (FMA, or 2Sum of 4 q0 + 2 q0 without FMA), y = q0 + (res + al)/6
 * with one final rounding (0.5 ULP + ~2^-50).
 * Result always in [0, 1].  -0 -> 0.5, +inf -> 1, -inf -> +0, NaN -> NaN.
 * Measured: f32 all 2^32 inputs: max 0.500 ULP vs exact on base/avx2/avx512
 * (base: correctly rounded).  f64 (16M points): max 0.500 ULP vs exact on
 * base/avx2/avx512.
 * Speed f32 (1M, 1 thread): base 0.50, avx2 0.17, avx512 0.13 (the double
 * division took 0.66 / 0.33 / 0.32); f64: base 1.70, avx2 0.43, avx512 0.32. */
FA_INLINE float fa_hardsigmoid_f32(float x, fa_scalars_f32 s)
{
    (void)s;
#if FA32_HAVE_FMA
    float sh = x + 3.0f;
    float sl = x - (sh - 3.0f);
    float q = sh * FAAL_C6H;
    float r = fa32_fma(-6.0f, q, sh) + sl;
    float y = fa32_fma(r, FAAL_C6H, q);
#else
    float y = (float)(((double)x + 3.0) * (1.0 / 6.0));
#endif
    return x <= -3.0f ? 0.0f : (x >= 3.0f ? 1.0f : y);
}

FA_INLINE double fa_hardsigmoid_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    const double c6 = 1.0 / 6.0;
    double al;
    double ah = fa64_two_sum(x, 3.0, &al);
    double q0 = ah * c6;
#if FA64_HAVE_FMA
    double r = __builtin_fma(-6.0, q0, ah);       /* exact */
#else
    double pl;
    double ph = fa64_two_sum(4.0 * q0, 2.0 * q0, &pl);   /* 6 q0 exactly */
    double r = (ah - ph) - pl;                     /* exact */
#endif
    double y = FA64_FMA(r + al, c6, q0);
    return x <= -3.0 ? 0.0 : (x >= 3.0 ? 1.0 : y);
}

/* hardswish (torch): x <= -3 ? -0.0 : (x >= 3 ? x : x (x + 3)/6).
 * (torch computes x*0/6 = -0 below -3; for x = -inf it gives NaN, but the
 * true limit is 0: we return -0.0.)
 * f32, FMA targets (all float): x + 3 = sh + sl exactly (Fast2Sum), x sh =
 * ph + pl' exactly (FMA), pl = pl' + x sl, y = (ph + pl)(C6H + C6L) with
 * one final rounding.
 * f32, no FMA: in double, y = RN(x/2 + x^2 (1/6)) (x/2 and x^2 exact).
 * Both, for |x| < 2^-60: x (x + 3)/6 = x/2 + a positive x^2/6 below any
 * half ulp (and lost in either form), so RN(x/2) with ties (|x| < 2^-125
 * and x odd in units of 2^-149) broken upwards, by adding 2^-149 to x
 * first (exact float steps, no FMA needed).
 * Both: max 0.500 ULP on all 2^32 inputs; base is correctly rounded (equal
 * to the correctly rounded value everywhere, checked against the former
 * round-to-odd double form); FMA targets differ from it at 22 inputs, all
 * exact ties sent to the odd neighbour (e.g. x = 0x1.8p-22).
 * f64: x + 3 = sh + sl (2Sum), x sh = ph + pl (2Prod), numerator
 * ph + (pl + x sl); q0 = ph/6 by a multiplication with 1/6, exact residual
 * ph - 6 q0 (FMA or 2Sum of 4 q0 + 2 q0), y = q0 + (residual + pl + x sl)/6
 * (0.5 ULP + ~2^-50).  A zero result gets the sign of x.
 * -0 -> -0, +inf -> +inf, -inf -> -0, NaN -> NaN.
 * f64 (16M points): max 0.500 ULP vs exact (subnormal results within
 * 0.5 * 2^-1074), every ISA.
 * Speed f32 (1M, 1 thread): base 0.98, avx2 0.34, avx512 0.27 (the
 * round-to-odd double form took 3.90 / 1.04 / 0.74); f64: base 4.65, avx2
 * 0.57, avx512 0.43. */
FA_INLINE float fa_hardswish_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    uint32_t bx = fa_bits_f32(x);
    float ax = fa_from_bits_f32(bx & 0x7fffffffu);
#if FA32_HAVE_FMA
    float sh = x + 3.0f;
    float sl = x - (sh - 3.0f);
    float ph = x * sh;
    float pl = fa32_fma(x, sh, -ph) + x * sl;
    float y = fa32_fma(ph, FAAL_C6H, fa32_fma(ph, FAAL_C6L, pl * FAAL_C6H));
#else
    double d = (double)x;
    float y = (float)(d * 0.5 + (d * d) * (1.0 / 6.0));
#endif
    float tie = ((bx & 1u) && ax < 0x1p-125f) ? 0x1p-149f : 0.0f;
    float yt = (x + tie) * 0.5f;                      /* exact steps */
    y = ax < 0x1p-60f ? yt : y;
    y = y == 0.0f ? x * 0.0f : y;                     /* a zero result keeps x's sign */
    return x <= -3.0f ? -0.0f : (x >= 3.0f ? x : y);
}

FA_INLINE double fa_hardswish_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    const double c6 = 1.0 / 6.0;
    double sl;
    double sh = fa64_two_sum(x, 3.0, &sl);
    double pl;
    double ph = faal_two_prod(x, sh, &pl);
    double nl = pl + x * sl;
    double q0 = ph * c6;
#if FA64_HAVE_FMA
    double r = __builtin_fma(-6.0, q0, ph);       /* exact */
#else
    double el;
    double eh = fa64_two_sum(4.0 * q0, 2.0 * q0, &el);
    double r = (ph - eh) - el;                     /* exact */
#endif
    double y = FA64_FMA(r + nl, c6, q0);
    y = y == 0.0 ? x * 0.0 : y;
    return x <= -3.0 ? -0.0 : (x >= 3.0 ? x : y);
}

/* ------------------------------------------------------------------------- */
/* softshrink, hardshrink, threshold                                          */
/* ------------------------------------------------------------------------- */

/* softshrink: lambd = s.a >= 0:
 * x > lambd ? x - lambd : (x < -lambd ? x + lambd : +0).
 * Written as x > l ? x - l : (x >= -l ? +0 : x + l) so that NaN (all
 * comparisons false) falls through to x + l = NaN.  One correctly rounded
 * subtraction/addition.  +-inf -> +-inf, -0 -> +0 (lambd = inf: every
 * finite or infinite x -> +0).
 * Exact (correctly rounded): 0 ULP on all 2^32 f32 inputs (lambd 0.5),
 * sampled for lambd 0, 1e-3, 7, 1e-40; f64 sample for lambd 0.5, 0, 1e-300,
 * 0.1; every ISA.
 * Speed f32: base 0.22, avx2 0.09, avx512 0.14; f64: base 0.44, avx2 0.19,
 * avx512 0.20. */
FA_INLINE float fa_softshrink_f32(float x, fa_scalars_f32 s)
{
    const float l = s.a;
    return x > l ? x - l : (x >= -l ? 0.0f : x + l);
}

FA_INLINE double fa_softshrink_f64(double x, fa_scalars_f64 s)
{
    const double l = s.a;
    return x > l ? x - l : (x >= -l ? 0.0 : x + l);
}

/* hardshrink: lambd = s.a >= 0: (x > lambd || x < -lambd) ? x : +0.
 * Written as (-l <= x <= l) ? +0 : x, so NaN -> NaN, -0 -> +0.
 * Exact (0 ULP, f32 sample + f64 sample, every ISA).
 * Speed f32: base 0.14, avx2 0.08, avx512 0.10; f64: base 0.28, avx2 0.18,
 * avx512 0.17. */
FA_INLINE float fa_hardshrink_f32(float x, fa_scalars_f32 s)
{
    const float l = s.a;
    return ((x >= -l) & (x <= l)) ? 0.0f : x;
}

FA_INLINE double fa_hardshrink_f64(double x, fa_scalars_f64 s)
{
    const double l = s.a;
    return ((x >= -l) & (x <= l)) ? 0.0 : x;
}

/* threshold (torch): threshold = s.a, value = s.b: x <= threshold ? value : x.
 * NaN -> NaN (comparison false).  Exact (0 ULP, f32 + f64 samples, every
 * ISA).
 * Speed f32: base 0.14, avx2 0.08, avx512 0.09; f64: base 0.27, avx2 0.19,
 * avx512 0.20. */
FA_INLINE float fa_threshold_f32(float x, fa_scalars_f32 s)
{
    return x <= s.a ? s.b : x;
}

FA_INLINE double fa_threshold_f64(double x, fa_scalars_f64 s)
{
    return x <= s.a ? s.b : x;
}

/* ------------------------------------------------------------------------- */
/* softsign                                                                   */
/* ------------------------------------------------------------------------- */

/* softsign: x / (1 + |x|).
 * f32: |x| > 2^30 gives +-1 (the correctly rounded value; also inf, and
 * NaN fails the test); otherwise q = d/D in double, D = 1 + |d| (exact for
 * |x| >= 2^-29; below, the result is x anyway), the exact remainder
 * d - q D (FMA, or 2Prod without) turns q into RO(d/D), which rounds to
 * float as d/D itself would: correctly rounded.
 * f64: |x| clamped to 2^60; 1 + |x| = dh + dl (2Sum); r = 1/dh,
 * q0 = x r; residual R = x - q0 (dh + dl) (2Prod, x - ph exact by Sterbenz);
 * y = q0 + R r (one final rounding, error ~0.5 ULP + 2^-100).
 * -0 -> -0, tiny x -> x, +-inf -> +-1, NaN -> NaN.
 * Measured: f32 all 2^32 inputs: 0 ULP (correctly rounded, max 0.500 ULP
 * vs exact) on base/avx2/avx512.  f64 (16M points): max 0.500 ULP vs exact,
 * every ISA.
 * Speed f32: base 2.51, avx2 0.72, avx512 0.58; f64: base 6.24, avx2 0.92,
 * avx512 0.74. */
FA_INLINE float fa_softsign_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    double d = (double)x;
    double D = 1.0 + faal_abs(d);
    double q = d / D;
    double pl;
    double ph = fa64_two_prod(q, D, &pl);
    double r = (d - ph) - pl;                      /* exact remainder */
    float y = (float)faal_ro_fix(q, r);            /* RO(d/D), then RN to float */
    float one = x < 0.0f ? -1.0f : 1.0f;
    return faal_absf(x) > 0x1p30f ? one : y;
}

FA_INLINE double fa_softsign_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    double xc = x > 0x1p60 ? 0x1p60 : (x < -0x1p60 ? -0x1p60 : x);
    double dl;
    double dh = fa64_two_sum(1.0, faal_abs(xc), &dl);
    double r = 1.0 / dh;
    double q0 = xc * r;
    double pl;
    double ph = faal_two_prod(q0, dh, &pl);
    double R = ((xc - ph) - pl) - q0 * dl;
    double y = FA64_FMA(R, r, q0);
    return x == 0.0 ? x : y;
}

/* ------------------------------------------------------------------------- */
/* isru, isrlu                                                                */
/* ------------------------------------------------------------------------- */

/* isru: alpha = s.a > 0: x / sqrt(1 + alpha x^2); limit sign(x)/sqrt(alpha).
 * f32: in double: d = x (+-inf replaced by +-2^200, where the result has
 * converged), u = alpha * d^2 (d^2 exact; no overflow in double for any
 * float x and alpha), y = d / sqrt(1 + u), rounded once to float (relative
 * error before that rounding ~1.5 * 2^-53, so at most 1 ULP, and only
 * where the exact value is within ~2^-52 of a float midpoint).
 * f64: u ~ alpha x^2 decides the regime (NaN stays in the first).
 *   u <= 2^60: T = 1 + alpha x^2 as a double-double (2Prod alpha|x|, 2Prod
 *     with |x|, 2Sum with 1); m = x.
 *   u > 2^60 or inf: y = sign(x)/sqrt(alpha) (relative error of dropping
 *     1/u below 2^-61); T = alpha scaled by 2^-+600 when alpha is beyond
 *     2^+-500 (so T^-1 neither overflows nor goes subnormal), m = +-2^+-300.
 *   g0 = 1/sqrt(Th), one Newton step on the pair: e = 1 - T g0^2 (g0^2 and
 *   Th g0^2 by 2Prod), g = g0 + g0 e/2; y = m g0 + (err + m g0 e/2) (2Prod),
 *   one final rounding.  A zero input returns itself (sign kept).
 * -0 -> -0, +-inf -> +-1/sqrt(alpha), NaN -> NaN.  Never overflows.
 * Measured: f32 all 2^32 inputs (alpha 1): 0 ULP (max 0.500 ULP vs exact)
 * on base/avx2/avx512; sampled (every 97th input) for alpha 0.25, 3, 1e-6,
 * 1e6, 1.4e-45, 3e38: 0 ULP (0.500 ULP vs exact).  f64 (16M points each,
 * alpha 1, 0.25, 3, 1e-6, 1e6, 1e-300, 1e300, 5e-324, 1.7e308): max 0.500
 * ULP vs exact, every ISA.
 * Speed f32: base 1.87, avx2 0.93, avx512 0.91; f64: base 14.0, avx2 1.56,
 * avx512 1.15. */
FA_INLINE float fa_isru_f32(float x, fa_scalars_f32 s)
{
    double d = (double)x;
    d = d > 0x1p200 ? 0x1p200 : (d < -0x1p200 ? -0x1p200 : d);
    double u = (double)s.a * (d * d);
    return (float)(d / __builtin_sqrt(1.0 + u));
}

FA_INLINE double fa_isru_f64(double x, fa_scalars_f64 s)
{
    const double a = s.a;
    double ax = faal_abs(x);
    int big = (a * ax) * ax > 0x1p60;
    /* regime 1: T = 1 + a x^2 = th + tl */
    double p1l;
    double p1h = faal_two_prod(a, ax, &p1l);
    double u1l;
    double u1h = faal_two_prod(p1h, ax, &u1l);
    double ul = u1l + p1l * ax;
    double tl0;
    double th = fa64_two_sum(1.0, u1h, &tl0);
    double tl = tl0 + ul;
    /* regime 2: T = a (scaled), m = +-2^k */
    double k = a > 0x1p500 ? 0x1p-600 : 1.0;
    k = a < 0x1p-500 ? 0x1p600 : k;
    double as = a * k;
    double ms = __builtin_sqrt(k);   /* exact */
    th = big ? as : th;
    tl = big ? 0.0 : tl;
    double m = big ? (x < 0.0 ? -ms : ms) : x;
    /* g = T^(-1/2) as g0 + g0 e/2 */
    double g0 = 1.0 / __builtin_sqrt(th);
    double ql;
    double qh = faal_two_prod(g0, g0, &ql);
    double rl;
    double rh = faal_two_prod(th, qh, &rl);
    double e = (((1.0 - rh) - rl) - th * ql) - tl * qh;
    double gl = (0.5 * g0) * e;
    double yl;
    double yh = faal_two_prod(m, g0, &yl);
    double y = yh + FA64_FMA(m, gl, yl);
    return x == 0.0 ? x : y;
}

/* isrlu: alpha = s.a > 0: x >= 0 ? x : isru(x; alpha).
 * -0 -> -0, +inf -> +inf, -inf -> -1/sqrt(alpha), NaN -> NaN.
 * Measured: f32 all 2^32 inputs (alpha 1): 0 ULP (correctly rounded, max
 * 0.500 ULP vs exact) on base/avx2/avx512; sampled (every 293rd input) for
 * alpha 3, 1e-6: 0 ULP.  f64 (16M points, alpha 1 and 3): max 0.500 ULP.
 * Speed f32: base 1.98, avx2 0.95, avx512 0.91; f64: base 14.3, avx2 1.60,
 * avx512 1.17. */
FA_INLINE float fa_isrlu_f32(float x, fa_scalars_f32 s)
{
    float y = fa_isru_f32(x, s);
    return x >= 0.0f ? x : y;
}

FA_INLINE double fa_isrlu_f64(double x, fa_scalars_f64 s)
{
    double y = fa_isru_f64(x, s);
    return x >= 0.0 ? x : y;
}

/* ------------------------------------------------------------------------- */
/* bent_identity                                                              */
/* ------------------------------------------------------------------------- */

/* bent_identity: (sqrt(x^2 + 1) - 1)/2 + x, cancellation-free as
 * x + |x| r with r = |x| / (2 (sqrt(x^2 + 1) + 1)) in [0, 1/2).
 * f32, in double (x^2 exact, one sqrt shared by both forms):
 *   |x| < 1: x + |x| r with the final addition rounded to odd;
 *   |x| >= 1: (x + |x|/2) - 1/2 + e, e = (sqrt(x^2+1) - |x|)/2
 *     = 1/(2 (sqrt(x^2+1) + |x|)) > 0 (no cancellation; one division
 *     shared with the other form), x + |x|/2 exact, the three terms summed
 *     with rounding to odd (RO(th + RO(tl + ul)), Boldo-Melquiond), so
 *     that for large |x| the -1/2 and the sign of e still decide the float
 *     rounding (the naive form loses them beyond |x| ~ 2^24);
 *   then one rounding to float.  +-inf -> +-inf.
 * f64, |x| <= 2^60: x^2 + 1 as a double-double th + tl (2Prod, 2Sum),
 *   s = sqrt(x^2 + 1) = s0 + sl (s0 = sqrt(th), one Newton correction with
 *   the exact residual th - s0^2 (2Prod)), s - 1 = (s0 - 1) + (fast2sum
 *   error + sl) (s0 - 1 by Fast2Sum, s0 >= 1), y = x + (s - 1)/2 by 2Sum,
 *   one final rounding.
 * f64, |x| > 2^60: y/2 = x/2 + |x|/4 - 1/4 (+ 1/(8|x|), which cannot change
 *   the rounding); x/2 + |x|/4 by 2Sum, the -1/4 added to the low part with
 *   rounding to odd, then scaled by 2 (overflows exactly when RN(y) does).
 * -0 -> -0, +inf -> +inf, -inf -> -inf, NaN -> NaN.
 * Measured: f32 all 2^32 inputs: 0 ULP (correctly rounded, max 0.500 ULP
 * vs exact) on base/avx2/avx512.  f64 (16M points): max 0.500 ULP vs exact,
 * every ISA.
 * Speed f32: base 7.52, avx2 3.37, avx512 2.36; f64: base 11.7, avx2 2.62,
 * avx512 1.69. */
FA_INLINE float fa_bent_identity_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    double d = (double)x;
    double ad = faal_abs(d);
    double dc = ad > 0x1p200 ? 0x1p200 : ad;           /* inf: anything finite */
    double sq = __builtin_sqrt(dc * dc + 1.0);
    int small = ad < 1.0;
    /* one division: r = |x| / (2 (sqrt + 1)) or e = 1/2 / (sqrt + |x|) */
    double q = (small ? dc : 0.5) / (small ? 2.0 * (sq + 1.0) : sq + dc);
    /* |x| < 1: x + |x| r */
    double ys = faal_ro2(d, ad * q);
    /* |x| >= 1: (x + |x|/2) - 1/2 + e, e = (sqrt(x^2+1) - |x|)/2 > 0 */
    double ul;
    double uh = faal_fast_two_sum(-0.5, q, &ul);       /* e <= 0.21 */
    double tl;
    double th = fa64_two_sum(d + 0.5 * ad, uh, &tl);   /* d + |d|/2 exact */
    double yl = faal_ro2(th, faal_ro2(tl, ul));        /* RO of the 3-term sum */
    float y = (float)(small ? ys : yl);
    return (faal_absf(x) == __builtin_inff()) | (x == 0.0f) ? x : y;
}

FA_INLINE double fa_bent_identity_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    double ax = faal_abs(x);
    /* |x| <= 2^60 */
    double xm = x > 0x1p60 ? 0x1p60 : (x < -0x1p60 ? -0x1p60 : x);
    double wl;
    double wh = faal_two_prod(xm, xm, &wl);
    double tl0;
    double th = fa64_two_sum(1.0, wh, &tl0);
    double tl = tl0 + wl;
    double s0 = __builtin_sqrt(th);
    double ql;
    double q = faal_two_prod(s0, s0, &ql);
    double sl = (((th - q) - ql) + tl) / (2.0 * s0);
    double ml0;
    double m = faal_fast_two_sum(s0, -1.0, &ml0);
    double ml = ml0 + sl;
    double yl0;
    double yh = fa64_two_sum(xm, 0.5 * m, &yl0);
    double y = yh + (yl0 + 0.5 * ml);
    /* |x| > 2^60 */
    double xh = 0.5 * x;
    double hl;
    double hh = fa64_two_sum(xh, 0.5 * faal_abs(xh), &hl);
    double yb = 2.0 * (hh + faal_ro2(hl, -0.25));
    y = ax > 0x1p60 ? yb : y;
    y = ax == __builtin_inf() ? x : y;
    return x == 0.0 ? x : y;
}

/* ------------------------------------------------------------------------- */
/* srelu                                                                      */
/* ------------------------------------------------------------------------- */

/* srelu: t_left = s.a, a_left = s.b, t_right = s.c, a_right = s.d
 * (t_left <= t_right):
 *   x >= t_r ? t_r + a_r (x - t_r) : (x <= t_l ? t_l + a_l (x - t_l) : x).
 * Correctly rounded in both precisions, on every input (see below for the
 * underflow caveat of f64), including the per-element-parameter loop.
 * The branch's (t, a) are selected first, the value v = t + a (x - t)
 * computed once and selected with x.
 * f32: v = t + a x - a t with a x, a t exact in double: RO(v) of the three
 *   doubles as RO(th + RO(tl + ul)) ((uh, ul) = 2Sum(a x, -a t),
 *   (th, tl) = 2Sum(t, uh)), then one rounding to float (RO in 53 bits
 *   then RN in 24 bits = RN of the exact value).
 * f64: d = x - t = dh + dl (2Sum, exact), a dh = ph + pl, a dl = qh + ql
 *   (2Prod, exact), (th, tl) = 2Sum(t, ph), so v = th + tl + pl + qh + ql
 *   exactly.  If tl == 0: v = RN of the 4-term sum th + pl + qh + ql;
 *   otherwise 2Sum(t, ph) was inexact, so |th| >= |ph|/2 and the tail is
 *   below 8 ulp(th): v = RN(th + RO(tl + pl + qh + ql)).  Both share one
 *   exact RN/RO of 4 doubles (w, pl, qh, ql), w = tl or th:
 *   (s1, e1) = 2Sum(w, pl), (H, e3) = 2Sum(s1, qh), (uh, ul) = 2Sum(e1, ql);
 *   e3 == 0: sum = H + e1 + ql, three doubles: RN/RO(hh + RO(hl + ul)),
 *            (hh, hl) = 2Sum(H, uh)  (Boldo-Melquiond 3-term sum);
 *   e3 != 0: |H| >= max(|s1|, |qh|)/2 dominates: RN/RO(H + RO3(e3, e1, ql)).
 *   Huge operands (|x| + |t| above 2^1022 or |a|(|x| + |t|) above 2^1000) are scaled by
 *   2^-32 first (v is homogeneous in (x, t)) and the result by 2^32; when
 *   |a d| is still above 2^1010 the true result overflows and +-inf (the
 *   sign of a d) is returned.  No intermediate overflow otherwise.  Small
 *   products (|a|(|x| + |t|) < 2^-900, |x| + |t| < 2^200) are scaled up by
 *   2^700 the same way,
 *   so that the 2Prod low parts do not underflow (scaling back is exact for
 *   normal results; a subnormal result is then off by at most 2^-1074).
 *   Exactness needs the 2Prod low parts to be representable, which can
 *   still fail in contrived cases (e.g. a subnormal slope times a
 *   non-dyadic difference, or a tie decided by bits below 2^-1074); the
 *   error is then at most 1 ULP.
 * Special: a == 0 -> t on the whole branch (also for x = +-inf);
 * x = +inf -> +inf (a_r > 0), t_r (a_r == 0), -inf (a_r < 0); x = -inf ->
 * -inf (a_l > 0), t_l (a_l == 0), +inf (a_l < 0); NaN -> NaN; the middle
 * branch returns x bit for bit (-0 stays -0).
 * Measured (against exactly rounded GMP-backed references), every ISA:
 * f32: 0 ULP on all 2^32 inputs for (t_l, a_l, t_r, a_r) = (-1, 0.1, 2,
 * 0.3), and on every 293rd input for 8 more sets (negative and zero slopes,
 * t_l == t_r, huge/tiny/subnormal parameters); per-element loop: 0 ULP on
 * 2M random and 2M near-tie ("hard") parameter/input sets.
 * f64: 0 ULP on 16M points for each of 9 parameter sets, and on 2M random
 * plus 2M near-tie per-element parameter sets.
 * Speed f32: base 4.62, avx2 1.98, avx512 1.56 (per-element loop the same);
 * f64: base 23.0, avx2 6.89, avx512 4.68 (per-element loop 22.1 / 7.15 /
 * 4.95).  (The price of exactness on
 * every input: ~11 2Sums, 2 2Prods and 4 odd roundings per element.) */
FA_INLINE float fa_srelu_f32(float x, fa_scalars_f32 s)
{
    int right = x >= s.c;
    int left = x <= s.a;
    float t = right ? s.c : s.a;
    float a = right ? s.d : s.b;
    double td = (double)t, ad = (double)a;
    double A = ad * (double)x;       /* exact */
    double B = -(ad * td);           /* exact */
    double ul;
    double uh = fa64_two_sum(A, B, &ul);
    double tl;
    double th = fa64_two_sum(td, uh, &tl);
    float v = (float)faal_ro2(th, faal_ro2(tl, ul));
    float vinf = a == 0.0f ? t : a * x;
    v = faal_absf(x) == __builtin_inff() ? vinf : v;
    return (right | left) ? v : x;
}

FA_INLINE double fa_srelu_f64(double x, fa_scalars_f64 s)
{
    int right = x >= s.c;
    int left = x <= s.a;
    double t = right ? s.c : s.a;
    double a = right ? s.d : s.b;
    double mxt = faal_abs(x) + faal_abs(t);
    double amxt = faal_abs(a) * mxt;
    int big = (mxt > 0x1p1022) | (amxt > 0x1p1000);
    int small = (amxt < 0x1p-900) & (mxt < 0x1p200);
    double sc = big ? 0x1p-32 : (small ? 0x1p700 : 1.0);
    double isc = big ? 0x1p32 : (small ? 0x1p-700 : 1.0);
    double xs = x * sc, ts = t * sc;
    double dl;
    double dh = fa64_two_sum(xs, -ts, &dl);
    double pl;
    double ph = faal_two_prod(a, dh, &pl);
    double ql;
    double qh = faal_two_prod(a, dl, &ql);
    double tl;
    double th = fa64_two_sum(ts, ph, &tl);
    int tz = tl == 0.0;
    double w = tz ? th : tl;
    /* exact RN / RO of w + pl + qh + ql */
    double e1;
    double s1 = fa64_two_sum(w, pl, &e1);
    double e3;
    double H = fa64_two_sum(s1, qh, &e3);
    double ul;
    double uh = fa64_two_sum(e1, ql, &ul);
    double al;
    double ah = fa64_two_sum(H, uh, &al);             /* e3 == 0 branch */
    double zA = faal_ro2(al, ul);
    double bl;
    double bh = fa64_two_sum(e3, uh, &bl);             /* e3 != 0 branch */
    double zB = faal_ro2(bh, faal_ro2(bl, ul));
    int e3z = e3 == 0.0;
    double P = e3z ? ah : H;
    double Q = e3z ? zA : zB;
    double f2;
    double f1 = fa64_two_sum(P, Q, &f2);               /* f1 = RN, RO from (f1, f2) */
    double v = tz ? f1 : th + faal_ro_fix(f1, f2);
    v = faal_abs(ph) > 0x1p1010 ? ph : v;              /* true result overflows */
    v = v * isc;
    v = faal_abs(x) == __builtin_inf() ? a * x : v;
    v = a == 0.0 ? t : v;                              /* also for x = +-inf */
    return (right | left) ? v : x;
}

#endif /* FASTACT_MATH_ALGEBRAIC_H */
