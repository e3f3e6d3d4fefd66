"""Polynomial fits of the float32 gelu backward kernel (fa_grad_expfam.h,
FA32_MANY_VREGS path).  Dev tool; needs mpmath and numpy, and reuses the
Lawson-weighted least-squares fitter of dev/math_f32/fit.py.

    python dev/grad_expfam/fit_gelu_grad.py x0   # the zero of gelu' as three floats
    python dev/grad_expfam/fit_gelu_grad.py Q    # Q(d) = gelu'(x0 + d)/d, x in [-1.3, 1], degree 13
    python dev/grad_expfam/fit_gelu_grad.py Z    # Z(t) = 1 - Phi(-a)/(a phi(a)), t = (a-4)/(a+1), a in [1, 20], degree 11

Why these forms: near its zero x0 = -0.75179... gelu' = d Q(d) keeps its
relative accuracy down to the floats next to x0 (d formed exactly from x0
in three floats).  In the tails gelu' = Phi(-a) - a phi(a) would cancel;
written as -phi(a) a Z(a), Z = (a - Mills ratio)/a is positive and smooth,
and the map t = (a - 4)/(a + 1) keeps Z's pole at a = 0 far from the
fitted range (t(0) = -4 against t in [-1.5, 0.76]).
"""
import os
import sys

import mpmath as mp
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "math_f32"))
from fit import fit  # noqa: E402

mp.mp.dps = 60


def gelu_prime(x):
    return mp.ncdf(x) + x * mp.npdf(x)


X0 = mp.findroot(gelu_prime, -0.75)


def job_x0():
    parts, rest = [], X0
    for _ in range(3):
        p = np.float32(float(rest))
        parts.append(float(p))
        rest = rest - mp.mpf(float(p))
    print("x0 =", mp.nstr(X0, 30), "=", " + ".join(float.hex(p) for p in parts))


def job_Q(deg=13, lo=-1.3, hi=1.0):
    def Q(d):
        if abs(d) < mp.mpf("1e-30"):
            return mp.npdf(X0) * (2 - X0 ** 2)        # gelu''(x0)
        return gelu_prime(X0 + d) / d
    fit(Q, float(lo - X0), float(hi - X0), list(range(deg + 1)),
        lambda d: 1.0 / float(Q(mp.mpf(d))), n=1500, iters=30, name=f"gelu' Q(d) deg{deg}")


def job_Z(deg=11, A=1.0, B=4.0, lo=1.0, hi=20.0):
    def Z(t):
        a = (B + A * t) / (1 - t)
        return 1 - mp.ncdf(-a) / (a * mp.npdf(a))
    fit(Z, (lo - B) / (A + lo), (hi - B) / (A + hi), list(range(deg + 1)),
        lambda t: 1.0 / float(Z(mp.mpf(t))), n=1500, iters=30, name=f"gelu' Z(t) deg{deg}")


if __name__ == "__main__":
    jobs = {"x0": job_x0, "Q": job_Q, "Z": job_Z}
    for name in sys.argv[1:] or jobs:
        jobs[name]()
