"""The backward pass of every activation, registry-driven: accuracy against
the oracle's analytic derivative on every ISA, the analytic derivative
against central finite differences, special values, the API contract
(out=, in place, layouts, dtypes, bad input), parameter gradients, and the
axis functions' vector-Jacobian products."""
import numpy as np
import pytest

import fastact
from fastact import _core, accuracy, reference
from fastact._registry import (ACTIVATIONS, AXIS_FUNCTIONS, BACKWARD, BY_NAME, ELEMENTWISE,
                               GATED, SOFTMAX)

from conftest import CASE_IDS, CASES, DEFAULT_CASES, DEFAULT_IDS, FLOAT_DTYPES

rng = np.random.default_rng(4321)

ELEMENTWISE_CASES = [(a, p) for a, p in CASES if a.kind == ELEMENTWISE]
ELEMENTWISE_IDS = [i for (a, _), i in zip(CASES, CASE_IDS) if a.kind == ELEMENTWISE]
Y_CASES = [(a, p) for a, p in ELEMENTWISE_CASES if BACKWARD[a.name].has_y_form(p)]
Y_IDS = [accuracy.label(a, p) for a, p in Y_CASES]


def same_bits(a, b):
    a, b = np.asarray(a), np.asarray(b)
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def backward(act):
    return getattr(fastact, act.name + "_backward"), getattr(fastact, act.name + "_backward_")


# ---------------------------------------------------------------- coverage

def test_every_function_has_a_backward():
    for act in ACTIVATIONS:
        assert act.name in BACKWARD, act.name
        f, f_ = backward(act)
        assert callable(f) and callable(f_)
        assert hasattr(reference, act.name + "_backward")
        if act.kind == ELEMENTWISE:
            for k in act.kernels:
                assert _core.has_grad(fastact._api.KERNEL_IDS[k]), k
        if BACKWARD[act.name].y_ulp is not None:
            for k in act.kernels:
                assert _core.has_grad(fastact._api.KERNEL_IDS[k], True), k
    for f in AXIS_FUNCTIONS:
        assert callable(getattr(fastact, f.name + "_backward"))
        assert hasattr(reference, f.name + "_backward")
    assert set(BACKWARD) == {a.name for a in ACTIVATIONS}


# ---------------------------------------------------------------- accuracy

@pytest.mark.parametrize("act,params", ELEMENTWISE_CASES, ids=ELEMENTWISE_IDS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_grad_ulp_bound(act, params, dtype, isa):
    r = accuracy.measure_grad(act.name, params, dtype, isa)
    if r is None:
        pytest.skip("no higher-precision truth on this platform (long double == double)")
    worst, where, mismatches, npts = r
    assert npts >= 10_000
    assert mismatches == 0, f"{mismatches} NaN/inf results disagree with the oracle"
    bound = BACKWARD[act.name].ulp_bound(act, dtype, params)
    assert accuracy.within(worst, bound, dtype), \
        f"{worst:.3f} ULP at x = {where!r} ({float(where).hex()}) > {bound}"


@pytest.mark.parametrize("act,params", Y_CASES, ids=Y_IDS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_grad_from_y_ulp_bound(act, params, dtype, isa):
    r = accuracy.measure_grad(act.name, params, dtype, isa, from_y=True)
    if r is None:
        pytest.skip("no higher-precision truth on this platform")
    worst, where, mismatches, _ = r
    assert mismatches == 0
    bound = BACKWARD[act.name].y_ulp[0 if dtype == "float32" else 1]
    assert accuracy.within(worst, bound, dtype), f"{worst:.3f} ULP at y = {where!r}"


@pytest.mark.parametrize("act,params", ELEMENTWISE_CASES, ids=ELEMENTWISE_IDS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_special_values(act, params, dtype, isa):
    """NaN exactly where the oracle has NaN (x NaN, g NaN, no limit), the
    oracle's infinities, and finite results wherever the truth is finite:
    saturated tails give 0, never NaN."""
    f, _ = backward(act)
    x = accuracy.special_values(dtype)
    for gv in (1.0, -2.5, 0.0, np.nan):
        g = np.full_like(x, gv)
        y = f(g, x, **params)
        ref = reference.exact_grad(act.name, x.astype(np.float64),
                                   np.float64 if dtype == np.float64 else np.float32, **params)
        with np.errstate(all="ignore"):
            t = g.astype(np.float64) * ref
        # g = 0 where f'(x) overflows or is infinite: 0 (the true product for
        # finite f') and NaN (IEEE 0 * inf) are both accepted
        skip = (g == 0) & np.isinf(ref)
        y, t, x = y[~skip], t[~skip], x[~skip]
        assert np.array_equal(np.isnan(y), np.isnan(t)), (gv, x[np.isnan(y) != np.isnan(t)])
        fin = np.isfinite(t) & (np.abs(t) < np.finfo(dtype).max)
        assert np.isfinite(y[fin]).all(), (gv, x[fin & ~np.isfinite(y)])
        inf = np.isinf(t)
        assert (y[inf] == t[inf]).all()


# the kinks and edges where a derivative is a convention, not a limit
KINKS = {"relu": [0.0], "leaky_relu": [0.0], "hardtanh": [-1.0, 1.0], "relu6": [0.0, 6.0],
         "hardsigmoid": [-3.0, 3.0], "hardswish": [-3.0, 3.0], "softshrink": [-0.5, 0.5],
         "hardshrink": [-0.5, 0.5], "threshold": [0.5], "binary_step": [0.0], "isrlu": [0.0],
         "elu": [0.0], "selu": [0.0], "celu": [0.0], "srelu": [-1.0, 2.0], "prelu": [0.0],
         "rrelu": [0.0], "apl": [0.0, 1.5], "log1p": [-1.0]}


@pytest.mark.parametrize("act,params", DEFAULT_CASES, ids=DEFAULT_IDS)
def test_reference_derivative_matches_finite_differences(act, params):
    """The oracle's analytic derivative against central differences of the
    oracle's float64 forward, step h = 2^-20 max(|x|, 1) (truncation h^2 f'''
    and rounding eps |f| / h both far below the tolerance), on points away
    from kinks and from overflow."""
    x = np.concatenate([np.linspace(-8, 8, 401), rng.uniform(-30, 30, 200),
                        [1e-3, -1e-3, 0.37, -0.75, -1.2785, 2.5]])
    if act.name == "log1p":
        x = x[x > -0.9]
    kinks = np.array(KINKS.get(act.name, []))
    if kinks.size:
        x = x[np.min(np.abs(x[:, None] - kinks[None, :]), axis=1) > 1e-3]
    if act.name in ("exp", "expm1", "soft_exponential", "selu", "elu", "celu"):
        x = x[x < 20]
    h = 2.0 ** -20 * np.maximum(np.abs(x), 1)
    comp = np.float64
    f = lambda v: reference.exact(act.name, v, comp, **params)  # noqa: E731
    fd = (f(x + h) - f(x - h)) / (2 * h)
    d = reference.exact_grad(act.name, x, comp, **params)
    scale = np.maximum(1.0, np.abs(d)) + np.abs(f(x)) / np.maximum(np.abs(x), 1)
    err = np.abs(fd - d) / scale
    assert err.max() < 1e-6, (x[np.argmax(err)], fd[np.argmax(err)], d[np.argmax(err)])


@pytest.mark.parametrize("name,points,expected", [
    ("relu", [0.0, -0.0], [0.0, 0.0]),
    ("leaky_relu", [0.0], [0.01]),
    ("hardtanh", [-1.0, 1.0, 0.999], [0.0, 0.0, 1.0]),
    ("relu6", [0.0, 6.0, 5.0], [0.0, 0.0, 1.0]),
    ("softshrink", [0.5, -0.5, 0.51], [0.0, 0.0, 1.0]),
    ("hardshrink", [0.5, -0.5, -0.51], [0.0, 0.0, 1.0]),
    ("binary_step", [0.0, -1.0, 3.0], [0.0, 0.0, 0.0]),
    ("hardsigmoid", [-3.0, 3.0, 0.0], [0.0, 0.0, 1 / 6]),
    ("hardswish", [-3.0, 3.0, -3.01, 3.01], [-0.5, 1.5, 0.0, 1.0]),
])
def test_conventions_at_kinks(name, points, expected):
    """The documented values at kinks (torch's)."""
    f = getattr(fastact, name + "_backward")
    for dtype in (np.float32, np.float64):
        x = np.array(points, dtype=dtype)
        got = f(np.ones_like(x), x)
        np.testing.assert_allclose(got, np.array(expected, dtype=dtype), rtol=1e-6)


# ---------------------------------------------------------------- contract

@pytest.mark.parametrize("act,params", ELEMENTWISE_CASES, ids=ELEMENTWISE_IDS)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_out_inplace_and_aliasing_agree(act, params, dtype):
    f, f_ = backward(act)
    x = (rng.standard_normal(257) * 4).astype(dtype)
    g = rng.standard_normal(257).astype(dtype)
    xk, gk = x.copy(), g.copy()
    r = f(g, x, **params)
    assert r.dtype == dtype and r.shape == x.shape
    assert same_bits(x, xk) and same_bits(g, gk), "an input was modified"
    assert same_bits(r, float16_via_float32(act, params, g, x, dtype))
    out = np.full_like(x, 7)
    assert f(g, x, **params, out=out) is out and same_bits(out, r)
    g2 = g.copy()
    assert f(g2, x, **params, out=g2) is g2 and same_bits(g2, r)
    x2 = x.copy()
    assert f(g, x2, **params, out=x2) is x2 and same_bits(x2, r)
    g3 = g.copy()
    assert f_(g3, x, **params) is g3 and same_bits(g3, r)


def float16_via_float32(act, params, g, x, dtype):
    """float16 inputs are computed in float32 and rounded once: what the
    float16 path must give (for float32/64: the call itself)."""
    f, _ = backward(act)
    if np.dtype(dtype) != np.float16:
        return f(g, x, **params)
    with np.errstate(over="ignore"):     # overflow to inf is the rounded result
        return f(g.astype(np.float32), x.astype(np.float32), **params).astype(np.float16)


ELEMENTWISE_DEFAULTS = [(a, p) for a, p in DEFAULT_CASES if a.kind == ELEMENTWISE]
ELEMENTWISE_DEFAULT_IDS = [a.name for a, _ in ELEMENTWISE_DEFAULTS]


@pytest.mark.parametrize("act,params", ELEMENTWISE_DEFAULTS, ids=ELEMENTWISE_DEFAULT_IDS)
def test_layouts_shapes_and_dtypes(act, params):
    f, f_ = backward(act)
    base_x = (rng.standard_normal((6, 9, 4)) * 4)
    base_g = rng.standard_normal((6, 9, 4))
    for dtype in (np.float32, np.float64):
        x, g = base_x.astype(dtype), base_g.astype(dtype)
        want = f(g.ravel(), x.ravel(), **params).reshape(x.shape)
        # strided views, F order, mixed layouts
        assert same_bits(f(g[:, ::2], x[:, ::2], **params), want[:, ::2])
        assert same_bits(f(np.asfortranarray(g), np.asfortranarray(x), **params), want)
        assert same_bits(f(g, np.asfortranarray(x), **params), want)
        gs = g.copy()
        assert f_(gs[::2], x[::2], **params) is not None
        assert same_bits(gs[::2], want[::2]) and same_bits(gs[1::2], g[1::2])
        # 0-d and empty
        r0 = f(g[0, 0, 0], x[0, 0, 0], **params)
        assert np.isscalar(r0) and same_bits(np.asarray(r0), want[0, 0, 0])
        assert f(g[:0], x[:0], **params).shape == (0, 9, 4)
    # mixed dtypes promote; ints and lists are accepted out of place
    r = f(base_g.astype(np.float32), base_x.astype(np.float64), **params)
    assert r.dtype == np.float64
    r = f([1.0, 2.0], [1, 2], **params)
    assert r.dtype == np.float64


@pytest.mark.parametrize("act,params", ELEMENTWISE_DEFAULTS[:8],
                         ids=ELEMENTWISE_DEFAULT_IDS[:8])
def test_bad_input_writes_nothing(act, params):
    f, f_ = backward(act)
    x = rng.standard_normal(10).astype(np.float32)
    g = rng.standard_normal(10).astype(np.float32)
    keep = g.copy()
    out = np.full(10, 7, np.float32)
    with pytest.raises(ValueError, match="shape"):
        f(g[:9], x, **params)
    with pytest.raises(ValueError, match="shape"):
        f_(g, x[:9], **params)
    with pytest.raises(TypeError, match="dtype"):
        f(g, x, **params, out=np.zeros(10, np.float64))
    with pytest.raises(ValueError, match="shape"):
        f(g, x, **params, out=np.zeros(9, np.float32))
    ro = np.zeros(10, np.float32)
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        f(g, x, **params, out=ro)
    with pytest.raises(TypeError, match="in place"):
        f_(list(g), x, **params)
    with pytest.raises(TypeError, match="in place"):
        f_(g, x.astype(np.float64), **params)     # the result would be float64
    with pytest.raises(TypeError):
        f(g, np.array(["a"] * 10), **params)
    assert same_bits(g, keep) and (out == 7).all()


def test_y_forms_need_exactly_one_of_x_and_y():
    g = np.ones(3, np.float32)
    x = np.float32([-1, 0, 1])
    with pytest.raises(TypeError, match="exactly one"):
        fastact.sigmoid_backward(g)
    with pytest.raises(TypeError, match="exactly one"):
        fastact.sigmoid_backward(g, x, y=x)
    with pytest.raises(ValueError, match="alpha >= 0"):
        fastact.elu_backward(g, y=x, alpha=-1.0)
    with pytest.raises(ValueError, match="approximate"):
        fastact.gelu_backward(g, x, approximate="exact")
    # y forms agree with the x forms to their bounds
    for name in ("relu", "sigmoid", "tanh", "elu"):
        f = getattr(fastact, name + "_backward")
        x = np.linspace(-6, 6, 1001, dtype=np.float64)
        y = getattr(fastact, name)(x)
        np.testing.assert_allclose(f(np.ones_like(x), y=y), f(np.ones_like(x), x),
                                   rtol=1e-12, atol=1e-15)


# ------------------------------------------------------------ parameters

def _fd_param_grad(name, g, x, params, pname, idx=None, h=2.0 ** -18):
    """Central difference of sum(g * f(x; params)) with respect to one
    parameter (one entry idx of an array parameter), in float64."""
    def loss(delta):
        p = {k: (np.array(v, dtype=np.float64) if isinstance(v, (list, tuple, np.ndarray))
                 else v) for k, v in params.items()}
        v = np.array(p[pname], dtype=np.float64)
        if idx is None:
            v = v + delta
        else:
            v = v.copy()
            v[idx] += delta
        p[pname] = v if v.ndim else float(v)
        return float(np.sum(g * reference.exact(name, x, np.float64, **p)))
    return (loss(h) - loss(-h)) / (2 * h)


@pytest.mark.parametrize("axis_params", [False, True])
def test_prelu_weight_gradient(axis_params):
    x = rng.standard_normal((5, 3, 7))
    g = rng.standard_normal((5, 3, 7))
    w = np.array([0.25, -0.5, 1.5]) if axis_params else 0.25
    gi, gw = fastact.prelu_backward(g, x, w, axis=1)
    np.testing.assert_array_equal(gi, reference.prelu_backward(g, x, w, axis=1))
    assert np.shape(gw) == np.shape(w)
    for i in range(np.size(w)):
        fd = _fd_param_grad("prelu", g, x, {"weight": w, "axis": 1}, "weight",
                            i if axis_params else None)
        assert abs(np.ravel(gw)[i] - fd) < 1e-7 * (1 + abs(fd))
    g2 = g.copy()
    gi2, gw2 = fastact.prelu_backward_(g2, x, w, axis=1)
    assert gi2 is g2 and same_bits(g2, gi) and np.allclose(gw2, gw)


def test_srelu_and_apl_parameter_gradients():
    x = rng.uniform(-4, 4, (6, 4, 5))
    g = rng.standard_normal((6, 4, 5))
    p = {"t_left": np.array([-1.0, -0.5, -2.0, 0.0]), "a_left": 0.1,
         "t_right": np.array([2.0, 1.0, 0.5, 3.0]), "a_right": np.array([0.5, 1.5, -0.2, 0.0]),
         "axis": 1}
    res = fastact.srelu_backward(g, x, **p)
    np.testing.assert_array_equal(res[0], reference.srelu_backward(g, x, **p))
    for k, name in enumerate(("t_left", "a_left", "t_right", "a_right"), 1):
        assert np.shape(res[k]) == np.shape(p[name])
        for i in range(np.size(p[name])):
            fd = _fd_param_grad("srelu", g, x, p, name, i if np.ndim(p[name]) else None)
            assert abs(np.ravel(res[k])[i] - fd) < 1e-6 * (1 + abs(fd)), (name, i)
    pa = {"a": np.array([[0.5, -0.25, 0.1, 0.2], [1.0, 0.3, -0.4, 0.0]]),
          "b": np.array([[0.0, 1.5, -1.0, 0.5], [-2.0, 0.2, 0.3, 1.0]]), "axis": 1}
    gi, ga, gb = fastact.apl_backward(g, x, **pa)
    np.testing.assert_allclose(gi, reference.apl_backward(g, x, **pa), rtol=1e-15, atol=1e-300)
    for name, got in (("a", ga), ("b", gb)):
        assert got.shape == pa[name].shape
        for i in np.ndindex(pa[name].shape):
            fd = _fd_param_grad("apl", g, x, pa, name, i)
            assert abs(got[i] - fd) < 1e-6 * (1 + abs(fd)), (name, i)


def test_rrelu_backward_uses_the_forwards_slopes():
    x = rng.standard_normal((64, 33)).astype(np.float32)
    g = rng.standard_normal((64, 33)).astype(np.float32)
    y, slopes = fastact.rrelu(x, training=True, seed=99, return_slopes=True)
    by_seed = fastact.rrelu_backward(g, x, training=True, seed=99)
    by_slopes = fastact.rrelu_backward(g, x, training=True, slopes=slopes)
    assert same_bits(by_seed, by_slopes)
    assert same_bits(by_seed, reference.rrelu_backward(g, x, training=True, seed=99))
    with fastact.threads(1):
        assert same_bits(fastact.rrelu_backward(g, x, training=True, seed=99), by_seed)
    ev = fastact.rrelu_backward(g, x)
    assert same_bits(ev, reference.rrelu_backward(g, x))
    with pytest.raises(ValueError, match="seed"):
        fastact.rrelu_backward(g, x, training=True)


# ------------------------------------------------------------ along an axis

SOFTMAXES = [f for f in AXIS_FUNCTIONS if f.kind == SOFTMAX]
SOFTMAX_VJP_BOUND = 8   # in eps of the size of the terms (see below)


def _softmax_vjp_error(f, g, x, got, axis):
    """The VJP's error in units of eps of the size of its terms (below)."""
    dtype = got.dtype
    wide = accuracy.np.longdouble if dtype == np.float64 else np.float64
    yw = reference.softmax_exact(x.astype(wide), axis % x.ndim, f.take_log, f.negate)
    t = reference.softmax_backward_exact(g.astype(wide), yw, axis, f.take_log, f.negate)
    # The VJP sums and cancels (g_i against <g, y>): its condition is the size
    # of its terms, |y| (|g| + sum|g y|) or |g| + e^y sum|g|, and the error of
    # y (the forward's, <= 3 ULP) enters through both; so the bound is stated
    # in units of eps times that size (README, "Backward").
    ga = np.abs(g.astype(wide))
    if f.take_log:
        scale = ga + np.exp(yw) * ga.sum(axis=axis, keepdims=True)
    else:
        scale = np.abs(yw) * (ga + (ga * np.abs(yw)).sum(axis=axis, keepdims=True))
    eps = np.finfo(dtype).eps
    return np.abs(got.astype(wide) - t) / np.maximum(scale * eps, np.finfo(dtype).tiny)


@pytest.mark.parametrize("f", SOFTMAXES, ids=[f.name for f in SOFTMAXES])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape,axis", [((7, 1000), -1), ((7, 1000), 0), ((5, 6, 40), 1),
                                        ((3, 1), -1), ((2, 3000), 1), ((9,), 0)])
def test_softmax_family_vjp(f, dtype, shape, axis, isa):
    fb = getattr(fastact, f.name + "_backward")
    # seeded per case, so that a failure reproduces whatever ran before
    r = np.random.default_rng([len(shape), *shape, axis % len(shape), len(f.name)])
    x = (r.standard_normal(shape) * 3).astype(dtype)
    g = r.standard_normal(shape).astype(dtype)
    got = fb(g, x, axis=axis)
    y = getattr(fastact, f.name)(x, axis=axis)
    assert same_bits(fb(g, y=y, axis=axis), got)
    err = _softmax_vjp_error(f, g, x, got, axis)
    assert err.max() <= SOFTMAX_VJP_BOUND, err.max()
    if not f.take_log:   # sum over the axis of the softmax VJP is 0
        assert np.abs(got.astype(np.float64).sum(axis=axis)).max() <= 1e-5 * np.abs(g).max() * 10


@pytest.mark.parametrize("f", SOFTMAXES, ids=[f.name for f in SOFTMAXES])
def test_softmax_vjp_matches_finite_differences(f):
    x = rng.standard_normal((3, 7))
    g = rng.standard_normal((3, 7))
    fwd = getattr(reference, f.name)
    got = getattr(fastact, f.name + "_backward")(g, x, axis=1)
    h = 1e-6
    for i in range(3):
        for j in range(7):
            e = np.zeros_like(x)
            e[i, j] = h
            fd = np.sum(g * (fwd(x + e, axis=1) - fwd(x - e, axis=1))) / (2 * h)
            assert abs(got[i, j] - fd) < 1e-7, (i, j, got[i, j], fd)


@pytest.mark.parametrize("f", SOFTMAXES, ids=[f.name for f in SOFTMAXES])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_softmax_vjp_every_tail_length(f, dtype, isa):
    """Row lengths 1..48 and one block of 1024 plus 1..33: every remainder
    of the vector loops, as one row and as 3 rows; the forward's output y
    comes from the same ISA."""
    fb = getattr(fastact, f.name + "_backward")
    for n in list(range(1, 49)) + [1024 + k for k in range(1, 34)]:
        r = np.random.default_rng([n, len(f.name)])
        x = (r.standard_normal((3, n)) * 3).astype(dtype)
        g = r.standard_normal((3, n)).astype(dtype)
        for xs, gs in ((x[0], g[0]), (x, g)):
            got = fb(gs, xs)
            err = _softmax_vjp_error(f, gs, xs, got, -1)
            assert err.max() <= SOFTMAX_VJP_BOUND, (n, xs.shape, err.max())


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_log_softmax_vjp_every_exponential_branch(dtype, isa):
    """log_softmax's float32 VJP takes e^y from the softmax exponential in
    chunks of 256 whose every y is in [-87, 0], and from the general one
    elsewhere: rows that mix both kinds of chunk (log-probabilities down to
    -150), and a y form with y > 0, which no log_softmax gives but which
    must still follow g - e^y sum(g)."""
    r = np.random.default_rng(29)
    x = np.concatenate([r.uniform(-150.0, 0.0, (4, 700)), r.uniform(-5, 0, (4, 900))], axis=1)
    x[1, 256:512] = r.uniform(-3, 0, 256)        # one chunk in range among wide ones
    x = x.astype(dtype)
    g = r.standard_normal(x.shape).astype(dtype)
    got = fastact.log_softmax_backward(g, x)
    f = next(f for f in SOFTMAXES if f.name == "log_softmax")
    err = _softmax_vjp_error(f, g, x, got, -1)
    assert err.max() <= SOFTMAX_VJP_BOUND, err.max()
    y = r.uniform(-2.0, 3.0, (3, 600)).astype(dtype)
    g = r.standard_normal(y.shape).astype(dtype)
    got = fastact.log_softmax_backward(g, y=y)
    gw, yw = g.astype(np.float64), y.astype(np.float64)
    want = gw - np.exp(yw) * gw.sum(axis=-1, keepdims=True)
    scale = np.abs(gw) + np.exp(yw) * np.abs(gw).sum(axis=-1, keepdims=True)
    assert (np.abs(got - want) / (scale * np.finfo(dtype).eps)).max() <= SOFTMAX_VJP_BOUND


def test_softmax_backward_contract():
    x = rng.standard_normal((4, 5)).astype(np.float32)
    g = rng.standard_normal((4, 5)).astype(np.float32)
    r = fastact.softmax_backward(g, x)
    g2 = g.copy()
    assert fastact.softmax_backward_(g2, x) is g2 and same_bits(g2, r)
    g3 = g.copy()
    assert fastact.softmax_backward(g3, x, out=g3) is g3 and same_bits(g3, r)
    assert same_bits(fastact.softmax_backward(g.T.copy().T, np.asfortranarray(x)), r)
    with pytest.raises(TypeError, match="exactly one"):
        fastact.softmax_backward(g)
    with pytest.raises(ValueError, match="out of range"):
        fastact.softmax_backward(g, x, axis=2)
    with pytest.raises(ValueError, match="shape"):
        fastact.log_softmax_backward(g[:, :4], x)
    keep = g.copy()
    with pytest.raises(TypeError):
        fastact.softmax_backward_(g, x.astype(np.float64))
    assert same_bits(g, keep)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape,axis,p", [((4, 12), -1, 2), ((4, 12), -1, 3), ((6, 4, 5), 0, 3),
                                          ((2, 8, 3), 1, 4), ((5, 10), 1, 5)])
def test_maxout_backward(dtype, shape, axis, p):
    x = rng.integers(-3, 4, shape).astype(dtype)   # many ties
    x.flat[::17] = np.nan
    y = fastact.maxout(x, p, axis=axis)
    g = rng.standard_normal(y.shape).astype(dtype)
    got = fastact.maxout_backward(g, x, p, axis=axis)
    assert same_bits(got, reference.maxout_backward(g, x, p, axis=axis))
    # the gradient sums back to g over each group
    assert np.allclose(fastact.maxout(np.abs(got), p, axis=axis) * np.sign(g), g)
    with pytest.raises(ValueError, match="does not divide"):
        fastact.maxout_backward(g, np.delete(x, 0, axis=axis), p, axis=axis)


GATEDS = [f for f in AXIS_FUNCTIONS if f.kind == GATED]


@pytest.mark.parametrize("f", GATEDS, ids=[f.name for f in GATEDS])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gated_backward(f, dtype):
    x = (rng.standard_normal((6, 20)) * 3).astype(dtype)
    g = rng.standard_normal((6, 10)).astype(dtype)
    fb = getattr(fastact, f.name + "_backward")
    got = fb(g, x, axis=1)
    want = getattr(reference, f.name + "_backward")(g, x, axis=1)
    assert got.shape == x.shape
    gate_bound = BACKWARD[f.gate].ulp_bound(BY_NAME[f.gate], np.dtype(dtype).name,
                                            BY_NAME[f.gate].typical_params())
    bound = max(2 * f.ulp_f32 if dtype == np.float32 else 2 * f.ulp_f64, gate_bound + 1)
    err = accuracy.ulp_error(got, want.astype(np.float64), dtype)
    assert np.nanmax(err) <= bound
    ga, gb = fb(g, x[:, :10], gate=x[:, 10:])
    assert same_bits(np.concatenate([ga, gb], axis=1), got)
    # finite differences of the float64 oracle
    xd = x.astype(np.float64)
    gd = g.astype(np.float64)
    d64 = fb(gd, xd, axis=1)
    h = 1e-6
    for j in (0, 3, 12, 19):
        e = np.zeros_like(xd)
        e[:, j] = h
        fwd = getattr(reference, f.name)
        fd = np.sum(gd * (fwd(xd + e, axis=1) - fwd(xd - e, axis=1)), axis=1) / (2 * h)
        np.testing.assert_allclose(d64[:, j], fd, rtol=1e-6, atol=1e-8)
