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
  G(u)  = erfc(z) exp(z^2) (z + K),        u = (z - K)/(z + K) - 3/4
          = 1/4 - 2K/(z + K),  K = 3.5, z in [0, 28]
          -> u in [-7/4, (28-K)/(28+K) - 3/4]                       (erfc)
          (expanding about t = 3/4 rather than t = 0 keeps
          sum|c_k u^k| / G ~ 1.25, so Horner loses almost nothing)
  D(u)  ~ G'(u), degree 4, relative (to G) error <= 0.8%: used only to
          apply the low part of u = u_h + u_l, G ~ G(u_h) + u_l D(u_h).
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


K = mp.mpf('3.5')
SH = mp.mpf('0.75')


def G(t):
    z = K * (1 + t) / (1 - t)
    return mp.erfc(z) * mp.exp(z * z) * (z + K)


if __name__ == "__main__":
    which = sys.argv[1:] or ["Q", "V", "G", "D"]
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
    if "G" in which:
        a, b = mp.mpf(-1) - SH, (28 - K) / (28 + K) - SH
        Gu = lambda u: G(u + SH)
        for deg in (22, 23):
            c = cheb_interp_monomial(Gu, a, b, deg)
            e = max_rel_err(Gu, c, a, b, n=2000)
            print("// G deg %d: max rel err %s at %s ; max|c| %s" % (deg, mp.nstr(e[0], 3), mp.nstr(e[1], 5), mp.nstr(max(abs(x) for x in c), 3)))
        show("FA64_ERFCG", c)
    if "D" in which:
        a, b = mp.mpf(-1) - SH, (28 - K) / (28 + K) - SH
        mp.mp.dps = 40
        Gu = lambda u: G(u + SH)
        c = cheb_interp_monomial(lambda u: mp.diff(Gu, u), a, b, 4)
        us = [a + (b - a) * i / 300 for i in range(301)]
        err = max(abs(sum(float(ck) * u ** k for k, ck in enumerate(c)) - mp.diff(Gu, u)) / Gu(u) for u in us)
        print("// D deg 4: max |D - G'|/G = %s" % mp.nstr(err, 3))
        show("FA64_ERFCD", c)
