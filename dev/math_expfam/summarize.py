"""Markdown tables from saved harness output.
  python3 summarize.py f32 exhaustive.txt [strided7.txt ...]   (./h32 acc output)
  python3 summarize.py f64 h64_full.txt                        (./h64 acc output)"""
import re
import sys

def summarize32(files):
    """table from saved ./h32 acc output"""
    pat = re.compile(r"^(\S+)\s+(base|avx2|avx512)\s+stride=(\d+) n=(\d+): max (\d+) ulp \(x=\S+ = (\S+)\), "
                     r"([\d.]+) ulp vs exact \(x=\S+ = (\S+)\), over\((\d+)\): (\d+), bad: (\d+), "
                     r"subn-truth n=(\d+) max (\S+) FLT_MIN")
    rows = {}
    order = []
    for fn in files:
        for line in open(fn):
            m = pat.match(line)
            if not m:
                continue
            case, isa = m.group(1), m.group(2)
            if case not in rows:
                order.append(case)
                rows[case] = {}
            rows[case][isa] = m.groups()
    print("| case | inputs | max ULP base/avx2/avx512 | vs exact base/avx2/avx512 (worst x, FMA ISAs) | over bound | subnormal-truth abs err |")
    print("|---|---|---|---|---|---|")
    for c in order:
        r = rows[c]
        isas = [i for i in ("base", "avx2", "avx512") if i in r]
        stride = r[isas[0]][2]
        inputs = "all 2^32" if stride == "1" else f"every {stride}th"
        ulps = "/".join(r[i][4] for i in isas)
        ex = "/".join(r[i][6] for i in isas)
        worst = r[isas[-1]][7]
        over = sum(int(r[i][9]) + int(r[i][10]) for i in isas)
        sub = max(float(r[i][12]) for i in isas)
        print(f"| {c} | {inputs} | {ulps} | {ex} (x = {worst}) | {over} | <= {sub:.2g} FLT_MIN |")


def summarize64(fn):
    """table from saved ./h64 acc output"""
    pat = re.compile(r"^(\S+)\s+(base|avx2|avx512)\s+max ([\d.]+) ULP at x=(\S+)")
    cpat = re.compile(r"near the zero crossing \(\|y\| < T/8, T = (\S+), (\d+) points\): max abs err ([\d.]+) ulp")
    rows, order, last = {}, [], None
    for line in open(fn):
        m = pat.match(line)
        if m:
            c, isa = m.group(1), m.group(2)
            if c not in rows:
                rows[c] = {}
                order.append(c)
            rows[c][isa] = [m.group(3), m.group(4), ""]
            last = (c, isa)
            continue
        m = cpat.search(line)
        if m and last:
            rows[last[0]][last[1]][2] = f"{m.group(3)} ulp(T={m.group(1)})"
    print("| case | max ULP base / avx2 / avx512 | worst x (avx512) | zero-crossing region (abs err) |")
    print("|---|---|---|---|")
    for c in order:
        r = rows[c]
        print(f"| {c} | {' / '.join(r[i][0] for i in ('base', 'avx2', 'avx512'))} | {float(r['avx512'][1]):.6g} | "
              f"{' / '.join(r[i][2] for i in ('base', 'avx2', 'avx512')) if r['base'][2] else ''} |")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "f32":
        summarize32(sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "f64":
        summarize64(sys.argv[2])
    else:
        print(__doc__)
