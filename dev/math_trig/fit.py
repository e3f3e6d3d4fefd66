#!/usr/bin/env python3
"""Fit the polynomials of src_c/fa_math_trig.h (all evaluated in double).

Method: Chebyshev-node interpolation of the target g(z) on [0, zmax] in the
evaluation variable z (mpmath, 60 digits), converted to monomials in z,
coefficients rounded to double; then the max relative error of the FINAL
function (e.g. t + t z P(z) vs atan(t)) with the rounded coefficients is
measured in mpmath on a dense grid.  Prints C #defines.

  ATAN: atan(t) = t + t z P(z),      z = t^2, |t| <= tan(pi/8)
  SIN:  sin(r)  = r + r z S(z),      z = r^2, |r| <= pi/4 (+margin)
  COS:  cos(r)  = 1 - z/2 + z^2 C(z) (f64);  1 + z C(z) (f32, COSF)

Usage: python3 fit.py           (all)
"""
import mpmath as mp
mp.mp.dps = 60

TP8 = mp.tan(mp.pi / 8) * (1 + mp.mpf('1e-6'))
PI4 = mp.pi / 4 * (1 + mp.mpf('1e-6'))


def cheb_monomial(g, a, b, deg):
    N = deg + 1
    nodes = [mp.cos(mp.pi * (k + mp.mpf(1) / 2) / N) for k in range(N)]
    xs = [(b - a) / 2 * u + (b + a) / 2 for u in nodes]
    A = mp.matrix(N, N)
    for i, x in enumerate(xs):
        p = mp.mpf(1)
        for j in range(N):
            A[i, j] = p
            p *= x
    c = mp.lu_solve(A, mp.matrix([g(x) for x in xs]))
    return [mp.mpf(float(c[j])) for j in range(N)]


def horner(c, z):
    p = mp.mpf(0)
    for v in reversed(c):
        p = p * z + v
    return p


def g_atan(z):
    if z < mp.mpf('1e-30'):
        return -mp.mpf(1) / 3 + z / 5
    t = mp.sqrt(z)
    return (mp.atan(t) - t) / (t * z)


def g_sin(z):
    if z < mp.mpf('1e-30'):
        return -mp.mpf(1) / 6 + z / 120
    r = mp.sqrt(z)
    return (mp.sin(r) - r) / (r * z)


def g_cos(z):  # (cos r - 1 + z/2)/z^2
    if z < mp.mpf('1e-30'):
        return mp.mpf(1) / 24 - z / 720
    r = mp.sqrt(z)
    return (mp.cos(r) - 1 + z / 2) / z ** 2


def g_cosf(z):  # (cos r - 1)/z
    if z < mp.mpf('1e-30'):
        return -mp.mpf(1) / 2 + z / 24
    r = mp.sqrt(z)
    return (mp.cos(r) - 1) / z


def err(final, truth, xmax, n=4000):
    w = 0
    for i in range(1, n + 1):
        x = xmax * i / n
        e = abs(final(x) / truth(x) - 1)
        w = max(w, e)
    return w


def run(name, g, zmax, deg, final, truth, xmax):
    c = cheb_monomial(g, mp.mpf(0), zmax, deg)
    e = err(lambda x: final(c, x), truth, xmax)
    print("/* %s: degree %d in z, max rel error of the final function %.3g (2^%.1f) */"
          % (name, deg, float(e), float(mp.log(e, 2)) if e > 0 else -999))
    for j, v in enumerate(c):
        print("#define FATR_%s%d %s" % (name, j, float(v).hex()))


if __name__ == "__main__":
    fa = lambda c, t: t + t * t * t * horner(c, t * t)
    fs = lambda c, r: r + r * r * r * horner(c, r * r)
    fc = lambda c, r: 1 - r * r / 2 + r ** 4 * horner(c, r * r)
    fcf = lambda c, r: 1 + r * r * horner(c, r * r)
    # float32 targets (evaluated in double, ~2^-32 is plenty)
    run("ATANF", g_atan, TP8 ** 2, 5, fa, mp.atan, TP8)
    run("SINF", g_sin, PI4 ** 2, 3, fs, mp.sin, PI4)
    run("COSF", g_cosf, PI4 ** 2, 4, fcf, mp.cos, PI4)
    # float64 targets
    run("ATAN", g_atan, TP8 ** 2, 10, fa, mp.atan, TP8)
    run("SIN", g_sin, PI4 ** 2, 6, fs, mp.sin, PI4)
    run("COS", g_cos, PI4 ** 2, 5, fc, mp.cos, PI4)
