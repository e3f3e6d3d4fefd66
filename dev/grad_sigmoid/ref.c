/* __float128 references for dev/grad_sigmoid: f'(x) from the textbook
 * formulas (independent of the kernels' algebra), and T, the size of the
 * cancelling terms at the zero crossings (silu/swish: s(v); mish:
 * tanh(softplus(x))).  a, b: the parameters, exact; f32 selects the dtype
 * in which softplus's threshold test fl(beta x) > threshold is rounded. */
#include <math.h>
#include <quadmath.h>
#include "ref.h"

typedef __float128 Q;

static Q sig(Q v) { if (v >= 0) return 1 / (1 + expq(-v)); Q e = expq(v); return e / (1 + e); }

/* silu'(v) = s(v) + v s(v) s(-v) */
static Q silud(Q v, Q *T)
{
    if (isinfq(v)) { *T = v > 0; return v > 0 ? 1 : 0; }
    Q e = expq(-fabsq(v)), d = 1 + e;
    Q s = v >= 0 ? 1 / d : e / d, sm = v >= 0 ? e / d : 1 / d;
    *T = s;
    return s + v * s * sm;
}

Q ref_d(int fn, Q x, double a, double b, int f32, Q *T)
{
    *T = 0;
    if (isnanq(x)) return nanq("");
    switch (fn) {
    case F_SIGMOID: { if (isinfq(x)) return 0; Q e = expq(-fabsq(x)); return e / ((1 + e) * (1 + e)); }
    case F_TANH: { if (isinfq(x)) return 0; Q c = coshq(fminq(fabsq(x), 5000)); return 1 / (c * c); }
    case F_SILU: return silud(x, T);
    case F_SWISH:
    case F_QGELU: {
        Q be = fn == F_QGELU ? strtoflt128("1.702", NULL) : (Q)a;
        if (be == 0) { *T = 0.5Q; return 0.5Q; }
        return silud(be * x, T);
    }
    case F_LOGSIG: if (isinfq(x)) return x > 0 ? 0 : 1; return sig(-x);
    case F_SOFTPLUS: {
        if (isinfq(x)) return x > 0 ? 1 : 0;
        double bx = f32 ? (double)((float)x * (float)a) : (double)x * a;
        if (bx > b) return 1;
        return sig((Q)a * x);
    }
    case F_MISH: {
        if (isinfq(x)) return x > 0 ? 1 : 0;
        if (x > 200) { *T = 1; return 1; }
        Q sp = log1pq(expq(x));
        Q th = tanhq(sp), c = coshq(sp);
        *T = th;
        return th + x / (c * c) * sig(x);
    }
    case F_TSHRINK: { if (isinfq(x)) return 1; Q t = tanhq(x); return t * t; }
    }
    return 0;
}
