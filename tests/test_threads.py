"""Threading: the driver's chunking, the thread-count controls, OpenMP and
threadpoolctl interplay, concurrent callers and the released GIL."""
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import fastact
from fastact import _core

from conftest import DEFAULT_CASES, DEFAULT_IDS, run_python

needs_openmp = pytest.mark.skipif(not _core.openmp_enabled(), reason="serial build")


def test_set_get_and_context_manager():
    before = _core.get_num_threads_setting()
    fastact.set_num_threads(3)
    assert fastact.get_num_threads() == (3 if _core.openmp_enabled() else 1)
    with fastact.threads(1):
        assert fastact.get_num_threads() == 1
    assert fastact.get_num_threads() == (3 if _core.openmp_enabled() else 1)
    fastact.set_num_threads(None)
    assert _core.get_num_threads_setting() == 0
    with pytest.raises(ValueError, match="n must be >= 1"):
        fastact.set_num_threads(0)
    with pytest.raises(TypeError, match="n must be"):
        fastact.set_num_threads(2.0)
    with pytest.raises(ValueError):
        with fastact.threads(-1):
            pass
    assert _core.get_num_threads_setting() == 0
    _core.set_num_threads(before)


@needs_openmp
@pytest.mark.parametrize("act,params", DEFAULT_CASES, ids=DEFAULT_IDS)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_threaded_equals_serial(act, params, dtype):
    """Chunk edges: sizes around multiples of the grain and of a cache line."""
    f = getattr(fastact, act.name)
    grain = act.grain
    rng = np.random.default_rng(7)
    for n in (grain - 1, grain, 2 * grain + 1, 2 * grain + 17, 4 * grain + 5):
        x = (rng.standard_normal(n) * 5).astype(dtype)
        with fastact.threads(1):
            serial = f(x, **params)
        for t in (2, 3, 8):
            with fastact.threads(t):
                par = f(x, **params)
            assert np.array_equal(serial, par, equal_nan=True), (n, t)


@needs_openmp
@pytest.mark.parametrize("act,params", [c for c in DEFAULT_CASES if c[0].kind == "elementwise"],
                         ids=[i for c, i in zip(DEFAULT_CASES, DEFAULT_IDS)
                              if c[0].kind == "elementwise"])
def test_threaded_backward_equals_serial(act, params):
    f = getattr(fastact, act.name + "_backward")
    rng = np.random.default_rng(8)
    for n in (act.grain - 1, 2 * act.grain + 17):
        x = (rng.standard_normal(n) * 5).astype(np.float32)
        g = rng.standard_normal(n).astype(np.float32)
        with fastact.threads(1):
            serial = f(g, x, **params)
        with fastact.threads(3):
            assert np.array_equal(serial, f(g, x, **params), equal_nan=True), n


@needs_openmp
@pytest.mark.parametrize("shape,axis", [((300, 64), 1), ((64, 300), 0), ((4, 100, 60), 1)])
def test_threaded_softmax_backward_equals_serial(shape, axis):
    rng = np.random.default_rng(9)
    x = rng.standard_normal(shape)
    g = rng.standard_normal(shape)
    for name in ("softmax", "log_softmax", "softmin"):
        f = getattr(fastact, name + "_backward")
        with fastact.threads(1):
            serial = f(g, x, axis=axis)
        with fastact.threads(3):
            assert np.array_equal(serial, f(g, x, axis=axis)), name


def test_concurrent_callers_are_correct():
    rng = np.random.default_rng(3)
    xs = [(rng.standard_normal(200_003) * 3).astype(np.float32) for _ in range(16)]
    expect = [fastact.gelu(x) for x in xs]

    def work(i):
        y = np.empty_like(xs[i])
        fastact.gelu(xs[i], out=y)
        z = xs[i].copy()
        fastact.gelu_(z)
        return np.array_equal(y, expect[i]) and np.array_equal(z, expect[i])

    with ThreadPoolExecutor(8) as pool:
        assert all(pool.map(work, range(16)))


def test_concurrent_callers_of_every_kind():
    """Channel-wise, rrelu, guarded, axis and fused kernels from many Python
    threads (the softmax scratch is per call and per thread)."""
    rng = np.random.default_rng(4)
    x = (rng.standard_normal((64, 32, 100)) * 30).astype(np.float32)
    w = rng.uniform(0, 0.5, 32)
    calls = [lambda: fastact.prelu(x, w), lambda: fastact.apl(x, [0.5, -0.2], [0.0, 1.0]),
             lambda: fastact.rrelu(x, training=True, seed=11), lambda: fastact.sinusoid(x),
             lambda: fastact.srelu(x, -1.0, 0.1, w, 2.0),
             lambda: fastact.softmax(x), lambda: fastact.log_softmax(x, axis=1),
             lambda: fastact.softmin(x[:, :, :8]), lambda: fastact.softmax(x.reshape(1, -1)),
             lambda: fastact.maxout(x, 4), lambda: fastact.swiglu(x, axis=1),
             lambda: fastact.bias_act(x, w, "gelu", axis=1),
             # backward kernels
             lambda: fastact.gelu_backward(x, x), lambda: fastact.sinc_backward(x, x),
             lambda: fastact.tanh_backward(x, y=x / 100),
             lambda: fastact.rrelu_backward(x, x, training=True, seed=11),
             lambda: fastact.softmax_backward(x, x, axis=1),
             lambda: fastact.log_softmax_backward(x, y=-np.abs(x)),
             lambda: fastact.maxout_backward(x[:, :, ::4], x, 4),
             lambda: fastact.prelu_backward(x, x, w)[1]]
    expect = [c() for c in calls]

    def work(i):
        return np.array_equal(calls[i % len(calls)](), expect[i % len(calls)], equal_nan=True)

    with ThreadPoolExecutor(8) as pool:
        assert all(pool.map(work, range(40)))


def test_gil_is_released_while_a_kernel_runs():
    """With a huge switch interval the interpreter never preempts a thread
    that holds the GIL.  The main thread can therefore run while the worker
    is inside the kernel only if the kernel released the GIL."""
    x = np.ones(1 << 24, np.float32)
    done = threading.Event()
    seen_running = []

    def worker():
        fastact.sigmoid_(x)
        done.set()

    old = sys.getswitchinterval()
    sys.setswitchinterval(100.0)
    try:
        with fastact.threads(1):
            t = threading.Thread(target=worker)
            t.start()
            seen_running.append(not done.is_set())
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert seen_running == [True]


@needs_openmp
def test_omp_num_threads_is_the_default():
    r = run_python("import fastact; print(fastact.get_num_threads())", OMP_NUM_THREADS="3")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "3"


def test_openmp_spin_setting_does_not_leak():
    """fastact sets GOMP_SPINCOUNT=10000 only while its extension (and so its
    libgomp) loads, unless the user set GOMP_SPINCOUNT or OMP_WAIT_POLICY:
    afterwards the environment is as the user left it, for child processes
    and for OpenMP runtimes loaded later."""
    code = ("import os, fastact; print(os.environ.get('GOMP_SPINCOUNT'), "
            "os.environ.get('OMP_WAIT_POLICY'))")
    cases = [({}, "None None"), ({"GOMP_SPINCOUNT": "50000"}, "50000 None"),
             ({"OMP_WAIT_POLICY": "active"}, "None active")]
    for env, want in cases:
        r = run_python(code, **{"GOMP_SPINCOUNT": None, "OMP_WAIT_POLICY": None, **env})
        assert r.returncode == 0, r.stderr
        assert r.stdout.strip() == want, env


@needs_openmp
def test_threadpoolctl_sees_and_limits_fastact():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    before = _core.get_num_threads_setting()
    _core.set_num_threads(0)
    try:
        info = threadpoolctl.threadpool_info()
        assert any(d["user_api"] == "openmp" for d in info)
        with threadpoolctl.threadpool_limits(1, user_api="openmp"):
            assert fastact.get_num_threads() == 1
        assert fastact.get_num_threads() >= 1
    finally:
        _core.set_num_threads(before)
