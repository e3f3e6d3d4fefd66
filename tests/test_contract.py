"""The API contract, run over every registry activation: out-of-place, out=,
in place, any shape and strides, dtypes, array-likes, bad input."""
import numpy as np
import pytest

import fastact
from fastact import reference

from conftest import CASE_IDS, CASES, DEFAULT_CASES, DEFAULT_IDS, FLOAT_DTYPES

rng = np.random.default_rng(1234)


def sample(shape, dtype):
    return (rng.standard_normal(shape) * 4).astype(dtype)


def same_bits(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    return a.tobytes(order="C") == b.tobytes(order="C")


def fns(act):
    return getattr(fastact, act.name), getattr(fastact, act.name + "_")


@pytest.mark.parametrize("act,params", CASES, ids=CASE_IDS)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_out_of_place_out_and_inplace_agree(act, params, dtype):
    f, f_ = fns(act)
    x = sample((257,), dtype)
    keep = x.copy()
    y = f(x, **params)
    assert y.dtype == dtype and y.shape == x.shape and y is not x
    assert same_bits(x, keep), "input was modified"
    out = np.full_like(x, 7)
    assert f(x, **params, out=out) is out and same_bits(out, y)
    z = x.copy()
    assert f(z, **params, out=z) is z and same_bits(z, y)
    w = x.copy()
    assert f_(w, **params) is w and same_bits(w, y)


@pytest.mark.parametrize("act,params", DEFAULT_CASES, ids=DEFAULT_IDS)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("shape", [(), (0,), (1,), (3, 0, 2), (7, 5, 3), (2, 3, 4, 5)])
def test_any_shape(act, params, dtype, shape):
    f, f_ = fns(act)
    x = sample(shape, dtype)
    y = f(x, **params)
    expect = f(x.ravel(), **params).reshape(shape)
    if shape == ():
        assert np.isscalar(y) and isinstance(y, np.floating)
        assert same_bits(np.asarray(y), expect)
    else:
        assert same_bits(y, expect)
    z = np.array(x)  # keeps 0-d as an array
    assert f_(z, **params) is z and same_bits(z, expect)


@pytest.mark.parametrize("act,params", DEFAULT_CASES, ids=DEFAULT_IDS)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_non_contiguous_and_orders(act, params, dtype):
    f, f_ = fns(act)
    base = sample((40, 30), dtype)
    views = [base[::2], base[:, ::3], base.T, base[::-1, 1::2], np.asfortranarray(base),
             base.reshape(40, 30, 1)[:, 5:25, :]]
    for v in views:
        want = f(np.ascontiguousarray(v), **params)
        got = f(v, **params)
        assert same_bits(np.ascontiguousarray(got), want)
        out = np.zeros((v.shape[1], v.shape[0]) + v.shape[2:], dtype).swapaxes(0, 1)
        f(v, **params, out=out)
        assert same_bits(np.ascontiguousarray(out), want)


@pytest.mark.parametrize("act,params", DEFAULT_CASES, ids=DEFAULT_IDS)
def test_inplace_on_view_touches_only_the_view(act, params):
    f, f_ = fns(act)
    base = sample((64, 16), np.float32)
    keep = base.copy()
    view = base[1::3, ::2]
    expect = f(view.copy(), **params)
    f_(view, **params)
    assert same_bits(np.ascontiguousarray(view), expect)
    mask = np.ones(base.shape, bool)
    mask[1::3, ::2] = False
    assert same_bits(base[mask], keep[mask])


@pytest.mark.parametrize("act,params", DEFAULT_CASES, ids=DEFAULT_IDS)
def test_overlapping_out(act, params):
    f, _ = fns(act)
    x = sample((1000,), np.float64)
    expect = f(x[:-1].copy(), **params)
    f(x[:-1], **params, out=x[1:])          # out overlaps x shifted by one
    assert same_bits(x[1:], expect)


@pytest.mark.parametrize("act,params", DEFAULT_CASES, ids=DEFAULT_IDS)
def test_array_likes_promote_like_float64(act, params):
    f, _ = fns(act)
    for value in ([1, -2, 3], (0.5, -1.5), [[True, False]], np.arange(-3, 3, dtype=np.int8),
                  np.arange(5, dtype=np.uint64)):
        y = f(value, **params)
        assert y.dtype == np.float64
        ref = getattr(reference, act.name)(np.asarray(value, np.float64), **params)
        np.testing.assert_allclose(y, ref, rtol=1e-14, atol=0, equal_nan=True)
    s = f(2, **params)
    assert isinstance(s, np.float64)
    s32 = f(np.float32(-1.25), **params)
    assert isinstance(s32, np.float32)


@pytest.mark.parametrize("act,params", DEFAULT_CASES, ids=DEFAULT_IDS)
def test_byteswapped_input(act, params):
    f, _ = fns(act)
    x = sample((33,), np.float32)
    y = f(x.astype(">f4"), **params)
    assert y.dtype == np.float32 and same_bits(y, f(x, **params))


def test_float16_is_float32_rounded_once():
    x = sample((999,), np.float16)
    for name in ("sigmoid", "gelu", "mish", "elu"):
        f = getattr(fastact, name)
        assert same_bits(f(x), f(x.astype(np.float32)).astype(np.float16))


# ---------------------------------------------------------------- bad input

def assert_untouched(arrays, before):
    for a, b in zip(arrays, before):
        assert same_bits(a, b), "an array was written although the call failed"


@pytest.mark.parametrize("act,params", DEFAULT_CASES, ids=DEFAULT_IDS)
def test_bad_inplace_inputs(act, params):
    _, f_ = fns(act)
    for bad in (np.arange(4), np.ones(3, bool), np.ones(3, complex), np.array([1.0, 2], object),
                np.ones(3, np.int32)):
        keep = bad.copy()
        with pytest.raises(TypeError, match="x"):
            f_(bad, **params)
        assert_untouched([bad], [keep])
    with pytest.raises(TypeError, match="x"):
        f_([1.0, 2.0], **params)
    with pytest.raises(TypeError, match="x"):
        f_(1.5, **params)
    ro = np.ones(4, np.float32)
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="x is read-only"):
        f_(ro, **params)
    with pytest.raises(TypeError, match="x"):
        f_(np.ones(3, np.longdouble), **params)


@pytest.mark.parametrize("act,params", DEFAULT_CASES, ids=DEFAULT_IDS)
def test_bad_out(act, params):
    f, _ = fns(act)
    x = sample((8,), np.float32)
    cases = [(np.zeros(8, np.float64), TypeError, "out has dtype"),
             (np.zeros(9, np.float32), ValueError, "out has shape"),
             (np.zeros((8, 1), np.float32), ValueError, "out has shape"),
             (np.zeros(8, np.int32), TypeError, "out has dtype"),
             ([0.0] * 8, TypeError, "out must be a numpy.ndarray")]
    ro = np.zeros(8, np.float32)
    ro.flags.writeable = False
    cases.append((ro, ValueError, "out is read-only"))
    for out, exc, msg in cases:
        keep = np.array(out, copy=True)
        with pytest.raises(exc, match=msg):
            f(x, **params, out=out)
        assert_untouched([np.asarray(out)], [keep])


@pytest.mark.parametrize("act,params", DEFAULT_CASES, ids=DEFAULT_IDS)
def test_bad_x_out_of_place(act, params):
    f, _ = fns(act)
    for bad in (np.ones(3, complex), np.array(["a"]), np.array([object()]), "abc", {1: 2}):
        with pytest.raises(TypeError, match="x"):
            f(bad, **params)


BAD_PARAMS = {
    "leaky_relu": [({"negative_slope": float("nan")}, ValueError, "negative_slope"),
                   ({"negative_slope": "0.1"}, TypeError, "negative_slope"),
                   ({"negative_slope": np.inf}, ValueError, "negative_slope")],
    "elu": [({"alpha": float("inf")}, ValueError, "alpha"), ({"alpha": None}, TypeError, "alpha"),
            ({"alpha": float("nan")}, ValueError, "alpha")],
    "softplus": [({"beta": 0.0}, ValueError, "beta"), ({"beta": -1.0}, ValueError, "beta"),
                 ({"beta": float("nan")}, ValueError, "beta"),
                 ({"threshold": float("inf")}, ValueError, "threshold"),
                 ({"threshold": [1]}, TypeError, "threshold")],
    "gelu": [({"approximate": "fast"}, ValueError, "approximate"),
             ({"approximate": None}, ValueError, "approximate"),
             ({"approximate": "TANH"}, ValueError, "approximate")],
    "isru": [({"alpha": 0.0}, ValueError, "alpha must be > 0"), ({"alpha": -1.0}, ValueError, "alpha")],
    "isrlu": [({"alpha": 0.0}, ValueError, "alpha must be > 0")],
    "celu": [({"alpha": 0.0}, ValueError, "alpha must be > 0"), ({"alpha": np.nan}, ValueError, "alpha")],
    "softshrink": [({"lambd": -0.1}, ValueError, "lambd must be >= 0"),
                   ({"lambd": np.inf}, ValueError, "lambd")],
    "hardshrink": [({"lambd": -0.1}, ValueError, "lambd must be >= 0")],
    "hardtanh": [({"min_val": 2.0, "max_val": 1.0}, ValueError, "min_val must be <= max_val"),
                 ({"min_val": np.nan}, ValueError, "min_val"), ({"max_val": "1"}, TypeError, "max_val")],
    "threshold": [({"threshold": np.nan, "value": 1.0}, ValueError, "threshold"),
                  ({"threshold": 0.0, "value": np.inf}, ValueError, "value"),
                  ({"threshold": 0.0}, TypeError, "value")],
    "swish": [({"beta": np.inf}, ValueError, "beta"), ({"beta": [1.0]}, TypeError, "beta")],
    "soft_exponential": [({"alpha": "x"}, TypeError, "alpha"), ({"alpha": np.nan}, ValueError, "alpha"),
                         ({}, TypeError, "alpha")],
    "sinc": [({"normalized": "yes"}, ValueError, "normalized"), ({"normalized": 1}, ValueError, "normalized"),
             ({"normalized": None}, ValueError, "normalized")],
}


@pytest.mark.parametrize("name", sorted(BAD_PARAMS))
def test_bad_parameters_raise_and_write_nothing(name):
    f, f_ = getattr(fastact, name), getattr(fastact, name + "_")
    for kwargs, exc, msg in BAD_PARAMS[name]:
        x = sample((16,), np.float32)
        keep, out = x.copy(), np.zeros_like(x)
        with pytest.raises(exc, match=msg):
            f(x, out=out, **kwargs)
        with pytest.raises(exc, match=msg):
            f_(x, **kwargs)
        assert_untouched([x, out], [keep, np.zeros_like(x)])


def test_parameters_are_used():
    """Non-default parameters change the result as the oracle says."""
    x = np.linspace(-6, 6, 101)
    assert np.allclose(fastact.leaky_relu(x, 0.3), reference.leaky_relu(x, 0.3), rtol=0, atol=0)
    assert np.allclose(fastact.elu(x, alpha=2.0), reference.elu(x, alpha=2.0), rtol=1e-15)
    assert np.allclose(fastact.softplus(x, 3.0, 2.0), reference.softplus(x, 3.0, 2.0), rtol=1e-15)
    assert not np.allclose(fastact.gelu(x, "tanh"), fastact.gelu(x))
    assert np.allclose(fastact.gelu(x, approximate="tanh"), reference.gelu(x, "tanh"), rtol=1e-15)
