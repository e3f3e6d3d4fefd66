"""Benchmarks of fastact's axis functions (softmax, log_softmax, softmin,
glu, swiglu, maxout) and of the fused bias + GELU (bias_act), float32, each
case timed for every impl side by side in the same run.

Ids: <case>-float32-<shape>-t<threads>-<impl>, e.g.
``softmax-float32-64Kx1000-t1-fastact``.  Every case is marked
``axis_table``:

    python -m pytest bench/test_bench_axis.py --benchmark-only -m axis_table \\
        --benchmark-json=bench/results/NAME.json
    python bench/axis_report.py bench/results/NAME.json > bench/results/NAME.md

(``python -m pytest`` puts the checkout first on sys.path; a plain
``pytest`` imports an installed fastact when there is one.)

The impls:

* ``fastact``: ``fastact.NAME(x, out=o)``, preallocated output; in place
  (``bias_act_``) for the bias cases.
* ``numpy_ref``: fastact's float64 oracle ``fastact.reference.NAME(x,
  out=o)``, for scale only (no peer); 1 thread, not at 64Kx1000 (seconds
  per call).
* ``scipy``: ``scipy.special.softmax / log_softmax(x, axis=-1)`` (no out=:
  allocates); softmin is ``softmax(-x)``.
* ``numpy``: maxout as ``np.max(x.reshape(rows, -1, 2), axis=-1, out=o)``
  (the reshape-max idiom), ``numpy_strided``: ``np.maximum(x[:, 0::2],
  x[:, 1::2], out=o)`` (the same result, one binary ufunc on strided views:
  NumPy's fast form for pool 2).
* ``torch`` (on ``torch.from_numpy`` views of the same memory): the out=
  form where torch has one (``torch.softmax(x, -1, out=o)``,
  ``torch.log_softmax``, ``torch._C._nn.glu(x, -1, out=o)``: F.glu's ATen op,
  ``torch.mul(a, F.silu(b), out=o)`` with ``a, b = x.chunk(2, -1)`` for
  swiglu), otherwise the allocating call (``F.softmin(x, -1)``); the timed
  source is in ``extra_info["impl_note"]``, the mode (out / alloc / inplace)
  in ``extra_info["mode"]``.
* ``onnxruntime``: a one-node ONNX model, opset 13, axis=-1: Softmax,
  LogSoftmax; softmin as Neg -> Softmax (ONNX has no Softmin).  Timed with
  ``run_with_iobinding`` on OrtValues wrapping the same NumPy buffers
  (preallocated output, no copies), ``intra_op_num_threads`` = threads,
  ``inter_op_num_threads`` = 1.

bias_gelu and bias_relu (x float32 (16384, 1024) = 16M, bias (1024,), in
place; ACT = gelu or relu): ``fastact`` = ``fastact.bias_act_(x, b, ACT)``
(one pass), ``fastact_2pass`` = ``fastact.ACT_(np.add(x, b, out=x))``,
``fastact_act_only`` = ``fastact.ACT_(x)`` (the activation alone: what the
bias costs on top of it), ``torch`` = ``F.ACT(x + b)``, ``torch_add_`` =
``F.ACT(x.add_(b))``, ``torch_inplace`` = ``torch._C._nn.gelu_(x.add_(b))``
or ``torch.relu_(x.add_(b))`` (torch's fully in-place form).  GELU is bound
by its arithmetic, relu by memory: the two show what fusing the bias can
save at each end.  The input is **refreshed** before every round (an
untimed ``np.copyto`` from the pristine input, one call per round), for
every impl of the case: applied to its own output GELU drifts to values
where its kernels take faster paths.

Threads: 1 and 2, set with the conftest ``threads`` fixture
(``fastact.set_num_threads`` and ``torch.set_num_threads`` for the test,
restored after it); the single-threaded impls (numpy_ref, scipy, numpy)
skip the 2-thread cases.

Timing: ``benchmark(fn)`` for the calls that do not mutate their input, so
``--benchmark-min-rounds`` / ``--benchmark-max-time`` apply; the in-place
bias cases use ``benchmark.pedantic`` with the refresh as untimed
setup and max(min-rounds, max-time / one call) rounds.  Every impl's output
is checked once against the float64 oracle on up to 128 rows (the first and
last 64) before timing.  ``extra_info``: case, shape, n (elements of the
input x), impl, impl_note, mode, threads, ns_per_elem (min time / n) and
ns_per_elem_median, loadavg_1min (the machine's 1-minute load average after
the benchmark: this run alone counts about 1 per busy thread; more means
other work shared the cores, which shows first in the 2-thread numbers).
"""
import functools
import os
import time

import numpy as np
import pytest

import fastact
from fastact import reference

import benchutil as bu

if not hasattr(fastact, "softmax"):
    raise ImportError(
        f"{fastact.__file__} has no axis functions: an older installed fastact shadows "
        "the checkout; run `python -m pytest bench/...` from the repository root "
        "(or set PYTHONPATH to it)")

try:
    import scipy.special as sp
except Exception:  # pragma: no cover - optional peer
    sp = None
torch, F = bu.torch, bu.F

pytestmark = pytest.mark.axis_table

DTYPE = np.float32
SINGLE_THREADED = ("numpy_ref", "scipy", "numpy", "numpy_strided")
# (rtol, atol) of the check against the float64 oracle (bu.CHECK_TOL's
# float32 values); maxout is exact.
TOL = bu.CHECK_TOL["float32"]

SOFTMAX_SHAPES = {"64Kx1000": (65536, 1000), "1x1M": (1, 1 << 20), "1Mx8": (1 << 20, 8)}
GATED_SHAPE = ("4Kx2K", (4096, 2048))
BIAS_SHAPE = ("16Kx1K", (16384, 1024))

SOFTMAX_IMPLS = ("fastact", "numpy_ref", "scipy", "torch", "onnxruntime")
BIAS_IMPLS = ("fastact", "fastact_2pass", "fastact_act_only", "torch", "torch_add_",
              "torch_inplace")

# (case, shape id, shape, impls)
CASES = (
    [(name, sid, shape, SOFTMAX_IMPLS)
     for name in ("softmax", "log_softmax") for sid, shape in SOFTMAX_SHAPES.items()]
    + [("softmin", "64Kx1000", SOFTMAX_SHAPES["64Kx1000"], SOFTMAX_IMPLS)]
    + [(name, *GATED_SHAPE, ("fastact", "torch", "numpy_ref")) for name in ("glu", "swiglu")]
    + [("maxout2", *GATED_SHAPE, ("fastact", "numpy", "numpy_strided"))]
    + [(f"bias_{act}", *BIAS_SHAPE, BIAS_IMPLS) for act in ("gelu", "relu")]
)


def _static_skip(impl, shape, threads):
    if impl in SINGLE_THREADED and threads != 1:
        return f"{impl} is single-threaded"
    if impl == "numpy_ref" and shape[0] * shape[1] > (1 << 24):
        return "numpy_ref skipped above 16M elements (seconds per call)"
    if impl.startswith("torch") and torch is None:
        return "torch is not installed"
    if impl == "onnxruntime" and bu.ort is None:
        return "onnxruntime/onnx is not installed"
    if impl == "scipy" and sp is None:
        return "scipy is not installed"
    return None


PARAMS = []
for case, sid, shape, impls in CASES:
    for t in (1, 2):
        for impl in impls:
            reason = _static_skip(impl, shape, t)
            PARAMS.append(pytest.param(
                case, sid, shape, t, impl, id=f"{case}-float32-{sid}-t{t}-{impl}",
                marks=[pytest.mark.skip(reason=reason)] if reason else []))


# --------------------------------------------------------------------------
# Inputs, the ONNX models, checks, timing
# --------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def pristine(shape):
    """Read-only standard normal * 3, seeded per shape."""
    rng = np.random.default_rng([bu.SEED, *shape])
    a = rng.standard_normal(shape, dtype=DTYPE)
    a *= 3
    a.setflags(write=False)
    return a


@functools.lru_cache(maxsize=None)
def shared(shape):
    """A writable copy of pristine(shape) for the impls that only read their
    input (torch.from_numpy warns on read-only arrays)."""
    return pristine(shape).copy()


@functools.lru_cache(maxsize=None)
def bias_vector(n):
    return np.random.default_rng([bu.SEED, n, 1]).standard_normal(n, dtype=DTYPE)


def check_rows(got, want_fn, src, exact=False):
    """got (the impl's full output) against the oracle on the first and last
    64 rows of the input src."""
    got = got.numpy() if hasattr(got, "numpy") else np.asarray(got)
    m = src.shape[0]
    rows = np.unique(np.r_[0:min(64, m), max(m - 64, 0):m])
    want = want_fn(np.array(src[rows]))
    rtol, atol = (0.0, 0.0) if exact else TOL
    np.testing.assert_allclose(got[rows], want, rtol=rtol, atol=atol)


def run_timed(benchmark, request, fn, setup=None):
    """benchmark(fn); with setup (an untimed refresh before every round), one
    call per round, max(--benchmark-min-rounds, --benchmark-max-time / call)
    rounds (at most 1000)."""
    if setup is None:
        benchmark(fn)
        return
    setup()
    t0 = time.perf_counter()
    fn()
    one = max(time.perf_counter() - t0, 1e-6)
    min_rounds = int(request.config.getoption("benchmark_min_rounds"))
    max_time = float(request.config.getoption("benchmark_max_time"))
    rounds = int(min(max(min_rounds, max_time / one), 1000))
    benchmark.pedantic(fn, setup=setup, rounds=rounds, iterations=1)


# --------------------------------------------------------------------------
# The impls: each returns (fn, mode, note, result): result() gives the output
# of the call just made (for the check; mode "alloc": fn's return value)
# --------------------------------------------------------------------------
def softmax_impl(name, impl, x, threads):
    o = np.empty_like(x)
    if impl in ("fastact", "numpy_ref"):
        mod = fastact if impl == "fastact" else reference
        f = getattr(mod, name)
        return (lambda: f(x, out=o)), "out", f"{mod.__name__}.{name}(x, out=o)", lambda: o
    if impl == "scipy":
        if name == "softmin":
            fn, note = (lambda: sp.softmax(-x, axis=-1)), "scipy.special.softmax(-x, axis=-1)"
        else:
            f = getattr(sp, name)
            fn, note = (lambda: f(x, axis=-1)), f"scipy.special.{name}(x, axis=-1)"
        return fn, "alloc", note, None
    if impl == "torch":
        tx, to = torch.from_numpy(x), torch.from_numpy(o)
        if name == "softmin":
            fn = lambda: F.softmin(tx, -1)  # noqa: E731
            return fn, "alloc", "F.softmin(x, -1)", None
        f = getattr(torch, name)
        return (lambda: f(tx, -1, out=to)), "out", f"torch.{name}(x, -1, out=o)", lambda: o
    if impl == "onnxruntime":
        op = {"softmax": "Softmax", "log_softmax": "LogSoftmax",
              "softmin": "Neg -> Softmax"}[name]
        fn = bu.ort_callable(bu.ort_softmax_session(name, threads), x, o)
        return fn, "out", f"{op}, opset 13, run_with_iobinding, preallocated output", lambda: o
    raise AssertionError(impl)


def gated_impl(name, impl, x):
    o = np.empty((x.shape[0], x.shape[1] // 2), dtype=x.dtype)
    if impl in ("fastact", "numpy_ref"):
        mod = fastact if impl == "fastact" else reference
        f = getattr(mod, name)
        return (lambda: f(x, out=o)), "out", f"{mod.__name__}.{name}(x, out=o)", lambda: o
    if impl == "torch":
        tx, to = torch.from_numpy(x), torch.from_numpy(o)
        if name == "glu":
            glu = torch._C._nn.glu      # F.glu's op, in its out= form
            return ((lambda: glu(tx, -1, out=to)), "out",
                    "torch._C._nn.glu(x, -1, out=o) (F.glu with out=)", lambda: o)
        a, b = tx.chunk(2, -1)
        return ((lambda: torch.mul(a, F.silu(b), out=to)), "out",
                "a, b = x.chunk(2, -1); torch.mul(a, F.silu(b), out=o)", lambda: o)
    raise AssertionError(impl)


def maxout_impl(impl, x):
    o = np.empty((x.shape[0], x.shape[1] // 2), dtype=x.dtype)
    if impl == "fastact":
        return (lambda: fastact.maxout(x, 2, out=o)), "out", "fastact.maxout(x, 2, out=o)", lambda: o
    if impl == "numpy":
        v = x.reshape(x.shape[0], -1, 2)
        return ((lambda: np.max(v, axis=-1, out=o)), "out",
                "np.max(x.reshape(rows, -1, 2), axis=-1, out=o)", lambda: o)
    if impl == "numpy_strided":
        return ((lambda: np.maximum(x[:, 0::2], x[:, 1::2], out=o)), "out",
                "np.maximum(x[:, 0::2], x[:, 1::2], out=o)", lambda: o)
    raise AssertionError(impl)


def bias_act_impl(act, impl, x, b):
    res = lambda: x  # noqa: E731  (in place: the result is x)
    act_ = getattr(fastact, act + "_")
    if impl == "fastact":
        return (lambda: fastact.bias_act_(x, b, act)), "inplace", \
            f'fastact.bias_act_(x, b, "{act}")', res
    if impl == "fastact_2pass":
        return (lambda: act_(np.add(x, b, out=x))), "inplace", \
            f"fastact.{act}_(np.add(x, b, out=x))", res
    if impl == "fastact_act_only":
        return (lambda: act_(x)), "inplace", f"fastact.{act}_(x) (no bias)", res
    tx, tb = torch.from_numpy(x), torch.from_numpy(b)
    f = getattr(F, act)
    if impl == "torch":
        fn = lambda: f(tx + tb)  # noqa: E731
        return fn, "alloc", f"F.{act}(x + b)", None
    if impl == "torch_add_":
        fn = lambda: f(tx.add_(tb))  # noqa: E731
        return fn, "alloc", f"F.{act}(x.add_(b)) (add in place, {act} allocates)", None
    if impl == "torch_inplace":
        inplace, src = ((torch._C._nn.gelu_, "torch._C._nn.gelu_") if act == "gelu"
                        else (torch.relu_, "torch.relu_"))
        return (lambda: inplace(tx.add_(tb))), "inplace", f"{src}(x.add_(b))", res
    raise AssertionError(impl)


# --------------------------------------------------------------------------
# The benchmark
# --------------------------------------------------------------------------
@pytest.mark.parametrize("case,sid,shape,threads,impl", PARAMS, indirect=["threads"])
def test_axis(benchmark, request, case, sid, shape, threads, impl):
    src = pristine(shape)
    setup = None
    exact = False
    if case in ("softmax", "log_softmax", "softmin"):
        x = shared(shape)
        fn, mode, note, result = softmax_impl(case, impl, x, threads)
        want = getattr(reference, case)
    elif case in ("glu", "swiglu"):
        x = shared(shape)
        fn, mode, note, result = gated_impl(case, impl, x)
        want = getattr(reference, case)
    elif case == "maxout2":
        x = shared(shape)
        fn, mode, note, result = maxout_impl(impl, x)
        want = lambda v: reference.maxout(v, 2)  # noqa: E731
        exact = True
    elif case.startswith("bias_"):
        act = case[len("bias_"):]
        x = src.copy()
        b = bias_vector(shape[1])
        fn, mode, note, result = bias_act_impl(act, impl, x, b)
        if impl == "fastact_act_only":
            want = getattr(reference, act)
        else:
            want = lambda v: reference.bias_act(v, b, act)  # noqa: E731

        def refresh():
            np.copyto(x, src)
        setup = refresh
    else:  # pragma: no cover
        raise AssertionError(case)

    fn()                                       # warm up (page faults, pools)
    if setup is not None:
        setup()
    ret = fn()
    check_rows(ret if mode == "alloc" else result(), want, src, exact=exact)

    run_timed(benchmark, request, fn, setup)
    bu.record(benchmark, case=case, shape=list(shape), shape_id=sid, dtype="float32",
              n=int(np.prod(shape)), impl=impl, impl_note=note, mode=mode, threads=threads,
              refreshed=setup is not None, loadavg_1min=os.getloadavg()[0])
