"""Print the README's float32 performance table from a pytest-benchmark JSON.

    python bench/readme_table.py bench/results/zen4-2core.json

Table (i) of report.py with the issue's targets and fastact's float32 error
bound added; the speed-up is against the fastest of the peers numpy
(NumPy/SciPy), torch and onnxruntime (not the NumPy oracle numpy_ref).
"""
import sys

from fastact._registry import BY_NAME
from report import PEERS, function_order, index, load

# Targets of issue 2 (ns/elem, float32, 1M, 1 thread).
TARGETS = {"relu": 0.07, "leaky_relu": 0.08, "elu": 0.5, "selu": 0.5, "sigmoid": 0.3,
           "tanh": 0.3, "silu": 0.35, "softplus": 0.6, "gelu": 0.45,
           "gelu(approximate='tanh')": 0.4, "mish": 0.8}
IMPLS = ("fastact", "numpy_ref") + PEERS
HEADS = {"numpy_ref": "NumPy oracle", "numpy": "NumPy/SciPy"}


def main(path):
    _, acts, _, _ = load(path)
    idx = index(acts)
    print("| function | " + " | ".join(HEADS.get(i, i) for i in IMPLS)
          + " | fastact speed-up vs fastest peer | target | fastact bound (ULP) |")
    print("|---|" + "---:|" * (len(IMPLS) + 3))
    for fn in function_order(acts):
        r = {impl: idx[key]["ns_per_elem"] for impl in IMPLS
             if (key := (fn, "float32", 1 << 20, 1, "out", impl)) in idx}
        if "fastact" not in r:
            continue
        peers = [r[k] for k in PEERS if k in r]
        ratio = f"{min(peers) / r['fastact']:.2f}x" if peers else "-"
        act = BY_NAME[fn.split("(")[0]]
        bound = act.ulp_f32 if not isinstance(act.ulp_f32, dict) else max(act.ulp_f32.values())
        cells = [f"{r[k]:.3f}" if k in r else "-" for k in IMPLS]
        print(f"| {fn} | " + " | ".join(cells) + f" | {ratio} | <= {TARGETS.get(fn, '-')} | {bound} |")


if __name__ == "__main__":
    main(sys.argv[1])
