"""Measure where 2 threads start to pay off, per fastact kernel (float32).

For every kernel in the registry (the benchmark variants: typical
parameters, every other CHOICE value, rrelu in training mode; each kernel
once, through the first variant that runs it) and n = 2^10 .. 2^22, time
``fastact.NAME(x, out=o)`` at 1 and 2 threads with the kernel's grain forced to 1 (so the
driver really threads at every n), min over repeats of a timed loop
(time.perf_counter).  The crossover is the smallest n from which on 2 threads
are >= 10% faster at every larger n measured (robust to one noisy point).
The registry's grain is restored afterwards.

    python bench/measure_grain.py [--repeats 7] [--min-ms 2] [--max-log2 22]
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    import fastact
except ImportError:
    sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import fastact
from fastact import _api, _core  # noqa: E402

import benchutil  # noqa: E402

GAIN = 1.10


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--min-ms", type=float, default=2.0, help="length of one timed loop")
    ap.add_argument("--min-log2", type=int, default=10)
    ap.add_argument("--max-log2", type=int, default=22)
    args = ap.parse_args(argv)
    sizes = [1 << k for k in range(args.min_log2, args.max_log2 + 1)]

    print(f"fastact {fastact.__version__}, isa {fastact.config()['isa']}, float32, "
          f"min of {args.repeats} loops of >= {args.min_ms} ms; crossover: 2 threads "
          f">= {int((GAIN - 1) * 100)}% faster than 1 from this n on\n")
    print("| kernel | registry grain | crossover n | 1 thread µs/call | 2 threads µs/call | speed-up | suggested grain |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    rows = []
    seen = set()
    for act, params, vid, label in benchutil.bench_variants():
        # prelu and rrelu in evaluation mode run leaky_relu: measured once
        kname = benchutil.effective_kernel(act, params)
        if kname in seen:
            continue
        seen.add(kname)
        kid = _api.KERNEL_IDS[kname]
        saved = _core.get_grain(kid)
        f = getattr(fastact, act.name)
        res = {}
        try:
            _core.set_grain(kid, 1)
            for n in sizes:
                x = benchutil.pristine("float32", n).copy()
                o = np.empty_like(x)
                fn = lambda: f(x, out=o, **params)  # noqa: E731
                t = {}
                for th in (1, 2):
                    with fastact.threads(th):
                        t[th] = benchutil.time_call(fn, args.repeats, args.min_ms / 1e3)
                res[n] = t
        finally:
            _core.set_grain(kid, saved)
        assert _core.get_grain(kid) == saved
        cross = None
        for n in reversed(sizes):
            if res[n][1] / res[n][2] >= GAIN:
                cross = n
            else:
                break
        if cross is None:
            print(f"| {kname} | {saved} | none <= 2^{args.max_log2} | – | – | – | keep |")
            rows.append((kname, saved, None))
            continue
        t1, t2 = res[cross][1], res[cross][2]
        print(f"| {kname} | {saved} | {cross} (2^{cross.bit_length() - 1}) | {t1 * 1e6:.2f} | "
              f"{t2 * 1e6:.2f} | {t1 / t2:.2f}x | {cross} |")
        rows.append((kname, saved, cross))
        sys.stdout.flush()

    found = [c for _, _, c in rows if c]
    print()
    for kname, saved, cross in rows:
        verdict = ("unchanged" if cross == saved else
                   f"registry has {saved}" if cross else "no crossover found")
        print(f"suggested grain {kname:>10}: {cross if cross else '-':>8}  ({verdict})")
    if found:
        print(f"\nrange of crossovers: {min(found)} .. {max(found)} elements")


if __name__ == "__main__":
    main()
