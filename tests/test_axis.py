"""The functions along an axis (softmax family, maxout, gated units) and the
fused bias + activation, driven by the registry (AXIS_FUNCTIONS, FUSABLE).

Every function is checked against its oracle twin in fastact.reference
within its registry ULP bound, on every ISA, along axes 0, 1 and -1, on
C-ordered, F-ordered and strided inputs, on rows of length 1, on empty
axes, and through every driver path (short rows in transposed tiles, rows,
long rows split across threads, columns).
"""
import numpy as np
import pytest

import fastact
from fastact import reference
from fastact._registry import AXIS_FUNCTIONS, BY_NAME, FUSABLE, GATED, MAXOUT, SOFTMAX
from fastact.accuracy import ORACLE_SLACK, axis_error, axis_truth, ulp_error

SOFTMAXES = [f for f in AXIS_FUNCTIONS if f.kind == SOFTMAX]
AXIS_CASES = [(f, p) for f in AXIS_FUNCTIONS for p in f.variants()]
AXIS_IDS = [f.name + "".join(f"-{v}" for k, v in p.items() if k not in ("axis", "pool_size"))
            for f, p in AXIS_CASES]


def _wide(dtype):
    return np.longdouble if np.dtype(dtype) == np.float64 else np.float64


def _call_params(f, params):
    return {k: v for k, v in params.items() if k != "axis"}


def _inputs(shape, dtype, seed):
    """Normal values at several scales, so that rows have tails, large
    spreads and near-ties."""
    rng = np.random.default_rng(seed)
    scale = rng.choice([0.1, 1.0, 10.0, 50.0], size=shape)
    return (rng.standard_normal(shape) * scale).astype(dtype)


def _check(f, params, x, y, axis, dtype):
    err = axis_error(f, _call_params(f, params), x, y, axis, dtype)
    assert not np.isnan(err).any(), "NaN/inf where the oracle has none, or the reverse"
    bound = getattr(f, "ulp_f64" if np.dtype(dtype) == np.float64 else "ulp_f32")
    worst = err.max() if err.size else 0.0
    assert worst <= bound + ORACLE_SLACK[np.dtype(dtype).name], \
        f"{worst:.3f} ULP > {bound} at flat index {int(np.argmax(err))}"


# Shapes and axes that reach every driver path: short rows (tiles), rows,
# columns (axis not last), tiny tails.
SHAPES_AXES = [((300, 8), -1), ((64, 1000), -1), ((1000, 64), 0), ((6, 50, 30), 1),
               ((3, 5, 7), 0), ((4, 130), 1), ((2, 1, 6), -2), ((5, 2), -1)]


@pytest.mark.parametrize("f,params", AXIS_CASES, ids=AXIS_IDS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape,axis", SHAPES_AXES, ids=[f"{s}-ax{a}" for s, a in SHAPES_AXES])
def test_against_oracle(f, params, dtype, shape, axis, isa):
    if f.kind == MAXOUT and shape[axis] % params["pool_size"]:
        pytest.skip("pool_size does not divide this axis")
    if f.kind == GATED and shape[axis] % 2:
        pytest.skip("odd axis")
    x = _inputs(shape, dtype, seed=len(shape) * 1000 + shape[axis])
    y = getattr(fastact, f.name)(x, axis=axis, **_call_params(f, params))
    assert y.dtype == dtype
    _check(f, params, x, y, axis % x.ndim, dtype)


@pytest.mark.parametrize("f", SOFTMAXES, ids=lambda f: f.name)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape", [(1, 1 << 17), (3, 40000)], ids=["1x128K", "3x40000"])
def test_long_rows_split_across_threads(f, dtype, shape):
    """Rows longer than a segment (16K elements) combine their segments; with
    fewer rows than threads the segments are spread over the threads.  The
    bits must not depend on the thread count."""
    x = _inputs(shape, dtype, seed=7)
    fn = getattr(fastact, f.name)
    with fastact.threads(1):
        y1 = fn(x)
    with fastact.threads(2):
        y2 = fn(x)
    with fastact.threads(3):
        y3 = fn(x)
    assert np.array_equal(y1, y2, equal_nan=True) and np.array_equal(y1, y3, equal_nan=True)
    _check(f, {}, x, y1, 1, dtype)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_softmax_rows_sum_to_one(dtype):
    rng = np.random.default_rng(3)
    for shape in [(2000, 8), (500, 1000), (1, 300000)]:
        x = (rng.standard_normal(shape) * 20).astype(dtype)
        s = fastact.softmax(x).astype(np.float64).sum(axis=-1)
        assert np.abs(s - 1).max() <= 1e-6
        p = np.exp(fastact.log_softmax(x).astype(np.float64)).sum(axis=-1)
        assert np.abs(p - 1).max() <= 1e-6


@pytest.mark.parametrize("f,params", [(f, p) for f, p in AXIS_CASES if f.kind != SOFTMAX],
                         ids=[i for (f, _), i in zip(AXIS_CASES, AXIS_IDS) if f.kind != SOFTMAX])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_out_overlapping_the_input(f, params, dtype):
    """maxout and the gated units write straight into a C-contiguous out
    of the computation dtype; an out that shares memory with x (or with
    gate=) must still get the result of fresh inputs."""
    kw = _call_params(f, params)
    fn = getattr(fastact, f.name)
    x = _inputs((6, 64), dtype, seed=5)
    want = fn(x, axis=-1, **kw)
    for start in (0, 16, 32):
        z = x.copy()
        out = z.reshape(-1)[start:start + want.size].reshape(want.shape)
        assert fn(z, axis=-1, out=out, **kw) is out
        assert np.array_equal(out, want, equal_nan=True), start
    if f.kind == GATED:
        a, g = x[:, :32].copy(), x[:, 32:].copy()
        want = fn(a, gate=g, **kw)
        for target in ("a", "g"):
            a2, g2 = a.copy(), g.copy()
            out = a2 if target == "a" else g2
            assert fn(a2, gate=g2, out=out, **kw) is out
            assert np.array_equal(out, want, equal_nan=True), target


# Every row length up to 3 vectors of 16 past 0 and past one block of 1024:
# each remainder modulo the vector widths and FA_SOFTMAX_PAD (the padded
# tail of a block), as one row (the row kernel) and as 3 rows.  A gcc 13
# build once got log_softmax wrong on AVX2 for every length = 9..15 modulo
# 16 (the padded tail's second vector) while rows of 1000 (8 modulo 16)
# were right.
TAIL_LENGTHS = list(range(1, 49)) + [1024 + k for k in range(1, 34)]


@pytest.mark.parametrize("f", SOFTMAXES, ids=lambda f: f.name)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_every_tail_length(f, dtype, isa):
    for n in TAIL_LENGTHS:
        x = _inputs((3, n), dtype, seed=n)
        x[1] *= 0.05                 # a narrow row: the float32 fast path
        for rows in (x[0], x):
            y = getattr(fastact, f.name)(rows)
            try:
                _check(f, {}, rows, y, rows.ndim - 1, dtype)
            except AssertionError as exc:
                raise AssertionError(f"row length {n}, shape {rows.shape}: {exc}") from None


@pytest.mark.parametrize("f", SOFTMAXES, ids=lambda f: f.name)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_inplace_every_tail_length(f, dtype, isa):
    """In place, every row length gives the bits of the out-of-place call:
    the float32 row kernel reads a block's last < 16 elements as the block's
    last whole vector, overlapping elements that it has already written
    when y is x (it copies them first)."""
    for n in TAIL_LENGTHS + list(range(64, 81)):
        x = _inputs((3, n), dtype, seed=n + 7)
        x[1] *= 0.05                 # a narrow row: the float32 fast path
        # far below 0: an element overwritten by its exponential (<= 1) and
        # read again would give e^(1 - max) = inf (here 2^k with k = 128,
        # an infinite scale, which a weight of 0 turns into NaN)
        x[2] = -88.3 + 0.05 * x[2]
        for rows in (x[1], x[2], x):
            want = getattr(fastact, f.name)(rows)
            y = rows.copy()
            getattr(fastact, f.name + "_")(y)
            assert np.array_equal(y, want, equal_nan=True), f"row length {n}, shape {rows.shape}"


@pytest.mark.parametrize("f", SOFTMAXES, ids=lambda f: f.name)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_hard_rows(f, dtype, isa):
    """Rows that reach each branch of the row kernels, on every ISA: offsets
    far from 0 (x - max not exact in the dtype), spreads on both sides of
    the float32 fast path's limit (every e^(x - max) of a block normal:
    max - min <= 87), results that are subnormal or underflow, maxima that
    rise from block to block (the running sum is rescaled), and one +inf
    among finite values (log_softmax's general pass 2)."""
    rng = np.random.default_rng(11)
    n = 2500   # more than two blocks of FA_SOFTMAX_BLOCK (1024)
    rows = [1e3 + rng.standard_normal(n), -1e4 + 30 * rng.standard_normal(n),
            3e5 + rng.standard_normal(n), 1e-3 * rng.standard_normal(n)]
    # the three ways the float32 fast path takes x - max exactly (Fast2Sum
    # with max first, with x first, Knuth's two-sum): max > 0 with every
    # |x| in max's binade or below; max <= 0; max > 0 with |x| far above it
    rows += [rng.uniform(-7.9, 7.9, n), rng.uniform(-60.0, -0.5, n),
             rng.uniform(-40.0, 1.5, n)]
    for spread in (86.5, 87.0, 87.5, 95.0, 104.0, 110.0, 800.0):
        rows.append(-rng.uniform(0, spread, n))
        rows.append(np.concatenate([[0.0], -np.full(n - 1, spread)]))
    rows.append(np.linspace(-200, 50, n))          # rising maximum
    rows.append(np.linspace(50, -200, n))
    with_inf = rng.standard_normal(n)
    with_inf[1700] = np.inf
    rows.append(with_inf)
    x = np.array(rows).astype(dtype)
    if f.negate:
        x = -x
    y = getattr(fastact, f.name)(x)
    _check(f, {}, x, y, 1, dtype)


@pytest.mark.parametrize("f", SOFTMAXES, ids=lambda f: f.name)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("axis", [0, -1])
def test_special_rows(f, dtype, axis):
    """NaN rows, all -inf rows (NaN, as torch), one +inf (its limit), two
    +inf (no limit: NaN), huge values, and rows of length 1."""
    inf, nan = np.inf, np.nan
    big = np.finfo(dtype).max
    rows = np.array([[1, 2, 3, inf], [inf, inf, 1, 2], [-inf, -inf, -inf, -inf],
                     [1, nan, 2, 3], [-inf, 0, -inf, 1], [big, -big, big / 2, 0],
                     [0, 0, 0, 0], [-inf, inf, -inf, 5], [-big, -big, -big, -big]], dtype)
    if f.negate:
        rows = -rows
    x = rows if axis == -1 else np.ascontiguousarray(rows.T)
    y = getattr(fastact, f.name)(x, axis=axis)
    ref = getattr(reference, f.name)(x, axis=axis)
    assert np.array_equal(np.isnan(y), np.isnan(ref))
    assert np.array_equal(np.isinf(y), np.isinf(ref))
    yr = y if axis == -1 else y.T
    assert np.isnan(yr[[1, 2, 3]]).all()
    one_hot = yr[0] if not f.take_log else np.exp(yr[0].astype(np.float64))
    assert np.array_equal(one_hot, [0, 0, 0, 1])
    _check(f, {}, x, y, axis % 2, dtype)
    # a row of one element: 1 (log: 0) for finite and +inf, NaN for -inf and NaN
    col = np.array([[3.0], [inf], [-inf], [nan], [-big]], dtype)
    if f.negate:
        col = -col
    y1 = getattr(fastact, f.name)(col)
    want = np.array([[0.0 if f.take_log else 1.0]] * 2 + [[nan]] * 2
                    + [[0.0 if f.take_log else 1.0]], dtype)
    assert np.array_equal(y1, want, equal_nan=True)


@pytest.mark.parametrize("f,params", AXIS_CASES, ids=AXIS_IDS)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_layouts_dtypes_and_out(f, params, dtype):
    """C, F and strided inputs give the same result; out= works; float16
    is within its bound; the input is never modified."""
    kw = _call_params(f, params)
    x = _inputs((12, 10, 16), np.float64, seed=11).astype(dtype)
    x_before = x.copy()
    fn = getattr(fastact, f.name)
    for axis in (0, 1, 2, -1):
        y = fn(x, axis=axis, **kw)
        assert np.array_equal(fn(np.asfortranarray(x), axis=axis, **kw), y, equal_nan=True)
        big = np.zeros((24, 10, 32), dtype)
        big[::2, :, ::2] = x
        view = big[::2, :, ::2]
        assert np.array_equal(fn(view, axis=axis, **kw), y, equal_nan=True)
        out = np.full(y.shape, 7, dtype)
        assert fn(x, axis=axis, out=out, **kw) is out
        assert np.array_equal(out, y, equal_nan=True)
        if dtype == np.float16:
            t = axis_truth(f, _call_params(f, params), x.astype(np.float64), axis % 3)
            assert ulp_error(y, t, np.float16).max() <= f.ulp_f16
    assert np.array_equal(x, x_before)


@pytest.mark.parametrize("f", SOFTMAXES, ids=lambda f: f.name)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_inplace(f, dtype):
    x = _inputs((40, 30), np.float64, seed=5).astype(dtype)
    for axis in (0, 1):
        want = getattr(fastact, f.name)(x, axis=axis)
        y = x.copy()
        assert getattr(fastact, f.name + "_")(y, axis=axis) is y
        assert np.array_equal(y, want)
        # a strided view: only the view changes
        base = np.repeat(x, 2, axis=1)
        view = base[:, ::2]
        getattr(fastact, f.name + "_")(view, axis=axis)
        assert np.array_equal(view, want) and np.array_equal(base[:, 1::2], x)
        # out= aliasing x
        z = x.copy()
        assert np.array_equal(getattr(fastact, f.name)(z, axis=axis, out=z), want)


@pytest.mark.parametrize("f,params", AXIS_CASES, ids=AXIS_IDS)
def test_empty_axes_and_length_one(f, params):
    kw = _call_params(f, params)
    fn = getattr(fastact, f.name)
    for shape, axis in [((0, 4), -1), ((4, 0), -1), ((4, 0), 0), ((0,), 0)]:
        x = np.zeros(shape, np.float32)
        y = fn(x, axis=axis, **kw)
        assert y.size == 0 and y.dtype == np.float32
    if f.kind == SOFTMAX:
        y = fn(np.array([[2.0], [-5.0]], np.float32))
        assert np.array_equal(y, [[0.0], [0.0]] if f.take_log else [[1.0], [1.0]])
    elif f.kind == MAXOUT:
        x = np.arange(6, dtype=np.float32).reshape(3, 2)
        assert np.array_equal(fn(x, 1, axis=1), x)
    else:
        x = np.array([[3.0, 0.5]], np.float32)
        _check(f, params, x, fn(x, **kw), 1, np.float32)


def test_maxout_values_and_nan():
    x = np.array([[1, 5, 2, 2, np.nan, 0, -np.inf, -1]], np.float32)
    assert np.array_equal(fastact.maxout(x, 2), [[5, 2, np.nan, -1]], equal_nan=True)
    assert np.array_equal(fastact.maxout(x, 4), [[5, np.nan]], equal_nan=True)
    assert np.array_equal(fastact.maxout(x, 8), [[np.nan]], equal_nan=True)
    assert np.array_equal(fastact.maxout(x.T, 2, axis=0).T, [[5, 2, np.nan, -1]], equal_nan=True)
    for p in (1, 2, 3, 4, 5, 6):
        x = _inputs((7, 60, 3), np.float32, seed=p)
        for axis in (0, 1) if p in (1, 7) else (1,):
            assert np.array_equal(fastact.maxout(x, p, axis=axis), reference.maxout(x, p, axis=axis))


@pytest.mark.parametrize("f", [f for f in AXIS_FUNCTIONS if f.kind == GATED], ids=lambda f: f.name)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gated_two_argument_form(f, dtype):
    """gate=... equals the split form on the concatenated input, without a
    split; mixed dtypes promote."""
    x = _inputs((16, 40), dtype, seed=9)
    a, b = np.split(x, 2, axis=1)
    fn = getattr(fastact, f.name)
    assert np.array_equal(fn(a, gate=b), fn(x, axis=1))
    assert np.array_equal(fn(x.T, axis=0), fn(x, axis=1).T)
    assert fn(a.astype(np.float32), gate=b.astype(np.float64)).dtype == np.float64
    with pytest.raises(ValueError, match="gate has shape"):
        fn(a, gate=b[:, :3])


# ---------------------------------------------------------------- bias_act

FUSE_CASES = [(BY_NAME[n], p) for n in FUSABLE for p in BY_NAME[n].variants()]
FUSE_IDS = [a.name + "".join(f"-{v}" for v in p.values()) for a, p in FUSE_CASES]


def _bias_for(x, axis):
    return np.random.default_rng(1).standard_normal(x.shape[axis]).astype(x.dtype)


def _expand(b, ndim, axis):
    return b.reshape((-1,) + (1,) * (ndim - axis % ndim - 1))


@pytest.mark.parametrize("act,params", FUSE_CASES, ids=FUSE_IDS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_bias_act_is_act_of_sum(act, params, dtype, isa):
    """bias_act(x, b) has the bits of fastact.ACT(x + b) for every fusable
    activation, bias along the last axis (patterns short and long), along
    axis 1 of NCHW (short and long inner blocks, and inner blocks longer
    than the driver's chunk), and shared; huge values reach the GUARDED
    kernels' slow paths."""
    fn = getattr(fastact, act.name)
    rng = np.random.default_rng(2)
    for shape, axis, scale in [((33, 7), -1, 4), ((4, 2100), -1, 4), ((3, 16, 5, 5), 1, 4),
                               ((2, 6, 80), 1, 4), ((5, 9), 0, 4), ((2, 3, 1500), 1, 4),
                               ((3, 700), -1, 1e9)]:
        x = (rng.standard_normal(shape) * scale).astype(dtype)
        b = _bias_for(x, axis)
        want = fn(x + _expand(b, x.ndim, axis), **params)
        got = fastact.bias_act(x, b, act.name, axis=axis, **params)
        assert np.array_equal(got, want, equal_nan=True), (shape, axis)
    x = (rng.standard_normal((10, 3)) * 4).astype(dtype)
    assert np.array_equal(fastact.bias_act(x, 0.5, act.name, **params), fn(x + dtype(0.5), **params),
                          equal_nan=True)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_bias_act_against_oracle_and_inplace(dtype):
    x = _inputs((64, 300), dtype, seed=4)
    b = _bias_for(x, -1)
    for name, params in [("gelu", {}), ("gelu", {"approximate": "tanh"}), ("silu", {}),
                         ("relu", {}), ("softplus", {"beta": 2.0})]:
        y = fastact.bias_act(x, b, name, **params)
        t = reference.exact(name, reference.bias_sum(x, b).astype(_wide(dtype)),
                            np.float64 if dtype == np.float64 else np.float32, **params)
        err = ulp_error(y, t, dtype)
        act = BY_NAME[name]
        assert err.max() <= act.ulp_bound(np.dtype(dtype).name, params) + ORACLE_SLACK[np.dtype(dtype).name]
        z = x.copy()
        assert fastact.bias_act_(z, b, name, **params) is z
        assert np.array_equal(z, y)
        z = np.asfortranarray(x)
        assert np.array_equal(fastact.bias_act(z, b, name, **params), y)
    assert np.array_equal(reference.bias_act(x, b, "relu"), np.maximum(x + b, 0))


def test_bias_act_float16_and_threads():
    x = _inputs((300, 500), np.float32, seed=6)
    b = _bias_for(x, -1)
    with fastact.threads(1):
        y1 = fastact.bias_act(x, b, "mish")
    with fastact.threads(2):
        y2 = fastact.bias_act(x, b, "mish")
    assert np.array_equal(y1, y2)
    h = x.astype(np.float16)
    yh = fastact.bias_act(h, b, "gelu")
    assert yh.dtype == np.float16
    t = reference.exact("gelu", reference.bias_sum(h, b).astype(np.float64), np.float32)
    assert ulp_error(yh, t, np.float16).max() <= 1


# ---------------------------------------------------------------- bad input

BAD_AXIS_CALLS = [
    ("softmax axis out of range", lambda x, o: fastact.softmax(x, axis=2, out=o), ValueError),
    ("softmax axis not an int", lambda x, o: fastact.softmax(x, axis=1.0, out=o), TypeError),
    ("softmax axis bool", lambda x, o: fastact.softmax(x, axis=True, out=o), TypeError),
    ("softmax_ axis", lambda x, o: fastact.softmax_(x, axis=-3), ValueError),
    ("log_softmax out shape", lambda x, o: fastact.log_softmax(x, out=o[:, :2]), ValueError),
    ("softmin out dtype", lambda x, o: fastact.softmin(x, out=o.astype(np.float64)), TypeError),
    ("maxout not dividing", lambda x, o: fastact.maxout(x, 5), ValueError),
    ("maxout pool 0", lambda x, o: fastact.maxout(x, 0), ValueError),
    ("maxout pool float", lambda x, o: fastact.maxout(x, 2.0), TypeError),
    ("maxout out shape", lambda x, o: fastact.maxout(x, 2, out=o), ValueError),
    ("glu odd", lambda x, o: fastact.glu(x[:, :3]), ValueError),
    ("glu out shape", lambda x, o: fastact.glu(x, out=o), ValueError),
    ("geglu approximate", lambda x, o: fastact.geglu(x, approximate="fast"), ValueError),
    ("bias wrong length", lambda x, o: fastact.bias_act(x, np.ones(3), out=o), ValueError),
    ("bias 2-D", lambda x, o: fastact.bias_act(x, np.ones((4, 6)), out=o), ValueError),
    ("bias_ wrong length", lambda x, o: fastact.bias_act_(x, np.ones(4), axis=-1), ValueError),
    ("bias axis", lambda x, o: fastact.bias_act(x, np.ones(6), axis=3, out=o), ValueError),
    ("bias strings", lambda x, o: fastact.bias_act(x, ["a"] * 6, out=o), TypeError),
    ("unknown activation", lambda x, o: fastact.bias_act(x, np.ones(6), "softmax", out=o), ValueError),
    ("channel activation", lambda x, o: fastact.bias_act(x, np.ones(6), "prelu", out=o), ValueError),
    ("unknown parameter", lambda x, o: fastact.bias_act(x, np.ones(6), "elu", beta=1.0, out=o), TypeError),
    ("bad parameter", lambda x, o: fastact.bias_act_(x, np.ones(6), "softplus", beta=-1.0), ValueError),
    ("missing parameter", lambda x, o: fastact.bias_act_(x, np.ones(6), "threshold", value=0.0), TypeError),
    ("constraint", lambda x, o: fastact.bias_act_(x, np.ones(6), "hardtanh", min_val=2.0, max_val=1.0), ValueError),
]


@pytest.mark.parametrize("what,call,exc", BAD_AXIS_CALLS, ids=[c[0] for c in BAD_AXIS_CALLS])
def test_bad_input_raises_and_writes_nothing(what, call, exc):
    x = _inputs((4, 6), np.float32, seed=8)
    out = np.full((4, 6), 3.0, np.float32)
    x_before, out_before = x.copy(), out.copy()
    with pytest.raises(exc):
        call(x, out)
    assert np.array_equal(x, x_before) and np.array_equal(out, out_before)


def test_zero_dim_and_readonly():
    with pytest.raises(ValueError, match="at least one dimension"):
        fastact.softmax(np.float32(1.0))
    x = np.ones((3, 4), np.float32)
    x.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        fastact.softmax_(x)
    with pytest.raises(ValueError, match="read-only"):
        fastact.bias_act_(x, np.ones(4))
    with pytest.raises(TypeError):
        fastact.softmax_([1.0, 2.0])


def test_ints_promote_like_float64():
    y = fastact.softmax([[1, 2, 3]])
    assert y.dtype == np.float64
    assert np.array_equal(y, fastact.softmax(np.array([[1.0, 2.0, 3.0]])))
