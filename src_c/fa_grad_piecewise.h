/*
 * fa_grad_piecewise.h - backward element functions of the piecewise and
 * piecewise-linear activations, and the backward forms that take the
 * forward's output y instead of x (relu, sigmoid, tanh, elu).
 *
 * Contract of every backward element function (fa_kernels.h):
 *     FA_INLINE T fa_<name>_grad_T(T g, T x, fa_scalars_T s)    g * f'(x)
 *     FA_INLINE T fa_<name>_grad_y_T(T g, T y, fa_scalars_T s)  g * f'(x), y = f(x)
 * with the forward's parameter slots.  Branch-free, no libm calls, so the
 * `omp simd` loops of fa_kernels_impl.h vectorise on every ISA.
 *
 * Conventions at the kinks follow torch's backward kernels, so that a
 * training loop ported from torch gets the same gradients:
 *   relu'(0) = 0 (threshold_backward: x <= 0 gives 0);
 *   leaky_relu'(0) = slope (x > 0 ? 1 : slope);
 *   hardtanh / relu6: 0 at and outside both edges (x <= min or x >= max);
 *   hardsigmoid: 1/6 strictly inside (-3, 3), else 0;
 *   hardswish: 0 for x < -3, x/3 + 1/2 on [-3, 3], 1 above (torch's);
 *   softshrink / hardshrink: 0 on [-lambd, lambd], 1 outside;
 *   threshold: 0 where x <= threshold, 1 above;
 *   binary_step: 0 everywhere (also at 0, where the step has no derivative);
 *   srelu: the branch the forward takes (x <= t_left: a_left, x >= t_right:
 *   a_right, else 1).
 * Where the derivative is 0 the result is g * 0 (so NaN or inf g still give
 * NaN, as IEEE arithmetic on g * f'(x) would); NaN x gives NaN.  The sign of
 * a zero result is not part of the contract.
 *
 * Accuracy: every function here is one IEEE operation on g (a copy, a
 * product with a parameter, a division by 6) or is computed in double and
 * rounded once (float32 hardswish): 0.5 ULP.  The y forms of sigmoid and
 * tanh round (1 - y), (1 + y) and two products, in the dtype: <= 2 ULP of
 * g f'(x) with f'(x) taken as the exact function of the given y (the y form
 * cannot know better than y); elu's y form <= 1.5 ULP.  Checked against the
 * oracle by tests/test_backward.py on every ISA.
 */
#ifndef FASTACT_GRAD_PIECEWISE_H
#define FASTACT_GRAD_PIECEWISE_H

#include "fa_common.h"

/* NaN where x is NaN, else v. */
#define FA_GRAD_NAN_OF(x, v) ((x) != (x) ? (x) : (v))

/* ---- relu, leaky_relu, identity, binary_step ---- */

FA_INLINE float fa_relu_grad_f32(float g, float x, fa_scalars_f32 s) {
    (void)s;
    return FA_GRAD_NAN_OF(x, x > 0.0f ? g : g * 0.0f);
}
FA_INLINE double fa_relu_grad_f64(double g, double x, fa_scalars_f64 s) {
    (void)s;
    return FA_GRAD_NAN_OF(x, x > 0.0 ? g : g * 0.0);
}

FA_INLINE float fa_leaky_relu_grad_f32(float g, float x, fa_scalars_f32 s) {
    return FA_GRAD_NAN_OF(x, x > 0.0f ? g : g * s.a);
}
FA_INLINE double fa_leaky_relu_grad_f64(double g, double x, fa_scalars_f64 s) {
    return FA_GRAD_NAN_OF(x, x > 0.0 ? g : g * s.a);
}

FA_INLINE float fa_identity_grad_f32(float g, float x, fa_scalars_f32 s) {
    (void)s;
    return FA_GRAD_NAN_OF(x, g);
}
FA_INLINE double fa_identity_grad_f64(double g, double x, fa_scalars_f64 s) {
    (void)s;
    return FA_GRAD_NAN_OF(x, g);
}

FA_INLINE float fa_binary_step_grad_f32(float g, float x, fa_scalars_f32 s) {
    (void)s;
    return FA_GRAD_NAN_OF(x, g * 0.0f);
}
FA_INLINE double fa_binary_step_grad_f64(double g, double x, fa_scalars_f64 s) {
    (void)s;
    return FA_GRAD_NAN_OF(x, g * 0.0);
}

/* ---- clamps: hardtanh (min = s.a, max = s.b), relu6 ---- */

FA_INLINE float fa_hardtanh_grad_f32(float g, float x, fa_scalars_f32 s) {
    return FA_GRAD_NAN_OF(x, (x > s.a && x < s.b) ? g : g * 0.0f);
}
FA_INLINE double fa_hardtanh_grad_f64(double g, double x, fa_scalars_f64 s) {
    return FA_GRAD_NAN_OF(x, (x > s.a && x < s.b) ? g : g * 0.0);
}

FA_INLINE float fa_relu6_grad_f32(float g, float x, fa_scalars_f32 s) {
    (void)s;
    return FA_GRAD_NAN_OF(x, (x > 0.0f && x < 6.0f) ? g : g * 0.0f);
}
FA_INLINE double fa_relu6_grad_f64(double g, double x, fa_scalars_f64 s) {
    (void)s;
    return FA_GRAD_NAN_OF(x, (x > 0.0 && x < 6.0) ? g : g * 0.0);
}

/* ---- hardsigmoid: g/6 on (-3, 3) (one correctly rounded division) ---- */

FA_INLINE float fa_hardsigmoid_grad_f32(float g, float x, fa_scalars_f32 s) {
    (void)s;
    return FA_GRAD_NAN_OF(x, (x > -3.0f && x < 3.0f) ? g / 6.0f : g * 0.0f);
}
FA_INLINE double fa_hardsigmoid_grad_f64(double g, double x, fa_scalars_f64 s) {
    (void)s;
    return FA_GRAD_NAN_OF(x, (x > -3.0 && x < 3.0) ? g / 6.0 : g * 0.0);
}

/* ---- hardswish: g (2x + 3) / 6 on [-3, 3].
 * float32: 2x + 3 and its product with g are exact in double (24 + 26 bits),
 * so the product with 1/6 (a multiplication, not a division: 4x faster,
 * 2^-52 relative with the rounding of 1/6) and the conversion are the only
 * roundings: 0.5 ULP + 2^-28.  float64: 2x + 3 rounds once (exact near its
 * zero x = -1.5, by Sterbenz), then the product and the division: <= 1.5 ULP
 * of the exact value. */

FA_INLINE float fa_hardswish_grad_f32(float g, float x, fa_scalars_f32 s) {
    (void)s;
    const float mid = (float)((double)g * (2.0 * (double)x + 3.0) * (1.0 / 6.0));
    return FA_GRAD_NAN_OF(x, x < -3.0f ? g * 0.0f : (x <= 3.0f ? mid : g));
}
FA_INLINE double fa_hardswish_grad_f64(double g, double x, fa_scalars_f64 s) {
    (void)s;
    const double mid = g * (2.0 * x + 3.0) / 6.0;
    return FA_GRAD_NAN_OF(x, x < -3.0 ? g * 0.0 : (x <= 3.0 ? mid : g));
}

/* ---- shrinks (lambd = s.a), threshold (threshold = s.a) ---- */

FA_INLINE float fa_softshrink_grad_f32(float g, float x, fa_scalars_f32 s) {
    return FA_GRAD_NAN_OF(x, (x > s.a || x < -s.a) ? g : g * 0.0f);
}
FA_INLINE double fa_softshrink_grad_f64(double g, double x, fa_scalars_f64 s) {
    return FA_GRAD_NAN_OF(x, (x > s.a || x < -s.a) ? g : g * 0.0);
}

FA_INLINE float fa_hardshrink_grad_f32(float g, float x, fa_scalars_f32 s) {
    return fa_softshrink_grad_f32(g, x, s);
}
FA_INLINE double fa_hardshrink_grad_f64(double g, double x, fa_scalars_f64 s) {
    return fa_softshrink_grad_f64(g, x, s);
}

FA_INLINE float fa_threshold_grad_f32(float g, float x, fa_scalars_f32 s) {
    return FA_GRAD_NAN_OF(x, x > s.a ? g : g * 0.0f);
}
FA_INLINE double fa_threshold_grad_f64(double g, double x, fa_scalars_f64 s) {
    return FA_GRAD_NAN_OF(x, x > s.a ? g : g * 0.0);
}

/* ---- srelu (t_left = s.a, a_left = s.b, t_right = s.c, a_right = s.d) ---- */

FA_INLINE float fa_srelu_grad_f32(float g, float x, fa_scalars_f32 s) {
    const float slope = x >= s.c ? s.d : (x <= s.a ? s.b : 1.0f);
    return FA_GRAD_NAN_OF(x, g * slope);
}
FA_INLINE double fa_srelu_grad_f64(double g, double x, fa_scalars_f64 s) {
    const double slope = x >= s.c ? s.d : (x <= s.a ? s.b : 1.0);
    return FA_GRAD_NAN_OF(x, g * slope);
}

/* ---- backward from the forward's output y ---- */

/* relu: y > 0 exactly where x > 0. */
FA_INLINE float fa_relu_grad_y_f32(float g, float y, fa_scalars_f32 s) {
    return fa_relu_grad_f32(g, y, s);
}
FA_INLINE double fa_relu_grad_y_f64(double g, double y, fa_scalars_f64 s) {
    return fa_relu_grad_f64(g, y, s);
}

/* sigmoid: g (y (1 - y)), in the dtype: 1 - y is exact for y >= 1/2
 * (Sterbenz) and rounds once below, then two products: <= 1.5 ULP + the
 * binade effects, measured <= 2 ULP.  (In double, float32 would be correctly
 * rounded but 1.7x slower: this form is the cheap one frameworks keep.) */
FA_INLINE float fa_sigmoid_grad_y_f32(float g, float y, fa_scalars_f32 s) {
    (void)s;
    return g * (y * (1.0f - y));
}
FA_INLINE double fa_sigmoid_grad_y_f64(double g, double y, fa_scalars_f64 s) {
    (void)s;
    return g * (y * (1.0 - y));
}

/* tanh: g ((1 - y)(1 + y)), never the cancelling 1 - y^2: one of the two
 * factors is exact (Sterbenz on the side of y's sign), the other rounds
 * once, then two products. */
FA_INLINE float fa_tanh_grad_y_f32(float g, float y, fa_scalars_f32 s) {
    (void)s;
    return g * ((1.0f - y) * (1.0f + y));
}
FA_INLINE double fa_tanh_grad_y_f64(double g, double y, fa_scalars_f64 s) {
    (void)s;
    return g * ((1.0 - y) * (1.0 + y));
}

/* elu (alpha = s.a >= 0; the Python layer refuses alpha < 0, where y > 0
 * would not tell the branch): y > 0 ? g : g (y + alpha), two roundings
 * (y + alpha is exact where it cancels, y in [-alpha, -alpha/2]). */
FA_INLINE float fa_elu_grad_y_f32(float g, float y, fa_scalars_f32 s) {
    const float neg = g * (y + s.a);
    return FA_GRAD_NAN_OF(y, y > 0.0f ? g : neg);
}
FA_INLINE double fa_elu_grad_y_f64(double g, double y, fa_scalars_f64 s) {
    return FA_GRAD_NAN_OF(y, y > 0.0 ? g : g * (y + s.a));
}

#endif /* FASTACT_GRAD_PIECEWISE_H */
