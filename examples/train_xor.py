"""Train a 2-layer network on XOR with fastact's forward and backward kernels.

XOR is the classic case that a network without a nonlinear activation cannot
learn: without one, two layers collapse into one linear map, and no line
separates (0, 0), (1, 1) from (0, 1), (1, 0).  With one, a handful of hidden
units suffice.

The network is  z = W2 act(W1 x + b1) + b2,  trained on binary cross-entropy,
written with log-sigmoid so that it never takes log(0):
    loss = -mean(t logsigmoid(z) + (1 - t) logsigmoid(-z)).
Every activation and its gradient come from fastact (NAME and NAME_backward,
and logsigmoid_backward for the loss); the matrix products are NumPy's.
Before training, every gradient of the network is checked against central
finite differences in float64.

    python examples/train_xor.py                   # tanh hidden units
    python examples/train_xor.py --activation gelu
    python examples/train_xor.py --activation all  # every smooth activation listed below

It exits with status 1 if a gradient check fails or the network does not
reach 100% accuracy.
"""
import argparse
import sys

import numpy as np

import fastact

X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
T = np.array([0, 1, 1, 0], dtype=np.float64)

# Activations this example trains with (smooth, or piecewise with a nonzero
# slope almost everywhere), each with the hidden width and learning rate
# that train it from the fixed seed.
SETTINGS = {"tanh": (8, 0.5), "sigmoid": (8, 2.0), "gelu": (8, 0.5), "silu": (8, 0.5),
            "mish": (8, 0.5), "elu": (8, 0.5), "softplus": (8, 0.5), "leaky_relu": (8, 0.5),
            "arctan": (8, 0.5), "softsign": (8, 0.5), "selu": (8, 0.2), "celu": (8, 0.5),
            "swish": (8, 0.5), "quick_gelu": (8, 0.5), "logsigmoid": (8, 0.5)}


def init(hidden, seed, dtype):
    rng = np.random.default_rng(seed)
    return {"W1": (rng.standard_normal((2, hidden)) * 1.0).astype(dtype),
            "b1": (rng.standard_normal(hidden) * 0.5).astype(dtype),
            "W2": (rng.standard_normal((hidden, 1)) / np.sqrt(hidden)).astype(dtype),
            "b2": np.zeros(1, dtype=dtype)}


def forward(p, x, act):
    a = x @ p["W1"] + p["b1"]
    h = getattr(fastact, act)(a)
    z = (h @ p["W2"] + p["b2"])[:, 0]
    return a, h, z


def loss_of(z, t):
    return -np.mean(t * fastact.logsigmoid(z) + (1 - t) * fastact.logsigmoid(-z))


def gradients(p, x, t, act):
    """Backpropagation with fastact's backward kernels."""
    a, h, z = forward(p, x, act)
    n = len(t)
    ones = np.ones_like(z)
    # d loss / dz = -(t logsigmoid'(z) - (1 - t) logsigmoid'(-z)) / n
    dz = -(t * fastact.logsigmoid_backward(ones, z)
           - (1 - t) * fastact.logsigmoid_backward(ones, -z)) / n
    grads = {"W2": h.T @ dz[:, None], "b2": np.array([dz.sum()], dtype=z.dtype)}
    dh = dz[:, None] @ p["W2"].T
    da = getattr(fastact, act + "_backward")(dh, a)     # grad_output * act'(a)
    grads["W1"] = x.T @ da
    grads["b1"] = da.sum(axis=0)
    return loss_of(z, t), grads


def check_gradients(act, hidden, seed, h=1e-6):
    """Every parameter's gradient against central differences (float64)."""
    p = init(hidden, seed, np.float64)
    _, grads = gradients(p, X, T, act)
    worst = 0.0
    for name, value in p.items():
        for idx in np.ndindex(value.shape):
            saved = value[idx]
            value[idx] = saved + h
            up = loss_of(forward(p, X, act)[2], T)
            value[idx] = saved - h
            down = loss_of(forward(p, X, act)[2], T)
            value[idx] = saved
            fd = (up - down) / (2 * h)
            worst = max(worst, abs(grads[name][idx] - fd) / max(1e-3, abs(fd)))
    return worst


def train(act, hidden, lr, seed, epochs, dtype=np.float32):
    p = init(hidden, seed, dtype)
    x, t = X.astype(dtype), T.astype(dtype)
    for _ in range(epochs):
        loss, grads = gradients(p, x, t, act)
        for k in p:
            p[k] -= dtype(lr) * grads[k]
    z = forward(p, x, act)[2]
    accuracy = float(np.mean((z > 0) == (t > 0.5)))
    return float(loss), accuracy


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--activation", default="tanh",
                    help=f"one of {', '.join(SETTINGS)}, or 'all'")
    ap.add_argument("--epochs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    names = list(SETTINGS) if args.activation == "all" else [args.activation]
    ok = True
    print(f"{'activation':>12} {'grad check (max rel err)':>25} {'final loss':>11} {'accuracy':>9}")
    for act in names:
        if act not in SETTINGS:
            ap.error(f"unknown activation {act!r}; choose from {', '.join(SETTINGS)}")
        hidden, lr = SETTINGS[act]
        err = check_gradients(act, hidden, args.seed)
        loss, acc = train(act, hidden, lr, args.seed, args.epochs)
        good = err < 1e-6 and acc == 1.0
        ok &= good
        print(f"{act:>12} {err:>25.2e} {loss:>11.5f} {acc:>9.0%}{'' if good else '  FAILED'}")
    # The control: with the identity "activation" the two layers are one
    # linear map, and no linear map classifies all four points.
    loss, acc = train("identity", 8, 0.5, args.seed, args.epochs)
    linear_fails = acc < 1.0
    ok &= linear_fails
    print(f"{'identity':>12} {'(control)':>25} {loss:>11.5f} {acc:>9.0%}  "
          f"{'cannot learn XOR, as expected' if linear_fails else 'UNEXPECTED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
