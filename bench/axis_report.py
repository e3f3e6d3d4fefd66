"""Markdown tables from a pytest-benchmark JSON of bench/test_bench_axis.py.

    python -m pytest bench/test_bench_axis.py --benchmark-only -m axis_table \\
        --benchmark-json=bench/results/NAME.json
    python bench/axis_report.py bench/results/NAME.json [--stat median] > bench/results/NAME.md

One table per family (softmax, gated, maxout, bias + activation): case, shape,
threads, ns per element of the input (min time per call / elements, or the
median with --stat median) for every impl, and fastact's speed-up over the
fastest peer (peer ns/elem / fastact ns/elem: > 1 means fastact is faster).
Peers are the other libraries (scipy, numpy, torch, onnxruntime); numpy_ref
(fastact's float64 oracle) and fastact's own baselines (fastact_2pass,
fastact_act_only) are shown but are no peers.  `†`: the impl allocates its
output (no out= / in-place form timed); `–`: skipped or not run.
"""
import argparse
import json

FAMILIES = (("softmax", ("softmax", "log_softmax", "softmin")),
            ("gated", ("glu", "swiglu")),
            ("maxout", ("maxout2",)),
            ("bias + activation, in place", ("bias_gelu", "bias_relu")))
NOT_PEERS = ("fastact", "numpy_ref", "fastact_2pass", "fastact_act_only")
ALLOC_MARK = "†"


def load(path, stat):
    with open(path) as f:
        data = json.load(f)
    rows = []
    for b in data["benchmarks"]:
        e = dict(b.get("extra_info") or {})
        if "case" not in e:
            continue
        e["ns"] = b["stats"][stat] / e["n"] * 1e9
        rows.append(e)
    return data, rows


def table(rows, cases):
    rows = [e for e in rows if e["case"] in cases]
    if not rows:
        return []
    impls = list(dict.fromkeys(e["impl"] for e in rows))
    cells = {}
    for e in rows:
        cells.setdefault((e["case"], e["shape_id"], e["threads"]), {})[e["impl"]] = e
    out = ["| case | shape | threads | " + " | ".join(impls)
           + " | fastact speed-up vs fastest peer |",
           "|---|---|---|" + "---:|" * len(impls) + "---|"]
    for (case, sid, t), by in cells.items():
        line = [case, sid, str(t)]
        for i in impls:
            e = by.get(i)
            line.append("–" if e is None else
                        f"{e['ns']:.3f}" + (ALLOC_MARK if e["mode"] == "alloc" else ""))
        peers = [e for i, e in by.items() if i not in NOT_PEERS]
        if "fastact" in by and peers:
            best = min(peers, key=lambda e: e["ns"])
            line.append(f"{best['ns'] / by['fastact']['ns']:.2f}x ({best['impl']})")
        else:
            line.append("–")
        out.append("| " + " | ".join(line) + " |")
    return out


def bias_summary(rows):
    """fastact.bias_act_ against the activation alone (the cost of the fused
    bias) and against the two-pass np.add + ACT_, per activation."""
    out = []
    for case in ("bias_gelu", "bias_relu"):
        act = case[len("bias_"):]
        by = {(e["threads"], e["impl"]): e["ns"] for e in rows if e["case"] == case}
        for t in sorted({t for t, _ in by}):
            fused = by.get((t, "fastact"))
            alone, two = by.get((t, "fastact_act_only")), by.get((t, "fastact_2pass"))
            if fused and alone and two:
                out.append(f"* {act}, {t} thread{'s' if t > 1 else ''}: bias_act_ takes "
                           f"{fused / alone:.2f}x the time of {act}_ alone "
                           f"({(fused / alone - 1) * 100:+.0f}%), and {fused / two:.2f}x "
                           f"the time of np.add + {act}_ (two passes: {two / fused:.2f}x "
                           "slower).")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("json")
    ap.add_argument("--stat", choices=("min", "median"), default="min",
                    help="time per call used for ns/elem (default: min)")
    args = ap.parse_args()
    data, rows = load(args.json, args.stat)
    mi = data.get("machine_info", {})
    fa = mi.get("fastact", {})
    print("# fastact axis functions and bias_act: float32, ns per input element\n")
    print(f"{mi.get('cpu_model', mi.get('cpu', {}).get('brand_raw', '?'))}, "
          f"fastact {fa.get('version', '?')} isa={fa.get('isa', '?')}, numpy "
          f"{mi.get('numpy', '?')}, torch {mi.get('torch', '–')}, onnxruntime "
          f"{mi.get('onnxruntime', '–')}, scipy {mi.get('scipy', '–')}; {data.get('datetime', '')}. "
          f"ns/elem from the **{args.stat}** time per call.\n")
    loads = [e["loadavg_1min"] for e in rows if "loadavg_1min" in e]
    if loads:
        print(f"1-minute load average after each benchmark: median {sorted(loads)[len(loads) // 2]:.2f}, "
              f"max {max(loads):.2f} on {mi.get('cpu', {}).get('count', '?')} logical CPUs "
              "(the run itself counts about 1 per busy thread).\n")
    for title, cases in FAMILIES:
        lines = table(rows, cases)
        if lines:
            print(f"## {title}\n")
            print("\n".join(lines))
            if "bias_gelu" in cases:
                print("\n" + "\n".join(bias_summary(rows)))
            print()
    print(f"`{ALLOC_MARK}`: allocates its output; `–`: skipped or not run.  Speed-up = "
          "fastest peer's ns/elem / fastact's (peers: scipy, numpy, torch, onnxruntime; "
          "not numpy_ref or fastact's own baselines).")


if __name__ == "__main__":
    main()
