"""A small MLP classifier's forward pass with NumPy and fastact, no torch needed.

    x (batch, 256) -> x @ W1 -> gelu(. + b1) -> . @ W2 -> gelu(. + b2) -> . @ W3 + b3 -> softmax

Weights come from a fixed seed (nothing is downloaded).  For batch sizes 1,
32 and 1024 the script

* runs the model with fastact (bias_act_ fuses each bias add into its GELU,
  softmax_ works in place),
* runs the same model with the float64 oracle (fastact.reference) and, where
  torch is installed, with torch, and checks that the probabilities agree,
* prints the end-to-end latency of each, and of the activation part alone.

Run:  python examples/mlp_inference.py [--threads N] [--quick]
It exits with status 1 if any check fails.
"""
import argparse
import sys
import time

import numpy as np

import fastact
from fastact import reference

DIMS = (256, 1024, 1024, 10)


def make_weights(seed=0):
    rng = np.random.default_rng(seed)
    layers = []
    for fan_in, fan_out in zip(DIMS[:-1], DIMS[1:]):
        w = (rng.standard_normal((fan_in, fan_out)) / np.sqrt(fan_in)).astype(np.float32)
        b = (0.1 * rng.standard_normal(fan_out)).astype(np.float32)
        layers.append((w, b))
    return layers


def forward_fastact(x, layers):
    h = x
    for w, b in layers[:-1]:
        h = fastact.bias_act_(h @ w, b, "gelu")     # one pass: gelu(h W + b)
    w, b = layers[-1]
    logits = h @ w
    logits += b
    return fastact.softmax_(logits)


def forward_reference(x, layers):
    """The same model with the oracle's functions (float64 inside)."""
    h = x
    for w, b in layers[:-1]:
        h = reference.gelu(h @ w + b)
    w, b = layers[-1]
    return reference.softmax(h @ w + b)


def forward_numpy(x, layers):
    """The same model in plain NumPy float32 (tanh-free erf GELU via scipy)."""
    from scipy.special import erf, softmax
    h = x
    for w, b in layers[:-1]:
        z = h @ w + b
        h = (0.5 * z * (1 + erf(z / np.float32(np.sqrt(2))))).astype(np.float32)
    w, b = layers[-1]
    return softmax(h @ w + b, axis=-1).astype(np.float32)


def make_torch(layers, threads):
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(threads)
    tl = [(torch.from_numpy(w), torch.from_numpy(b)) for w, b in layers]

    def forward(x):
        with torch.inference_mode():
            h = torch.from_numpy(x)
            for w, b in tl[:-1]:
                h = F.gelu(h @ w + b)
            w, b = tl[-1]
            return torch.softmax(h @ w + b, -1).numpy()
    return forward


def timed(fn, reps):
    fn()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return float(np.median(times))


def activation_part(impl, h1, b1, logits):
    """Only the activations of one forward pass: gelu(h + b) and softmax."""
    if impl == "fastact":
        return lambda: (fastact.bias_act(h1, b1, "gelu"), fastact.softmax(logits))
    if impl == "reference":
        return lambda: (reference.gelu(h1 + b1), reference.softmax(logits))
    if impl == "numpy":
        from scipy.special import erf, softmax
        return lambda: (0.5 * (h1 + b1) * (1 + erf((h1 + b1) / np.float32(np.sqrt(2)))),
                        softmax(logits, axis=-1))
    import torch
    import torch.nn.functional as F
    ht, bt, lt = torch.from_numpy(h1), torch.from_numpy(b1), torch.from_numpy(logits)
    return lambda: (F.gelu(ht + bt), torch.softmax(lt, -1))


def fmt(seconds):
    return f"{seconds * 1e6:.0f} µs" if seconds < 1e-3 else f"{seconds * 1e3:.2f} ms"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=None, help="threads for fastact and torch")
    ap.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = ap.parse_args(argv)
    if args.threads:
        fastact.set_num_threads(args.threads)
    threads = fastact.get_num_threads()
    layers = make_weights()
    impls = {"fastact": lambda x: forward_fastact(x, layers),
             "numpy": lambda x: forward_numpy(x, layers),
             "reference": lambda x: forward_reference(x, layers)}
    try:
        impls["torch"] = make_torch(layers, threads)
    except ImportError:
        pass
    rng = np.random.default_rng(1)
    ok = True
    rows = []
    for batch in (1, 32, 1024):
        x = rng.standard_normal((batch, DIMS[0])).astype(np.float32)
        want = impls["reference"](x).astype(np.float64)
        for name, fn in impls.items():
            p = fn(x)
            diff = float(np.abs(p.astype(np.float64) - want).max())
            same_class = bool((p.argmax(axis=1) == want.argmax(axis=1)).all())
            sums = float(np.abs(p.astype(np.float64).sum(axis=1) - 1).max())
            good = diff < 1e-5 and same_class and sums < 1e-5
            ok &= good
            reps = (5 if batch == 1024 else 20) if args.quick else (10 if batch == 1024 else 100)
            if name == "reference" and batch == 1024:
                reps = min(reps, 3)
            total = timed(lambda: fn(x), reps)
            h1 = x @ layers[0][0]
            logits = rng.standard_normal((batch, DIMS[-1])).astype(np.float32)
            part = timed(activation_part(name, h1, layers[0][1], logits), reps)
            rows.append((batch, name, total, part, diff, "yes" if good else "NO"))
    print(f"fastact {fastact.__version__}, ISA {fastact.config()['isa']}, {threads} thread(s); "
          f"model {' -> '.join(map(str, DIMS))}, float32\n")
    print("| batch | implementation | end to end | gelu(h+b) + softmax | max abs diff vs oracle | check |")
    print("|---:|---|---:|---:|---:|---|")
    for batch, name, total, part, diff, good in rows:
        print(f"| {batch} | {name} | {fmt(total)} | {fmt(part)} | {diff:.1e} | {good} |")
    if not ok:
        print("\nFAILED: an implementation disagrees with the oracle", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
