"""RReLU: the counter-based slopes are reproducible (any thread count, ISA
and memory layout), uniform in [lower, upper], returned for the backward
pass, and match the oracle's independent NumPy implementation bit for bit."""
import numpy as np
import pytest

import fastact
from fastact import _core, reference

from conftest import FLOAT_DTYPES, run_python

rng = np.random.default_rng(5)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_training_matches_oracle_bits(dtype, isa):
    x = (rng.standard_normal((300, 7)) * 3).astype(dtype)
    y, s = fastact.rrelu(x, 0.1, 0.4, training=True, seed=123, return_slopes=True)
    ry, rs = reference.rrelu(x, 0.1, 0.4, training=True, seed=123, return_slopes=True)
    assert y.dtype == dtype and s.dtype == dtype and s.shape == x.shape
    assert np.array_equal(y, ry) and np.array_equal(s, rs)


def test_same_seed_same_bits_across_threads_isas_and_layouts():
    x = rng.standard_normal(1 << 20).astype(np.float32)
    results = []
    for isa in _core.isa_supported():
        for n in (1, 2):
            _core.set_isa(isa)
            with fastact.threads(n):
                results.append(fastact.rrelu(x, training=True, seed=99))
    _core.set_isa(_core.best_isa())
    assert all(np.array_equal(r, results[0]) for r in results)
    m = x[:1000 * 1000].reshape(1000, 1000)
    want = fastact.rrelu(m, training=True, seed=5)
    assert np.array_equal(fastact.rrelu(np.asfortranarray(m), training=True, seed=5), want)
    assert np.array_equal(fastact.rrelu(m.T.copy().T, training=True, seed=5), want)


def test_slopes_are_uniform_in_range_and_seeds_differ():
    x = -np.ones(1 << 20)
    _, s1 = fastact.rrelu(x, 0.2, 0.7, training=True, seed=1, return_slopes=True)
    _, s2 = fastact.rrelu(x, 0.2, 0.7, training=True, seed=2, return_slopes=True)
    assert s1.min() >= 0.2 and s1.max() <= 0.7
    assert not np.array_equal(s1, s2)
    u = (s1 - 0.2) / 0.5
    n = u.size
    assert abs(u.mean() - 0.5) < 5 / np.sqrt(12 * n)          # 5 sigma
    hist = np.histogram(u, bins=64, range=(0, 1))[0]
    chi2 = ((hist - n / 64) ** 2 / (n / 64)).sum()
    assert chi2 < 140                                          # 63 dof: p ~ 1e-7
    assert abs(np.corrcoef(u[:-1], u[1:])[0, 1]) < 5 / np.sqrt(n)


def test_positive_inputs_keep_slope_one_and_seed_none_is_random():
    x = np.array([-2.0, -0.0, 0.0, 3.0, np.nan, np.inf, -np.inf])
    y, s = fastact.rrelu(x, training=True, seed=0, return_slopes=True)
    assert s[3] == 1 and s[4] == 1 and s[5] == 1 and 1 / 8 <= s[0] <= 1 / 3
    assert y[3] == 3 and np.isnan(y[4]) and y[5] == np.inf and y[6] == -np.inf
    a = fastact.rrelu(-np.ones(1000), training=True)
    b = fastact.rrelu(-np.ones(1000), training=True)
    assert not np.array_equal(a, b)


def test_evaluation_mode_is_the_mean_slope():
    x = rng.standard_normal(1000)
    y, s = fastact.rrelu(x, 0.1, 0.3, return_slopes=True)
    assert np.array_equal(y, fastact.leaky_relu(x, 0.2))
    assert np.array_equal(s, np.where(x <= 0, 0.2, 1.0))
    z = x.copy()
    zz, s2 = fastact.rrelu_(z, 0.1, 0.3, return_slopes=True)
    assert zz is z and np.array_equal(z, y) and np.array_equal(s2, s)
    w = x.copy()
    yw, sw = fastact.rrelu(w, 0.1, 0.3, out=w, return_slopes=True)   # out aliases x
    assert yw is w and np.array_equal(sw, s)


def test_inplace_training():
    x = rng.standard_normal((50, 40)).astype(np.float32)
    want, s = fastact.rrelu(x, training=True, seed=8, return_slopes=True)
    z = x.copy()
    zz, s2 = fastact.rrelu_(z, training=True, seed=8, return_slopes=True)
    assert zz is z and np.array_equal(z, want) and np.array_equal(s2, s)
    v = x.copy()[:, ::2]
    assert np.array_equal(fastact.rrelu_(v, training=True, seed=8),
                          fastact.rrelu(np.ascontiguousarray(x[:, ::2]), training=True, seed=8))


@pytest.mark.parametrize("kwargs,exc,msg", [
    ({"lower": 0.5, "upper": 0.1}, ValueError, "lower must be <= upper"),
    ({"lower": np.nan}, ValueError, "lower"),
    ({"training": 1}, TypeError, "training must be a bool"),
    ({"training": True, "seed": -1}, ValueError, "seed"),
    ({"training": True, "seed": 1 << 64}, ValueError, "seed"),
    ({"training": True, "seed": 1.5}, TypeError, "seed"),
    ({"return_slopes": "yes"}, TypeError, "return_slopes"),
])
def test_bad_parameters(kwargs, exc, msg):
    x = rng.standard_normal(10)
    keep = x.copy()
    with pytest.raises(exc, match=msg):
        fastact.rrelu(x, **kwargs)
    with pytest.raises(exc, match=msg):
        fastact.rrelu_(x, **kwargs)
    assert np.array_equal(x, keep)


def test_reproducible_in_a_fresh_process():
    code = ("import numpy as np, fastact; x = -np.ones(5); "
            "print(fastact.rrelu(x, training=True, seed=77).tolist())")
    r = run_python(code, FASTACT_ISA="baseline")
    assert r.returncode == 0, r.stderr
    assert eval(r.stdout) == fastact.rrelu(-np.ones(5), training=True, seed=77).tolist()
