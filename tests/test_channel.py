"""Per-channel activations (prelu, srelu, apl): parameters along an axis,
both driver modes (short channels: per-element parameter rows; long
channels: one scalar-parameter kernel call per block), threads, layouts and
bad parameters."""
import numpy as np
import pytest

import fastact
from fastact import reference
from fastact._registry import BY_NAME
from fastact.accuracy import ulp_error, within

from conftest import FLOAT_DTYPES

rng = np.random.default_rng(99)


def per_channel_params(name, C):
    if name == "prelu":
        return {"weight": rng.uniform(-0.5, 0.5, C)}
    if name == "srelu":
        tl = rng.uniform(-2, 0, C)
        return {"t_left": tl, "a_left": rng.uniform(-0.5, 0.5, C),
                "t_right": tl + rng.uniform(0, 3, C), "a_right": rng.uniform(0, 2, C)}
    S = 3
    return {"a": rng.uniform(-1, 1, (S, C)), "b": rng.uniform(-2, 2, (S, C))}


# (shape, axis): channels long (inner >= 64: block mode) and short (row mode)
LAYOUTS = [((4, 5, 70), 1), ((4, 5, 3), 1), ((6, 7), 1), ((6, 7), 0), ((6, 7), -1),
           ((3, 4, 2, 65), 1), ((2, 3, 4, 5), -2), ((9,), 0), ((2, 1, 300), 1)]


@pytest.mark.parametrize("name", ["prelu", "srelu", "apl"])
@pytest.mark.parametrize("shape,axis", LAYOUTS)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_matches_oracle_per_channel(name, shape, axis, dtype, isa):
    x = (rng.standard_normal(shape) * 3).astype(dtype)
    params = per_channel_params(name, shape[axis])
    f, f_ = getattr(fastact, name), getattr(fastact, name + "_")
    got = f(x, **params, axis=axis)
    dt = np.dtype(dtype)
    wide = np.longdouble if dt == np.float64 else np.float64
    comp = np.float64 if dt == np.float64 else np.float32
    truth = reference.exact(name, x.astype(wide), comp, **params, axis=axis)
    err = ulp_error(got, truth, dtype)
    assert within(err.max(), BY_NAME[name].ulp_bound(dt.name, {}), dt.name), err.max()
    z = x.copy()
    assert f_(z, **params, axis=axis) is z and np.array_equal(z, got)
    out = np.empty_like(x)
    assert f(x, **params, axis=axis, out=out) is out and np.array_equal(out, got)


@pytest.mark.parametrize("name", ["prelu", "srelu", "apl"])
def test_layouts_and_threads_give_the_same_bits(name):
    x = rng.standard_normal((8, 16, 40)).astype(np.float32)
    params = per_channel_params(name, 16)
    want = getattr(fastact, name)(x, **params)
    for view in (np.asfortranarray(x), x.transpose(2, 1, 0).copy().transpose(2, 1, 0)):
        assert np.array_equal(getattr(fastact, name)(view, **params), want)
    big = rng.standard_normal((4, 16, 5000)).astype(np.float32)
    with fastact.threads(1):
        one = getattr(fastact, name)(big, **params)
    with fastact.threads(2):
        two = getattr(fastact, name)(big, **params)
    assert np.array_equal(one, two)
    # strided views along and across the channel axis
    v = big[:, ::2, 1::3]
    sub = {k: (np.asarray(p)[..., ::2]) for k, p in params.items()}
    assert np.array_equal(getattr(fastact, name)(v, **sub),
                          getattr(fastact, name)(np.ascontiguousarray(v), **sub))


def test_shared_parameters_ignore_axis():
    x = rng.standard_normal(100)
    assert np.array_equal(fastact.prelu(x, 0.2), fastact.leaky_relu(x, 0.2))
    assert np.array_equal(fastact.prelu(x, [0.2]), fastact.leaky_relu(x, 0.2))
    assert np.array_equal(fastact.prelu(x, np.array([0.2]), axis=7), fastact.prelu(x, 0.2))
    y = fastact.apl(x, a=[0.5], b=[1.0])
    truth = reference.exact("apl", x.astype(np.longdouble), np.float64, a=[0.5], b=[1.0])
    assert within(ulp_error(y, truth, np.float64).max(), 1, "float64")


def test_apl_limits_and_zero_slopes():
    x = np.array([-np.inf, np.inf, np.nan, -1e300, 0.0, -0.0])
    y = fastact.apl(x, a=[0.5, -0.5, 0.0], b=[1.0, 2.0, 3.0])
    # slopes sum to 0 at -inf: the limit is sum a_s b_s = -0.5
    assert y[0] == -0.5 and y[1] == np.inf and np.isnan(y[2])
    assert fastact.apl(np.array([-np.inf]), a=[0.0], b=[1.0])[0] == 0.0
    assert fastact.apl(np.array([-np.inf]), a=[-2.0], b=[1.0])[0] == -np.inf


CHANNEL_BAD = [
    ("prelu", {"weight": [0.1, 0.2]}, (3, 5), ValueError, "weight has 2 values"),
    ("prelu", {"weight": [[0.1]]}, (3, 5), ValueError, "weight must be a scalar or a 1-D"),
    ("prelu", {"weight": [0.1, np.nan, 0.3, 0.1, 0.1]}, (3, 5), ValueError, "weight must be finite"),
    ("prelu", {"weight": "a"}, (3, 5), TypeError, "weight"),
    ("prelu", {"weight": [0.1, 0.2, 0.3]}, (3,), ValueError, "axis 1 is out of range"),
    ("prelu", {"weight": [0.1, 0.2, 0.3], "axis": 1.0}, (2, 3), TypeError, "axis"),
    ("prelu", {"weight": [0.1, 0.2, 0.3], "axis": True}, (2, 3), TypeError, "axis"),
    ("prelu", {"weight": []}, (2, 3), ValueError, "weight is empty"),
    ("srelu", {"t_left": 1.0, "a_left": 0.1, "t_right": 0.0, "a_right": 1.0}, (2, 3),
     ValueError, "t_left must be <= t_right"),
    ("srelu", {"t_left": [0, 2, 0], "a_left": 0.1, "t_right": 1.0, "a_right": 1.0}, (2, 3),
     ValueError, "t_left must be <= t_right"),
    ("apl", {"a": [0.1, 0.2], "b": [0.0]}, (2, 3), ValueError, "hinge parameter has shape"),
    ("apl", {"a": np.ones(65), "b": np.ones(65)}, (2, 3), ValueError, "at most 64"),
    ("apl", {"a": np.ones((1, 2)), "b": np.ones((1, 2))}, (2, 3), ValueError, "a has 2 values"),
    ("apl", {"a": np.ones((1, 1, 1)), "b": np.ones((1, 1, 1))}, (2, 3), ValueError, "shape"),
    ("apl", {"a": [], "b": []}, (2, 3), ValueError, "S >= 1"),
]


@pytest.mark.parametrize("name,kwargs,shape,exc,msg", CHANNEL_BAD)
def test_bad_channel_parameters_raise_and_write_nothing(name, kwargs, shape, exc, msg):
    f, f_ = getattr(fastact, name), getattr(fastact, name + "_")
    x = rng.standard_normal(shape).astype(np.float32)
    keep, out = x.copy(), np.zeros_like(x)
    with pytest.raises(exc, match=msg):
        f(x, **kwargs, out=out)
    with pytest.raises(exc, match=msg):
        f_(x, **kwargs)
    assert np.array_equal(x, keep) and not out.any()
