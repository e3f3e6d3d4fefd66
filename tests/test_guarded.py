"""Guarded kernels (sinusoid, sinc): blocks whose inputs are all in the fast
path's range run the vectorised loop, other blocks pick fast or slow per
element.  Mixed blocks, in place, and every ISA give the same bits as
element-by-element calls and stay within the bound."""
import numpy as np
import pytest

import fastact
from fastact import accuracy, reference
from fastact._registry import BY_NAME

rng = np.random.default_rng(17)


def mixed(dtype, n=5000):
    x = rng.uniform(-10, 10, n).astype(dtype)
    big = rng.choice(n, n // 50, replace=False)
    x[big] = (rng.uniform(-1, 1, big.size) * np.finfo(dtype).max).astype(dtype)
    x[big[:10]] = (np.float64(2.0) ** rng.integers(10, 60, 10)).astype(dtype)
    x[:3] = [np.inf, -np.inf, np.nan]
    return x


@pytest.mark.parametrize("name,params", [("sinusoid", {}), ("sinc", {}),
                                         ("sinc", {"normalized": True})])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_mixed_blocks_match_single_elements(name, params, dtype, isa):
    f, f_ = getattr(fastact, name), getattr(fastact, name + "_")
    x = mixed(dtype)
    y = f(x, **params)
    one_by_one = np.array([f(x[i:i + 1], **params)[0] for i in range(x.size)], dtype)
    assert np.array_equal(y, one_by_one, equal_nan=True)
    z = x.copy()
    f_(z, **params)
    assert np.array_equal(z, y, equal_nan=True)
    wide = np.longdouble if dtype == np.float64 else np.float64
    comp = np.float64 if dtype == np.float64 else np.float32
    err = accuracy.ulp_error(y, reference.exact(name, x.astype(wide), comp, **params), dtype)
    bound = BY_NAME[name].ulp_bound(np.dtype(dtype).name, {"normalized": False, **params})
    assert not np.isnan(err).any() and accuracy.within(err.max(), bound, np.dtype(dtype).name)
