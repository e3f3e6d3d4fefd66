/*
 * fa_grad_sigmoid.h - backward element functions of the sigmoid family:
 * sigmoid, tanh, silu, swish, quick_gelu, logsigmoid, softplus, mish,
 * tanhshrink (float32 and float64).
 *
 *     FA_INLINE float  fa_<name>_grad_f32(float g, float x, fa_scalars_f32 s)
 *     FA_INLINE double fa_<name>_grad_f64(double g, double x, fa_scalars_f64 s)
 * return g * f'(x), with the forward's parameter slots (swish s.a = beta,
 * softplus s.a = beta, s.b = threshold).  Same house style as
 * fa_math_expfam.h: branch-free straight-line code (both sides computed and
 * merged with ternaries), no libm calls, no tables, no fmin/fmax, FMA only
 * through fa32_fma / FA64_FMA, so the production `omp simd` loops vectorise
 * on the x86-64 baseline, AVX2+FMA and AVX-512 and compile for aarch64.
 * Private helpers: fags32_* / fags64_*.
 *
 * Every derivative here is a rational function of E = exp(-|v|) (v = x,
 * 2x or beta x) and of v:  with q = 1/(1 + E),
 *   s(|v|) = q, s(-|v|) = E q, s(v) s(-v) = E q^2;
 *   sigmoid' = E q^2, tanh' = 4 E q^2 (v = 2x), softplus' = s(beta x),
 *   logsigmoid' = s(-x), silu'(v) = s(v) (1 + v s(-v)) =
 *     v >= 0: q + v E q^2,   v < 0: E q^2 (1 + v + E)   (swish, quick_gelu:
 *     d/dx [x s(beta x)] = silu'(beta x));
 *   mish' = tanh(sp) + x sech^2(sp) s(x) with sp = softplus(x); with
 *     w = e^-x (x >= 0): 1 + 2 w^2 (2x (1 + w) - P) / P^2, P = 1 + 2w + 2w^2;
 *     with e = e^x (x < 0): e (4 (1 + x) + e (6 + 4x + 4e + e^2)) / (2 + 2e + e^2)^2;
 *   tanhshrink' = tanh^2.
 * The only cancellations are the zero crossings of silu'/swish' (1 + v + E
 * at v ~ -1.2785) and of mish' (x ~ -1.1906); 1 - tanh^2 is never formed.
 *
 * float32: evaluated in double from the exact float inputs (beta x is exact
 * in double), the product with g included, and rounded once; where a zero
 * crossing needs it, e^v is the double-accurate exp of the float64 layer.
 * float64: E as an exact pair (eh + el) 2^n (faex64_exp_core), 1/(1 + E) as
 * q0 (1 + rr) with an exact residual, products as two-products, the
 * product with g by one FMA, then the power of two in exact steps (results
 * like g e^-1400 with g ~ 1e300 come out right).
 *
 * Accuracy and speed figures: dev/grad_sigmoid (README.md there); see each
 * function.  "base" = x86-64 SSE2 (no FMA), "avx2" = -mavx2 -mfma,
 * "avx512" = the AVX-512 flags.  ULP figures are |y - exact| / ulp(exact)
 * with the exact value g f'(x) (below FLT_MIN / DBL_MIN: absolute error in
 * units of the smallest subnormal).
 */
#ifndef FASTACT_GRAD_SIGMOID_H
#define FASTACT_GRAD_SIGMOID_H

#include "fa_common.h"
#include "fa_math_f32.h"
#include "fa_math_f64.h"
#include "fa_math_expfam.h"

/* ========================================================================= */
/* float64 private helpers                                                    */
/* ========================================================================= */

/* For v = vh + vl (|vl| <= ulp(vh)): E = e^-|v| = (eh + *el) 2^(*n)
 * (eh returned, in [0.7, 1.42]; |v| clamped to 1460, NaN propagates) and
 * q = 1/(1 + E) = *q0 (1 + *rr): 1 + E as an exact pair Dh + Dl (E scaled
 * by 2^max(n, -1022), which only matters where E is negligible), one
 * division, the residual 1 - q0 (Dh + Dl) exact. */
FA_INLINE double fags64_eq(double vh, double vl, double *el, double *n, double *q0, double *rr)
{
    int neg = vh < 0.0;
    double xh = neg ? vh : -vh;           /* -|v| = xh + xl */
    double xl = neg ? vl : -vl;
    int big = xh < -1460.0;
    xh = big ? -1460.0 : xh;
    xl = big ? 0.0 : xl;                  /* vl may be NaN where vh overflowed */
    double nd, pl;
    double p = faex64_exp_core(xh, xl, &nd, &pl);
    double eh = 1.0 + p;
    double l = ((1.0 - eh) + p) + pl;
    double sc = fa64_pow2i(nd < -1022.0 ? -1022.0 : nd);
    double B = eh * sc;
    double Dh = 1.0 + B;
    double Dl = ((1.0 - Dh) + B) + l * sc;
    double q = 1.0 / Dh;
    *rr = faex64_fnma_exact(q, Dh, 1.0) - q * Dl;
    *q0 = q;
    *el = l;
    *n = nd;
    return eh;
}

/* g (Mh + Ml) 2^n for integer-valued n <= 2 (>= -2200), where
 * |M| 2^max(n, -11) <= ~1.5: the mantissa is pre-scaled by
 * 2^max(n, -11) (exact), multiplied by g with one rounding (FMA; two
 * without), and the rest of the power of two (<= 0) applied in exact steps
 * (rounding again only into the subnormal range). */
FA_INLINE double fags64_gscale(double g, double Mh, double Ml, double n)
{
    double j = n < -11.0 ? -11.0 : n;
    double c = fa64_pow2i(j);
    double y = FA64_FMA(g, Mh * c, g * (Ml * c));
    return faex64_ldexp3(y, n - j);
}

/* E q^2 = (eh + el) q0^2 (1 + rr)^2 as a pair (*lo returned separately). */
FA_INLINE double fags64_eq2(double eh, double el, double q0, double rr, double *lo)
{
    double tl;
    double th = fa64_two_prod(eh, q0, &tl);
    tl = FA64_FMA(el, q0, tl);
    double ul;
    double uh = fa64_two_prod(th, q0, &ul);
    ul = FA64_FMA(tl, q0, ul);
    *lo = FA64_FMA(uh, 2.0 * rr, ul);
    return uh;
}

/* g * silu'(v) for v = vh + vl (see the top comment), and, where vh is
 * +-inf because |x| is, the caller's limit.
 *   v >= 0: q + v E q^2 (q >= 1/2, the second term <= 0.224: no
 *     cancellation), q0 + (q0 rr + v E q^2) by a Fast2Sum;
 *   v < 0: E q^2 H, H = 1 + v + E as a pair (two-sums of 1 + vh, the low
 *     part vl and E), times E q^2 as a two-product, then g and 2^n. */
FA_INLINE double fags64_silu_core(double g, double vh, double vl)
{
    double el, n, q0, rr;
    double eh = fags64_eq(vh, vl, &el, &n, &q0, &rr);
    double ul;
    double uh = fags64_eq2(eh, el, q0, rr, &ul);
    double sn = fa64_pow2i(n < -1022.0 ? -1022.0 : n);
    /* v >= 0 */
    double vp = vh > 1460.0 ? 1460.0 : vh;
    double t2 = (vp * uh) * sn;
    double sh = q0 + t2;
    double sl = ((q0 - sh) + t2) + q0 * rr;
    double yp = FA64_FMA(g, sh, g * sl);
    /* v < 0 */
    int clo = vh < -1460.0;
    double vm = clo ? -1460.0 : vh;
    double vml = clo ? 0.0 : vl;
    double al;
    double ah = fa64_two_sum(1.0, vm, &al);
    double Es = eh * sn;
    double hl;
    double hh = fa64_two_sum(ah, Es, &hl);
    hl += al + vml + el * sn;
    double ml;
    double mh = fa64_two_prod(uh, hh, &ml);
    ml = FA64_FMA(uh, hl, FA64_FMA(ul, hh, ml));
    double yn = fags64_gscale(g, mh, ml, n);
    return vh >= 0.0 ? yp : yn;
}

/* g * s(v) for v = vh + vl: v >= 0: q; v < 0: E q (pair, then 2^n). */
FA_INLINE double fags64_sig_core(double g, double vh, double vl)
{
    double el, n, q0, rr;
    double eh = fags64_eq(vh, vl, &el, &n, &q0, &rr);
    double yp = FA64_FMA(g, q0, g * (q0 * rr));
    double tl;
    double th = fa64_two_prod(eh, q0, &tl);
    tl = FA64_FMA(el, q0, FA64_FMA(th, rr, tl));
    double yn = fags64_gscale(g, th, tl, n);
    return vh >= 0.0 ? yp : yn;
}

/* beta x = vh + *vl exactly (beta = bh + bl, bl = 0 or the low part of
 * 1.702), formed as in faex_swish2_f64: |x| > 2^960 pre-scaled by 2^-64
 * so that Dekker's two-product cannot overflow. */
FA_INLINE double fags64_bx(double x, double bh, double bl, double *vl)
{
    int xbig = fa64_abs(x) > 0x1p960;
    double xs = xbig ? x * 0x1p-64 : x;
    double l;
    double h = fa64_two_prod(xs, bh, &l);
    l = FA64_FMA(xs, bl, l);
    *vl = xbig ? l * 0x1p64 : l;
    return xbig ? h * 0x1p64 : h;
}

/* g * swish'(x) for beta = bh + bl: silu'(beta x); beta = 0 gives 1/2
 * (also at x = +-inf); x = +-inf otherwise gives the limit (1 where
 * beta x -> +inf, else 0), times g. */
FA_INLINE double fags64_swish(double g, double x, double bh, double bl)
{
    double vl;
    double vh = fags64_bx(x, bh, bl, &vl);
    /* beta = 0, x = +-inf: 0 * inf is NaN; the function is x/2 (per-element
     * test: gcc 12 does not vectorise a select on the invariant beta == 0) */
    int z = vh != vh && x == x;
    vh = z ? 0.0 : vh;
    vl = (z || vl != vl) ? 0.0 : vl;
    double y = fags64_silu_core(g, vh, vl);
    double lim = vh > 0.0 ? 1.0 : (vh == 0.0 ? 0.5 : 0.0);
    return (fa64_abs(x) == FAEX64_INF) ? g * lim : y;
}

/* ========================================================================= */
/* float32 private helpers (double arithmetic)                                */
/* ========================================================================= */

/* x = +-inf (on the bits). */
FA_INLINE int fags32_isinf(float x)
{
    return (fa_bits_f32(x) & 0x7fffffffu) == 0x7f800000u;
}

#if FA32_HAVE_FMA
/* For |v| = a + al (float pair, a in [0, 205] or NaN; callers clamp):
 * E = e^-|v| = (ph + *pl) 2^(*k), ph returned, in [0.7, 1.42] (float
 * Cody-Waite reduction of the pair, fa32_expm1_poly, 1 + expm1 as an exact
 * Fast2Sum pair), and q = 1/(1 + E) = *q0 (1 + *rr): 1 + E as an exact
 * pair (E scaled by 2^max(k, -126)), one float division, FMA residual.
 * (a <= 205: e^-205 2^128 < 2^-165, so beyond it every g f' is 0.) */
FA_INLINE float fags32_eq(float a, float al, float *pl, int32_t *k, float *q0, float *rr)
{
    float tt = fa32_fma(-a, FA32_LOG2E, FA32_SHIFT);
    float kf = tt - FA32_SHIFT;
    float r = fa32_fma(kf, -FA32_LN2HI, -a);      /* exact */
    r = fa32_fma(kf, -FA32_LN2LO, r - al);
    int32_t kk = (int32_t)(fa_bits_f32(tt) - fa_bits_f32(FA32_SHIFT));
    float em = fa32_expm1_poly(r);
    float ph = 1.0f + em;
    float l = (1.0f - ph) + em;
    float sc = fa32_pow2i(kk < -126 ? -126 : kk);
    float B = ph * sc;
    float Dh = 1.0f + B;
    float Dl = fa32_fma(l, sc, (1.0f - Dh) + B);
    float q = 1.0f / Dh;
    float e1 = fa32_fma(-q, Dh, 1.0f);
    *rr = fa32_fma(-q, Dl, e1);
    *q0 = q;
    *pl = l;
    *k = kk;
    return ph;
}

/* g M 2^k for k in [-296, 2], with |M| 2^max(k, -100) <= ~1.5: M is
 * pre-scaled by 2^max(k, -100) (exact), one rounding for the product with
 * g, then the rest (<= 0) by fa32_ldexp (rounding again only into the
 * subnormal range). */
FA_INLINE float fags32_gscale(float g, float M, int32_t k)
{
    int32_t k1 = k < -100 ? -100 : k;
    float y0 = g * (M * fa32_pow2i(k1));
    return fa32_ldexp(y0, k - k1);
}

/* fags32_gscale for M = Mh + Ml (Ml within a few ulps of Mh): g Mh + g Ml
 * with one rounding (FMA), then the rest of 2^k. */
FA_INLINE float fags32_gscale2(float g, float Mh, float Ml, int32_t k)
{
    int32_t k1 = k < -100 ? -100 : k;
    float c1 = fa32_pow2i(k1);
    return fa32_ldexp(fa32_fma(g, Mh * c1, g * (Ml * c1)), k - k1);
}

/* E q^2 (1 + small) = ph q0^2 (1 + 2 rr + pl/ph): ph q0 by an exact FMA
 * product, one more rounding (pl/ph approximated by pl, ph in [0.7, 1.42]). */
FA_INLINE float fags32_eq2(float ph, float pl, float q0, float rr)
{
    float m1 = ph * q0;
    float m1l = fa32_fma(ph, q0, -m1);
    float c = fa32_fma(m1l, q0, (m1 * q0) * (2.0f * rr + pl));
    return fa32_fma(m1, q0, c);
}

/* The zero crossing of silu', v0 = -1.27846454276107379510935873902298
 * (1 + v0 + e^v0 = 0), as three floats, and the Taylor coefficients of
 * H(v) = 1 + v + e^v about v0 (c1 = 1 + e^v0, c_n = e^v0/n!, e^v0 = -1 - v0). */
#define FAGS32_V0H -0x1.474974p+0f
#define FAGS32_V0M 0x1.bdf6fap-27f
#define FAGS32_V0L 0x1.03945ap-53f
#define FAGS32_HC1 0x1.474974p+0f
#define FAGS32_HC1L -0x1.bdf6f8p-27f
#define FAGS32_HC2 0x1.1d25d0p-3f
#define FAGS32_HC3 0x1.7c326ap-5f
#define FAGS32_HC4 0x1.7c326ap-7f
#define FAGS32_HC5 0x1.302854p-9f

/* H = 1 + v + e^v near silu's zero crossing: for |vh - v0| < 1/32 its
 * Taylor polynomial in d = v - v0 (the caller forms d from the three-float
 * v0, so relative accuracy holds down to the floats next to v0), else the
 * caller's direct Ho.  Shared by fags32_silu_f and fags32_silu_x. */
FA_INLINE float fags32_silu_H(float vh, float d, float Ho)
{
    float P = fa32_fma(d, FAGS32_HC5, FAGS32_HC4);
    P = fa32_fma(P, d, FAGS32_HC3);
    P = fa32_fma(P, d, FAGS32_HC2);
    P = fa32_fma(P, d, FAGS32_HC1L);              /* (c1 - HC1) + c2 d + ... */
    float Hw = fa32_fma(d, FAGS32_HC1, d * P);
    float dv = fa_from_bits_f32(fa_bits_f32(vh - FAGS32_V0H) & 0x7fffffffu);
    return dv < 0.03125f ? Hw : Ho;
}

/* g * silu'(v), v = vh + vl (float pair), all float (FMA targets).
 *   v >= 0: q + v E q^2: q0 + (v E q^2) by a Fast2Sum, g times it with one
 *     rounding;
 *   v < 0: E q^2 H, H = 1 + v + E; |v - v0| < 1/32: H from its Taylor
 *     polynomial in d = v - v0 (d from the three-float v0: relative accuracy
 *     down to the floats next to the crossing); otherwise (1 + vh) + E + vl
 *     (|H| >= 0.04 there, so the float exp's ~1.5e-9 absolute error costs
 *     < 0.6 ulp); then g, 2^k by fags32_gscale2.
 * |vh| clamped to 205 (beyond, g f' is g or rounds to 0 for any float g). */
FA_INLINE float fags32_silu_f(float g, float vh, float vl)
{
    int neg = vh < 0.0f;
    float a = fa_from_bits_f32(fa_bits_f32(vh) & 0x7fffffffu);
    float al = neg ? -vl : vl;
    int big = a > 205.0f;
    a = big ? 205.0f : a;
    al = big ? 0.0f : al;
    vl = big ? 0.0f : vl;                  /* vl may be inf/NaN where x beta overflowed */
    float pl, q0, rr;
    int32_t k;
    float ph = fags32_eq(a, al, &pl, &k, &q0, &rr);
    float sc = fa32_pow2i(k < -126 ? -126 : k);
    float u = fags32_eq2(ph, pl, q0, rr);          /* E q^2 / 2^k */
    /* v >= 0 */
    float vp = vh > 205.0f ? 205.0f : vh;
    float t2 = (vp * u) * sc;
    float S = q0 + t2;
    float Sl = fa32_fma(q0, rr, (q0 - S) + t2);
    float yp = fa32_fma(g, S, g * Sl);
    /* v < 0 */
    float vm = vh < -205.0f ? -205.0f : vh;
    float Ho = ((1.0f + vm) + ph * sc) + (vl + pl * sc);
    float d = (vh - FAGS32_V0H) + ((vl - FAGS32_V0M) - FAGS32_V0L);
    float H = fags32_silu_H(vh, d, Ho);
    float Mh = u * H;
    float Ml = fa32_fma(u, H, -Mh);                /* E q^2 H = Mh + Ml exactly */
    float yn = fags32_gscale2(g, Mh, Ml, k);
    return neg ? yn : yp;
}

/* e^-|x| = p 2^k for the float x, |x| clamped to 205 (NaN propagates):
 * float Cody-Waite reduction (exact argument), p = 1 + expm1(r) in
 * [0.7, 1.42] returned, its rounding error in *pl (p + *pl = 1 + expm1(r)
 * exactly), k in *k and *sc = 2^max(k, -126) (so p *sc is e^-|x| down to
 * FLT_MIN; below it the callers scale by 2^k at the end).  Shared by
 * fags32_silu_x and fags32_mish_x. */
FA_INLINE float fags32_expn_parts(float x, float *pl, int32_t *k, float *sc)
{
    float a = fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu);
    a = a > 205.0f ? 205.0f : a;
    float tt = fa32_fma(-a, FA32_LOG2E, FA32_SHIFT);
    float kf = tt - FA32_SHIFT;
    float r = fa32_fma(kf, -FA32_LN2HI, -a);      /* exact */
    r = fa32_fma(kf, -FA32_LN2LO, r);
    int32_t kk = (int32_t)(fa_bits_f32(tt) - fa_bits_f32(FA32_SHIFT));
    float em = fa32_expm1_poly(r);
    float p = 1.0f + em;
    *pl = (1.0f - p) + em;
    *k = kk;
    *sc = fa32_pow2i(kk < -126 ? -126 : kk);
    return p;
}

/* g * silu'(x) for a float x, all float (FMA targets): the lighter form
 * of fags32_silu_f for v = x exactly (silu itself; swish and quick_gelu
 * need the pair), one exponential and one division, ~1.4x faster.
 * E = e^-|x| = p 2^k (float Cody-Waite reduction, p = 1 + expm1(r) with
 * its rounding error pl kept), 1 + E = D + Dl exactly (Fast2Sum),
 * D2 = (1 + E)^2 rounded once, and silu'(x) = N / D2 with
 *   x >= 0: N = D + (x E + Dl)     (no cancellation);
 *   x <  0: N = p H + pl H, H = 1 + x + E, times 2^k at the end
 *           (fags32_gscale: a tail far below FLT_MIN is rounded once).
 * H cancels at the zero crossing x0: for |x - x0| < 1/32 it is the Taylor
 * polynomial (fags32_silu_H) in d = x - x0 (d from the three-float x0);
 * elsewhere ((1 + x) + E) + pl 2^k, with |H| >= 0.04 there, and 1 + x
 * exact on [-2, -1/2] where H is smallest.
 * |x| clamped to 205 (beyond, g f' is g or rounds to 0 for any float g).
 * The caller puts back x = +-inf. */
FA_INLINE float fags32_silu_x(float g, float x)
{
    int neg = x < 0.0f;
    float pl, sc;
    int32_t k;
    float p = fags32_expn_parts(x, &pl, &k, &sc);
    float E = p * sc;
    float D = 1.0f + E;
    float Dl = (1.0f - D) + E;
    float D2 = fa32_fma(D, D, (2.0f * D) * Dl);
    /* x >= 0 */
    float xp = x > 205.0f ? 205.0f : x;
    float Np = D + fa32_fma(xp, E, Dl);
    /* x < 0 */
    float xm = x < -205.0f ? -205.0f : x;
    float Ho = ((1.0f + xm) + E) + pl * sc;
    float d = (x - FAGS32_V0H) - (FAGS32_V0M + FAGS32_V0L);
    float H = fags32_silu_H(x, d, Ho);
    float N = neg ? fa32_fma(p, H, pl * H) : Np;
    return fags32_gscale(g, N / D2, neg ? k : 0);
}

/* g * s(v), v = vh + vl (float pair), all float (FMA targets):
 *   v >= 0: s = q = q0 (1 + rr): g q0 + g q0 rr, one rounding after the
 *     product g q0's (<= ~0.5 ULP + 2^-24 relative);
 *   v < 0: s = E q = (ph + pl) q0 (1 + rr) 2^k: ph q0 as an exact pair m1 +
 *     lo (FMA), the small terms pl q0 + ph q0 rr added to lo, g times it
 *     with one rounding, then the rest of 2^k (fags32_gscale2).
 * |vh| clamped to 205 as in fags32_silu_f (beyond, g s(v) is g, or 0 for
 * every float g); vl may be inf/NaN where beta x overflowed (ignored). */
FA_INLINE float fags32_sig_f(float g, float vh, float vl)
{
    int neg = vh < 0.0f;
    float a = fa_from_bits_f32(fa_bits_f32(vh) & 0x7fffffffu);
    float al = neg ? -vl : vl;
    int big = a > 205.0f;
    a = big ? 205.0f : a;
    al = (big || al != al) ? 0.0f : al;
    float pl, q0, rr;
    int32_t k;
    float ph = fags32_eq(a, al, &pl, &k, &q0, &rr);
    float yp = fa32_fma(g, q0, g * (q0 * rr));
    float m1 = ph * q0;
    float lo = fa32_fma(ph, q0, -m1) + fa32_fma(pl, q0, m1 * rr);   /* E q 2^-k = m1 + lo */
    float yn = fags32_gscale2(g, m1, lo, k);
    return neg ? yn : yp;
}
#endif

/* e^-a in double for a in [0, 200] (or NaN), to ~1 double ulp: the
 * reduction and degree-10 polynomial of the float64 layer.  Used where a
 * zero crossing of f' needs e^v far beyond float accuracy. */
FA_INLINE double fags32_expn_acc(double a)
{
    double n, pl;
    double p = faex64_exp_core(-a, 0.0, &n, &pl);
    double sc = fa64_pow2i(n);
    return FA64_FMA(sc, p + pl, sc);
}

/* g * silu'(v) in double for v = beta x (exact or to 2^-53), clamped to
 * [-200, 200] (beyond, the float result is g or 0); rounded once. */
FA_INLINE float fags32_silu_core(float g, double v)
{
    double vc = v > 200.0 ? 200.0 : (v < -200.0 ? -200.0 : v);
    double a = vc < 0.0 ? -vc : vc;
    double E = fags32_expn_acc(a);
    double d = 1.0 + E;
    double num = vc >= 0.0 ? d + vc * E : E * ((1.0 + vc) + E);
    return (float)((double)g * num / (d * d));
}

/* ========================================================================= */
/* public element functions                                                   */
/* ========================================================================= */

/* sigmoid' = s(x) s(-x) = E/(1 + E)^2, E = e^-|x|.
 * float32: in double, E by fa32_exp_d (|x| clamped to 200), g E/(1+E)^2
 *   with one double division, rounded once.
 * float64: E = (eh + el) 2^n and 1/(1 + E) = q0 (1 + rr) (fags64_eq),
 *   E q^2 by two-products, g times it by one FMA, 2^n in exact steps.
 * Special: x = +-inf -> g * 0, NaN -> NaN.
 * Measured (dev/grad_sigmoid, f32 every 4999th pattern + windows, g = 1 and random g;
 *   f64 1M points/case): f32 base 0.50 / avx2 1.64 / avx512 1.64 ULP; f64 1.19 / 0.91 / 0.91 ULP.
 * Speed bwd/fwd (1M, 1 thread, Zen4): f32 base 1.32x, avx2 1.54x, avx512 1.35x;
 *   f64 base 2.06x, avx2 1.41x, avx512 1.38x.
 */
FA_INLINE float fa_sigmoid_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
    float a = fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu);
#if FA32_HAVE_FMA
    a = a > 205.0f ? 205.0f : a;
    float pl, q0, rr;
    int32_t k;
    float ph = fags32_eq(a, 0.0f, &pl, &k, &q0, &rr);
    float y = fags32_gscale(g, fags32_eq2(ph, pl, q0, rr), k);
#else
    a = a > 200.0f ? 200.0f : a;
    double E = fa32_exp_d(-(double)a);
    double d = 1.0 + E;
    float y = (float)((double)g * E / (d * d));
#endif
    return fags32_isinf(x) ? g * 0.0f : y;
}

FA_INLINE double fa_sigmoid_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    double el, n, q0, rr;
    double eh = fags64_eq(x, 0.0, &el, &n, &q0, &rr);
    double ul;
    double uh = fags64_eq2(eh, el, q0, rr, &ul);
    double y = fags64_gscale(g, uh, ul, n);
    return fa64_abs(x) == FAEX64_INF ? g * 0.0 : y;
}

/* tanh' = 1 - tanh^2 = 4 E/(1 + E)^2, E = e^-2|x| (no cancellation).
 * float32: as sigmoid with v = 2|x| (clamped to 200).
 * float64: as sigmoid with v = 2x (exact), times 4 in the exponent.
 * Special: x = +-inf -> g * 0, NaN -> NaN.
 * Measured: f32 base 0.50 / avx2 1.69 / avx512 1.69 ULP; f64 1.04 / 0.87 / 0.87 ULP.
 * Speed bwd/fwd: f32 base 1.70x, avx2 2.22x, avx512 1.87x (the forward is
 *   0.39-0.50 ns: over the 1.5x target); f64 1.26x / 1.25x / 1.20x.
 */
FA_INLINE float fa_tanh_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
    float a = fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu);
#if FA32_HAVE_FMA
    a = a > 102.5f ? 205.0f : 2.0f * a;
    float pl, q0, rr;
    int32_t k;
    float ph = fags32_eq(a, 0.0f, &pl, &k, &q0, &rr);
    float y = fags32_gscale(g, fags32_eq2(ph, pl, q0, rr), k + 2);
#else
    a = a > 100.0f ? 100.0f : a;
    double E = fa32_exp_d(-2.0 * (double)a);
    double d = 1.0 + E;
    float y = (float)((double)g * (4.0 * E) / (d * d));
#endif
    return fags32_isinf(x) ? g * 0.0f : y;
}

FA_INLINE double fa_tanh_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    double el, n, q0, rr;
    double eh = fags64_eq(2.0 * x, 0.0, &el, &n, &q0, &rr);
    double ul;
    double uh = fags64_eq2(eh, el, q0, rr, &ul);
    double y = fags64_gscale(g, uh, ul, n + 2.0);
    return fa64_abs(x) == FAEX64_INF ? g * 0.0 : y;
}

/* silu' = s(x) (1 + x s(-x)); zero crossing at x ~ -1.2785 (1 + x + e^x = 0).
 * float32: FMA targets fags32_silu_x (float, one exp, one division); base
 *   fags32_silu_core (double, e^-|x| to a double ulp, 1 + x exact).
 * float64: fags64_silu_core (pairs; 1 + x + E as a pair).
 * Special: +inf -> g, -inf -> g * 0, NaN -> NaN.
 * Measured: f32 base 0.50 / avx2 3.29 / avx512 3.29 ULP (all floats within 20000 ulps
 *   of the crossing included; fags32_silu_f, which swish keeps, gave 2.42 at
 *   1.47x the time); f64 <= 1.62 ULP where |f'| >= T/8, near the
 *   crossing |err| <= 0.41 x 2^-53 |g| T, T = s(x).
 * Speed bwd/fwd: f32 base 4.27x, avx2 1.77x, avx512 1.52x (0.84 ns; was 1.24
 *   with fags32_silu_f); f64 1.76x / 1.66x / 1.69x (over 1.5x).
 */
FA_INLINE float fa_silu_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
#if FA32_HAVE_FMA
    float y = fags32_silu_x(g, x);
    return fags32_isinf(x) ? (x > 0.0f ? g : g * 0.0f) : y;
#else
    return fags32_silu_core(g, (double)x);
#endif
}

FA_INLINE double fa_silu_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    double y = fags64_silu_core(g, x, 0.0);
    double yinf = x > 0.0 ? g : g * 0.0;
    return fa64_abs(x) == FAEX64_INF ? yinf : y;
}

/* swish (beta = s.a, any finite value): d/dx x s(beta x) = silu'(beta x).
 * float32: beta x exact in double, fags32_silu_core.
 * float64: beta x as an exact pair (fags64_bx), fags64_silu_core.
 * Special: beta = 0 -> g/2 (also at x = +-inf); x = +-inf -> g where
 * beta x -> +inf, else g * 0; NaN -> NaN.
 * Measured (beta 1, 0.5, 2, -1, -0.3, 0, 10, 1e-3): f32 base 0.50 / FMA <= 3.03 ULP;
 *   f64 <= 1.76 ULP where |f'| >= T/8, near the crossing <= 0.81 x 2^-53 |g| T
 *   (T = s(beta x)); beta = 0 exact.
 * Speed bwd/fwd: f32 base 3.3x, avx2 1.36x, avx512 1.22x; f64 1.29x / 1.45x / 1.35x.
 */
FA_INLINE float fa_swish_grad_f32(float g, float x, fa_scalars_f32 s)
{
#if FA32_HAVE_FMA
    float vh = x * s.a;
    float vl = fa32_fma(x, s.a, -vh);
    int z = vh != vh && x == x;           /* beta = 0, x = +-inf */
    vh = z ? 0.0f : vh;
    vl = (z || vl != vl) ? 0.0f : vl;     /* vl is NaN where x beta overflows */
    float y = fags32_silu_f(g, vh, vl);
    float lim = vh > 0.0f ? 1.0f : (vh == 0.0f ? 0.5f : 0.0f);
#else
    double v = (double)x * (double)s.a;
    v = v != v && x == x ? 0.0 : v;      /* beta = 0, x = +-inf */
    float y = fags32_silu_core(g, v);
    float lim = v > 0.0 ? 1.0f : (v == 0.0 ? 0.5f : 0.0f);
#endif
    return fags32_isinf(x) ? g * lim : y;
}

FA_INLINE double fa_swish_grad_f64(double g, double x, fa_scalars_f64 s)
{
    return fags64_swish(g, x, s.a, 0.0);
}

/* quick_gelu: swish with beta = 1.702 (QG_HI + QG_LO, the forward's
 * two-part constant).
 * float32: v = x QG_HI + x QG_LO in double (each product exact),
 * fags32_silu_core.  float64: fags64_swish with the pair.
 * Special: +inf -> g, -inf -> g * 0, NaN -> NaN.
 * Measured: f32 base 0.50 / avx2 2.86 / avx512 2.86 ULP; f64 <= 1.65 ULP where
 *   |f'| >= T/8, near the crossing <= 0.73 x 2^-53 |g| T.
 * Speed bwd/fwd: f32 base 3.1x, avx2 1.19x, avx512 1.18x; f64 1.23x / 1.49x / 1.35x.
 */
FA_INLINE float fa_quick_gelu_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
#if FA32_HAVE_FMA
    float vh = x * FAEX32_QG_HI;
    float vl = fa32_fma(x, FAEX32_QG_HI, -vh);
    vl = fa32_fma(x, FAEX32_QG_LO, vl);
    vl = vl != vl ? 0.0f : vl;
    float y = fags32_silu_f(g, vh, vl);
#else
    double xd = (double)x;
    double v = xd * (double)FAEX32_QG_HI + xd * (double)FAEX32_QG_LO;
    float y = fags32_silu_core(g, v);
#endif
    return fags32_isinf(x) ? (x > 0.0f ? g : g * 0.0f) : y;
}

FA_INLINE double fa_quick_gelu_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    return fags64_swish(g, x, FAEX64_QG_HI, FAEX64_QG_LO);
}

/* logsigmoid' = s(-x) = x >= 0: E/(1 + E), x < 0: 1/(1 + E), E = e^-|x|.
 * float32, FMA targets: fags32_sig_f with v = -x, all float.
 * float32, no FMA: double, E by fa32_exp_d, one division, rounded once.
 * float64: fags64_sig_core with v = -x.
 * Special: +inf -> g * 0, -inf -> g, NaN -> NaN.
 * Measured: f32 base 0.50 / avx2 1.09 / avx512 1.09 ULP; f64 1.12 / 0.83 / 0.83 ULP.
 * Speed bwd/fwd: f32 base 0.61x, avx2 0.89x, avx512 0.85x (avx512 backward 0.85 ns,
 *   was 1.09 in double); f64 1.12x / 0.70x / 0.71x.
 */
FA_INLINE float fa_logsigmoid_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
#if FA32_HAVE_FMA
    float y = fags32_sig_f(g, -x, 0.0f);
#else
    float a = fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu);
    a = a > 200.0f ? 200.0f : a;
    double E = fa32_exp_d(-(double)a);
    double num = x >= 0.0f ? E : 1.0;
    float y = (float)((double)g * num / (1.0 + E));
#endif
    return fags32_isinf(x) ? (x > 0.0f ? g * 0.0f : g) : y;
}

FA_INLINE double fa_logsigmoid_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    double y = fags64_sig_core(g, -x, 0.0);
    return fa64_abs(x) == FAEX64_INF ? (x > 0.0 ? g * 0.0 : g) : y;
}

/* softplus (beta = s.a > 0, threshold = s.b), torch semantics: where
 * fl(beta x) (rounded in the dtype, as the forward tests it) > threshold
 * the forward returns x, so the result is g (exactly); else s(beta x).
 * float32, FMA targets: beta x as an exact float pair, fags32_sig_f.
 * float32, no FMA: beta x exact in double, E by fa32_exp_d, one division.
 * float64: beta x as an exact pair, fags64_sig_core.
 * Special: +inf -> g, -inf -> g * 0, NaN -> NaN.
 * Measured (beta/threshold 1/20, 2/20, 0.5/20, 3.7/5, 0.1/20): f32 base 0.50 /
 *   avx2 1.17 / avx512 1.17 ULP; f64 <= 1.05 / 0.96 / 0.96 ULP.
 * Speed bwd/fwd: f32 base 0.76x, avx2 0.89x, avx512 0.95x (avx512 backward 1.00 ns,
 *   was 1.28 in double); f64 1.24x / 1.10x / 1.26x.
 */
FA_INLINE float fa_softplus_grad_f32(float g, float x, fa_scalars_f32 s)
{
    float bx = x * s.a;
#if FA32_HAVE_FMA
    float bl = fa32_fma(x, s.a, -bx);      /* beta x = bx + bl exactly */
    float y = fags32_sig_f(g, bx, bl);
#else
    double v = (double)x * (double)s.a;
    double a = v < 0.0 ? -v : v;
    a = a > 200.0 ? 200.0 : a;
    double E = fa32_exp_d(-a);
    double num = v >= 0.0 ? 1.0 : E;
    float y = (float)((double)g * num / (1.0 + E));
#endif
    y = fags32_isinf(x) ? (x > 0.0f ? g : g * 0.0f) : y;
    return bx > s.b ? g : y;
}

FA_INLINE double fa_softplus_grad_f64(double g, double x, fa_scalars_f64 s)
{
    double vl;
    double vh = fa64_two_prod(x, s.a, &vl);
    double y = fags64_sig_core(g, vh, vl);
    y = fa64_abs(x) == FAEX64_INF ? (x > 0.0 ? g : g * 0.0) : y;
    return vh > s.b ? g : y;
}

#if FA32_HAVE_FMA
/* mish's zero crossing x0 = -1.19243121451549521213758834042 as X0H + X0M
 * (the rest, -0x1.bf3192p-55, is 2^-26 of the smallest d, the one at the
 * float X0H itself, and is dropped),
 * and R(d) = mish'(x0 + d)/d on |d| <= 1/4: R = Q0 + d P1(d), Q0 = mish''(x0)
 * as a float pair, P1 degree 8 (fit: relative error 1.3e-8 = 0.13 ulp,
 * mpmath truth; python dev/grad_sigmoid/fit_mish_window.py 0.25 9). */
#define FAGS32_MX0H -0x1.31432cp+0f
#define FAGS32_MX0M -0x1.a25b08p-29f
#define FAGS32_MQ0H 0x1.115accp-2f
#define FAGS32_MQ0L -0x1.7b5fe8p-27f
FA_INLINE float fags32_mish_P1(float d)
{
    float q = fa32_fma(d, -0x1.6af540p-15f, 0x1.018f1ap-12f);
    q = fa32_fma(q, d, 0x1.037686p-10f);
    q = fa32_fma(q, d, 0x1.1e7c1cp-10f);
    q = fa32_fma(q, d, -0x1.b87daep-9f);
    q = fa32_fma(q, d, -0x1.0336a8p-6f);
    q = fa32_fma(q, d, -0x1.4c2230p-6f);
    q = fa32_fma(q, d, 0x1.574f12p-5f);
    return fa32_fma(q, d, 0x1.a34a26p-3f);
}

/* g * mish'(x), all float (FMA targets), one exponential and one division.
 * E = e^-|x| = p 2^k (float Cody-Waite reduction, p = 1 + expm1(r), its
 * rounding error pl kept), then
 *   x >= 0 (w = E): 1 + C, C = 2 w^2 B+ / P^2, B+ = 2x (1 + w) - P,
 *     P = 1 + 2w (1 + w); C in [-0.4, 0.13], g + g C by one FMA;
 *   x < 0 (e = E): e B / Q^2, B = 4 (1 + x) + e S, S = (6 + 4x) + e (4 + e),
 *     Q = 2 + e (2 + e); p B + pl B by one FMA, times 2^k at the end
 *     (fags32_gscale: the tail below FLT_MIN rounded once);
 *   |x - x0| < 1/4, where B cancels: g d R(d), d = x - x0 (x - X0H exact
 *     there, Sterbenz), g d and g d Q0 as exact pairs (FMA), one rounding
 *     at the end for the part d^2 P1 (<= 1/4 of the sum).
 * Outside the window |B| >= 1.5; S and 2 + e carry their rounding errors
 * (exact pairs), so B is rounded about once, and Q^2 is rounded once from
 * the pair Q + Ql.  |x| clamped to 205 (beyond, g f' is g
 * or rounds to 0 for every float g); the caller puts back x = +-inf. */
FA_INLINE float fags32_mish_x(float g, float x)
{
    int neg = x < 0.0f;
    float pl, sc;
    int32_t k;
    float p = fags32_expn_parts(x, &pl, &k, &sc);
    float E = p * sc;
    /* x >= 0 */
    float xp = x > 205.0f ? 205.0f : x;
    float w1 = 1.0f + E;
    float P = fa32_fma(2.0f * E, w1, 1.0f);
    float Bp = fa32_fma(2.0f * xp, w1, -P);
    float Cn = (2.0f * (E * E)) * Bp;
    /* x < 0 */
    float xm = x < -205.0f ? -205.0f : x;
    float fe = 4.0f + E;
    float fel = (4.0f - fe) + E;                  /* fe + fel = 4 + e exactly */
    float c6 = fa32_fma(4.0f, xm, 6.0f);
    float c6l = fa32_fma(4.0f, xm, 6.0f - c6);    /* c6 + c6l = 6 + 4x exactly */
    float S = fa32_fma(E, fe, c6);
    float Sl = fa32_fma(E, fe, c6 - S) + fa32_fma(E, fel, c6l);
    float B = fa32_fma(E, S, fa32_fma(E, Sl, 4.0f * (1.0f + xm)));
    float te = 2.0f + E;
    float tel = (2.0f - te) + E;                  /* te + tel = 2 + e exactly */
    float Q = fa32_fma(E, te, 2.0f);
    float Ql = fa32_fma(E, te, 2.0f - Q) + E * tel;   /* Q + Ql = Q(e), to ~2^-48 */
    float Q2 = fa32_fma(Q, Q, (2.0f * Q) * Ql);   /* Q^2, one rounding */
    float Nn = fa32_fma(p, B, pl * B);
    float M = (neg ? Nn : Cn) / (neg ? Q2 : P * P);
    float yp = fa32_fma(g, M, g);
    float yn = fags32_gscale(g, M, k);
    /* the window around x0 */
    float dh = x - FAGS32_MX0H;
    float dl = -FAGS32_MX0M;
    float P1 = fags32_mish_P1(dh);
    float gdh = g * dh;
    float gdl = fa32_fma(g, dh, -gdh) + g * dl;
    float Ah = gdh * FAGS32_MQ0H;
    float Al = fa32_fma(gdh, FAGS32_MQ0H, -Ah) + fa32_fma(gdl, FAGS32_MQ0H, gdh * FAGS32_MQ0L);
    float dP = dh * P1;
    float yw = Ah + fa32_fma(gdh, dP, fa32_fma(gdl, dP, Al));
    float adh = fa_from_bits_f32(fa_bits_f32(dh) & 0x7fffffffu);
    return neg ? (adh < 0.25f ? yw : yn) : yp;
}
#endif

/* mish' = tanh(sp) + x sech^2(sp) s(x), sp = softplus(x); zero crossing at
 * x0 ~ -1.19243.  With t = e^-|x|:
 *   x >= 0 (w = t): 1 + 2 w^2 (2x (1 + w) - P) / P^2, P = 1 + 2w + 2w^2
 *     (the correction is in [-0.4, 0.13]; g + g C by one FMA);
 *   x < 0 (e = t): e B / (2 + 2e + e^2)^2, B = 4 (1 + x) + e (6 + 4x + 4e + e^2).
 * float32: FMA targets fags32_mish_x (float, one exp, one division, a
 *   polynomial window around x0); base in double, t to a double ulp
 *   (fags32_expn_acc, |x| clamped to 200), one division, rounded once.
 * float64: t = (eh + el) 2^n; x >= 0 as above; x < 0: e B/(...)^2 with
 *   the factor eh + el and 2^n applied last (fags64_gscale).
 * Special: +inf -> g, -inf -> g * 0, NaN -> NaN.
 * Measured: f32 base 0.50 / avx2 3.28 / avx512 3.28 ULP (crossing included; the
 *   double form, 0.50, took 2.2x the time); f64 where |f'| >= T/8:
 *   6.04 / 5.33 / 5.33 ULP (OVER the 4-ULP aim, next to the crossing), near the
 *   crossing |err| <= 0.62 x 2^-53 |g| T, T = tanh(softplus(x)).
 * Speed bwd/fwd: f32 base 4.96x (double path with the double-accurate exp),
 *   avx2 1.34x, avx512 1.36x (1.44 ns; the double form 2.55x, 2.71 ns);
 *   f64 0.98x / 1.25x / 1.18x.
 */
FA_INLINE float fa_mish_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
#if FA32_HAVE_FMA
    float y = fags32_mish_x(g, x);
#else
    double xd = (double)x;
    double xc = xd > 200.0 ? 200.0 : (xd < -200.0 ? -200.0 : xd);
    double a = xc < 0.0 ? -xc : xc;
    double t = fags32_expn_acc(a);
    /* x >= 0 */
    double P = 1.0 + 2.0 * t * (1.0 + t);
    double Bp = 2.0 * xc * (1.0 + t) - P;
    double np = P * P + 2.0 * (t * t) * Bp;
    /* x < 0 */
    double Bn = 4.0 * (1.0 + xc) + t * ((6.0 + 4.0 * xc) + t * (4.0 + t));
    double Pn = 2.0 + t * (2.0 + t);
    double nn = t * Bn;
    int pos = xc >= 0.0;
    double num = pos ? np : nn;
    double den = pos ? P * P : Pn * Pn;
    float y = (float)((double)g * num / den);
#endif
    return fags32_isinf(x) ? (x > 0.0f ? g : g * 0.0f) : y;
}

FA_INLINE double fa_mish_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    double a = fa64_abs(x);
    double ac = a > 1460.0 ? 1460.0 : a;
    double n, pl;
    double p = faex64_exp_core(-ac, 0.0, &n, &pl);
    double eh = 1.0 + p;
    double el = ((1.0 - eh) + p) + pl;
    double sn = fa64_pow2i(n < -1022.0 ? -1022.0 : n);
    double t = FA64_FMA(eh, sn, el * sn);
    /* x >= 0: w = t */
    double xp = x > 1460.0 ? 1460.0 : x;
    double w1 = 1.0 + t;
    double P = FA64_FMA(2.0 * t, w1, 1.0);
    double Bp = FA64_FMA(2.0 * xp, w1, -P);
    double C = (2.0 * (t * t) * Bp) / (P * P);
    double yp = FA64_FMA(g, C, g);
    /* x < 0: e = t */
    double xm = x < -1460.0 ? -1460.0 : x;
    double tl = FA64_FMA(eh, sn, -t) + el * sn;      /* e = t + tl */
    double S = FA64_FMA(t, t + 4.0, FA64_FMA(4.0, xm, 6.0));
    double dB = FA64_FMA(t, FA64_FMA(2.0, t, 4.0), S);   /* dB/de */
    double Bn = FA64_FMA(t, S, FA64_FMA(tl, dB, 4.0 * (1.0 + xm)));
    double Pn = FA64_FMA(t, t + 2.0, 2.0);
    double R = Bn / (Pn * Pn);
    double yn = fags64_gscale(g, eh * R, el * R, n);
    double y = x >= 0.0 ? yp : yn;
    return a == FAEX64_INF ? (x > 0.0 ? g : g * 0.0) : y;
}

/* tanhshrink' = tanh^2 (x - tanh x has derivative 1 - sech^2).
 * float32: tanh(a) = -em/(2 + em), em = expm1(-2a) by fa32_expm1_d (a =
 *   |x| clamped to 20; relative accuracy down to tiny x), g tanh^2 in
 *   double, rounded once.
 * float64: em = expm1(-2a) as an exact two-sum pair, tanh = q + corr (one
 *   division, exact residual); g T^2 = (g q) q + 2 (g q) corr (g q first, so
 *   g x^2 does not underflow early for tiny x and large g; no two-product
 *   with g, which Dekker's splitting would overflow for |g| > 2^996).
 * Special: +-inf -> g, NaN -> NaN.
 * Measured: f32 0.52 ULP (all ISAs); f64 1.90 / 1.60 / 1.60 ULP.
 * Speed bwd/fwd: f32 0.65x / 0.97x / 0.92x; f64 0.69x / 0.61x / 0.64x.
 */
FA_INLINE float fa_tanhshrink_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
    float a = fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu);
    a = a > 20.0f ? 20.0f : a;
    double em = fa32_expm1_d(-2.0 * (double)a);
    double T = -em / (2.0 + em);
    return (float)(((double)g * T) * T);
}

FA_INLINE double fa_tanhshrink_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    double a = fa64_abs(x);
    double corr;
    double q = faex64_tanh_pair(a > 22.0 ? 22.0 : a, &corr);   /* tanh(a) = q + corr */
    double gq = g * q;                    /* g T^2 = gq q + 2 gq corr */
    return FA64_FMA(gq, q, 2.0 * gq * corr);
}

#endif /* FASTACT_GRAD_SIGMOID_H */
