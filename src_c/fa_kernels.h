/*
 * fa_kernels.h - the list of kernels and the per-ISA table type.
 *
 * FA_UNARY_KERNELS is the one place in C that names the elementwise kernels.
 * Adding an elementwise activation in C means writing fa_<name>_f32/_f64
 * element functions (fa_math_*.h) and adding one X(<name>, <loop>) line
 * here; the per-ISA loops, the dispatch tables and the kernel-name lookup
 * are all generated from this list.  The Python registry refers to kernels
 * by name.
 *
 * <loop> says how the kernel loop is built (fa_kernels_impl.h):
 *   PLAIN    one `omp simd` loop over the element function;
 *   GUARDED  the element function is a fast path valid where
 *            fa_<name>_<T>_fast_ok(x) holds; blocks that contain any other
 *            input take the scalar fa_<name>_<T>_slow(x, s) for those
 *            elements (sin with a full-range argument reduction).
 *
 * Every kernel also has a backward kernel, grad_input = grad_output * f'(x),
 * built from fa_<name>_grad_<T>(g, x, s) (src_c/fa_grad_*.h) with the same
 * kernel id and the same loop form (GUARDED ones also provide
 * fa_<name>_grad_<T>_fast_ok(x) and fa_<name>_grad_<T>_slow(g, x, s)).
 * FA_GRAD_Y_KERNELS lists those that also have a backward from the
 * forward's output y, fa_<name>_grad_y_<T>(g, y, s).
 *
 * Every kernel also has a bias + activation loop, y = f(x + b) (bias_act),
 * with the same loop form.  FA_GATE_KERNELS lists those that also have a
 * gated loop, y = a * f(b) (the gated units' gates; PLAIN only).
 *
 * FA_CHANNEL_KERNELS lists the kernels that also get a loop whose scalar
 * parameters vary per element (read from parameter rows), with the number
 * of parameter slots they use: per-channel activations (prelu = leaky_relu
 * per channel, srelu) run through it when channels are short.
 */
#ifndef FASTACT_KERNELS_H
#define FASTACT_KERNELS_H

#include "fa_common.h"

#define FA_UNARY_KERNELS(X)        \
    X(relu, PLAIN)                 \
    X(leaky_relu, PLAIN)           \
    X(elu, PLAIN)                  \
    X(selu, PLAIN)                 \
    X(sigmoid, PLAIN)              \
    X(tanh, PLAIN)                 \
    X(silu, PLAIN)                 \
    X(softplus, PLAIN)             \
    X(gelu, PLAIN)                 \
    X(gelu_tanh, PLAIN)            \
    X(mish, PLAIN)                 \
    X(identity, PLAIN)             \
    X(binary_step, PLAIN)          \
    X(hardtanh, PLAIN)             \
    X(relu6, PLAIN)                \
    X(hardsigmoid, PLAIN)          \
    X(hardswish, PLAIN)            \
    X(softshrink, PLAIN)           \
    X(hardshrink, PLAIN)           \
    X(threshold, PLAIN)            \
    X(softsign, PLAIN)             \
    X(isru, PLAIN)                 \
    X(isrlu, PLAIN)                \
    X(bent_identity, PLAIN)        \
    X(srelu, PLAIN)                \
    X(swish, PLAIN)                \
    X(quick_gelu, PLAIN)           \
    X(celu, PLAIN)                 \
    X(logsigmoid, PLAIN)           \
    X(gaussian, PLAIN)             \
    X(soft_exponential, PLAIN)     \
    X(tanhshrink, PLAIN)           \
    X(exp, PLAIN)                  \
    X(expm1, PLAIN)                \
    X(log1p, PLAIN)                \
    X(arctan, PLAIN)               \
    X(sinusoid, GUARDED)           \
    X(sinc, GUARDED)               \
    X(sinc_normalized, PLAIN)

/* Backward kernels from the forward's output y: fa_<name>_grad_y_<T>(g, y, s),
 * for the activations whose derivative is a cheap function of y. */
#define FA_GRAD_Y_KERNELS(X)       \
    X(relu)                        \
    X(sigmoid)                     \
    X(tanh)                        \
    X(elu)                         \
    X(exp)                         \
    X(expm1)

/* Activations of the gated units (glu, swiglu, geglu): y = a * f(b). */
#define FA_GATE_KERNELS(X)         \
    X(sigmoid)                     \
    X(silu)                        \
    X(gelu)                        \
    X(gelu_tanh)

#define FA_CHANNEL_KERNELS(X)      \
    X(leaky_relu, 1)               \
    X(srelu, 4)

enum fa_kernel_id {
#define FA_ENUM_ENTRY(name, loop) FA_K_##name,
    FA_UNARY_KERNELS(FA_ENUM_ENTRY)
#undef FA_ENUM_ENTRY
    FA_K_COUNT,
    /* Operations that are not elementwise kernels but share the driver's
     * grain table and the name lookup. */
    FA_OP_APL = FA_K_COUNT,
    FA_OP_RRELU,
    FA_OP_SOFTMAX,
    FA_OP_MAXOUT,
    FA_OP_SOFTMAX_GRAD,
    FA_OP_MAXOUT_GRAD,
    FA_OP_RRELU_GRAD,
    FA_OP_COUNT
};

/* A kernel: single-threaded, vectorised, one ISA.  y == x (in place) is
 * allowed; any other overlap is not (the Cython layer guarantees it). */
typedef void (*fa_unary_f32_fn)(size_t n, const float *x, float *y, const fa_scalars_f32 *s);
typedef void (*fa_unary_f64_fn)(size_t n, const double *x, double *y, const fa_scalars_f64 *s);

/* A backward kernel: out = g * f'(x) (or f' from y); out may be g or x. */
typedef void (*fa_grad_f32_fn)(size_t n, const float *g, const float *x, float *out,
                               const fa_scalars_f32 *s);
typedef void (*fa_grad_f64_fn)(size_t n, const double *g, const double *x, double *out,
                               const fa_scalars_f64 *s);

/* A bias + activation kernel: y = f(x + b), b a vector of n; y may be x.
 * A gated kernel has the same form: y = x * f(b). */
typedef void (*fa_bias_f32_fn)(size_t n, const float *x, const float *b, float *y,
                               const fa_scalars_f32 *s);
typedef void (*fa_bias_f64_fn)(size_t n, const double *x, const double *b, double *y,
                               const fa_scalars_f64 *s);

/* Per-element parameters: slot k of element i is p[k][i]. */
typedef void (*fa_rows_f32_fn)(size_t n, const float *x, float *y, const float *const *p);
typedef void (*fa_rows_f64_fn)(size_t n, const double *x, double *y, const double *const *p);

/* APL: y = max(x, 0) + sum_s a_s max(b_s - x, 0) over S hinges.
 * "const" form: a[s], b[s] shared by all n elements;
 * "rows" form: p[s][i] = a_s, p[S + s][i] = b_s for element i. */
typedef void (*fa_apl_f32_fn)(size_t n, const float *x, float *y, size_t S,
                              const float *a, const float *b);
typedef void (*fa_apl_f64_fn)(size_t n, const double *x, double *y, size_t S,
                              const double *a, const double *b);
typedef void (*fa_apl_rows_f32_fn)(size_t n, const float *x, float *y, size_t S,
                                   const float *const *p);
typedef void (*fa_apl_rows_f64_fn)(size_t n, const double *x, double *y, size_t S,
                                   const double *const *p);

/* RReLU in training mode: element i (global index index0 + i) gets the slope
 * lower + width * u(key, index0 + i) where x <= 0 (see fa_rrelu_u_* in
 * fa_kernels_impl.h); slopes, if not NULL, receives the slope used (1 where
 * x > 0 or x is NaN). */
typedef void (*fa_rrelu_f32_fn)(size_t n, const float *x, float *y, float *slopes,
                                float lower, float width, uint64_t key, uint64_t index0);
typedef void (*fa_rrelu_f64_fn)(size_t n, const double *x, double *y, double *slopes,
                                double lower, double width, uint64_t key, uint64_t index0);

/* RReLU's backward in training mode: out = g * (the slope the forward used). */
typedef void (*fa_rrelu_grad_f32_fn)(size_t n, const float *g, const float *x, float *out,
                                     float lower, float width, uint64_t key, uint64_t index0);
typedef void (*fa_rrelu_grad_f64_fn)(size_t n, const double *g, const double *x, double *out,
                                     double lower, double width, uint64_t key, uint64_t index0);

/* Operations along an axis and helpers of the fused operations, one set per
 * dtype (fa_axis_impl.h says what each computes).  The softmax state of a
 * row part: m, the running maximum; k, how many elements equal it; rest +
 * rest_lo, the sum of e^(v - m) over the others. */
#define FA_SOFTMAX_BLOCK 1024
/* softmax's exponential loops run over multiples of FA_SOFTMAX_PAD (the
 * float32 lanes of AVX-512) and pad the rest (fa_axis_impl.h). */
#define FA_SOFTMAX_PAD 16
typedef struct { double m, k, rest, rest_lo; } fa_softmax_state;

#define FA_DECLARE_AXIS_KERNELS(T, SFX)                                                      \
    typedef struct {                                                                         \
        void (*softmax_pass1)(size_t n, const T *x, T *y, T sign, double *block_max,         \
                              fa_softmax_state *st);                                         \
        void (*softmax_scale)(size_t n, T *y, const double *block_max, double m,             \
                              double inv_hi, double inv_lo);                                 \
        void (*softmax_log)(size_t n, const T *x, T *y, T sign, double m, double L);         \
        void (*softmax_col_max)(size_t L, size_t stride, size_t w, const T *x, T sign,       \
                                T *m);                                                       \
        void (*softmax_col_sum)(size_t L, size_t stride, size_t w, const T *x, T *y, T sign, \
                                const T *m, double *k, double *rest, double *rest_lo);       \
        void (*softmax_col_scale)(size_t L, size_t stride, size_t w, T *y,                   \
                                  const double *inv_hi, const double *inv_lo);               \
        void (*softmax_col_log)(size_t L, size_t stride, size_t w, const T *x, T *y, T sign, \
                                const T *m, const double *Ls);                               \
        void (*maxout)(size_t G, size_t p, size_t inner, const T *x, T *y);                  \
        double (*softmax_grad_dot)(size_t n, const T *g, const T *y, int take_log);          \
        void (*softmax_grad_apply)(size_t n, const T *g, const T *y, T *out, double dot,     \
                                   int mode);                                                \
        void (*softmax_grad_col_dot)(size_t L, size_t stride, size_t w, const T *g,          \
                                     const T *y, int take_log, double *acc);                 \
        void (*softmax_grad_col_apply)(size_t L, size_t stride, size_t w, const T *g,        \
                                       const T *y, T *out, const double *dots, int mode);    \
        void (*maxout_grad)(size_t G, size_t p, size_t inner, const T *gy, const T *x,       \
                            T *out);                                                         \
    } fa_axis_kernels_##SFX;

FA_DECLARE_AXIS_KERNELS(float, f32)
FA_DECLARE_AXIS_KERNELS(double, f64)

/* float32 columns: 1/sum or log(sum) per column, vectorised (fa_axis_impl.h) */
typedef void (*fa_softmax_finish_f32_fn)(size_t w, const float *m, const double *k,
                                         const double *rest, int take_log, double *f);

typedef struct {
    const char *isa;
    fa_unary_f32_fn f32[FA_K_COUNT];
    fa_unary_f64_fn f64[FA_K_COUNT];
    fa_bias_f32_fn bias_f32[FA_K_COUNT];
    fa_bias_f64_fn bias_f64[FA_K_COUNT];
    fa_bias_f32_fn gate_f32[FA_K_COUNT];    /* NULL unless in FA_GATE_KERNELS */
    fa_bias_f64_fn gate_f64[FA_K_COUNT];
    fa_grad_f32_fn grad_f32[FA_K_COUNT];
    fa_grad_f64_fn grad_f64[FA_K_COUNT];
    fa_grad_f32_fn grad_y_f32[FA_K_COUNT];  /* NULL unless in FA_GRAD_Y_KERNELS */
    fa_grad_f64_fn grad_y_f64[FA_K_COUNT];
    fa_rows_f32_fn rows_f32[FA_K_COUNT];   /* NULL unless in FA_CHANNEL_KERNELS */
    fa_rows_f64_fn rows_f64[FA_K_COUNT];
    fa_apl_f32_fn apl_f32;
    fa_apl_f64_fn apl_f64;
    fa_apl_rows_f32_fn apl_rows_f32;
    fa_apl_rows_f64_fn apl_rows_f64;
    fa_rrelu_f32_fn rrelu_f32;
    fa_rrelu_f64_fn rrelu_f64;
    fa_rrelu_grad_f32_fn rrelu_grad_f32;
    fa_rrelu_grad_f64_fn rrelu_grad_f64;
    const fa_axis_kernels_f32 *axis_f32;
    const fa_axis_kernels_f64 *axis_f64;
    fa_softmax_finish_f32_fn softmax_finish_f32;
} fa_kernel_table;

/* Instruction-set levels, lowest first. */
enum fa_isa { FA_ISA_BASELINE = 0, FA_ISA_AVX2 = 1, FA_ISA_AVX512 = 2, FA_ISA_COUNT = 3 };

extern const fa_kernel_table fa_table_baseline;
#if defined(FA_HAVE_X86_DISPATCH)
extern const fa_kernel_table fa_table_avx2;
extern const fa_kernel_table fa_table_avx512;
#endif

#endif
