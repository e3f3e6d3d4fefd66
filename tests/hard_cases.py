"""Hard cases per function, in the style of NumPy's umath validation sets.

    python tests/hard_cases.py        # rewrites tests/data/hard-cases-<name>.csv

Each CSV line is ``dtype,input,output,ulperrortol`` with the input and the
expected output as hex bit patterns.  The points are the ones where kernels
go wrong: +-0, +-inf, NaN, the smallest subnormals, the normal/subnormal
boundary, the largest finite values, and for each function its saturation
cut-offs and the points where its approximation switches branch (each with
its neighbours one ULP away).  Finite expected outputs come from mpmath at
4000 bits, straight from the mathematical definition (tests/mp_formulas.py),
rounded once to the dtype; they do not use fastact or its oracle.  The
values at +-inf and NaN, exact zeros (whose sign is a convention) and the
few points where mpmath overflows (erfc(1e38)) come from the oracle.  tests/test_hard_cases.py replays every file on every ISA.
"""
import csv
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

# Where the kernels switch branch or saturate (see the comments of the
# element functions in src_c/fa_math_*.h), beyond the generic points below.
SWITCH_POINTS = {
    "relu": [0.0], "leaky_relu": [0.0], "elu": [-100.0, -17.0, -88.0, -1e-8],
    "selu": [-100.0, -17.0, -1e-8], "sigmoid": [-104.0, -87.3, -16.6, 16.6, 87.3, 104.0],
    "tanh": [0.5625, -0.5625, 9.01, 9.5, -9.5, 1e-4], "silu": [-120.0, 120.0, -104.0, -88.0],
    "softplus": [20.0, -104.0, -88.0, 19.99], "gelu": [-1.0, 1.0, -10.0, -13.2, -14.0, -38.0, 5.5, 10.0],
    "mish": [-20.0, 20.0, -88.0, -104.0],
    "identity": [1.5], "binary_step": [0.0], "arctan": [0.4375, 1.0, 2.4375, 16.0, 2.0**24, 2.0**-12],
    "softsign": [1.0, 2.0**24], "isru": [1.0, 2.0**12, 2.0**60, 1e19], "isrlu": [-1.0, -2.0**60],
    "prelu": [0.0], "rrelu": [0.0], "srelu": [-1.0, 2.0], "apl": [0.0, 1.5],
    "bent_identity": [1.0, 2.0**26, -2.0**26, 1e19], "swish": [-104.0, -120.0, 120.0, -88.0],
    "soft_exponential": [0.0, -2.0, 2.0**-20, -1.3862943611198906 / 0.5 * 0.5],
    "sinusoid": [np.pi, 2 * np.pi, np.pi / 4, 100.0, 1e5, 2.0**20, 2.0**24, 1e22, 3.0e38, 1e300],
    "sinc": [np.pi, 2 * np.pi, 1e-4, 2.0**20, 1e22, 3.0e38],
    "gaussian": [1.0, 9.0, 9.3, 10.1, 26.5, 27.3], "celu": [-100.0, -17.0, -1e-8],
    "hardtanh": [-1.0, 1.0], "relu6": [6.0, 0.0], "hardsigmoid": [-3.0, 3.0, -2.999],
    "hardswish": [-3.0, 3.0, -2.999], "logsigmoid": [-20.0, 16.6, 87.3, 104.0, 105.0],
    "tanhshrink": [0.0625, 0.5625, 0.6, 1.0, 3.0, 9.01, 2.0**-40],
    "softshrink": [0.5, -0.5], "hardshrink": [0.5, -0.5], "threshold": [0.5],
    "quick_gelu": [-61.1, -70.0, 51.0, -104.0 / 1.702], "exp": [88.72, 89.0, -87.3, -103.9, -104.0, 709.78, -745.1],
    "expm1": [-1e-8, 0.34, -0.34, 88.72, -17.0, -37.5], "log1p": [-1.0, -0.5, -0.29, 0.41, 1e-8, 2.0**24],
}


def generic_points(dtype):
    info = np.finfo(dtype)
    v = [0.0, info.smallest_subnormal, info.smallest_subnormal * 3, info.tiny,
         np.nextafter(info.tiny, dtype(0)), info.max, np.nextafter(info.max, dtype(0)),
         1.0, 0.5, 2.0, 1e-3]
    return [dtype(s * a) for a in v for s in (1, -1)]


def points(name, dtype):
    pts = generic_points(dtype)
    for p in SWITCH_POINTS.get(name, []):
        for s in (1, -1):
            with np.errstate(over="ignore"):
                c = dtype(s * p)
            if np.isfinite(c):
                pts += [c, np.nextafter(c, dtype(np.inf)), np.nextafter(c, dtype(-np.inf))]
    pts += [dtype(np.inf), dtype(-np.inf), dtype(np.nan)]
    out, seen = [], set()
    for p in pts:
        key = np.asarray(p, dtype).tobytes()
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def hex_of(v, dtype):
    u = np.asarray(v, dtype).view(np.uint32 if dtype == np.float32 else np.uint64)
    return f"0x{int(u):0{8 if dtype == np.float32 else 16}x}"


def from_hex(text, dtype):
    u = (np.uint32 if dtype == np.float32 else np.uint64)(int(text, 16))
    return np.asarray(u).view(dtype)[()]


def round_to(v, dtype):
    """An mpmath value rounded once (to nearest, ties to even) to dtype,
    subnormals and overflow included."""
    import mpmath
    prec, emin = (24, -149) if dtype == np.float32 else (53, -1074)
    tiny = mpmath.mpf(2) ** (emin + prec - 1)
    if abs(v) < tiny:
        r = mpmath.nint(v * mpmath.mpf(2) ** -emin) * mpmath.mpf(2) ** emin
    else:
        with mpmath.workprec(prec):
            r = +v
    with np.errstate(over="ignore"):
        y = dtype(float(r)) if abs(r) < mpmath.mpf(2) ** 1024 else dtype(np.inf)
    return np.copysign(y, dtype(-1.0 if v < 0 else 1.0))   # underflow keeps the sign


def expected(name, params, x, dtype):
    """mpmath at 4000 bits for finite results; the oracle for infinities, NaN
    and exact zeros (whose sign is a documented convention)."""
    import mpmath
    from fastact import reference
    from mp_formulas import mp_formulas
    oracle = getattr(reference, name)(np.asarray([x], dtype), **params)[0]
    if not np.isfinite(x) or not np.isfinite(oracle):
        return oracle
    # 4000 bits: the plain formulas cancel (x - tanh x at x = 1e-300 needs
    # about 2000 bits more than the result); no point needs more
    with mpmath.workprec(4000):
        f = mp_formulas(mpmath, params, float32=(dtype == np.float32))[name]
        try:
            v = f(mpmath.mpf(float(x)))
        except (OverflowError, ValueError, ZeroDivisionError):
            return oracle   # mpmath gives up (erfc of 1e38): far in a saturated tail
        if v == 0:
            return oracle
        return round_to(v, dtype)


def tolerance(act, dtype):
    return act.ulp_bound(np.dtype(dtype).name, act.typical_params())


def main():
    from fastact._registry import ACTIVATIONS
    os.makedirs(os.path.join(HERE, "data"), exist_ok=True)
    for act in ACTIVATIONS:
        params = act.typical_params()
        rows = []
        for dtype in (np.float32, np.float64):
            for x in points(act.name, dtype):
                y = expected(act.name, params, x, dtype)
                rows.append([f"np.{np.dtype(dtype).name}", hex_of(x, dtype), hex_of(y, dtype),
                             tolerance(act, dtype)])
        path = os.path.join(HERE, "data", f"hard-cases-{act.name}.csv")
        with open(path, "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["dtype", "input", "output", "ulperrortol"])
            w.writerows(rows)
        print(f"{path}: {len(rows)} cases")


if __name__ == "__main__":
    main()
