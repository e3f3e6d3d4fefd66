"""Accuracy measurement against the oracle, for tests and for the README.

    python -m fastact.accuracy            # dense sweep, every kernel, every ISA
    python -m fastact.accuracy --markdown # the same, as the README's table
    python -m fastact.accuracy --axis     # the softmax family, the gated units
    python -m fastact.accuracy --exhaustive [--function NAME]
                                          # all 2^32 float32 inputs (slow)

Errors are in ULP of the dtype, measured against the oracle's unrounded value
(``fastact.reference.exact``): float64 truth for float32/float16 kernels, and
np.longdouble truth (80-bit on x86-64) for float64 kernels, or mpmath for the
erf GELU, whose float64 oracle (the C library's erfc, about 1 ULP) is not
exact enough to judge a float64 kernel.

Where the true value is below the dtype's smallest normal number (the result
would be subnormal) the kernels may flush toward zero: there the error is
accepted if it is at most that smallest normal in absolute terms (the
"subnormal floor") and reported as 0 ULP.
"""
import argparse
import functools
import sys
import time

import numpy as np

from . import _core, reference
from ._registry import ACTIVATIONS, BY_NAME

LONGDOUBLE_OK = np.finfo(np.longdouble).nmant >= 63

# The oracle's own rounding, in ULP of the kernel's dtype: a bound is checked
# as `error <= bound + ORACLE_SLACK`.  It matters only for correctly rounded
# kernels (bound 0.5) whose truth is not exact: float64 truth carries about
# 2^-53 relative error per operation (2^-29 ULP of float32), long double truth
# 2^-64 (2^-11 ULP of float64, a few times more where terms cancel).
ORACLE_SLACK = {"float32": 2.0 ** -20, "float64": 2.0 ** -7, "float16": 0.0}


def within(err, bound, dtype_name):
    return err <= bound + ORACLE_SLACK[dtype_name]


def ulp_error(y, truth, dtype):
    """Per-element error of ``y`` (dtype) against ``truth`` (a wider float
    array), in ULP of ``dtype`` at the true value.  NaN where exactly one of
    them is NaN, or where an infinity is wrong; 0 where both are NaN."""
    dtype = np.dtype(dtype)
    info = np.finfo(dtype)
    t = np.asarray(truth)
    yw = np.asarray(y).astype(t.dtype)
    with np.errstate(all="ignore"):
        _, e = np.frexp(np.abs(t))
        e = np.maximum(e, info.minexp + 1)
        ulp = np.ldexp(t.dtype.type(1), e - (info.nmant + 1))
        err = np.abs(yw - t) / ulp
        yv = np.asarray(y)
        # equal infinities, both NaN, or an overflow that the truth also rounds to
        same = (np.isinf(t) & (yv == t)) | (np.isnan(yv) & np.isnan(t))
        same |= np.isinf(yv) & (yv == t.astype(dtype))
        floor = (np.abs(t) < info.tiny) & (np.abs(yw - t) <= info.tiny)
        err = np.where(same | floor, 0, err)
        bad = np.isnan(yv) != np.isnan(t)
        # an infinity is right only where the truth rounds to it
        bad |= np.isinf(yv) & (yv != t.astype(dtype))
        bad |= np.isinf(t) & ~same
        err = np.where(bad, np.nan, err)
    return err.astype(np.float64)


def _frozen(a):
    """Sweeps are built once (lru_cache) and shared: make them read-only."""
    a.flags.writeable = False
    return a


@functools.lru_cache(maxsize=None)
def sweep_f32(n_bits_step=4096, dense=1 << 18):
    """Float32 inputs over the whole range: every 4096th bit pattern
    (2^20 points, every binade of both signs, +-0, +-inf, subnormals), a dense
    uniform grid on [-20, 20], and the hard values."""
    bits = np.arange(0, 1 << 32, n_bits_step, dtype=np.uint64).astype(np.uint32)
    x = bits.view(np.float32)
    x = x[~np.isnan(x)]
    grid = np.linspace(-20, 20, dense, dtype=np.float32)
    return _frozen(np.concatenate([x, grid, special_values(np.float32)]))


@functools.lru_cache(maxsize=None)
def sweep_f64(n_random=1 << 20, dense=1 << 18, seed=0):
    """Float64 inputs: random bit patterns (every binade), a dense grid on
    [-40, 40], and the hard values."""
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 1 << 64, n_random, dtype=np.uint64, endpoint=False).view(np.float64)
    x = x[~np.isnan(x)]
    grid = np.linspace(-40, 40, dense, dtype=np.float64)
    return _frozen(np.concatenate([x, grid, special_values(np.float64)]))


def special_values(dtype):
    info = np.finfo(dtype)
    v = [0.0, -0.0, np.inf, -np.inf, np.nan, info.tiny, -info.tiny, info.smallest_subnormal,
         -info.smallest_subnormal, info.max, -info.max, 1.0, -1.0, 0.5, -0.5, 1e-3, -1e-3,
         1e-20, -1e-20, 9.0, -9.0, 10.0, -10.0, 14.0, -14.0, 15.5, -15.5, 17.0, -17.0,
         20.0, -20.0, 30.0, -30.0, 38.0, -38.0, 40.0, -40.0, 87.3, -87.3, 88.8, -88.8,
         103.9, -103.9, 104.0, -104.0, 709.0, -709.0, 710.0, -710.0, 745.2, -745.2,
         1e10, -1e10, 1e30, -1e30]
    with np.errstate(over="ignore"):
        return np.array(v, dtype=dtype)


def truth(name, params, x, dtype):
    """The oracle's unrounded value for kernels of ``dtype`` on x."""
    comp = np.float64 if np.dtype(dtype) == np.float64 else np.float32
    if np.dtype(dtype) != np.float64:
        return reference.exact(name, x.astype(np.float64), comp, **params)
    if name == "gelu" and params.get("approximate", "none") == "none":
        return reference.exact(name, x.astype(np.longdouble), comp, **params) \
            if x.size <= 1 << 15 else None
    if not LONGDOUBLE_OK:
        return None
    return reference.exact(name, x.astype(np.longdouble), comp, **params)


def run_kernel(fn, x, params, isa):
    previous = _core.get_isa()
    _core.set_isa(isa)
    try:
        return fn(x, **params)
    finally:
        _core.set_isa(previous)


# Random float64 bit patterns per case in the float64 sweep; the command
# line's --f64-points raises it (the README's float64 table uses 10^7).
F64_RANDOM_POINTS = 1 << 20


def measure(name, params, dtype, isa, x=None):
    """(max ULP, worst input, number of NaN/inf mismatches, points) for one
    kernel variant on one ISA."""
    import fastact
    dtype = np.dtype(dtype)
    if x is None:
        x = sweep_f32() if dtype == np.float32 else sweep_f64(F64_RANDOM_POINTS)
        if dtype == np.float64 and name == "gelu" and params.get("approximate") == "none":
            x = _gelu_f64_points()
    t = truth(name, params, x, dtype)
    if t is None:
        return None
    y = run_kernel(getattr(fastact, name), x, params, isa)
    err = ulp_error(y, t, dtype)
    floor = BY_NAME[name].abs_floor(dtype.name, params)
    if floor:   # a stated absolute bound near a zero crossing (soft_exponential)
        with np.errstate(invalid="ignore"):
            err = np.where(np.abs(y.astype(t.dtype) - t) <= floor, np.minimum(err, 0), err)
    mismatches = int(np.isnan(err).sum())
    finite_err = np.where(np.isnan(err), -1, err)
    i = int(np.argmax(finite_err))
    return float(finite_err[i]), float(x[i]), mismatches, x.size


def grad_factors(n, seed=3, dtype=np.float64):
    """grad_output values for the backward sweeps: half exactly 1 (so the
    error is that of f'(x) itself), half random signs and mantissas times
    powers of two in [2^-20, 2^20]."""
    rng = np.random.default_rng(seed)
    g = rng.uniform(1, 2, n) * np.exp2(rng.integers(-20, 21, n)) * rng.choice([-1.0, 1.0], n)
    g[: n // 2] = 1.0
    return g.astype(dtype)


def grad_truth(name, params, g, x, dtype, from_y=False):
    """grad_output * f'(x), unrounded, in the oracle's working precision for
    kernels of ``dtype`` (None where that precision is not available)."""
    comp = np.float64 if np.dtype(dtype) == np.float64 else np.float32
    if np.dtype(dtype) != np.float64:
        wide = np.float64
    elif not LONGDOUBLE_OK:
        return None
    else:
        wide = np.longdouble
    d = reference.exact_grad(name, x.astype(wide), comp, from_y=from_y, **params)
    with np.errstate(all="ignore"):
        return g.astype(wide) * d


def grad_points(name, params, dtype, from_y=False):
    """(g, x) for a backward sweep: the forward's sweep (its output, for
    the y form) with grad_factors."""
    import fastact
    dtype = np.dtype(dtype)
    x = sweep_f32() if dtype == np.float32 else sweep_f64(F64_RANDOM_POINTS)
    if dtype == np.float64 and name == "gelu" and params.get("approximate") == "none":
        x = _gelu_f64_points()
    if from_y:
        x = getattr(fastact, name)(x, **params)
    return grad_factors(x.size, dtype=dtype), x


def measure_grad(name, params, dtype, isa, from_y=False, points=None):
    """(max ULP, worst input, NaN/inf mismatches, points) of NAME_backward
    on one ISA.  The error is in ULPs of max(|truth|, |g| T(x)), with T the
    registry's stated floor where f' crosses zero (Backward.floor_*)."""
    import fastact
    from ._registry import BACKWARD
    dtype = np.dtype(dtype)
    g, x = points if points is not None else grad_points(name, params, dtype, from_y)
    t = grad_truth(name, params, g, x, dtype, from_y)
    if t is None:
        return None
    fn = getattr(fastact, name + "_backward")
    previous = _core.get_isa()
    _core.set_isa(isa)
    try:
        y = fn(g, y=x, **params) if from_y else fn(g, x, **params)
    finally:
        _core.set_isa(previous)
    err = ulp_error(y, t, dtype)
    floor = BACKWARD[name].floor(dtype.name, x.astype(np.float64), params)
    if floor.any():
        scale = np.abs(g.astype(np.float64)) * floor
        with np.errstate(all="ignore"):
            eff = np.maximum(np.abs(t), scale.astype(t.dtype))
            # |y - t| in ULPs of max(|t|, |g| T): the same distance, a larger unit
            dist = np.abs(y.astype(t.dtype) - t)
            _, e = np.frexp(eff)
            info = np.finfo(dtype)
            unit = np.ldexp(t.dtype.type(1), np.maximum(e, info.minexp + 1) - (info.nmant + 1))
            err = np.where(np.isfinite(err) & (scale > 0), np.minimum(err, dist / unit), err)
    mismatches = int(np.isnan(err).sum())
    finite_err = np.where(np.isnan(err), -1, err)
    i = int(np.argmax(finite_err))
    return float(finite_err[i]), float(x[i]), mismatches, x.size


@functools.lru_cache(maxsize=None)
def _gelu_f64_points(n=1 << 14, seed=1):
    """mpmath is slow: a smaller float64 set for the erf GELU, weighted to its
    interesting range [-40, 10] plus random bit patterns and hard values."""
    rng = np.random.default_rng(seed)
    parts = [rng.uniform(-40, 10, n // 2),
             rng.integers(0, 1 << 64, n // 4, dtype=np.uint64).view(np.float64),
             special_values(np.float64)]
    x = np.concatenate(parts)
    return _frozen(x[~np.isnan(x) & (np.abs(x) < 1e300)])


def cases():
    """Every (activation, parameter set) that the accuracy table lists."""
    for act in ACTIVATIONS:
        for params in act.variants():
            yield act, params


def label(act, params):
    defaults = {p.name: p.default for p in act.params}
    extra = ", ".join(f"{k}={v!r}" for k, v in params.items() if defaults.get(k) != v)
    return f"{act.name}({extra})" if extra else act.name


EXHAUSTIVE_BLOCK = 1 << 22


def _exhaustive_chunk(job):
    """Worker: one block of consecutive float32 bit patterns, every ISA.
    Returns per ISA (max ULP, worst input bits, count over bound, NaN/inf
    mismatches).  Results equal to the correctly rounded truth are within
    0.5 ULP by definition; only the others go through ulp_error, which keeps
    a 2^32 sweep to minutes."""
    name, params, start, isas, bound = job
    import fastact
    bits = np.arange(start, start + EXHAUSTIVE_BLOCK, dtype=np.uint64).astype(np.uint32)
    x = bits.view(np.float32)
    keep = ~np.isnan(x)
    x, bits = x[keep], bits[keep]
    t = truth(name, params, x, np.float32)
    with np.errstate(over="ignore"):
        t32 = t.astype(np.float32)
    out = []
    for isa in isas:
        y = run_kernel(getattr(fastact, name), x, params, isa)
        rounded = (y == t32) | (np.isnan(y) & np.isnan(t32))
        worst, wbits = 0.0, 0
        if rounded.any():
            inexact = rounded & (y.astype(np.float64) != t) & ~np.isnan(t)
            if inexact.any():   # correctly rounded but not exact: <= 0.5 ULP
                worst, wbits = 0.5, int(bits[np.argmax(inexact)])
        other = np.flatnonzero(~rounded)
        over = mism = 0
        if other.size:
            err = ulp_error(y[other], t[other], np.float32)
            bad = np.isnan(err)
            mism = int(bad.sum())
            e = np.where(bad, -1, err)
            i = int(np.argmax(e))
            if e[i] > worst:
                worst, wbits = float(e[i]), int(bits[other[i]])
            over = int((~within(e, bound, "float32")).sum())
        out.append((worst, wbits, over, mism))
    return out


def exhaustive(name, params, isas, workers=None, progress=True):
    """Every non-NaN float32 input of one kernel variant on each ISA, in
    2^24-input blocks over a process pool.  Returns {isa: (max ULP, worst x,
    count over bound, NaN/inf mismatches)}."""
    import multiprocessing as mp
    from ._registry import BY_NAME
    bound = BY_NAME[name].ulp_bound("float32", params)
    jobs = [(name, params, start, isas, bound)
            for start in range(0, 1 << 32, EXHAUSTIVE_BLOCK)]
    result = {isa: [0.0, 0, 0, 0] for isa in isas}
    ctx = mp.get_context("spawn")
    with ctx.Pool(workers or _core.get_num_threads()) as pool:
        for done, chunk in enumerate(pool.imap_unordered(_exhaustive_chunk, jobs), 1):
            for isa, (worst, wbits, over, mism) in zip(isas, chunk):
                r = result[isa]
                if worst > r[0]:
                    r[0], r[1] = worst, wbits
                r[2] += over
                r[3] += mism
            if progress and (done % 64 == 0 or done == len(jobs)):
                print(f"\r  {label(BY_NAME[name], params)}: {done}/{len(jobs)} blocks",
                      end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    return {isa: (r[0], float(np.uint32(r[1]).view(np.float32)), r[2], r[3])
            for isa, r in result.items()}


def main_exhaustive(args, isas):
    names = args.function or [a.name for a in ACTIVATIONS]
    print("| function | bound (ULP) | " + " | ".join(f"max ULP {i} (at x)" for i in isas)
          + " | inputs over bound | NaN/inf mismatches |")
    print("|---|---|" + "---|" * len(isas) + "---|---|")
    t0 = time.time()
    failed = False
    for act, params in cases():
        if act.name not in names:
            continue
        res = exhaustive(act.name, params, isas, workers=args.workers)
        over = sum(r[2] for r in res.values())
        mism = sum(r[3] for r in res.values())
        failed |= bool(over or mism)
        cells = " | ".join(f"{r[0]:.3f} ({r[1]:.6g})" for r in res.values())
        print(f"| {label(act, params)} | {act.ulp_bound('float32', params)} | {cells} | "
              f"{over} | {mism} |", flush=True)
    print(f"# exhaustive: all {(1 << 32) - (1 << 24) + 2:,} non-NaN float32 inputs per "
          f"case, {time.time() - t0:.0f} s", file=sys.stderr)
    return 1 if failed else 0


def main_backward(args, isas):
    """Max error of every elementwise backward kernel (and y form) per
    dtype, over the ISAs, as a markdown table (the README's)."""
    from ._registry import BACKWARD, ELEMENTWISE
    print("| function | float32 max ULP | float32 bound | float64 max ULP | float64 bound "
          "| float64 floor T |")
    print("|---|---:|---:|---:|---:|---|")
    t0 = time.time()
    for act, params in cases():
        if act.kind != ELEMENTWISE or (args.function and act.name not in args.function):
            continue
        bw = BACKWARD[act.name]
        forms = [False] + ([True] if bw.has_y_form(params) else [])
        for from_y in forms:
            cells = []
            for dtype in ("float32", "float64"):
                worst, mism = 0.0, 0
                for isa in isas:
                    r = measure_grad(act.name, params, dtype, isa, from_y=from_y)
                    if r is not None:
                        worst, mism = max(worst, r[0]), mism + r[2]
                bound = (bw.y_ulp[0 if dtype == "float32" else 1] if from_y
                         else bw.ulp_bound(act, dtype, params))
                cells += [f"{worst:.2f}" + (f" ({mism} NaN/inf MISMATCHES)" if mism else ""),
                          f"{bound}"]
            floor = "" if from_y or not bw.floor_f64 else "yes"
            name = label(act, params) + (" from y" if from_y else "")
            print(f"| {name} | " + " | ".join(cells) + f" | {floor} |", flush=True)
    print(f"# backward: {time.time() - t0:.0f} s, ISAs {', '.join(isas)}", file=sys.stderr)
    return 0


def axis_inputs(dtype, seed=0):
    """(x, axis) pairs for the axis functions: rows and columns of normal
    values at mixed scales (tails, wide spreads, near-ties), rows offset far
    from 0 (where x - max is not exact in the dtype), rows whose smallest
    terms are subnormal or underflow, and a long row split into segments."""
    rng = np.random.default_rng(seed)

    def mixed(shape):
        scale = rng.choice([0.1, 1.0, 10.0, 50.0], size=shape)
        return rng.standard_normal(shape) * scale

    out = []
    for shape, axis in (((4096, 1000), -1), ((1000, 512), 0), ((20000, 8), -1),
                        ((2, 1 << 17), -1)):
        out.append((mixed(shape), axis))
    for offset in (1e3, -1e4, 3e5):
        out.append((offset + mixed((1000, 256)), -1))
    # spreads of 80-110 below the maximum: results near and below the
    # smallest normal number
    out.append((-rng.uniform(0, 110, size=(1000, 256)), -1))
    return [(x.astype(dtype), axis) for x, axis in out]


def axis_truth(f, params, x, axis):
    """The unrounded oracle value of the axis function f (with params, axis
    excluded) of x along a normalised axis: float64 for float32/float16 x,
    long double for float64 x."""
    from ._registry import GATED, MAXOUT, SOFTMAX
    wide = np.longdouble if x.dtype == np.float64 else np.float64
    comp = np.float64 if x.dtype == np.float64 else np.float32
    if f.kind == SOFTMAX:
        return reference.softmax_exact(x.astype(wide), axis, f.take_log, f.negate)
    if f.kind == MAXOUT:
        return getattr(reference, f.name)(x, axis=axis, **params).astype(wide)
    assert f.kind == GATED
    a, b = np.split(x.astype(wide), 2, axis=axis)
    act, extra = f.gate_for(params)
    return reference.gated_exact(a, b, act, comp, **extra)


def axis_error(f, params, x, y, axis, dtype):
    """Per-element ULP error (ulp_error) of y = f(x) along a normalised axis,
    with the gated units' stated exception applied: where act(b) is
    subnormal it carries up to half a subnormal ULP absolute, which the
    product scales by |a|; such elements count as 0."""
    from ._registry import GATED
    t = axis_truth(f, params, x, axis)
    err = ulp_error(y, t, dtype)
    if f.kind == GATED:
        a, b = np.split(x.astype(np.float64), 2, axis=axis)
        info = np.finfo(dtype)
        act, extra = f.gate_for(params)
        comp = np.float64 if np.dtype(dtype) == np.float64 else np.float32
        g = np.abs(reference.exact(act, b, comp, **extra))
        sub_ulp = info.smallest_subnormal
        with np.errstate(invalid="ignore"):
            ok = (g < info.tiny) & (np.abs(y.astype(t.dtype) - t)
                                    <= np.abs(a).astype(t.dtype) * sub_ulp + sub_ulp)
        err = np.where(ok, 0, err)
    return err


def measure_axis(f, params, dtype, isa):
    """Max ULP error of the axis function f (SOFTMAX or GATED kind) on
    axis_inputs, on one ISA, and the number of NaN/inf mismatches."""
    from ._registry import GATED
    import fastact
    fn = getattr(fastact, f.name)
    worst, mism = 0.0, 0
    for x, axis in axis_inputs(dtype):
        if f.kind == GATED and x.shape[axis] % 2:
            continue
        y = run_kernel(fn, x, dict(params, axis=axis), isa)
        err = axis_error(f, params, x, y, axis % x.ndim, dtype)
        mism += int(np.isnan(err).sum())
        worst = max(worst, float(np.nanmax(err)) if err.size else 0.0)
    return worst, mism


def main_axis(args, isas):
    """Max error of the softmax family and the gated units per dtype, over
    the ISAs, as a markdown table (the README's measured columns)."""
    from ._registry import AXIS_FUNCTIONS, MAXOUT
    print("| function | float32 max ULP | float32 bound | float64 max ULP | float64 bound |")
    print("|---|---:|---:|---:|---:|")
    t0 = time.time()
    failed = False
    for f in AXIS_FUNCTIONS:
        if f.kind == MAXOUT or (args.function and f.name not in args.function):
            continue
        for params in f.variants():
            params = {k: v for k, v in params.items() if k != "axis"}
            cells = []
            for dtype, bound in (("float32", f.ulp_f32), ("float64", f.ulp_f64)):
                if dtype == "float64" and not LONGDOUBLE_OK:
                    cells += ["n/a", f"{bound}"]
                    continue
                worst, mism = 0.0, 0
                for isa in isas:
                    w, m = measure_axis(f, params, dtype, isa)
                    worst, mism = max(worst, w), mism + m
                failed |= bool(mism) or not within(worst, bound, dtype)
                cells += [f"{worst:.2f}" + (f" ({mism} NaN/inf MISMATCHES)" if mism else ""),
                          f"{bound}"]
            name = f.name + "".join(f" {k}={v!r}" for k, v in params.items())
            print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    print(f"# axis: {time.time() - t0:.0f} s, ISAs {', '.join(isas)}", file=sys.stderr)
    return 1 if failed else 0


def main(argv=None):
    global F64_RANDOM_POINTS
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--markdown", action="store_true", help="print the README table")
    ap.add_argument("--isa", action="append", help="ISA(s) to measure (default: all supported)")
    ap.add_argument("--dtype", action="append", help="float32 and/or float64 (default both)")
    ap.add_argument("--exhaustive", action="store_true",
                    help="float32 only: every one of the 2^32 inputs (minutes per function)")
    ap.add_argument("--function", action="append", help="only these functions")
    ap.add_argument("--workers", type=int, help="with --exhaustive: processes (default: threads)")
    ap.add_argument("--backward", action="store_true",
                    help="the backward kernels (NAME_backward, and the y forms) instead")
    ap.add_argument("--axis", action="store_true",
                    help="the softmax family and the gated units instead")
    ap.add_argument("--f64-points", type=int, default=F64_RANDOM_POINTS,
                    help="random float64 bit patterns per case (besides the dense grid)")
    args = ap.parse_args(argv)
    F64_RANDOM_POINTS = args.f64_points
    isas = args.isa or list(_core.isa_supported())
    if args.exhaustive:
        return main_exhaustive(args, isas)
    if args.backward:
        return main_backward(args, isas)
    if args.axis:
        return main_axis(args, isas)
    dtypes = args.dtype or ["float32", "float64"]
    rows = []
    t0 = time.time()
    for act, params in cases():
        if args.function and act.name not in args.function:
            continue
        for dtype in dtypes:
            row = [label(act, params), dtype, act.ulp_bound(dtype, params)]
            for isa in isas:
                r = measure(act.name, params, dtype, isa)
                row.append(r)
            rows.append(row)
            if not args.markdown:
                cells = "  ".join(
                    f"{isa}: {'n/a' if r is None else f'{r[0]:.2f} ULP @ {r[1]:.6g}'}"
                    + ("" if r is None or not r[2] else f" ({r[2]} NaN/inf MISMATCHES)")
                    for isa, r in zip(isas, row[3:]))
                print(f"{row[0]:<32} {dtype:<8} bound {row[2]:<4} {cells}", flush=True)
    if args.markdown:
        print("| function | dtype | bound (ULP) | " + " | ".join(f"max ULP {i}" for i in isas) + " |")
        print("|---|---|---|" + "---|" * len(isas))
        for row in rows:
            cells = " | ".join("n/a" if r is None else f"{r[0]:.2f}" for r in row[3:])
            print(f"| {row[0]} | {row[1]} | {row[2]} | {cells} |")
    print(f"# {time.time() - t0:.0f} s, points per case: float32 {sweep_f32().size}, "
          f"float64 {sweep_f64(F64_RANDOM_POINTS).size} (erf gelu float64: {_gelu_f64_points().size}, mpmath)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
