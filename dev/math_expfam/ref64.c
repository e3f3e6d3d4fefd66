/* __float128 references of the exact formulas (parameter a taken exactly).
 * Compiled with -ffp-contract=off, no fast-math.  x is exact (a float or a
 * double widened); products x*a of two doubles are exact in quad. */
#include <math.h>
#include <quadmath.h>
#include "ref.h"

typedef __float128 Q;

static Q q_xsig(Q x, Q v)   /* x * sigmoid(v), stable */
{
    if (v >= 0) return x / (1 + expq(-v));
    Q e = expq(v);
    return x * e / (1 + e);
}

Q ref_q(int fn, Q x, double a, int xinf)
{
    if (isnanq(x)) return nanq("");
    Q A = a;
    switch (fn) {
    case F_SWISH:
    case F_QGELU: {
        Q b = fn == F_QGELU ? strtoflt128("1.702", NULL) : A;
        if (xinf) {
            if (b == 0) return x;
            return (b * x > 0) ? x : (x > 0 ? (Q)0.0 : -(Q)0.0);
        }
        return q_xsig(x, b * x);
    }
    case F_CELU:
        if (x > 0) return x;
        if (xinf) return -A;
        return A * expm1q(x / A);
    case F_LOGSIG:
        if (xinf) return x > 0 ? -(Q)0.0 : x;
    {
        Q y = (x < 0 ? x : 0) - log1pq(expq(-fabsq(x)));
        return y == 0 ? -(Q)0.0 : y;   /* the true value is < 0 */
    }
    case F_GAUSS:
        if (xinf) return 0;
        return expq(-x * x);
    case F_SOFTEXP:
        if (a == 0) return x;
        if (a > 0) {
            if (xinf) return x > 0 ? x : A - 1 / A;
            Q t = A * x;
            if (t > 12000) return HUGE_VALQ;
            if (t < -1) return expq(t) / A + (A - 1 / A);   /* keeps e^t when A = 1 */
            return expm1q(t) / A + A;
        } else {
            Q b = -A;
            if (xinf) return x > 0 ? x : nanq("");
            /* 1 + u = (1 - b^2) + b x: b^2 and b x are exact in quad, and
             * 1 - b^2 is exact where it could cancel (b near 1) */
            Q S = (1 - b * b) + b * x;
            if (S < 0) return nanq("");
            if (S == 0) return -HUGE_VALQ;
            if (fabsq(S - 1) < 0.5Q) return log1pq(b * (x - b)) / b;   /* near the crossing x = b */
            return logq(S) / b;
        }
    case F_TSHRINK: {
        if (xinf) return x;
        Q ax = fabsq(x);
        if (x == 0) return x;
        if (ax < 1e-3Q) {   /* Taylor series (next term < 1e-32 relative) */
            Q w = x * x, p = (Q)21844 / 6081075;
            p = p * w - (Q)1382 / 155925;
            p = p * w + (Q)62 / 2835;
            p = p * w - (Q)17 / 315;
            p = p * w + (Q)2 / 15;
            p = p * w - (Q)1 / 3;
            return -(x * w) * p;
        }
        return x - tanhq(x);
    }
    case F_EXP:
        if (xinf) return x > 0 ? x : 0;
        return expq(x);
    case F_EXPM1:
        if (xinf) return x > 0 ? x : -1;
        return expm1q(x);
    case F_LOG1P:
        if (x < -1) return nanq("");
        if (x == -1) return -HUGE_VALQ;
        if (xinf) return x;
        return log1pq(x);
    }
    return 0;
}
