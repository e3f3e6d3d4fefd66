/* Error of fa_softmax_exp_normal_f32 (the float32 softmax exponential of
 * normal blocks) against exp((double)v - (double)m): 3000 maxima m (spread
 * 2, 20 and 2000 around 0), 2^16 elements v in [m - 87, m] each, every
 * order (FA_SMX_*) the block picks.  Build: make smexp (one binary per ISA:
 * smexp_base, smexp_avx512); prints the max ULP per order. */
#include <math.h>
#include <stdio.h>
#include "../../src_c/fa_math_expfam.h"

static double ulp_err(float y, double ref)
{
    int e;
    frexp(ref, &e);
    return fabs((double)y - ref) / ldexp(1.0, e - 24);
}

static unsigned long long seed = 1;
static double uniform(void)
{
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(seed >> 11) * (1.0 / 9007199254740992.0);
}

#define N (1 << 16)
static float V[N], Y[N];

int main(void)
{
    double worst[3] = {0, 0, 0};
    for (int it = 0; it < 3000; it++) {
        const double spread = it % 3 == 0 ? 20.0 : it % 3 == 1 ? 2000.0 : 2.0;
        const float m = (float)((uniform() - 0.5) * spread);
        float vmin = m;
        for (int i = 0; i < N; i++) {
            float v = (float)((double)m - uniform() * 87.0);
            if (v > m || (double)v - (double)m < -87.0) v = m;
            V[i] = v;
            vmin = v < vmin ? v : vmin;
        }
        const int order = fa_softmax_order_f32(vmin, m);
        if (order == FA_SMX_M_FIRST) {
            _Pragma("omp simd")
            for (int i = 0; i < N; i++) Y[i] = fa_softmax_exp_normal_f32(V[i], m, FA_SMX_M_FIRST);
        } else if (order == FA_SMX_V_FIRST) {
            _Pragma("omp simd")
            for (int i = 0; i < N; i++) Y[i] = fa_softmax_exp_normal_f32(V[i], m, FA_SMX_V_FIRST);
        } else {
            _Pragma("omp simd")
            for (int i = 0; i < N; i++) Y[i] = fa_softmax_exp_normal_f32(V[i], m, FA_SMX_TWO_SUM);
        }
        for (int i = 0; i < N; i++) {
            const double e = ulp_err(Y[i], exp((double)V[i] - (double)m));
            worst[order] = e > worst[order] ? e : worst[order];
        }
    }
    printf("max ULP: two_sum %.3f  m_first %.3f  v_first %.3f\n", worst[FA_SMX_TWO_SUM],
           worst[FA_SMX_M_FIRST], worst[FA_SMX_V_FIRST]);
    return 0;
}
