"""Summarise full_sweep.txt: per function and ISA, max ULP / max exact-ULP / over / bad / subnormal err."""
import re, sys
rows = {}
for line in open(sys.argv[1] if len(sys.argv) > 1 else "full_sweep.txt"):
    m = re.match(r"(\S+)\s+(\S+)\s.*?max (\d+) ulp \(x=(\S+) .*?max ([\d.]+) ulp vs exact \(x=(\S+)\), over bound\((\d+)\): (\d+), nan/inf bad: (\d+), subnormal-truth: n=(\d+) max abs err (\S+)\*FLT_MIN", line)
    if m:
        f, isa, u, ux, fr, fx, b, over, bad, ns, sub = m.groups()
        print(f"{f:10s} {isa:6s} max {u} ulp (x={ux}), {fr} ulp vs exact (x={fx}), over {over}, bad {bad}, subnormal-truth max err {float(sub):.2g} FLT_MIN")
