# constants for src_c/fa_grad_algtrig.h: Taylor coefficients of sinc'(x)/x and
# pi^2-scaled versions (mpmath, 50 digits), printed as C hex floats.
from mpmath import mp, mpf, factorial, pi
mp.dps = 50
def h(v):
    return float(v).hex()
def pair(v):
    hi = float(v); lo = float(v - mpf(hi)); return hi.hex(), lo.hex()
# sinc'(x) = x * sum_{n>=1} c_n z^(n-1), z = x^2, c_n = (-1)^n 2n/(2n+1)!
c = [(-1)**n * mpf(2*n)/factorial(2*n+1) for n in range(1, 11)]
print("c1 pair", pair(c[0]))
for i, v in enumerate(c): print("FAGA_SD%d %s" % (i+1, h(v)))
p2 = pi**2
print("pi^2 pair", pair(p2))
print("K1 = -pi^2/3 pair", pair(-p2/3))
for i, v in enumerate(c): print("FAGA_SND%d %s" % (i+1, h(p2*v)))
# truncation check at z = (pi/4)^2
z = (pi/4)**2
for n in range(5, 11):
    print("omit n=%d rel %.3g" % (n, abs(c[n-1]*z**(n-1)/c[0])))
