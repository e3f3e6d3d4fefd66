#include <quadmath.h>
enum { G_ELU, G_SELU, G_CELU, G_EXP, G_EXPM1, G_LOG1P, G_SOFTEXP, G_GAUSS, G_GELU, G_GELUT };
__float128 ref_dq(int fn, __float128 x, double a, int x_is_inf, __float128 *T);
