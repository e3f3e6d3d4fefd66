"""Markdown tables from a pytest-benchmark JSON of the fastact suite.

    pytest bench/ --benchmark-only --benchmark-json=bench/results/NAME.json
    python bench/report.py bench/results/NAME.json [--all] [--strip-data] > bench/results/NAME.md

    # the quick speed table alone
    pytest bench/ --benchmark-only -m speed_table --benchmark-json=bench/results/speed.json
    python bench/report.py bench/results/speed.json --speed-table

Times are the MIN time per call over all rounds (the least disturbed run);
ns/elem = min / n.  Tables: (0) the speed table: float32, 1M, 1 thread,
mode "out": fastact against its fastest peer, and each piecewise-linear
function's time relative to relu's; (i) the same cases with every impl;
(ii) 16M float32/float64 in place, 1 and 2 threads, with the bandwidth
reference; (iii) float64, 1M, 1 thread, mode "out"; (iv) per-call overhead.
A table without data in the JSON is left out.  --all adds every activation
benchmark as one long table.
"""
import argparse
import json
import statistics
import sys

# The peers fastact is compared with: real libraries.  numpy_ref (fastact's
# float64 oracle, rounded) is shown but is no peer: it is not a library
# implementation of the function in the dtype.
PEERS = ("numpy", "torch", "onnxruntime")
IMPLS = ("fastact", "numpy_ref") + PEERS
ALLOC_MARK = "†"     # no out=/in-place form: the plain (allocating) call was timed
# The piecewise-linear functions (hardswish: piecewise quadratic, in the same
# cost class), compared with relu in the speed table.  rrelu: evaluation mode.
PIECEWISE_LINEAR = ("relu", "leaky_relu", "prelu", "rrelu", "hardtanh", "relu6", "hardshrink",
                    "softshrink", "threshold", "binary_step", "identity", "srelu", "apl",
                    "hardsigmoid", "hardswish")


def load(path):
    with open(path) as f:
        data = json.load(f)
    acts, bw, over = [], [], []
    for b in data["benchmarks"]:
        e = dict(b.get("extra_info") or {})
        s = b["stats"]
        e["min"] = s["min"]
        e["median"] = s["median"]
        e["rounds"] = s["rounds"]
        e["test"] = b["name"]
        kind = e.get("kind")
        if kind == "bandwidth":
            bw.append(e)
        elif kind == "overhead":
            over.append(e)
        elif "impl" in e:
            if "ns_per_elem" not in e:
                e["ns_per_elem"] = s["min"] / e["n"] * 1e9
            acts.append(e)
    return data, acts, bw, over


def function_order(acts):
    seen = []
    for e in acts:
        if e["function"] not in seen:
            seen.append(e["function"])
    return seen


def index(acts):
    """(function, dtype, n, threads, requested_mode, impl) -> entry."""
    return {(e["function"], e["dtype"], e["n"], e["threads"],
             e.get("requested_mode", e["mode"]), e["impl"]): e for e in acts}


def cell(e):
    if e is None:
        return "–"
    text = f"{e['ns_per_elem']:.3f}"
    if e["mode"] == "alloc":
        text += ALLOC_MARK
    return text


def fastest_peer(row):
    peers = [row[p] for p in PEERS if row.get(p) is not None]
    return min(peers, key=lambda e: e["ns_per_elem"]) if peers else None


def table_1m(acts, dtype):
    idx = index(acts)
    n = 1 << 20
    impls = [i for i in IMPLS if any(e["impl"] == i for e in acts)]
    lines = ["| function | " + " | ".join(impls) + " | fastact speed-up vs fastest peer |",
             "|---|" + "---:|" * (len(impls) + 1)]
    rows = 0
    for fn in function_order(acts):
        row = {impl: idx.get((fn, dtype, n, 1, "out", impl)) for impl in impls}
        if not any(row.values()):
            continue
        best = fastest_peer(row)
        if row.get("fastact") is not None and best is not None:
            speed = f"{best['ns_per_elem'] / row['fastact']['ns_per_elem']:.2f}x (vs {best['impl']})"
        else:
            speed = "–"
        lines.append(f"| {fn} | " + " | ".join(cell(row[i]) for i in impls) + f" | {speed} |")
        rows += 1
    return "\n".join(lines) if rows else ""


def table_speed(acts):
    """The issue's speed table: float32, 1M, 1 thread, mode out."""
    idx = index(acts)
    n = 1 << 20
    lines = ["| function | fastact ns/elem | fastest peer (impl, ns/elem) | speed-up | "
             "time / relu's time |",
             "|---|---:|---|---:|---:|"]
    relu = idx.get(("relu", "float32", n, 1, "out", "fastact"))
    ratios, speedups = {}, []
    for fn in function_order(acts):
        row = {impl: idx.get((fn, "float32", n, 1, "out", impl)) for impl in IMPLS}
        fa = row["fastact"]
        if fa is None:
            continue
        best = fastest_peer(row)
        if best is not None:
            sp = best["ns_per_elem"] / fa["ns_per_elem"]
            speedups.append(sp)
            peer = f"{best['impl']} {cell(best)}"
            speed = f"{sp:.2f}x"
        else:
            peer, speed = "none", "–"
        ratio = "–"
        if fn in PIECEWISE_LINEAR and relu is not None:
            ratios[fn] = fa["ns_per_elem"] / relu["ns_per_elem"]
            ratio = f"{ratios[fn]:.2f}"
        lines.append(f"| {fn} | {cell(fa)} | {peer} | {speed} | {ratio} |")
    if not speedups and not ratios and len(lines) == 2:
        return ""
    notes = []
    if speedups:
        notes.append(f"fastact is faster than its fastest peer for {sum(s > 1 for s in speedups)} "
                     f"of {len(speedups)} functions with a peer (median speed-up "
                     f"{statistics.median(speedups):.2f}x, min {min(speedups):.2f}x).")
    others = {k: v for k, v in ratios.items() if k != "relu"}
    if others:
        worst = max(others, key=others.get)
        notes.append(f"Piecewise-linear functions take {min(others.values()):.2f}x to "
                     f"{others[worst]:.2f}x ({worst}) relu's time (median "
                     f"{statistics.median(others.values()):.2f}x).")
    return "\n".join(lines) + ("\n\n" + " ".join(notes) if notes else "")


def gbs(n, itemsize, seconds):
    return 2 * itemsize * n / seconds / 1e9


def table_16m(acts, bw, dtype):  # noqa: ARG001 (bw: see table_bandwidth)
    idx = index(acts)
    n = 1 << 24
    size = 4 if dtype == "float32" else 8
    cols = [(impl, t) for impl in ("fastact", "numpy", "torch", "onnxruntime") for t in (1, 2)
            if not (impl == "numpy" and t == 2)]            # numpy is single-threaded
    cols = [(impl, t) for impl, t in cols if any(e["impl"] == impl for e in acts)]
    head = " | ".join(f"{impl} {t}T" for impl, t in cols)
    lines = [f"| function | {head} |", "|---|" + "---:|" * len(cols)]

    def c(e):
        if e is None:
            return "–"
        mark = ALLOC_MARK if e["mode"] == "alloc" else ""
        return f"{e['ns_per_elem']:.3f}{mark} ({gbs(n, size, e['min']):.1f})"

    rows = 0
    for fn in function_order(acts):
        row = [idx.get((fn, dtype, n, t, "inplace", impl)) for impl, t in cols]
        if any(row):
            lines.append(f"| {fn} | " + " | ".join(c(e) for e in row) + " |")
            rows += 1
    return "\n".join(lines) if rows else ""


def table_bandwidth(bw):
    lines = ["| bandwidth reference, 16M float32 in place | 1 thread | 2 threads |",
             "|---|---:|---:|"]
    for label, impl in (("`np.multiply(x, 1, out=x)` (numpy is single-threaded)", "numpy"),
                        ("`x.mul_(1)` (torch)", "torch")):
        by_t = {e["threads"]: e for e in bw if e["impl"] == impl}
        if not by_t:
            continue
        cells = ["–" if t not in by_t else
                 f"{by_t[t]['min'] / by_t[t]['n'] * 1e9:.3f} ({gbs(by_t[t]['n'], 4, by_t[t]['min']):.1f})"
                 for t in (1, 2)]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def table_overhead(over):
    lines = ["| call (1 float32 element) | min µs/call | median µs/call |", "|---|---:|---:|"]
    for e in over:
        lines.append(f"| `{e['function']}` | {e['min'] * 1e6:.3f} | {e['median'] * 1e6:.3f} |")
    return "\n".join(lines)


def table_all(acts):
    lines = ["| function | dtype | n | threads | mode | impl | ns/elem (min) | ns/elem (median) | rounds |",
             "|---|---|---:|---:|---|---|---:|---:|---:|"]
    for e in acts:
        lines.append(f"| {e['function']} | {e['dtype']} | {e['n']} | {e['threads']} | {e['mode']} | "
                     f"{e['impl']} | {e['ns_per_elem']:.3f} | {e.get('ns_per_elem_median', float('nan')):.3f} | "
                     f"{e['rounds']} |")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("json")
    ap.add_argument("--all", action="store_true", help="also list every activation benchmark")
    ap.add_argument("--speed-table", action="store_true",
                    help="print only the speed table (float32, 1M, 1 thread, mode out)")
    ap.add_argument("--strip-data", action="store_true",
                    help="first rewrite the JSON without the per-round raw timings "
                         "(stats['data']) to keep it small for committing")
    args = ap.parse_args(argv)
    if args.strip_data:
        with open(args.json) as f:
            raw = json.load(f)
        for b in raw["benchmarks"]:
            b["stats"].pop("data", None)
        with open(args.json, "w") as f:
            json.dump(raw, f, indent=1)
    data, acts, bw, over = load(args.json)
    mi = data.get("machine_info", {})
    out = sys.stdout.write
    out(f"Machine: {mi.get('cpu_model') or mi.get('cpu', {}).get('brand_raw', '?')}, "
        f"{mi.get('cpu', {}).get('count', '?')} CPUs; python {mi.get('python_version', '?')}; "
        f"numpy {mi.get('numpy', '?')}, scipy {mi.get('scipy', 'absent')}, "
        f"torch {mi.get('torch', 'absent')}, "
        f"onnxruntime {mi.get('onnxruntime', 'absent')}; fastact isa "
        f"{mi.get('fastact', {}).get('isa', '?')}. Run: {data.get('datetime', '?')}.\n\n")
    out("All numbers use the **minimum time per call** over the rounds: "
        "ns/elem = min / n. Lower is better. "
        f"{ALLOC_MARK} = the peer has no `out=` (or in-place) form for this function: "
        "the plain call is timed and it allocates its result. Peers: numpy (NumPy/SciPy, "
        "single-threaded), torch, onnxruntime; numpy_ref (fastact's float64 oracle) is "
        "shown in (i) but is no peer.\n\n")

    speed = table_speed(acts)
    if speed:
        out("## (0) Speed table: float32, n = 1M (2^20), 1 thread, mode \"out\"\n\n")
        out("Speed-up = fastest peer's ns/elem / fastact's (> 1: fastact is faster). "
            "The last column is fastact's time over fastact's relu time, for the "
            "piecewise-linear functions (rrelu: evaluation mode).\n\n")
        out(speed + "\n\n")
    if args.speed_table:
        if not speed:
            out("No float32 1M 1-thread \"out\" fastact benchmarks in this JSON.\n")
        return

    t = table_1m(acts, "float32")
    if t:
        out("## (i) float32, n = 1M (2^20), 1 thread, mode \"out\": ns/elem\n\n")
        out(t + "\n\n")
        out("Speed-up = fastest peer's ns/elem / fastact's (> 1: fastact is faster).\n\n")

    t16 = {dtype: table_16m(acts, bw, dtype) for dtype in ("float32", "float64")}
    if any(t16.values()) or bw:
        out("## (ii) n = 16M (2^24), in place, 1 and 2 threads: ns/elem (GB/s)\n\n")
        out("GB/s = 2 * itemsize * n / min time (one read + one write per element).\n\n")
        for dtype in ("float32", "float64"):
            if t16[dtype]:
                out(f"### {dtype}\n\n" + t16[dtype] + "\n\n")
            if dtype == "float32" and bw:
                out(table_bandwidth(bw) + "\n\n")

    t = table_1m(acts, "float64")
    if t:
        out("## (iii) float64, n = 1M, 1 thread, mode \"out\": ns/elem\n\n")
        out(t + "\n\n")

    if over:
        out("## (iv) per-call overhead, 1 float32 element, 1 thread\n\n")
        out(table_overhead(over) + "\n\n")

    if args.all:
        out("## All activation benchmarks\n\n" + table_all(acts) + "\n")


if __name__ == "__main__":
    main()
