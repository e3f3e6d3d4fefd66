"""Backward benchmarks: every activation's backward beside its forward and
beside torch's backward kernel, float32, 1M elements, 1 thread, in one run.

    python -m pytest bench/test_bench_backward.py --benchmark-only -m backward_table \\
        --benchmark-json=bench/results/backward-NAME.json
    python bench/backward_report.py bench/results/backward-NAME.json > bench/results/backward-NAME.md

Ids: <variant>-float32-1M-t1-<impl>, one per elementwise variant of the
forward table (benchutil.bench_variants: the typical parameters, and gelu
approximate="tanh", sinc normalized=True; rrelu, not elementwise, is not
here).  The impls:

* ``fastact_fwd``: the forward, ``fastact.NAME(x, out=o)`` (the reference
  point of the "backward within 1.5x of forward" target);
* ``fastact``: ``fastact.NAME_backward(g, x, out=o)``;
* ``fastact_y``: ``fastact.NAME_backward(g, y=y, out=o)`` where that form
  exists;
* ``torch``: torch's backward kernel on ``torch.from_numpy`` views of the
  same memory, with its out= overload (``torch.ops.aten.X_backward.grad_input``,
  ``_softmax_backward_data.out``) where the registry names one
  (Backward.torch_expr); otherwise ``torch_autograd``:
  ``torch.autograd.grad(y, x, g, retain_graph=True)`` on a graph built once
  from the forward expression (the backward pass alone is timed; it
  allocates its result).
Inputs: x standard normal * 3, g standard normal, seeded.  Activations with
per-channel parameters are timed with shared (scalar) parameters; their
parameter gradients are not part of this table.
"""
import functools
import re

import numpy as np
import pytest

import fastact
from fastact._registry import BACKWARD, ELEMENTWISE

import benchutil as bu

torch, F = bu.torch, bu.F

pytestmark = pytest.mark.backward_table

N = 1 << 20
DTYPE = np.float32
AXIS_SHAPE = (1024, 1024)

# (activation, params, id, label) of the forward table's elementwise variants
VARIANTS = {vid: (act, params, label) for act, params, vid, label in bu.bench_variants()
            if act.kind == ELEMENTWISE}
IMPLS = ("fastact_fwd", "fastact", "fastact_y", "torch", "torch_autograd")


def _static_skip(act, params, impl):
    bw = BACKWARD[act.name]
    if impl == "fastact_y" and bw.y_ulp is None:
        return "no y form"
    if impl.startswith("torch") and torch is None:
        return "torch is not installed"
    if impl == "torch" and bw.torch_expr is None:
        return "no torch backward kernel named in the registry"
    if impl == "torch_autograd" and (bw.torch_expr is not None
                                     or act.torch_expr_for(params) is None):
        return "timed as torch (kernel)" if bw.torch_expr else "torch has no such function"
    return None


PARAMS = []
for vid, (act, params, _) in VARIANTS.items():
    for impl in IMPLS:
        reason = _static_skip(act, params, impl)
        PARAMS.append(pytest.param(vid, impl, id=f"{vid}-float32-1M-t1-{impl}",
                                   marks=[pytest.mark.skip(reason=reason)] if reason else []))
for name in ("softmax", "log_softmax"):
    for impl in ("fastact_fwd", "fastact_y", "torch"):
        PARAMS.append(pytest.param(name, impl, id=f"{name}-float32-1Kx1K-t1-{impl}",
                                   marks=[pytest.mark.skip(reason="torch is not installed")]
                                   if impl == "torch" and torch is None else []))


@functools.lru_cache(maxsize=None)
def inputs(shape):
    rng = np.random.default_rng([bu.SEED, *shape, 7])
    x = (rng.standard_normal(shape, dtype=DTYPE) * 3)
    g = rng.standard_normal(shape, dtype=DTYPE)
    return x, g


def _torch_kernel_call(expr, env, o):
    """The registry's torch.ops.aten.NAME(args) as NAME.grad_input(args,
    grad_input=o) (its out= overload)."""
    m = re.fullmatch(r"torch\.ops\.aten\.(\w+)\((.*)\)", expr)
    op = getattr(torch.ops.aten, m.group(1))
    args = eval(f"(lambda *a, **k: (a, k))({m.group(2)})", env)
    if hasattr(op, "grad_input"):
        return lambda: op.grad_input(*args[0], **args[1], grad_input=o)
    return lambda: op(*args[0], **args[1])


@pytest.mark.parametrize("name,impl", PARAMS)
def test_backward(benchmark, name, impl):
    if name in ("softmax", "log_softmax"):
        return _axis(benchmark, name, impl)
    act, params, label = VARIANTS[name]
    name = act.name
    x, g = inputs((N,))
    o = np.empty_like(x)
    y = getattr(fastact, name)(x, **params)
    with fastact.threads(1):
        if impl == "fastact_fwd":
            fn = functools.partial(getattr(fastact, name), x, **params, out=o)
        elif impl == "fastact":
            fn = functools.partial(getattr(fastact, name + "_backward"), g, x, **params, out=o)
        elif impl == "fastact_y":
            fn = functools.partial(getattr(fastact, name + "_backward"), g, y=y, **params, out=o)
        else:
            torch.set_num_threads(1)
            xt, gt, yt, ot = (torch.from_numpy(a) for a in (x, g, y.copy(), o))
            if impl == "torch":
                env = {"torch": torch, "g": gt, "x": xt, "y": yt, **params}
                fn = _torch_kernel_call(BACKWARD[name].torch_expr, env, ot)
            else:
                xr = xt.clone().requires_grad_(True)
                one = torch.ones((), dtype=torch.float32)
                fwd = eval(act.torch_expr_for(params), {"torch": torch, "F": F, "x": xr,
                                                        "one": one, **params})
                fn = lambda: torch.autograd.grad(fwd, xr, gt, retain_graph=True)  # noqa: E731
                try:
                    fn()
                except RuntimeError as exc:   # e.g. heaviside: no derivative in torch
                    pytest.skip(f"torch autograd: {exc}")
        bu.run_benchmark(benchmark, fn, N)
    bu.record(benchmark, case=label, function=name, impl=impl, n=N, threads=1, shape="1M")


def _axis(benchmark, name, impl):
    x, g = inputs(AXIS_SHAPE)
    n = x.size
    o = np.empty_like(x)
    y = getattr(fastact, name)(x)
    with fastact.threads(1):
        if impl == "fastact_fwd":
            fn = functools.partial(getattr(fastact, name), x, out=o)
        elif impl == "fastact_y":
            fn = functools.partial(getattr(fastact, name + "_backward"), g, y=y, out=o)
        else:
            torch.set_num_threads(1)
            gt, yt, ot = (torch.from_numpy(a) for a in (g, y, o))
            op = (torch.ops.aten._softmax_backward_data if name == "softmax"
                  else torch.ops.aten._log_softmax_backward_data)
            key = "grad_input" if name == "softmax" else "out"   # ATen's names differ
            fn = lambda: op.out(gt, yt, -1, torch.float32, **{key: ot})  # noqa: E731
        bu.run_benchmark(benchmark, fn, n)
    bu.record(benchmark, case=name, impl=impl, n=n, threads=1, shape="1Kx1K")
