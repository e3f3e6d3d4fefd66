#!/usr/bin/env python3
"""Hard cases for the f64 argument reduction: doubles x = M 2^(e-52)
(2^52 <= M < 2^53) closest to multiples of pi/2, per binade e in [0, 60],
found from the continued fraction of c = (pi/2) 2^(52-e): candidates
k = a q_n + b q_(n-1) (small a, b), M = round(k c).  Prints
"x_hex |r|_log2" lines (x = M 2^(e-52)); c64 reads the x's."""
import mpmath as mp
mp.mp.dps = 120
out = []
for e in range(0, 61):
    c = mp.pi / 2 * mp.mpf(2) ** (52 - e)
    K1 = int(mp.ceil(mp.mpf(2) ** 52 / c)); K2 = int(mp.floor(mp.mpf(2) ** 53 / c))
    # convergents of c
    qs = [1, 0]; a = c
    convs = []
    for _ in range(60):
        ai = int(mp.floor(a)); frac = a - ai
        q = ai * qs[-1] + qs[-2]; qs.append(q)
        if q > 4 * K2: break
        convs.append(q)
        if frac == 0: break
        a = 1 / frac
    cands = set()
    for i in range(1, len(convs)):
        for B in range(-12, 13):
            A0 = max(0, -(-(K1 - B * convs[i - 1]) // convs[i]))
            for A in range(A0, A0 + 12):
                k = A * convs[i] + B * convs[i - 1]
                if K1 <= k <= K2:
                    cands.add(k)
    best = []
    for k in cands:
        M = int(mp.nint(k * c))
        if not (2 ** 52 <= M < 2 ** 53):
            continue
        r = abs(M - k * c) * mp.mpf(2) ** (e - 52)
        best.append((r, M, k))
    best.sort()
    for r, M, k in best[:6]:
        x = mp.mpf(M) * mp.mpf(2) ** (e - 52)
        out.append((float(x), float(mp.log(r, 2))))
for x, lr in out:
    print(x.hex(), "%.2f" % lr)
