"""Summarise acc output (./bin/acc ...) into a markdown table: per function and
dtype, max ULP per ISA over all parameter sets (production loop), the max
floor factor K and the max ULP away from the zeros of f' where the floor was
used (f64 sinc / sinc_normalized)."""
import re, sys, collections
rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    m = re.match(r'(\S+)\s+f(32|64)\s+(\S+)\s+a=\S+\s+n=(\d+)\s+max\s+([\d.]+) ULP at x=(\S+)', line)
    if not m: continue
    name, bits, var, n, u, x = m.groups()
    if var.startswith('fast/') or var == 'slow': continue
    key = (name, bits)
    r = rows.setdefault(key, {'n': 0})
    u = float(u)
    K = re.search(r'max K=([\d.e+-]+) at x=(\S+); away from zeros max ([\d.]+) ULP', line)
    if var in ('base', 'avx2', 'avx512'):
        r['n'] += int(n) if var == 'base' else 0
        if K:
            r[var] = max(r.get(var, 0), float(K.group(3)))
            r['K'] = max(r.get('K', 0), float(K.group(1)))
        else:
            if u > r.get(var, -1): r[var] = u; r[var + 'x'] = x
print('| function | dtype | points | base | avx2 | avx512 | floor K (f64) |')
print('|---|---|---|---|---|---|---|')
for (name, bits), r in rows.items():
    print('| %s | f%s | %d | %.3f | %.3f | %.3f | %s |' % (name, bits, r['n'], r.get('base', 0), r.get('avx2', 0), r.get('avx512', 0),
          ('%.3f' % r['K']) if 'K' in r else '-'))
