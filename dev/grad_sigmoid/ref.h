#include <quadmath.h>
enum { F_SIGMOID, F_TANH, F_SILU, F_SWISH, F_QGELU, F_LOGSIG, F_SOFTPLUS, F_MISH, F_TSHRINK };
__float128 ref_d(int fn, __float128 x, double a, double b, int f32, __float128 *T);
