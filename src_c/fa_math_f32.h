/*
 * fa_math_f32.h - float32 element functions of fastact.
 *
 * Every public function has the signature
 *     FA_INLINE float fa_<name>_f32(float x, fa_scalars_f32 s)
 * and is written so that, inlined into a plain `#pragma omp simd` loop, gcc
 * vectorises it for x86-64 baseline (SSE2), AVX2+FMA and AVX-512, and for
 * aarch64: no libm calls, no lookup tables, no data-dependent branches (both
 * sides are computed and selected with ternaries), no fminf/fmaxf.
 *
 * Must be compiled WITHOUT -ffast-math / -ffinite-math-only (NaN, inf and the
 * sign of zero are handled explicitly).  Under -std=c11 gcc does not contract
 * a*b+c into FMA, so FMA is requested explicitly through fa32_fma(), which
 * falls back to a separate multiply and add where the target has no FMA (the
 * accuracy figures below are measured for both variants).
 *
 * Internally some functions use double arithmetic where it is the cheapest
 * way to keep float32 results within 1-2 ULP (exact x*x, exact x*beta, wide
 * exponent range for e^x in the tails).  Where the target has FMA
 * (FA32_HAVE_FMA), sigmoid, silu, softplus, gelu and gelu_tanh instead use
 * float-only paths that get the same effect from error-free transformations
 * (FMA products, Fast2Sum/2Sum, FMA division residuals); without FMA they
 * keep the double paths (the "base" figures below).
 *
 * Polynomial coefficients: fitted for this file by dev/math_f32/fit.py
 * (weighted least squares on Chebyshev nodes against mpmath truth, refined by
 * Lawson iterations towards minimax relative error, coefficients rounded to
 * float32 one by one with re-fitting of the remaining ones).
 *
 * Accuracy: measured exhaustively over all 2^32 float32 inputs (NaNs skipped)
 * with dev/math_f32 (see its README.md), against long-double references,
 * as integer ULP distance to the correctly rounded float32 result.  Where the
 * true result is below FLT_MIN in magnitude an absolute error <= FLT_MIN is
 * allowed (and reported separately).  "base" = x86-64 SSE2 (no FMA),
 * "avx2" = -mavx2 -mfma, "avx512" = AVX-512 flags (FMA).
 * Timings: ns/element, 1M float32 elements out of place, one thread, AMD
 * EPYC Zen4 (dev/math_f32 bench).
 */
#ifndef FASTACT_MATH_F32_H
#define FASTACT_MATH_F32_H

#include "fa_common.h"

/* ------------------------------------------------------------------------- */
/* private helpers                                                            */
/* ------------------------------------------------------------------------- */

#if defined(__FMA__) || defined(__ARM_FEATURE_FMA) || defined(__FP_FAST_FMAF)
#define FA32_HAVE_FMA 1
#define fa32_fma(a, b, c) __builtin_fmaf((a), (b), (c))
#else
#define FA32_HAVE_FMA 0
#define fa32_fma(a, b, c) ((a) * (b) + (c))
#endif

/* 32 vector registers (AVX-512, aarch64): float kernels with many live
 * values stay in registers.  With AVX2's 16 some of them spill, and a
 * kernel may keep a double form there where that measured faster. */
#if FA32_HAVE_FMA && (defined(__AVX512F__) || defined(__aarch64__))
#define FA32_MANY_VREGS 1
#else
#define FA32_MANY_VREGS 0
#endif

#define FA32_LOG2E 0x1.715476p+0f
#define FA32_LN2HI 0x1.62e400p-1f   /* 15 significant bits: k*LN2HI exact for |k| < 512 */
#define FA32_LN2LO 0x1.7f7d1cp-20f  /* ln2 - LN2HI */
#define FA32_SHIFT 0x1.8p+23f       /* round-to-int shifter */
#define FA32_LOG2E_D 0x1.71547652b82fep+0
#define FA32_LN2HI_D 0x1.62e42fee00000p-1 /* 32 significant bits */
#define FA32_LN2LO_D 0x1.a39ef35793c76p-33
#define FA32_SHIFT_D 0x1.8p+52

/* 2^k as float for k in [-126, 127]. */
FA_INLINE float fa32_pow2i(int32_t k)
{
    return fa_from_bits_f32((uint32_t)(k + 127) << 23);
}

/* q * 2^k for k in [-252, 254], rounding once (also into subnormals). */
FA_INLINE float fa32_ldexp(float q, int32_t k)
{
    int32_t k1 = k >> 1;
    return q * fa32_pow2i(k1) * fa32_pow2i(k - k1);
}

/* 2^k as double for k in [-1022, 1023]. */
FA_INLINE double fa32_pow2i_d(int64_t k)
{
    return fa_from_bits_f64((uint64_t)(k + 1023) << 52);
}

/* expm1(r) for |r| <= ~0.36, float: r + r^2 Q(r), Q degree 4.
 * Max relative error of the approximation 1.5e-8 (fit.py "expq"). */
FA_INLINE float fa32_expm1_poly(float r)
{
    float q = fa32_fma(r, 0x1.6b9df8p-10f, 0x1.122b9ap-7f);
    q = fa32_fma(q, r, 0x1.5556f6p-5f);
    q = fa32_fma(q, r, 0x1.5554acp-3f);
    q = fa32_fma(q, r, 0x1.fffffep-2f);
    return fa32_fma(r * r, q, r);
}

/* a + b = s + *lo exactly (Knuth two-sum, no ordering needed). */
FA_INLINE float fa32_two_sum(float a, float b, float *lo)
{
    float s = a + b;
    float bb = s - a;
    *lo = (a - (s - bb)) + (b - bb);
    return s;
}

/* Argument reduction of a float argument: a = k*ln2 + r, |r| <= ~0.35,
 * for |a| <= ~180 (callers clamp).  Cody-Waite with a 9-bit LN2HI, so exact
 * with or without FMA.  NaN gives r = NaN. */
FA_INLINE float fa32_reduce(float a, int32_t *k)
{
    float t = fa32_fma(a, FA32_LOG2E, FA32_SHIFT);
    float kf = t - FA32_SHIFT;
    *k = (int32_t)kf;
    float r = fa32_fma(-kf, FA32_LN2HI, a);
    return fa32_fma(-kf, FA32_LN2LO, r);
}

/* fa32_reduce with 2^k in place of k: the shifter biased by 127 rounds
 * a log2e to itself plus k + 127, whose bits shifted left by 23 are the
 * float 2^k (the shifter's own bits below bit 9 are zero); valid where
 * 2^k is a normal float (k in [-126, 127]). */
#define FA32_SHIFT_BIASED (FA32_SHIFT + 127.0f)
FA_INLINE float fa32_reduce_scale(float a, float *scale)
{
    float t = fa32_fma(a, FA32_LOG2E, FA32_SHIFT_BIASED);
    float kf = t - FA32_SHIFT_BIASED;
    *scale = fa_from_bits_f32(fa_bits_f32(t) << 23);
    float r = fa32_fma(-kf, FA32_LN2HI, a);
    return fa32_fma(-kf, FA32_LN2LO, r);
}

/* Same reduction for a double argument (|a| <= ~1000); r returned rounded to
 * float (|r| <= 0.35, so the rounding is <= 2^-26 absolute). */
FA_INLINE float fa32_reduce_d(double a, int32_t *k)
{
    double t = a * FA32_LOG2E_D + FA32_SHIFT_D;
    double kd = t - FA32_SHIFT_D;
    *k = (int32_t)kd;
    return (float)((a - kd * FA32_LN2HI_D) - kd * FA32_LN2LO_D);
}

/* exp(a) in double arithmetic with float-level accuracy (relative error
 * ~5e-10), for a in [-700, 700] (callers clamp; NaN propagates).
 * Polynomial: 1 + r + r^2 Q(r), Q degree 5 (fit.py, expm1 deg5). */
FA_INLINE double fa32_exp_d(double a)
{
    double t = a * FA32_LOG2E_D + FA32_SHIFT_D;
    double kd = t - FA32_SHIFT_D;
    int64_t k = (int64_t)(fa_bits_f64(t) - fa_bits_f64(FA32_SHIFT_D));
    double r = (a - kd * FA32_LN2HI_D) - kd * FA32_LN2LO_D;
    double q = r * 0x1.9e8f4ep-13 + 0x1.6d4050p-10;
    q = q * r + 0x1.1112cep-7;
    q = q * r + 0x1.5554f4p-5;
    q = q * r + 0x1.555554p-3;
    q = q * r + 0.5;
    double em = r + (r * r) * q;
    return (1.0 + em) * fa32_pow2i_d(k);
}

/* expm1(a) in double with float-level accuracy, a in [-100, 0]. */
FA_INLINE double fa32_expm1_d(double a)
{
    double t = a * FA32_LOG2E_D + FA32_SHIFT_D;
    double kd = t - FA32_SHIFT_D;
    int64_t k = (int64_t)(fa_bits_f64(t) - fa_bits_f64(FA32_SHIFT_D));
    double r = (a - kd * FA32_LN2HI_D) - kd * FA32_LN2LO_D;
    double q = r * 0x1.9e8f4ep-13 + 0x1.6d4050p-10;
    q = q * r + 0x1.1112cep-7;
    q = q * r + 0x1.5554f4p-5;
    q = q * r + 0x1.555554p-3;
    q = q * r + 0.5;
    double em = r + (r * r) * q;
    double sc = fa32_pow2i_d(k);
    return sc * em + (sc - 1.0);
}

/* x * sigmoid(v) given the reduction of -|v| = k*ln2 + r (so e = exp(-|v|)
 * = (1 + expm1(r)) * 2^k, k in [-174, 0]) and neg = (v < 0).
 *   v >= 0: x / (1 + e)
 *   v <  0: x * e / (1 + e)
 * expm1(r) is the float polynomial; 1 + expm1(r), the scaling by 2^k, 1 + e,
 * the product with x and the one division are done in double, so the only
 * rounding of size 1/2 ulp is the final conversion to float (the double range
 * also covers the subnormal float tail).  x is clamped to >= -128 in the v<0
 * product so that x = -inf gives -0 (the true limit) instead of NaN; callers
 * clamp |v| <= 120, where the product underflows to 0 anyway. */
FA_INLINE float fa32_xsig(float x, int neg, float r, int32_t k)
{
    double p = 1.0 + (double)fa32_expm1_poly(r);
    double sc = fa32_pow2i_d((int64_t)k);
    double den = 1.0 + p * sc;
    float xc = x < -128.0f ? -128.0f : x;
    double num = neg ? (double)xc * (p * sc) : (double)x;
    return (float)(num / den);
}

#if FA32_HAVE_FMA
/* x / (1 + exp(w)) in float, given the reduction w = k*ln2 + r (|r| <= 0.35,
 * k in [-126, 174]); x is the (clamped) multiplier, so sigmoid passes 1.
 * With e = exp(w) = p 2^k, p = 1 + expm1(r) = ph + pl exactly (Fast2Sum),
 * everything is scaled by c = 2^-j (j = 48 for k > 0, else 0) so that
 * E = ph 2^(k-j) and d' = c + E = c (1 + e) stay normal floats:
 *   dh = c + E, dl = its exact rounding error (Fast2Sum in the right order)
 *        + pl 2^(k-j);
 *   q0 = 1/dh (one float division), residual 1 - q0 (dh + dl) by two FMAs,
 *   y = x q0 (1 + residual) with one rounding (FMA), then y * c (exact
 *   unless the result is subnormal, where it is the one rounding).
 * The only roundings of size 1/2 ulp are the last one and, below 2^-126,
 * the final scaling.  Needs a real FMA (the residuals); without one the
 * double fa32_xsig path is used by the callers. */
FA_INLINE float fa32_xsig2(float x, int one, float r, int32_t k)
{
    int32_t j = k > 0 ? 48 : 0;
    float c = k > 0 ? 0x1p-48f : 1.0f;
    int32_t kj = k - j;
    float s = fa32_pow2i(kj < -126 ? -126 : kj);
    float em = fa32_expm1_poly(r);
    float ph = 1.0f + em;
    float pl = (1.0f - ph) + em;
    float E = ph * s;
    float dh = c + E;
    float dl = k > 0 ? (E - dh) + c : (c - dh) + E;
    dl = fa32_fma(pl, s, dl);
    float q0 = 1.0f / dh;
    float rr = fa32_fma(-q0, dh, 1.0f);
    rr = fa32_fma(-q0, dl, rr);
    float y = one ? fa32_fma(q0, rr, q0) : fa32_fma(x, q0, x * (q0 * rr));
    return y * c;
}
#endif

/* ------------------------------------------------------------------------- */
/* public element functions                                                   */
/* ------------------------------------------------------------------------- */

/* relu: x <= 0 ? +0 : x.  NaN -> NaN (comparison is false), -0 -> +0.
 * Exact on all inputs (0 ULP, every ISA).
 * Measured, all 2^32 inputs: 0 ULP (exact) on base/avx2/avx512.
 * Speed (ns/elem, 1M, 1 thread): base 0.136, avx2 0.082, avx512 0.082.
 */
FA_INLINE float fa_relu_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    return x <= 0.0f ? 0.0f : x;
}

/* leaky_relu: slope = s.a; x > 0 ? x : x*slope (one correctly rounded
 * product).  NaN -> NaN, -0 -> -0*slope.  Exact (0 ULP, every ISA).
 * Measured, all 2^32 inputs: 0 ULP (exact, slope 0.01) on base/avx2/avx512.
 * Speed (ns/elem, 1M, 1 thread): base 0.136, avx2 0.080, avx512 0.094.
 */
FA_INLINE float fa_leaky_relu_f32(float x, fa_scalars_f32 s)
{
    return x > 0.0f ? x : x * s.a;
}

/* elu: alpha = s.a; x > 0 ? x : alpha*expm1(x).
 * expm1 in double: x = k ln2 + r (Cody-Waite), expm1(r) = r + r^2 Q(r) with
 * Q degree 5, expm1(x) = 2^k expm1(r) + (2^k - 1); alpha*expm1 rounded once
 * to float.  x < -100 is clamped (expm1 = -1 there).
 * Special: -inf -> -alpha, -0 -> -0*alpha, NaN -> NaN.
 * Measured, all 2^32 inputs: max 1 ULP (0.506 ULP vs exact), alpha = 1, identical on base/avx2/avx512.
 * Speed (ns/elem, 1M, 1 thread): base 2.49, avx2 1.19, avx512 0.81.
 */
FA_INLINE float fa_elu_f32(float x, fa_scalars_f32 s)
{
    float xc = x < -100.0f ? -100.0f : x;
    double em = fa32_expm1_d((double)xc);
    float yn = (float)((double)s.a * em);
    yn = x == 0.0f ? x * s.a : yn;
    return x > 0.0f ? x : yn;
}

/* selu: scale*(x > 0 ? x : alpha*expm1(x)), fixed alpha/scale.
 * Same expm1 as elu; both branches multiply by the double constants
 * (scale, scale*alpha) and round once.  -inf -> -scale*alpha, -0 -> -0.
 * Measured, all 2^32 inputs: max 1 ULP (0.507 ULP vs exact), identical on base/avx2/avx512.
 * Speed (ns/elem, 1M, 1 thread): base 2.42, avx2 1.28, avx512 0.87.
 */
FA_INLINE float fa_selu_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    const double scale = 1.0507009873554804934193349852946;
    const double sa = 1.0507009873554804934193349852946 * 1.6732632423543772848170429916717;
    float xc = x < -100.0f ? -100.0f : x;
    double em = fa32_expm1_d((double)xc);
    float yn = (float)(sa * em);
    yn = x == 0.0f ? x : yn;
    float yp = (float)(scale * (double)x);
    return x > 0.0f ? yp : yn;
}

/* sigmoid: 1/(1+exp(-x)).
 * FMA targets: x clamped to [-104, 87] (|x| on the bits, sign put back),
 * -x reduced in float (Cody-Waite, exact argument), then fa32_xsig2 with
 * multiplier 1: all float, one float division with FMA residual correction,
 * 1 + e and 1 + expm1(r) carried as exact float pairs, scaled by 2^-48 for
 * x < 0 so the subnormal tail is rounded once.
 * No FMA (base): e = exp(-|x|) = p 2^k in float, then in double (fa32_xsig):
 * x >= 0: 1/(1+e), x < 0: e/(1+e), one double division, one final rounding.
 * Result always in [0, 1].
 * Special: +inf -> 1, -inf -> 0, -0 -> 0.5, NaN -> NaN.
 * Measured, all 2^32 inputs: max 1 ULP on base/avx2/avx512 (1.039/0.986/0.986 ULP vs exact).
 * Speed (ns/elem, 1M, 1 thread): base 2.55, avx2 0.73, avx512 0.54.
 */
FA_INLINE float fa_sigmoid_f32(float x, fa_scalars_f32 s)
{
    (void)s;
#if FA32_HAVE_FMA
    uint32_t sx = fa_bits_f32(x) & 0x80000000u;
    float a = fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu);
    a = a > 104.0f ? 104.0f : a;
    float xc = fa_from_bits_f32(fa_bits_f32(a) | sx);
    int32_t k;
    float r = fa32_reduce(-xc, &k);
    return fa32_xsig2(1.0f, 1, r, k);
#else
    float a = x < 0.0f ? -x : x;
    a = a > 104.0f ? 104.0f : a;
    int32_t k;
    float r = fa32_reduce(-a, &k);
    return fa32_xsig(1.0f, x < 0.0f, r, k);
#endif
}

/* tanh, computed on a = |x| and the sign of x OR-ed back at the end (so -0
 * and tiny x need no special case): a < 0.5625: a + a^3 T(a^2), T degree 4
 * (odd polynomial, degree 11, relative approximation error 1.4e-9; a*a^2
 * underflows for tiny a, giving a); otherwise 1 - 2/(e+1), e = exp(2a) by
 * float reduction + degree-6 polynomial with e + 1 = fma(expm1(r), 2^k,
 * 2^k + 1) (one rounding), a clamped to 9.5 on the bits (tanh rounds to 1
 * beyond 9.01; a NaN selects the polynomial side and propagates).  One
 * float division.
 * Special: +-inf -> +-1, -0 -> -0, subnormal x -> x, NaN -> NaN.
 * Measured, all 2^32 inputs: max 1 ULP on base/avx2/avx512 (1.326/1.320/1.320 ULP vs exact).
 * Speed (ns/elem, 1M, 1 thread): base 1.92, avx2 0.51, avx512 0.42.
 */
FA_INLINE float fa_tanh_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    uint32_t sx = fa_bits_f32(x) & 0x80000000u;
    uint32_t ab = fa_bits_f32(x) & 0x7fffffffu;
    float a = fa_from_bits_f32(ab);
    float w = a * a;
    float t = fa32_fma(w, -0x1.94a584p-8f, 0x1.581e02p-6f);
    t = fa32_fma(t, w, -0x1.b906e2p-5f);
    t = fa32_fma(t, w, 0x1.110c62p-3f);
    t = fa32_fma(t, w, -0x1.555548p-2f);
    float ys = fa32_fma(a * w, t, a);   /* a*w underflows for tiny a: ys = a */
    /* clamp |x| <= 9.5 on the bits (a >= 0; a NaN takes the ys side below) */
    uint32_t cb = ab > 0x41180000u ? 0x41180000u : ab;
    float a2 = 2.0f * fa_from_bits_f32(cb);
    float tt = fa32_fma(a2, FA32_LOG2E, FA32_SHIFT);
    float kf = tt - FA32_SHIFT;
    float r = fa32_fma(-kf, FA32_LN2HI, a2);
    r = fa32_fma(-kf, FA32_LN2LO, r);
    float sc = fa_from_bits_f32((fa_bits_f32(tt) + (127u - 0x4b400000u)) << 23);
    float d = fa32_fma(fa32_expm1_poly(r), sc, sc + 1.0f);   /* e^(2a) + 1 */
    float yl = fa32_fma(-2.0f, 1.0f / d, 1.0f);
    float y = a >= 0.5625f ? yl : ys;
    return fa_from_bits_f32(fa_bits_f32(y) | sx);
}

/* silu: x*sigmoid(x) = x/(1+exp(-x)); same scheme as sigmoid.
 * FMA targets: x clamped to [-120, 120], fa32_xsig2 with multiplier x (the
 * product x*q formed with one rounding), x > 120 returns x.
 * No FMA (base): fa32_xsig, x >= 0: x/(1+e), x < 0: x e/(1+e), e = exp(-|x|),
 * one double division.
 * Special: +inf -> +inf, -inf -> -0, -0 -> -0, NaN -> NaN.
 * Measured, all 2^32 inputs: max 1 ULP on base/avx2/avx512 (1.151/1.161/1.161 ULP vs exact).
 * Speed (ns/elem, 1M, 1 thread): base 2.86, avx2 0.81, avx512 0.63.
 */
FA_INLINE float fa_silu_f32(float x, fa_scalars_f32 s)
{
    (void)s;
#if FA32_HAVE_FMA
    uint32_t sx = fa_bits_f32(x) & 0x80000000u;
    float a = fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu);
    a = a > 120.0f ? 120.0f : a;
    float xc = fa_from_bits_f32(fa_bits_f32(a) | sx);
    int32_t k;
    float r = fa32_reduce(-xc, &k);
    float y = fa32_xsig2(xc, 0, r, k);
    return x > 120.0f ? x : y;
#else
    float a = x < 0.0f ? -x : x;
    a = a > 120.0f ? 120.0f : a;
    int32_t k;
    float r = fa32_reduce(-a, &k);
    return fa32_xsig(x, x < 0.0f, r, k);
#endif
}

#if FA32_HAVE_FMA
/* softplus(b) = max(b, 0) + log1p(exp(-|b|)) for b = bh + bl given exactly
 * (bl the rounding error of bh), as (sh + *sl) * (*cs): all float.  The
 * scale cs is 2^-64 where b < 0, so that the tail exp(b) (into the
 * subnormals) is rounded once by the caller's final multiplication.
 * e = exp(-|b|) = (1 + expm1(r)) 2^k from the pair (|b| clamped to 104) as
 * an exact pair es + el; log1p(e) = 2 atanh(s), s = e/(2+e) <= 1/3: s as
 * s1 + s2 (Fast2Sum of 2+e, one division, FMA residual), 2 s (1 + z P(z)),
 * z = s^2, P the Taylor series of atanh up to s^14 (truncation < 3e-9
 * relative); max(b, 0) + log1p(e) by 2Sum plus the low parts.  Shared by
 * softplus and logsigmoid (= -softplus(-x)). */
FA_INLINE float fa32_softplus_pair(float bh, float bl, float *sl_out, float *cs)
{
    int neg = bh < 0.0f;
    float ab = fa_from_bits_f32(fa_bits_f32(bh) & 0x7fffffffu);
    float abl = neg ? -bl : bl;                   /* |b| = ab + abl */
    int big = ab > 104.0f;
    ab = big ? 104.0f : ab;
    abl = big ? 0.0f : abl;
    /* e = exp(-|b|) = (1 + expm1(r)) 2^k, scaled by 2^64 where bh < 0 */
    float tt = fa32_fma(ab, -FA32_LOG2E, FA32_SHIFT);
    float kf = tt - FA32_SHIFT;
    float r = fa32_fma(kf, -FA32_LN2HI, -ab);     /* exact */
    r = fa32_fma(kf, -FA32_LN2LO, r - abl);
    int32_t k = (int32_t)(fa_bits_f32(tt) - fa_bits_f32(FA32_SHIFT));
    int32_t ks = neg ? k + 64 : (k < -126 ? -126 : k);
    float c = neg ? 0x1p-64f : 1.0f;
    float sc = fa32_pow2i(ks);
    float em = fa32_expm1_poly(r);
    float es = fa32_fma(em, sc, sc);              /* e / c = es + el */
    float el = fa32_fma(em, sc, sc - es);
    float et = es * c;
    float d = 2.0f + et;
    float dl = fa32_fma(el, c, (2.0f - d) + et);
    float inv = 1.0f / d;
    float s1 = es * inv;
    float rs = fa32_fma(-s1, d, es);
    rs = fa32_fma(-s1, dl, rs + el);
    float s2 = rs * inv;
    float st = et * inv;
    float z = st * st;
    float P = fa32_fma(z, 0x1.111112p-4f, 0x1.3b13b2p-4f);   /* 1/15, 1/13 */
    P = fa32_fma(P, z, 0x1.745d18p-4f);                      /* 1/11 */
    P = fa32_fma(P, z, 0x1.c71c72p-4f);                      /* 1/9 */
    P = fa32_fma(P, z, 0x1.24924ap-3f);                      /* 1/7 */
    P = fa32_fma(P, z, 0x1.99999ap-3f);                      /* 1/5 */
    P = fa32_fma(P, z, 0x1.555556p-2f);                      /* 1/3 */
    float lh = 2.0f * s1;                         /* log1p(e) / c = lh + m */
    float m = 2.0f * fa32_fma(s1 * z, P, s2);
    float bm = neg ? 0.0f : bh;
    float bml = neg ? 0.0f : bl;
    float sh = bm + lh;                           /* 2Sum */
    float bb = sh - bm;
    float sl = (bm - (sh - bb)) + (lh - bb);
    *sl_out = sl + (m + bml);
    *cs = c;
    return sh;
}
#endif

/* log1p(e) for e = exp(-|b|) in [0, 1], in double: e G(e), G degree 10
 * (fit.py "log1p", relative error 7e-10).  Shared by the no-FMA paths of
 * softplus and logsigmoid. */
FA_INLINE double fa32_log1p_01_d(double e)
{
    double g = e * 0x1.114ad6p-9 - 0x1.c1079ap-7;
    g = g * e + 0x1.595a64p-5;
    g = g * e - 0x1.553a56p-4;
    g = g * e + 0x1.ff67dcp-4;
    g = g * e - 0x1.4a8234p-3;
    g = g * e + 0x1.978f98p-3;
    g = g * e - 0x1.ffc636p-3;
    g = g * e + 0x1.5553bap-2;
    g = g * e - 0x1.fffff8p-2;
    g = g * e + 1.0;
    return e * g;
}

/* softplus (torch semantics): beta = s.a > 0, threshold = s.b.
 * bx = fl32(x*beta); bx > threshold ? x : (max(b,0) + log1p(exp(-|b|)))/beta
 * with b = x*beta exact.
 * FMA targets, all float: b = bh + bl (FMA); e = exp(-|b|) reduced from the
 * pair (|b| clamped to 104), 1 + expm1(r) scaled by 2^k as an exact pair
 * es + el (scaled by 2^64 where b < 0 so the subnormal tail is rounded
 * once); log1p(e) = 2 atanh(s), s = e/(2+e) (Fast2Sum of 2+e, one float
 * division, FMA residual), atanh series to s^15; max(b,0) + log1p(e) by 2Sum
 * plus the low parts; /beta as multiplication by 1/beta (loop invariant)
 * with an FMA residual correction.  No vector division by beta.
 * No FMA (base): in double from the exact product, exp(-|bx|) by fa32_exp_d,
 * log1p(e) = e*G(e), G degree 10 on [0,1] (fit.py "log1p", rel. error
 * 7e-10), one double division.
 * -inf -> +0, +inf -> +inf, NaN -> NaN.
 * Measured, all 2^32 inputs, beta 1 / threshold 20: max 1 ULP on base/avx2/avx512 (0.514/1.031/1.031 ULP vs exact);
 *   sampled (every 4999th input, avx512) for beta 2, 0.5, 3.7, 0.1, 7: max 1 ULP (<= 1.14 ULP vs exact).
 * Speed (ns/elem, 1M, 1 thread): base 6.25, avx2 1.72, avx512 1.08.
 */
FA_INLINE float fa_softplus_f32(float x, fa_scalars_f32 s)
{
#if FA32_HAVE_FMA
    const float beta = s.a, invb = 1.0f / s.a;
    float bh = x * beta;
    float bl = fa32_fma(x, beta, -bh);            /* x*beta = bh + bl exactly */
    float sl, c;
    float sh = fa32_softplus_pair(bh, bl, &sl, &c);
    float q = sh * invb;                          /* (sh + sl) / beta */
    float rr = fa32_fma(-q, beta, sh) + sl;
    q = fa32_fma(rr, invb, q);
    float y = q * c;
    return bh > s.b ? x : y;
#else
    float bx = x * s.a;
    double bd = (double)x * (double)s.a;
    double ad = bd < 0.0 ? -bd : bd;
    ad = ad > 700.0 ? 700.0 : ad;
    double e = fa32_exp_d(-ad);
    double l = (bd > 0.0 ? bd : 0.0) + fa32_log1p_01_d(e);
    float yl = (float)(l / (double)s.a);
    return bx > s.b ? x : yl;
#endif
}

/* gelu for |x| < 0.8: 0.5 x + x^2 S(x^2), S degree 5 (fit.py "gelus").
 * x^2 underflows for tiny x and fma(+0, S, -0) is +0: a result that rounds
 * to zero keeps the sign of x (gelu(-0x1p-149) = -0.0). */
FA_INLINE float fa32_gelu_small(float x)
{
    float w = x * x;
    float S = fa32_fma(w, -0x1.ea7a6cp-17f, 0x1.08de28p-13f);
    S = fa32_fma(S, w, -0x1.394126p-10f);
    S = fa32_fma(S, w, 0x1.46e3eep-7f);
    S = fa32_fma(S, w, -0x1.105888p-4f);
    S = fa32_fma(S, w, 0x1.988454p-2f);
    float ys = fa32_fma(w, S, 0.5f * x);
    return ys == 0.0f ? x * 0.0f : ys;
}

/* gelu's tail factor R(t) = |x| Phi(-|x|) exp(x^2/2), t = (a - 3.625)/(a + 4)
 * for a = |x| in [0.8, 16], degree 9 (fit.py gelu_tail2).  t is correctly
 * rounded (a double division: cheaper here than a float division with exact
 * residuals, and the rounding of t matters). */
FA_INLINE float fa32_gelu_tail_R(float a)
{
    float t = (float)(((double)a - 3.625) / ((double)a + 4.0));
    float R = fa32_fma(t, 0x1.3a489cp-15f, 0x1.2f366cp-10f);
    R = fa32_fma(R, t, -0x1.d6c59cp-10f);
    R = fa32_fma(R, t, -0x1.bdd306p-8f);
    R = fa32_fma(R, t, 0x1.23a4f2p-5f);
    R = fa32_fma(R, t, -0x1.5a3c6ep-4f);
    R = fa32_fma(R, t, 0x1.0c23c0p-3f);
    R = fa32_fma(R, t, -0x1.1c5692p-3f);
    R = fa32_fma(R, t, 0x1.6e9d48p-4f);
    R = fa32_fma(R, t, 0x1.7eb56ep-2f);
    return R;
}

/* gelu (erf form): x*Phi(x).
 * |x| < 0.8: 0.5x + x^2 S(x^2), S degree 5 (fit.py "gelus").
 * |x| >= 0.8: with g = exp(-x^2/2) R(t), t = (|x|-3.625)/(|x|+4),
 *   R(t) = |x| Phi(-|x|) exp(x^2/2) fitted by a degree-9 polynomial
 *   (fit.py gelu_tail2, rel. error 5.9e-9 on |x| in [0.8, 14.5]):
 *   x < 0: -g;  x > 0: x - g.
 *   t is rounded once from a double division.
 *   FMA targets: -x^2/2 as an exact float pair (FMA), reduced in float,
 *   g = fma(expm1(r), R, R) * 2^k (two-step scaling, so the subnormal tail
 *   rounds once), x - g in float.
 *   No FMA (base): x^2/2 exact in double and reduced there,
 *   g = (1+expm1(r)) R 2^k and x - g formed in double, rounded once.
 * Special: -inf -> -0, +inf -> +inf, -0 -> -0, NaN -> NaN.
 * Measured, all 2^32 inputs: max 2 ULP on base/avx2/avx512 (2.358/2.164/2.164 ULP vs exact, near x = -0.71..-0.8).
 * Speed (ns/elem, 1M, 1 thread): base 5.31, avx2 1.32, avx512 0.90.
 */
FA_INLINE float fa_gelu_f32(float x, fa_scalars_f32 s)
{
    (void)s;
#if FA32_HAVE_FMA
    float a = fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu);
    float ys = fa32_gelu_small(x);

    float ac = a > 16.0f ? 16.0f : a;
    float R = fa32_gelu_tail_R(ac);
    /* exp(-x^2/2): -x^2/2 = qh - ql exactly, reduced in float */
    float ah = 0.5f * ac;
    float qh = -(ah * ac);
    float ql = fa32_fma(ah, ac, qh);
    float tt = fa32_fma(qh, FA32_LOG2E, FA32_SHIFT);
    float kf = tt - FA32_SHIFT;
    float r = fa32_fma(-kf, FA32_LN2HI, qh);      /* exact */
    r = fa32_fma(-kf, FA32_LN2LO, r - ql);
    int32_t k = (int32_t)(fa_bits_f32(tt) - fa_bits_f32(FA32_SHIFT));
    int32_t k1 = k >> 1;
    float g = fa32_fma(fa32_expm1_poly(r), R, R) * fa32_pow2i(k1) * fa32_pow2i(k - k1);
    float yt = x < 0.0f ? -g : x - g;
    return a < 0.8f ? ys : yt;
#else
    float a = x < 0.0f ? -x : x;
    float ys = fa32_gelu_small(x);

    float ac = a > 16.0f ? 16.0f : a;
    float R = fa32_gelu_tail_R(ac);
    double ad = (double)ac;
    int32_t k;
    float r = fa32_reduce_d(-0.5 * ad * ad, &k);
    double g = (1.0 + (double)fa32_expm1_poly(r)) * (double)R * fa32_pow2i_d((int64_t)k);
    float yt = (float)(x < 0.0f ? -g : (double)x - g);
    return a < 0.8f ? ys : yt;
#endif
}

/* gelu_tanh: 0.5x(1+tanh(u)), u = sqrt(2/pi)(x + 0.044715x^3), evaluated as
 * x*sigmoid(2u).  -2u must be accurate to ~1e-9 absolute for the tail
 * x*exp(2u) (|2u| up to ~110).
 * FMA targets, all float: |x| clamped to 11 (x > 11 returns x), -2u as a
 * float pair (x^2 exact by FMA, constants as hi+lo pairs, 2Sum; relative
 * error ~2^-45), reduced from the pair, then fa32_xsig2 (as silu).
 * No FMA (base): 2u in double (|x| clamped to 1000) and reduced there, then
 * fa32_xsig (one double division, one final rounding).
 * Special: -inf -> -0, +inf -> +inf, -0 -> -0, NaN -> NaN.
 * Measured, all 2^32 inputs: max 1 ULP on base/avx2/avx512 (1.143/1.259/1.259 ULP vs exact).
 * Speed (ns/elem, 1M, 1 thread): base 5.76, avx2 1.21, avx512 0.83.
 */
FA_INLINE float fa_gelu_tanh_f32(float x, fa_scalars_f32 s)
{
    (void)s;
#if FA32_HAVE_FMA
    /* w = -2u = x*(C1 + C3 x^2) with C1 = -2 sqrt(2/pi), C3 = C1*0.044715
     * (hi + lo float pairs), as a float pair wh + wl (rel. error ~2^-45). */
    const float c1h = -0x1.988454p+0f, c1l = 0x1.857936p-25f;
    const float c3h = -0x1.2444f2p-4f, c3l = -0x1.49b16ap-29f;
    uint32_t sx = fa_bits_f32(x) & 0x80000000u;
    float a = fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu);
    a = a > 11.0f ? 11.0f : a;       /* |2u| <= 112; beyond, y = x or -0 */
    float xc = fa_from_bits_f32(fa_bits_f32(a) | sx);
    float qh = xc * xc;
    float ql = fa32_fma(xc, xc, -qh);
    float ph = c3h * qh;
    float pl = fa32_fma(c3h, qh, -ph);
    pl = fa32_fma(c3h, ql, pl);
    pl = fa32_fma(c3l, qh, pl);
    float sh = c1h + ph;              /* 2Sum */
    float bb = sh - c1h;
    float sl = (c1h - (sh - bb)) + (ph - bb);
    sl = sl + (pl + c1l);
    float wh = xc * sh;
    float wl = fa32_fma(xc, sh, -wh);
    wl = fa32_fma(xc, sl, wl);
    /* reduction of w = wh + wl: k*ln2 + r */
    float tt = fa32_fma(wh, FA32_LOG2E, FA32_SHIFT);
    float kf = tt - FA32_SHIFT;
    float r = fa32_fma(-kf, FA32_LN2HI, wh);      /* exact */
    r = fa32_fma(-kf, FA32_LN2LO, r + wl);
    int32_t k = (int32_t)(fa_bits_f32(tt) - fa_bits_f32(FA32_SHIFT));
    float y = fa32_xsig2(xc, 0, r, k);
    return x > 11.0f ? x : y;
#else
    const double c1 = 2.0 * 0.79788456080286535587989211986876;  /* 2 sqrt(2/pi) */
    const double c3 = 2.0 * 0.79788456080286535587989211986876 * 0.044715;
    float xc = x > 1000.0f ? 1000.0f : x;
    xc = xc < -1000.0f ? -1000.0f : xc;
    double xd = (double)xc;
    double v = xd * (c1 + c3 * (xd * xd));
    double av = v < 0.0 ? -v : v;
    av = av > 120.0 ? 120.0 : av;
    int32_t k;
    float r = fa32_reduce_d(-av, &k);
    return fa32_xsig(x, x < 0.0f, r, k);
#endif
}

/* mish: x*tanh(softplus(x)) = x * n/(n+2), n = e(e+2), e = exp(x).
 * Done in double: e by fa32_exp_d (x clamped to [-700, 20]; for x > 9.1 the
 * factor rounds to 1), one double division, one rounding to float at the end.
 * Special: -inf -> -0, +inf -> +inf, -0 -> -0, NaN -> NaN.
 * Measured, all 2^32 inputs: max 1 ULP (0.503 ULP vs exact), identical on base/avx2/avx512.
 * Speed (ns/elem, 1M, 1 thread): base 3.62, avx2 1.65, avx512 1.12.
 */
FA_INLINE float fa_mish_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    float xc = x > 20.0f ? 20.0f : x;
    xc = xc < -700.0f ? -700.0f : xc;
    double e = fa32_exp_d((double)xc);
    double n = e * (e + 2.0);
    double q = n / (n + 2.0);
    float xm = x < -1000.0f ? -1000.0f : x;
    return (float)((double)xm * q);
}

#endif /* FASTACT_MATH_F32_H */
