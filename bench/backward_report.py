"""Markdown table from a pytest-benchmark JSON of bench/test_bench_backward.py.

    python -m pytest bench/test_bench_backward.py --benchmark-only -m backward_table \\
        --benchmark-json=bench/results/backward-NAME.json
    python bench/backward_report.py bench/results/backward-NAME.json > bench/results/backward-NAME.md

Per function: ns per element (min time per call / elements) of the forward,
the backward from x, the backward from y, torch's backward (its out= kernel,
or autograd, marked †: it allocates), then backward / forward (the target
is <= 1.5) and torch / fastact (the target is >= 1.5; fastact's y form is
compared where torch's kernel takes y).
"""
import argparse
import json

from fastact._registry import BACKWARD


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("json")
    ap.add_argument("--stat", default="min", choices=("min", "median"))
    args = ap.parse_args(argv)
    with open(args.json) as f:
        data = json.load(f)
    cells, function = {}, {}
    for b in data["benchmarks"]:
        e = b.get("extra_info") or {}
        if "case" not in e:
            continue
        cells.setdefault(e["case"], {})[e["impl"]] = b["stats"][args.stat] / e["n"] * 1e9
        function[e["case"]] = e.get("function", e["case"])   # a variant's activation
    mi = data.get("machine_info", {})
    print(f"float32, 1M elements (softmax: 1024 x 1024), 1 thread, ns/elem ({args.stat}); "
          f"{mi.get('cpu', {}).get('brand_raw', '')}, {data.get('datetime', '')}\n")
    print("| function | forward | backward | backward (y) | torch backward | "
          "backward / forward | torch / fastact |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    # where torch's backward reads the forward's output (the softmax family's
    # kernels take y)
    uses_y = {n for n, b in BACKWARD.items() if b.torch_keeps_y} | {"softmax", "log_softmax"}
    worst_ratio, worst_speedup = 0.0, float("inf")
    for case, by in cells.items():
        fwd, bwd, bwy = by.get("fastact_fwd"), by.get("fastact"), by.get("fastact_y")
        peer = by.get("torch", by.get("torch_autograd"))
        mark = "†" if "torch_autograd" in by else ""
        mine = bwy if (function[case] in uses_y or bwd is None) and bwy is not None else bwd
        ratio = (mine if bwd is None else bwd) / fwd if fwd else None
        speed = peer / mine if peer and mine else None
        if ratio is not None:
            worst_ratio = max(worst_ratio, ratio)
        if speed is not None:
            worst_speedup = min(worst_speedup, speed)
        f = lambda v: "–" if v is None else f"{v:.3f}"  # noqa: E731
        print(f"| {case} | {f(fwd)} | {f(bwd)} | {f(bwy)} | {f(peer)}{mark if peer else ''} | "
              f"{'–' if ratio is None else f'{ratio:.2f}'} | "
              f"{'–' if speed is None else f'{speed:.2f}x'} |")
    print(f"\nworst backward/forward: {worst_ratio:.2f}; worst torch/fastact: "
          f"{worst_speedup:.2f}x")


if __name__ == "__main__":
    main()
