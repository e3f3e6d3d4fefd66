"""python -m fastact: this machine's configuration, and a short table of
fastact against the NumPy oracle (and torch, where installed) with the
measured error of each kernel.

    python -m fastact [--n 1000000] [--dtype float32] [--threads 1]
"""
import argparse
import time

import numpy as np

import fastact
from fastact import reference
from fastact._registry import ACTIVATIONS
from fastact.accuracy import label, ulp_error


def best_time(fn, repeats):
    fn()
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def torch_callable(act, params, x):
    try:
        import torch
        import torch.nn.functional as F  # noqa: F401  (used by torch_expr)
    except ImportError:
        return None
    expr = act.torch_expr_for(params)
    if expr is None:
        return None
    tx = torch.from_numpy(x)
    scope = {"torch": torch, "F": F, "x": tx, "one": torch.ones((), dtype=tx.dtype), **params}
    if "weight" in params:
        scope["weight_t"] = torch.tensor(np.ravel(params["weight"]), dtype=tx.dtype)
    code = compile(expr, "<torch_expr>", "eval")
    return lambda: eval(code, scope)


def main(argv=None):
    ap = argparse.ArgumentParser(description="fastact configuration and a quick benchmark")
    ap.add_argument("--n", type=int, default=1_000_000, help="elements per call")
    ap.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    ap.add_argument("--threads", type=int, default=1, help="threads for fastact and torch")
    ap.add_argument("--repeats", type=int, default=20)
    args = ap.parse_args(argv)

    fastact.show_config()
    try:
        import torch
        torch.set_num_threads(args.threads)
        has_torch = True
    except ImportError:
        has_torch = False
    rng = np.random.default_rng(0)
    x = (rng.standard_normal(args.n) * 3).astype(args.dtype)
    out = np.empty_like(x)
    print(f"\n{args.n} {args.dtype} elements, {args.threads} thread(s), output into a "
          f"preallocated array, best of {args.repeats}; ns per element")
    cols = ["function", "fastact", "numpy ref", "x ref"] + (["torch", "x torch"] if has_torch else []) \
        + ["max ULP", "bound"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    with fastact.threads(args.threads):
        for act in ACTIVATIONS:
            for params in act.variants()[: 2 if act.choice_param else 1]:
                f = getattr(fastact, act.name)
                twin = getattr(reference, act.name)
                t_fa = best_time(lambda: f(x, **params, out=out), args.repeats)
                t_np = best_time(lambda: twin(x, **params), max(2, args.repeats // 5))
                y = f(x, **params)
                truth = reference.exact(act.name, x.astype(np.float64 if args.dtype == "float32"
                                                           else np.longdouble),
                                        np.dtype(args.dtype).type, **params) \
                    if not (act.name == "gelu" and args.dtype == "float64"
                            and params.get("approximate") == "none") else None
                ulp = "n/a" if truth is None else f"{np.nanmax(ulp_error(y, truth, args.dtype)):.2f}"
                row = [label(act, params), f"{t_fa / args.n * 1e9:.3f}",
                       f"{t_np / args.n * 1e9:.2f}", f"{t_np / t_fa:.0f}x"]
                if has_torch:
                    tf = torch_callable(act, params, x)
                    if tf is None:
                        row += ["-", "-"]
                    else:
                        t_t = best_time(tf, args.repeats)
                        row += [f"{t_t / args.n * 1e9:.3f}", f"{t_t / t_fa:.1f}x"]
                row += [ulp, str(act.ulp_bound(args.dtype, params))]
                print("| " + " | ".join(row) + " |", flush=True)
    print("\n'x ref' / 'x torch': how many times faster fastact is. 'max ULP': fastact's "
          "error on these inputs against the oracle (python -m fastact.accuracy sweeps the "
          "whole range).")


if __name__ == "__main__":
    main()
