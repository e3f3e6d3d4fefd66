/* __float128 references for dev/grad_expfam: f'(x) on the exact formula
 * with the parameter taken exactly; T(x) = size of the cancelling terms. */
#include <quadmath.h>
#include "ref.h"

#define SELU_SCALE 1.0507009873554804934193349852946Q
#define SELU_ALPHA 1.6732632423543772848170429916717Q
#define GK 0.044715Q

static __float128 sig_parts(__float128 v, __float128 *oms)
{
    if (v >= 0) { __float128 e = expq(-v); *oms = e / (1 + e); return 1 / (1 + e); }
    __float128 e = expq(v);
    *oms = 1 / (1 + e);
    return e / (1 + e);
}

__float128 ref_dq(int fn, __float128 x, double a, int inf, __float128 *T)
{
    __float128 d = 0, q = a;
    *T = 0;
    if (isnanq(x)) return x;
    if (inf) {
        int p = x > 0;
        switch (fn) {
        case G_ELU: case G_CELU: return p ? 1 : 0;
        case G_SELU: return p ? SELU_SCALE : 0;
        case G_EXP: case G_EXPM1: return p ? HUGE_VALQ : 0;
        case G_LOG1P: return p ? 0 : nanq("");
        case G_SOFTEXP: if (a > 0) return p ? HUGE_VALQ : 0; if (a == 0) return 1; return p ? 0 : nanq("");
        case G_GAUSS: return 0;
        case G_GELU: case G_GELUT: return p ? 1 : 0;
        }
    }
    switch (fn) {
    case G_ELU: return x > 0 ? 1 : q * expq(x);
    case G_SELU: return x > 0 ? SELU_SCALE : SELU_SCALE * SELU_ALPHA * expq(x);
    case G_CELU: return x > 0 ? 1 : expq(x / q);
    case G_EXP: case G_EXPM1: return expq(x);
    case G_LOG1P: return x < -1 ? nanq("") : 1 / (1 + x);
    case G_SOFTEXP:
        if (a > 0) return expq(q * x);
        if (a == 0) return 1;
        d = (1 - q * q) - q * x;   /* 1 - q^2 exact for |q| near 1 */
        if (d < 0) return nanq("");
        return 1 / d;
    case G_GAUSS: return -2 * x * expq(-x * x);
    case G_GELU: {
        __float128 ph = expq(-x * x / 2) / sqrtq(2 * M_PIq);
        __float128 Ph = x < 0 ? erfcq(-x / M_SQRT2q) / 2 : 1 - erfcq(x / M_SQRT2q) / 2;
        *T = Ph + fabsq(x) * ph;
        return Ph + x * ph;
    }
    case G_GELUT: {
        __float128 c = sqrtq(8 / M_PIq);
        __float128 v = c * (x + GK * x * x * x), vp = c * (1 + 3 * GK * x * x), oms;
        __float128 s = sig_parts(v, &oms);
        __float128 t2 = x * vp * s * oms;
        *T = s + fabsq(t2);
        return s + t2;
    }
    }
    return 0;
}
