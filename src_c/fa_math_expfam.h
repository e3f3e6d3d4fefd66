/*
 * fa_math_expfam.h - exponential-family element functions of fastact:
 * swish, quick_gelu, celu, logsigmoid, gaussian, soft_exponential,
 * tanhshrink, exp, expm1, log1p (float32 and float64).
 *
 * Same contract and house style as fa_math_f32.h / fa_math_f64.h (whose
 * helpers fa32_* / fa64_* this header reuses; its own private helpers are
 * faex32_* / faex64_* / faex_*): every public function is
 *     FA_INLINE float  fa_<name>_f32(float x, fa_scalars_f32 s)
 *     FA_INLINE double fa_<name>_f64(double x, fa_scalars_f64 s)
 * branch-free straight-line code (both sides computed, merged with
 * ternaries), no libm calls, no tables, no fmin/fmax, so that the
 * production `#pragma omp simd` kernel loop vectorises with gcc 12 on the
 * x86-64 baseline (SSE2, no FMA), AVX2+FMA and AVX-512, and compiles for
 * aarch64.  Compile WITHOUT -ffast-math (NaN/inf/signed zeros are handled
 * explicitly and the error-free transformations need IEEE evaluation).
 * FMA only where requested through fa32_fma / FA64_FMA; where exact
 * products/residuals are needed without FMA, float32 takes double paths and
 * float64 uses Dekker's two-product (fa64_two_prod, faex64_fnma_exact).
 *
 * Parameters (s.a) are taken as exact: every function is accurate for the
 * mathematically exact formula on the given (already rounded) parameter;
 * loop-invariant reciprocals (1/alpha) are computed inside the functions
 * (gcc hoists them) and are still correct when s varies per element.
 *
 * Accuracy figures: dev/math_expfam (README.md there): float32 exhaustive
 * over all 2^32 inputs per ISA against double/long-double/__float128
 * references (integer ULP distance to the correctly rounded result, and the
 * error vs the exact value in brackets); float64 >= 10^7 points per function,
 * parameter and ISA against __float128.  Where the true result is below
 * FLT_MIN / DBL_MIN an absolute error up to FLT_MIN / DBL_MIN is tolerated.
 * base = x86-64 SSE2 (no FMA), avx2 = -mavx2 -mfma, avx512 = AVX-512 flags.
 * Timings: ns/element, 1M elements out of place, one thread, AMD EPYC Zen4,
 * gcc 12.2, inputs uniform in [-10, 10] unless stated.
 */
#ifndef FASTACT_MATH_EXPFAM_H
#define FASTACT_MATH_EXPFAM_H

#include "fa_common.h"
#include "fa_math_f32.h"
#include "fa_math_f64.h"

/* ========================================================================= */
/* float64 private helpers                                                    */
/* ========================================================================= */

#define FAEX64_SIGN 0x8000000000000000ULL
#define FAEX64_INF __builtin_inf()
#define FAEX64_NAN __builtin_nan("")
/* (x - tanh x)/x^3 = P(w), w = x^2 in [0, 0.09]: degree 9, rel. error 8.6e-19
 * with the constant term 1/3 exact (it is split TSH0 + TSH0L in the code). */
#define FAEX64_TSH0 0x1.5555555555555p-2
#define FAEX64_TSH0L 0x1.5555555555555p-56
#define FAEX64_TSH1 -0x1.1111111111111p-3
#define FAEX64_TSH2 0x1.ba1ba1ba1b91bp-5
#define FAEX64_TSH3 -0x1.664f4882af376p-6
#define FAEX64_TSH4 0x1.226e355453732p-7
#define FAEX64_TSH5 -0x1.d6d3ca4f169dfp-9
#define FAEX64_TSH6 0x1.7da216576ae6fp-10
#define FAEX64_TSH7 -0x1.352ef4cdf5c59p-11
#define FAEX64_TSH8 0x1.ef4eb8045bbdap-13
#define FAEX64_TSH9 -0x1.538dcdf0fb8edp-14
/* 1.702 = QG_HI + QG_LO (QG_HI the nearest double, QG_LO the rounded rest) */
#define FAEX64_QG_HI 0x1.b3b645a1cac08p+0
#define FAEX64_QG_LO 0x1.89374bc6a7efap-55

/* c - a*b: exact with FMA (the residuals below are representable); without
 * FMA through Dekker's two-product (error ~2^-106 |c|). */
FA_INLINE double faex64_fnma_exact(double a, double b, double c)
{
#if FA64_HAVE_FMA
    return __builtin_fma(-a, b, c);
#else
    double pl;
    double ph = fa64_two_prod(a, b, &pl);
    return (c - ph) - pl;
#endif
}

/* c > 0 ? p : (c < 0 ? n : z) by bit masks (c is loop-invariant in the
 * kernels; gcc 12 does not vectorise a ternary on an invariant condition
 * whose operands are vectors, but it does vectorise and/or with a
 * broadcast mask).  c NaN selects z. */
FA_INLINE double faex64_select3(double c, double p, double n, double z)
{
    uint64_t mp = c > 0.0 ? ~0ULL : 0ULL, mn = c < 0.0 ? ~0ULL : 0ULL;
    uint64_t mz = ~(mp | mn);
    return fa_from_bits_f64((fa_bits_f64(p) & mp) | (fa_bits_f64(n) & mn) | (fa_bits_f64(z) & mz));
}

/* y * 2^n, n integer-valued in [-2044, 2046]: two exact power-of-two
 * factors, so one rounding (two only where the result is subnormal). */
FA_INLINE double faex64_ldexp2(double y, double n)
{
    double n1 = (n * 0.5 + FA64_MAGIC) - FA64_MAGIC;
    return y * fa64_pow2i(n1) * fa64_pow2i(n - n1);
}

/* y * 2^m, m integer-valued in [-3000, 3000] (three factors, each
 * ~m/3, split without selects: a clamp with constant arms would let gcc
 * distribute the products over the arms and compute dead subnormal values,
 * which cost microcode assists on x86). */
FA_INLINE double faex64_ldexp3(double y, double m)
{
    double m1 = (m * (1.0 / 3.0) + FA64_MAGIC) - FA64_MAGIC;
    double mr = m - m1;
    double m2 = (mr * 0.5 + FA64_MAGIC) - FA64_MAGIC;
    return y * fa64_pow2i(m1) * fa64_pow2i(m2) * fa64_pow2i(mr - m2);
}

/* Reduction and core of exp for an argument given as a pair xh + xl
 * (|xl| <= ~ulp(xh), |xh| <= ~2200): xh + xl = n ln2 + r + rl with n by the
 * MAGIC rounding, r0 = xh - n LN2HI exact (32-bit LN2HI), r + rl = r0 -
 * (n LN2LO - xl) as an exact two-sum; p + *pl = expm1(r + rl) with the
 * degree-10 Q of fa_math_f64.h (8.4e-19) and rl folded in to first order.
 * exp(xh + xl) = (1 + p + pl) 2^n.  NaN propagates. */
FA_INLINE double faex64_exp_core(double xh, double xl, double *nd, double *pl_out)
{
    double kd = FA64_FMA(xh, FA64_LOG2E, FA64_MAGIC);
    double n = kd - FA64_MAGIC;
    double r0 = FA64_FMA(-n, FA64_LN2HI, xh);
    double c = FA64_FMA(n, FA64_LN2LO, -xl);
    double rl;
    double r = fa64_two_sum(r0, -c, &rl);
    double r2q = (r * r) * fa64_expq_poly(r);
    double p = r + r2q;
    double pl = ((r - p) + r2q) + FA64_FMA(rl, p, rl);
    *nd = n;
    *pl_out = pl;
    return p;
}

/* log(sh + sl) as hi + *lo for sh > 0 normal and finite, |sl| <= ulp(sh):
 * sh = 2^k m, m in [sqrt(1/2), sqrt 2) from the exponent bits (logical
 * shifts only: k is formed as a biased unsigned field), f = m - 1 exact,
 * log(m) = 2 atanh(s) = f - s (f - s^2 V(s^2)), s = f/(2 + f) (one
 * division; V the degree-7 polynomial of fa_math_f64.h), the low part
 * sl 2^-k enters as (sl 2^-k)(1 - 2s) ~ (sl 2^-k)/m, and k ln2 + f is an
 * exact two-sum so that the only rounding of size ~ulp is that of the small
 * term s (f - s^2 V).  About 0.6 ulp before the caller's rounding. */
FA_INLINE double faex64_log_dd(double sh, double sl, double *lo)
{
    uint64_t ib = fa_bits_f64(sh);
    uint64_t kb = (ib + (0x3ff0000000000000ULL - 0x3fe6a09e667f3bcdULL)) >> 52;  /* k + 1023 */
    double m = fa_from_bits_f64(ib - ((kb - 1023u) << 52));
    double kd = fa_from_bits_f64(fa_bits_f64(FA64_MAGIC) + kb) - (FA64_MAGIC + 1023.0);
    uint64_t h = kb >> 1;   /* 2^-k = 2^(511 - h) 2^(512 - (kb - h)) */
    double fl = sl * fa_from_bits_f64((1534u - h) << 52) * fa_from_bits_f64((1535u - kb + h) << 52);
    double f = m - 1.0;
    double s = f / (2.0 + f);
    double w = s * s;
    double v = fa64_log_v(w);
    double hf = s * FA64_FMA(-w, v, f);
    double al;
    double a = fa64_two_sum(kd * FA64_LN2HI, f, &al);
    double tail = FA64_FMA(fl, FA64_FMA(-2.0, s, 1.0), FA64_FMA(kd, FA64_LN2LO, al)) - hf;
    double hi = a + tail;
    *lo = tail - (hi - a);
    return hi;
}

/* x * sigmoid((beta_hi + beta_lo) x) for float64 (see fa_swish_f64). */
FA_INLINE double faex_swish2_f64(double x, double beta_hi, double beta_lo)
{
    /* |x| > 2^960 is scaled by 2^-64 (exactly) so that the two-products
     * (Dekker's splitting on the baseline) cannot overflow; the factor goes
     * into the final power-of-two scaling. */
    int xbig = fa64_abs(x) > 0x1p960;
    double xs = xbig ? x * 0x1p-64 : x;
    double vl;
    double vh = fa64_two_prod(xs, beta_hi, &vl);
    vl = FA64_FMA(xs, beta_lo, vl);
    vh = xbig ? vh * 0x1p64 : vh;
    vl = xbig ? vl * 0x1p64 : vl;
    /* w = -v; x sigmoid(v) = x / (1 + e^w) */
    double wh = -vh, wl = -vl;
    int chi = wh > 1460.0, clo = wh < -708.0;     /* e^-708 = 2^-1021.4 */
    wh = chi ? 1460.0 : (clo ? -708.0 : wh);
    wl = (chi || clo) ? 0.0 : wl;
    double n, pl;
    double p = faex64_exp_core(wh, wl, &n, &pl);
    double eh = 1.0 + p;
    double el = ((1.0 - eh) + p) + pl;       /* e^w = (eh + el) 2^n */
    /* D = 2^m (1 + e^w) with m = 1 - n for n > 0 (D = 2^(1-n) + 2 e), else
     * m = 0 (D = 1 + e 2^n): D in [1, 3], as an exact pair Dh + Dl. */
    int pos = n > 0.0;
    double ea = 1.0 - n;
    double A = pos ? fa64_pow2i(ea < -1022.0 ? -1022.0 : ea) : 1.0;
    double sB = pos ? 2.0 : fa64_pow2i(n);        /* n >= -1021 */
    double B = eh * sB;
    double Dh = A + B;
    double Dl = (pos ? (B - Dh) + A : (A - Dh) + B) + el * sB;
    /* xs / D: one division q0 = 1/Dh, exact residual 1 - q0 (Dh + Dl),
     * xs q0 as an exact product, one rounding at the end */
    double q0 = 1.0 / Dh;
    double rr = faex64_fnma_exact(q0, Dh, 1.0);
    rr = FA64_FMA(-q0, Dl, rr);
    double yl;
    double yh = fa64_two_prod(xs, q0, &yl);
    double y = yh + FA64_FMA(yh, rr, yl);
    double m = (pos ? ea : 0.0) + (xbig ? 64.0 : 0.0);
    y = faex64_ldexp3(y, m);
    /* the true result has the sign of x (also when it underflows) */
    y = fa_from_bits_f64((fa_bits_f64(y) & ~FAEX64_SIGN) | (fa_bits_f64(x) & FAEX64_SIGN));
    /* x = +-inf: the limit is x where v -> +inf (or beta = 0), else 0 */
    double yinf = vh < 0.0 ? fa_from_bits_f64(fa_bits_f64(x) & FAEX64_SIGN) : x;
    return fa64_abs(x) == FAEX64_INF ? yinf : y;
}

/* ========================================================================= */
/* float64 public element functions                                           */
/* ========================================================================= */

/* exp(x).  Reduction x = n ln2 + r + rl (faex64_exp_core), e^x =
 * (1 + p + pl) 2^n with 1 + p an exact pair, rounded once and scaled by two
 * exact powers of two (twice rounded only into the subnormal range).
 * x clamped to [-746, 710].  +inf -> +inf (overflow -> +inf), -inf -> +0,
 * NaN -> NaN, subnormal results as the scaling rounds them.
 * Measured (10.5M points per parameter, base / avx2 / avx512): 0.587 / 0.585 / 0.585 ULP (x ~ -0.33).
 * Speed (ns/elem, 1M, 1 thread): base 6.12, avx2 2.07, avx512 1.37.
 */
FA_INLINE double fa_exp_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    double xc = x > 710.0 ? 710.0 : (x < -746.0 ? -746.0 : x);
    double n, pl;
    double p = faex64_exp_core(xc, 0.0, &n, &pl);
    double h = 1.0 + p;
    double hl = ((1.0 - h) + p) + pl;
    return faex64_ldexp2(h + hl, n);
}

/* expm1(x): with t = 2^(n-j) (j = 1 where n > 1000, so t is finite),
 * expm1(x) = 2^j ((t - 2^-j) + t p + t pl), the first two terms summed by
 * exact two-sums, one rounding; x clamped to [-40, 710].
 * -inf -> -1, +inf -> +inf, -0 -> -0, tiny x -> x, NaN -> NaN.
 * Measured (10.5M points per parameter, base / avx2 / avx512): 0.816 / 0.804 / 0.804 ULP (x ~ +-0.3).
 * Speed (ns/elem, 1M, 1 thread): base 9.05, avx2 2.49, avx512 1.61.
 */
FA_INLINE double fa_expm1_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    double xc = x > 710.0 ? 710.0 : (x < -40.0 ? -40.0 : x);
    double n, pl;
    double p = faex64_exp_core(xc, 0.0, &n, &pl);
    int big = n > 1000.0;
    double t = fa64_pow2i(big ? n - 1.0 : n);
    double tl;
    double th = fa64_two_sum(t, big ? -0.5 : -1.0, &tl);
    double sl;
    double sh = fa64_two_sum(th, t * p, &sl);
    double y = sh + (sl + FA64_FMA(t, pl, tl));
    y = big ? y * 2.0 : y;
    return x == 0.0 ? x : y;
}

/* log1p(x): 1 + x as an exact two-sum sh + sl, then faex64_log_dd (exponent
 * split, atanh series with one division), hi + lo rounded once.
 * x < -1 -> NaN, -1 -> -inf, +inf -> +inf, -0 -> -0, tiny x -> x, NaN -> NaN.
 * Measured (10.5M points per parameter, base / avx2 / avx512): 0.963 ULP on every ISA (x ~ 0.276).
 * Speed (ns/elem, 1M, 1 thread): base 6.68, avx2 2.54, avx512 1.54.
 */
FA_INLINE double fa_log1p_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    double sl;
    double sh = fa64_two_sum(1.0, x, &sl);
    int ok = x > -1.0 && x < FAEX64_INF;
    double lo;
    double hi = faex64_log_dd(ok ? sh : 1.0, ok ? sl : 0.0, &lo);
    double y = x == 0.0 ? x : hi + lo;
    double ys = x == -1.0 ? -FAEX64_INF : (x > 0.0 ? x : FAEX64_NAN);
    return ok ? y : ys;
}

/* swish: beta = s.a (any finite value): x * sigmoid(beta x) = x/(1 + e^(-beta x)).
 * beta x = vh + vl exactly (two-product); w = -v is reduced from the pair
 * (faex64_exp_core), e^w = (eh + el) 2^n; the denominator is scaled to
 * D = 2^m (1 + e^w) in [1, 3] (m = 1 - n for n > 0, else 0) as an exact
 * pair, x/D by one reciprocal with an exact residual and an exact product,
 * then one scaling by 2^m in three exact steps (so results like
 * x e^-1400 for x ~ 1e300 come out right).  |x| > 2^960 is pre-scaled by
 * 2^-64 for the two-products.
 * Special: beta = 0 -> x/2; x = +-inf -> x where beta x -> +inf (or beta
 * = 0), else 0 with the sign of x; -0 -> -0; the result always carries the
 * sign of x (underflow -> signed zero); NaN -> NaN.
 * Measured (10.5M points per parameter, base / avx2 / avx512): beta = 1, 1.702, 0.5, 2, -1, -0.3, 0, 10, 1e-3:
 *   <= 0.603 ULP on every ISA (0 for beta = 0; worst at x*beta ~ -10..-23 and
 *   in the deep tail |x beta| ~ 700, results down into the subnormals).
 * Speed (ns/elem, 1M, 1 thread): base 22.3, avx2 5.17, avx512 3.38.
 */
FA_INLINE double fa_swish_f64(double x, fa_scalars_f64 s)
{
    return faex_swish2_f64(x, s.a, 0.0);
}

/* quick_gelu: x * sigmoid(1.702 x), 1.702 the exact decimal (QG_HI + QG_LO),
 * through faex_swish2_f64.  +inf -> +inf, -inf -> -0, -0 -> -0, NaN -> NaN.
 * Measured (10.5M points per parameter, base / avx2 / avx512): 0.591 / 0.592 / 0.592 ULP (x ~ -11..-22).
 * Speed (ns/elem, 1M, 1 thread): base 23.5, avx2 5.12, avx512 3.38.
 */
FA_INLINE double fa_quick_gelu_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    return faex_swish2_f64(x, FAEX64_QG_HI, FAEX64_QG_LO);
}

/* celu: alpha = s.a > 0: x > 0 ? x : alpha expm1(x/alpha).
 * x/alpha = th + tl: th = x (1/alpha) (1/alpha is loop-invariant), tl =
 * (x - th alpha)/alpha with an exact residual; th clamped to [-40, 0];
 * expm1(th + tl) = (2^n - 1) + 2^n (p + pl) as an exact two-sum pair;
 * alpha (eh + el) with an exact product, one rounding.  |x/alpha| < 2^-900
 * returns x (alpha expm1(x/alpha) = x to 2^-901).
 * Special: -inf -> -alpha, -0 -> -0, NaN -> NaN.
 * Measured (10.5M points per parameter, base / avx2 / avx512): alpha = 1: 0.824 ULP (x ~ -0.28, all ISAs); alpha = 0.5, 2.75, 1e-3, 100:
 *   <= 0.785 ULP.
 * Speed (ns/elem, 1M, 1 thread): base 10.8, avx2 2.72, avx512 1.71.
 */
FA_INLINE double fa_celu_f64(double x, fa_scalars_f64 s)
{
    const double a = s.a, inv = 1.0 / s.a;
    double th0 = x * inv;
    double tl = faex64_fnma_exact(th0, a, x) * inv;
    double th = th0 > 0.0 ? 0.0 : (th0 < -40.0 ? -40.0 : th0);
    tl = (th0 > 0.0 || th0 < -40.0) ? 0.0 : tl;
    double n, pl;
    double p = faex64_exp_core(th, tl, &n, &pl);
    double t = fa64_pow2i(n);
    double ml;
    double mh = fa64_two_sum(t, -1.0, &ml);
    double sl;
    double sh = fa64_two_sum(mh, t * p, &sl);
    sl = sl + FA64_FMA(t, pl, ml);
    double yl;
    double yh = fa64_two_prod(a, sh, &yl);
    double y = yh + FA64_FMA(a, sl, yl);
    y = fa64_abs(th0) < 0x1p-900 ? x : y;
    return x > 0.0 ? x : y;
}

/* logsigmoid: min(x, 0) - log1p(e^-|x|).
 * E = e^-|x| = (eh + el) 2^n (|x| clamped to 800), scaled in two steps;
 * 1 + E as an exact two-sum, log by faex64_log_dd (hi + lo), then
 * min(x, 0) - (hi + lo) by a two-sum (no cancellation: both terms <= 0),
 * one rounding; the result is forced negative (it is < 0 for every x).
 * Large x: 1 + E = 1 + Sl and the log is Sl: -e^-x down into the
 * subnormals; x > ~745 -> -0.0.  -inf -> -inf, +inf -> -0.0, 0 -> -ln 2,
 * NaN -> NaN.
 * Measured (10.5M points per parameter, base / avx2 / avx512): 1.137 / 1.131 / 1.131 ULP (x ~ 36.5: the log1p of 1 + E
 *   pair just below the 1 + E = 1 limit).
 * Speed (ns/elem, 1M, 1 thread): base 16.2, avx2 6.29, avx512 3.74.
 */
FA_INLINE double fa_logsigmoid_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    double a = fa64_abs(x);
    double ac = a > 800.0 ? 800.0 : a;
    double n, pl;
    double p = faex64_exp_core(-ac, 0.0, &n, &pl);
    double eh = 1.0 + p;
    double el = ((1.0 - eh) + p) + pl;
    double Eh = faex64_ldexp2(eh, n), El = faex64_ldexp2(el, n);
    double Sl;
    double Sh = fa64_two_sum(1.0, Eh, &Sl);
    Sl += El;
    double lo;
    double L = faex64_log_dd(Sh, Sl, &lo);
    double xm = x < 0.0 ? x : 0.0;
    double yl;
    double yh = fa64_two_sum(xm, -L, &yl);
    double y = yh + (yl - lo);
    y = fa_from_bits_f64(fa_bits_f64(y) | FAEX64_SIGN);
    return x < -800.0 ? x : y;
}

/* gaussian: exp(-x^2).  x^2 = qh + ql exactly (two-product, |x| clamped to
 * 28 where the result is 0), e^-(qh + ql) from the pair as in fa_exp_f64.
 * +-inf -> +0, underflow -> +0 (subnormals as the scaling rounds them),
 * NaN -> NaN.
 * Measured (10.5M points per parameter, base / avx2 / avx512): 0.577 ULP on every ISA.
 * Speed (ns/elem, 1M, 1 thread): base 6.59, avx2 2.00, avx512 1.34.
 */
FA_INLINE double fa_gaussian_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    double a = fa64_abs(x);
    double ac = a > 28.0 ? 28.0 : a;
    double ql;
    double qh = fa64_two_prod(ac, ac, &ql);
    double n, pl;
    double p = faex64_exp_core(-qh, -ql, &n, &pl);
    double h = 1.0 + p;
    double hl = ((1.0 - h) + p) + pl;
    return faex64_ldexp2(h + hl, n);
}

/* S = 1 + b (x - b) for b > 0 as a renormalised double pair Sh + *Sl,
 * scaled by *sc = 2^-128 where |x - b| > 2^960 (else 1) so that b (x - b)
 * cannot overflow: x - b and b (x - b) as exact two-sum / two-product
 * pairs, then sc + b (x - b) (Sh may be 0). */
FA_INLINE double faex64_softexp_S(double b, double x, double *Sl_out, double *sc_out)
{
    double dl;
    double dh = fa64_two_sum(x, -b, &dl);
    double sc = fa64_abs(dh) > 0x1p960 ? 0x1p-128 : 1.0;
    double ul;
    double uh = fa64_two_prod(b, dh * sc, &ul);
    ul = FA64_FMA(b, dl * sc, ul);
    double Sl;
    double Sh = fa64_two_sum(sc, uh, &Sl);
    Sl += ul;
    double S2 = Sh + Sl;
    *Sl_out = Sl - (S2 - Sh);
    *sc_out = sc;
    return S2;
}

/* soft_exponential: alpha = s.a (any finite value).
 *   alpha > 0: expm1(alpha x)/alpha + alpha;  alpha = 0: x;
 *   alpha < 0: -log(1 - alpha (x + alpha))/alpha = log1p(b (x - b))/b, b = -alpha.
 * alpha > 0: t = alpha x = th + tl exactly (clamped to [-800, 1500]),
 *   reduced once (faex64_exp_core).  |t| <= 1: expm1(t) as an exact
 *   two-sum pair, divided by alpha (1/alpha loop-invariant, exact
 *   residual), plus alpha by a two-sum.  |t| > 1: e^t/alpha (pair, scaled
 *   by 2^n in two or three exact steps) + (alpha - 1/alpha) (pair), by a
 *   two-sum.  One final rounding.
 * alpha < 0: x - b as an exact two-sum, u = b (x - b) as a pair (exact
 *   product), 1 + u as a renormalised pair, log by faex64_log_dd, divided
 *   by b with an exact residual (|x - b| > 2^960 is pre-scaled by 2^-128,
 *   the log gets + 128 ln2; 1 + u < 2^-960 is scaled up by 2^128).
 * Near the zero crossing of the alpha > 0 branch (x0 = log1p(-alpha^2)/alpha,
 * exists for alpha < 1) the result is the difference of two terms of size
 * ~alpha (or ~1/alpha for alpha > 0.795) known to ~2^-58 relative, so the
 * error there is bounded in absolute terms (see the table).  The crossing of
 * the alpha < 0 branch (x = b) is exact (u is formed without cancellation).
 * Special: alpha > 0: +inf -> +inf, -inf -> alpha - 1/alpha; alpha < 0:
 * +inf -> +inf, -inf -> NaN, 1 + u < 0 -> NaN, 1 + u = 0 -> -inf; overflow
 * -> inf as the formula; NaN -> NaN.
 * Measured (10.5M points per parameter, base / avx2 / avx512): alpha = -0.5, 1, -1, 2, -0.1, 0.01: <= 0.964 ULP (all ISAs);
 *   alpha = 0: exact; alpha = 0.5: 1.658 / 1.576 / 1.576 ULP where |y| >= T/8 and,
 *   near the crossing (|y| < T/8, T = alpha = 0.5), absolute error <= 0.178 ulp(T)
 *   (that is, up to ~0.2 ulp(0.5) / ulp(y) ULP of y: unbounded in relative terms at
 *   the crossing itself); alpha = 0.01: 0.791 ULP, crossing region <= 0.062 ulp(0.01).
 *   The 4-ULP bound holds everywhere except within ~|y| < T/16 of the zero crossing
 *   of alpha in (0, 1).
 * Speed (ns/elem, 1M, 1 thread, any alpha: both branches are computed):
 *   base 44.2, avx2 11.5, avx512 6.9.
 */
FA_INLINE double fa_soft_exponential_f64(double x, fa_scalars_f64 s)
{
    const double al = s.a;
    /* ---- alpha > 0 ---- */
    const double ap = al > 0.0 ? al : 1.0;
    const double inv = 1.0 / ap;
    double tl;
    double th = fa64_two_prod(ap, x, &tl);
    int thi = th > 1500.0, tlo = th < -800.0;
    double tc = thi ? 1500.0 : (tlo ? -800.0 : th);
    tl = (thi || tlo) ? 0.0 : tl;
    double n, pl;
    double p = faex64_exp_core(tc, tl, &n, &pl);
    /* |t| <= 1 (n in [-2, 2]): expm1(t)/alpha + alpha */
    double t = fa64_pow2i(n < -2.0 ? -2.0 : (n > 2.0 ? 2.0 : n));
    double sl;
    double sh = fa64_two_sum(t - 1.0, t * p, &sl);
    sl = FA64_FMA(t, pl, sl);
    double qh = sh * inv;
    double ql = (faex64_fnma_exact(qh, ap, sh) + sl) * inv;
    double ml;
    double mh = fa64_two_sum(qh, ap, &ml);
    double yM = mh + (ml + ql);
    /* |t| > 1: e^t/alpha + (alpha - 1/alpha) */
    double eh = 1.0 + p;
    double el = ((1.0 - eh) + p) + pl;
    double gh = eh * inv;
    double gl = (faex64_fnma_exact(gh, ap, eh) + el) * inv;
    double Gh = faex64_ldexp3(gh, n), Gl = faex64_ldexp3(gl, n);
    double il = faex64_fnma_exact(inv, ap, 1.0) * inv;      /* 1/alpha = inv + il */
    double cl;
    double ch = fa64_two_sum(ap, -inv, &cl);
    cl -= il;
    double zl;
    double zh = fa64_two_sum(Gh, ch, &zl);
    double yE = zh + (zl + (Gl + cl));
    yE = fa64_abs(zh) == FAEX64_INF ? zh : yE;
    double ypos = (th >= -1.0 && th <= 1.0) ? yM : yE;
    /* ---- alpha < 0: log1p(b (x - b)) / b ---- */
    const double b = al < 0.0 ? -al : 1.0;
    const double invb = 1.0 / b;
    double sc, Sl;
    double Sh = faex64_softexp_S(b, x, &Sl, &sc);
    int big = sc < 1.0;
    int okS = Sh > 0.0 && Sh < FAEX64_INF;
    int tiny = Sh < 0x1p-960;                 /* (subnormal) 1 + u: scale up */
    double st = tiny ? 0x1p128 : 1.0;
    double kofs = (big ? 128.0 : 0.0) - (tiny ? 128.0 : 0.0);
    double Llo;
    double Lh = faex64_log_dd(okS ? Sh * st : 1.0, okS ? Sl * st : 0.0, &Llo);
    double bl;
    double Lb = fa64_two_sum(Lh, kofs * FA64_LN2HI, &bl);
    Llo += bl + kofs * FA64_LN2LO;
    double wh = Lb * invb;
    double wl = (faex64_fnma_exact(wh, b, Lb) + Llo) * invb;
    double yneg = wh + wl;
    /* select by the sign of alpha with bit masks: a ternary on the
     * loop-invariant condition is not if-converted by gcc 12 */
    double y = faex64_select3(al, ypos, yneg, x);
    double yspec = x == FAEX64_INF ? x : (Sh == 0.0 ? -FAEX64_INF : FAEX64_NAN);
    return (al < 0.0 && (!okS || x == FAEX64_INF)) ? yspec : y;
}

/* tanh(a) = q + *corr for a >= 0 up to ~22 (callers clamp; good to ~2^-60,
 * shared by tanhshrink and its derivative): em = expm1(-2a) as an exact
 * two-sum pair (2^n - 1 + 2^n p), q = -em/(2 + em) by one division, and its
 * first-order correction from the exact residual (1/(2 + em) = (1 + q)/2). */
FA_INLINE double faex64_tanh_pair(double a, double *corr) {
    double n, pl;
    double p = faex64_exp_core(-2.0 * a, 0.0, &n, &pl);
    double t = fa64_pow2i(n);
    double tml;
    double tm = fa64_two_sum(t, -1.0, &tml);
    double eml;
    double emh = fa64_two_sum(tm, t * p, &eml);
    eml += FA64_FMA(t, pl, tml);
    double dh = 2.0 + emh;
    double dl = (emh - (dh - 2.0)) + eml;
    double q = -emh / dh;
    *corr = (faex64_fnma_exact(q, dh, -emh) - FA64_FMA(q, dl, eml)) * FA64_FMA(0.5, q, 0.5);
    return q;
}

/* tanhshrink: x - tanh(x), on a = |x| with the sign of x put back at the end
 * (the result has the sign of x; -0 -> -0, underflow -> signed zero).
 * a < 0.3: a^3 P(a^2), P degree 9 (fit.py tsh64), a^2 and a^3 as exact pairs
 * and the leading 1/3 as a hi + lo constant, so the result is rounded once.
 * 0.3 <= a <= 20: tanh(a) = -em/(2 + em), em = expm1(-2a) as an exact
 * two-sum pair, one division with a first-order correction (1/(2 + em) =
 * (1 + q)/2 exactly), so tanh is a pair good to ~2^-60; a - tanh by a
 * two-sum (cancellation <= 33x at a = 0.3).  a > 20: a - 1.
 * Special: +-inf -> +-inf, NaN -> NaN.
 * Measured (10.5M points per parameter, base / avx2 / avx512): 1.995 / 1.290 / 1.290 ULP (x ~ 5e-103, where x^3/3 ~
 *   3e-308 is at the subnormal boundary; elsewhere <= ~1.2).
 * Speed (ns/elem, 1M, 1 thread): base 18.3, avx2 4.72, avx512 2.88.
 */
FA_INLINE double fa_tanhshrink_f64(double x, fa_scalars_f64 s)
{
    (void)s;
    double a = fa64_abs(x);
    /* small */
    double as = a > 1.0 ? 1.0 : a;
    double ql;
    double qh = fa64_two_prod(as, as, &ql);
    double cl;
    double ch = fa64_two_prod(as, qh, &cl);
    cl = FA64_FMA(as, ql, cl);
    double P = FAEX64_TSH9;
    P = FA64_FMA(P, qh, FAEX64_TSH8);
    P = FA64_FMA(P, qh, FAEX64_TSH7);
    P = FA64_FMA(P, qh, FAEX64_TSH6);
    P = FA64_FMA(P, qh, FAEX64_TSH5);
    P = FA64_FMA(P, qh, FAEX64_TSH4);
    P = FA64_FMA(P, qh, FAEX64_TSH3);
    P = FA64_FMA(P, qh, FAEX64_TSH2);
    P = FA64_FMA(P, qh, FAEX64_TSH1);
    double yl;
    double yh = fa64_two_prod(ch, FAEX64_TSH0, &yl);
    yl = FA64_FMA(ch, FA64_FMA(qh, P, FAEX64_TSH0L), FA64_FMA(cl, FAEX64_TSH0, yl));
    double ys = yh + yl;
    /* large */
    double corr;
    double q = faex64_tanh_pair(a > 20.0 ? 20.0 : a, &corr);
    double dsl;
    double ds = fa64_two_sum(a, -q, &dsl);
    double yL = ds + (dsl - corr);
    double y = a < 0.3 ? ys : (a > 20.0 ? a - 1.0 : yL);
    return fa_from_bits_f64(fa_bits_f64(y) | (fa_bits_f64(x) & FAEX64_SIGN));
}
/* ========================================================================= */
/* float32 private helpers                                                    */
/* ========================================================================= */

#define FAEX32_SIGN 0x80000000u
/* 1.702 = QG_HI + QG_LO (QG_HI the nearest float, QG_LO the rounded rest) */
#define FAEX32_QG_HI 0x1.b3b646p+0f
#define FAEX32_QG_LO -0x1.78d4fep-26f
/* (x - tanh x)/x^3 = P(w), w = x^2 in [0, 0.0625], degree 5, rel. error
 * 1.2e-13 (fit.py tsh32; evaluated in double). */
#define FAEX32_TSH0 0x1.5555555555291p-2
#define FAEX32_TSH1 -0x1.1111110f82b7bp-3
#define FAEX32_TSH2 0x1.ba1b9d2e246b0p-5
#define FAEX32_TSH3 -0x1.664cd96394ad6p-6
#define FAEX32_TSH4 0x1.21d6e837191e6p-7
#define FAEX32_TSH5 -0x1.b4af689fa0f8bp-9

/* expm1(r) for |r| <= 0.35 in float: r + r^2 Q(r), Q degree 5 with the
 * (float-valued) coefficients of fa32_exp_d (relative error ~5e-10). */
FA_INLINE float faex32_expm1_poly5(float r)
{
    float q = fa32_fma(r, 0x1.9e8f4ep-13f, 0x1.6d4050p-10f);
    q = fa32_fma(q, r, 0x1.1112cep-7f);
    q = fa32_fma(q, r, 0x1.5554f4p-5f);
    q = fa32_fma(q, r, 0x1.555554p-3f);
    q = fa32_fma(q, r, 0.5f);
    return fa32_fma(r * r, q, r);
}

/* expm1(r) = r + r^2 q(r) with q of degree 4, for |r| <= ln2/2: 1 +
 * expm1(r) to 1.03e-8 relative (0.17 2^-24), one FMA less than
 * faex32_expm1_poly5 (dev/math_expfam/fit.py expq4f).  For the softmax
 * exponential, whose result is rounded once more (fa_softmax_exp_normal_f32). */
FA_INLINE float faex32_expm1_poly4(float r)
{
    float q = fa32_fma(r, 0x1.6d11fep-10f, 0x1.120c62p-7f);
    q = fa32_fma(q, r, 0x1.555518p-5f);
    q = fa32_fma(q, r, 0x1.5554dcp-3f);
    q = fa32_fma(q, r, 0.5f);
    return fa32_fma(r * r, q, r);
}

/* exp(a + al) = (ph + *lo) 2^(*k), ph returned, in float, for a in
 * [-300, 300] (callers clamp; NaN propagates), |al| <= ~2^-17: a = k ln2 + r
 * (Cody-Waite, r rounded once, <= 2^-26 absolute; k LN2HI exact for
 * |k| < 512), 1 + expm1(r) as an exact pair ph + pl (degree-5 polynomial,
 * relative error ~5e-10), the low part al applied to first order. */
FA_INLINE float faex32_exp_parts(float a, float al, float *lo, int32_t *k)
{
    float tt = fa32_fma(a, FA32_LOG2E, FA32_SHIFT);
    float kf = tt - FA32_SHIFT;
    float r = fa32_fma(-kf, FA32_LN2HI, a);
    r = fa32_fma(-kf, FA32_LN2LO, r);
    *k = (int32_t)(fa_bits_f32(tt) - fa_bits_f32(FA32_SHIFT));
    float em = faex32_expm1_poly5(r);
    float ph = 1.0f + em;
    float pl = (1.0f - ph) + em;
    *lo = fa32_fma(ph, al, pl);
    return ph;
}

/* exp(a + al) = (ph + lo) 2^k from faex32_exp_parts, rounded once as
 * ph 2^k1 + lo 2^k1, then an exact scaling by 2^(k-k1) (a second rounding
 * only into the subnormal range).  Exact products of powers of two keep it
 * right without FMA as well. */
FA_INLINE float faex32_exp(float a, float al)
{
    float lo;
    int32_t k;
    float ph = faex32_exp_parts(a, al, &lo, &k);
    int32_t k1 = k >> 1;
    float s1 = fa32_pow2i(k1);
    return fa32_fma(ph, s1, lo * s1) * fa32_pow2i(k - k1);
}

/* log(sh + sl) in double with float-level accuracy (relative error
 * < 1e-10) for sh in [2^-1000, 2^1000], |sl| <= ulp(sh) (callers handle
 * the special values): sh = 2^k m, m in [sqrt(1/2), sqrt 2) from the
 * exponent bits, f = m - 1 + sl 2^-k, s = f/(2 + f), log1p(f) = 2s (1 + z/3
 * + ... + z^5/11), z = s^2 <= 0.0295 (truncation < 5e-11). */
FA_INLINE double faex32_log_d(double sh, double sl)
{
    uint64_t ib = fa_bits_f64(sh);
    uint64_t kb = (ib + (0x3ff0000000000000ULL - 0x3fe6a09e667f3bcdULL)) >> 52;
    double m = fa_from_bits_f64(ib - ((kb - 1023u) << 52));
    double kd = fa_from_bits_f64(fa_bits_f64(FA64_MAGIC) + kb) - (FA64_MAGIC + 1023.0);
    double f = (m - 1.0) + sl * fa_from_bits_f64((2046u - kb) << 52);
    double s = f / (2.0 + f);
    double z = s * s;
    double P = z * (1.0 / 11.0) + 1.0 / 9.0;
    P = P * z + 1.0 / 7.0;
    P = P * z + 1.0 / 5.0;
    P = P * z + 1.0 / 3.0;
    double s2 = s + s;
    return kd * 0x1.62e42fefa39efp-1 + (s2 + s2 * (z * P));
}

/* log1p(u) for u in (-1, 2^1000): 1 + u as an exact two-sum, faex32_log_d. */
FA_INLINE double faex32_log1p_d(double u)
{
    double sl;
    double sh = fa64_two_sum(1.0, u, &sl);
    return faex32_log_d(sh, sl);
}

/* exp(a) - 1 / exp(a) in double for the float functions that need
 * double-precision accuracy (cancellation downstream): a in [-200, 200]
 * (callers clamp), reduction and the degree-10 polynomial of the float64
 * layer; *ex = e^a, returns expm1(a), both ~1 double ulp. */
FA_INLINE double faex32_expm1_exp_d(double a, double *ex)
{
    double n, pl;
    double p = faex64_exp_core(a, 0.0, &n, &pl);
    double sc = fa64_pow2i(n);
    double pp = p + pl;
    *ex = FA64_FMA(sc, pp, sc);
    return FA64_FMA(sc, pp, sc - 1.0);
}

/* expm1(a) in double for a in [-40, 0] (callers clamp; NaN propagates) with
 * relative error ~1e-12 (enough for float32 results after a 48x
 * cancellation): Cody-Waite reduction, expm1(r) = r + r^2 Q(r), Q degree 7
 * (fit.py expq7, 9.9e-13), 2^n expm1(r) + (2^n - 1) by one FMA. */
FA_INLINE double faex32_expm1_d12(double a)
{
    double kd = FA64_FMA(a, FA64_LOG2E, FA64_MAGIC);
    double n = kd - FA64_MAGIC;
    double r = FA64_FMA(-n, FA64_LN2HI, a) - n * FA64_LN2LO;
    double q = FA64_FMA(r, 0x1.72ae0f4c52efcp-19, 0x1.a137d4980e1e7p-16);
    q = FA64_FMA(q, r, 0x1.a019c2f24ef4ep-13);
    q = FA64_FMA(q, r, 0x1.6c166b378a752p-10);
    q = FA64_FMA(q, r, 0x1.111111171d4acp-7);
    q = FA64_FMA(q, r, 0x1.55555565f821ap-5);
    q = FA64_FMA(q, r, 0x1.5555555554f80p-3);
    q = FA64_FMA(q, r, 0x1.fffffffffdfe6p-2);
    double em = FA64_FMA(r * r, q, r);
    double sc = fa64_pow2i(n);
    return FA64_FMA(sc, em, sc - 1.0);
}

/* x * sigmoid((beta_hi + beta_lo) x) in float32 (see fa_swish_f32). */
FA_INLINE float faex_swish2_f32(float x, float beta_hi, float beta_lo)
{
    uint32_t sx = fa_bits_f32(x) & FAEX32_SIGN;
#if FA32_HAVE_FMA
    /* v = beta x = vh + vl (FMA two-product, rel. error ~2^-47); w = -v;
     * x/(1 + e^w) with e^w = (ph + pl) 2^k.  The denominator is scaled to
     * D = 2^m (1 + e^w) in [1, 3] (m = 1 - k for k > 0: D = 2^(1-k) + 2e;
     * else m = 0), an exact pair Dh + Dl; q0 = 1/Dh with an FMA residual,
     * y = x q0 (1 + rr) rounded once, then y 2^m by exact steps. */
    float xc = x;                       /* +-inf: fixed by the final select */
    float vh = xc * beta_hi;
    float vl = fa32_fma(xc, beta_hi, -vh);
    vl = fa32_fma(xc, beta_lo, vl);
    float wh = -vh, wl = -vl;
    int chi = wh > 200.0f, clo = wh < -104.0f;
    wh = chi ? 200.0f : (clo ? -104.0f : wh);
    wl = (chi || clo) ? 0.0f : wl;
    float tt = fa32_fma(wh, FA32_LOG2E, FA32_SHIFT);
    float kf = tt - FA32_SHIFT;
    float r = fa32_fma(-kf, FA32_LN2HI, wh);           /* exact, |k| < 512 */
    r = fa32_fma(-kf, FA32_LN2LO, r + wl);
    int32_t k = (int32_t)(fa_bits_f32(tt) - fa_bits_f32(FA32_SHIFT));
    float em = fa32_expm1_poly(r);
    float ph = 1.0f + em;
    float pl = (1.0f - ph) + em;
    int pos = k > 0;
    int32_t ea = 1 - k;
    float A = pos ? fa32_pow2i(ea < -126 ? -126 : ea) : 1.0f;
    float sB = pos ? 2.0f : fa32_pow2i(k < -126 ? -126 : k);
    float B = ph * sB;
    float Dh = A + B;
    float Dl = fa32_fma(pl, sB, pos ? (B - Dh) + A : (A - Dh) + B);
    float q0 = 1.0f / Dh;
    float rr = fa32_fma(-q0, Dh, 1.0f);
    rr = fa32_fma(-q0, Dl, rr);
    float y = fa32_fma(xc, q0, xc * (q0 * rr));
    /* y 2^m, m = 1 - k in [-288, 0]: 2^-64 first where m < -200 */
    int32_t m = pos ? ea : 0;
    int deep = m < -200;
    y = deep ? y * 0x1p-64f : y;
    y = fa32_ldexp(y, deep ? m + 64 : m);
#else
    /* no FMA: in double.  v = x beta_hi (exact) + x beta_lo; e = e^-|v| by
     * fa32_exp_d (|v| clamped to 200); (v < 0 ? x e : x)/(1 + e), one double
     * division and one rounding to float. */
    double xd = (double)x;
    double v = xd * (double)beta_hi + xd * (double)beta_lo;
    double av = v < 0.0 ? -v : v;
    av = av > 200.0 ? 200.0 : av;
    double e = fa32_exp_d(-av);
    double num = v < 0.0 ? xd * e : xd;
    float y = (float)(num / (1.0 + e));
    float vh = x * beta_hi;   /* sign of v for the infinite x below */
#endif
    /* x = +-0: the sum of signed zeros above may give +0 (underflowing
     * results keep the sign of x: the rounding keeps the sign) */
    y = x == 0.0f ? x : y;
    /* x = +-inf: x where beta x -> +inf (or beta = 0), else signed 0 */
    float yinf = vh < 0.0f ? fa_from_bits_f32(sx) : x;
    return fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu) > 0x1.fffffep127f ? yinf : y;
}

/* ========================================================================= */
/* float32 public element functions                                           */
/* ========================================================================= */

/* exp(x): faex32_exp (float Cody-Waite reduction, degree-5 expm1
 * polynomial, 1 + expm1(r) as an exact pair, two-step exact scaling), x
 * clamped to [-104, 89].  All ISAs (the same float code; without FMA the
 * products with powers of two stay exact).
 * +inf -> +inf (overflow -> +inf), -inf -> +0, NaN -> NaN.
 * Measured, all 2^32 inputs: max 1 ULP on base/avx2/avx512
 *   (0.952 / 0.981 / 0.981 ULP vs exact).
 * Speed (ns/elem, 1M, 1 thread): base 1.82, avx2 0.57, avx512 0.47.
 */
FA_INLINE float fa_exp_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    float xc = x > 89.0f ? 89.0f : (x < -104.0f ? -104.0f : x);
    return faex32_exp(xc, 0.0f);
}

/* expm1(x): in double by fa32_expm1_d (reduction, degree-5 polynomial,
 * 2^k expm1(r) + (2^k - 1)), x clamped to [-100, 89], rounded once.
 * -inf -> -1, +inf -> +inf (overflow -> +inf), -0 -> -0, tiny x -> x,
 * NaN -> NaN.
 * Measured, all 2^32 inputs: max 1 ULP (0.508 ULP vs exact), all ISAs.
 * Speed (ns/elem, 1M, 1 thread): base 2.47, avx2 1.17, avx512 0.86.
 */
FA_INLINE float fa_expm1_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    float xc = x > 89.0f ? 89.0f : (x < -100.0f ? -100.0f : x);
    float y = (float)fa32_expm1_d((double)xc);
    return x == 0.0f ? x : y;
}

/* log1p(x): faex32_log1p_d (double), rounded once.
 * x < -1 -> NaN, -1 -> -inf, +inf -> +inf, -0 -> -0, tiny x -> x, NaN -> NaN.
 * Measured, all 2^32 inputs: max 1 ULP (0.501 ULP vs exact), all ISAs.
 * Speed (ns/elem, 1M, 1 thread): base 3.59, avx2 1.58, avx512 1.19.
 */
FA_INLINE float fa_log1p_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    int ok = x > -1.0f && x < __builtin_inff();
    float y = (float)faex32_log1p_d(ok ? (double)x : 0.0);
    y = x == 0.0f ? x : y;
    float ys = x == -1.0f ? -__builtin_inff() : (x > 0.0f ? x : __builtin_nanf(""));
    return ok ? y : ys;
}

/* swish: beta = s.a (any finite value): x * sigmoid(beta x), through
 * faex_swish2_f32 with beta_lo = 0.
 * FMA targets, all float: beta x as an FMA pair, e^(-beta x) reduced from
 * the pair (|beta x| clamped to [-104, 200], enough for every float x), the
 * scaled denominator 2^m (1 + e) in [1, 3] as an exact pair, one float
 * division with FMA residuals, the result rounded once and scaled by 2^m
 * in exact steps (so x e^(-|beta x|) is right over the whole float range,
 * e.g. x = -1e30, beta = 1e-28).
 * No FMA (base): double, x beta exact, one double division.
 * Special: beta = 0 -> x/2; x = +-inf -> x where beta x -> +inf or beta = 0,
 * else 0 with the sign of x; the result carries the sign of x (-0 -> -0,
 * underflow -> signed 0); NaN -> NaN.
 * Measured, all 2^32 inputs: beta = 1, -1, 1.702, 0.5, 2, -0.3, 10, 1e-3: max 1 ULP
 *   on base/avx2/avx512 (0.503 / <= 1.381 / <= 1.381 ULP vs exact: beta = 1, -1, 0.5
 *   1.161; 2 1.126; 10 1.152; -0.3 1.323; 1e-3 1.322; 1.702 1.381); beta = 0: exact.
 * Speed (ns/elem, 1M, 1 thread): base 4.55, avx2 1.86, avx512 1.17.
 */
FA_INLINE float fa_swish_f32(float x, fa_scalars_f32 s)
{
    return faex_swish2_f32(x, s.a, 0.0f);
}

/* quick_gelu: x * sigmoid(1.702 x), 1.702 the exact decimal as
 * QG_HI + QG_LO, through faex_swish2_f32.
 * +inf -> +inf, -inf -> -0, -0 -> -0, NaN -> NaN.
 * Measured, all 2^32 inputs: max 1 ULP on base/avx2/avx512
 *   (0.503 / 1.346 / 1.346 ULP vs exact).
 * Speed (ns/elem, 1M, 1 thread): base 4.49, avx2 1.86, avx512 1.18.
 */
FA_INLINE float fa_quick_gelu_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    return faex_swish2_f32(x, FAEX32_QG_HI, FAEX32_QG_LO);
}

/* celu: alpha = s.a > 0: x > 0 ? x : alpha expm1(x/alpha).
 * In double: t = x (1/alpha) (1/alpha loop-invariant; relative error
 * 2^-52), clamped to [-100, 0], expm1 by fa32_expm1_d, alpha expm1 rounded
 * once to float.  -inf -> -alpha, -0 -> -0, NaN -> NaN.
 * Measured, all 2^32 inputs: alpha = 1, 0.5, 2.75, 1e-3, 100: max 1 ULP
 *   (<= 0.506 ULP vs exact), identical on base/avx2/avx512.
 * Speed (ns/elem, 1M, 1 thread): base 3.02, avx2 1.39, avx512 1.05.
 */
FA_INLINE float fa_celu_f32(float x, fa_scalars_f32 s)
{
    const double a = (double)s.a, inv = 1.0 / (double)s.a;
    double t = (double)x * inv;
    t = t > 0.0 ? 0.0 : (t < -100.0 ? -100.0 : t);
    float yn = (float)(a * fa32_expm1_d(t));
    yn = x == 0.0f ? x : yn;
    return x > 0.0f ? x : yn;
}

/* logsigmoid: min(x, 0) - log1p(e^-|x|) = -softplus(-x).
 * FMA targets, all float: softplus's core fa32_softplus_pair(-x, 0) (e^-|x|
 * as an exact pair scaled by 2^64 for x > 0 so that the tail -e^-x rounds
 * once, into the subnormals too; log1p(e) = 2 atanh(e/(2 + e)); 2Sum),
 * negated; x < -20 returns x (log1p(e^x) is below half an ulp of x).
 * No FMA (base): double, e^-|x| by fa32_exp_d, log1p(e) by fa32_log1p_01_d
 * (softplus's polynomial), one rounding.
 * -inf -> -inf, +inf -> -0.0, 0 -> -ln 2, large x -> -e^-x (-0.0 where it
 * underflows), NaN -> NaN.
 * Measured, all 2^32 inputs: max 1 ULP on base/avx2/avx512
 *   (0.514 / 1.031 / 1.031 ULP vs exact).
 * Speed (ns/elem, 1M, 1 thread): base 5.88, avx2 1.44, avx512 1.02.
 */
FA_INLINE float fa_logsigmoid_f32(float x, fa_scalars_f32 s)
{
    (void)s;
#if FA32_HAVE_FMA
    float sl, c;
    float sh = fa32_softplus_pair(-x, 0.0f, &sl, &c);
    float y = -((sh + sl) * c);
    return x < -20.0f ? x : y;
#else
    double xd = (double)x;
    double ad = xd < 0.0 ? -xd : xd;
    ad = ad > 700.0 ? 700.0 : ad;
    double e = fa32_exp_d(-ad);
    float y = (float)((xd < 0.0 ? xd : 0.0) - fa32_log1p_01_d(e));
    y = fa_from_bits_f32(fa_bits_f32(y) | FAEX32_SIGN);
    return x < -20.0f ? x : y;
#endif
}

/* gaussian: exp(-x^2).
 * FMA targets: x^2 = qh + ql (FMA), faex32_exp(-qh, -ql) (float).
 * No FMA (base): x^2 exact in double, e^-x^2 by fa32_exp_d, one rounding.
 * |x| clamped to 10.5 (result 0 beyond).  +-inf -> +0, underflow -> +0,
 * NaN -> NaN.
 * Measured, all 2^32 inputs: max 1 ULP on base/avx2/avx512
 *   (0.502 / 0.955 / 0.955 ULP vs exact).
 * Speed (ns/elem, 1M, 1 thread): base 1.98, avx2 0.57, avx512 0.49.
 */
FA_INLINE float fa_gaussian_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    float a = fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu);
    float ac = a > 10.5f ? 10.5f : a;
#if FA32_HAVE_FMA
    float qh = ac * ac;
    float ql = fa32_fma(ac, ac, -qh);
    return faex32_exp(-qh, -ql);
#else
    double ad = (double)ac;
    return (float)fa32_exp_d(-(ad * ad));
#endif
}

/* S = 1 + b (x - b) for b > 0 from float b and x, as a renormalised double
 * pair sh + *sl_out: (1 - b^2) + b x with b^2 and b x exact in double. */
FA_INLINE double faex32_softexp_S(double b, double xd, double *sl_out)
{
    double cl;
    double ch = fa64_two_sum(1.0, -(b * b), &cl);
    double sl;
    double sh = fa64_two_sum(ch, b * xd, &sl);
    sl += cl;
    double s2 = sh + sl;
    *sl_out = sl - (s2 - sh);
    return s2;
}

/* soft_exponential: alpha = s.a (any finite value).
 *   alpha > 0: expm1(alpha x)/alpha + alpha;  alpha = 0: x;
 *   alpha < 0: -log(1 - alpha (x + alpha))/alpha = log1p(b (x - b))/b, b = -alpha.
 * In double, rounded once.  alpha > 0: t = alpha x exact, clamped to
 * [-200, 200], expm1 and exp by faex32_expm1_exp_d (double accuracy, needed
 * near the zero crossing x0 = log1p(-alpha^2)/alpha where the two terms
 * cancel); |t| <= 1: expm1(t) (1/alpha) + alpha, else
 * e^t (1/alpha) + (alpha - 1/alpha).  alpha < 0: 1 + b (x - b) =
 * (1 - b^2) + b x as an exact double pair (so both the crossing x = b and
 * the pole 1 + u = 0 are resolved), log by faex32_log_d, times 1/b.
 * 1/alpha and 1/b are loop-invariant.
 * Special: alpha > 0: +inf -> +inf, -inf -> alpha - 1/alpha; alpha < 0:
 * +inf -> +inf, -inf -> NaN, 1 + u < 0 -> NaN, 1 + u = 0 -> -inf; overflow
 * -> inf; NaN -> NaN.
 * Measured, all 2^32 inputs, identical on base/avx2/avx512: alpha = 0.5, 1, 2,
 *   0.01: max 0 ULP (correctly rounded, 0.500 vs exact); alpha = -0.5, -1, -0.1:
 *   max 1 ULP (0.501 vs exact); alpha = 0: exact.
 *   No region is excluded: the double evaluation resolves the zero crossings.
 * Speed (ns/elem, 1M, 1 thread, any alpha: both branches are computed):
 *   base 12.0, avx2 4.46, avx512 2.66.
 */
FA_INLINE float fa_soft_exponential_f32(float x, fa_scalars_f32 s)
{
    const float al = s.a;
    const double ap = al > 0.0f ? (double)al : 1.0;
    const double inv = 1.0 / ap;
    const double b = al < 0.0f ? -(double)al : 1.0;
    const double invb = 1.0 / b;
    double xd = (double)x;
    /* alpha > 0 */
    double t = xd * ap;
    double tc = t > 200.0 ? 200.0 : (t < -200.0 ? -200.0 : t);
    double ex;
    double em = faex32_expm1_exp_d(tc, &ex);
    double yM = em * inv + ap;
    double yE = ex * inv + (ap - inv);
    double ypos = (t >= -1.0 && t <= 1.0) ? yM : yE;
    /* alpha < 0: S = 1 + b (x - b) */
    double sl;
    double sh = faex32_softexp_S(b, xd, &sl);
    int okS = sh > 0.0 && sh < 0x1p1000;
    double yneg = faex32_log_d(okS ? sh : 1.0, okS ? sl : 0.0) * invb;
    double y = faex64_select3((double)al, ypos, yneg, xd);
    double yspec = xd == FAEX64_INF ? xd : (sh == 0.0 ? -FAEX64_INF : FAEX64_NAN);
    return (float)((al < 0.0f && !okS) ? yspec : y);
}

/* tanhshrink: x - tanh(x), in double on a = |x|, sign of x put back at the
 * end (-0 -> -0, underflow -> signed 0).  a < 0.25: a w P(w), w = a^2,
 * P degree 5 (fit.py tsh32).  Otherwise tanh(a) = -em/(2 + em), em =
 * expm1(-2a) with relative error ~1e-12 (faex32_expm1_d12; a clamped to
 * 20), one double division, a - tanh(a) (cancellation <= 48x at a = 0.25).
 * +-inf -> +-inf, NaN -> NaN.
 * Measured, all 2^32 inputs: max 1 ULP (0.500 ULP vs exact), all ISAs.
 * Speed (ns/elem, 1M, 1 thread): base 5.14, avx2 1.60, avx512 1.13.
 */
FA_INLINE float fa_tanhshrink_f32(float x, fa_scalars_f32 s)
{
    (void)s;
    uint32_t sx = fa_bits_f32(x) & FAEX32_SIGN;
    double a = (double)fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu);
    double w = a * a;
    double P = FAEX32_TSH5;
    P = P * w + FAEX32_TSH4;
    P = P * w + FAEX32_TSH3;
    P = P * w + FAEX32_TSH2;
    P = P * w + FAEX32_TSH1;
    P = P * w + FAEX32_TSH0;
    double ys = (a * w) * P;
    double ac = a > 20.0 ? 20.0 : a;
    double em = faex32_expm1_d12(-2.0 * ac);
    double yl = a + em / (2.0 + em);
    float y = (float)(a < 0.25 ? ys : yl);
    return fa_from_bits_f32(fa_bits_f32(y) | sx);
}

/* ========================================================================= */
/* shifted exponentials for the softmax family (fa_axis_impl.h)               */
/* ========================================================================= */

/* e^(v - m) for v <= m, as the softmax kernels need it: m is the running
 * maximum of the row (finite, or +inf), v an element (or NaN).
 * The difference is taken exactly: t = v - m rounded, tl = its rounding
 * error by Knuth's two-sum, and exp is evaluated on the pair t + tl.  A
 * rounded t alone would cost |v - m| 2^-24 relative (up to 50 ULP for
 * float32 in the far tail, 370 ULP for float64).
 * Special cases: v == m gives exactly 1 (also for v = m = +inf, where v - m
 * is NaN), t below the underflow threshold (v = -inf, m = +inf) gives 0,
 * NaN gives NaN.
 * float32: faex32_exp on the pair, <= 0.98 ULP as fa_exp_f32 (exhaustive).
 * float64: faex64_exp_core on the pair, 1 + p as an exact pair, one
 * rounding (0.59 ULP as fa_exp_f64). */
FA_INLINE float fa_softmax_exp_f32(float v, float m)
{
    float tl;
    float t = fa32_two_sum(v, -m, &tl);
    int eq = v == m;
    int low = t < -104.0f;
    t = eq ? 0.0f : (low ? -104.0f : t);
    tl = (eq || low) ? 0.0f : tl;
    return faex32_exp(t, tl);
}

/* How fa_softmax_exp_normal_f32 takes the exact difference v - m = t + tl
 * for a whole block (the caller picks, fa_softmax_order_f32):
 *   FA_SMX_TWO_SUM  Knuth's two-sum (6 operations, any v and m);
 *   FA_SMX_M_FIRST  Fast2Sum with -m first (3 operations), exact when
 *                   exponent(m) >= exponent(v) for every v of the block;
 *   FA_SMX_V_FIRST  Fast2Sum with v first, exact when |v| >= |m|, which
 *                   holds for every v <= m <= 0.
 * Fast2Sum(a, b) is exact in binary round-to-nearest when exponent(a) >=
 * exponent(b); both orders give the same t and tl as the two-sum. */
#define FA_SMX_TWO_SUM 0
#define FA_SMX_M_FIRST 1
#define FA_SMX_V_FIRST 2

/* The order for a block of values in [vmin, m], m the running maximum (a
 * float, finite): V_FIRST when m <= 0; M_FIRST when m > 0 and every |v|
 * is below 2^(exponent(m) + 1), i.e. -vmin < that power of two; else
 * TWO_SUM.  (A NaN vmin, which the caller's min skips anyway, gives
 * TWO_SUM or V_FIRST: NaN propagates through every order.) */
FA_INLINE int fa_softmax_order_f32(float vmin, float m)
{
    if (m <= 0.0f) return FA_SMX_V_FIRST;
    /* 2^(exponent(m) + 1); +inf for the top binade (then any finite vmin
     * qualifies); FLT_MIN for subnormal m, whose exponent is the minimum */
    const float p2 = fa_from_bits_f32((fa_bits_f32(m) & 0x7f800000u) + 0x00800000u);
    return -vmin < p2 ? FA_SMX_M_FIRST : FA_SMX_TWO_SUM;
}

/* The float32 fast path of fa_softmax_exp_f32, for blocks where the caller
 * has checked that m is finite and every v - m >= -87 (so that e^(v - m) is
 * a normal float and 2^k below is one too); v may be NaN.  order (a
 * constant after inlining) picks how the exact difference t + tl is formed
 * (FA_SMX_*: the same t and tl each way).  Then a = k ln2 + r (Cody-Waite,
 * float, fa32_reduce_scale: 2^k from the bits of the biased shifter), the low
 * part tl added to r (|tl| <= 2^-18, one rounding <= 2^-26 absolute), and
 * e = 2^k + 2^k expm1(r) with one rounding (FMA; without FMA 2^k expm1(r)
 * is exact, a power-of-two product), expm1 by the degree-6 polynomial
 * (faex32_expm1_poly4, 1.03e-8 relative: the degree-7 one measured 1.15
 * ULP here, and cost one FMA more).  Against the general form it drops the
 * exact pair 1 + expm1(r) and the two-step scaling into subnormals.
 * Measured error (dev/math_expfam: make smexp, 2e8 pairs): 1.22 ULP with
 * FMA, 1.20 without.
 * v == m gives exactly 1 (t = tl = r = 0). */
FA_INLINE float fa_softmax_exp_normal_f32(float v, float m, const int order)
{
    float t, tl;
    if (order == FA_SMX_M_FIRST) {
        t = v - m;
        tl = v - (t + m);
    } else if (order == FA_SMX_V_FIRST) {
        t = v - m;
        tl = -m - (t - v);
    } else {
        t = fa32_two_sum(v, -m, &tl);
    }
    float s;
    const float r = fa32_reduce_scale(t, &s) + tl;
    return fa32_fma(faex32_expm1_poly4(r), s, s);
}

FA_INLINE double fa_softmax_exp_f64(double v, double m)
{
    double tl;
    double t = fa64_two_sum(v, -m, &tl);
    int eq = v == m;
    int low = t < -746.0;
    t = eq ? 0.0 : (low ? -746.0 : t);
    tl = (eq || low) ? 0.0 : tl;
    double n, pl;
    double p = faex64_exp_core(t, tl, &n, &pl);
    double h = 1.0 + p;
    double hl = ((1.0 - h) + p) + pl;
    return faex64_ldexp2(h + hl, n);
}

/* The pass-2 factor of softmax, e^(bm - m) / sum, as a pair hi + *lo,
 * given 1/sum as the pair ih + il (bm <= m, both finite or bm = m).  Scalar
 * (once per block).  The difference is an exact two-sum pair, e^ is the
 * hi/lo form of faex64_exp_core, the products are exact two-products
 * (fa64_two_prod: FMA, or Dekker's without it): the pair is good to
 * ~2^-100 relative,
 * and float64 softmax rounds once, in y = e hi + e lo. */
FA_INLINE double fa_softmax_factor(double bm, double m, double ih, double il, double *lo)
{
    if (bm == m) {
        *lo = il;
        return ih;
    }
    double tl;
    double t = fa64_two_sum(bm, -m, &tl);
    if (!(t > -746.0)) {   /* the factor underflows (or bm = -inf) */
        *lo = 0.0;
        return 0.0;
    }
    double n, pl;
    double p = faex64_exp_core(t, tl, &n, &pl);
    double h = 1.0 + p;
    double hl = ((1.0 - h) + p) + pl;
    double e;
    double ch = fa64_two_prod(h, ih, &e);
    double cl = e + (h * il + hl * ih);
    double sc = fa64_pow2i(n < -1000.0 ? -1000.0 : n);   /* n < -1000: all products underflow */
    *lo = cl * sc;
    return ch * sc;
}

/* (rh + rl + k) e^(m - bm) back into the pair rh + rl (m < bm, both
 * finite, or m = -inf): the running sum of a row when its maximum rises
 * from m to bm.  The factor is fa_softmax_factor's pair and the product an
 * exact two-product, so the sum keeps ~2^-100 relative instead of the
 * 2^-53 per rescale that one rounded factor and product would cost (which
 * float64 results feel: a row whose maximum rises twice was 2 ULP off). */
FA_INLINE void fa_softmax_rescale(double *rh, double *rl, double k, double m, double bm)
{
    double fl;
    const double fh = fa_softmax_factor(m, bm, 1.0, 0.0, &fl);
    double sl;
    const double sh = fa64_two_sum(k, *rh, &sl);
    sl += *rl;
    double pl;
    const double ph = fa64_two_prod(sh, fh, &pl);
    pl += sh * fl + sl * fh;
    *rh = fa64_two_sum(ph, pl, rl);
}

/* (v - m) - L for log_softmax, v <= m, L = log(sum) >= 0 (or NaN).
 * float32: in double, where v - m is exact (both are floats) and the one
 * rounding is the final one (<= 0.5 ULP + L's error of ~2^-52).
 * float64: v - m as an exact two-sum pair; t - L and t have the same sign,
 * so nothing cancels: <= ~1 ULP.  v == m gives -L (also at +inf); v = -inf
 * gives -inf; NaN gives NaN. */
FA_INLINE float fa_softmax_log_f32(float v, double m, double L)
{
    double t = (double)v == m ? 0.0 : (double)v - m;
    return (float)(t - L);
}

FA_INLINE double fa_softmax_log_f64(double v, double m, double L)
{
    double tl;
    double t = fa64_two_sum(v, -m, &tl);
    int eq = v == m;
    t = eq ? 0.0 : t;
    tl = (eq || !(t > -__builtin_inf())) ? 0.0 : tl;
    return (t - L) + tl;
}

#endif /* FASTACT_MATH_EXPFAM_H */
