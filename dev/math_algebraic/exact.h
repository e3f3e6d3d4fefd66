/* Exact (GMP) helpers for the srelu references: correctly rounded
 * RN(t + a*(x - t)) to float or double.  Fast path in long double / __float128
 * with an error bound, exact GMP mpf fallback when the fast value is too close
 * to a rounding breakpoint. */
#ifndef FAAL_EXACT_H
#define FAAL_EXACT_H
#include <gmp.h>
#include <math.h>
#include <float.h>
#include <quadmath.h>

typedef __float128 Q;

/* exact value of t + a*(x - t) (doubles) into r (prec >= 4600 bits) */
static void ex_srelu_value(mpf_t r, double x, double t, double a)
{
    mpf_t X, T, A;
    mpf_init2(X, 4600); mpf_init2(T, 4600); mpf_init2(A, 4600);
    mpf_set_d(X, x); mpf_set_d(T, t); mpf_set_d(A, a);
    mpf_sub(X, X, T);
    mpf_mul(X, X, A);
    mpf_add(r, X, T);
    mpf_clear(X); mpf_clear(T); mpf_clear(A);
}

/* RN of the exact value v to double, given a guess g within a few ulps */
static double ex_round_d(mpf_t v, double g)
{
    /* walk to the correctly rounded double: compare with midpoints */
    if (!isinf(g)) g = mpf_get_d(v);   /* truncation: within 1 ulp */
    mpf_t m; mpf_init2(m, 4600);
    for (int it = 0; it < 64; it++) {
        double up = nextafter(g, INFINITY), dn = nextafter(g, -INFINITY);
        int ok = 1;
        /* upper midpoint */
        if (isinf(up)) { /* g = DBL_MAX: midpoint DBL_MAX + ulp/2 */
            mpf_set_d(m, DBL_MAX); mpf_t h; mpf_init2(h, 4600); mpf_set_d(h, 0x1p970); mpf_add(m, m, h); mpf_clear(h);
        } else if (!isinf(g)) { mpf_set_d(m, g); mpf_t h; mpf_init2(h, 4600); mpf_set_d(h, up); mpf_add(m, m, h); mpf_div_2exp(m, m, 1); mpf_clear(h); }
        if (isinf(g) && g > 0) { /* check v >= DBL_MAX + ulp/2 */
            mpf_set_d(m, DBL_MAX); mpf_t h; mpf_init2(h, 4600); mpf_set_d(h, 0x1p970); mpf_add(m, m, h); mpf_clear(h);
            if (mpf_cmp(v, m) < 0) { g = DBL_MAX; ok = 0; }
        } else if (isinf(g) && g < 0) {
            mpf_set_d(m, -DBL_MAX); mpf_t h; mpf_init2(h, 4600); mpf_set_d(h, 0x1p970); mpf_sub(m, m, h); mpf_clear(h);
            if (mpf_cmp(v, m) > 0) { g = -DBL_MAX; ok = 0; }
        } else {
            int c = mpf_cmp(v, m);
            if (c > 0 || (c == 0 && (fa_bits64(g) & 1))) { g = up; ok = 0; }
            else {
                if (isinf(dn)) { mpf_set_d(m, -DBL_MAX); mpf_t h; mpf_init2(h, 4600); mpf_set_d(h, 0x1p970); mpf_sub(m, m, h); mpf_clear(h); }
                else { mpf_set_d(m, g); mpf_t h; mpf_init2(h, 4600); mpf_set_d(h, dn); mpf_add(m, m, h); mpf_div_2exp(m, m, 1); mpf_clear(h); }
                c = mpf_cmp(v, m);
                if (c < 0 || (c == 0 && (fa_bits64(g) & 1))) { g = dn; ok = 0; }
            }
        }
        if (ok) break;
    }
    mpf_clear(m);
    return g == 0 ? (mpf_sgn(v) < 0 ? -0.0 : 0.0) : g;
}

/* RN of the exact value v to float, given a guess g */
static float ex_round_f(mpf_t v, float g)
{
    if (!isinf(g)) g = (float)mpf_get_d(v);   /* within 1 ulp */
    mpf_t m; mpf_init2(m, 4600);
    for (int it = 0; it < 64; it++) {
        int ok = 1;
        if (isinf(g)) {
            mpf_set_d(m, g > 0 ? (double)FLT_MAX + 0x1p103 : -(double)FLT_MAX - 0x1p103);
            int c = mpf_cmp(v, m);
            if (g > 0 && c < 0) { g = FLT_MAX; ok = 0; }
            if (g < 0 && c > 0) { g = -FLT_MAX; ok = 0; }
        } else {
            float up = nextafterf(g, INFINITY), dn = nextafterf(g, -INFINITY);
            double mu = isinf(up) ? (double)FLT_MAX + 0x1p103 : 0.5 * ((double)g + up);
            double md = isinf(dn) ? -(double)FLT_MAX - 0x1p103 : 0.5 * ((double)g + dn);
            uint32_t gb; memcpy(&gb, &g, 4);
            mpf_set_d(m, mu);
            int c = mpf_cmp(v, m);
            if (c > 0 || (c == 0 && (gb & 1))) { g = up; ok = 0; }
            else {
                mpf_set_d(m, md);
                c = mpf_cmp(v, m);
                if (c < 0 || (c == 0 && (gb & 1))) { g = dn; ok = 0; }
            }
        }
        if (ok) break;
    }
    mpf_clear(m);
    return g == 0 ? (mpf_sgn(v) < 0 ? -0.0f : 0.0f) : g;
}
#endif
