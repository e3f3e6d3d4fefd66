"""Fit of fags32_mish_P1 (src_c/fa_grad_sigmoid.h): mish'(x0 + d) = d R(d) on
|d| <= W around mish's zero crossing x0, R = Q0 + d P1(d), Q0 = mish''(x0) as a
float pair, P1 of degree DEG - 1 by weighted least squares (relative to R) on
Chebyshev nodes, mpmath truth; prints x0 and Q0 as float parts, the float
coefficients of P1 (low to high) and the relative error with them.

    python dev/grad_sigmoid/fit_mish_window.py 0.25 9
"""
import mpmath as mp, numpy as np, sys
mp.mp.dps = 50
def fp(x):
    x = mp.mpf(x); sp = mp.log1p(mp.e**x); t = mp.tanh(sp)
    return t + x*(1-t*t)/(1+mp.e**(-x))
x0 = mp.findroot(fp, -1.19)
f32 = lambda v: float(np.float32(float(v)))
x0h = f32(x0); x0m = f32(x0 - x0h); x0l = f32(x0 - x0h - x0m)
print("x0h", x0h.hex(), "x0m", x0m.hex(), "x0l", x0l.hex())
W = float(sys.argv[1]); deg = int(sys.argv[2])
c0 = mp.diff(fp, x0)
c0h = f32(c0); c0l = f32(c0 - c0h)
print("c0h", c0h.hex(), "c0l", c0l.hex())
n = 3000
ds = np.cos(np.pi*(np.arange(n)+0.5)/n) * W
Rm = [fp(x0 + mp.mpf(d))/mp.mpf(d) for d in ds]
R = np.array([float(v) for v in Rm])
T = np.array([float((v - c0)/mp.mpf(d)) for v, d in zip(Rm, ds)])   # P1(d)
# relative to R: minimize |d (P1fit - P1)| / R
wts = np.abs(ds) / R
A = np.vander(ds, deg, increasing=True) * wts[:, None]
c, *_ = np.linalg.lstsq(A, T * wts, rcond=None)
cf = [f32(v) for v in c]
test = np.linspace(-W, W, 40001); test = test[test != 0]
Rt = np.array([float(fp(x0 + mp.mpf(d))/mp.mpf(d)) for d in test])
P1 = np.polyval(np.array(cf[::-1]), test)
ev = (c0h + c0l) + test * P1
print("max rel err:", np.max(np.abs(ev/Rt - 1))/2**-24, "u")
print("P1 coeffs (low to high):", ", ".join(v.hex() for v in cf))
