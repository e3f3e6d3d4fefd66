/* __float128 / double references for dev/math_expfam (see ref64.c, h32.c). */
#include <quadmath.h>
enum { F_SWISH, F_QGELU, F_CELU, F_LOGSIG, F_GAUSS, F_SOFTEXP, F_TSHRINK, F_EXP, F_EXPM1, F_LOG1P };
__float128 ref_q(int fn, __float128 x, double a, int x_is_inf);
