/* Bitwise special-value checks (signed zeros, infinities, NaN, bounds). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <float.h>
#include "fa_common.h"
typedef void (*kfn)(size_t, const double *, double *, const fa_scalars_f64 *);
#define D(name) void k_##name##_baseline(size_t, const double *, double *, const fa_scalars_f64 *); \
    void k_##name##_avx2(size_t, const double *, double *, const fa_scalars_f64 *); \
    void k_##name##_avx512(size_t, const double *, double *, const fa_scalars_f64 *);
D(relu) D(leaky_relu) D(elu) D(selu) D(sigmoid) D(tanh) D(silu) D(softplus) D(gelu) D(gelu_tanh) D(mish)
#define K3(n) {k_##n##_baseline, k_##n##_avx2, k_##n##_avx512}
static int same(double a, double b) { return (isnan(a) && isnan(b)) || memcmp(&a, &b, 8) == 0; }
static int fails = 0;
static void t(const char *nm, kfn k[3], fa_scalars_f64 s, double x, double want) {
    for (int i = 0; i < 3; i++) {
        double xx = x, y; k[i](1, &xx, &y, &s);
        if (!same(y, want)) { printf("FAIL %s isa%d f(%a) = %a want %a\n", nm, i, x, y, want); fails++; }
    }
}
int main(void) {
    kfn relu[3] = K3(relu), lr[3] = K3(leaky_relu), elu[3] = K3(elu), selu[3] = K3(selu), sig[3] = K3(sigmoid),
        th[3] = K3(tanh), silu[3] = K3(silu), sp[3] = K3(softplus), ge[3] = K3(gelu), gt[3] = K3(gelu_tanh), mi[3] = K3(mish);
    fa_scalars_f64 z = {0, 0, 0, 0}, a1 = {1.0, 0, 0, 0}, lk = {0.01, 0, 0, 0}, spp = {1.0, 20.0, 0, 0}, sp2 = {2.0, 20.0, 0, 0};
    double inf = INFINITY, nan = NAN;
    double SA = 0x1.c212cc640f031p+0; /* scale*alpha correctly rounded */
    t("relu", relu, z, -0.0, 0.0); t("relu", relu, z, nan, nan); t("relu", relu, z, -inf, 0.0); t("relu", relu, z, inf, inf);
    t("lrelu", lr, lk, nan, nan); t("lrelu", lr, lk, -inf, -inf); t("lrelu", lr, lk, -0.0, -0.0); t("lrelu", lr, lk, -3.0, -3.0 * 0.01);
    t("elu", elu, a1, -0.0, -0.0); t("elu", elu, a1, -inf, -1.0); t("elu", elu, a1, inf, inf); t("elu", elu, a1, nan, nan);
    t("elu", elu, a1, 0.0, 0.0);
    t("selu", selu, z, -0.0, -0.0); t("selu", selu, z, -inf, -SA); t("selu", selu, z, inf, inf); t("selu", selu, z, nan, nan);
    t("sigmoid", sig, z, inf, 1.0); t("sigmoid", sig, z, -inf, 0.0); t("sigmoid", sig, z, -0.0, 0.5); t("sigmoid", sig, z, nan, nan);
    t("sigmoid", sig, z, 800, 1.0); t("sigmoid", sig, z, -800, 0.0);
    t("tanh", th, z, inf, 1.0); t("tanh", th, z, -inf, -1.0); t("tanh", th, z, -0.0, -0.0); t("tanh", th, z, 0.0, 0.0);
    t("tanh", th, z, nan, nan); t("tanh", th, z, DBL_TRUE_MIN, DBL_TRUE_MIN); t("tanh", th, z, -0x1p-1030, -0x1p-1030);
    t("silu", silu, z, -inf, -0.0); t("silu", silu, z, inf, inf); t("silu", silu, z, -0.0, -0.0); t("silu", silu, z, nan, nan);
    t("softplus", sp, spp, -inf, 0.0); t("softplus", sp, spp, inf, inf); t("softplus", sp, spp, nan, nan);
    t("softplus", sp, spp, 21.0, 21.0); t("softplus", sp, spp, -1e300, 0.0); t("softplus", sp, spp, 1e300, 1e300);
    t("softplus", sp, sp2, -inf, 0.0); t("softplus", sp, sp2, inf, inf); t("softplus", sp, sp2, -1e308, 0.0);
    t("gelu", ge, z, -inf, -0.0); t("gelu", ge, z, inf, inf); t("gelu", ge, z, -0.0, -0.0); t("gelu", ge, z, nan, nan);
    t("gelu", ge, z, 0.0, 0.0); t("gelu", ge, z, 1e300, 1e300); t("gelu", ge, z, -1e300, -0.0);
    t("gelu_tanh", gt, z, -inf, -0.0); t("gelu_tanh", gt, z, inf, inf); t("gelu_tanh", gt, z, -0.0, -0.0); t("gelu_tanh", gt, z, nan, nan);
    t("gelu_tanh", gt, z, 1e300, 1e300); t("gelu_tanh", gt, z, -1e300, -0.0);
    t("mish", mi, z, -inf, -0.0); t("mish", mi, z, inf, inf); t("mish", mi, z, -0.0, -0.0); t("mish", mi, z, nan, nan);
    t("mish", mi, z, 1e300, 1e300); t("mish", mi, z, -1e300, -0.0);
    /* sigmoid/tanh range */
    for (double x = -40; x <= 40; x += 0.001) {
        for (int i = 0; i < 3; i++) {
            double y; double xx = x; sig[i](1, &xx, &y, &z);
            if (!(y >= 0 && y <= 1)) { printf("FAIL sigmoid range %a\n", x); fails++; }
            th[i](1, &xx, &y, &z);
            if (!(y >= -1 && y <= 1)) { printf("FAIL tanh range %a\n", x); fails++; }
        }
    }
    printf("%s\n", fails ? "special values: FAIL" : "special values: all OK");
    return fails != 0;
}
