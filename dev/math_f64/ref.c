/* __float128 reference values (113-bit significand; products of doubles
 * are exact).  Compiled with -ffp-contract=off and no fast-math. */
#include <quadmath.h>
#include <math.h>
#include "ref.h"

typedef __float128 Q;

static Q q_sigmoid(Q x) {
    if (x >= 0) return 1 / (1 + expq(-x));
    Q e = expq(x);
    return e / (1 + e);
}

Q ref_eval(int fn, double xd, const double *p) {
    Q x = xd;
    if (isnan(xd)) return nanq("");
    switch (fn) {
    case F_RELU: return xd <= 0 ? 0 : x;
    case F_LEAKY: return xd > 0 ? x : x * (Q)p[0];
    case F_ELU: return xd > 0 ? x : (Q)p[0] * expm1q(x);
    case F_SELU: {
        Q sc = strtoflt128("1.0507009873554804934193349852946", NULL);
        Q al = strtoflt128("1.6732632423543772848170429916717", NULL);
        return sc * (xd > 0 ? x : al * expm1q(x));
    }
    case F_SIGMOID: return q_sigmoid(x);
    case F_TANH: return tanhq(x);
    case F_SILU:
        if (isinf(xd)) return xd > 0 ? x : -0.0;
        return x * q_sigmoid(x);
    case F_SOFTPLUS: {
        double beta = p[0], thr = p[1];
        double bxd = xd * beta;  /* double rounding decides the branch */
        if (bxd > thr) return x;
        if (isinf(xd)) return 0;
        Q bx = x * (Q)beta;      /* exact */
        Q r = (bx > 0 ? bx : 0) + log1pq(expq(-fabsq(bx)));
        return r / (Q)beta;
    }
    case F_GELU:
        if (isinf(xd)) return xd > 0 ? x : -0.0;
        return x * erfcq(-x / sqrtq(2)) / 2;
    case F_GELU_TANH: {
        if (isinf(xd)) return xd > 0 ? x : -0.0;
        Q k = strtoflt128("0.044715", NULL);
        Q v = 2 * sqrtq(2 / M_PIq) * (x + k * x * x * x);
        return x * q_sigmoid(v);
    }
    case F_MISH:
        if (isinf(xd)) return xd > 0 ? x : -0.0;
        if (xd > 50) return x;
        return x * tanhq(log1pq(expq(x)));
    }
    return 0;
}
