"""OpenMP scaling: fastact against torch and onnxruntime at 1, 2, 4, ...
threads, float32, in one process and one run.

The cases are the ones the issues set targets on, at sizes where threads
matter ("large" is 16M elements, or 2^--size-log2):

* elementwise, ``out=``: relu and sigmoid, large (memory bound where the
  arrays do not fit in the last-level cache: 16M in and out is 128 MB, which
  a server's L3 may hold, so use ``--size-log2 28`` there), gelu and mish,
  large (arithmetic bound), gelu at 1M (8 MB in and out: in the caches of a
  big machine) and at 64K (around the grain size);
* a copy, large (torch ``o.copy_(x)``; fastact ``identity(x, out=o)``):
  the bandwidth reference for the large rows;
* softmax at 64K x 1000, 1 x 1M (one row: the driver splits it into
  segments) and 1M x 8 (short rows), log_softmax at 64K x 1000;
* bias_act(gelu) in place, large, rows of 1024 (the input is refreshed,
  untimed, before every call);
* gelu_backward, large (torch: ``aten.gelu_backward.grad_input``), and
  sigmoid_backward from the forward's output y, large
  (``aten.sigmoid_backward.grad_input``).

Each time is the min over ``--repeats`` of the mean of a timed loop lasting
at least ``--min-ms`` (one call per refresh for the in-place case).  Every
impl's output is checked once, loosely, against fastact's float64 oracle
before it is timed.  The table gives ns per element and, for fastact, the
speed-up over its own 1-thread time; the large rows also give GB/s counting
every array read and written once.

    python bench/scaling.py [--threads 1,2,4,8,16] [--repeats 7] [--min-ms 20]
        [--size-log2 24] [--only copy,relu] [--json bench/results/NAME.json]
        [--md bench/results/NAME.md]

torch and onnxruntime are optional (their columns read "-").
"""
import argparse
import json
import os
import platform
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
try:
    import fastact
except ImportError:  # run from a checkout built in place
    sys.path.insert(1, os.path.dirname(HERE))
    import fastact
from fastact import reference  # noqa: E402
from fastact._registry import BY_NAME  # noqa: E402

import benchutil as bu  # noqa: E402

torch = bu.torch
SEED = bu.SEED
TOL = bu.CHECK_TOL["float32"]
CHECK = 1 << 16          # elements checked against the oracle


def normal(shape, salt=0):
    rng = np.random.default_rng([SEED, *np.atleast_1d(shape), salt])
    a = rng.standard_normal(shape, dtype=np.float32)
    a *= 3
    return a


def time_loop(fn, repeats, min_s, setup=None):
    """benchutil.time_call; with setup (an untimed refresh), the min of
    single calls, one per refresh."""
    if setup is None:
        return bu.time_call(fn, repeats, min_s)
    best = float("inf")
    for _ in range(max(repeats, 5)):
        setup()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


class Case:
    """One row group: a name, the element count, the bytes moved per element
    (for GB/s; 0: not shown), the oracle of the checked part of the output
    (the first CHECK elements, or the first rows for the axis cases: the
    oracles take seconds on large arrays) and a builder per impl:
    builder(threads) -> (fn, result, setup), result() giving the output of
    the last call."""

    def __init__(self, name, n, bytes_per_elem, want, builders, rows=None):
        self.name, self.n, self.bpe, self.want, self.builders = (
            name, n, bytes_per_elem, want, builders)
        self.rows = rows

    def part(self, out):
        return out[:self.rows] if self.rows else out.reshape(-1)[:CHECK]


def elementwise_case(name, n, bpe=0):
    act = BY_NAME[name]
    params = act.typical_params()
    x = normal(n)
    o = np.empty_like(x)

    def fa(t):
        f = getattr(fastact, name)
        return (lambda: f(x, **params, out=o)), (lambda: o), None

    def th(t):
        if torch is not None and name == "relu":     # torch.relu has no out=
            tx, to = torch.from_numpy(x), torch.from_numpy(o)
            return (lambda: torch.clamp_min(tx, 0, out=to)), (lambda: o), None
        fn, mode, _ = bu.torch_callable(act, params, "out", torch.from_numpy(x),
                                        torch.from_numpy(o))
        if mode != "out":
            raise bu.Unavailable(f"torch {name} has no out= form")
        return fn, (lambda: o), None

    def ort(t):
        sess, _ = bu.ort_session(act, params, "float32", t)
        return bu.ort_callable(sess, x, o), (lambda: o), None

    want = lambda: getattr(reference, name)(x[:CHECK].astype(np.float64), **params)  # noqa: E731
    return Case(f"{name} {size_id(n)}", n, bpe, want,
                {"fastact": fa, "torch": th, "onnxruntime": ort})


def size_id(n):
    return f"{n >> 20}M" if n >= 1 << 20 else f"{n >> 10}K"


def copy_case(n):
    x = normal(n)
    o = np.empty_like(x)

    def fa(t):
        return (lambda: fastact.identity(x, out=o)), (lambda: o), None

    def th(t):
        if torch is None:
            raise bu.Unavailable("torch is not installed")
        tx, to = torch.from_numpy(x), torch.from_numpy(o)
        return (lambda: to.copy_(tx)), (lambda: o), None

    return Case(f"copy {size_id(n)} (bandwidth)", n, 8, lambda: x[:CHECK],
                {"fastact": fa, "torch": th})


def softmax_name(name, shape):
    """'softmax 64K x 1000', 'softmax 1 x 1M', 'softmax 1M x 8'."""
    def dim(d):
        return size_id(d) if d >= 1024 and d % 1024 == 0 else str(d)
    return f"{name} {dim(shape[0])} x {dim(shape[1])}"


def softmax_case(name, shape):
    x = normal(shape)
    o = np.empty_like(x)

    def fa(t):
        f = getattr(fastact, name)
        return (lambda: f(x, out=o)), (lambda: o), None

    def th(t):
        if torch is None:
            raise bu.Unavailable("torch is not installed")
        f = getattr(torch, name)
        tx, to = torch.from_numpy(x), torch.from_numpy(o)
        return (lambda: f(tx, -1, out=to)), (lambda: o), None

    def ort(t):
        return bu.ort_callable(bu.ort_softmax_session(name, t), x, o), (lambda: o), None

    rows = x[:64]   # the check looks at the first 64 rows
    m, k = shape
    return Case(softmax_name(name, shape), m * k, 0,
                lambda: getattr(reference, name)(rows.astype(np.float64)),
                {"fastact": fa, "torch": th, "onnxruntime": ort}, rows=64)


def bias_gelu_case(shape):
    src = normal(shape)
    b = normal(shape[1], salt=1)
    x = src.copy()
    refresh = lambda: np.copyto(x, src)  # noqa: E731

    def fa(t):
        return (lambda: fastact.bias_act_(x, b, "gelu")), (lambda: x), refresh

    def th(t):
        if torch is None:
            raise bu.Unavailable("torch is not installed")
        tx, tb = torch.from_numpy(x), torch.from_numpy(b)
        gelu_ = torch._C._nn.gelu_
        return (lambda: gelu_(tx.add_(tb))), (lambda: x), refresh

    m, k = shape
    return Case(f"bias_act_ gelu {size_id(m * k)}", m * k, 8,
                lambda: reference.bias_act(src[:4].astype(np.float64), b, "gelu"),
                {"fastact": fa, "torch": th}, rows=4)


def backward_case(name, n, from_y=False):
    x = normal(n)
    g = normal(n, salt=2)
    o = np.empty_like(x)
    y = getattr(fastact, name)(x) if from_y else None

    def fa(t):
        f = getattr(fastact, name + "_backward")
        if from_y:
            return (lambda: f(g, y=y, out=o)), (lambda: o), None
        return (lambda: f(g, x, out=o)), (lambda: o), None

    def th(t):
        if torch is None:
            raise bu.Unavailable("torch is not installed")
        tg, to = torch.from_numpy(g), torch.from_numpy(o)
        if from_y:
            op, arg = torch.ops.aten.sigmoid_backward, torch.from_numpy(y)
            return (lambda: op.grad_input(tg, arg, grad_input=to)), (lambda: o), None
        op, tx = torch.ops.aten.gelu_backward, torch.from_numpy(x)
        return (lambda: op.grad_input(tg, tx, approximate="none", grad_input=to)), \
            (lambda: o), None

    want = (lambda: getattr(reference, name + "_backward")(
        g[:CHECK].astype(np.float64), x[:CHECK].astype(np.float64)))
    label = f"{name}_backward{' (y)' if from_y else ''} {size_id(n)}"
    return Case(label, n, 12, want, {"fastact": fa, "torch": th})


def cases(big=1 << 24):
    """(name, factory) pairs; a factory builds its case (and its arrays) only
    when the case is run."""
    ew = lambda nm, n, bpe=0: (f"{nm} {size_id(n)}",  # noqa: E731
                               lambda: elementwise_case(nm, n, bpe))
    out = [(f"copy {size_id(big)} (bandwidth)", lambda: copy_case(big))]
    out += [ew(nm, big, 8) for nm in ("relu", "sigmoid", "gelu", "mish")]
    out += [ew("gelu", 1 << 20), ew("gelu", 1 << 16)]
    for name, (m, k) in (("softmax", (65536, 1000)), ("softmax", (1, 1 << 20)),
                         ("softmax", (1 << 20, 8)), ("log_softmax", (65536, 1000))):
        out.append((softmax_name(name, (m, k)),
                    lambda name=name, m=m, k=k: softmax_case(name, (m, k))))
    out.append((f"bias_act_ gelu {size_id(big)}", lambda: bias_gelu_case((big >> 10, 1024))))
    out.append((f"gelu_backward {size_id(big)}", lambda: backward_case("gelu", big)))
    out.append((f"sigmoid_backward (y) {size_id(big)}",
                lambda: backward_case("sigmoid", big, from_y=True)))
    return out


def set_threads(t):
    fastact.set_num_threads(t)
    if torch is not None:
        torch.set_num_threads(t)


def check(case, impl, result):
    np.testing.assert_allclose(case.part(result()), case.want(), rtol=TOL[0], atol=TOL[1],
                               err_msg=f"{case.name} {impl}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ncpu = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    default_t = ",".join(str(t) for t in (1, 2, 4, 8, 16, 32, 64) if t <= ncpu)
    ap.add_argument("--threads", default=default_t)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--min-ms", type=float, default=20.0)
    ap.add_argument("--only", default=None,
                    help="comma-separated substrings of the case names to run")
    ap.add_argument("--size-log2", type=int, default=24,
                    help="log2 of the large cases' size (default 24: 16M; 28: 1 GiB per "
                         "float32 array, past the last-level cache of big machines)")
    ap.add_argument("--json", default=None)
    ap.add_argument("--md", default=None)
    args = ap.parse_args(argv)
    threads = [int(t) for t in args.threads.split(",")]
    impls = ("fastact", "torch", "onnxruntime")

    results = []   # dicts: case, n, impl, threads, seconds
    only = args.only.split(",") if args.only else None
    for hint, factory in cases(1 << args.size_log2):
        if only and not any(o in hint for o in only):
            continue
        case = factory()
        for impl in impls:
            build = case.builders.get(impl)
            if build is None:
                continue
            for t in threads:
                set_threads(t)
                try:
                    fn, result, setup = build(t)
                except bu.Unavailable as exc:
                    print(f"# {case.name} {impl}: {exc}", file=sys.stderr)
                    break
                if setup is not None:
                    setup()
                fn()
                if t == threads[0]:
                    check(case, impl, result)
                sec = time_loop(fn, args.repeats, args.min_ms / 1e3, setup)
                results.append({"case": case.name, "n": case.n, "bytes_per_elem": case.bpe,
                                "impl": impl, "threads": t, "seconds": sec})
                print(f"{case.name:28s} {impl:12s} t{t:<3d} {sec / case.n * 1e9:8.3f} ns/elem",
                      file=sys.stderr, flush=True)
    fastact.set_num_threads(None)

    info = {"machine": platform.machine(), "processor": _cpu_name(), "cpus": ncpu,
            "isa": fastact.config()["isa"], "fastact": fastact.__version__,
            "torch": getattr(torch, "__version__", None),
            "onnxruntime": getattr(bu.ort, "__version__", None),
            "numpy": np.__version__, "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "command": "python bench/scaling.py " + " ".join(argv if argv is not None
                                                               else sys.argv[1:])}
    md = report(results, threads, info)
    print(md)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"info": info, "results": results}, fh, indent=1)
    if args.md:
        with open(args.md, "w") as fh:
            fh.write(md)


def _cpu_name():
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def report(results, threads, info):
    """Markdown: per case, ns/elem of every impl at every thread count, and
    fastact's speed-up over its own 1-thread time (GB/s for the large rows)."""
    by = {(r["case"], r["impl"], r["threads"]): r for r in results}
    names = list(dict.fromkeys(r["case"] for r in results))
    impls = [i for i in ("fastact", "torch", "onnxruntime") if any(r["impl"] == i for r in results)]
    lines = [f"float32, ns/elem (min); {info['processor']}, {info['cpus']} CPUs, "
             f"fastact ISA {info['isa']}, torch {info['torch']}, onnxruntime "
             f"{info['onnxruntime']}, {info['date']}", "",
             f"`{info['command']}`", ""]
    head = "| case | impl | " + " | ".join(f"{t} thr" for t in threads) + " |"
    lines += [head, "|---|---|" + "---:|" * len(threads)]
    for name in names:
        for impl in impls:
            cells = []
            for t in threads:
                r = by.get((name, impl, t))
                cells.append("–" if r is None else f"{r['seconds'] / r['n'] * 1e9:.3f}")
            if all(c == "–" for c in cells):
                continue
            lines.append(f"| {name} | {impl} | " + " | ".join(cells) + " |")
        base = by.get((name, "fastact", threads[0]))
        if base is not None:
            cells = []
            for t in threads:
                r = by.get((name, "fastact", t))
                if r is None:
                    cells.append("–")
                    continue
                s = f"{base['seconds'] / r['seconds']:.1f}x"
                if r["bytes_per_elem"]:
                    s += f", {r['bytes_per_elem'] * r['n'] / r['seconds'] / 1e9:.0f} GB/s"
                cells.append(s)
            lines.append(f"| {name} | fastact speed-up | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
