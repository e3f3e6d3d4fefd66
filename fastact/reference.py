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

from ._registry import BY_NAME, CHOICE

__all__ = ["relu", "leaky_relu", "elu", "selu", "sigmoid", "tanh", "silu",
           "softplus", "gelu", "mish", "exact"]

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


_FORMULAS = {name[3:]: f for name, f in globals().items() if name.startswith("_f_")}


def _comp_dtype(dtype):
    return np.float64 if dtype == np.float64 else np.float32


def _round_params(act, comp, params):
    out = {}
    for p in act.params:
        v = params[p.name]
        out[p.name] = v if p.check == CHOICE else float(comp(v))
    return out


def exact(name, x, comp, **params):
    """The formula of activation ``name`` on ``x`` (any float dtype, no final
    rounding).  ``comp`` is the kernel's computation dtype; parameters are
    rounded to it as the kernels do.  Missing parameters take defaults."""
    act = BY_NAME[name]
    full = {p.name: p.default for p in act.params}
    full.update(params)
    with np.errstate(all="ignore"):
        return _FORMULAS[name](x, comp, **_round_params(act, comp, full))


def _twin(name, x, out, params):
    x = np.asarray(x)
    if x.dtype.kind in "biu":
        x = x.astype(np.float64)
    if x.dtype.kind != "f":
        raise TypeError(f"x must hold real numbers, got dtype {x.dtype}")
    with np.errstate(over="ignore"):  # overflow to inf is the rounded result
        result = exact(name, x.astype(np.float64), _comp_dtype(x.dtype), **params).astype(x.dtype)
    if out is None:
        return result[()] if result.ndim == 0 else result
    out[...] = result
    return out


def relu(x, *, out=None):
    return _twin("relu", x, out, {})


def leaky_relu(x, negative_slope=0.01, *, out=None):
    return _twin("leaky_relu", x, out, {"negative_slope": negative_slope})


def elu(x, alpha=1.0, *, out=None):
    return _twin("elu", x, out, {"alpha": alpha})


def selu(x, *, out=None):
    return _twin("selu", x, out, {})


def sigmoid(x, *, out=None):
    return _twin("sigmoid", x, out, {})


def tanh(x, *, out=None):
    return _twin("tanh", x, out, {})


def silu(x, *, out=None):
    return _twin("silu", x, out, {})


def softplus(x, beta=1.0, threshold=20.0, *, out=None):
    return _twin("softplus", x, out, {"beta": beta, "threshold": threshold})


def gelu(x, approximate="none", *, out=None):
    return _twin("gelu", x, out, {"approximate": approximate})


def mish(x, *, out=None):
    return _twin("mish", x, out, {})
