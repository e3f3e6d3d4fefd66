"""Benchmarks of every fastact activation against its NumPy oracle twin, its
NumPy/SciPy peer, torch and onnxruntime, generated from the registry (no
per-activation code).

Ids: <variant>-<dtype>-<size>-t<threads>-<mode>-<impl>, e.g.
``gelu_tanh-float32-1M-t1-out-torch``; select with -k.  The quick speed
table (float32, 1M, 1 thread, mode out, every activation and impl) is
marked ``speed_table``: ``pytest bench/ --benchmark-only -m speed_table``.
"""
import numpy as np
import pytest

import fastact
from fastact import reference
from fastact._registry import BY_NAME, RRELU

import benchutil as bu


# --------------------------------------------------------------------------
# The activation matrix
# --------------------------------------------------------------------------
def _static_skip(act, params, impl, mode, n, t):
    """The reason this case can never run (known at collection), or None."""
    if impl == "numpy_ref":
        if mode == "inplace":
            return "numpy_ref has no in-place form (use mode out)"
        if n >= (1 << 24):
            return "numpy_ref skipped at 16M (runtime)"
        if t == 2:
            return "numpy_ref is single-threaded"
    elif impl == "numpy":
        if act.numpy_expr_for(params) is None:
            return f"no NumPy/SciPy peer for {act.name}"
        if t == 2:
            return "numpy is single-threaded"
    elif impl == "torch":
        if act.torch_expr_for(params) is None:
            return f"no torch peer for {act.name}"
    elif impl == "onnxruntime":
        if bu.onnx_node_spec(act, params) is None:
            return f"no ONNX op for {act.name}"
    return None


CASES = []
for act, params, vid, label in bu.bench_variants():
    for dtype in bu.DTYPES:
        for sid, n, t in bu.size_threads():
            for mode in bu.MODES:
                for impl in bu.IMPLS:
                    marks = []
                    reason = _static_skip(act, params, impl, mode, n, t)
                    if reason:
                        marks.append(pytest.mark.skip(reason=reason))
                    if bu.is_speed_table_case(dtype, n, t, mode):
                        marks.append(pytest.mark.speed_table)
                    CASES.append(pytest.param(
                        act.name, params, label, dtype, n, t, mode, impl,
                        id=f"{vid}-{dtype}-{sid}-t{t}-{mode}-{impl}", marks=marks))


def _check(got, x, act, params, dtype, impl):
    """Sanity check (small n only) that the timed call computes the function."""
    x = np.array(x)
    got = np.asarray(got)
    if act.kind == RRELU and params.get("training") and impl not in ("fastact", "numpy_ref"):
        # another generator (torch): the slopes differ, check their range
        pos = x > 0
        np.testing.assert_array_equal(got[pos], x[pos])
        r = got[~pos] / np.where(x[~pos] == 0, 1, x[~pos])
        tol = 1e-6 if dtype == "float32" else 1e-12
        assert np.all((r >= params["lower"] - tol) & (r <= params["upper"] + tol)), \
            f"rrelu training slopes outside [lower, upper] ({impl} {dtype})"
        return
    want = getattr(reference, act.name)(x, **params)
    rtol, atol = bu.check_tol(act, params, dtype)
    np.testing.assert_allclose(got, want, rtol=rtol, atol=atol,
                               err_msg=f"{act.name}{params} {dtype} {impl}")


@pytest.mark.parametrize("act,params,label,dtype,n,threads,mode,impl", CASES,
                         indirect=["threads"])
def test_activation(benchmark, act, params, label, dtype, n, threads, mode, impl):
    # the inputs reach NaN/overflow in some peers (log1p below -1, exp):
    # no floating-point warnings, also not inside the timed calls
    with np.errstate(all="ignore"):
        _run_activation(benchmark, BY_NAME[act], params, label, dtype, n, threads, mode, impl)


def _run_activation(benchmark, act, params, label, dtype, n, threads, mode, impl):
    src = bu.pristine(dtype, n)
    x = src.copy()
    o = np.empty_like(x)
    check = n in (1 << 10, 1 << 16)
    real_mode = mode
    note = ""
    setup = None
    if mode == "inplace" and n > 1:
        # Restore the input before every (single-call) round, untimed:
        # applied to its own output, an activation drifts to values where
        # some kernels take faster paths (gelu: ~5x at 1K).  n == 1 keeps
        # many calls per round (timer overhead would dominate); it drifts.
        def setup():
            np.copyto(x, src)

    if impl == "fastact":
        f = getattr(fastact, act.name)
        if mode == "out":
            fn = lambda: f(x, out=o, **params)  # noqa: E731
        else:
            f_ = getattr(fastact, act.name + "_")
            fn = lambda: f_(x, **params)  # noqa: E731
    elif impl == "numpy_ref":
        f = getattr(reference, act.name)
        fn = lambda: f(x, out=o, **params)  # noqa: E731
    elif impl == "numpy":
        try:
            fn, real_mode, note = bu.numpy_callable(act, params, x, o if mode == "out" else x)
        except bu.Unavailable as exc:
            pytest.skip(str(exc))
        if mode == "inplace" and real_mode == "out":
            real_mode = "inplace"
            # o bound to x: right only if the expression never reads x after
            # writing o (silu's x * expit(x) does): verify against out= first
            ref = np.empty_like(x)
            bu.numpy_callable(act, params, src.copy(), ref)[0]()
            fn()
            if not np.array_equal(x, ref, equal_nan=True):
                pytest.skip(f"the NumPy expression {note} is wrong in place (reads x "
                            "after writing its output)")
            np.copyto(x, src)
    elif impl == "torch":
        try:
            tx, to = bu.torch.from_numpy(x), bu.torch.from_numpy(o)
            fn, real_mode, note = bu.torch_callable(act, params, mode, tx, to)
        except (bu.Unavailable, AttributeError) as exc:
            pytest.skip(str(exc) if bu.torch is not None else "torch is not installed")
    elif impl == "onnxruntime":
        try:
            sess, op = bu.ort_session(act, params, dtype, threads)
        except bu.Unavailable as exc:
            pytest.skip(str(exc))
        if mode == "out":
            fn = bu.ort_callable(sess, x, o)
            note = f"{op}, io_binding, preallocated output"
        else:
            fn = bu.ort_callable(sess, x, x)
            note = f"{op}, io_binding, output bound to the input buffer"
            # aliasing in and out is not part of ORT's contract: verify it
            # against a separate-output run at this size before timing
            ref = np.empty_like(x)
            bu.ort_callable(sess, src.copy(), ref)()
            fn()
            if not np.array_equal(x, ref, equal_nan=True):
                pytest.skip(f"onnxruntime {op} {dtype} gives wrong results in place")
            np.copyto(x, src)
    else:  # pragma: no cover
        raise AssertionError(impl)

    if check:
        fn()
        got = x if real_mode == "inplace" else (o if real_mode == "out" else None)
        if real_mode == "alloc":
            got = fn()
            got = got.numpy() if hasattr(got, "numpy") else got
        _check(got, src, act, params, dtype, impl)
        np.copyto(x, src)

    bu.run_benchmark(benchmark, fn, n, setup=setup)
    bu.record(benchmark, function=label, name=act.name, params=params, dtype=dtype,
              n=n, mode=real_mode, requested_mode=mode, impl=impl, threads=threads,
              impl_note=note,
              drift=(mode == "inplace" and setup is None))


# --------------------------------------------------------------------------
# Memory bandwidth reference: 16M float32, in place, read + write
# --------------------------------------------------------------------------
BW_N = 1 << 24


@pytest.mark.parametrize("threads", [1, 2], indirect=True, ids=["t1", "t2"])
@pytest.mark.parametrize("impl", ["numpy", "torch"])
def test_bandwidth(benchmark, impl, threads):
    src = bu.pristine("float32", BW_N)
    x = src.copy()
    if impl == "numpy":
        if threads != 1:
            pytest.skip("numpy ufuncs are single-threaded")
        fn = lambda: np.multiply(x, 1, out=x)  # noqa: E731
        label = "np.multiply(x, 1, out=x)"
    else:
        if bu.torch is None:
            pytest.skip("torch is not installed")
        t = bu.torch.from_numpy(x)
        fn = lambda: t.mul_(1)  # noqa: E731
        label = "x.mul_(1)"
    bu.run_benchmark(benchmark, fn, BW_N)
    bu.record(benchmark, function=label, dtype="float32", n=BW_N, mode="inplace",
              impl=impl, threads=threads, kind="bandwidth")
    if benchmark.stats is not None:
        benchmark.extra_info["gb_per_s"] = 2 * 4 * BW_N / benchmark.stats.stats.min / 1e9


# --------------------------------------------------------------------------
# Per-call overhead: one float32 element
# --------------------------------------------------------------------------
def _overhead_cases():
    a = np.array([0.5], dtype=np.float32)
    o = np.empty_like(a)
    cases = {
        "fastact.relu(a)": lambda: fastact.relu(a),
        "fastact.relu(a, out=o)": lambda: fastact.relu(a, out=o),
        "fastact.relu_(a)": lambda: fastact.relu_(a),
        "fastact.gelu(a)": lambda: fastact.gelu(a),
        "np.positive(a)": lambda: np.positive(a),
    }
    if bu.torch is not None:
        t = bu.torch.from_numpy(a.copy())
        cases["torch.relu(t)"] = lambda: bu.torch.relu(t)
    if bu.ort is not None:
        sess, _ = bu.ort_session(bu.bench_variants()[0][0], {}, "float32", 1)
        cases["ort run_with_iobinding (Relu)"] = bu.ort_callable(sess, a.copy(), o.copy())
        run = sess.run
        feed = {"x": a}
        cases["ort session.run (Relu)"] = lambda: run(None, feed)
    return cases


OVERHEAD = ["fastact.relu(a)", "fastact.relu(a, out=o)", "fastact.relu_(a)",
            "fastact.gelu(a)", "np.positive(a)", "torch.relu(t)",
            "ort run_with_iobinding (Relu)", "ort session.run (Relu)"]


@pytest.mark.parametrize("threads", [1], indirect=True, ids=["t1"])
@pytest.mark.parametrize("call", OVERHEAD)
def test_overhead(benchmark, call, threads):
    cases = _overhead_cases()
    if call not in cases:
        pytest.skip("peer not installed")
    bu.run_benchmark(benchmark, cases[call], 1)
    bu.record(benchmark, function=call, dtype="float32", n=1, impl=call.split(".")[0].split(" ")[0],
              threads=threads, kind="overhead")
