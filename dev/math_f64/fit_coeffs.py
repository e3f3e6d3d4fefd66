#!/usr/bin/env python3
"""Fit the polynomial coefficients used by src_c/fa_math_f64.h.

Method: interpolate the target function at Chebyshev nodes of the interval
(near-minimax), in mpmath at 60 digits, convert to monomial coefficients in
the evaluation variable, round each coefficient to double, then measure the
max relative error of the double-coefficient polynomial (in mpmath) on a
dense grid.  Prints C initialisers.

Functions fitted:
  Q(r)  = (exp(r) - 1 - r) / r^2          r in [-0.3467, 0.3467]   (exp/expm1)
  V(w)  = (2 atanh(s) - 2 s) / s^3, w=s^2  w in [0, 0.0401]        (log1p)
  H(u)  = erfc(a/sqrt2) exp(a^2/2) (a + 5)/2, u = 2a/(a + 5) - 7/4,
          a = |x| in [0, 40], degree 23                              (gelu)
          (u = t - 3/4 for the map t = (a - 5)/(a + 5): expanding about
          t = 3/4 keeps sum|c_k u^k| ~ 1.25 H)
  D(u)  ~ H'(u), degree 4, |D - H'| <= 0.9% of H: applies the low part
          of u, H(uh + ul) ~ H(uh) + ul D(uh)                        (gelu)
  S(s)  = erf(sqrt(s/2))/(2 sqrt(s)), s = x^2 in [0, 1], degree 10   (gelu)

Usage: python3 fit_coeffs.py [Q] [V] [H] [S]   (no argument: all)
"""
import sys
import mpmath as mp
mp.mp.dps = 60


def cheb_interp_monomial(f, a, b, deg):
    """Monomial coeffs (in the original variable) of the degree-deg
    Chebyshev interpolant of f on [a, b]."""
    N = deg + 1
    nodes = [mp.cos(mp.pi * (k + mp.mpf(1) / 2) / N) for k in range(N)]
    xs = [(b - a) / 2 * u + (b + a) / 2 for u in nodes]
    # Solve Vandermonde in mpmath (60 digits is plenty for deg <= 30)
    A = mp.matrix(N, N)
    for i, x in enumerate(xs):
        p = mp.mpf(1)
        for j in range(N):
            A[i, j] = p
            p *= x
    y = mp.matrix([f(x) for x in xs])
    c = mp.lu_solve(A, y)
    return [c[j] for j in range(N)]


def max_rel_err(f, coeffs, a, b, n=3000, weight=None):
    cd = [mp.mpf(float(c)) for c in coeffs]
    worst = (0, None)
    for i in range(n + 1):
        x = a + (b - a) * i / n
        p = mp.mpf(0)
        for c in reversed(cd):
            p = p * x + c
        fx = f(x)
        w = weight(x) if weight else 1
        e = abs((p - fx) * w / fx) if fx != 0 else abs(p - fx)
        if e > worst[0]:
            worst = (e, x)
    return worst


def show(name, coeffs):
    print("/* %s */" % name)
    for j, c in enumerate(coeffs):
        print("#define %s%d %s" % (name, j, float(c).hex()))


def Q(r):
    if abs(r) < mp.mpf('1e-20'):
        return mp.mpf(1) / 2 + r / 6
    return (mp.exp(r) - 1 - r) / r ** 2


def V(w):
    if w == 0:
        return mp.mpf(2) / 3
    s = mp.sqrt(w)
    return (2 * mp.atanh(s) - 2 * s) / s ** 3


if __name__ == "__main__":
    which = sys.argv[1:] or ["Q", "V", "H", "S"]
    if "Q" in which:
        a, b = mp.mpf('-0.3467'), mp.mpf('0.3467')
        for deg in (9, 10):
            c = cheb_interp_monomial(Q, a, b, deg)
            # expm1(r) = r + r^2 Q: relative error of expm1 ~ |r| * err(Q)/expm1
            e = max_rel_err(Q, c, a, b, weight=lambda r: abs(r * r * Q(r) / mp.expm1(r)) if r else 0)
            print("// Q deg %d: max rel err contribution to expm1 %s at %s" % (deg, mp.nstr(e[0], 3), mp.nstr(e[1], 5)))
        show("FA64_EXPQ", c)
    if "V" in which:
        a, b = mp.mpf(0), mp.mpf('0.0401')
        for deg in (6, 7):
            c = cheb_interp_monomial(V, a, b, deg)
            # log1p(f) = f - s(f - s^2 V): error of s^3 V relative to log ~ w*err(V)*|s|/|log| ~ w*err/2
            e = max_rel_err(V, c, a, b, weight=lambda w: w / 2)
            print("// V deg %d: max rel err contribution %s at %s" % (deg, mp.nstr(e[0], 3), mp.nstr(e[1], 5)))
        show("FA64_LOGV", c)



# ---- gelu variant used by the header: mapping in a = |x| directly ----
# H(u) = 0.5 erfc(a/sqrt2) exp(a^2/2) (a + 5),  u = 2a/(a + 5) - 7/4,
# a in [0, 40]  ->  u in [-7/4, 80/45 - 7/4];   D2(u) ~ H'(u) (degree 4).
# (Same shape as G with K = 5/sqrt2, but no rounding of a/sqrt2 is needed
# and 1/(a + 5) serves both the mapping and the final scaling.)
def H(u):
    v = u + mp.mpf(7) / 4
    a = 5 * v / (2 - v)
    return mp.erfc(a / mp.sqrt(2)) * mp.exp(a * a / 2) * (a + 5) / 2


def fit_h():
    mp.mp.dps = 60
    a, b = mp.mpf(-7) / 4, mp.mpf(80) / 45 - mp.mpf(7) / 4
    for deg in (22, 23):
        c = cheb_interp_monomial(H, a, b, deg)
        e = max_rel_err(H, c, a, b, n=2000)
        print("// H deg %d: max rel err %s at %s" % (deg, mp.nstr(e[0], 3), mp.nstr(e[1], 5)))
    show("FA64_GELUH", c)
    mp.mp.dps = 40
    c = cheb_interp_monomial(lambda u: mp.diff(H, u), a, b, 4)
    us = [a + (b - a) * i / 300 for i in range(301)]
    err = max(abs(sum(float(ck) * u ** k for k, ck in enumerate(c)) - mp.diff(H, u)) / H(u) for u in us)
    print("// D2 deg 4: max |D2 - H'|/H = %s" % mp.nstr(err, 3))
    show("FA64_GELUD", c)


if __name__ == "__main__" and ("H" in sys.argv[1:] or len(sys.argv) == 1):
    fit_h()


# ---- gelu for |x| <= 1: gelu(x) = x/2 + x^2 S(x^2) ----
def S(s):
    if s == 0:
        return 1 / mp.sqrt(2 * mp.pi)
    return mp.erf(mp.sqrt(s / 2)) / (2 * mp.sqrt(s))


def fit_s():
    mp.mp.dps = 60
    a, b = mp.mpf(0), mp.mpf(1)
    for deg in (10,):
        c = cheb_interp_monomial(S, a, b, deg)
        e = max_rel_err(S, c, a, b, n=2000)
        print("// S deg %d: max rel err %s at %s" % (deg, mp.nstr(e[0], 3), mp.nstr(e[1], 5)))
    show("FA64_GELUS", c)


if __name__ == "__main__" and ("S" in sys.argv[1:] or len(sys.argv) == 1):
    fit_s()
