"""Near-minimax polynomial fits for fa_math_f32.h.

Method: weighted least squares on Chebyshev nodes, truth from mpmath
(60 digits), then Lawson iterations (reweighting by |error|) to push the
relative error towards equi-oscillation.  Coefficients are then rounded to
float32 one at a time (highest degree last re-fitted) and printed as C hex
floats.  Usage: python3 fit.py [name ...]
"""
import sys
import numpy as np
import mpmath as mp

mp.mp.dps = 60


def fit(f, a, b, basis_pows, weight, n=3000, iters=40, fixed=None, name=""):
    """Fit sum c_j * t^pows[j] (t = the variable) to target(t) = f(t),
    minimising max |(p - f) * weight(t)|.  Returns list of float32 coeffs."""
    k = np.arange(n)
    t = (a + b) / 2 + (b - a) / 2 * np.cos(np.pi * (k + 0.5) / n)
    fv = np.array([float(f(mp.mpf(float(x)))) for x in t])
    wv = np.array([float(weight(x)) for x in t])
    A = np.stack([t ** p for p in basis_pows], axis=1)
    coeffs32 = []
    resid_target = fv.copy()
    cols = list(range(len(basis_pows)))
    # round coefficients to float32 from the lowest power up, refitting the rest
    fixed_vals = {}
    for step in range(len(cols)):
        free = [j for j in cols if j not in fixed_vals]
        rhs = fv - sum(fixed_vals[j] * A[:, j] for j in fixed_vals) if fixed_vals else fv.copy()
        Af = A[:, free]
        lw = np.ones(n)
        for it in range(iters):
            W = wv * lw
            c, *_ = np.linalg.lstsq(Af * W[:, None], rhs * W, rcond=None)
            err = np.abs((Af @ c - rhs) * wv)
            lw = lw * (err / err.max()) ** 0.5 + 1e-300
            lw /= lw.max()
        fixed_vals[free[0]] = float(np.float32(c[0]))
    c32 = [fixed_vals[j] for j in cols]
    err = (A @ np.array(c32) - fv) * wv
    print(f"/* {name}: max weighted err {np.abs(err).max():.3e} on [{a},{b}] */")
    for p, c in zip(basis_pows, c32):
        print(f"    {float.hex(float(np.float32(c)))}f  /* {np.float32(c)!r} x^{p} */")
    return c32


jobs = {}

# exp: expm1(r) = r + r^2 * Q(r), |r| <= ln2/2 ; fit Q(r) = (expm1(r)-r)/r^2,
# weight so that the error of r^2 Q is relative to expm1(r) ~ r -> weight r^2/|expm1 r|
L = float(mp.log(2) / 2) * 1.01
jobs["expq"] = lambda: fit(lambda r: (mp.expm1(r) - r) / r ** 2 if r != 0 else mp.mpf(0.5),
                           -L, L, [0, 1, 2, 3, 4], lambda r: r * r / abs(np.expm1(r)) if r != 0 else 0.0,
                           name="expm1 Q deg4")
# tanh small: tanh(x) = x + x^3 T(x^2), x in [0, 0.55]; weight x^3/tanh(x)
jobs["tanh"] = lambda: fit(lambda w: (mp.tanh(mp.sqrt(w)) - mp.sqrt(w)) / (w * mp.sqrt(w)) if w != 0 else -mp.mpf(1) / 3,
                           0.0, 0.5625 ** 2 * 1.0, [0, 1, 2, 3, 4, 5],
                           lambda w: w ** 1.5 / np.tanh(np.sqrt(w)) if w > 0 else 0.0, name="tanh T(w) w=x^2")
# log1p(e) = e * G(e), e in [0,1]
jobs["log1p"] = lambda: fit(lambda e: mp.log1p(e) / e if e != 0 else mp.mpf(1), 0.0, 1.0, list(range(0, 11)),
                            lambda e: 1.0, name="log1p(e)/e deg10")
# gelu small: gelu(x) = 0.5 x + x^2 S(x^2), S(w) = (Phi(x)-1/2)/x
C = 0.8
jobs["gelus"] = lambda: fit(lambda w: (mp.ncdf(mp.sqrt(w)) - mp.mpf(0.5)) / mp.sqrt(w) if w != 0 else 1 / mp.sqrt(2 * mp.pi),
                            0.0, C * C, list(range(0, 7)), lambda w: w / abs(0.5 * np.sqrt(w) - w * 0.4) if w > 0 else 1.0,
                            name="gelu S(w) deg6")


def gelu_tail(A, deg, lo=0.8, hi=14.5):
    A = float(np.float32(A))
    def R(u):
        x = A * u / (1 - u)
        return x * mp.ncdf(-x) * mp.exp(x * x / 2)
    return fit(R, lo / (A + lo), hi / (A + hi), list(range(deg + 1)), lambda u: 1.0 / float(R(mp.mpf(u))),
               name=f"gelu tail R(u), u=|x|/({A}+|x|), deg{deg}")


jobs["gelut"] = lambda: gelu_tail(2.0, 10)
if __name__ == "__main__":
    for j in sys.argv[1:]:
        jobs[j]()


def gelu_tail2(A, B, deg, lo=0.8, hi=14.5):
    """R(t), t = (|x|-B)/(|x|+A): x = (B + A t)/(1 - t)."""
    def R(t):
        x = (B + A * t) / (1 - t)
        return x * mp.ncdf(-x) * mp.exp(x * x / 2)
    return fit(R, (lo - B) / (A + lo), (hi - B) / (A + hi), list(range(deg + 1)),
               lambda t: 1.0 / float(R(mp.mpf(t))), name=f"gelu tail R(t), t=(|x|-{B})/(|x|+{A}), deg{deg}")


jobs["gelut2"] = lambda: gelu_tail2(4.0, 3.625, 9)
