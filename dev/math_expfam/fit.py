"""Polynomial fits for src_c/fa_math_expfam.h (run: python3 fit.py).

Chebyshev-node interpolation in 60-digit mpmath (near-minimax), converted to
monomials, coefficients rounded to double (or float) one at a time from the
lowest degree with the higher ones re-interpolated; prints C hex constants
and the max relative error of the rounded polynomial on a dense grid."""
import sys
import mpmath as mp

mp.mp.dps = 60


def interp(f, a, b, deg, fixed):
    """monomial coeffs c[0..deg] interpolating f at deg+1-len(fixed) Chebyshev
    nodes with c[j] = fixed[j] for the first len(fixed) coefficients."""
    nf = len(fixed)
    m = deg + 1 - nf
    nodes = [(a + b) / 2 + (b - a) / 2 * mp.cos(mp.pi * (k + mp.mpf(1) / 2) / m) for k in range(m)]
    A = mp.matrix(m, m)
    rhs = mp.matrix(m, 1)
    for i, t in enumerate(nodes):
        v = f(t) - sum(fixed[j] * t ** j for j in range(nf))
        for j in range(m):
            A[i, j] = t ** (j + nf)
        rhs[i] = v
    c = mp.lu_solve(A, rhs)
    return list(fixed) + [c[j] for j in range(m)]


def rnd(x, kind):
    if kind == "d":
        return mp.mpf(float(x))
    import struct
    return mp.mpf(struct.unpack("f", struct.pack("f", float(x)))[0])


def fit(name, f, a, b, deg, kind="d"):
    a, b = mp.mpf(a), mp.mpf(b)
    # interpolate once in full precision, then round every coefficient (the
    # higher ones are scaled by t^j << 1, so rounding them costs nothing)
    fixed = [rnd(c, kind) for c in interp(f, a, b, deg, [])]
    err = 0
    for i in range(2001):
        t = a + (b - a) * i / 2000
        p = sum(fixed[j] * t ** j for j in range(deg + 1))
        err = max(err, abs(p / f(t) - 1))
    print(f"/* {name}: degree {deg} on [{float(a)}, {float(b)}], max rel err {float(err):.3g} */")
    for j, c in enumerate(fixed):
        s = float(c).hex()
        print(f"#define {name}{j} {s}{'f' if kind == 'f' else ''}")
    return fixed


def tsh(w):
    """(x - tanh x)/x^3 with w = x^2."""
    if w == 0:
        return mp.mpf(1) / 3
    x = mp.sqrt(w)
    return (x - mp.tanh(x)) / (x * w)


def expq(r):
    """(expm1(r) - r)/r^2 (the series near 0: an odd number of Chebyshev
    nodes puts one at ~1e-60, where the quotient cancels at 60 digits)"""
    if abs(r) < mp.mpf(10) ** -20:
        return mp.mpf(1) / 2 + r / 6
    return (mp.expm1(r) - r) / (r * r)


L2 = float(mp.log(2) / 2) * 1.002
jobs = {
    # float64 tanhshrink, |x| < 0.3 (the 1/3 term is split hi+lo in the code)
    "tsh64": lambda: fit("FAEX64_TSH", tsh, 0, 0.3 ** 2, 9),
    # float32 tanhshrink (evaluated in double), |x| < 0.25
    "tsh32": lambda: fit("FAEX32_TSH", tsh, 0, 0.25 ** 2, 5),
    # expm1(r) = r + r^2 Q(r), |r| <= ln2/2, for the float32 tanhshrink (in double)
    "expq7": lambda: fit("FAEX32_EXPQ", expq, -L2, L2, 7),
    # expm1(r) = r + r^2 q(r), |r| <= ln2/2, q of degree 4 in float: the
    # softmax exponential (faex32_expm1_poly4)
    "expq4f": lambda: fit("FAEX32_EXPQ4F", expq, -L2, L2, 4, "f"),
}
if __name__ == "__main__":
    for j in (sys.argv[1:] or jobs):
        jobs[j]()
