"""How exact torch's float32 backward kernels are, against fastact's oracle
(the analytic derivative in float64), beside fastact's own backward.

    python bench/backward_accuracy_peers.py

Inputs: a grid of 2^20 float32 points on [-20, 20] and every 4096th float32
bit pattern (finite), grad_output = 1; the error is in ULP of float32 at the
true value, relative to max(|truth|, FLT_MIN), as in fastact.accuracy.
Functions whose torch kernel takes the forward's output y are fed the
float32 y of torch's own forward (and fastact's y form gets fastact's y),
and both are judged against the derivative at x: a rounded y loses the
saturated tails (1 - y is 0 once y rounds to 1), so the y forms are shown
over all x and over |x| <= 8 (in brackets).
"""
import numpy as np
import torch

import fastact
from fastact import accuracy, reference

CASES = {   # name: (torch backward, from y?)
    "sigmoid": (lambda g, x, y: torch.ops.aten.sigmoid_backward(g, y), True),
    "tanh": (lambda g, x, y: torch.ops.aten.tanh_backward(g, y), True),
    "silu": (lambda g, x, y: torch.ops.aten.silu_backward(g, x), False),
    "gelu": (lambda g, x, y: torch.ops.aten.gelu_backward(g, x), False),
    "mish": (lambda g, x, y: torch.ops.aten.mish_backward(g, x), False),
    "softplus": (lambda g, x, y: torch.ops.aten.softplus_backward(g, x, 1.0, 20.0), False),
    "elu": (lambda g, x, y: torch.ops.aten.elu_backward(g, 1.0, 1.0, 1.0, False, x), False),
}


def main():
    bits = np.arange(0, 1 << 32, 4096, dtype=np.uint64).astype(np.uint32).view(np.float32)
    x = np.concatenate([np.linspace(-20, 20, 1 << 20, dtype=np.float32),
                        bits[np.isfinite(bits)]])
    g = np.ones_like(x)
    core = np.abs(x) <= 8
    print("| function | torch max ULP, all x (\\|x\\| <= 8) | fastact, x form | "
          "fastact, y form |")
    print("|---|---:|---:|---:|")
    m = lambda e: f"{np.nanmax(e):.3g} ({np.nanmax(e[core]):.3g})"  # noqa: E731
    for name, (tb, from_y) in CASES.items():
        truth = reference.exact_grad(name, x.astype(np.float64), np.float32)
        xt, gt = torch.from_numpy(x), torch.from_numpy(g)
        yt = getattr(torch, name)(xt) if hasattr(torch, name) else None
        if yt is None:
            yt = getattr(torch.nn.functional, name)(xt)
        t_err = accuracy.ulp_error(tb(gt, xt, yt).numpy(), truth, np.float32)
        f_err = accuracy.ulp_error(getattr(fastact, name + "_backward")(g, x), truth, np.float32)
        yform = "–"
        if from_y or name == "elu":
            fy = getattr(fastact, name + "_backward")(g, y=getattr(fastact, name)(x))
            yform = m(accuracy.ulp_error(fy, truth, np.float32))
        print(f"| {name} | {m(t_err)} | {m(f_err)} | {yform} |")


if __name__ == "__main__":
    main()
