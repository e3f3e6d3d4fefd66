/*
 * fa_math_f64.h - float64 element functions of fastact.
 *
 * Every fa_<name>_f64(x, s) is branch-free straight-line code (both sides of
 * every case are computed and merged with ternaries), uses no libm calls, no
 * lookup tables and no int<->double conversions, so gcc vectorises the
 * kernel loop for SSE2, AVX2+FMA and AVX-512 alike.  Plain C only.
 *
 * Accuracy (max error over >= 10^7 points per function and ISA, against
 * __float128 references; see dev/math_f64/README.md) is stated in each
 * function's comment in ULP of the true value.  Where the true result is
 * subnormal (|y| < DBL_MIN) the stated floor is an absolute error of DBL_MIN.
 *
 * FMA: where the target has hardware FMA (__FMA__, __ARM_FEATURE_FMA,
 * __FP_FAST_FMA) polynomials use __builtin_fma and exact products use the
 * FMA two-product; the x86-64 baseline (no FMA) uses a*b+c and Dekker's
 * splitting two-product instead.  Both are inside the stated bounds.  This
 * header relies on the per-ISA translation units being compiled without
 * -ffast-math (the Dekker/two-sum steps need IEEE evaluation order).
 *
 * Coefficients: fitted for this file by dev/math_f64/fit_coeffs.py
 * (Chebyshev-node interpolation in 60-digit mpmath, converted to monomials
 * in the evaluation variable, rounded to double; the script prints the max
 * relative error of the rounded polynomial).  Splittings of ln2 into
 * LN2HI + LN2LO are the classic fdlibm constants; the other hi/lo constant
 * pairs are the double and double-rounded remainder of the exact value.
 */
#ifndef FASTACT_MATH_F64_H
#define FASTACT_MATH_F64_H

#include "fa_common.h"

#if defined(__FMA__) || defined(__ARM_FEATURE_FMA) || defined(__FP_FAST_FMA)
#define FA64_HAVE_FMA 1
#define FA64_FMA(a, b, c) __builtin_fma((a), (b), (c))
#else
#define FA64_HAVE_FMA 0
#define FA64_FMA(a, b, c) ((a) * (b) + (c))
#endif

/* ------------------------------------------------------------------ */
/* constants                                                            */
/* ------------------------------------------------------------------ */
#define FA64_MAGIC 0x1.8p52                 /* x + MAGIC rounds x to an integer */
#define FA64_LOG2E 0x1.71547652b82fep+0
#define FA64_LN2HI 0x1.62e42fee00000p-1     /* 32 significant bits: n*LN2HI exact */
#define FA64_LN2LO 0x1.a39ef35793c76p-33
#define FA64_INV_SQRT2 0x1.6a09e667f3bcdp-1
#define FA64_SQRT_8_PI_HI 0x1.9884533d43651p+0   /* sqrt(8/pi) = 2*sqrt(2/pi) */
#define FA64_SQRT_8_PI_LO -0x1.cbc0d30ebfd15p-54
#define FA64_GELU_K_HI 0x1.6e4e26d4801f7p-5       /* 0.044715 (decimal, exact) */
#define FA64_GELU_K_LO 0x1.441355475a31ap-59
#define FA64_SELU_ALPHA 0x1.ac5afad782cf1p+0
#define FA64_SELU_SCALE_HI 0x1.0cfabd6a91132p+0
#define FA64_SELU_SCALE_LO 0x1.6fc7d272f2695p-55
#define FA64_SELU_SA_HI 0x1.c212cc640f031p+0      /* scale*alpha */
#define FA64_SELU_SA_LO 0x1.05161b045a1fep-56

/* Q(r) = (exp(r) - 1 - r)/r^2 on |r| <= 0.3467, degree 10: the error it adds
 * to expm1(r) = r + r^2 Q(r) is <= 8.4e-19 relative. */
/* V(w) = (2 atanh(s) - 2s)/s^3, w = s^2 in [0, 0.0401], degree 7: error
 * contribution to log1p <= 1.1e-18 relative. */
/* H(u) = erfc(a/sqrt2) exp(a^2/2) (a + 5)/2, u = 2a/(a + 5) - 7/4, a in
 * [0, 40], degree 23: max relative error 3.8e-17.  (u = t - 3/4 with the
 * Chebyshev-style map t = (a - 5)/(a + 5); expanding about t = 3/4 keeps
 * sum|c_k u^k| ~ 1.25 H, so Horner loses almost nothing.)  D(u) ~ H'(u),
 * degree 4, |D - H'| <= 0.9% of H: applies the low part of u. */
/* FA64_EXPQ */
#define FA64_EXPQ0 0x1.0000000000000p-1
#define FA64_EXPQ1 0x1.5555555555557p-3
#define FA64_EXPQ2 0x1.5555555555556p-5
#define FA64_EXPQ3 0x1.11111111100d3p-7
#define FA64_EXPQ4 0x1.6c16c16c162cfp-10
#define FA64_EXPQ5 0x1.a01a01abeccc3p-13
#define FA64_EXPQ6 0x1.a01a01a6db488p-16
#define FA64_EXPQ7 0x1.71de02225a2f3p-19
#define FA64_EXPQ8 0x1.27e4db5bb725ap-22
#define FA64_EXPQ9 0x1.af4e092e1705bp-26
#define FA64_EXPQ10 0x1.1f7315649f2d7p-29
/* FA64_LOGV */
#define FA64_LOGV0 0x1.5555555555555p-1
#define FA64_LOGV1 0x1.9999999999f30p-2
#define FA64_LOGV2 0x1.24924923dba6ap-2
#define FA64_LOGV3 0x1.c71c72e2f78d5p-3
#define FA64_LOGV4 0x1.745cab2727663p-3
#define FA64_LOGV5 0x1.3b29fcbbce66dp-3
#define FA64_LOGV6 0x1.0e88ea4725d3dp-3
#define FA64_LOGV7 0x1.16b68338bd78bp-3
/* FA64_GELUH */
#define FA64_GELUH0 0x1.d27f0abb9c71cp-2
#define FA64_GELUH1 -0x1.071a08a833829p-2
#define FA64_GELUH2 0x1.1906e7c5feeeep-3
#define FA64_GELUH3 -0x1.1a2980db66fc7p-4
#define FA64_GELUH4 0x1.07a52ee1ca8fcp-5
#define FA64_GELUH5 -0x1.c3e4ad5054861p-7
#define FA64_GELUH6 0x1.5b2c313ddaa4ap-8
#define FA64_GELUH7 -0x1.cae88d218abf6p-10
#define FA64_GELUH8 0x1.db498825ba346p-12
#define FA64_GELUH9 -0x1.0d5fdff615470p-14
#define FA64_GELUH10 -0x1.05a111ed1f6bep-16
#define FA64_GELUH11 0x1.a12ef3221789bp-17
#define FA64_GELUH12 -0x1.1af10e855619cp-17
#define FA64_GELUH13 -0x1.aac8f7a35225cp-18
#define FA64_GELUH14 -0x1.21105c514bcddp-17
#define FA64_GELUH15 -0x1.62fdbb5023373p-17
#define FA64_GELUH16 -0x1.339bc4c99a217p-17
#define FA64_GELUH17 -0x1.aebddb08abd47p-18
#define FA64_GELUH18 -0x1.d7ff29aff2476p-19
#define FA64_GELUH19 -0x1.791732bdde0cap-20
#define FA64_GELUH20 -0x1.a2416588a785ap-22
#define FA64_GELUH21 -0x1.318a645cf2effp-24
#define FA64_GELUH22 -0x1.09ba5bb904cfbp-27
#define FA64_GELUH23 -0x1.a316c14119febp-32
/* FA64_GELUD */
#define FA64_GELUD0 -0x1.085977f86f479p-2
#define FA64_GELUD1 0x1.8643dd8223602p-3
#define FA64_GELUD2 -0x1.3f6efbffdaea9p-1
#define FA64_GELUD3 -0x1.0abd63720958ep-1
#define FA64_GELUD4 -0x1.b728a3960075ap-2
/* S(s) = erf(sqrt(s/2))/(2 sqrt(s)), s = x^2 in [0, 1], degree 10, max relative
 * error 7.2e-17: gelu(x) = x/2 + x^2 S(x^2) for |x| <= 1. */
/* FA64_GELUS */
#define FA64_GELUS0 0x1.9884533d43651p-2
#define FA64_GELUS1 -0x1.1058377e2cedfp-4
#define FA64_GELUS2 0x1.46d0429769010p-7
#define FA64_GELUS3 -0x1.37403f6b93143p-10
#define FA64_GELUS4 0x1.e42b0d4b14d39p-14
#define FA64_GELUS5 -0x1.3ce8f9bacee1ep-17
#define FA64_GELUS6 0x1.6589f17ce2693p-21
#define FA64_GELUS7 -0x1.621cc567a99f7p-25
#define FA64_GELUS8 0x1.380b151d37375p-29
#define FA64_GELUS9 -0x1.e69d43072e1f8p-34
#define FA64_GELUS10 0x1.1eb48cc19cdecp-38

/* ------------------------------------------------------------------ */
/* private helpers                                                      */
/* ------------------------------------------------------------------ */

FA_INLINE double fa64_abs(double x) {
    return fa_from_bits_f64(fa_bits_f64(x) & 0x7fffffffffffffffULL);
}

/* |y| with the sign bit of x (y >= 0 or NaN expected). */
FA_INLINE double fa64_with_sign_of(double y, double x) {
    return fa_from_bits_f64(fa_bits_f64(y) | (fa_bits_f64(x) & 0x8000000000000000ULL));
}

/* 2^k for an integer-valued double k in [-1022, 1023]: the low bits of
 * k + 1023 + MAGIC are k + 1023; shifting left by 52 moves them into the
 * exponent field (and drops the MAGIC bits). */
FA_INLINE double fa64_pow2i(double k) {
    return fa_from_bits_f64(fa_bits_f64(k + (FA64_MAGIC + 1023.0)) << 52);
}

/* a*b = p + *lo exactly (barring over/underflow). */
FA_INLINE double fa64_two_prod(double a, double b, double *lo) {
    double p = a * b;
#if FA64_HAVE_FMA
    *lo = __builtin_fma(a, b, -p);
#else
    const double split = 134217729.0; /* 2^27 + 1 (Veltkamp) */
    double ca = split * a, ah = ca - (ca - a), al = a - ah;
    double cb = split * b, bh = cb - (cb - b), bl = b - bh;
    *lo = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
#endif
    return p;
}

/* a + b = s + *lo exactly (Knuth two-sum, no ordering needed). */
FA_INLINE double fa64_two_sum(double a, double b, double *lo) {
    double s = a + b;
    double bb = s - a;
    *lo = (a - (s - bb)) + (b - bb);
    return s;
}

FA_INLINE double fa64_expq_poly(double r) {
    double q = FA64_EXPQ10;
    q = FA64_FMA(q, r, FA64_EXPQ9);
    q = FA64_FMA(q, r, FA64_EXPQ8);
    q = FA64_FMA(q, r, FA64_EXPQ7);
    q = FA64_FMA(q, r, FA64_EXPQ6);
    q = FA64_FMA(q, r, FA64_EXPQ5);
    q = FA64_FMA(q, r, FA64_EXPQ4);
    q = FA64_FMA(q, r, FA64_EXPQ3);
    q = FA64_FMA(q, r, FA64_EXPQ2);
    q = FA64_FMA(q, r, FA64_EXPQ1);
    q = FA64_FMA(q, r, FA64_EXPQ0);
    return q;
}

/* Range reduction for exp(xh + xl), |xl| <= ulp(xh), xh in [-750, 700]:
 * n = round(xh/ln2) by the MAGIC trick, r = xh - n ln2 + xl (Cody-Waite,
 * n*LN2HI exact, the difference exact by Sterbenz), |r| <= 0.3467.
 * Returns r and *r2q = r^2 Q(r), so expm1(r) = r + r2q, exp(xh+xl) =
 * (1 + r + r2q) 2^n. */
FA_INLINE double fa64_exp_reduce(double xh, double xl, double *nd_out, double *r2q) {
    double kd = FA64_FMA(xh, FA64_LOG2E, FA64_MAGIC);
    double nd = kd - FA64_MAGIC;
    double r = FA64_FMA(-nd, FA64_LN2HI, xh) - FA64_FMA(nd, FA64_LN2LO, -xl);
    *nd_out = nd;
    *r2q = (r * r) * fa64_expq_poly(r);
    return r;
}

/* exp(xh + xl) = (mh + *ml) * (*sc), for xh <= 700 (callers clamp above;
 * xh below -750 is clamped here, giving exp = 0).  mh is a normal number,
 * *ml its low part (|ml| <~ ulp(mh)), and *sc is 1, or 2^-64 when the
 * result would be tiny (n < -1000), so callers can multiply other factors
 * into mh before the one final rounding into the subnormal range.  The
 * hi/lo pair makes exp good to ~0.02 ULP before the caller's rounding.
 * NaN propagates. */
FA_INLINE double fa64_exp_split(double xh, double xl, double *ml, double *sc) {
    int tiny = xh < -750.0;
    xl = tiny ? 0.0 : xl;   /* xl may be NaN/inf when xh came from an overflowed split */
    xh = tiny ? -750.0 : xh;
    double nd, r2q;
    double r = fa64_exp_reduce(xh, xl, &nd, &r2q);
    double p = r + r2q;
    double pl = (r - p) + r2q;            /* |r| >= |r2q|: exact low part */
    double h = 1.0 + p;
    double hl = ((1.0 - h) + p) + pl;     /* 1 >= |p|: exact low part */
    int deep = nd < -1000.0;
    double s2 = fa64_pow2i(deep ? nd + 64.0 : nd);
    *sc = deep ? 0x1p-64 : 1.0;
    *ml = hl * s2;
    return h * s2;
}

/* expm1(x) = hi + *lo for x in [-40, 0] (callers clamp): with t = 2^n,
 * expm1(x) = (t - 1) + t r + t r^2 Q(r); the first two terms are summed
 * exactly (two-sum), so the pair is good to ~0.02 ULP. */
FA_INLINE double fa64_expm1_dd(double x, double *lo) {
    double nd, r2q;
    double r = fa64_exp_reduce(x, 0.0, &nd, &r2q);
    double t = fa64_pow2i(nd);
    double sl;
    double s = fa64_two_sum(t - 1.0, t * r, &sl);
    *lo = FA64_FMA(t, r2q, sl);
    return s;
}

/* V(w) = (2 atanh(s) - 2s)/s^3 at w = s^2 (the FA64_LOGV polynomial), the
 * core of every log in this library (log1p here, log/log1p of the exp
 * family in fa_math_expfam.h). */
FA_INLINE double fa64_log_v(double w) {
    double v = FA64_LOGV7;
    v = FA64_FMA(v, w, FA64_LOGV6);
    v = FA64_FMA(v, w, FA64_LOGV5);
    v = FA64_FMA(v, w, FA64_LOGV4);
    v = FA64_FMA(v, w, FA64_LOGV3);
    v = FA64_FMA(v, w, FA64_LOGV2);
    v = FA64_FMA(v, w, FA64_LOGV1);
    v = FA64_FMA(v, w, FA64_LOGV0);
    return v;
}

/* log1p(t) for t in [0, 1] (or NaN).  t >= 1/2: log1p(t) = ln2 + log1p(f),
 * f = (t - 1)/2 in [-1/4, 0] (exact); else f = t.  log1p(f) = 2 atanh(s),
 * s = f/(2 + f) (one division), written as f - s (f - s^2 V(s^2)) so that
 * the rounding of s is damped by |s| <= 0.2.  ~1 ULP. */
FA_INLINE double fa64_log1p_01(double t) {
    int big = t >= 0.5;
    double f = big ? (t - 1.0) * 0.5 : t;
    double k = big ? 1.0 : 0.0;
    double s = f / (2.0 + f);
    double w = s * s;
    double v = fa64_log_v(w);
    double lg = FA64_FMA(-s, FA64_FMA(-w, v, f), f);
    return FA64_FMA(k, FA64_LN2HI, FA64_FMA(k, FA64_LN2LO, lg));
}

/* H(u) = hi + *lo: Horner in double down to degree 3, the last three steps
 * (whose partial sums are comparable to H when |u| ~ 1.5) in double-double
 * (two-product + two-sum), so evaluation error stays ~0.5 ULP. */
FA_INLINE double fa64_gelu_h(double u, double *lo) {
    double g = FA64_GELUH23;
    g = FA64_FMA(g, u, FA64_GELUH22);
    g = FA64_FMA(g, u, FA64_GELUH21);
    g = FA64_FMA(g, u, FA64_GELUH20);
    g = FA64_FMA(g, u, FA64_GELUH19);
    g = FA64_FMA(g, u, FA64_GELUH18);
    g = FA64_FMA(g, u, FA64_GELUH17);
    g = FA64_FMA(g, u, FA64_GELUH16);
    g = FA64_FMA(g, u, FA64_GELUH15);
    g = FA64_FMA(g, u, FA64_GELUH14);
    g = FA64_FMA(g, u, FA64_GELUH13);
    g = FA64_FMA(g, u, FA64_GELUH12);
    g = FA64_FMA(g, u, FA64_GELUH11);
    g = FA64_FMA(g, u, FA64_GELUH10);
    g = FA64_FMA(g, u, FA64_GELUH9);
    g = FA64_FMA(g, u, FA64_GELUH8);
    g = FA64_FMA(g, u, FA64_GELUH7);
    g = FA64_FMA(g, u, FA64_GELUH6);
    g = FA64_FMA(g, u, FA64_GELUH5);
    g = FA64_FMA(g, u, FA64_GELUH4);
    g = FA64_FMA(g, u, FA64_GELUH3);
    double pe, se, l;
    double p = fa64_two_prod(u, g, &pe);
    double sh = fa64_two_sum(FA64_GELUH2, p, &se);
    l = se + pe;
    p = fa64_two_prod(u, sh, &pe);
    sh = fa64_two_sum(FA64_GELUH1, p, &se);
    l = se + FA64_FMA(u, l, pe);
    p = fa64_two_prod(u, sh, &pe);
    sh = fa64_two_sum(FA64_GELUH0, p, &se);
    l = se + FA64_FMA(u, l, pe);
    *lo = l;
    return sh;
}

/* The pieces of Phi(-a) = r H(u) e^(-a^2/2) for a >= 0 (the GELU tail, shared
 * by gelu and its derivative): r = 1/(a + 5) = *rh + *rl (a + 5 as an exact
 * pair, one division, the residual by an exact product) and H(u) = hi +
 * *hl at u = 2a r - 1.75, with the rounding of u carried to first order
 * through H's derivative D. */
FA_INLINE double fa64_gelu_rH(double a, double *rh, double *rl, double *hl) {
    double dl, re;
    double dh = fa64_two_sum(a, 5.0, &dl);
    const double r = 1.0 / dh;
    double rp = fa64_two_prod(dh, r, &re);
    const double rlo = r * (((1.0 - rp) - re) - dl * r);
    double v = (2.0 * a) * r;
    double uh = v - 1.75;
    double ul = v - (uh + 1.75);
    ul = FA64_FMA(2.0 * a, rlo, ul);
    double gl;
    double g = fa64_gelu_h(uh, &gl);
    double d = FA64_FMA(FA64_FMA(FA64_FMA(FA64_FMA(FA64_GELUD4, uh, FA64_GELUD3), uh, FA64_GELUD2), uh,
                                 FA64_GELUD1), uh, FA64_GELUD0);
    *hl = FA64_FMA(ul, d, gl);
    *rh = r;
    *rl = rlo;
    return g;
}

/* ------------------------------------------------------------------ */
/* element functions                                                    */
/* ------------------------------------------------------------------ */

/* relu: x <= 0 ? +0 : x.  Exact.  NaN -> NaN, -0.0 -> +0.0. */
FA_INLINE double fa_relu_f64(double x, fa_scalars_f64 s) {
    (void)s;
    return x <= 0.0 ? 0.0 : x;
}

/* leaky_relu (slope = s.a): x > 0 ? x : x*slope.  Exact (one rounded
 * product).  NaN -> NaN. */
FA_INLINE double fa_leaky_relu_f64(double x, fa_scalars_f64 s) {
    return x > 0.0 ? x : x * s.a;
}

/* A result that rounds to zero keeps the sign of the exact value, which for
 * every function below is the sign of x: hi + lo sums can turn -0.0 into
 * +0.0 (for example silu(-0x1p-1074) = -0x1p-1075 rounds to -0.0). */
FA_INLINE double fa64_zero_signed_like(double y, double x) {
    return y == 0.0 ? x * 0.0 : y;
}

/* elu (alpha = s.a): x > 0 ? x : alpha*expm1(x).
 * expm1: Cody-Waite reduction by ln2 (MAGIC rounding), degree-10
 * polynomial Q with expm1(r) = r + r^2 Q(r), expm1(x) = (2^n - 1) + 2^n r
 * + 2^n r^2 Q(r) kept as an exact two-sum hi + lo, then
 * alpha*(hi + lo) with an exact two-product: one final rounding.
 * Max error (12M points, alpha = 1 and 0.7): 0.94 ULP (alpha = 1, x ~ -0.35); alpha = 0.7: 1.14 ULP
 * (FMA ISAs, x ~ -0.35), 1.24 ULP (baseline, subnormal x, rounding of alpha*x).
 * -inf -> -alpha, -0.0 -> -0.0, NaN -> NaN. */
FA_INLINE double fa_elu_f64(double x, fa_scalars_f64 s) {
    double xn = x > 0.0 ? 0.0 : (x < -40.0 ? -40.0 : x);
    double lo;
    double hi = fa64_expm1_dd(xn, &lo);
    double pl;
    double ph = fa64_two_prod(s.a, hi, &pl);
    double neg = ph + FA64_FMA(s.a, lo, pl);
    return x > 0.0 ? x : (x == 0.0 ? x * s.a : fa64_zero_signed_like(neg, x));
}

/* selu: scale*(x > 0 ? x : alpha*expm1(x)), with scale and scale*alpha
 * carried as hi+lo constant pairs; expm1 as in elu (hi + lo).
 * Max error (12M points): 0.92 ULP (FMA ISAs, x ~ -0.31); 1.24 ULP (baseline,
 * tiny positive x: scale_hi*x + scale_lo*x without FMA).
 * -inf -> -scale*alpha, -0.0 -> -0.0, NaN -> NaN. */
FA_INLINE double fa_selu_f64(double x, fa_scalars_f64 s) {
    (void)s;
    double xn = x > 0.0 ? 0.0 : (x < -40.0 ? -40.0 : x);
    double lo;
    double hi = fa64_expm1_dd(xn, &lo);
    double pos = FA64_FMA(FA64_SELU_SCALE_HI, x, FA64_SELU_SCALE_LO * x);
    double pl;
    double ph = fa64_two_prod(FA64_SELU_SA_HI, hi, &pl);
    double neg = ph + FA64_FMA(FA64_SELU_SA_LO, hi, FA64_FMA(FA64_SELU_SA_HI, lo, pl));
    return x > 0.0 ? pos : (x == 0.0 ? x : fa64_zero_signed_like(neg, x));
}

/* Shared tail of sigmoid/silu/gelu_tanh: (nh + nl)/(1 + E) with
 * E = eh + el in [0, 1]: one division q = nh/dh by dh = fl(1 + eh), then
 * the first-order correction (nl - q dl)/dh, with dl the exact rounding
 * error of dh (plus el) and 1/dh replaced by 1 - E(1 - E/2) (within 6%,
 * which is plenty for a term of ~1 ULP). */
FA_INLINE double fa64_over_1pe(double nh, double nl, double eh, double el) {
    double dh = 1.0 + eh;
    double dl = (eh - (dh - 1.0)) + el;
    double q = nh / dh;
    double rd = FA64_FMA(eh, FA64_FMA(0.5, eh, -1.0), 1.0);
    return FA64_FMA(FA64_FMA(-q, dl, nl), rd, q);
}

/* sigmoid: E = exp(-|x|) as hi + lo (Cody-Waite ln2 reduction, degree-10
 * polynomial, 2^n from exponent bits), then (x < 0 ? E : 1)/(1 + E) with
 * one division and a first-order correction for the rounding of 1 + E.
 * Max error (12M points): 1.20 ULP at x ~ -12.7 (all ISAs).
 * Result always in [0, 1]; +inf -> 1, -inf -> 0, -0.0 -> 0.5, NaN -> NaN. */
FA_INLINE double fa_sigmoid_f64(double x, fa_scalars_f64 s) {
    (void)s;
    double ml, sc;
    double mh = fa64_exp_split(-fa64_abs(x), 0.0, &ml, &sc);
    int neg = x < 0.0;
    double y = fa64_over_1pe(neg ? mh : 1.0, neg ? ml : 0.0, mh * sc, ml * sc);
    y = neg ? y * sc : y;
    return y > 1.0 ? 1.0 : y;
}

/* tanh: a = |x| (clamped to 22, where tanh = 1 in double); one Cody-Waite
 * reduction of -2a gives both em = expm1(-2a) and E = exp(-2a) as hi + lo
 * pairs; a < 0.55: tanh = -em/(2 + em) (relative accuracy down to
 * subnormal x), else (1 - E)/(1 + E).  Numerator and denominator are
 * formed as exact hi + lo pairs, one division plus a first-order
 * correction (1/den = (1 + q)/2 exactly in both forms).  Sign from x.
 * Max error (12M points): 1.51 ULP at x ~ -0.194 (FMA ISAs), 1.48 ULP (baseline).
 * +-inf -> +-1, -0.0 -> -0.0, |result| <= 1, NaN -> NaN. */
FA_INLINE double fa_tanh_f64(double x, fa_scalars_f64 s) {
    (void)s;
    double a = fa64_abs(x);
    double ac = a > 22.0 ? 22.0 : a;
    double nd, r2q;
    double r = fa64_exp_reduce(-2.0 * ac, 0.0, &nd, &r2q);
    double t = fa64_pow2i(nd);
    /* em = expm1(-2a) = emh + eml */
    double sl;
    double s0 = fa64_two_sum(t - 1.0, t * r, &sl);
    double lo = FA64_FMA(t, r2q, sl);
    double emh = s0 + lo;
    double eml = lo - (emh - s0);
    /* E = exp(-2a) = eh + el */
    double p = r + r2q;
    double pl = (r - p) + r2q;
    double h = 1.0 + p;
    double eh = t * h;
    double el = t * (((1.0 - h) + p) + pl);
    int small = ac < 0.55;
    double nh_s = -emh, nl_s = -eml;
    double dh_s = 2.0 + emh, dl_s = (emh - (dh_s - 2.0)) + eml;
    double nh_l = 1.0 - eh, nl_l = ((1.0 - nh_l) - eh) - el;
    double dh_l = 1.0 + eh, dl_l = (eh - (dh_l - 1.0)) + el;
    double nh = small ? nh_s : nh_l, nl = small ? nl_s : nl_l;
    double dh = small ? dh_s : dh_l, dl = small ? dl_s : dl_l;
    double q = nh / dh;
    double y = FA64_FMA(FA64_FMA(-q, dl, nl), FA64_FMA(0.5, q, 0.5), q);
    y = fa64_abs(y);
    y = y > 1.0 ? 1.0 : y;
    return fa64_with_sign_of(y, x);
}

/* x * sigmoid(v) for v with the sign of x (silu: v = x; gelu_tanh: v = 2u),
 * given E = exp(-|v|) = (mh + ml) * sc, sc being the deferred power-of-two
 * scaling into the subnormal range.  v >= 0: x / (1 + E); v < 0: x E / (1 + E)
 * with x E as an exact two-product, so only the division (with the 1 + E
 * correction of fa64_over_1pe) rounds, and the scaling comes last. */
FA_INLINE double fa64_x_sigmoid(double xc, int neg, double mh, double ml, double sc) {
    double pl;
    double ph = fa64_two_prod(xc, mh, &pl);
    pl = FA64_FMA(xc, ml, pl);
    double y = fa64_over_1pe(neg ? ph : xc, neg ? pl : 0.0, mh * sc, ml * sc);
    return neg ? y * sc : y;
}

/* silu: x*sigmoid(x) = (x < 0 ? x*E : x)/(1 + E), E = exp(-|x|) as in
 * sigmoid; x*E is an exact two-product, so only the division (with the
 * 1 + E correction of sigmoid) rounds; the final scaling into the
 * subnormal range comes last.
 * Max error (12M points): 1.24 ULP at x ~ -21.1 (all ISAs).
 * -inf -> -0.0, +inf -> +inf, -0.0 -> -0.0, NaN -> NaN. */
FA_INLINE double fa_silu_f64(double x, fa_scalars_f64 s) {
    (void)s;
    double xc = x < -800.0 ? -800.0 : (x > 800.0 ? 800.0 : x);
    double ml, sc;
    double mh = fa64_exp_split(-fa64_abs(xc), 0.0, &ml, &sc);
    double y = fa64_x_sigmoid(xc, x < 0.0, mh, ml, sc);
    return (x > 800.0 || x == 0.0) ? x : (x < -800.0 ? -0.0 : fa64_zero_signed_like(y, x));
}

/* softplus (beta = s.a > 0, threshold = s.b), torch semantics:
 * bx = beta*x held exactly as bh + bl (two-product); if bh = fl(beta*x) >
 * threshold return x; else (bh > 0 ? x : 0) + log1p(E)/beta with
 * E = exp(-|bh + bl|) (exp of the exact product, as in sigmoid) and
 * log1p on [0, 1] by the atanh series (degree 7 in s^2, one division),
 * then a division by beta.  In the deep tail (E < 2^-1000)
 * log1p(E) = E and the final scaling into the subnormal range happens
 * after /beta.
 * Max error (12M points): beta = 1: 1.76 ULP (x ~ -0.65); beta = 2, 0.5: 1.74 ULP;
 * beta = 3.7: 2.27 ULP (x ~ -0.18, baseline; 2.20 with FMA); beta = 1e-3: 2.52 ULP
 * (x ~ -404, the deep log branch: log1p + /beta roundings).
 * -inf -> 0, +inf -> +inf, NaN -> NaN; finite in -> finite out. */
FA_INLINE double fa_softplus_f64(double x, fa_scalars_f64 s) {
    double beta = s.a, thr = s.b;
    double bl;
    double bh = fa64_two_prod(x, beta, &bl);
    int pos = bh > 0.0;
    double ml, sc;
    double mh = fa64_exp_split(pos ? -bh : bh, pos ? -bl : bl, &ml, &sc);
    double e = mh * sc;
    double lp = fa64_log1p_01(e);
    lp = sc < 1.0 ? mh : lp;
    double y = (pos ? x : 0.0) + (lp / beta) * sc;
    return bh > thr ? x : y;
}

/* gelu (erf form): x*Phi(x).  With a = |x|:
 * Phi(-a) = erfc(a/sqrt2)/2 = exp(-a^2/2) * H(u) / (a + 5),
 * u = 2a/(a + 5) - 7/4 (one division, the rounding of a + 5 compensated),
 * H a degree-23 polynomial valid for all a in [0, 40] (no piecewise
 * selection).  u is split exactly into uh + ul and H(u) = H(uh) + ul D(uh)
 * (D ~ H' of degree 4) because H is sensitive to u near a = 0.
 * a^2 = h + l exactly (two-product) and exp(-h/2 - l/2) takes the low part
 * into its reduced argument, so the rounding of a^2 costs nothing in the
 * tail; x/(a + 5) is an exact two-product.
 * gelu = x < -1/2 ? x*Phi(-a) (x, 1/(a+5), H, exp all as hi+lo pairs,
 * one final rounding) : x > 1 ? x*(1 - Phi(-a)) : x/2 + x^2 S(x^2), S the
 * degree-10 polynomial for erf(x/sqrt2)/(2x) on |x| <= 1.
 * Max error (12M points): 1.84 ULP at x ~ -5.08 (FMA ISAs), 1.80 ULP (baseline).
 * -inf -> -0.0, +inf -> +inf, -0.0 -> -0.0, NaN -> NaN. */
FA_INLINE double fa_gelu_f64(double x, fa_scalars_f64 s) {
    (void)s;
    double xc = x < -40.0 ? -40.0 : (x > 40.0 ? 40.0 : x);
    double a = fa64_abs(xc);
    double rh, rl, gl;
    double g = fa64_gelu_rH(a, &rh, &rl, &gl);     /* 1/(a + 5) = rh + rl, H = g + gl */
    double l;
    double h = fa64_two_prod(a, a, &l);
    double ml, sc;
    double mh = fa64_exp_split(-0.5 * h, -0.5 * l, &ml, &sc);   /* exp(-a^2/2) = (mh + ml) sc */
    /* x < 0: x * r * H * E in double-double, one final rounding */
    double t1l, t2l, t3l;
    double t1h = fa64_two_prod(xc, rh, &t1l);
    t1l = FA64_FMA(xc, rl, t1l);
    double t2h = fa64_two_prod(t1h, g, &t2l);
    t2l = FA64_FMA(t1h, gl, FA64_FMA(t1l, g, t2l));
    double t3h = fa64_two_prod(t2h, mh, &t3l);
    t3l = FA64_FMA(t2h, ml, FA64_FMA(t2l, mh, t3l));
    double yn = (t3h + t3l) * sc;
    /* x > 1: x * (1 - Phi(-a)), Phi(-a) = r H E <= 0.16 */
    double c = FA64_FMA(rh, g, FA64_FMA(rh, gl, rl * g));
    double pm = FA64_FMA(c, mh, c * ml) * sc;
    double yp = xc * (1.0 - pm);
    /* -0.5 <= x <= 1: x/2 + x^2 S(x^2) (no cancellation in 1 - Phi(-a)) */
    double x2 = xc * xc;
    double sp = FA64_GELUS10;
    sp = FA64_FMA(sp, x2, FA64_GELUS9);
    sp = FA64_FMA(sp, x2, FA64_GELUS8);
    sp = FA64_FMA(sp, x2, FA64_GELUS7);
    sp = FA64_FMA(sp, x2, FA64_GELUS6);
    sp = FA64_FMA(sp, x2, FA64_GELUS5);
    sp = FA64_FMA(sp, x2, FA64_GELUS4);
    sp = FA64_FMA(sp, x2, FA64_GELUS3);
    sp = FA64_FMA(sp, x2, FA64_GELUS2);
    sp = FA64_FMA(sp, x2, FA64_GELUS1);
    sp = FA64_FMA(sp, x2, FA64_GELUS0);
    double ys = FA64_FMA(x2, sp, 0.5 * xc);
    double y = xc < -0.5 ? yn : (xc <= 1.0 ? ys : yp);
    return (x > 40.0 || x == 0.0) ? x : (x < -40.0 ? -0.0 : fa64_zero_signed_like(y, x));
}

/* gelu_tanh: x*sigmoid(v), v = 2u = sqrt(8/pi) * x * (1 + 0.044715 x^2),
 * v evaluated in double-double (two-products/two-sum; constants as hi+lo)
 * so that its absolute error stays ~1e-30 even for |v| ~ 700; then
 * E = exp(-|v|) as in sigmoid with the low part of v in the reduced
 * argument, and (x < 0 ? x*E : x)/(1 + E) as in silu.
 * Max error (12M points): 1.26 ULP at x ~ -2.26 (all ISAs).
 * -inf -> -0.0, +inf -> +inf, -0.0 -> -0.0, NaN -> NaN. */
FA_INLINE double fa_gelu_tanh_f64(double x, fa_scalars_f64 s) {
    (void)s;
    double xc = x < -30.0 ? -30.0 : (x > 30.0 ? 30.0 : x);
    double x2l, kl, wl, yl, vl;
    double x2h = fa64_two_prod(xc, xc, &x2l);
    double kh = fa64_two_prod(FA64_GELU_K_HI, x2h, &kl);
    kl = FA64_FMA(FA64_GELU_K_HI, x2l, FA64_FMA(FA64_GELU_K_LO, x2h, kl));
    double wh = fa64_two_sum(1.0, kh, &wl);
    wl += kl;
    double yh = fa64_two_prod(FA64_SQRT_8_PI_HI, xc, &yl);
    yl = FA64_FMA(FA64_SQRT_8_PI_LO, xc, yl);
    double vh = fa64_two_prod(yh, wh, &vl);
    vl = FA64_FMA(yh, wl, FA64_FMA(yl, wh, vl));
    int pos = vh > 0.0;
    double ml, sc;
    double mh = fa64_exp_split(pos ? -vh : vh, pos ? -vl : vl, &ml, &sc);
    double y = fa64_x_sigmoid(xc, x < 0.0, mh, ml, sc);
    return (x > 30.0 || x == 0.0) ? x : (x < -30.0 ? -0.0 : fa64_zero_signed_like(y, x));
}

/* mish: x*tanh(softplus(x)) = x*N/(N + 2), N = e(e + 2), e = exp(x)
 * (exp as in sigmoid, hi + lo, x clamped to [-800, 20]).  e + 2, N and
 * N + 2 are formed as exact hi + lo pairs (two-sum/two-product), then one
 * division q = Nh/Dh plus the first-order correction (Nl - q Dl)/D with
 * 1/D = (1 - q)/2 exactly; x*(q + corr) with an exact two-product, so
 * only the division and one final rounding remain (scaling into the
 * subnormal range last).  x > 20 returns x (tanh(softplus(x)) = 1).
 * Max error (12M points): 1.49 ULP at x ~ -12.2 (FMA ISAs), 1.60 ULP (baseline).
 * -inf -> -0.0, +inf -> +inf, -0.0 -> -0.0, NaN -> NaN. */
FA_INLINE double fa_mish_f64(double x, fa_scalars_f64 s) {
    (void)s;
    double xc = x > 20.0 ? 20.0 : (x < -800.0 ? -800.0 : x);
    double ml, sc;
    double mh = fa64_exp_split(xc, 0.0, &ml, &sc);   /* e = (mh + ml) sc */
    double e = mh * sc;
    double tl;
    double th = fa64_two_sum(2.0, e, &tl);            /* e + 2 */
    tl += ml * sc;
    double nl;
    double nh = fa64_two_prod(mh, th, &nl);           /* N = (nh + nl) sc */
    nl = FA64_FMA(mh, tl, FA64_FMA(ml, th, nl));
    double dl;
    double dh = fa64_two_sum(2.0, nh * sc, &dl);      /* N + 2 */
    dl = FA64_FMA(nl, sc, dl);
    double q = nh / dh;
    double rd = FA64_FMA(-0.5 * q, sc, 0.5);          /* 1/(N + 2) */
    double corr = FA64_FMA(-q, dl, nl) * rd;          /* ratio = q + corr */
    double pl;
    double ph = fa64_two_prod(xc, q, &pl);
    double y = (ph + FA64_FMA(xc, corr, pl)) * sc;
    return (x > 20.0 || x == 0.0) ? x : (x < -800.0 ? -0.0 : fa64_zero_signed_like(y, x));
}

#endif /* FASTACT_MATH_F64_H */
