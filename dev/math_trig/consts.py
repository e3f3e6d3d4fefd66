#!/usr/bin/env python3
"""Constants of src_c/fa_math_trig.h (pi/2 splittings etc.), from mpmath."""
import mpmath as mp
mp.mp.dps = 80
pio2 = mp.pi / 2


def trunc_to(v, q):  # truncate v to a multiple of 2^q
    return mp.floor(v / mp.mpf(2) ** q) * mp.mpf(2) ** q


def d(v):
    return float(v).hex()


print("/* f32 path (double): P1, P2 multiples of 2^-23 / 2^-47 (24 bits), P3 double */")
rest = pio2
for i, q in enumerate([-23, -47]):
    p = trunc_to(rest, q); print("#define FATR_PF%d %s" % (i + 1, d(p))); rest -= p
    assert mp.mpf(float(p)) == p
print("#define FATR_PF3 %s" % d(rest))
print("/* f64 FMA: C1, C2, C3 */")
rest = pio2
for i in range(3):
    p = mp.mpf(float(rest)); print("#define FATR_C%d %s" % (i + 1, d(p))); rest -= p
print("/* f64 no FMA: P1..P4 multiples of 2^-26, -53, -80, -107 (27 bits), P5 double */")
rest = pio2
for i, q in enumerate([-26, -53, -80, -107]):
    p = trunc_to(rest, q); print("#define FATR_P%d %s" % (i + 1, d(p))); rest -= p
    assert mp.mpf(float(p)) == p
print("#define FATR_P5 %s" % d(rest))
for name, v in [("PI", mp.pi), ("PIO2", pio2), ("PIO4", mp.pi / 4)]:
    h = mp.mpf(float(v)); print("#define FATR_%s_H %s" % (name, d(h)))
    print("#define FATR_%s_L %s" % (name, d(v - h)))
print("#define FATR_2_PI %s" % d(2 / mp.pi))
print("#define FATR_TAN_PI8 %s" % d(mp.tan(mp.pi / 8)))
print("#define FATR_TAN_3PI8 %s" % d(mp.tan(3 * mp.pi / 8)))
