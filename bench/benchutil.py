"""Shared helpers of the benchmark suite (bench/conftest.py, the tests and
bench/measure_grain.py): the benchmark matrix from the registry, seeded inputs,
thread control, the NumPy/SciPy, torch and onnxruntime peers, and the timing
policy.

torch, onnxruntime and scipy are optional: every helper that needs one returns
None (or raises ``Unavailable``) when it is missing, and the tests skip.
"""
import ast
import functools
import math
import os
import time

import numpy as np

import fastact
from fastact import reference
from fastact._registry import ACTIVATIONS, BY_NAME, RRELU

try:  # the NumPy peer's expressions use scipy.special as `sp`
    import scipy.special as sp
except Exception:  # pragma: no cover - depends on the environment
    sp = None

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
IMPLS = ("fastact", "numpy_ref", "numpy", "torch", "onnxruntime")
TWO_THREAD_MIN_N = 1 << 16          # 2 threads only from 64K up
# rrelu is also benchmarked in training mode, with a fixed seed (the default
# seed=None would draw fresh entropy on every call).
RRELU_TRAINING = {"training": True, "seed": 1}
# The quick speed table (pytest -m speed_table): float32, 1M, 1 thread, out.
SPEED_TABLE = {"dtype": "float32", "n": 1 << 20, "threads": 1, "mode": "out"}
# (rtol, atol) of the sanity check of every impl against the float64 oracle
# (fastact.reference): loose enough for any decent float32 implementation,
# tight enough to catch a wrong function or parameter.
CHECK_TOL = {"float32": (2e-3, 1e-5), "float64": (1e-6, 1e-12)}


def check_tol(act, params, dtype):
    """(rtol, atol): CHECK_TOL, or (0, 0) for the functions fastact computes
    exactly in this dtype (relu, hardtanh, hardshrink, identity, ...):
    every peer must be exact there too."""
    if act.ulp_bound(dtype, params) == 0:
        return 0.0, 0.0
    return CHECK_TOL[dtype]


class Unavailable(Exception):
    """This impl cannot run this case (reason in the message): skip."""


# --------------------------------------------------------------------------
# The matrix
# --------------------------------------------------------------------------
def _variant_id(name, changed):
    """'gelu_tanh', 'sinc_normalized', 'rrelu_training_seed1'."""
    parts = [name]
    for k, v in changed.items():
        if isinstance(v, bool):
            parts.append(k if v else "no" + k)
        elif isinstance(v, str):
            parts.append(v)
        else:
            parts.append(f"{k}{v}")
    return "_".join(parts)


def bench_variants():
    """(activation, params, id, label) for the typical parameters of every
    activation (defaults; the registry's example value for a required
    parameter), every other choice of a CHOICE parameter (gelu
    approximate="tanh", sinc normalized=True) and rrelu in training mode
    with a fixed seed.  The registry's extra test_params are accuracy sweeps,
    not benchmarked."""
    out = []
    for act in ACTIVATIONS:
        defaults = act.typical_params()
        sets = [defaults]
        cp = act.choice_param
        if cp is not None:
            sets += [{**defaults, cp.name: c} for c in cp.choices if c != cp.typical]
        if act.kind == RRELU:
            sets.append({**defaults, **RRELU_TRAINING})
        for params in sets:
            changed = {k: v for k, v in params.items() if v != defaults[k]}
            vid = _variant_id(act.name, changed)
            label = act.name + ("(" + ", ".join(f"{k}={v!r}" for k, v in changed.items())
                                 + ")" if changed else "")
            out.append((act, params, vid, label))
    return out


def effective_kernel(act, params):
    """The C kernel a call with these parameters really runs (rrelu in
    evaluation mode is leaky_relu with the mean slope)."""
    if act.kind == RRELU and not params.get("training"):
        return "leaky_relu"
    return act.kernel_for(params)


def is_speed_table_case(dtype, n, threads, mode):
    return (dtype, n, threads, mode) == (SPEED_TABLE["dtype"], SPEED_TABLE["n"],
                                         SPEED_TABLE["threads"], SPEED_TABLE["mode"])


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
def _single_call_on_x(expr):
    """(function name, source of the remaining arguments) when expr is one
    call whose first argument is x, e.g. ('elu', ', alpha') from
    'F.elu(x, alpha)'; None for anything else ('x.clone()',
    'x * torch.sigmoid(beta * x)', 'torch.exp(-x * x)')."""
    try:
        node = ast.parse(expr, mode="eval").body
    except SyntaxError:
        return None
    if not (isinstance(node, ast.Call) and node.args
            and isinstance(node.args[0], ast.Name) and node.args[0].id == "x"
            and not any(isinstance(a, ast.Starred) for a in node.args)):
        return None
    func = node.func
    if isinstance(func, ast.Attribute):
        fname = func.attr
    elif isinstance(func, ast.Name):
        fname = func.id
    else:
        return None
    rest = [ast.unparse(a) for a in node.args[1:]]
    rest += [ast.unparse(k) for k in node.keywords]
    return fname, "".join(", " + r for r in rest)


def torch_env(params, x, o):
    """The names a torch_expr may use: torch, F, x, o, the parameters, and
    `one` (a 0-d 1 of x's dtype, torch.heaviside's value at 0) and
    `weight_t` (prelu's weight as a 1-D tensor of x's dtype)."""
    env = {"torch": torch, "F": F, "x": x, "o": o, **params,
           "one": torch.ones((), dtype=x.dtype)}
    if "weight" in params:
        env["weight_t"] = torch.as_tensor(np.atleast_1d(np.asarray(params["weight"], float)),
                                          dtype=x.dtype)
    return env


def torch_callable(act, params, mode, x, o):
    """A zero-argument callable running the torch twin on tensors x (and o),
    the mode it really times: "out" (out=o), "inplace" (in-place form) or
    "alloc" (the expression itself, returning a new tensor: no out=/in-place
    form), and the source timed.  out=/in-place candidates are derived only
    when act.torch_expr is a single call whose first argument is x; the first
    candidate that runs wins, the expression itself is the last resort."""
    if torch is None:
        raise Unavailable("torch is not installed")
    expr = act.torch_expr_for(params)
    if expr is None:
        raise Unavailable(f"no torch peer for {act.name}{params}")
    env = torch_env(params, x, o)
    cands = []
    parts = _single_call_on_x(expr)
    if parts is not None:
        fname, rest = parts
        if mode == "out":
            cands = [(f"{ns}.{fname}(x{rest}, out=o)", "out")
                     for ns in ("torch", "torch._C._nn", "torch.special")]
        else:
            rest_m = rest[2:] if rest.startswith(", ") else rest
            cands = [(f"F.{fname}_(x{rest})", "inplace"),
                     (f"torch.{fname}_(x{rest})", "inplace"),
                     (f"torch._C._nn.{fname}_(x{rest})", "inplace"),
                     (f"x.{fname}_({rest_m})", "inplace")]
    cands.append((expr, "alloc"))
    probe_x = torch.zeros(4, dtype=x.dtype)
    probe_env = torch_env(params, probe_x, torch.empty_like(probe_x))
    for src, real_mode in cands:
        try:
            code = compile(src, f"<torch {act.name}>", "eval")
            eval(code, dict(probe_env, x=probe_x.clone()))
        except Exception:
            continue
        fn = eval(f"lambda: {src}", env)
        return fn, real_mode, src
    raise Unavailable(f"no torch form of {expr} runs")


# --------------------------------------------------------------------------
# NumPy / SciPy
# --------------------------------------------------------------------------
def numpy_callable(act, params, x, o):
    """The NumPy/SciPy peer from act.numpy_expr_for(params): a zero-argument
    callable, the mode it times ("out": the expression writes o; "alloc": it
    does not use o and returns a new array) and the source.  Pass o=x for an
    in-place attempt (the caller must verify it: an expression that reads x
    after writing o is wrong in place).  Single-threaded (NumPy ufuncs and
    scipy.special run on one thread)."""
    expr = act.numpy_expr_for(params)
    if expr is None:
        raise Unavailable(f"no NumPy/SciPy peer for {act.name}{params}")
    names = {n.id for n in ast.walk(ast.parse(expr, mode="eval")) if isinstance(n, ast.Name)}
    if "sp" in names and sp is None:
        raise Unavailable("scipy is not installed")
    env = {"np": np, "sp": sp, "x": x, "o": o, **params}
    fn = eval(f"lambda: {expr}", env)
    return fn, ("out" if "o" in names else "alloc"), expr


# --------------------------------------------------------------------------
# onnxruntime
# --------------------------------------------------------------------------
def onnx_node_spec(act, params):
    """(op, opset, attrs, inits) of a single-node ONNX model for this
    activation, or None when ONNX has no such op with these parameters.
    inits: ((input name, value), ...) constant inputs after x, stored as
    initializers of x's dtype (a tuple value is 1-D, a number 0-d)."""
    name = act.name
    p = params
    plain = {"relu": "Relu", "selu": "Selu", "sigmoid": "Sigmoid", "tanh": "Tanh",
             "softsign": "Softsign", "arctan": "Atan", "sinusoid": "Sin", "exp": "Exp",
             "hardswish": "HardSwish", "identity": "Identity",
             "silu": "SiLU"}   # SiLU: Mul(x, Sigmoid(x))
    if name in plain:
        return plain[name], 17, {}, ()
    if name == "leaky_relu":
        return "LeakyRelu", 17, {"alpha": float(p["negative_slope"])}, ()
    if name == "rrelu":
        # evaluation mode is a leaky ReLU with the mean slope; ONNX has no
        # random-slope op for training mode
        if p["training"]:
            return None
        return "LeakyRelu", 17, {"alpha": (float(p["lower"]) + float(p["upper"])) / 2}, ()
    if name == "prelu":
        w = np.asarray(p["weight"], dtype=float)
        if w.size != 1:
            return None
        return "PRelu", 17, {}, (("slope", (float(w.ravel()[0]),)),)
    if name in ("elu", "celu"):
        return name.capitalize(), 17, {"alpha": float(p["alpha"])}, ()
    if name == "softplus":
        # ONNX Softplus is log(1+exp(x)): no beta, no threshold.
        if p["beta"] == 1.0 and p["threshold"] == 20.0:
            return "Softplus", 17, {}, ()
        return None
    if name == "gelu":
        return "Gelu", 20, {"approximate": p["approximate"]}, ()
    if name == "mish":
        return "Mish", 18, {}, ()
    if name == "hardsigmoid":
        # ONNX: max(0, min(1, alpha x + beta)); torch's is alpha=1/6, beta=1/2
        return "HardSigmoid", 17, {"alpha": 1.0 / 6, "beta": 0.5}, ()
    if name == "hardtanh":   # Clip: min/max are inputs since opset 11
        return "Clip", 17, {}, (("min", float(p["min_val"])), ("max", float(p["max_val"])))
    if name == "relu6":
        return "Clip", 17, {}, (("min", 0.0), ("max", 6.0))
    if name == "softshrink":
        lam = float(p["lambd"])
        return "Shrink", 17, {"bias": lam, "lambd": lam}, ()
    if name == "hardshrink":
        return "Shrink", 17, {"bias": 0.0, "lambd": float(p["lambd"])}, ()
    # threshold: ONNX ThresholdedRelu is "x if x > alpha else 0", not torch's
    # F.threshold (any replacement value): no peer.
    return None


def _onnx_model(op, opset, attrs, inits, dtype):
    T = TensorProto.FLOAT if dtype == "float32" else TensorProto.DOUBLE
    X = helper.make_tensor_value_info("x", T, [None])
    Y = helper.make_tensor_value_info("y", T, [None])
    if op == "SiLU":
        nodes = [helper.make_node("Sigmoid", ["x"], ["s"]),
                 helper.make_node("Mul", ["x", "s"], ["y"])]
    else:
        nodes = [helper.make_node(op, ["x"] + [k for k, _ in inits], ["y"], **attrs)]
    initializers = []
    for k, v in inits:
        vals = list(v) if isinstance(v, tuple) else [v]
        dims = [len(vals)] if isinstance(v, tuple) else []
        initializers.append(helper.make_tensor(k, T, dims, vals))
    graph = helper.make_graph(nodes, op, [X], [Y], initializer=initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 9
    return model.SerializeToString()


@functools.lru_cache(maxsize=None)
def _session_options(threads):
    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.log_severity_level = 3
    return so


def _ort_session(op, opset, attrs_items, inits, dtype, threads):
    sess = ort.InferenceSession(_onnx_model(op, opset, dict(attrs_items), inits, dtype),
                                _session_options(threads), providers=["CPUExecutionProvider"])
    # some missing kernels only show at the first run: probe once
    sess.run(None, {"x": np.zeros(4, dtype=dtype)})
    return sess


@functools.lru_cache(maxsize=None)
def ort_softmax_session(name, threads):
    """softmax, log_softmax or softmin (Neg -> Softmax: ONNX has no Softmin)
    as a one-node opset-13 model on a 2-D float32 input, axis=-1, on ORT's
    CPU provider (the axis bench and bench/scaling.py)."""
    if ort is None:
        raise Unavailable("onnxruntime/onnx is not installed")
    X = helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, None])
    Y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, None])
    if name == "softmin":
        nodes = [helper.make_node("Neg", ["x"], ["nx"]),
                 helper.make_node("Softmax", ["nx"], ["y"], axis=-1)]
    else:
        op = {"softmax": "Softmax", "log_softmax": "LogSoftmax"}[name]
        nodes = [helper.make_node(op, ["x"], ["y"], axis=-1)]
    model = helper.make_model(helper.make_graph(nodes, name, [X], [Y]),
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 9
    return ort.InferenceSession(model.SerializeToString(), _session_options(threads),
                                providers=["CPUExecutionProvider"])


@functools.lru_cache(maxsize=None)
def _ort_accuracy_problem(name, params_items, key, dtype):
    """None, or why the ORT model `key` does not compute fastact's `name`
    to the suite's check tolerance in this dtype (4096 seeded inputs)."""
    params = dict(params_items)
    x = pristine(dtype, 4096)
    y = np.empty_like(x)
    ort_callable(_ort_session(*key, dtype, 1), x.copy(), y)()
    with np.errstate(all="ignore"):
        want = getattr(reference, name)(x.copy(), **params)
    rtol, atol = check_tol(BY_NAME[name], params, dtype)
    if np.allclose(y, want, rtol=rtol, atol=atol, equal_nan=True):
        return None
    bad = ~np.isclose(y, want, rtol=rtol, atol=atol, equal_nan=True)
    rel = np.max(np.abs(y[bad] - want[bad]) / np.maximum(np.abs(want[bad]), 1e-300))
    what = "exact" if rtol == 0 else f"accurate to rtol={rtol}"
    why = ("; it computes float64 Shrink in float32" if (key[0], dtype) == ("Shrink", "float64")
           else "")
    return f"onnxruntime {key[0]} {dtype} is not {what} (max rel err {rel:.1e}{why})"


def ort_session(act, params, dtype, threads):
    """(session, op) or Unavailable (no ONNX op, onnxruntime has no kernel
    for this op and dtype, or its result misses the check tolerance)."""
    if ort is None:
        raise Unavailable("onnxruntime/onnx is not installed")
    spec = onnx_node_spec(act, params)
    if spec is None:
        raise Unavailable(f"no ONNX op for {act.name}{params}")
    op, opset, attrs, inits = spec
    key = (op, opset, tuple(sorted(attrs.items())), tuple(inits))
    try:
        sess = _ort_session(*key, dtype, threads)
    except Exception as exc:
        raise Unavailable(f"onnxruntime: {op} {dtype}: {str(exc)[:120]}")
    problem = _ort_accuracy_problem(act.name, tuple(sorted(params.items())), key, dtype)
    if problem:
        raise Unavailable(problem)
    return sess, op


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


def time_call(fn, repeats, min_s):
    """Min over repeats of the mean time of one call in a loop lasting >=
    min_s (the scripts' timing: bench/measure_grain.py, bench/scaling.py)."""
    fn()
    t0 = time.perf_counter()
    fn()
    one = max(time.perf_counter() - t0, 1e-7)
    loops = max(1, int(min_s / one))
    best = math.inf
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(loops):
            fn()
        best = min(best, (time.perf_counter() - t0) / loops)
    return best


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
