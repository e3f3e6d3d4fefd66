/* fa_math_f64.h - TEMPORARY placeholder (libm-based, correct, not vectorised).
 * Being replaced by the polynomial implementation. */
#ifndef FASTACT_MATH_F64_H
#define FASTACT_MATH_F64_H
#include <math.h>
#include "fa_common.h"
FA_INLINE double fa_relu_f64(double x, fa_scalars_f64 s) { (void)s; return x <= 0 ? 0.0 : x; }
FA_INLINE double fa_leaky_relu_f64(double x, fa_scalars_f64 s) { return x > 0 ? x : x * s.a; }
FA_INLINE double fa_elu_f64(double x, fa_scalars_f64 s) { return x > 0 ? x : s.a * expm1(x); }
FA_INLINE double fa_selu_f64(double x, fa_scalars_f64 s) { (void)s; return 1.0507009873554804934193349852946 * (x > 0 ? x : 1.6732632423543772848170429916717 * expm1(x)); }
FA_INLINE double fa_sigmoid_f64(double x, fa_scalars_f64 s) { (void)s; return x >= 0 ? 1.0 / (1.0 + exp(-x)) : exp(x) / (1.0 + exp(x)); }
FA_INLINE double fa_tanh_f64(double x, fa_scalars_f64 s) { (void)s; return tanh(x); }
FA_INLINE double fa_silu_f64(double x, fa_scalars_f64 s) { return x == -INFINITY ? -0.0 : x * fa_sigmoid_f64(x, s); }
FA_INLINE double fa_softplus_f64(double x, fa_scalars_f64 s) { double bx = x * s.a; if (bx > s.b) return x; return ((bx > 0 ? bx : 0.0) + log1p(exp(-fabs(bx)))) / s.a; }
FA_INLINE double fa_gelu_f64(double x, fa_scalars_f64 s) { (void)s; if (x == -INFINITY) return -0.0; return 0.5 * x * erfc(-x * 0.70710678118654752440); }
FA_INLINE double fa_gelu_tanh_f64(double x, fa_scalars_f64 s) { (void)s; if (x == -INFINITY) return -0.0; double u = 0.79788456080286535588 * (x + 0.044715 * x * x * x); return 0.5 * x * (1.0 + tanh(u)); }
FA_INLINE double fa_mish_f64(double x, fa_scalars_f64 s) { (void)s; if (x == -INFINITY) return -0.0; return x > 20 ? x : x * tanh(log1p(exp(x))); }
#endif
