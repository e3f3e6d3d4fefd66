"""Print the README's float32 performance table from a pytest-benchmark JSON.

    python bench/readme_table.py bench/results/zen4-2core.json

Columns: ns/elem (min time per call / n) at 1M float32, 1 thread, output into
a preallocated array (torch's plain call where it has no out=), the issue's
target, and fastact's float32 error bound from the registry.
"""
import json
import sys

from fastact._registry import BY_NAME

# Targets of issue 2 (ns/elem, float32, 1M, 1 thread).
TARGETS = {"relu": 0.07, "leaky_relu": 0.08, "elu": 0.5, "selu": 0.5, "sigmoid": 0.3,
           "tanh": 0.3, "silu": 0.35, "softplus": 0.6, "gelu": 0.45,
           "gelu(approximate='tanh')": 0.4, "mish": 0.8}


def main(path):
    rows = {}
    for b in json.load(open(path))["benchmarks"]:
        e = b.get("extra_info", {})
        if (e.get("dtype"), e.get("n"), e.get("threads")) != ("float32", 1 << 20, 1):
            continue
        if e.get("mode") in ("out", "alloc"):
            rows.setdefault(e["function"], {})[e["impl"]] = e["ns_per_elem"]
    print("| function | fastact | NumPy oracle | torch | onnxruntime | fastact speed-up vs fastest peer "
          "| target | fastact bound (ULP) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for fn, r in rows.items():
        peers = [r[k] for k in ("torch", "onnxruntime") if k in r]
        ratio = f"{min(peers) / r['fastact']:.2f}x" if peers else "-"
        act = BY_NAME[fn.split("(")[0]]
        bound = act.ulp_f32 if not isinstance(act.ulp_f32, dict) else max(act.ulp_f32.values())
        cells = [f"{r[k]:.3f}" if k in r else "-" for k in ("fastact", "numpy_ref", "torch",
                                                            "onnxruntime")]
        print(f"| {fn} | " + " | ".join(cells) + f" | {ratio} | <= {TARGETS.get(fn, '-')} | {bound} |")


if __name__ == "__main__":
    main(sys.argv[1])
