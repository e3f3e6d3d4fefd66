/*
 * fa_grad_algtrig.h - backward (derivative) element functions of fastact for
 * the algebraic and trigonometric activations:
 *   arctan, softsign, isru, isrlu, bent_identity (PLAIN loops),
 *   sinusoid, sinc (GUARDED loops: _fast_ok / fast / _slow, as the forward),
 *   sinc_normalized (PLAIN),
 * float32 and float64.
 *
 * Every public function is
 *     FA_INLINE float  fa_<name>_grad_f32(float g, float x, fa_scalars_f32 s)
 *     FA_INLINE double fa_<name>_grad_f64(double g, double x, fa_scalars_f64 s)
 * and returns g * f'(x), where f is the forward fa_<name>_<t> of
 * fa_math_algebraic.h / fa_math_trig.h (same parameter slots: isru / isrlu
 * s.a = alpha > 0).  House rules as in those headers: branch-free
 * straight-line code (both sides computed, merged with ternaries), no libm
 * calls in the vectorised paths, no tables, no fmin/fmax, FMA only through
 * FA64_FMA / FA64_HAVE_FMA, no -ffast-math (2Sum / 2Prod steps need IEEE
 * evaluation order).  The production loop is
 *     out[i] = fa_<name>_grad_<t>(g[i], x[i], s)
 * under `#pragma omp simd`; out may alias g or x.  For sinusoid and sinc the
 * GUARDED loop of fa_kernels_impl.h applies (per block of 256: scan
 * fa_<name>_grad_<t>_fast_ok(x), then the vectorised fast loop, or per
 * element fast / _slow; the slow functions call the C library like the
 * forward's slow paths).
 *
 * float32 functions compute in double and round once to float (g is
 * multiplied in double): all measured at 0.5 ULP (+ 0.02 at most) of the
 * exact g f'(x).  float64 functions carry the critical quantities as
 * double-double pairs (2Sum, 2Prod, square-root and division residuals)
 * and fold g in with a final FMA (or product): measured <= 1.7 ULP,
 * isru / isrlu <= 2.7 ULP, sinc / sinc_normalized <= 2.4 ULP away from the
 * zeros of f' and an absolute floor next to them (stated at each
 * function); the sin/cos reductions and polynomials are those of
 * fa_math_trig.h.
 *
 * Accuracy is measured by dev/grad_algtrig/ (README.md there: commands and
 * table) against __float128 (libquadmath) references, with g = 1 and
 * random g (uniform [-4,4] times random powers of two, plus huge / tiny
 * g), error relative to max(|exact|, FLT_MIN / DBL_MIN) in ULP of that.
 * "base" = x86-64 SSE2 (no FMA), "avx2" = -mavx2 -mfma, "avx512" = the
 * AVX-512 set.  Speed: ns/element, 1M elements in [-10,10], out of place,
 * one thread, backward loop (g, x) -> out vs forward loop x -> y in the
 * same process, interleaved, min of 21 (AMD EPYC Zen4, gcc 12.2, shared
 * 2-core machine).  Over the 1.5x budget: sinc_normalized f32 (1.54-1.62)
 * and f64 base (1.64); see there.
 * g = +-inf: not handled specially (the correction terms compute inf * 0,
 * so finite x may give NaN instead of +-inf); g NaN -> NaN everywhere.
 */
#ifndef FASTACT_GRAD_ALGTRIG_H
#define FASTACT_GRAD_ALGTRIG_H

#include "fa_math_algebraic.h"
#include "fa_math_trig.h"

/* ------------------------------------------------------------------------- */
/* constants                                                                  */
/* ------------------------------------------------------------------------- */

/* sinc'(x) = x P(z), z = x^2, P(z) = sum_{n>=1} c_n z^(n-1),
 * c_n = (-1)^n 2n / (2n+1)!  (Taylor; dev/grad_algtrig/consts.py).  On
 * |x| < 1.25 (z < 1.57; the float64 paths use the series up to there, so
 * that the cancelling form is only used where |x C - S| >= T/2.6) the
 * first omitted term c_11 z^10 is 2^-62 of c_1 (c_1..c_10, c_1 as a
 * double pair).  The float32 paths use the series only on the forward's
 * k = 0 interval |x| <~ pi/4, in the form (-1/2 + z C(z)) - S(z) of the
 * sin / cos polynomials (faga_sincos_d; ~2^-50 there). */
#define FAGA_SD1 -0x1.5555555555555p-2
#define FAGA_SD1L -0x1.5555555555555p-56
#define FAGA_SD2 0x1.1111111111111p-5
#define FAGA_SD3 -0x1.3813813813814p-10
#define FAGA_SD4 0x1.71de3a556c734p-16
#define FAGA_SD5 -0x1.0cfeb60f94b0ep-22
#define FAGA_SD6 0x1.08db48ebe51c7p-29
#define FAGA_SD7 -0x1.78af56a4d411bp-37
#define FAGA_SD8 0x1.952c77030ad4ap-45
#define FAGA_SD9 -0x1.5532eaf516982p-53
#define FAGA_SD10 0x1.ce272b49432cep-62
/* sinc_normalized'(a) = a (pi^2 P(z)), z = (pi a)^2: the same series with
 * the coefficients multiplied by pi^2 (pi^2 c_1 = -pi^2/3 as a pair). */
#define FAGA_SND1 -0x1.a51a6625307d3p+1
#define FAGA_SND1L -0x1.1873d8912200cp-54
#define FAGA_SND2 0x1.50e1eb50f3976p-2
#define FAGA_SND3 -0x1.810231811663dp-7
#define FAGA_SND4 0x1.c84e738f82d52p-13
#define FAGA_SND5 -0x1.4bdbf6f4020f6p-19
#define FAGA_SND6 0x1.46c0f327647d7p-26
#define FAGA_SND7 -0x1.d0b765325607bp-34
#define FAGA_SND8 0x1.f3dceded00085p-42
#define FAGA_SND9 -0x1.a4eff0c7943cep-50
#define FAGA_SND10 0x1.1d1446f63bc25p-58

#define FAGA_PI2_H 0x1.3bd3cc9be45dep+3     /* pi^2 = PI2_H + PI2_L */
#define FAGA_PI2_L 0x1.692b71366cc04p-51

/* ------------------------------------------------------------------------- */
/* private helpers                                                            */
/* ------------------------------------------------------------------------- */

/* 1 - d * q, accurately (exact with FMA; 2Prod without: callers keep
 * |d| <= 2^995 where the result is used), for q ~ 1/d:
 * 1/d = q (1 + e) to first order. */
FA_INLINE double faga_recip_err(double d, double q)
{
#if FA64_HAVE_FMA
    return __builtin_fma(-d, q, 1.0);
#else
    double pl;
    double p = fa64_two_prod(d, q, &pl);
    return (1.0 - p) - pl;
#endif
}

/* v - s * s accurately (exact with FMA when s = RN(sqrt v); 2Prod without). */
FA_INLINE double faga_sqrt_res(double v, double s)
{
#if FA64_HAVE_FMA
    return __builtin_fma(-s, s, v);
#else
    double pl;
    double p = faal_two_prod(s, s, &pl);
    return (v - p) - pl;
#endif
}

/* sin r and cos r in double with the float64-quality polynomials of
 * fa_math_trig.h (SIN deg 6, COS deg 5, ~2^-57), for a double r with
 * |r| <= pi/4 (float32 paths of sinc / sinc_normalized, where the
 * cancellation next to the zeros of f' needs more than the SINF / COSF
 * polynomials' 2^-35). */
FA_INLINE void faga_sincos_d(double r, double *sn, double *cs, double *dp)
{
    double z = r * r;
    double S = FA64_FMA(z, FATR_SIN6, FATR_SIN5);
    S = FA64_FMA(S, z, FATR_SIN4);
    S = FA64_FMA(S, z, FATR_SIN3);
    S = FA64_FMA(S, z, FATR_SIN2);
    S = FA64_FMA(S, z, FATR_SIN1);
    S = FA64_FMA(S, z, FATR_SIN0);
    *sn = FA64_FMA(r * z, S, r);
    double C = FA64_FMA(z, FATR_COS5, FATR_COS4);
    C = FA64_FMA(C, z, FATR_COS3);
    C = FA64_FMA(C, z, FATR_COS2);
    C = FA64_FMA(C, z, FATR_COS1);
    C = FA64_FMA(C, z, FATR_COS0);
    /* cos r = 1 + z (-1/2 + z C(z)) (rounding error ~2^-53 |cos r|) */
    double cq = FA64_FMA(z, C, -0.5);
    *cs = FA64_FMA(z, cq, 1.0);
    /* (r cos r - sin r) / r^3 = (cos r - 1)/z - (sin r - r)/(r z)
     * = (-1/2 + z C(z)) - S(z): no cancellation (-1/2 vs -1/6), the sinc'
     * series for the k = 0 interval from the same polynomials */
    *dp = cq - S;
}

/* a*b = p + *lo exactly; FMA, or the overflow-safe Dekker product of
 * fa_math_algebraic.h (operands up to DBL_MAX). */
FA_INLINE double faga_two_prod_safe(double a, double b, double *lo)
{
    return faal_two_prod(a, b, lo);
}

/* a * b + c with one rounding where FMA exists (a b exact up to the
 * final rounding), else a*b + c (two roundings; base build only). */
FA_INLINE double faga_mul_add(double a, double b, double c)
{
    return FA64_FMA(a, b, c);
}

/* g * sign(x) (sign bit of x xor-ed into g) */
FA_INLINE double faga_xorsign(double g, double x)
{
    return fa_from_bits_f64(fa_bits_f64(g) ^ (fa_bits_f64(x) & 0x8000000000000000ULL));
}

/* ------------------------------------------------------------------------- */
/* arctan                                                                     */
/* ------------------------------------------------------------------------- */

/* arctan': 1 / (1 + x^2).
 * f32: in double, D = 1 + x^2 (x^2 exact, <= 2^256), g / D, one rounding
 * to float (true value underflows to 0 / a subnormal gracefully).
 * f64: |x| <= 2^490: D = 1 + x^2 as a pair th + tl (2Prod, 2Sum);
 * |x| > 2^490: x and g are scaled by 2^-600 and D = xs^2 (the 1 is below
 * 2^-980 relative), the result scaled back by 2^-600 (no overflow of
 * x^2, no premature underflow).  inv = 1/th (the one division), e = 1 -
 * th inv (exact), y0 = g inv, y = g inv + y0 (e - tl inv) (one FMA:
 * g inv is not rounded separately).
 * Special: x = +-inf -> g * 0 (+-0; NaN if g is inf), NaN -> NaN, x = 0 -> g.
 * Measured (vs __float128, g = 1 and random g): f32 max 0.500 ULP on
 * base/avx2/avx512 (1M sampled points + every 4099th bit pattern); f64
 * (1M points) max 1.02 / 0.86 / 0.86 ULP (base/avx2/avx512; the max sits
 * next to the underflow threshold, elsewhere ~0.5).
 * Speed ns/elem bwd (fwd, ratio): f32 base 0.65 (2.85, 0.23), avx2 0.31
 * (0.98, 0.32), avx512 0.32 (0.81, 0.39); f64 base 4.83 (11.3, 0.43),
 * avx2 2.26 (3.17, 0.71), avx512 1.21 (2.22, 0.54). */
FA_INLINE float fa_arctan_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
    double d = (double)x;
    return (float)((double)g / FA64_FMA(d, d, 1.0));
}

FA_INLINE double fa_arctan_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    double ax = fa64_abs(x);
    int big = ax > 0x1p490;
    double xs = big ? ax * 0x1p-600 : ax;
    double gs = big ? g * 0x1p-600 : g;
    double pl;
    double p = fa64_two_prod(xs, xs, &pl);
    double e1;
    double th = fa64_two_sum(1.0, p, &e1);
    double tl = e1 + pl;
    th = big ? p : th;
    tl = big ? pl : tl;
    double inv = 1.0 / th;
    double e = faga_recip_err(th, inv);
    double y0 = gs * inv;
    double y = faga_mul_add(gs, inv, y0 * FA64_FMA(-tl, inv, e));
    y = big ? y * 0x1p-600 : y;
    return ax == __builtin_inf() ? g * 0.0 : y;
}

/* ------------------------------------------------------------------------- */
/* softsign                                                                   */
/* ------------------------------------------------------------------------- */

/* softsign': 1 / (1 + |x|)^2.
 * f32: in double, D = 1 + |x| (error <= 2^-53 relative), g / (D D), one
 * rounding to float.
 * f64: |x| <= 2^510: 1 + |x| = dh + dl (2Sum); |x| > 2^510: dh = |x| 2^-600
 * (the 1 is negligible), g scaled by 2^-600 and the result by 2^-600.
 * inv = 1/dh, e = 1 - dh inv (exact), g inv = a + al (2Prod),
 * y = a inv + (al inv + 2 y0 (e - dl inv)), y0 = a inv, the first product
 * fused (one FMA), so ~0.5 ULP (no intermediate overflow: every factor
 * <= 1 in the unscaled case).
 * Special: +-inf -> g * 0, NaN -> NaN, +-0 -> g.  Kink-free (f' continuous
 * at 0, value 1).
 * Measured: f32 max 0.500 ULP every ISA (1M points + 4099-stride sweep);
 * f64 (1M) max 1.38 ULP every ISA (at results next to DBL_MIN, where the
 * correction terms are subnormal; ~0.5 elsewhere).
 * Speed bwd (fwd, ratio): f32 base 0.66 (2.53, 0.26), avx2 0.31 (0.72,
 * 0.43), avx512 0.32 (0.56, 0.57); f64 base 6.36 (6.22, 1.02), avx2 1.07
 * (0.92, 1.16), avx512 0.99 (0.75, 1.33). */
FA_INLINE float fa_softsign_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
    double D = 1.0 + faal_abs((double)x);
    return (float)((double)g / (D * D));
}

FA_INLINE double fa_softsign_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    double ax = fa64_abs(x);
    int big = ax > 0x1p510;
    double dl;
    double dh = fa64_two_sum(1.0, ax, &dl);
    dh = big ? ax * 0x1p-600 : dh;
    dl = big ? 0.0 : dl;
    double gs = big ? g * 0x1p-600 : g;
    double inv = 1.0 / dh;
    double e = faga_recip_err(dh, inv);
    double al;
    double a = faga_two_prod_safe(gs, inv, &al);   /* g inv = a + al */
    double y0 = a * inv;
    double c = FA64_FMA(-dl, inv, e);
    double y = faga_mul_add(a, inv, FA64_FMA(al, inv, y0 * (2.0 * c)));
    y = big ? y * 0x1p-600 : y;
    return ax == __builtin_inf() ? g * 0.0 : y;
}

/* ------------------------------------------------------------------------- */
/* isru, isrlu                                                                */
/* ------------------------------------------------------------------------- */

/* isru': (1 + alpha x^2)^(-3/2), alpha = s.a > 0.
 * f32: in double, x clamped to +-2^200 (as the forward; only +-inf moves,
 * and there the result is 0 anyway), T = 1 + alpha x^2 (x^2 exact),
 * g / (T sqrt(T)), one rounding to float (T^1.5 <= 2^792: no overflow).
 * f64: with w = sqrt(1 + alpha x^2), f' = w^-3, computed as
 * y = g iw^3 (1 + 3 c), iw = 1/wh (the one division), wh (1 + rel) = w,
 * c = e - rel, e = 1 - wh iw (exact):
 *   u = alpha x^2 <= 2^60: T = 1 + alpha x^2 as a pair th + tl (2Prod,
 *     2Prod, 2Sum as the forward), wh = sqrt(th), rel = (th - wh^2 + tl) /
 *     (2 wh^2) (residual exact with FMA, 2Prod without);
 *   u > 2^60: the 1 is dropped (relative 2^-60): w = sqrt(alpha) |x|,
 *     sqrt taken of alpha scaled by 2^1000 when alpha < 2^-900 (so that the
 *     square-root residual does not underflow), wh = sqrt(alpha) |x| with
 *     its 2Prod error folded into rel;  wh > 2^800 (incl. x = +-inf) gives
 *     g * 0: the true value is below 2^-2400 |g|.
 *   g iw^3 = ((g iw) iw) iw, the last product fused with the correction
 *   (one FMA): each factor < 1, so no spurious overflow, and an
 *   intermediate underflow implies a result below DBL_MIN.
 * Special: x = +-inf -> g * 0, NaN -> NaN, 0 -> g.
 * Measured: f32 max 0.500 ULP every ISA (1M points for alpha 1, 0.25, 3;
 * 250k for 1e-6, 1e6, 1.4e-45, 3e38; 4099-stride sweep for 1, 3, 1e-6);
 * f64 max 2.50 / 2.27 / 2.27 ULP (base/avx2/avx512; 1M points for alpha
 * 1, 0.25, 3, 250k each for 1e-6, 1e6, 1e-300, 1e300, 5e-324, 1.7e308).
 * Speed bwd (fwd, ratio): f32 base 1.87 (1.88, 0.99), avx2 0.93 (0.94,
 * 0.99), avx512 0.85 (0.85, 1.00); f64 base 13.2 (14.1, 0.94), avx2 2.25
 * (1.56, 1.44), avx512 1.51 (1.14, 1.32).
 * isrlu': x >= 0 ? g : isru'(x)  (both sides are 1 at 0: no kink;
 * +inf -> g, -inf -> g * 0, NaN -> NaN).  Measured as isru: f32 0.500
 * ULP; f64 2.63 / 2.12 / 2.12 ULP.  Speed bwd (fwd, ratio): f32 base 1.87
 * (1.98, 0.94), avx2 0.94 (0.95, 0.99), avx512 0.85 (0.86, 1.00); f64
 * base 13.3 (14.1, 0.94), avx2 2.32 (1.60, 1.45), avx512 1.56 (1.17,
 * 1.33). */
FA_INLINE float fa_isru_grad_f32(float g, float x, fa_scalars_f32 s)
{
    double d = (double)x;
    d = d > 0x1p200 ? 0x1p200 : (d < -0x1p200 ? -0x1p200 : d);
    double T = FA64_FMA((double)s.a, d * d, 1.0);
    return (float)((double)g / (T * __builtin_sqrt(T)));
}

FA_INLINE double fa_isru_grad_f64(double g, double x, fa_scalars_f64 s)
{
    const double a = s.a;
    double ax = fa64_abs(x);
    int big = (a * ax) * ax > 0x1p60;
    /* regime 1: T = 1 + a x^2 = th + tl */
    double p1l;
    double p1h = faal_two_prod(a, ax, &p1l);      /* alpha may be > 2^995 */
    double u1l;
    double u1h = faal_two_prod(p1h, ax, &u1l);
    double ul = FA64_FMA(p1l, ax, u1l);
    double tl0;
    double th = fa64_two_sum(1.0, u1h, &tl0);
    double tl = tl0 + ul;
    /* regime 2: sqrt(alpha) on a scaled copy */
    int tiny = a < 0x1p-900;
    double as = tiny ? a * 0x1p1000 : a;
    double opnd = big ? as : th;
    double sq = __builtin_sqrt(opnd);
    double rr = faga_sqrt_res(opnd, sq) + (big ? 0.0 : tl);
    double sa = tiny ? sq * 0x1p-500 : sq;       /* sqrt(alpha), exact scaling */
    double wbl;
    double wb = faal_two_prod(sa, ax, &wbl);      /* ax may be > 2^995 */
    double wh = big ? wb : sq;
    double iw = 1.0 / wh;
    double e = faga_recip_err(wh, iw);
    /* 1/sq: iw (regime 1), or (ax scale) iw (regime 2) -- a correction term */
    double isq = big ? (ax * (tiny ? 0x1p-500 : 1.0)) * iw : iw;
    double rel = (0.5 * rr) * (isq * isq) + (big ? wbl * iw : 0.0);
    double c = e - rel;
    /* g iw^3 (1 + 3c) = b iw + 3 c y0, b = (g iw) iw, the last product
     * fused with the correction (2Prods for b would give ~1 ULP instead
     * of ~2.4, at ~10% more time: over the 1.5x budget on avx2) */
    double b = (g * iw) * iw;
    double y0 = b * iw;
    double y = faga_mul_add(b, iw, y0 * (3.0 * c));
    return wh > 0x1p800 ? g * 0.0 : y;
}

FA_INLINE float fa_isrlu_grad_f32(float g, float x, fa_scalars_f32 s)
{
    float y = fa_isru_grad_f32(g, x, s);
    return x >= 0.0f ? g : y;
}

FA_INLINE double fa_isrlu_grad_f64(double g, double x, fa_scalars_f64 s)
{
    double y = fa_isru_grad_f64(g, x, s);
    return x >= 0.0 ? g : y;
}

/* ------------------------------------------------------------------------- */
/* bent_identity                                                              */
/* ------------------------------------------------------------------------- */

/* bent_identity': 1 + x / (2 sqrt(x^2 + 1)), in (1/2, 3/2).  1 + v with
 * |v| < 1/2 never cancels (result >= 1/2), also as x -> -inf (f' -> 1/2).
 * x is clamped to +-2^60 (beyond, v = +-1/2 to 2^-121 relative; +-inf
 * give 1 and 1/2... i.e. g * 3/2 and g * 1/2 as the limits).
 * f32: in double, one rounding to float.
 * f64: x^2 + 1 = th + tl (2Prod, 2Sum), st = sqrt(th), is = 1/st (the one
 * division), sqrt(x^2+1) = st (1 + rel), rel = (th - st^2 + tl) is^2 / 2,
 * e = 1 - st is; v = (x/2) is (1 + e - rel) with (x/2) is as an exact
 * 2Prod; 1 + v = fh + fl (Fast2Sum), y = g fh + g fl (one FMA).
 * Special: +inf -> 1.5 g, -inf -> 0.5 g, NaN -> NaN, 0 -> g.
 * Measured: f32 max 0.500 ULP every ISA; f64 (1M) max 0.998 / 0.611 /
 * 0.611 ULP (base/avx2/avx512).
 * Speed bwd (fwd, ratio): f32 base 2.14 (7.54, 0.28), avx2 1.04 (3.36,
 * 0.31), avx512 0.86 (2.29, 0.38); f64 base 9.44 (11.7, 0.81), avx2 2.02
 * (2.62, 0.77), avx512 1.27 (1.69, 0.75). */
FA_INLINE float fa_bent_identity_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
    double d = (double)x;
    d = d > 0x1p60 ? 0x1p60 : (d < -0x1p60 ? -0x1p60 : d);
    double v = d / (2.0 * __builtin_sqrt(FA64_FMA(d, d, 1.0)));
    return (float)((double)g * (1.0 + v));
}

FA_INLINE double fa_bent_identity_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    double xc = x > 0x1p60 ? 0x1p60 : (x < -0x1p60 ? -0x1p60 : x);
    double pl;
    double p = fa64_two_prod(xc, xc, &pl);
    double e1;
    double th = fa64_two_sum(1.0, p, &e1);
    double tl = e1 + pl;
    double st = __builtin_sqrt(th);
    double is = 1.0 / st;
    double rel = (0.5 * (faga_sqrt_res(th, st) + tl)) * (is * is);
    double e = faga_recip_err(st, is);
    double vl0;
    double vh = fa64_two_prod(0.5 * xc, is, &vl0);
    double vl = FA64_FMA(vh, e - rel, vl0);
    double fl0;
    double fh = faal_fast_two_sum(1.0, vh, &fl0);
    double fl = fl0 + vl;
    return FA64_FMA(g, fh, g * fl);
}

/* ------------------------------------------------------------------------- */
/* sinusoid                                                                   */
/* ------------------------------------------------------------------------- */

/* sinusoid': cos x, over the whole range (GUARDED like the forward).
 * Fast path (fast_ok = the forward's: |x| <= 2^29 (f32); f64 |x| <= 2^40
 * with FMA, 2^26 without; and NaN / +-inf): the forward's reduction
 * x = k pi/2 + r and sin r / cos r, cos x = quadrant k+1 of (sin r, cos r)
 * (relative accuracy next to the zeros of cos, as the forward's sin).
 * f32: in double (SINF / COSF polynomials, 2^-35), times g in double, one
 * rounding.  f64: the pairs H + L (fatr_sincos_f64), y = g H + g L (one
 * FMA).
 * Slow path (|x| beyond the fast range): f32: g * cos((double)x) in double
 * (C library cos), one rounding; f64: g * cosl(x) in long double, rounded
 * to double (glibc's double cos is not relatively accurate next to the
 * zeros for huge x, see fa_sinusoid_f64_slow).
 * Special: +-inf -> NaN (cos has no limit), NaN -> NaN, 0 -> g.
 * Measured (guarded loop; hard points: the floats / doubles nearest to
 * (k + 1/2) pi, k up to 2^31 / 2^42, +-3 ulps): f32 max 0.500 ULP every
 * ISA (fast loop alone and slow function alone the same); f64 (1M + 4M)
 * max 1.70 / 0.98 / 0.98 ULP (base/avx2/avx512), no floor needed (cos is
 * relatively accurate next to its zeros), slow path alone 0.50 ULP.
 * Speed ([-10,10], bwd (fwd, ratio)): f32 base 3.01 (2.70, 1.11), avx2
 * 1.14 (1.04, 1.09), avx512 0.89 (0.81, 1.10); f64 base 8.51 (8.58,
 * 0.99), avx2 2.35 (2.27, 1.04), avx512 1.61 (1.55, 1.05). */
FA_INLINE int fa_sinusoid_grad_f32_fast_ok(float x)
{
    return fa_sinusoid_f32_fast_ok(x);
}

FA_INLINE float fa_sinusoid_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
    uint64_t qb;
    double kd;
    double r = fatr_reduce_f32((double)x, &qb, &kd);
    double z = r * r;
    double sn = FA64_FMA(r * z, fatr_sinf_poly(z), r);
    double cs = FA64_FMA(z, fatr_cosf_poly(z), 1.0);
    return (float)((double)g * fatr_quadrant(qb + 1u, sn, cs));
}

FATR_SLOW_FN float fa_sinusoid_grad_f32_slow(float g, float x, fa_scalars_f32 s)
{
    (void)s;
    return (float)((double)g * cos((double)x));
}

FA_INLINE int fa_sinusoid_grad_f64_fast_ok(double x)
{
    return fa_sinusoid_f64_fast_ok(x);
}

FA_INLINE double fa_sinusoid_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    uint64_t qb;
    double kd, rl, sl, cl, S;
    double rh = fatr_reduce_f64(x, &rl, &qb, &kd);
    double ch = fatr_sincos_f64(rh, rl, &sl, &cl, &S);
    double H = fatr_quadrant(qb + 1u, rh, ch);
    double L = fatr_quadrant(qb + 1u, sl, cl);
    return FA64_FMA(g, H, g * L);
}

FATR_SLOW_FN double fa_sinusoid_grad_f64_slow(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    return (double)((long double)g * cosl((long double)x));
}

/* ------------------------------------------------------------------------- */
/* sinc                                                                       */
/* ------------------------------------------------------------------------- */

/* sinc' (sinc = sin(x)/x, unnormalised): (x cos x - sin x) / x^2, GUARDED
 * like the forward (same fast_ok).
 * With the forward's reduction x = k pi/2 + r: S = sin x, C = cos x
 * (quadrants k, k+1), N = x C - S, f' = N / x^2.  N cancels next to the
 * zeros of f' (tan x = x; the terms there are ~1, |x C| ~ |S|) and near 0
 * (N ~ -x^3/3), where a series is used instead:
 * f32: in double with the float64 SIN / COS polynomials (faga_sincos_d;
 *   the float32 ones, 2^-35, are far too coarse: the float nearest to the
 *   first zero 4.4934 has x |x - x0| = 2^-20.3, and that is the factor by
 *   which N's absolute error is amplified), N = x C - S (one FMA where
 *   available), / x^2 (exact in double); k = 0 (|x| <~ pi/4): the series
 *   x ((-1/2 + z C(z)) - S(z)) from the same polynomials (no
 *   cancellation); times g in double, one rounding to float.
 * f64: the pairs S = Hs + Ls, C = Hc + Lc (fatr_sincos_f64), N = x C - S
 *   as a pair (2Prod x Hc, 2Sum with -Hs, low terms), q = N / x^2 with the
 *   division residual (x^2 as a 2Prod pair, one division), y = g q0 + g q1;
 *   |x| < 1.25: Taylor series c_1..c_10 (c_1 a pair): y = (g x)(c_1 + z Q).
 *   FLOOR (f64 only): next to the zeros of f' the error is bounded by
 *     |y - g f'(x)| <= K 2^-53 |g| T,  T = (|x cos x| + |sin x|) / x^2
 *   (the cancelling terms), measured K <= 0.026 (the ~2^-57 relative error
 *   of the sin / cos polynomials); away from the zeros <= 2.11 ULP.
 * Slow path (|x| beyond the fast range): f32: (x cos x - sin x)/x^2 in
 * double with the C library sin / cos; f64: the same in long double
 * (sinl / cosl), rounded to double once (the cancellation is harmless
 * there: |x - x0| |x| is large for every representable x).
 * Special: +-inf -> g * 0 (limit 0), NaN -> NaN, +-0 -> g * +-0 (f'(0) = 0).
 * Measured (hard points: the floats / doubles nearest to the zeros of f',
 * the first 64 and log-uniform k up to 2^31 / 2^42, +-3 ulps; around
 * pi/4 and 1.25): f32 max 0.500 ULP every ISA (also every float within
 * +-64 ulps of the first 3000 zeros, dev zeros32); f64 (1M + 4M):
 * max 2.11 ULP every ISA where |f'| >= T/64 or |x| < 1 (worst at the end
 * of the series, x = 1.2), floor K <= 0.021 (avx2/avx512), 0.026 (base)
 * next to the zeros.
 * Speed ([-10,10], bwd (fwd, ratio)): f32 base 5.65 (3.91, 1.45), avx2
 * 2.00 (1.36, 1.47), avx512 1.36 (0.96, 1.42); f64 base 15.7 (11.5, 1.37),
 * avx2 4.30 (3.23, 1.33), avx512 3.02 (2.15, 1.40). */
FA_INLINE int fa_sinc_grad_f32_fast_ok(float x)
{
    return fa_sinc_f32_fast_ok(x);
}

FA_INLINE float fa_sinc_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
    uint64_t qb;
    double kd;
    double xd = (double)x;
    double r = fatr_reduce_f32(xd, &qb, &kd);
    double sn, cs, dp;
    faga_sincos_d(r, &sn, &cs, &dp);
    double S = fatr_quadrant(qb, sn, cs);
    double C = fatr_quadrant(qb + 1u, sn, cs);
    double yb = FA64_FMA(xd, C, -S) / (xd * xd);
    double y = kd == 0.0 ? xd * dp : yb;
    float yf = (float)((double)g * y);
    return faal_absf(x) == __builtin_inff() ? g * 0.0f : yf;
}

FATR_SLOW_FN float fa_sinc_grad_f32_slow(float g, float x, fa_scalars_f32 s)
{
    if (fa_sinc_grad_f32_fast_ok(x)) return fa_sinc_grad_f32(g, x, s);
    double xd = (double)x;
    double N = xd * cos(xd) - sin(xd);
    return (float)((double)g * (N / (xd * xd)));
}

FA_INLINE int fa_sinc_grad_f64_fast_ok(double x)
{
    return fa_sinc_f64_fast_ok(x);
}

FA_INLINE double fa_sinc_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    uint64_t qb;
    double kd, rl, sl, cl, Sp;
    double rh = fatr_reduce_f64(x, &rl, &qb, &kd);
    double ch = fatr_sincos_f64(rh, rl, &sl, &cl, &Sp);
    double Hs = fatr_quadrant(qb, rh, ch);
    double Ls = fatr_quadrant(qb, sl, cl);
    double Hc = fatr_quadrant(qb + 1u, rh, ch);
    double Lc = fatr_quadrant(qb + 1u, sl, cl);
    /* N = x C - S = nh + nl */
    double pe;
    double p = fa64_two_prod(x, Hc, &pe);
    double ne;
    double nh = fa64_two_sum(p, -Hs, &ne);
    double nl = ne + (pe + FA64_FMA(x, Lc, -Ls));
    /* q = N / x^2, x^2 = dh + dl */
    double dl;
    double dh = fa64_two_prod(x, x, &dl);
    double inv = 1.0 / dh;
    double q0 = nh * inv;
    double ql;
    double qp = fa64_two_prod(q0, dh, &ql);
    double q1 = ((((nh - qp) - ql) + nl) - q0 * dl) * inv;
    double yb = FA64_FMA(g, q0, g * q1);
    /* |x| < 1.25: Taylor series (the cancelling form above loses
     * log2(T/|f'|) bits of the ~2^-57 sin / cos polynomial error: up to
     * 3.4 ULP just above pi/4; below 1.25 the series is better) */
    double z = x * x;
    double Q = FA64_FMA(z, FAGA_SD10, FAGA_SD9);
    Q = FA64_FMA(Q, z, FAGA_SD8);
    Q = FA64_FMA(Q, z, FAGA_SD7);
    Q = FA64_FMA(Q, z, FAGA_SD6);
    Q = FA64_FMA(Q, z, FAGA_SD5);
    Q = FA64_FMA(Q, z, FAGA_SD4);
    Q = FA64_FMA(Q, z, FAGA_SD3);
    Q = FA64_FMA(Q, z, FAGA_SD2);
    double P = FAGA_SD1 + FA64_FMA(Q, z, FAGA_SD1L);
    double ys = (g * x) * P;
    double y = fa64_abs(x) < 1.25 ? ys : yb;
    return fa64_abs(x) == __builtin_inf() ? g * 0.0 : y;
}

FATR_SLOW_FN double fa_sinc_grad_f64_slow(double g, double x, fa_scalars_f64 s)
{
    if (fa_sinc_grad_f64_fast_ok(x)) return fa_sinc_grad_f64(g, x, s);
    long double xl = (long double)x;
    long double N = xl * cosl(xl) - sinl(xl);
    return (double)((long double)g * (N / (xl * xl)));
}

/* ------------------------------------------------------------------------- */
/* sinc_normalized                                                            */
/* ------------------------------------------------------------------------- */

/* sinc_normalized' (f = sin(pi x)/(pi x)): odd, computed on a = |x| with
 * g's sign flipped for x < 0:
 *   f'(a) = (u cos(pi a) - sin(pi a)) / (u a),  u = pi a.
 * Reduction as the forward: n = round(2a), r = a - n/2 exact (|r| <= 1/4),
 * sin / cos(pi a) = quadrants n, n+1 of sin / cos(pi r): relative accuracy
 * next to integers and half-integers; at integers sin(pi a) = 0 exactly and
 * the result is g (-1)^a / a (correctly rounded in f64 up to g's product).
 * f32: in double (float64 SIN / COS polynomials: the float nearest to the
 *   first zero a0 = 1.4303 has a |a - a0| = 2^-26.7), a >= 2^25 reduced
 *   as 2^25 (every float there is an even integer), N = u C - S (one
 *   FMA), / (u a); n = 0 (a < 1/4): pi^2 a ((-1/2 + z C(z)) - S(z)) from
 *   the same polynomials; one rounding to float.
 * f64: pi r and pi a as pairs (2Prod with pi_h, + pi_l), sin / cos pairs
 *   (fatr_sincos_f64), N = u C - S as a pair, D = u a as a pair,
 *   q = N / D with the division residual, y = g q0 + g q1.  a >= 2^52 (all
 *   integers): N = (-1)^a, D = a.  a < 0.4 (u < 1.26): Taylor series
 *   a (pi^2 c_1 + z Q(z)), z = (pi a)^2, pi^2 c_1 as a pair.
 *   FLOOR (f64): next to the zeros of f' (tan(pi x) = pi x) the error is
 *     |y - g f'(x)| <= K 2^-53 |g| T,
 *     T = (|pi x cos(pi x)| + |sin(pi x)|) / (pi x^2),
 *   measured K <= 0.023; away from the zeros <= 2.40 ULP.
 * Special: +-inf -> g * 0, NaN -> NaN, +-0 -> g * 0 (f'(0) = 0); integers
 * n != 0 -> g (-1)^n / n (f32: 0.5 ULP; f64: ~0.5 ULP).
 * Measured (hard points: integers up to 2^24 / 2^53, half-integers, the
 * zeros of f', around 1/4 and 0.4, +-3 ulps): f32 max 0.521 / 0.500 /
 * 0.500 ULP (base/avx2/avx512; every float within +-64 ulps of the first
 * 3000 zeros 0.500); f64 (1M + 4M) max 2.40 ULP every ISA where
 * |f'| >= T/64 or |x| < 1 (subnormal results at |x| ~ 2^1024: 2.8 units
 * of 2^-1074), floor K <= 0.023 (base), 0.013 (avx2/avx512) next to the
 * zeros.
 * Speed ([-10,10], bwd (fwd, ratio)): f32 base 6.31 (3.97, 1.59), avx2
 * 2.36 (1.46, 1.62), avx512 1.51 (0.98, 1.54) -- OVER the 1.5x budget:
 * the forward uses the 2^-35 float32 polynomials, the derivative needs the
 * float64 ones (see above) plus the cos quadrant and the N / D step;
 * f64 base 17.0 (10.4, 1.64, over), avx2 3.93 (2.75, 1.43), avx512 2.85
 * (1.89, 1.50). */
FA_INLINE float fa_sinc_normalized_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
    float af = faal_absf(x);
    double a = (double)af;
    double ac = a > 0x1p25 ? 0x1p25 : a;
    double t = 2.0 * ac + FA64_MAGIC;
    double n2 = t - FA64_MAGIC;
    double r = FA64_FMA(-0.5, n2, ac);
    double w = r * FATR_PI_H;
    double sn, cs, dp;
    faga_sincos_d(w, &sn, &cs, &dp);
    uint64_t qb = fa_bits_f64(t);
    double S = fatr_quadrant(qb, sn, cs);
    double C = fatr_quadrant(qb + 1u, sn, cs);
    double u = a * FATR_PI_H;
    double yb = FA64_FMA(u, C, -S) / (u * a);
    double ys = (a * FAGA_PI2_H) * dp;       /* n = 0: w = pi a */
    double y = n2 == 0.0 ? ys : yb;
    float gs = fa_from_bits_f32(fa_bits_f32(g) ^ (fa_bits_f32(x) & 0x80000000u));
    float yf = (float)((double)gs * y);
    return af == __builtin_inff() ? g * 0.0f : yf;
}

FA_INLINE double fa_sinc_normalized_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    double a = fa64_abs(x);
    double gs = faga_xorsign(g, x);
    uint64_t qb;
    double n2, wh, sl, cl, Sp;
    double ch = fatr_sinpi_reduce_f64(a, &qb, &n2, &wh, &sl, &cl, &Sp);   /* the forward's */
    double Hs = fatr_quadrant(qb, wh, ch);
    double Ls = fatr_quadrant(qb, sl, cl);
    double Hc = fatr_quadrant(qb + 1u, wh, ch);
    double Lc = fatr_quadrant(qb + 1u, sl, cl);
    /* u = pi a = uh + ul */
    double ul;
    double uh = fa64_two_prod(a, FATR_PI_H, &ul);
    ul = FA64_FMA(a, FATR_PI_L, ul);
    /* N = u C - S */
    double pe;
    double p = fa64_two_prod(uh, Hc, &pe);
    double ne;
    double nh = fa64_two_sum(p, -Hs, &ne);
    double nl = ne + (pe + (FA64_FMA(uh, Lc, -Ls) + ul * Hc));
    /* D = u a */
    double De;
    double Dh = fa64_two_prod(uh, a, &De);
    double Dl = FA64_FMA(ul, a, De);
    /* a >= 2^52: integers, f' = (-1)^a / a (a odd only below 2^53) */
    int huge = a >= 0x1p52;
    /* parity of an integer a in [2^52, 2^53): a/2 exact, odd iff it has .5
     * (rounding a/2 + 2^52 to an integer moves it); above 2^53 a is even */
    double h = 0.5 * a;
    double sgn = ((a < 0x1p53) & (((h + 0x1p52) - 0x1p52) != h)) ? -1.0 : 1.0;
    nh = huge ? sgn : nh;
    nl = huge ? 0.0 : nl;
    Dh = huge ? a : Dh;
    Dl = huge ? 0.0 : Dl;
    double inv = 1.0 / Dh;
    double q0 = nh * inv;
    double ql;
    double qp = faal_two_prod(q0, Dh, &ql);       /* Dh = a may be huge */
    double q1 = ((((nh - qp) - ql) + nl) - q0 * Dl) * inv;
    double yb = FA64_FMA(gs, q0, gs * q1);
    /* a >= 2^52: g (-1)^a / a is one correctly rounded division; this also
     * keeps the baseline build (no FMA: Dekker's split of Dh = a overflows
     * near DBL_MAX) away from the corrected quotient above */
    yb = huge ? (gs * sgn) / a : yb;
    /* a < 0.4 (pi a < 1.26): series a (pi^2 P(z)), z = (pi a)^2 */
    double z = uh * uh;
    double Q = FA64_FMA(z, FAGA_SND10, FAGA_SND9);
    Q = FA64_FMA(Q, z, FAGA_SND8);
    Q = FA64_FMA(Q, z, FAGA_SND7);
    Q = FA64_FMA(Q, z, FAGA_SND6);
    Q = FA64_FMA(Q, z, FAGA_SND5);
    Q = FA64_FMA(Q, z, FAGA_SND4);
    Q = FA64_FMA(Q, z, FAGA_SND3);
    Q = FA64_FMA(Q, z, FAGA_SND2);
    double P = FAGA_SND1 + FA64_FMA(Q, z, FAGA_SND1L);
    double ys = (gs * a) * P;
    double y = a < 0.4 ? ys : yb;
    return a == __builtin_inf() ? g * 0.0 : y;
}

#endif /* FASTACT_GRAD_ALGTRIG_H */
