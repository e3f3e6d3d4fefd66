/*
 * fa_grad_expfam.h - backward (derivative) element functions of the
 * exponential / erf family of fastact: elu, selu, celu, exp, expm1, log1p,
 * soft_exponential, gaussian, gelu (erf form), gelu_tanh.
 *
 * Every public function is
 *     FA_INLINE float  fa_<name>_grad_f32(float g, float x, fa_scalars_f32 s)
 *     FA_INLINE double fa_<name>_grad_f64(double g, double x, fa_scalars_f64 s)
 * and returns g * f'(x) (grad_input = grad_output * f'(x)), with s in the
 * same slots as the forward fa_<name>_T(x, s).  Same house style as
 * fa_math_expfam.h: branch-free straight-line code (both sides computed,
 * merged with ternaries or bit masks), no libm calls, no tables, no
 * fmin/fmax, FMA only through fa32_fma / FA64_FMA; compile WITHOUT
 * -ffast-math.  Private helpers of this header are faxg32_* / faxg64_*.
 *
 * float32, targets with FMA (elu, selu, celu, exp, expm1, gelu; gaussian
 * where there are 32 vector registers, FA32_MANY_VREGS): all float at full
 * vector width.  g and the parameter are normalised to exact mantissas
 * with their exponents kept apart (faxg32_norm), multiplied as exact
 * pairs, and g m e^a is rounded once where it is normal
 * (faxg32_scaled_exp), so g e^x with e^x alone out of range still comes
 * out right.  <= ~1.1 ULP (gelu <= 2.5: polynomial evaluation in float).
 * float32 otherwise (base, and gaussian on AVX2, where the float form
 * spills registers and ran slower): computed in double from the exact float inputs
 * and rounded once (g * f' in double, then to float), <= 0.61 ULP.
 * float64: the derivative is formed as a hi + lo pair m times a power of two
 * 2^n (n from the exp reduction, kept apart so that results far below
 * DBL_MIN or above 1 are right), g is pre-scaled into [2^-500, 2^500] by an
 * exact power of two (faxg64_gscale) and the result g (mh + ml) is rounded
 * once and scaled back by faex64_ldexp3 (exact except into the subnormals).
 * So g * f'(x) is right also for huge/tiny g where g * f' is representable
 * but f' alone is not (e.g. g = 2^-1000, x = 1400 for exp).
 *
 * Accuracy (dev/grad_expfam, README.md there): errors in ULP of the exact
 * g * f'(x) (__float128 reference), relative to max(|exact|, FLT_MIN /
 * DBL_MIN); float32 over every k-th bit pattern of x plus dense grids and
 * the zero crossings, with g = 1 and random g; float64 >= 10^6 points per
 * case.  Where a float64 f' crosses zero (gelu, gelu_tanh) the bound is
 * stated as an absolute floor K 2^-53 |g| T, T the size of the cancelling
 * terms.  base = x86-64 SSE2 (no FMA), avx2 = -mavx2 -mfma, avx512 =
 * AVX-512 flags.  Speed: ns/element, 1M elements out of place, one thread,
 * backward (g, x) -> out vs forward x -> y in the same process.
 */
#ifndef FASTACT_GRAD_EXPFAM_H
#define FASTACT_GRAD_EXPFAM_H

#include "fa_common.h"
#include "fa_math_f32.h"
#include "fa_math_f64.h"
#include "fa_math_expfam.h"

#define FAXG_INF __builtin_inf()
#define FAXG_NAN __builtin_nan("")
#define FAXG_INFF __builtin_inff()
#define FAXG_NANF __builtin_nanf("")

/* 1/sqrt(2 pi) = C_HI + C_LO */
#define FAXG_C_HI 0x1.9884533d43651p-2
#define FAXG_C_LO -0x1.cbc0d30ebfd15p-56
/* 3 * 0.044715 (decimal) = K3_HI + K3_LO */
#define FAXG_K3_HI 0x1.12ba9d1f60179p-3
#define FAXG_K3_LO 0x1.f30e7ff583a54p-57
/* K(w) = (gelu'(x) - 1/2)/x at w = x^2 = C sum_n (-1)^n (2n+2) w^n /
 * ((2n+1) 2^n n!) (Taylor series; degree 15, truncation < 5e-19
 * relative on w in [0, 1]) */
#define FAXG_GK0 0x1.9884533d43651p-1
#define FAXG_GK1 -0x1.1058377e2cee0p-2
#define FAXG_GK2 0x1.ea3863e31dac7p-5
#define FAXG_GK3 -0x1.37403f6ba1100p-7
#define FAXG_GK4 0x1.2e9ae8534e5ddp-10
#define FAXG_GK5 -0x1.db5d78220d426p-14
#define FAXG_GK6 0x1.38d8dd48bc252p-17
#define FAXG_GK7 -0x1.62226a4aabe03p-21
#define FAXG_GK8 0x1.5f87cf283d6f7p-25
#define FAXG_GK9 -0x1.36a4ecf5267cdp-29
#define FAXG_GK10 0x1.eea9fa0ee7f41p-34
#define FAXG_GK11 -0x1.66556a8a4ac07p-38
#define FAXG_GK12 0x1.dc2f847a55aefp-43
#define FAXG_GK13 -0x1.2433d2f297e19p-47
#define FAXG_GK14 0x1.4d1f849393638p-52
#define FAXG_GK15 -0x1.62913220111d0p-57

/* ========================================================================= */
/* private helpers                                                            */
/* ========================================================================= */

/* K(w) in double (see FAXG_GK*), Horner. */
FA_INLINE double faxg_gelu_k(double w)
{
    double k = FAXG_GK15;
    k = FA64_FMA(k, w, FAXG_GK14);
    k = FA64_FMA(k, w, FAXG_GK13);
    k = FA64_FMA(k, w, FAXG_GK12);
    k = FA64_FMA(k, w, FAXG_GK11);
    k = FA64_FMA(k, w, FAXG_GK10);
    k = FA64_FMA(k, w, FAXG_GK9);
    k = FA64_FMA(k, w, FAXG_GK8);
    k = FA64_FMA(k, w, FAXG_GK7);
    k = FA64_FMA(k, w, FAXG_GK6);
    k = FA64_FMA(k, w, FAXG_GK5);
    k = FA64_FMA(k, w, FAXG_GK4);
    k = FA64_FMA(k, w, FAXG_GK3);
    k = FA64_FMA(k, w, FAXG_GK2);
    k = FA64_FMA(k, w, FAXG_GK1);
    k = FA64_FMA(k, w, FAXG_GK0);
    return k;
}

/* g = gs 2^-k with gs = g scaled by an exact power of two into
 * [2^-500, 2^500] (0, inf and NaN stay what they are); *k in {-600, 0, 600}. */
FA_INLINE double faxg64_gscale(double g, double *k)
{
    double ag = fa64_abs(g);
    int lo = ag < 0x1p-500, hi = ag > 0x1p500;
    *k = lo ? 600.0 : (hi ? -600.0 : 0.0);
    return g * (lo ? 0x1p600 : (hi ? 0x1p-600 : 1.0));
}

/* g (mh + ml) 2^m, (mh, ml) a hi + lo pair with |mh| <= 2^520 and
 * |ml| <= ~ulp(mh), m integer-valued with |m| <= 2300: g pre-scaled, one
 * rounding (FMA; two without), exact scaling except into the subnormals. */
FA_INLINE double faxg64_gmul(double g, double mh, double ml, double m)
{
    double k;
    double gs = faxg64_gscale(g, &k);
    double mk = m - k;
    mk = mk < -2300.0 ? -2300.0 : (mk > 2300.0 ? 2300.0 : mk);
    return faex64_ldexp3(FA64_FMA(gs, mh, gs * ml), mk);
}

/* e^(xh + xl) = (h + *hl) 2^(*n), 1 + p as an exact pair (xh in
 * [-2200, 2200], callers clamp; NaN propagates). */
FA_INLINE double faxg64_exp_pair(double xh, double xl, double *hl, double *n)
{
    double pl;
    double p = faex64_exp_core(xh, xl, n, &pl);
    double h = 1.0 + p;
    *hl = ((1.0 - h) + p) + pl;
    return h;
}

#if FA32_HAVE_FMA
/* v = *vn 2^(*e) exactly, *e = clamp(exponent of v, -126, 126): a normal v
 * gives vn in [1, 2), a subnormal one vn in [2^-23, 1), |v| >= 2^127 vn in
 * [2, 4); 0, inf and NaN stay what they are.  Lets the float backward
 * kernels multiply g by a parameter and by e^a without a product
 * overflowing or losing bits in the subnormal range on the way. */
FA_INLINE float faxg32_norm(float v, int32_t *e)
{
    int32_t eb = (int32_t)((fa_bits_f32(v) >> 23) & 0xffu) - 127;
    eb = eb < -126 ? -126 : (eb > 126 ? 126 : eb);
    *e = eb;
    return v * fa32_pow2i(-eb);
}

/* (Ph + Pl) e^(a + al) 2^e in float, rounded once where the result is
 * normal.  Ph in [2^-47, 64) (or 0, inf, NaN), |Pl| <= ulp(Ph), the
 * product of normalised factors (faxg32_norm) with their exponents summed
 * in e (|e| <= 300); a in [-300, 300] (callers clamp; NaN propagates),
 * |al| <= ~2^-17 a's low part.
 *   e^(a + al) = (ph + lo) 2^k by faex32_exp_parts;
 *   y0 = (Ph + Pl)(ph + lo) with one rounding (FMA), y0 >= 2^-48;
 *   y0 2^(k + e) in two steps: 2^E1 with E1 >= -78 keeps y0 normal (exact),
 *   then 2^E2 (E2 < 0 only below 2^-126, the one rounding there).
 * Error: <= ~0.3 ULP before the rounding of y0, so <= 0.8 ULP for normal
 * results; a subnormal result is rounded twice (y0, then the scaling):
 * <= 1.3 units of the smallest subnormal.  An overflow in a step means the
 * result overflows too (the steps are monotone). */
FA_INLINE float faxg32_scaled_exp(float Ph, float Pl, int32_t e, float a, float al)
{
    float lo;
    int32_t k;
    float ph = faex32_exp_parts(a, al, &lo, &k);
    float y0 = fa32_fma(Ph, ph, fa32_fma(Ph, lo, Pl * ph));
    int32_t E = k + e;
    int32_t E1 = E < -78 ? -78 : (E > 127 ? 127 : E);
    int32_t E2 = E - E1;
    E2 = E2 < -126 ? -126 : (E2 > 127 ? 127 : E2);
    return (y0 * fa32_pow2i(E1)) * fa32_pow2i(E2);
}
#endif

/* ========================================================================= */
/* float32                                                                    */
/* ========================================================================= */

/* elu: alpha = s.a (any finite value).  f' = 1 for x > 0, alpha e^x for
 * x <= 0 (torch: at x = 0 the negative branch, alpha).
 * FMA: x clamped to -300, g and alpha normalised (alpha loop-invariant),
 * their product an exact pair, faxg32_scaled_exp.
 * Base: in double, e^x by fa32_exp_d (x clamped to -400, where g alpha e^x
 * is 0 in float for every float g, alpha), g (alpha e^x) rounded once.
 * x = +inf -> g, -inf -> 0 (sign of g alpha), NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide; alpha = 1, 0.7, -2.5, 1e30): base 0.502 / avx2 1.058 / avx512 1.058 ULP.
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 3.08/0.87/0.54 vs fwd 2.49/1.19/0.79 (ratio 1.23/0.73/0.68).
 */
FA_INLINE float fa_elu_grad_f32(float g, float x, fa_scalars_f32 s)
{
#if FA32_HAVE_FMA
    float xc = x > 0.0f ? 0.0f : (x < -300.0f ? -300.0f : x);
    int32_t eg, ea;
    float gn = faxg32_norm(g, &eg);
    const float an = faxg32_norm(s.a, &ea);   /* loop-invariant */
    float Ph = gn * an;
    float yn = faxg32_scaled_exp(Ph, fa32_fma(gn, an, -Ph), eg + ea, xc, 0.0f);
#else
    double xd = (double)x;
    double xc = xd > 0.0 ? 0.0 : (xd < -400.0 ? -400.0 : xd);
    double e = fa32_exp_d(xc);
    float yn = (float)((double)g * ((double)s.a * e));
#endif
    return x > 0.0f ? g : yn;
}

/* selu: f' = scale for x > 0, scale alpha e^x for x <= 0 (torch: x = 0 takes
 * the negative branch), with the double constants of fa_selu_f32.
 * FMA: the constants as float pairs, g scale alpha an exact pair,
 * faxg32_scaled_exp; g scale with one rounding.  Base: in double, one
 * rounding.  x clamped to -200 (g scale alpha e^x is 0 in float beyond).
 * +inf -> g scale, -inf -> 0, NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide): base 0.502 / avx2 0.991 / avx512 0.991 ULP.
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 3.33/0.97/0.59 vs fwd 2.42/1.28/0.85 (ratio 1.37/0.76/0.69).
 */
FA_INLINE float fa_selu_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
    const double scale = 1.0507009873554804934193349852946;
    const double sa = 1.0507009873554804934193349852946 * 1.6732632423543772848170429916717;
#if FA32_HAVE_FMA
    float xc = x > 0.0f ? 0.0f : (x < -200.0f ? -200.0f : x);
    /* scale alpha = sah + sal, scale = sh + sl (float pairs) */
    const float sah = (float)sa, sal = (float)(sa - (double)sah);
    const float sh = (float)scale, sl = (float)(scale - (double)sh);
    int32_t eg;
    float gn = faxg32_norm(g, &eg);
    float Ph = gn * sah;
    float Pl = fa32_fma(gn, sah, -Ph) + gn * sal;
    float yn = faxg32_scaled_exp(Ph, Pl, eg, xc, 0.0f);
    float yp = fa32_fma(g, sh, g * sl);
#else
    double xd = (double)x;
    double xc = xd > 0.0 ? 0.0 : (xd < -200.0 ? -200.0 : xd);
    double e = fa32_exp_d(xc);
    float yn = (float)((double)g * (sa * e));
    float yp = (float)((double)g * scale);
#endif
    return x > 0.0f ? yp : yn;
}

/* celu: alpha = s.a > 0.  f' = 1 for x > 0, e^(x/alpha) for x <= 0 (at x = 0
 * both sides are 1).  t = x (1/alpha) clamped to [-200, 0], 1/alpha
 * loop-invariant.  FMA: t as a float pair (relative error ~2^-48),
 * faxg32_scaled_exp.  Base: in double as the forward (relative error
 * 2^-52), e^t by fa32_exp_d, g e^t rounded once.
 * +inf -> g, -inf -> 0, NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide; alpha = 1, 0.5, 2.75, 1e-3, 100): base 0.502 / avx2 1.051 / avx512 1.051 ULP.
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 3.15/0.89/0.61 vs fwd 3.04/1.39/1.06 (ratio 1.04/0.64/0.58).
 */
FA_INLINE float fa_celu_grad_f32(float g, float x, fa_scalars_f32 s)
{
    const double inv = 1.0 / (double)s.a;
#if FA32_HAVE_FMA
    /* t = x/alpha as a float pair th + tl (1/alpha = ih + il, relative
     * error ~2^-48) */
    const float ih = (float)inv;
    const float il = (float)(inv - (double)ih);
    float th = x * ih;
    float tl = fa32_fma(x, ih, -th) + x * il;
    int cl = th < -200.0f;                 /* also x = -inf (tl is NaN there) */
    th = cl ? -200.0f : (th > 0.0f ? 0.0f : th);
    tl = cl ? 0.0f : tl;
    int32_t eg;
    float gn = faxg32_norm(g, &eg);
    float yn = faxg32_scaled_exp(gn, 0.0f, eg, th, tl);
#else
    double t = (double)x * inv;
    t = t > 0.0 ? 0.0 : (t < -200.0 ? -200.0 : t);
    float yn = (float)((double)g * fa32_exp_d(t));
#endif
    return x > 0.0f ? g : yn;
}

/* exp: f' = e^x, x clamped to [-200, 200] (covers every finite float
 * g e^x; overflow -> inf as the true result).  FMA: g normalised,
 * faxg32_scaled_exp.  Base: in double, g e^x rounded once.
 * +inf -> g * inf, -inf -> 0, NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide): base 0.502 / avx2 1.032 / avx512 1.032 ULP.
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 3.15/0.87/0.53 vs fwd 1.81/0.58/0.40 (ratio 1.74/1.52/1.32).
 */
FA_INLINE float fa_exp_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
#if FA32_HAVE_FMA
    float xc = x > 200.0f ? 200.0f : (x < -200.0f ? -200.0f : x);
    int32_t eg;
    float gn = faxg32_norm(g, &eg);
    float y = faxg32_scaled_exp(gn, 0.0f, eg, xc, 0.0f);
#else
    double xd = (double)x;
    double xc = xd > 200.0 ? 200.0 : (xd < -200.0 ? -200.0 : xd);
    float y = (float)((double)g * fa32_exp_d(xc));
#endif
    return x == FAXG_INFF ? g * FAXG_INFF : y;
}

/* expm1: f' = e^x, as fa_exp_grad_f32.
 * Measured (dev/grad_expfam, g = 1 / random / wide): base 0.502 / avx2 1.032 / avx512 1.032 ULP.
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 3.17/0.88/0.53 vs fwd 2.46/1.17/0.80 (ratio 1.29/0.76/0.66).
 */
FA_INLINE float fa_expm1_grad_f32(float g, float x, fa_scalars_f32 s)
{
    return fa_exp_grad_f32(g, x, s);
}

/* From the forward's output y (frameworks keep exp's and expm1's output;
 * torch's backward of both reads it):
 *   exp:   f' = e^x = y:      g y, one rounding (0.5 ULP);
 *   expm1: f' = e^x = 1 + y:  g + g y by one FMA (0.5 ULP; y + 1 cancels
 *          where x is very negative, so never g y + g in two roundings);
 *          without FMA float32 in double (rounded once: 0.5 ULP) and
 *          float64 as g (1 + y) (1 + y exact for y <= -1/2 where it
 *          cancels; two roundings, measured 1.48 ULP).
 * Measured (fastact.accuracy --backward): 0.50 ULP, float64 baseline 1.48.
 * y = +inf (x = +inf) gives g * inf; y = -1 (x = -inf) gives g * 0. */
FA_INLINE float fa_exp_grad_y_f32(float g, float y, fa_scalars_f32 s)
{
    (void)s;
    return g * y;
}

FA_INLINE double fa_exp_grad_y_f64(double g, double y, fa_scalars_f64 s)
{
    (void)s;
    return g * y;
}

FA_INLINE float fa_expm1_grad_y_f32(float g, float y, fa_scalars_f32 s)
{
    (void)s;
#if FA32_HAVE_FMA
    return fa32_fma(g, y, g);
#else
    return (float)((double)g * (1.0 + (double)y));
#endif
}

FA_INLINE double fa_expm1_grad_y_f64(double g, double y, fa_scalars_f64 s)
{
    (void)s;
#if FA64_HAVE_FMA
    return FA64_FMA(g, y, g);
#else
    return g * (1.0 + y);
#endif
}

/* log1p: f' = 1/(1 + x).  In double: 1 + x (relative error <= 2^-53), one
 * double division, rounded once.  x = -1 -> g * inf, x < -1 -> NaN (the
 * forward is NaN), +inf -> 0, NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide): max 0.500 ULP (all ISAs).
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 0.65/0.34/0.33 vs fwd 3.62/1.58/1.11 (ratio 0.18/0.22/0.30).
 */
FA_INLINE float fa_log1p_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
    double d = 1.0 + (double)x;
    float y = (float)((double)g / d);
    return x < -1.0f ? FAXG_NANF : y;
}

/* soft_exponential: alpha = s.a (any finite value).
 *   alpha > 0: f' = e^(alpha x): t = alpha x exact in double, clamped to
 *     [-200, 200], e^t by fa32_exp_d, g e^t rounded once (overflow -> inf).
 *   alpha = 0: f' = 1.
 *   alpha < 0: f' = 1/S, S = 1 - alpha (x + alpha) = 1 + b (x - b), b = -alpha,
 *     S as an exact double pair (as the forward: the pole S = 0 is
 *     resolved), g / S by one double division.  S < 0 -> NaN (the forward
 *     is NaN), S = 0 -> g * inf.
 * Selected by the sign of alpha with bit masks (faex64_select3).
 * x = +inf: alpha > 0 -> g * inf, alpha < 0 -> 0, alpha = 0 -> g;
 * x = -inf: alpha > 0 -> 0, alpha < 0 -> NaN; NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide): max 0.502 ULP (all ISAs; alpha = 0.5, -0.5, 1, -1, 2, -0.1, 0.01, -3; alpha = 0 exact).
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 5.35/2.19/1.49 vs fwd 12.0/4.48/2.60 (ratio 0.45/0.49/0.57).
 */
FA_INLINE float fa_soft_exponential_grad_f32(float g, float x, fa_scalars_f32 s)
{
    const float al = s.a;
    const double ap = al > 0.0f ? (double)al : 0.0;
    const double b = al < 0.0f ? -(double)al : 1.0;
    double xd = (double)x, gd = (double)g;
    double t = xd * ap;
    t = t > 200.0 ? 200.0 : (t < -200.0 ? -200.0 : t);
    double ypos = gd * fa32_exp_d(t);
    ypos = x == FAXG_INFF ? gd * FAXG_INF : ypos;
    double sl;
    double sh = faex32_softexp_S(b, xd, &sl);
    double yneg = gd / (sh == 0.0 ? 0.0 : sh);
    yneg = sh < 0.0 ? FAXG_NAN : yneg;
    yneg = x == FAXG_INFF ? gd * 0.0 : yneg;
    return (float)faex64_select3((double)al, ypos, yneg, x != x ? xd : gd);
}

/* gaussian: f = e^(-x^2), f' = -2x e^(-x^2), x clamped to [-15, 15] (g f'
 * is 0 in float beyond), x^2 exact.
 * FA32_MANY_VREGS: g and x normalised, g (-2x) an exact pair,
 * faxg32_scaled_exp of -x^2 as an exact pair.
 * Otherwise in double: e^(-x^2) by fa32_exp_d, g (-2x e) rounded once (on
 * AVX2 the float form spills registers and ran 6% slower than this).
 * +-inf -> 0, NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide): base 0.502 / avx2 0.502 / avx512 1.051 ULP.
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 3.35/1.64/0.83 vs fwd 1.98/1.05/0.62 (ratio 1.69/1.56/1.34).
 */
FA_INLINE float fa_gaussian_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
#if FA32_MANY_VREGS
    float xc = x > 15.0f ? 15.0f : (x < -15.0f ? -15.0f : x);
    float q = xc * xc;
    float ql = fa32_fma(xc, xc, -q);          /* x^2 = q + ql exactly */
    int32_t eg, ex;
    float gn = faxg32_norm(g, &eg);
    float xn = faxg32_norm(xc, &ex);
    float Ph = gn * (-2.0f * xn);
    float Pl = fa32_fma(gn, -2.0f * xn, -Ph);
    return faxg32_scaled_exp(Ph, Pl, eg + ex, -q, -ql);
#else
    double xd = (double)x;
    double xc = xd > 15.0 ? 15.0 : (xd < -15.0 ? -15.0 : xd);
    double e = fa32_exp_d(-(xc * xc));
    return (float)((double)g * ((-2.0 * xc) * e));
#endif
}

/* gelu's tail factor R = a Phi(-a) e^(a^2/2) in double (the coefficients of
 * fa32_gelu_tail_R, evaluated in double from a double t). */
FA_INLINE double faxg32_gelu_R_d(double t)
{
    double R = t * 0x1.3a489cp-15 + 0x1.2f366cp-10;
    R = R * t - 0x1.d6c59cp-10;
    R = R * t - 0x1.bdd306p-8;
    R = R * t + 0x1.23a4f2p-5;
    R = R * t - 0x1.5a3c6ep-4;
    R = R * t + 0x1.0c23c0p-3;
    R = R * t - 0x1.1c5692p-3;
    R = R * t + 0x1.6e9d48p-4;
    R = R * t + 0x1.7eb56ep-2;
    return R;
}

/* gelu (erf form): f' = Phi(x) + x phi(x), phi(x) = e^(-x^2/2)/sqrt(2 pi).
 * In double.
 * |x| <= 1: f' = 1/2 + x K(x^2), K the degree-15 Taylor polynomial
 *   (relative error < 5e-19): the zero crossing x0 = -0.7517915... is
 *   resolved to ~1.5e-16 absolute, i.e. < 1 float ULP even at the floats
 *   next to x0 (f' ~ 5e-9 there).
 * |x| > 1: with R = a Phi(-a) e^(a^2/2) (the forward's tail polynomial in
 *   t = (a - 3.625)/(a + 4), a = |x| clamped to [1, 20]) and
 *   E = e^(-a^2/2): T = Phi(-a) - a phi(a) = E (R - a^2 C)/a (C = 1/sqrt(2 pi);
 *   the cancellation is <= 1.9x at a = 1); x < 0: f' = T, x > 0: f' = 1 - T.
 *   One double division 1/(a (a + 4)) serves both t and 1/a.
 * g f' rounded once.  (Base: no FMA.)
 * FMA targets (AVX2, AVX-512, aarch64): all float but one double division.
 * x in [-1.3, 1]: f' = d Q(d), d = x - x0 as an exact pair from x0 in
 *   three floats (so relative accuracy holds at the floats next to x0),
 *   Q = Q0 + d P1(d) (degree 13), g d Q0 as an exact pair, rounded once.
 * |x| outside: f' = T (x < -1.3) or 1 - T (x > 1), T = -C a Z(t) E with
 *   Z = 1 - Phi(-a)/(a phi(a)) > 0 (no cancellation; degree 11 in
 *   t = (a - 4)/(a + 1), t correctly rounded by a double division),
 *   E = e^(-a^2/2) and g C a Z as exact pairs by faxg32_scaled_exp.
 *   Fits: python dev/grad_expfam/fit_gelu_grad.py.
 * -inf -> 0, +inf -> g, NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide): base 0.607 / avx2 2.482 / avx512 2.482 ULP (bound 3),
 *   including the floats next to the zero crossing.
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 9.97/2.82/1.80 vs fwd 5.32/1.33/0.88 (ratio 1.88/2.13/2.04: over 1.5;
 *   the double form took 2.38 on AVX-512 and 3.45 on AVX2 (where the float form spills a few
 *   registers and is still 18% faster), a float division for t 1.59 but up to 4.3 ULP).
 *   A fast path without the wide-g care (x >= -13 only, blocks of other x to this form) measured
 *   1.69 on AVX-512 at up to 3.0 ULP: not worth a second loop form.
 */
#if FA32_HAVE_FMA
/* gelu' zero crossing x0 = -0.7517915246935644574579049467795 as three
 * floats */
#define FAXG32_GX0H -0x1.80ead2p-1f
#define FAXG32_GX0M 0x1.a03fd4p-27f
#define FAXG32_GX0L -0x1.eec18cp-52f
/* 1/sqrt(2 pi) = CH + CL */
#define FAXG32_CH 0x1.988454p-2f
#define FAXG32_CL -0x1.857936p-27f

/* Q(d) = gelu'(x0 + d)/d for x in [-1.3, 1] (d in [-0.55, 1.75]), degree 13
 * (fit: python dev/grad_expfam/fit_gelu_grad.py Q; relative error 1.2e-8),
 * returned as (Q - Q0)/d = P1(d), Q0 = FAXG32_GQ0: the caller adds the
 * constant term in its own exact product. */
#define FAXG32_GQ0 0x1.b9d990p-2f
FA_INLINE float faxg32_gelu_P1(float d)
{
    float q = fa32_fma(d, 0x1.fa9980p-20f, -0x1.f5f41ep-18f);
    q = fa32_fma(q, d, -0x1.762192p-16f);
    q = fa32_fma(q, d, 0x1.ee8c84p-14f);
    q = fa32_fma(q, d, 0x1.3681aep-13f);
    q = fa32_fma(q, d, -0x1.8226aep-11f);
    q = fa32_fma(q, d, -0x1.22816cp-9f);
    q = fa32_fma(q, d, 0x1.2875a4p-8f);
    q = fa32_fma(q, d, 0x1.3e25dap-6f);
    q = fa32_fma(q, d, -0x1.e3e434p-7f);
    q = fa32_fma(q, d, -0x1.d2fa32p-4f);
    q = fa32_fma(q, d, -0x1.2a308ep-6f);
    return fa32_fma(q, d, 0x1.8d9a94p-2f);
}

/* Z(t) = 1 - Phi(-a)/(a phi(a)) (= (a - Mills ratio)/a > 0) for a in
 * [1, 20], t = (a - 4)/(a + 1), degree 11 (fit_gelu_grad.py Z; relative
 * error 2.6e-9). */
FA_INLINE float faxg32_gelu_Z(float t)
{
    float z = fa32_fma(t, 0x1.0145a6p-19f, 0x1.9fb9f0p-19f);
    z = fa32_fma(z, t, 0x1.c160c8p-17f);
    z = fa32_fma(z, t, -0x1.382a9cp-16f);
    z = fa32_fma(z, t, 0x1.0dd410p-14f);
    z = fa32_fma(z, t, -0x1.159d5ap-11f);
    z = fa32_fma(z, t, 0x1.6d955ap-10f);
    z = fa32_fma(z, t, -0x1.410b2cp-8f);
    z = fa32_fma(z, t, 0x1.e7cddcp-6f);
    z = fa32_fma(z, t, -0x1.b7a090p-4f);
    z = fa32_fma(z, t, 0x1.20231ap-3f);
    return fa32_fma(z, t, 0x1.e1b560p-1f);
}
#endif

FA_INLINE float fa_gelu_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
#if FA32_HAVE_FMA
    /* |g| > 2^64 scaled by 2^-32 on the way (g d, g w below stay finite
     * where g f' is) */
    int gbig = fa_from_bits_f32(fa_bits_f32(g) & 0x7fffffffu) > 0x1p64f;
    float gs = gbig ? g * 0x1p-32f : g;
    /* x in [-1.3, 1]: g d Q(d) = g d Q0 + g d d P1(d), d = x - x0 = dh + dl
     * exactly (2Sum), g d and g d Q0 as exact pairs: one rounding at the
     * end, and the rounded parts are those of the second term only, which
     * is <= 1/4 of the sum */
    float dh = x - FAXG32_GX0H;
    float bb = dh - x;
    float dl = (x - (dh - bb)) + (-FAXG32_GX0H - bb);
    dl = (dl - FAXG32_GX0M) - FAXG32_GX0L;
    float P1 = faxg32_gelu_P1(dh);
    float gdh = gs * dh;
    float gdl = fa32_fma(gs, dh, -gdh) + gs * dl;
    float Ah = gdh * FAXG32_GQ0;
    float Al = fa32_fma(gdh, FAXG32_GQ0, -Ah) + gdl * FAXG32_GQ0;
    float dP = dh * P1;
    float ym = Ah + fa32_fma(gdh, dP, fa32_fma(gdl, dP, Al));
    ym = gbig ? ym * 0x1p32f : ym;
    /* |x| outside: T = Phi(-a) - a phi(a) = -C a Z E, E = e^(-a^2/2);
     * x < -1.3: f' = T; x > 1: f' = 1 - T.  t correctly rounded (double
     * division: a float one costs up to 4 ULP at a ~ 1.3); (C a) Z and g times it as exact pairs, so Z's error and
     * E's are all; g C a Z E by faxg32_scaled_exp */
    float a = fa_from_bits_f32(fa_bits_f32(x) & 0x7fffffffu);
    a = a < 1.0f ? 1.0f : (a > 20.0f ? 20.0f : a);
    float t = (float)(((double)a - 4.0) / ((double)a + 1.0));
    float Z = faxg32_gelu_Z(t);
    float m1h = a * FAXG32_CH;
    float m1l = fa32_fma(a, FAXG32_CH, -m1h) + a * FAXG32_CL;
    float m2h = m1h * Z;
    float m2l = fa32_fma(m1h, Z, -m2h) + m1l * Z;
    float ah = 0.5f * a;
    float qh = ah * a;
    float ql = fa32_fma(ah, a, -qh);        /* a^2/2 = qh + ql exactly */
    int32_t eg;
    float gn = faxg32_norm(g, &eg);
    float Ph = gn * m2h;
    float Pl = fa32_fma(gn, m2h, -Ph) + gn * m2l;
    float TG = faxg32_scaled_exp(Ph, Pl, eg, -qh, -ql);
    float y = x < -1.3f ? -TG : (x > 1.0f ? g + TG : ym);
    return y;
#else
    double xd = (double)x;
    double a = fa64_abs(xd);
    double w = xd * xd;
    double ys = 0.5 + xd * faxg_gelu_k(w);
    double ac = a < 1.0 ? 1.0 : (a > 20.0 ? 20.0 : a);
    double q = 1.0 / (ac * (ac + 4.0));
    double t = ((ac - 3.625) * ac) * q;
    double ia = (ac + 4.0) * q;
    double R = faxg32_gelu_R_d(t);
    double E = fa32_exp_d(-0.5 * (ac * ac));
    double T = E * ((R - (ac * ac) * FAXG_C_HI) * ia);
    double yt = xd < 0.0 ? T : 1.0 - T;
    double y = a <= 1.0 ? ys : yt;
    return (float)((double)g * y);
#endif
}

/* gelu_tanh: f = x/2 (1 + tanh u), u = sqrt(2/pi)(x + 0.044715 x^3).
 * With v = 2u, E = e^(-|v|), s = sigmoid(v):
 *   f' = s + x v' s (1 - s) = (Q (1 + E) + x v' E)/(1 + E)^2, Q = E for x < 0,
 *   1 for x >= 0; for x < 0 the numerator is E (1 + E + x v') (cancels at
 *   the zero crossing x0 = -0.7524614...: 1 + x v' is formed exactly and E
 *   is double-accurate, faex32_expm1_exp_d).
 * In double: v and x v' = x sqrt(8/pi) (1 + 3 0.044715 x^2) from x^2 exact,
 *   |v| clamped to 200, x to [-15, 16] (x > 16: f' = 1 in float), one
 *   division, g f' rounded once.  -inf -> 0, +inf -> g, NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide): max 0.500 ULP (all ISAs), including the floats next to the zero crossing.
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 10.4/3.04/1.91 vs fwd 5.79/1.22/0.81 (ratio 1.79/2.49/2.37: over 1.5).
 *   Tried and dropped: a float form in the manner of fags32_silu_x (v and
 *   1 + x v' in double, split into float pairs; E, 1 + E and (1 + E)^2 in
 *   float, one float division, 2^k last; H = 1 + E + x v' from a degree-6
 *   polynomial in d = x - x0 within |d| < 1/4) measured 1.67 on AVX-512
 *   (3.11 on AVX2) at up to 4.0 ULP: five roundings where this form has
 *   one.  Carrying the quotient's residual to get back under ~2 ULP adds
 *   ~23 vector operations to its 132, as many as it saved.  A bit select in
 *   place of the ternary (one division instead of two) measured slower here.
 */
FA_INLINE float fa_gelu_tanh_grad_f32(float g, float x, fa_scalars_f32 s)
{
    (void)s;
    const double c1 = 2.0 * 0.79788456080286535587989211986876;  /* sqrt(8/pi) */
    const double c3 = c1 * 0.044715;
    const double c3d = 3.0 * c3;
    double xd = (double)x;
    xd = xd > 16.0 ? 16.0 : (xd < -15.0 ? -15.0 : xd);
    double x2 = xd * xd;
    double v = xd * (c1 + c3 * x2);
    double xvp = xd * (c1 + c3d * x2);
    double av = fa64_abs(v);
    av = av > 200.0 ? 200.0 : av;
    double E;
    (void)faex32_expm1_exp_d(-av, &E);
    double ope = 1.0 + E;
    double neg = E * ((1.0 + xvp) + E);
    double pos = ope + xvp * E;
    double f = (xd < 0.0 ? neg : pos) / (ope * ope);
    float y = (float)((double)g * f);
    return x > 16.0f ? g : y;
}

/* ========================================================================= */
/* float64                                                                    */
/* ========================================================================= */

/* elu: alpha = s.a (any finite).  f' = 1 for x > 0, alpha e^x for x <= 0
 * (torch: x = 0 takes the negative branch, alpha).
 * e^x = (h + hl) 2^n (faex64_exp_core, x clamped to [-1500, 0]); alpha is
 * pre-scaled into [2^-500, 2^500] by an exact power of two (loop-invariant),
 * alpha (h + hl) as an exact two-product pair, then g times the pair rounded
 * once and scaled (faxg64_gmul).  +inf -> g, -inf -> 0, NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide): base 1.06 / avx2 0.76 / avx512 0.76 ULP (alpha = 1, 0.7, -2.5, 1e30).
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 20.5/4.18/2.07 vs fwd 9.59/1.93/1.22 (ratio 2.13/2.17/1.70: over 1.5).
 */
FA_INLINE double fa_elu_grad_f64(double g, double x, fa_scalars_f64 s)
{
    /* alpha scaled into [2^-500, 2^500] (loop-invariant; bit masks, since
     * gcc 12 does not vectorise this loop with invariant ternaries) */
    const double aa = fa64_abs(s.a);
    const uint64_t mlo = aa < 0x1p-500 ? ~0ULL : 0ULL, mhi = aa > 0x1p500 ? ~0ULL : 0ULL;
    const double as = s.a * fa_from_bits_f64((fa_bits_f64(0x1p600) & mlo) | (fa_bits_f64(0x1p-600) & mhi) |
                                             (fa_bits_f64(1.0) & ~(mlo | mhi)));
    const double ka = fa_from_bits_f64((fa_bits_f64(600.0) & mlo) | (fa_bits_f64(-600.0) & mhi));
    double xc = x > 0.0 ? 0.0 : (x < -2200.0 ? -2200.0 : x);
    double hl, n;
    double h = faxg64_exp_pair(xc, 0.0, &hl, &n);
    double tl;
    double th = fa64_two_prod(as, h, &tl);
    tl = FA64_FMA(as, hl, tl);
    double yn = faxg64_gmul(g, th, tl, n - ka);
    return x > 0.0 ? g : yn;
}

/* selu: f' = scale for x > 0, scale alpha e^x for x <= 0 (torch: x = 0 takes
 * the negative branch), the constants as hi + lo pairs (fa_math_f64.h).
 * Negative side as elu; positive side g scale_hi + g scale_lo (one rounding
 * with FMA).  +inf -> g scale, -inf -> 0, NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide): base 1.21 / avx2 0.83 / avx512 0.83 ULP.
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 18.4/4.06/2.09 vs fwd 7.86/2.09/1.33 (ratio 2.34/1.95/1.57: over 1.5).
 */
FA_INLINE double fa_selu_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    double xc = x > 0.0 ? 0.0 : (x < -1500.0 ? -1500.0 : x);
    double hl, n;
    double h = faxg64_exp_pair(xc, 0.0, &hl, &n);
    double tl;
    double th = fa64_two_prod(FA64_SELU_SA_HI, h, &tl);
    tl = FA64_FMA(FA64_SELU_SA_HI, hl, FA64_FMA(FA64_SELU_SA_LO, h, tl));
    double yn = faxg64_gmul(g, th, tl, n);
    double yp = FA64_FMA(g, FA64_SELU_SCALE_HI, g * FA64_SELU_SCALE_LO);
    return x > 0.0 ? yp : yn;
}

/* celu: alpha = s.a > 0.  f' = 1 for x > 0, e^(x/alpha) for x <= 0.
 * x/alpha = th + tl as the forward forms it (1/alpha loop-invariant, the
 * exact residual of x - th alpha), clamped to [-1500, 0], e^ from the pair,
 * g e^ rounded once and scaled (faxg64_gmul).  +inf -> g, -inf -> 0,
 * NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide): base 1.06 / avx2 0.76 / avx512 0.76 ULP (same alphas).
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 16.2/4.20/2.34 vs fwd 11.0/2.85/1.74 (ratio 1.47/1.48/1.34).
 */
FA_INLINE double fa_celu_grad_f64(double g, double x, fa_scalars_f64 s)
{
    const double a = s.a, inv = 1.0 / s.a;
    double th0 = x * inv;
    double tl = faex64_fnma_exact(th0, a, x) * inv;
    int cl = th0 > 0.0 || th0 < -1500.0;
    double th = th0 > 0.0 ? 0.0 : (th0 < -1500.0 ? -1500.0 : th0);
    tl = cl ? 0.0 : tl;
    double hl, n;
    double h = faxg64_exp_pair(th, tl, &hl, &n);
    double yn = faxg64_gmul(g, h, hl, n);
    return x > 0.0 ? g : yn;
}

/* exp: f' = e^x = (h + hl) 2^n (x clamped to [-1500, 1500], enough for every
 * double g), g (h + hl) rounded once and scaled (faxg64_gmul): overflow ->
 * inf, underflow -> 0 / subnormal as the true result.
 * +inf -> g * inf, -inf -> 0, NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide): base 1.07 / avx2 0.76 / avx512 0.76 ULP.
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 15.4/4.04/1.97 vs fwd 6.38/2.14/1.44 (ratio 2.42/1.89/1.37: base/avx2 over 1.5).
 */
FA_INLINE double fa_exp_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    double xc = x > 1500.0 ? 1500.0 : (x < -1500.0 ? -1500.0 : x);
    double hl, n;
    double h = faxg64_exp_pair(xc, 0.0, &hl, &n);
    double y = faxg64_gmul(g, h, hl, n);
    return x == FAXG_INF ? g * FAXG_INF : y;
}

/* expm1: f' = e^x, as fa_exp_grad_f64.
 * Measured (dev/grad_expfam, g = 1 / random / wide): as exp.
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 14.9/3.71/1.96 vs fwd 9.24/2.49/1.61 (ratio 1.61/1.49/1.22).
 */
FA_INLINE double fa_expm1_grad_f64(double g, double x, fa_scalars_f64 s)
{
    return fa_exp_grad_f64(g, x, s);
}

/* g / (Sh + Sl) for a pair with Sh > 0 (or 0 / inf / NaN: the result is then
 * g / Sh): FMA targets: q = 1/Sh, e = 1 - q (Sh + Sl) (exact residual),
 * g q as an exact product, g q (1 + e) rounded once (~0.5 ULP); without FMA
 * g / Sh (one division, <= 1.5 ULP with the ignored Sl <= ulp(Sh)/2). */
FA_INLINE double faxg64_div_pair(double g, double Sh, double Sl)
{
#if FA64_HAVE_FMA
    double q = 1.0 / Sh;
    double e = FA64_FMA(-q, Sh, 1.0) - q * Sl;
    double pl;
    double ph = fa64_two_prod(g, q, &pl);
    double y = ph + FA64_FMA(ph, e, pl);
    return y == y ? y : ph;
#else
    (void)Sl;
    return g / Sh;
#endif
}

/* log1p: f' = 1/(1 + x).  1 + x = sh + sl exactly (two-sum); sh > 2^1000 is
 * scaled by 2^-64 (so 1/sh stays normal), faxg64_div_pair, scaled back.
 * x = -1 -> g * inf, x < -1 -> NaN, +inf -> 0, NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide): base 1.50 / avx2 0.97 / avx512 0.97 ULP.
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 1.08/0.97/0.80 vs fwd 6.74/2.54/1.54 (ratio 0.16/0.38/0.52).
 */
FA_INLINE double fa_log1p_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    double sl;
    double sh = fa64_two_sum(1.0, x, &sl);
    int big = sh > 0x1p1000;
    double sc = big ? 0x1p-64 : 1.0;
    double y = faxg64_div_pair(g, sh * sc, sl * sc) * sc;
    y = x == FAXG_INF ? g * 0.0 : y;
    return x < -1.0 ? FAXG_NAN : y;
}

/* soft_exponential: alpha = s.a (any finite).
 *   alpha > 0: f' = e^(alpha x): alpha x = th + tl exactly (two-product),
 *     clamped to [-1500, 1500], e^ from the pair, g e^ rounded once and
 *     scaled (overflow -> inf).
 *   alpha = 0: f' = 1.
 *   alpha < 0: f' = 1/S, S = 1 + b (x - b), b = -alpha, as the forward forms
 *     it (x - b two-sum, b (x - b) exact product, 1 + u renormalised pair;
 *     |x - b| > 2^960 pre-scaled by 2^-128, S < 2^-960 scaled by 2^128),
 *     g / S by faxg64_div_pair and the power of two put back.  S < 0 -> NaN,
 *     S = 0 -> g * inf.
 * Selected by the sign of alpha (bit masks).  x = +inf: alpha > 0 -> g inf,
 * alpha < 0 -> 0, alpha = 0 -> g; x = -inf: alpha > 0 -> 0, alpha < 0 ->
 * NaN; NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide): base <= 1.50 / avx2 <= 0.97 / avx512 <= 0.97 ULP (same alphas).
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 20.2/5.63/3.54 vs fwd 44.2/11.5/6.98 (ratio 0.46/0.49/0.51).
 */
FA_INLINE double fa_soft_exponential_grad_f64(double g, double x, fa_scalars_f64 s)
{
    const double al = s.a;
    /* alpha > 0 */
    const double ap = al > 0.0 ? al : 0.0;
    double tl;
    double th = fa64_two_prod(ap, x, &tl);
    int thi = th > 1500.0, tlo = th < -1500.0;
    double tc = thi ? 1500.0 : (tlo ? -1500.0 : th);
    tl = (thi || tlo || tl != tl) ? 0.0 : tl;
    double hl, n;
    double h = faxg64_exp_pair(tc, tl, &hl, &n);
    double ypos = faxg64_gmul(g, h, hl, n);
    ypos = x == FAXG_INF ? g * FAXG_INF : ypos;
    /* alpha < 0 */
    const double b = al < 0.0 ? -al : 1.0;
    double sc, Sl;
    double Sh = faex64_softexp_S(b, x, &Sl, &sc);
    int tiny = fa64_abs(Sh) < 0x1p-960;
    double st = tiny ? 0x1p128 : 1.0;
    double yq = faxg64_div_pair(g, Sh * st, Sl * st) * (st * sc);
    double yneg = Sh > 0.0 ? yq : (Sh == 0.0 ? g * FAXG_INF : FAXG_NAN);
    yneg = x == FAXG_INF ? g * 0.0 : yneg;
    return faex64_select3(al, ypos, yneg, x != x ? x : g);
}

/* gaussian: f = e^(-x^2), f' = -2x e^(-x^2).  |x| clamped to 38.5 (g f' = 0
 * beyond for every double g), x^2 = qh + ql exactly (two-product, as the
 * forward), e^-(qh + ql) = (h + hl) 2^n from the pair; |x| < 2^-900 is
 * scaled by 2^200 (so -2x (h + hl) stays normal); -2x (h + hl) as an exact
 * pair, g times it rounded once and scaled (faxg64_gmul).
 * +-inf -> 0, NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide): base 1.05 / avx2 0.75 / avx512 0.75 ULP.
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 17.8/3.94/2.53 vs fwd 6.58/2.02/1.34 (ratio 2.70/1.95/1.88: over 1.5).
 */
FA_INLINE double fa_gaussian_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    double xc = x > 38.5 ? 38.5 : (x < -38.5 ? -38.5 : x);
    double ac = fa64_abs(xc);
    double ql;
    double qh = fa64_two_prod(ac, ac, &ql);
    double hl, n;
    double h = faxg64_exp_pair(-qh, -ql, &hl, &n);
    int xt = ac < 0x1p-900;
    double xs = -2.0 * (xt ? xc * 0x1p200 : xc);
    double tl;
    double th = fa64_two_prod(xs, h, &tl);
    tl = FA64_FMA(xs, hl, tl);
    return faxg64_gmul(g, th, tl, n - (xt ? 200.0 : 0.0));
}

/* gelu (erf form): f' = Phi(x) + x phi(x).
 * |x| <= 1: f' = 1/2 + x K(x^2) (degree-15 Taylor polynomial K; x^2 as an
 *   exact pair, the last Horner step K = K0 + x^2 K1 as a pair, x K as an
 *   exact product, 1/2 + x K as a two-sum, g times the pair rounded once).
 * |x| > 1, a = |x| clamped to 55: the forward's machinery for Phi(-a) =
 *   e^(-a^2/2) H(u)/(a + 5) (u = 2a/(a + 5) - 7/4, H the degree-23 polynomial
 *   in double-double, 1/(a + 5) with its residual, the low part of u through
 *   D), so T = Phi(-a) - a phi(a) = e^(-a^2/2) (H/(a + 5) - a C) with the
 *   bracket as a double-double (cancellation <= 1.9x at a = 1) and
 *   e^(-a^2/2) = (h + hl) 2^n from the exact a^2.  x < 0: g T (pair times
 *   g, rounded once, scaled by 2^n: relatively accurate down to underflow);
 *   x > 1: f' = 1 - T, g - g T.  For a in (40, 55] (only reached for g >
 *   2^128) H is used slightly beyond its fitted range; there Phi(-a) is only
 *   a 1/a^2 correction to a phi(a).
 * -inf -> 0, +inf -> g, NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide): floor: error <= 2.2 2^-53 |g| T (base; 1.53 on FMA ISAs), T = Phi(x) + |x| phi(x); <= 7.0 ULP where |f'| >= T/16; relative error unbounded only near the crossing.
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 51.4/13.0/7.56 vs fwd 43.7/10.1/5.55 (ratio 1.18/1.28/1.36).
 */
FA_INLINE double fa_gelu_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    double a = fa64_abs(x);
    /* |x| <= 1 */
    double xs = a > 1.0 ? 1.0 : x;
    double wl;
    double w = fa64_two_prod(xs, xs, &wl);
    /* K = GK0 + w K1(w) with the last step as a pair */
    double k1 = FAXG_GK15;
    k1 = FA64_FMA(k1, w, FAXG_GK14);
    k1 = FA64_FMA(k1, w, FAXG_GK13);
    k1 = FA64_FMA(k1, w, FAXG_GK12);
    k1 = FA64_FMA(k1, w, FAXG_GK11);
    k1 = FA64_FMA(k1, w, FAXG_GK10);
    k1 = FA64_FMA(k1, w, FAXG_GK9);
    k1 = FA64_FMA(k1, w, FAXG_GK8);
    k1 = FA64_FMA(k1, w, FAXG_GK7);
    k1 = FA64_FMA(k1, w, FAXG_GK6);
    k1 = FA64_FMA(k1, w, FAXG_GK5);
    k1 = FA64_FMA(k1, w, FAXG_GK4);
    k1 = FA64_FMA(k1, w, FAXG_GK3);
    k1 = FA64_FMA(k1, w, FAXG_GK2);
    k1 = FA64_FMA(k1, w, FAXG_GK1);
    double pl;
    double ph = fa64_two_prod(w, k1, &pl);
    pl = FA64_FMA(wl, k1, pl);
    double kl;
    double kh = fa64_two_sum(FAXG_GK0, ph, &kl);
    kl += pl + 2.0 * FAXG_C_LO;
    double vl;
    double vh = fa64_two_prod(xs, kh, &vl);
    vl = FA64_FMA(xs, kl, vl);
    double sl;
    double sh = fa64_two_sum(0.5, vh, &sl);
    double ys = FA64_FMA(g, sh, g * (sl + vl));
    /* |x| > 1 */
    double ac = a < 1.0 ? 1.0 : (a > 55.0 ? 55.0 : a);
    double rh, rl, gl;
    double gh = fa64_gelu_rH(ac, &rh, &rl, &gl);   /* the forward's 1/(a + 5) and H pairs */
    /* P = H r (pair) */
    double Pl;
    double Ph = fa64_two_prod(gh, rh, &Pl);
    Pl = FA64_FMA(gh, rl, FA64_FMA(gl, rh, Pl));
    /* a C (pair) */
    double cl;
    double ch = fa64_two_prod(ac, FAXG_C_HI, &cl);
    cl = FA64_FMA(ac, FAXG_C_LO, cl);
    /* B = P - a C */
    double bl;
    double bh = fa64_two_sum(Ph, -ch, &bl);
    bl += Pl - cl;
    /* E = e^(-a^2/2) = (h + hl) 2^n */
    double ql;
    double qh = fa64_two_prod(ac, ac, &ql);
    double hl, n;
    double h = faxg64_exp_pair(-0.5 * qh, -0.5 * ql, &hl, &n);
    /* T / 2^n = B (h + hl) */
    double fl;
    double fh = fa64_two_prod(bh, h, &fl);
    fl = FA64_FMA(bh, hl, FA64_FMA(bl, h, fl));
    double yneg = faxg64_gmul(g, fh, fl, n);
    double sc = fa64_pow2i(n < -1022.0 ? -1022.0 : n);
    double tpos = FA64_FMA(fh, sc, fl * sc);
    double ypos = FA64_FMA(-g, tpos, g);
    double yt = x < 0.0 ? yneg : ypos;
    return a <= 1.0 ? ys : yt;
}

/* gelu_tanh: f' = s + x v' s (1 - s), v = 2u = sqrt(8/pi)(x + 0.044715 x^3),
 * s = sigmoid(v), E = e^(-|v|):
 *   f' = N / (1 + E)^2,  N = E (1 + E + x v')  (x < 0),
 *                        N = 1 + E + x v' E    (x >= 0).
 * x clamped to [-30, 30] (x > 30: f' = 1).  v as a double-double (the
 * forward's code), x v' = x sqrt(8/pi) (1 + 3 0.044715 x^2) as a double-double,
 * E = (h + hl) 2^n from the pair -|v| (clamped to -1600); for x < 0 the
 * factor 2^n is kept apart (relatively accurate down to underflow, with g
 * pre-scaled); 1 + E, (1 + E)^2, 1 + E + x v' (the zero crossing
 * x0 = -0.7524614...) and N as pairs; one division with an exact residual;
 * g times the quotient pair rounded once and scaled.
 * -inf -> 0, +inf -> g, NaN -> NaN.
 * Measured (dev/grad_expfam, g = 1 / random / wide): floor: error <= 2.0 2^-53 |g| T (base; 1.29 on FMA ISAs), T = s + |x v' s (1 - s)|; <= 1.06 ULP where |f'| >= T/16.
 * Speed (ns/elem, 1M, 1 thread, base/avx2/avx512): bwd 35.1/9.96/6.03 vs fwd 23.0/5.75/3.15 (ratio 1.52/1.73/1.92: over 1.5).
 */
FA_INLINE double fa_gelu_tanh_grad_f64(double g, double x, fa_scalars_f64 s)
{
    (void)s;
    double xc = x < -30.0 ? -30.0 : (x > 30.0 ? 30.0 : x);
    int neg = xc < 0.0;
    /* v = 2u as in fa_gelu_tanh_f64 */
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
    /* x v' = y (1 + 3k x^2) */
    double k3l;
    double k3h = fa64_two_prod(FAXG_K3_HI, x2h, &k3l);
    k3l = FA64_FMA(FAXG_K3_HI, x2l, FA64_FMA(FAXG_K3_LO, x2h, k3l));
    double w3l;
    double w3h = fa64_two_sum(1.0, k3h, &w3l);
    w3l += k3l;
    double zl;
    double zh = fa64_two_prod(yh, w3h, &zl);
    zl = FA64_FMA(yh, w3l, FA64_FMA(yl, w3h, zl));
    /* E = e^(-|v|) = (h + hl) 2^n */
    int vpos = vh > 0.0;
    double mh = vpos ? -vh : vh, ml = vpos ? -vl : vl;
    int clo = mh < -1600.0;
    mh = clo ? -1600.0 : mh;
    ml = clo ? 0.0 : ml;
    double hl, n;
    double h = faxg64_exp_pair(mh, ml, &hl, &n);
    double sc = fa64_pow2i(n < -1022.0 ? -1022.0 : n);
    double Eh = h * sc, El = hl * sc;   /* E (negligible vs 1 where n < -1022) */
    /* 1 + E and (1 + E)^2 */
    double ol;
    double oh = fa64_two_sum(1.0, Eh, &ol);
    ol += El;
    double Dl;
    double Dh = fa64_two_prod(oh, oh, &Dl);
    Dl = FA64_FMA(2.0 * oh, ol, Dl);
    /* x < 0: N / 2^n = (h + hl)(1 + E + x v') */
    double bl;
    double bh = fa64_two_sum(oh, zh, &bl);
    bl += ol + zl;
    double nnl;
    double nnh = fa64_two_prod(h, bh, &nnl);
    nnl = FA64_FMA(h, bl, FA64_FMA(hl, bh, nnl));
    /* x >= 0: N = 1 + E + x v' E */
    double pl;
    double ph = fa64_two_prod(zh, Eh, &pl);
    pl = FA64_FMA(zh, El, FA64_FMA(zl, Eh, pl));
    double npl;
    double nph = fa64_two_sum(oh, ph, &npl);
    npl += ol + pl;
    double Nh = neg ? nnh : nph, Nl = neg ? nnl : npl;
    /* N / D */
    double q = 1.0 / Dh;
    double Rh = Nh * q;
    double rr = faex64_fnma_exact(Rh, Dh, Nh);
    double Rl = (rr + FA64_FMA(-Rh, Dl, Nl)) * q;
    double y = faxg64_gmul(g, Rh, Rl, neg ? n : 0.0);
    return x > 30.0 ? g : y;
}

#endif /* FASTACT_GRAD_EXPFAM_H */
