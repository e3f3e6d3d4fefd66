"""The oracle: pure-NumPy twins of every fastact function.

Each public function here has the name and signature of its fastact twin
and returns the same dtype, but computes in float64 with numerically stable
formulas (expm1, log1p, max-subtracted softplus, sign-split sigmoid, erfc in
the GELU tail), then rounds once to the input's dtype.  Tests and benchmarks
compare fastact against these.

Two rules keep the oracle honest:

* It never computes in the kernel's precision: float32 and float16 kernels are
  checked against float64, and float64 kernels against the same formulas in
  np.longdouble (80-bit on x86-64) or mpmath (see ``exact``).
* It shares the kernels' *definitions*, not their arithmetic: scalar
  parameters are rounded to the computation dtype first (float32 for float16
  and float32 arrays), as torch does, and softplus decides its linear branch
  on beta*x computed in that dtype, as torch does.

``exact(name, x, comp, **params)`` evaluates the formula on an array ``x`` of
any float dtype (float64, longdouble) without the final rounding; ``comp`` is
the kernel's computation dtype.
"""
import decimal as _decimal
import math as _math

import numpy as np

from ._registry import (ACTIVATIONS, AXIS, BY_NAME, CHANNEL, FINITE, HINGES, NONNEGATIVE,
                        POSITIVE, RRELU)


# Constants as decimal strings, so that longdouble work gets all its digits.
_SELU_ALPHA = "1.6732632423543772848170429916717"
_SELU_SCALE = "1.0507009873554804934193349852946"
_SQRT_2_OVER_PI = "0.79788456080286535587989211986876373695171726232987"
_SQRT_HALF = "0.70710678118654752440084436210484903928483593768847"


def _c(text, like):
    """A constant in the working precision of array ``like``."""
    return like.dtype.type(text)


def _sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def _softplus1(x):
    """log(1 + exp(x)) without overflow or cancellation."""
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def _neg_inf_to_neg_zero(x, y):
    """x * g(x) at x = -inf is the limit -0.0, not -inf * 0 = NaN."""
    return np.where(np.isneginf(x), x.dtype.type(-0.0), y)


def _split(a):
    """a = hi + lo with 26-bit halves (Veltkamp), for |a| < 1e150."""
    c = 134217729.0 * a
    hi = c - (c - a)
    return hi, a - hi


def _two_prod(a, b):
    """a*b = p + e exactly (Dekker), for |a|, |b| < 1e150."""
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


_SQRT_HALF_HI = float(_SQRT_HALF)
_SQRT_HALF_LO = float(_decimal.Decimal(_SQRT_HALF) - _decimal.Decimal(_SQRT_HALF_HI))
_TWO_OVER_SQRT_PI = 1.1283791670955126
_erfc_f64 = np.frompyfunc(_math.erfc, 1, 1)


def _phi(x):
    """The standard normal CDF, Phi(x) = erfc(-x/sqrt2)/2, relatively accurate
    in the negative tail.

    float64: the C library's erfc (math.erfc, about 1 ULP, relatively accurate
    in its tail) at z = fl(-x/sqrt2), plus a first-order correction for the
    rounding of z: z + dz = -x/sqrt2 exactly (Dekker product with a two-part
    1/sqrt2), erfc(z + dz) = erfc(z) - dz 2/sqrt(pi) exp(-z^2).  Without it
    the rounding of z would cost up to 2 z^2 ULP (~1500 at x = -38).
    Other dtypes (long double truth for float64 kernels) use mpmath."""
    if x.dtype != np.float64:
        return _erfc(-x * _c(_SQRT_HALF, x)) / 2
    xc = np.clip(x, -40.0, 40.0)               # Phi(-40) underflows float64
    z, dz = _two_prod(-xc, _SQRT_HALF_HI)
    dz = dz - xc * _SQRT_HALF_LO
    erfc_z = np.asarray(_erfc_f64(z), dtype=np.float64)
    phi = (erfc_z - dz * _TWO_OVER_SQRT_PI * np.exp(-z * z)) / 2
    return np.where(x < -40, 0.0, np.where(np.isnan(x), np.nan, phi))


def _erfc(z):
    """erfc at extended precision via mpmath (for long double truth)."""
    import mpmath

    def one(v):
        if np.isnan(v):
            return z.dtype.type("nan")
        if v > 100:    # erfc(100) ~ 6e-4346; beyond, gelu is 0 in any dtype
            return z.dtype.type(0)
        if v < -30:    # 2 - erfc(30) rounds to 2
            return z.dtype.type(2)
        with mpmath.workprec(113):
            return z.dtype.type(mpmath.nstr(mpmath.erfc(mpmath.mpf(str(v))), 40))

    return np.array([one(v) for v in z.ravel()], dtype=z.dtype).reshape(z.shape)


# ---- formulas: x in the working precision, params rounded to `comp` ----

def _f_relu(x, comp):
    return np.where(x <= 0, x.dtype.type(0), x)


def _f_leaky_relu(x, comp, negative_slope):
    return np.where(x > 0, x, x * negative_slope)


def _negative_part(x):
    """x where x <= 0 (keeping -0.0 and NaN), else 0: expm1 never overflows."""
    return np.where(x > 0, x.dtype.type(0), x)


def _f_elu(x, comp, alpha):
    return np.where(x > 0, x, alpha * np.expm1(_negative_part(x)))


def _f_selu(x, comp):
    alpha, scale = _c(_SELU_ALPHA, x), _c(_SELU_SCALE, x)
    return scale * np.where(x > 0, x, alpha * np.expm1(_negative_part(x)))


def _f_sigmoid(x, comp):
    return _sigmoid(x)


def _f_tanh(x, comp):
    return np.tanh(x)


def _f_silu(x, comp):
    return _neg_inf_to_neg_zero(x, x * _sigmoid(x))


def _f_softplus(x, comp, beta, threshold):
    linear = x.astype(comp) * comp(beta) > comp(threshold)
    return np.where(linear, x, _softplus1(x * beta) / beta)


def _f_gelu(x, comp, approximate):
    if approximate == "tanh":
        u = _c(_SQRT_2_OVER_PI, x) * (x + _c("0.044715", x) * x * x * x)
        return _neg_inf_to_neg_zero(x, x * _sigmoid(2 * u))
    return _neg_inf_to_neg_zero(x, x * _phi(x))


def _f_mish(x, comp):
    return _neg_inf_to_neg_zero(x, x * np.tanh(_softplus1(x)))


def _nan_kept(x, y):
    """Piecewise definitions built from comparisons: NaN in, NaN out."""
    return np.where(np.isnan(x), x, y)


# ---- the classic catalogue

def _f_identity(x, comp):
    return x.copy()


def _f_binary_step(x, comp):
    one, zero = x.dtype.type(1), x.dtype.type(0)
    return _nan_kept(x, np.where(x >= 0, one, zero))


def _f_arctan(x, comp):
    return np.arctan(x)


def _f_softsign(x, comp):
    return np.where(np.isinf(x), np.sign(x), x / (1 + np.abs(x)))


def _isru(x, alpha):
    """x / sqrt(1 + alpha x^2), as sign(x) / sqrt(1/x^2 + alpha) for |x| > 1
    so that nothing overflows."""
    big = np.abs(x) > 1
    xs = np.where(big, 1, x)
    xb = np.where(big, x, 1)
    return np.where(big, np.sign(x) / np.sqrt(1 / (xb * xb) + alpha),
                    xs / np.sqrt(1 + alpha * xs * xs))


def _f_isru(x, comp, alpha):
    return _isru(x, alpha)


def _f_isrlu(x, comp, alpha):
    return np.where(x >= 0, x, _isru(x, alpha))


def _along(p, x, axis):
    """A per-channel parameter array shaped to broadcast against x along axis
    (scalars and 1-element arrays are shared)."""
    p = np.asarray(p, dtype=x.dtype)
    if p.size == 1:
        return p.reshape(())
    shape = [1] * x.ndim
    shape[axis] = p.size
    return p.reshape(shape)


def _f_prelu(x, comp, weight, axis):
    return np.where(x > 0, x, _along(weight, x, axis) * x)


def _rrelu_uniform(n, seed, comp):
    """The kernels' counter-based uniforms, for element indices 0..n-1:
    SplitMix64's output function of mix(seed) + (i + 1) * golden gamma, top
    23/52 bits as the mantissa of a number in [1, 2), minus 1."""
    def mix(z):
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))
    with np.errstate(over="ignore"):
        key = mix(np.uint64(seed))
        z = mix(key + (np.arange(n, dtype=np.uint64) + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15))
    if comp == np.float32:
        bits = (z >> np.uint64(41)).astype(np.uint32) | np.uint32(0x3F800000)
        return bits.view(np.float32) - np.float32(1)
    return (z >> np.uint64(12) | np.uint64(0x3FF0000000000000)).view(np.float64) - 1.0


def rrelu_slopes(shape, lower, upper, seed, comp):
    """The training-mode slope of every element (C order) before the x <= 0
    selection: lower + (upper - lower) u, rounded in ``comp`` step by step."""
    lo, up = comp(lower), comp(upper)
    n = int(np.prod(shape))
    return (lo + (up - lo) * _rrelu_uniform(n, seed, comp)).reshape(shape)


def _f_rrelu(x, comp, lower, upper, training, seed):
    if not training:
        slope = x.dtype.type(comp((lower + upper) / 2))
        return np.where(x > 0, x, x * slope)
    if seed is None:
        raise ValueError("the reference rrelu needs a seed in training mode")
    r = rrelu_slopes(x.shape, lower, upper, seed, comp).astype(x.dtype)
    return np.where(x <= 0, x * r, x)


def _f_srelu(x, comp, t_left, a_left, t_right, a_right, axis):
    tl, al = _along(t_left, x, axis), _along(a_left, x, axis)
    tr, ar = _along(t_right, x, axis), _along(a_right, x, axis)
    zero = x.dtype.type(0)
    right = tr + np.where(ar == 0, zero, ar * (x - tr))
    left = tl + np.where(al == 0, zero, al * (x - tl))
    y = _nan_kept(x, np.where(x >= tr, right, np.where(x <= tl, left, x)))
    # t + a (x - t) cancels near its root when the slope has the other sign
    tb, ab = (np.broadcast_to(np.where(x >= tr, tr, tl), y.shape),
              np.broadcast_to(np.where(x >= tr, ar, al), y.shape))
    outer = ((x >= tr) | (x <= tl)) & (ab != 0)
    scale = np.where(outer, np.abs(tb) + np.abs(ab * (x - tb)), 0)

    def exact(mp, i, v):
        t, a = mp.mpf(float(tb.ravel()[i])), mp.mpf(float(ab.ravel()[i]))
        return t + a * (v - t)
    return _refine_cancelled(x, y, scale, exact)


def _f_apl(x, comp, a, b, axis):
    a = np.asarray(a, dtype=x.dtype)
    b = np.asarray(b, dtype=x.dtype)
    zero = x.dtype.type(0)
    y = np.where(x <= 0, zero, x)
    scale = np.abs(y)
    slope_sum, limit_ab = zero, zero
    hinges = []
    for s in range(a.shape[0]):
        a_s, b_s = _along(a[s], x, axis), _along(b[s], x, axis)
        d = b_s - x
        term = np.where(a_s == 0, zero, a_s * np.where(d <= 0, zero, d))
        y = y + term
        scale = scale + np.abs(term)
        slope_sum = slope_sum + a_s
        limit_ab = limit_ab + a_s * b_s
        hinges.append((np.broadcast_to(a_s, y.shape).ravel(), np.broadcast_to(b_s, y.shape).ravel()))
    limit = np.where(slope_sum > 0, np.inf, np.where(slope_sum < 0, -np.inf, limit_ab))
    y = np.where(np.isneginf(x), limit, y)

    def exact(mp, i, v):
        total = max(v, 0)
        for a_s, b_s in hinges:
            total += mp.mpf(float(a_s[i])) * max(mp.mpf(float(b_s[i])) - v, 0)
        return total
    return _refine_cancelled(x, y, scale, exact)


def _f_bent_identity(x, comp):
    big = np.abs(x) > 1e150                  # there sqrt(x^2 + 1) = |x| in any precision
    xf = np.where(big, 0, x)
    q = xf * xf
    y = np.where(big, (np.abs(x) - 1) / 2 + x, q / (2 * (np.sqrt(q + 1) + 1)) + xf)
    y = np.where(np.isinf(x), x, y)
    return np.where(x == 0, x, y)      # bent_identity(-0.0) = -0.0: it is x near 0


def _swish(x, beta_hi, beta_lo=0.0):
    """x sigmoid(beta x) with beta = beta_hi + beta_lo (float64 parts) and
    beta x carried exactly: beta_hi x = p + e (Dekker, in float64; x is a
    float32 or float64 value), then sigmoid(p + d) = sigmoid(p) (1 + (1 -
    sigmoid(p)) d) to first order, d = e + beta_lo x.  Rounding beta x
    instead would cost |beta x| ULP in the tail."""
    xd = np.clip(np.nan_to_num(x.astype(np.float64), posinf=1e150, neginf=-1e150), -1e150, 1e150)
    p, e = _two_prod(np.float64(beta_hi), xd)
    d = (e + np.float64(beta_lo) * xd).astype(x.dtype)
    g0 = _sigmoid(p.astype(x.dtype))
    g = np.where(g0 == 0, g0, g0 * (1 + (1 - g0) * d))  # d is small wherever g0 > 0
    closed = np.isinf(x) & (g0 == 0)
    y = x * np.where(closed, 1, g)
    return np.where(closed, np.copysign(x.dtype.type(0), x), y)


def _f_swish(x, comp, beta):
    return _swish(x, beta)


def _two_sum(a, b):
    """a + b = s + e exactly (Knuth), float64 arrays."""
    s_ = a + b
    bb = s_ - a
    return s_, (a - (s_ - bb)) + (b - bb)


def _f_soft_exponential(x, comp, alpha):
    """alpha < 0: -log(u)/alpha with u = 1 - alpha(x + alpha) = 1 - alpha^2 -
    alpha x summed exactly in float64 pairs (Dekker products, 2Sum), so that
    u keeps its relative accuracy next to the domain edge u = 0 and near
    u = 1 (the zero of the function).  alpha > 0: exp(alpha x)/alpha +
    (alpha - 1)(alpha + 1)/alpha, which has no cancellation for alpha >= 1
    (the -inf limit alpha - 1/alpha is exact), and for alpha < 1 the points
    near the root that lost more than 4 bits are recomputed with mpmath."""
    wd = x.dtype.type
    if alpha == 0:
        return x.copy()
    xd = x.astype(np.float64)
    big = np.abs(xd) > 1e150
    xs = np.where(big, 0.0, xd)
    if alpha < 0:
        a = np.float64(alpha)
        p1, e1 = _two_prod(a, a)
        p2, e2 = _two_prod(np.full_like(xs, a), xs)
        s1, c1 = _two_sum(np.float64(1.0), -p1)
        hi, c2 = _two_sum(np.full_like(xs, s1), -p2)
        lo = (c1 + c2) - e1 - e2
        h = hi.astype(x.dtype)
        with np.errstate(all="ignore"):
            log_u = np.log(h) + (lo.astype(x.dtype) / h)
            log_u = np.where(h + lo.astype(x.dtype) == 0, -np.inf, log_u)
            log_u = np.where(big, np.log(-a * x), log_u)   # u = -alpha x, or NaN for x < 0
        y = -log_u / wd(alpha)
        return np.where(np.isnan(x), x, y)
    c = (wd(alpha) - 1) * (wd(alpha) + 1) / wd(alpha)
    y = np.exp(wd(alpha) * x) / wd(alpha) + c
    if alpha < 1:   # the two terms, of size |c|, cancel near the root
        y = _refine_cancelled(x, y, np.full(y.shape, abs(float(c))),
                              lambda mp, i, v: mp.expm1(mp.mpf(alpha) * v) / alpha + alpha)
    return y


def _refine_cancelled(x, y, scale, mp_point):
    """Recompute with mpmath (exactly, at 2200 bits) the points where y is
    below 1/16 of the size of the terms it was summed from (scale): there
    the working precision's rounding of the terms would show in y."""
    lost = np.isfinite(y) & np.isfinite(x) & (np.abs(y) * 16 < scale)
    if lost.any():
        idx = np.flatnonzero(lost.ravel())
        import mpmath
        yf = y.ravel().copy()
        xf = np.broadcast_to(x, y.shape).ravel()
        with mpmath.workprec(2200):
            for i in idx:
                v = mp_point(mpmath, i, mpmath.mpf(float(xf[i])))
                yf[i] = y.dtype.type(mpmath.nstr(v, 40)) if v != 0 else y.dtype.type(0)
        y = yf.reshape(y.shape)
    return y


_PI = "3.14159265358979323846264338327950288419716939937510"


def _f_sinusoid(x, comp):
    return np.sin(x)


def _sinpi(x):
    """sin(pi x) with the exact reduction of x modulo 2: r = x - 2 round(x/2)
    in [-1, 1] (exact), folded to [-1/2, 1/2] by sin(pi r) = sin(pi (1 - r))."""
    r = x - 2 * np.round(x / 2)
    r = np.where(r > 0.5, 1 - r, np.where(r < -0.5, -1 - r, r))
    return np.sin(_c(_PI, x) * r), r


def _f_sinc(x, comp, normalized):
    zero, one = x.dtype.type(0), x.dtype.type(1)
    xf = np.where(np.isinf(x), one, x)
    if normalized:
        s, r = _sinpi(xf)
        y = np.where(r == 0, zero, s / (_c(_PI, x) * np.where(xf == 0, one, xf)))
    else:
        y = np.sin(xf) / np.where(xf == 0, one, xf)
    y = np.where(x == 0, one, y)
    return np.where(np.isinf(x), zero, y)


def _f_gaussian(x, comp):
    if x.dtype == np.float64:
        return np.exp(-x * x)       # x is a float32 value: x*x is exact
    # float64 inputs in long double: x^2 = p + e exactly (Dekker in float64),
    # exp(-x^2) = exp(-p) (1 - e) to far below a float64 ULP.
    xd = np.where(np.abs(x) < 1e150, x, 1e150).astype(np.float64)
    p, e = _two_prod(xd, xd)
    y = np.exp(-p.astype(x.dtype)) * (1 - e.astype(x.dtype))
    return np.where(np.isnan(x), x, np.where(np.abs(x) < 1e150, y, x.dtype.type(0)))


# ---- the modern set

def _f_celu(x, comp, alpha):
    return np.where(x > 0, x, alpha * np.expm1(_negative_part(x) / alpha))


def _f_hardtanh(x, comp, min_val, max_val):
    lo, hi = x.dtype.type(min_val), x.dtype.type(max_val)
    return np.where(x < lo, lo, np.where(x > hi, hi, x))


def _f_relu6(x, comp):
    return np.where(x <= 0, x.dtype.type(0), np.where(x >= 6, x.dtype.type(6), x))


def _f_hardsigmoid(x, comp):
    # (x + 3) / 6, not x/6 + 1/2, which cancels near x = -3
    return np.where(x <= -3, x.dtype.type(0), np.where(x >= 3, x.dtype.type(1), (x + 3) / 6))


def _f_hardswish(x, comp):
    return np.where(x <= -3, x.dtype.type(-0.0), np.where(x >= 3, x, x * (x + 3) / 6))


def _f_logsigmoid(x, comp):
    return -_softplus1(-x)


# x - tanh(x) = sum_k c_k x^(2k+1), k >= 1 (from the series of tanh)
_TANHSHRINK_SERIES = ("1/3", "-2/15", "17/315", "-62/2835", "1382/155925", "-21844/6081075",
                      "929569/638512875", "-6404582/10854718875")


def _f_tanhshrink(x, comp):
    from fractions import Fraction
    small = np.abs(x) < 0.0625
    xs = np.where(small, x, 0)
    w = xs * xs
    acc = np.zeros_like(x)
    for c in reversed(_TANHSHRINK_SERIES):
        f = Fraction(c)
        acc = acc * w + x.dtype.type(f.numerator) / x.dtype.type(f.denominator)
    series = xs * w * acc
    return np.where(small, series, x - np.tanh(x))


def _f_softshrink(x, comp, lambd):
    lam = x.dtype.type(lambd)
    return _nan_kept(x, np.where(x > lam, x - lam, np.where(x < -lam, x + lam, x.dtype.type(0))))


def _f_hardshrink(x, comp, lambd):
    lam = x.dtype.type(lambd)
    return _nan_kept(x, np.where((x > lam) | (x < -lam), x, x.dtype.type(0)))


def _f_threshold(x, comp, threshold, value):
    return np.where(x <= threshold, x.dtype.type(value), x)


_QUICK_GELU_HI = float(_decimal.Decimal("1.702"))
_QUICK_GELU_LO = float(_decimal.Decimal("1.702") - _decimal.Decimal(_QUICK_GELU_HI))


def _f_quick_gelu(x, comp):
    return _swish(x, _QUICK_GELU_HI, _QUICK_GELU_LO)


def _f_exp(x, comp):
    return np.exp(x)


def _f_expm1(x, comp):
    return np.expm1(x)


def _f_log1p(x, comp):
    return np.log1p(x)


_FORMULAS = {name[3:]: f for name, f in globals().items() if name.startswith("_f_")}


def _comp_dtype(dtype):
    return np.float64 if dtype == np.float64 else np.float32


def _round_params(act, comp, params):
    """Scalar and per-channel parameters rounded to the computation dtype
    (kept as float64 values); choices, flags, seeds and axes as given."""
    out = {}
    for p in act.params:
        v = params[p.name]
        if p.check in (FINITE, POSITIVE, NONNEGATIVE):
            out[p.name] = float(comp(v))
        elif p.check in (CHANNEL, HINGES):
            out[p.name] = np.asarray(v, dtype=np.float64).astype(comp).astype(np.float64)
        else:
            out[p.name] = v
    return out


def exact(name, x, comp, **params):
    """The formula of activation ``name`` on ``x`` (any float dtype, no final
    rounding).  ``comp`` is the kernel's computation dtype; parameters are
    rounded to it as the kernels do.  Missing parameters take defaults."""
    act = BY_NAME[name]
    full = {p.name: p.default for p in act.params}
    full.update(params)
    rounded = _round_params(act, comp, full)
    for p in act.params:
        if p.check == AXIS:
            rounded[p.name] = _channel_axis(act, x, rounded)
    with np.errstate(all="ignore"):
        return _FORMULAS[name](x, comp, **rounded)


def _channel_axis(act, x, params):
    """The normalised channel axis, validated as fastact does; 0 (unused)
    when every parameter is shared."""
    def per_channel(p):
        v = np.asarray(params[p.name])
        return v.size > 1 if p.check == CHANNEL else (v.ndim == 2 and v.shape[1] > 1)
    if not any(per_channel(p) for p in act.params if p.check in (CHANNEL, HINGES)):
        return 0
    ax = params[next(p.name for p in act.params if p.check == AXIS)]
    if not -x.ndim <= ax < x.ndim:
        raise ValueError(f"axis {ax} is out of range for x with {x.ndim} dimensions")
    return ax % x.ndim


def _as_float(x):
    x = np.asarray(x)
    if x.dtype.kind in "biu":
        x = x.astype(np.float64)
    if x.dtype.kind != "f":
        raise TypeError(f"x must hold real numbers, got dtype {x.dtype}")
    return x


def _deliver(result, dtype, out):
    """result rounded once to dtype (overflow to inf is the rounded result),
    as a new array (a scalar for 0-d) or written into out."""
    with np.errstate(over="ignore"):
        result = result.astype(dtype)
    if out is None:
        return result[()] if result.ndim == 0 else result
    out[...] = result
    return out


def _twin(name, x, out, params):
    x = _as_float(x)
    return _deliver(exact(name, x.astype(np.float64), _comp_dtype(x.dtype), **params),
                    x.dtype, out)


_TWIN = """
def {name}(x{sig}, *, out=None):
    return _twin({name!r}, x, out, {{{args}}})
"""


def _define_twins():
    names = []
    for act in ACTIVATIONS:
        if act.kind == RRELU:
            continue
        sig = "".join(f", {p.name}" if p.required else f", {p.name}={p.default!r}"
                      for p in act.params)
        args = ", ".join(f"{p.name!r}: {p.name}" for p in act.params)
        scope = {"_twin": _twin}
        exec(_TWIN.format(name=act.name, sig=sig, args=args), scope)
        fn = scope[act.name]
        fn.__module__ = __name__
        fn.__doc__ = f"The float64 oracle of fastact.{act.name}: {act.formula}"
        globals()[act.name] = fn
        names.append(act.name)
    return names


def rrelu(x, lower=1.0 / 8, upper=1.0 / 3, training=False, seed=None, *,
          return_slopes=False, out=None):
    """The oracle of fastact.rrelu (training mode needs a seed here)."""
    params = {"lower": lower, "upper": upper, "training": training, "seed": seed}
    y = _twin("rrelu", x, out, params)
    if not return_slopes:
        return y
    xa = np.asarray(x)
    dt = np.asarray(y).dtype
    comp = _comp_dtype(dt)
    if training:
        r = rrelu_slopes(xa.shape, lower, upper, seed, comp)
    else:
        r = np.full(xa.shape, comp((lower + upper) / 2))
    return y, np.where(xa <= 0, r, comp(1)).astype(dt)


# ---------------------------------------------------------- along an axis

def _wide(dtype):
    """The oracle's working dtype for results of ``dtype``."""
    return np.longdouble if np.dtype(dtype) == np.float64 else np.float64


def softmax_exact(x, axis=-1, take_log=False, negate=False):
    """softmax (or log_softmax, of -x if negate) of x (float64 or longdouble,
    no final rounding) along axis, with fastact's special rows: NaN rows for a
    NaN, for all -inf and for two or more +inf; one +inf gives its limit.
    The sum of the terms other than the maximum is kept apart, so log(sum)
    is log1p(rest) when the maximum is unique."""
    v = -x if negate else x
    v = np.moveaxis(v, axis, -1)
    if v.shape[-1] == 0:
        return np.moveaxis(v.copy(), -1, axis)
    with np.errstate(all="ignore"):
        m = np.max(v, axis=-1, keepdims=True)
        eq = v == m
        t = np.where(eq, 0, v - m)
        e = np.exp(t)
        k = eq.sum(axis=-1, keepdims=True).astype(v.dtype)
        rest = np.where(eq, 0, e).sum(axis=-1, keepdims=True)
        nan_row = (np.isnan(v).any(axis=-1, keepdims=True) | (m == -np.inf)
                   | ((m == np.inf) & (k > 1)))
        if take_log:
            y = t - np.where(k == 1, np.log1p(rest), np.log(k + rest))
        else:
            y = e / (k + rest)
        y = np.where(nan_row, np.nan, y)
    return np.moveaxis(y, -1, axis)


def _softmax_twin(take_log, negate, name):
    def fn(x, axis=-1, *, out=None):
        x = _as_float(x)
        ax = axis % x.ndim if x.ndim else axis
        y = softmax_exact(x.astype(_wide(x.dtype)), ax, take_log, negate)
        return _deliver(y, x.dtype, out)
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = f"The oracle of fastact.{name}: in float64 (long double for float64 x)."
    return fn


softmax = _softmax_twin(False, False, "softmax")
log_softmax = _softmax_twin(True, False, "log_softmax")
softmin = _softmax_twin(False, True, "softmin")


def maxout(x, pool_size, axis=-1, *, out=None):
    """The oracle of fastact.maxout: reshape and np.max (NaN propagates)."""
    x = _as_float(x)
    ax = axis % x.ndim
    shape = x.shape[:ax] + (x.shape[ax] // pool_size, pool_size) + x.shape[ax + 1:]
    return _deliver(np.max(x.reshape(shape), axis=ax + 1), x.dtype, out)


def gated_exact(a, b, act, comp, **params):
    """a * act(b) with a, b wide (float64 or longdouble), unrounded."""
    with np.errstate(all="ignore"):
        return a * exact(act, b, comp, **params)


def _gated_twin(f):
    from ._registry import CHOICE as _CHOICE
    choice = next((p for p in f.params if p.check == _CHOICE), None)

    def run(x, axis, gate, out, choice_value):
        x = _as_float(x)
        act, extra = f.gate_for({choice.name: choice_value} if choice else {})
        if gate is None:
            ax = axis % x.ndim
            a, b = np.split(x, 2, axis=ax)
            dt = x.dtype
        else:
            g = _as_float(gate)
            dt = np.result_type(x.dtype, g.dtype)
            a, b = x, g
        wide = _wide(dt)
        y = gated_exact(a.astype(wide), b.astype(wide), act, _comp_dtype(dt), **extra)
        return _deliver(y, dt, out)

    if choice is None:
        def fn(x, axis=-1, *, gate=None, out=None):
            return run(x, axis, gate, out, None)
    else:
        def fn(x, axis=-1, approximate="none", *, gate=None, out=None):
            return run(x, axis, gate, out, approximate)
    fn.__name__ = fn.__qualname__ = f.name
    fn.__doc__ = f"The oracle of fastact.{f.name}: {f.formula}, rounded once."
    return fn


def _define_gated():
    from ._registry import AXIS_FUNCTIONS, GATED
    names = []
    for f in AXIS_FUNCTIONS:
        if f.kind == GATED:
            globals()[f.name] = _gated_twin(f)
            names.append(f.name)
    return names


def bias_sum(x, bias, axis=-1):
    """x + bias (broadcast along axis) rounded to the computation dtype, as
    fastact.bias_act forms it (float32 for float16 x)."""
    x = _as_float(x)
    comp = _comp_dtype(x.dtype)
    b = np.asarray(bias).astype(comp)
    if b.ndim == 1 and b.shape[0] > 1:
        ax = axis % x.ndim
        b = b.reshape((-1,) + (1,) * (x.ndim - ax - 1))
    elif b.ndim == 1:
        b = b.reshape(())
    return x.astype(comp) + b


def bias_act(x, bias, activation="gelu", axis=-1, *, out=None, **params):
    """The oracle of fastact.bias_act: the activation's formula on x + bias
    (the sum rounded to the computation dtype), rounded once."""
    x = _as_float(x)
    s = bias_sum(x, bias, axis)
    wide = _wide(x.dtype)
    with np.errstate(all="ignore"):
        y = exact(activation, s.astype(wide), _comp_dtype(x.dtype), **params)
    return _deliver(y, x.dtype, out)



# ================================================================ derivatives
#
# The analytic derivative f'(x) of every elementwise activation, in the
# working precision of x (float64, or long double for the float64 kernels),
# written from the calculus, in forms that neither cancel nor overflow:
# sigmoid' = s(x) s(-x), tanh' = 4 s(2x) s(-2x) (never 1 - tanh^2), and the
# limits at +-inf set explicitly where a product would give inf * 0.  The
# conventions at kinks are torch's (fastact/_registry.py, Backward.doc).
# ``exact_grad`` gives f'(x); the twins NAME_backward give grad_output * f'(x)
# rounded once, like the forward twins.

def _inf_limit(x, d, at_neg, at_pos):
    """d, with f'(-inf) = at_neg and f'(+inf) = at_pos."""
    return np.where(np.isneginf(x), x.dtype.type(at_neg),
                    np.where(np.isposinf(x), x.dtype.type(at_pos), d))


def _step(x, cond):
    """1 where cond, else 0; NaN where x is NaN."""
    return _nan_kept(x, np.where(cond, x.dtype.type(1), x.dtype.type(0)))


def _dsig(x):
    """sigmoid'(x) = s(x) s(-x)."""
    return _sigmoid(x) * _sigmoid(-x)


def _d_relu(x, comp):
    return _step(x, x > 0)


def _d_leaky_relu(x, comp, negative_slope):
    return _nan_kept(x, np.where(x > 0, x.dtype.type(1), x.dtype.type(negative_slope)))


def _d_elu(x, comp, alpha):
    return np.where(x > 0, x.dtype.type(1), alpha * np.exp(_negative_part(x)))


def _d_selu(x, comp):
    alpha, scale = _c(_SELU_ALPHA, x), _c(_SELU_SCALE, x)
    return scale * np.where(x > 0, x.dtype.type(1), alpha * np.exp(_negative_part(x)))


def _d_sigmoid(x, comp):
    return _dsig(x)


def _d_tanh(x, comp):
    return 4 * _dsig(2 * x)


def _dswish(x, beta_hi, beta_lo=0.0):
    """d/dx x s(beta x) = s(b) + b s(b) s(-b), b = beta x formed as in _swish
    (beta = beta_hi + beta_lo)."""
    xd = np.clip(np.nan_to_num(x.astype(np.float64), posinf=1e150, neginf=-1e150), -1e150, 1e150)
    p, e = _two_prod(np.float64(beta_hi), xd)
    b = p.astype(x.dtype) + (e + np.float64(beta_lo) * xd).astype(x.dtype)
    sb = _sigmoid(b)
    d = sb + b * sb * _sigmoid(-b)
    beta = beta_hi + beta_lo
    lim_pos, lim_neg = (1.0, 0.0) if beta > 0 else ((0.0, 1.0) if beta < 0 else (0.5, 0.5))
    return _nan_kept(x, _inf_limit(x, d, lim_neg, lim_pos))


def _d_silu(x, comp):
    return _dswish(x, 1.0)


def _d_swish(x, comp, beta):
    return _dswish(x, beta)


def _d_quick_gelu(x, comp):
    return _dswish(x, _QUICK_GELU_HI, _QUICK_GELU_LO)


def _d_softplus(x, comp, beta, threshold):
    linear = x.astype(comp) * comp(beta) > comp(threshold)
    return np.where(linear, x.dtype.type(1), _sigmoid(x * beta))


_INV_SQRT_2PI = "0.39894228040143267793994605993438186847585863116493"


def _normal_pdf(x):
    """phi(x) = e^(-x^2/2)/sqrt(2 pi), with x^2 carried as a Dekker pair in
    float64 (x is a float32 value in float64, or a float64 value in long
    double) so the exponent is not rounded in the tails."""
    xd = np.clip(np.nan_to_num(x.astype(np.float64)), -1e150, 1e150)
    p, e = _two_prod(xd, xd)
    return (np.exp(-p.astype(x.dtype) / 2) * (1 - e.astype(x.dtype) / 2)
            * _c(_INV_SQRT_2PI, x))


def _d_gelu(x, comp, approximate):
    if approximate == "tanh":
        k = _c(_SQRT_2_OVER_PI, x)
        c = _c("0.044715", x)
        u = k * (x + c * x * x * x)
        du = k * (1 + 3 * c * x * x)
        s2 = _sigmoid(2 * u)
        d = s2 + 2 * x * s2 * _sigmoid(-2 * u) * du
        # beyond |x| = 1e30 the second term is 0 (x^2 would overflow du)
        d = np.where(np.abs(x) > 1e30, np.where(x > 0, x.dtype.type(1), x.dtype.type(0)), d)
        return _nan_kept(x, _inf_limit(x, d, 0, 1))
    d = _phi(x) + x * _normal_pdf(x)
    return _nan_kept(x, _inf_limit(x, d, 0, 1))


def _d_mish(x, comp):
    sp = _softplus1(x)
    d = np.tanh(sp) + x * (4 * _dsig(2 * sp) * _sigmoid(x))
    return _nan_kept(x, _inf_limit(x, d, 0, 1))


def _d_identity(x, comp):
    return _nan_kept(x, np.ones_like(x))


def _d_binary_step(x, comp):
    return _nan_kept(x, np.zeros_like(x))


def _d_arctan(x, comp):
    return 1 / (1 + x * x)


def _d_softsign(x, comp):
    a = 1 + np.abs(x)
    return 1 / (a * a)


def _disru(x, alpha):
    """(1 + alpha x^2)^(-3/2), as |x|^-3 (1/x^2 + alpha)^(-3/2) for |x| > 1."""
    big = np.abs(x) > 1
    xs = np.where(big, 1, x)
    xb = np.where(big, np.abs(x), 1)
    small_v = (1 + alpha * xs * xs) ** x.dtype.type(-1.5)
    big_v = (1 / (xb * xb) + alpha) ** x.dtype.type(-1.5) / (xb * xb * xb)
    return np.where(big, big_v, small_v)


def _d_isru(x, comp, alpha):
    return _disru(x, alpha)


def _d_isrlu(x, comp, alpha):
    return np.where(x >= 0, x.dtype.type(1), _disru(x, alpha))


def _d_bent_identity(x, comp):
    big = np.abs(x) > 1
    xs = np.where(big, 1, x)
    xb = np.where(big, x, 1)
    h = np.where(big, np.sign(x) / (2 * np.sqrt(1 + 1 / (xb * xb))),
                 xs / (2 * np.sqrt(xs * xs + 1)))
    return 1 + h


def _d_soft_exponential(x, comp, alpha):
    a = x.dtype.type(alpha)
    if alpha < 0:
        # u = 1 - alpha (x + alpha) = (1 - alpha^2) - alpha x, the products
        # carried exactly (Dekker) so that u's sign, the domain edge, is right
        xd = np.clip(np.nan_to_num(x.astype(np.float64)), -1e150, 1e150)
        p1, e1 = _two_prod(np.float64(alpha), np.float64(alpha))
        p2, e2 = _two_prod(np.float64(alpha), xd)
        w = x.dtype.type
        u = ((w(1) - w(p1)) - w(p2)) - (w(e1) + w(e2))
        u = np.where(np.abs(x) > 1e150, 1 - a * (x + a), u)    # beyond Dekker's range
        return np.where(np.isnan(x) | (u < 0), w(np.nan), 1 / u)
    if alpha == 0:
        return _nan_kept(x, np.ones_like(x))
    return np.exp(a * x)


def _d_sinusoid(x, comp):
    return np.cos(x)


def _dsinc_series(v):
    """sinc'(v) = sum_k (-1)^k 2k v^(2k-1) / (2k+1)! for |v| <= 1/2 (14
    terms: the first omitted one is below 2^-100 of the sum)."""
    from math import factorial
    w = v * v
    acc = np.zeros_like(v)
    for k in range(14, 0, -1):
        acc = acc * w + v.dtype.type((-1) ** k * 2 * k) / v.dtype.type(factorial(2 * k + 1))
    return acc * v


def _d_sinc(x, comp, normalized):
    zero, one = x.dtype.type(0), x.dtype.type(1)
    small = np.abs(x) <= (0.5 / np.pi if normalized else 0.5)
    xf = np.where(np.isinf(x) | small, one, x)
    if normalized:
        pi = _c(_PI, x)
        s, r = _sinpi(xf)
        c = _cospi(xf)
        # (cos(pi x) - sinc(x)) / x, sinc from sin(pi r) with the exact reduction
        sn = np.where(r == 0, zero, s / (pi * xf))
        d = (c - sn) / xf
        series = pi * _dsinc_series(np.where(small, pi * x, zero))
    else:
        d = (xf * np.cos(xf) - np.sin(xf)) / (xf * xf)
        series = _dsinc_series(np.where(small, x, zero))
    d = np.where(small, series, d)
    return np.where(np.isinf(x), zero, d)


def _cospi(x):
    """cos(pi x) with the exact reduction of x modulo 2."""
    r = x - 2 * np.round(x / 2)
    # cos(pi r) = sin(pi (1/2 - |r|)), 1/2 - |r| exact for |r| <= 1
    return np.sin(_c(_PI, x) * (x.dtype.type(0.5) - np.abs(r)))


def _d_gaussian(x, comp):
    return _inf_limit(x, (-2 * _f_gaussian(x, comp)) * x, 0, 0)


def _d_celu(x, comp, alpha):
    return np.where(x > 0, x.dtype.type(1), np.exp(_negative_part(x) / alpha))


def _d_hardtanh(x, comp, min_val, max_val):
    return _step(x, (x > min_val) & (x < max_val))


def _d_relu6(x, comp):
    return _step(x, (x > 0) & (x < 6))


def _d_hardsigmoid(x, comp):
    return _nan_kept(x, np.where((x > -3) & (x < 3), 1 / x.dtype.type(6), x.dtype.type(0)))


def _d_hardswish(x, comp):
    d = np.where(x < -3, x.dtype.type(0), np.where(x <= 3, (2 * x + 3) / 6, x.dtype.type(1)))
    return _nan_kept(x, d)


def _d_logsigmoid(x, comp):
    return _sigmoid(-x)


def _d_tanhshrink(x, comp):
    t = np.tanh(x)
    return t * t


def _d_softshrink(x, comp, lambd):
    lam = x.dtype.type(lambd)
    return _step(x, (x > lam) | (x < -lam))


def _d_hardshrink(x, comp, lambd):
    return _d_softshrink(x, comp, lambd)


def _d_threshold(x, comp, threshold, value):
    return _step(x, x > threshold)


def _d_exp(x, comp):
    return np.exp(x)


def _d_expm1(x, comp):
    return np.exp(x)


def _d_log1p(x, comp):
    return np.where(x < -1, x.dtype.type(np.nan), 1 / (1 + x))


def _d_srelu(x, comp, t_left, a_left, t_right, a_right, axis):
    tl, al = _along(t_left, x, axis), _along(a_left, x, axis)
    tr, ar = _along(t_right, x, axis), _along(a_right, x, axis)
    return _nan_kept(x, np.where(x >= tr, ar, np.where(x <= tl, al, x.dtype.type(1))))


def _d_prelu(x, comp, weight, axis):
    return _nan_kept(x, np.where(x > 0, x.dtype.type(1), _along(weight, x, axis)))


def _d_rrelu(x, comp, lower, upper, training, seed):
    if not training:
        slope = x.dtype.type(comp((lower + upper) / 2))
        return _nan_kept(x, np.where(x > 0, x.dtype.type(1), slope))
    r = rrelu_slopes(x.shape, lower, upper, seed, comp).astype(x.dtype)
    return np.where(x <= 0, r, x.dtype.type(1))


def _d_apl(x, comp, a, b, axis):
    a = np.asarray(a, dtype=x.dtype)
    b = np.asarray(b, dtype=x.dtype)
    d = np.where(x > 0, x.dtype.type(1), x.dtype.type(0))
    for s in range(a.shape[0]):
        a_s, b_s = _along(a[s], x, axis), _along(b[s], x, axis)
        d = d - np.where(b_s - x > 0, a_s, x.dtype.type(0))
    return _nan_kept(x, d)


_DERIVATIVES = {name[3:]: f for name, f in globals().items() if name.startswith("_d_")}

# From the forward's output y: f'(x) as a function of y = f(x).
_DERIVATIVES_Y = {
    "relu": lambda y, comp: _step(y, y > 0),
    "sigmoid": lambda y, comp: y * (1 - y),
    "tanh": lambda y, comp: (1 - y) * (1 + y),
    "elu": lambda y, comp, alpha: np.where(y > 0, y.dtype.type(1), y + y.dtype.type(alpha)),
    "exp": lambda y, comp: y,
    "expm1": lambda y, comp: 1 + y,
}


def exact_grad(name, x, comp, from_y=False, **params):
    """f'(x) of activation ``name`` on ``x`` (any float dtype, unrounded),
    or, with from_y, f' as a function of the forward's output given in x.
    Parameters are rounded to ``comp`` as the kernels do."""
    act = BY_NAME[name]
    full = {p.name: p.default for p in act.params}
    full.update(params)
    rounded = _round_params(act, comp, full)
    for p in act.params:
        if p.check == AXIS:
            rounded[p.name] = _channel_axis(act, x, rounded)
    with np.errstate(all="ignore"):
        if from_y:
            return _DERIVATIVES_Y[name](x, comp, **rounded)
        return _DERIVATIVES[name](x, comp, **rounded)


def _grad_twin(name, grad_output, x, y, out, params):
    if (x is None) == (y is None):
        raise TypeError("give exactly one of x and y")
    g = _as_float(grad_output)
    v = _as_float(x if y is None else y)
    dt = np.result_type(g.dtype, v.dtype)
    wide = np.float64
    d = exact_grad(name, v.astype(wide), _comp_dtype(dt), from_y=y is not None, **params)
    with np.errstate(all="ignore"):
        return _deliver(g.astype(wide) * d, dt, out)


_GRAD_TWIN = """
def {name}_backward(grad_output, x=None{sig}, *, {y}out=None):
    return _grad_twin({name!r}, grad_output, x, {yv}, out, {{{args}}})
"""


def _define_grad_twins():
    names = []
    for act in ACTIVATIONS:
        if act.kind == RRELU:
            continue
        sig = "".join(f", {p.name}" if p.required else f", {p.name}={p.default!r}"
                      for p in act.params)
        args = ", ".join(f"{p.name!r}: {p.name}" for p in act.params)
        has_y = act.name in _DERIVATIVES_Y
        scope = {"_grad_twin": _grad_twin}
        src = _GRAD_TWIN.format(name=act.name, sig=sig, args=args,
                                y="y=None, " if has_y else "", yv="y" if has_y else "None")
        if any(p.required for p in act.params):
            src = src.replace("x=None", "x")
        exec(src, scope)
        fn = scope[act.name + "_backward"]
        fn.__module__ = __name__
        fn.__doc__ = (f"The float64 oracle of fastact.{act.name}_backward: grad_output * "
                      f"{act.name}'(x), rounded once.")
        globals()[act.name + "_backward"] = fn
        names.append(act.name + "_backward")
    return names


def rrelu_backward(grad_output, x, lower=1.0 / 8, upper=1.0 / 3, training=False, seed=None, *,
                   out=None):
    """The oracle of fastact.rrelu_backward (training mode needs the seed)."""
    return _grad_twin("rrelu", grad_output, x, None, out,
                      {"lower": lower, "upper": upper, "training": training, "seed": seed})


def softmax_backward_exact(g, y, axis=-1, take_log=False, negate=False):
    """The VJP of softmax / log_softmax / softmin from the forward's output
    y, in the working precision of g and y (unrounded)."""
    with np.errstate(all="ignore"):
        if take_log:
            return g - np.exp(y) * g.sum(axis=axis, keepdims=True)
        v = y * (g - (g * y).sum(axis=axis, keepdims=True))
        return -v if negate else v


def _softmax_backward_twin(take_log, negate, name):
    def fn(grad_output, x=None, axis=-1, *, y=None, out=None):
        if (x is None) == (y is None):
            raise TypeError("give exactly one of x and y")
        g = _as_float(grad_output)
        v = _as_float(x if y is None else y)
        dt = np.result_type(g.dtype, v.dtype)
        wide = _wide(dt)
        ax = axis % v.ndim
        yv = (softmax_exact(v.astype(wide), ax, take_log, negate) if y is None
              else v.astype(wide))
        return _deliver(softmax_backward_exact(g.astype(wide), yv, ax, take_log, negate),
                        dt, out)
    fn.__name__ = fn.__qualname__ = name + "_backward"
    fn.__doc__ = f"The oracle of fastact.{name}_backward (from x or from y)."
    return fn


softmax_backward = _softmax_backward_twin(False, False, "softmax")
log_softmax_backward = _softmax_backward_twin(True, False, "log_softmax")
softmin_backward = _softmax_backward_twin(False, True, "softmin")


def maxout_backward(grad_output, x, pool_size, axis=-1, *, out=None):
    """The oracle of fastact.maxout_backward: grad_output routed to the
    element each group's maximum came from (the first maximum; with NaNs,
    the last NaN, as the forward picks it)."""
    x = _as_float(x)
    g = _as_float(grad_output)
    dt = np.result_type(g.dtype, x.dtype)
    ax = axis % x.ndim
    xs = np.moveaxis(x, ax, -1)
    shp = xs.shape[:-1] + (xs.shape[-1] // pool_size, pool_size)
    xg = xs.reshape(shp)
    nan = np.isnan(xg)
    # the forward's update rule: strictly greater, or NaN (so the last NaN)
    last_nan = pool_size - 1 - np.argmax(nan[..., ::-1], axis=-1)
    first_max = np.argmax(xg, axis=-1)
    at = np.where(nan.any(axis=-1), last_nan, first_max)
    gm = np.moveaxis(g, ax, -1).astype(np.float64)
    res = np.where(np.arange(pool_size) == at[..., None], gm[..., None], 0.0 * gm[..., None])
    res = np.moveaxis(res.reshape(xs.shape), -1, ax)
    return _deliver(res, dt, out)


def gated_backward_exact(g, a, b, act, comp, **params):
    """(dL/da, dL/db) of a * act(b), wide, unrounded."""
    with np.errstate(all="ignore"):
        return g * exact(act, b, comp, **params), g * a * exact_grad(act, b, comp, **params)


def _gated_backward_twin(f):
    from ._registry import CHOICE as _CHOICE
    choice = next((p for p in f.params if p.check == _CHOICE), None)

    def run(grad_output, x, axis, gate, out, choice_value):
        x = _as_float(x)
        g = _as_float(grad_output)
        act, extra = f.gate_for({choice.name: choice_value} if choice else {})
        if gate is None:
            ax = axis % x.ndim
            a, b = np.split(x, 2, axis=ax)
            dt = np.result_type(x.dtype, g.dtype)
        else:
            gt = _as_float(gate)
            dt = np.result_type(x.dtype, gt.dtype, g.dtype)
            a, b = x, gt
        wide = _wide(dt)
        ga, gb = gated_backward_exact(g.astype(wide), a.astype(wide), b.astype(wide), act,
                                      _comp_dtype(dt), **extra)
        if gate is None:
            return _deliver(np.concatenate([ga, gb], axis=ax), dt, out)
        return _deliver(ga, dt, None), _deliver(gb, dt, None)

    if choice is None:
        def fn(grad_output, x, axis=-1, *, gate=None, out=None):
            return run(grad_output, x, axis, gate, out, None)
    else:
        def fn(grad_output, x, axis=-1, approximate="none", *, gate=None, out=None):
            return run(grad_output, x, axis, gate, out, approximate)
    fn.__name__ = fn.__qualname__ = f.name + "_backward"
    fn.__doc__ = f"The oracle of fastact.{f.name}_backward."
    return fn


def _define_gated_backward():
    from ._registry import AXIS_FUNCTIONS, GATED
    names = []
    for f in AXIS_FUNCTIONS:
        if f.kind == GATED:
            globals()[f.name + "_backward"] = _gated_backward_twin(f)
            names.append(f.name + "_backward")
    return names


__all__ = (_define_twins() + ["rrelu", "rrelu_slopes", "exact"]
           + ["softmax", "log_softmax", "softmin", "maxout", "bias_act", "softmax_exact",
              "gated_exact", "bias_sum"] + _define_gated()
           + _define_grad_twins() + ["rrelu_backward", "exact_grad", "softmax_backward",
                                     "log_softmax_backward", "softmin_backward",
                                     "softmax_backward_exact", "maxout_backward",
                                     "gated_backward_exact"] + _define_gated_backward())
