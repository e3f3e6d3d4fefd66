enum { F_RELU, F_LEAKY, F_ELU, F_SELU, F_SIGMOID, F_TANH, F_SILU, F_SOFTPLUS,
       F_GELU, F_GELU_TANH, F_MISH, F_COUNT };
__float128 ref_eval(int fn, double x, const double *params);
