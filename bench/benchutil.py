"""Shared helpers of the benchmark suite (bench/conftest.py, the tests and
bench/measure_grain.py): the benchmark matrix from the registry, seeded inputs,
thread control, the torch and onnxruntime peers, and the timing policy.

torch and onnxruntime are optional: every helper that needs one returns None
(or raises ``Unavailable``) when it is missing, and the tests skip.
"""
import functools
import math
import os
import time

import numpy as np

import fastact
from fastact._registry import ACTIVATIONS

try:  # optional peers
    import torch
    import torch.nn.functional as F
except Exception:  # pragma: no cover - depends on the environment
    torch = None
    F = None
try:
    import onnxruntime as ort
    from onnx import TensorProto, helper
except Exception:  # pragma: no cover
    ort = None

SEED = 20240601
DTYPES = ("float32", "float64")
SIZES = {"1": 1, "1K": 1 << 10, "64K": 1 << 16, "1M": 1 << 20, "16M": 1 << 24}
MODES = ("out", "inplace")
IMPLS = ("fastact", "numpy_ref", "torch", "onnxruntime")
TWO_THREAD_MIN_N = 1 << 16          # 2 threads only from 64K up


class Unavailable(Exception):
    """This impl cannot run this case (reason in the message): skip."""


# --------------------------------------------------------------------------
# The matrix
# --------------------------------------------------------------------------
def bench_variants():
    """(activation, params, id, label) for the defaults of every activation
    plus every other choice of a CHOICE parameter (gelu approximate="tanh").
    The registry's extra test_params are accuracy sweeps, not benchmarked."""
    out = []
    for act in ACTIVATIONS:
        defaults = {p.name: p.default for p in act.params}
        sets = [defaults]
        cp = act.choice_param
        if cp is not None:
            sets += [{**defaults, cp.name: c} for c in cp.choices if c != cp.default]
        for params in sets:
            changed = {k: v for k, v in params.items() if v != defaults[k]}
            vid = "_".join([act.name] + [str(v) for v in changed.values()])
            label = act.name + ("(" + ", ".join(f"{k}={v!r}" for k, v in changed.items())
                                 + ")" if changed else "")
            out.append((act, params, vid, label))
    return out


def size_threads():
    """(size id, n, threads) pairs: 1 thread everywhere, 2 from 64K up."""
    out = []
    for sid, n in SIZES.items():
        for t in (1, 2):
            if t == 2 and n < TWO_THREAD_MIN_N:
                continue
            out.append((sid, n, t))
    return out


# --------------------------------------------------------------------------
# Inputs and threads
# --------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def pristine(dtype, n):
    """Read-only standard normal * 3, seeded per (dtype, n)."""
    rng = np.random.default_rng([SEED, n, DTYPES.index(dtype)])
    a = (rng.standard_normal(n) * 3).astype(dtype)
    a.setflags(write=False)
    return a


def set_threads(n):
    """Set every library's thread count; returns an undo callable."""
    prev_fa = fastact._core.get_num_threads_setting()
    fastact.set_num_threads(n)
    prev_torch = None
    if torch is not None:
        prev_torch = torch.get_num_threads()
        torch.set_num_threads(n)

    def undo():
        fastact._core.set_num_threads(prev_fa)
        if prev_torch is not None:
            torch.set_num_threads(prev_torch)
    return undo


# --------------------------------------------------------------------------
# torch
# --------------------------------------------------------------------------
def _torch_parts(act):
    """('elu', ', alpha') from torch_expr 'F.elu(x, alpha)'."""
    expr = act.torch_expr
    head, args = expr.split("(", 1)
    fname = head.split(".")[-1]
    args = args[:-1]                      # drop ')'
    assert args.startswith("x")
    return fname, args[1:]                # ', alpha' or ''


def torch_callable(act, params, mode, x, o):
    """A zero-argument callable running the torch twin on tensors x (and o),
    and the mode it really times: "out" (out=o), "inplace" (in-place form) or
    "alloc" (plain call returning a new tensor: no out=/in-place form).
    Candidates are generated from act.torch_expr and the first that runs wins."""
    if torch is None:
        raise Unavailable("torch is not installed")
    fname, rest = _torch_parts(act)
    env = {"torch": torch, "F": F, "x": x, "o": o, **params}
    if mode == "out":
        cands = [(f"{ns}.{fname}(x{rest}, out=o)", "out")
                 for ns in ("torch", "torch._C._nn", "torch.special")]
    else:
        rest_m = rest[2:] if rest.startswith(", ") else rest
        cands = [(f"F.{fname}_(x{rest})", "inplace"),
                 (f"torch.{fname}_(x{rest})", "inplace"),
                 (f"torch._C._nn.{fname}_(x{rest})", "inplace"),
                 (f"x.{fname}_({rest_m})", "inplace")]
    cands.append((act.torch_expr, "alloc"))
    probe_x = torch.zeros(4, dtype=x.dtype)
    probe_env = {**env, "x": probe_x.clone(), "o": torch.empty_like(probe_x)}
    for src, real_mode in cands:
        try:
            code = compile(src, f"<torch {act.name}>", "eval")
            eval(code, dict(probe_env, x=probe_x.clone()))
        except Exception:
            continue
        fn = eval(f"lambda: {src}", env)
        return fn, real_mode, src
    raise Unavailable(f"no torch form of {act.torch_expr} runs")


# --------------------------------------------------------------------------
# onnxruntime
# --------------------------------------------------------------------------
def onnx_node_spec(act, params):
    """(op, opset, attrs) of a single-node ONNX model for this activation, or
    None when ONNX has no such op with these parameters."""
    name = act.name
    if name == "relu":
        return "Relu", 17, {}
    if name == "leaky_relu":
        return "LeakyRelu", 17, {"alpha": float(params["negative_slope"])}
    if name == "elu":
        return "Elu", 17, {"alpha": float(params["alpha"])}
    if name == "selu":
        return "Selu", 17, {}
    if name == "sigmoid":
        return "Sigmoid", 17, {}
    if name == "tanh":
        return "Tanh", 17, {}
    if name == "softplus":
        # ONNX Softplus is log(1+exp(x)): no beta, no threshold.
        if params["beta"] == 1.0 and params["threshold"] == 20.0:
            return "Softplus", 17, {}
        return None
    if name == "gelu":
        return "Gelu", 20, {"approximate": params["approximate"]}
    if name == "mish":
        return "Mish", 18, {}
    if name == "silu":
        return "SiLU", 17, {}           # Mul(x, Sigmoid(x))
    return None


def _onnx_model(op, opset, attrs, dtype):
    T = TensorProto.FLOAT if dtype == "float32" else TensorProto.DOUBLE
    X = helper.make_tensor_value_info("x", T, [None])
    Y = helper.make_tensor_value_info("y", T, [None])
    if op == "SiLU":
        nodes = [helper.make_node("Sigmoid", ["x"], ["s"]),
                 helper.make_node("Mul", ["x", "s"], ["y"])]
    else:
        nodes = [helper.make_node(op, ["x"], ["y"], **attrs)]
    graph = helper.make_graph(nodes, op, [X], [Y])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 9
    return model.SerializeToString()


@functools.lru_cache(maxsize=None)
def _ort_session(op, opset, attrs_items, dtype, threads):
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.log_severity_level = 3
    return ort.InferenceSession(_onnx_model(op, opset, dict(attrs_items), dtype), so,
                                providers=["CPUExecutionProvider"])


def ort_session(act, params, dtype, threads):
    if ort is None:
        raise Unavailable("onnxruntime/onnx is not installed")
    spec = onnx_node_spec(act, params)
    if spec is None:
        raise Unavailable(f"no ONNX op for {act.name}{params}")
    op, opset, attrs = spec
    try:
        return _ort_session(op, opset, tuple(sorted(attrs.items())), dtype, threads), op
    except Exception as exc:
        raise Unavailable(f"onnxruntime: {op} {dtype}: {str(exc)[:120]}")


def ort_callable(sess, x, y):
    """run_with_iobinding on preallocated OrtValues wrapping x and y (no copy;
    y may be x: in place)."""
    b = sess.io_binding()
    xv = ort.OrtValue.ortvalue_from_numpy(x)
    yv = xv if y is x else ort.OrtValue.ortvalue_from_numpy(y)
    b.bind_ortvalue_input("x", xv)
    b.bind_ortvalue_output("y", yv)
    run = sess.run_with_iobinding
    fn = lambda: run(b)  # noqa: E731
    fn._keep = (b, xv, yv, x, y)
    return fn


# --------------------------------------------------------------------------
# Timing policy
# --------------------------------------------------------------------------
# Seconds of timed calls per benchmark (env FASTACT_BENCH_TARGET).
TARGET_S = float(os.environ.get("FASTACT_BENCH_TARGET", "0.12"))
ROUND_S = 2e-4   # a round lasts at least this long (iterations per round)


def _one_call(fn, setup=None):
    best = math.inf
    for _ in range(2):
        if setup is not None:
            setup()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def run_benchmark(benchmark, fn, n, setup=None):
    """Time fn with benchmark.pedantic, sized so each benchmark takes about
    TARGET_S seconds: many iterations per round for tiny calls, few rounds
    (>= 3) for 16M.  With setup (restores an in-place buffer before every
    round, untimed) each round is one call."""
    fn()                                   # warm up: page faults, JIT, pools
    t1 = max(_one_call(fn, setup), 1e-8)
    min_rounds = 3 if n >= (1 << 24) else 5
    if setup is not None:
        rounds = int(min(max(TARGET_S / t1, min_rounds), 1000))
        benchmark.pedantic(fn, setup=setup, rounds=rounds, iterations=1)
    else:
        iterations = max(1, int(ROUND_S / t1))
        rounds = int(min(max(TARGET_S / (t1 * iterations), min_rounds), 400))
        benchmark.pedantic(fn, rounds=rounds, iterations=iterations)


def record(benchmark, **info):
    """Post-process a finished benchmark: store info and the time per element
    (from the min and from the median time per call) in extra_info."""
    benchmark.extra_info.update(info)
    stats = getattr(benchmark, "stats", None)
    n = info.get("n")
    if stats is None or not n:
        return
    s = stats.stats
    benchmark.extra_info["ns_per_elem"] = s.min / n * 1e9          # from min
    benchmark.extra_info["ns_per_elem_median"] = s.median / n * 1e9
    benchmark.extra_info["stat"] = "min"
