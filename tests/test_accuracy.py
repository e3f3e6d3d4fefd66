"""The ULP bounds of the registry, proven against the oracle on every ISA.

Float32: >= 1.3M points per kernel (every 4096th bit pattern over the whole
range, a dense grid on [-20, 20], hard values).  Float64: >= 1.3M points
(random bit patterns, dense grid on [-40, 40]) against long double, and the
erf GELU on 12K points against mpmath.  Float16: all 65536 inputs.
"""
import numpy as np
import pytest

import fastact
from fastact import accuracy, reference
from fastact.accuracy import ulp_error

from conftest import CASE_IDS, CASES, DEFAULT_CASES, DEFAULT_IDS
from mp_formulas import mp_formulas


@pytest.mark.parametrize("act,params", CASES, ids=CASE_IDS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_ulp_bound(act, params, dtype, isa):
    r = accuracy.measure(act.name, params, dtype, isa)
    if r is None:
        pytest.skip("no higher-precision truth on this platform (long double == double)")
    worst, where, mismatches, npts = r
    assert npts >= 10_000
    assert mismatches == 0, f"{mismatches} NaN/inf results disagree with the oracle"
    bound = act.ulp_bound(dtype, params)
    assert accuracy.within(worst, bound, dtype), f"{worst:.3f} ULP at x = {where!r} ({float(where).hex()}) > {bound}"


@pytest.mark.parametrize("act,params", CASES, ids=CASE_IDS)
def test_float16_exhaustive(act, params, isa):
    x = np.arange(1 << 16, dtype=np.uint16).view(np.float16)
    y = getattr(fastact, act.name)(x, **params)
    assert y.dtype == np.float16
    t = reference.exact(act.name, x.astype(np.float64), np.float32, **params)
    err = ulp_error(y, t, np.float16)
    assert not np.isnan(err).any()
    assert err.max() <= act.ulp_bound("float16", params), x[np.argmax(err)]


@pytest.mark.parametrize("act,params", CASES, ids=CASE_IDS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_special_values_match_oracle(act, params, dtype, isa):
    """NaN -> NaN, +-inf and +-0 map exactly as the oracle does (sign of
    zero included), and no finite input gives NaN or a spurious inf."""
    x = accuracy.special_values(dtype)
    y = getattr(fastact, act.name)(x, **params)
    ref = getattr(reference, act.name)(x, **params)
    assert np.array_equal(np.isnan(y), np.isnan(ref))
    assert np.isnan(y[np.isnan(x)]).all()
    tiny = np.finfo(dtype).tiny
    for xi, yi, ri in zip(x, y, ref):
        if np.isinf(ri):
            assert yi == ri, (xi, yi, ri)
        elif ri == 0:
            # the oracle may itself underflow to 0 where the truth is subnormal
            # (the kernels may keep it): the subnormal floor, and the same sign
            assert abs(yi) <= tiny and np.signbit(yi) == np.signbit(ri), (xi, yi, ri)
    finite = np.isfinite(x) & np.isfinite(ref)
    assert np.isfinite(y[finite]).all()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_bounded_ranges(dtype, isa):
    x = accuracy.sweep_f32() if dtype == np.float32 else accuracy.sweep_f64()
    x = x.astype(dtype)
    s = fastact.sigmoid(x)
    assert ((s >= 0) & (s <= 1))[~np.isnan(x)].all()
    t = fastact.tanh(x)
    assert ((t >= -1) & (t <= 1))[~np.isnan(x)].all()
    finite = np.isfinite(x)
    for y in (fastact.softplus(x), fastact.gelu(x), fastact.gelu(x, approximate="tanh"),
              fastact.silu(x), fastact.mish(x), fastact.elu(x), s, t):
        assert np.isfinite(y[finite]).all()


def test_hardswish_and_hardsigmoid_small_inputs_round_to_nearest(isa):
    """Every float32 x with |x| < 2^-120 (all subnormals included), both
    signs: hardswish(x) = x/2 + x^2/6 is RN(x/2) with an exact tie (x odd
    in units of 2^-149) decided by the positive x^2/6, i.e. upwards; a zero
    result keeps the sign of x.  The float form's x^2/6 underflows there,
    so it breaks those ties by hand; a plain x * 0.5 would round them to
    even.  hardsigmoid(x) is 0.5 there."""
    bits = np.arange(0, 0x03800000, dtype=np.uint32)         # |x| < 2^-120
    x = np.concatenate([bits, bits | np.uint32(0x80000000)]).view(np.float32)
    h = x.astype(np.float64) / 2                             # exact
    want = (h + np.abs(h) * 2.0 ** -40).astype(np.float32)   # RN, ties upwards
    want = np.where(want == 0, np.float32(0) * x, want)      # sign of x
    got = fastact.hardswish(x)
    bad = got.view(np.uint32) != want.view(np.uint32)
    assert not bad.any(), (x[bad][:5], got[bad][:5], want[bad][:5])
    assert (fastact.hardsigmoid(x) == np.float32(0.5)).all()


def test_ulp_error_catches_errors():
    """The measuring stick itself: off-by-k results, wrong NaNs, wrong
    infinities and flushed normal results are all reported."""
    t = np.array([1.0, 3.0, -2.5e-3, 1e-40, 0.0, np.inf], dtype=np.float64)
    y = t.astype(np.float32)
    assert ulp_error(y, t, np.float32).max() <= 0.5
    bumped = np.nextafter(np.nextafter(y, np.float32(np.inf)), np.float32(np.inf))
    err = ulp_error(bumped, t, np.float32)
    assert 1.5 <= err[0] <= 2.5 and 1.5 <= err[1] <= 2.5
    assert np.isnan(ulp_error(np.float32([np.nan]), np.float64([1.0]), np.float32)).all()
    assert np.isnan(ulp_error(np.float32([np.inf]), np.float64([1.0]), np.float32)).all()
    assert np.isnan(ulp_error(np.float32([1.0]), np.float64([np.inf]), np.float32)).all()
    # subnormal truth: an absolute floor of FLT_MIN, no more
    assert ulp_error(np.float32([0.0]), np.float64([1e-40]), np.float32)[0] == 0
    assert ulp_error(np.float32([0.0]), np.float64([1e-37]), np.float32)[0] > 1e6


@pytest.mark.parametrize("act,params", DEFAULT_CASES, ids=DEFAULT_IDS)
def test_reference_twin_is_float64_accurate(act, params):
    """The oracle itself against mpmath on points across the range, and in
    the cancellation regions (tiny x, near zeros)."""
    mpmath = pytest.importorskip("mpmath")
    xs = [-30.5, -7.25, -2.99, -1.5, -1e-3, -3e-9, 1e-5, 0.75, 2.5, 3.01, 12.0]
    if act.name == "log1p":
        xs = [v for v in xs if v > -1]
    with mpmath.workprec(120):
        mp_f = mp_formulas(mpmath, params)[act.name]
        for v in xs:
            want = float(mp_f(mpmath.mpf(v)))
            got = float(getattr(reference, act.name)(np.float64(v), **params))
            assert abs(got - want) <= 4 * np.spacing(abs(want)) + 1e-300, (v, got, want)
