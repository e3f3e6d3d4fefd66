# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Cython adapter between NumPy arrays and the C driver.

Generic entry points serve every activation: ``unary`` (elementwise kernels
with scalar parameters), ``channel`` (parameters per channel along an axis:
prelu, srelu, apl), ``rrelu`` (the counter-based random slopes), ``softmax``
(the softmax family along an axis), ``bias_act`` (bias + any elementwise
kernel in one pass), and, for the operations whose result has another shape,
``maxout`` and ``gated`` (glu and its variants); and the backward ones:
``grad`` (grad_output * f'(x) of any elementwise kernel, or from y),
``rrelu_grad``, ``softmax_grad`` (the softmax family's VJP from y) and
``maxout_grad``.
Each validates and normalises the arrays (dtype, layout, out=, in place),
releases the GIL and hands contiguous buffers to the C driver with an
operation id.  They know nothing about any particular activation; the
registry does.
"""
cimport numpy as cnp
from libc.stddef cimport size_t
from libc.stdint cimport uint64_t
from libc.math cimport isfinite

import numpy as np

cnp.import_array()

cdef extern from "fa_api.h" nogil:
    int FA_F32
    int FA_F64
    int fa_isa_compiled(int isa)
    int fa_isa_supported(int isa)
    int fa_best_isa()
    int fa_set_isa(int isa)
    int fa_get_isa()
    const char *fa_isa_name(int isa)
    int fa_kernel_count()
    const char *fa_kernel_name(int kid)
    void fa_run_unary(int kid, int dtype, size_t n, const void *x, void *y,
                      double a, double b, double c, double d)
    int fa_run_channel(int op, int dtype, size_t outer, size_t C, size_t inner,
                       const void *x, void *y, size_t nparam, const double *params)
    void fa_run_rrelu(int dtype, size_t n, const void *x, void *y, void *slopes,
                      double lower, double upper, unsigned long long seed)
    int fa_run_softmax(int take_log, int negate, int dtype, size_t outer, size_t L,
                       size_t inner, const void *x, void *y)
    void fa_run_maxout(int dtype, size_t groups, size_t p, size_t inner, const void *x, void *y)
    int fa_run_bias_act(int kid, int dtype, size_t outer, size_t C, size_t inner,
                        const void *x, const void *bias, void *y,
                        double a, double b, double c, double d)
    int fa_run_gated(int kid, int dtype, size_t outer, size_t run, size_t stride,
                     const void *a, const void *b, void *y,
                     double p0, double p1, double p2, double p3)
    int fa_has_grad(int kid, int from_y)
    int fa_run_grad(int kid, int from_y, int dtype, size_t n, const void *g, const void *x,
                    void *out, double a, double b, double c, double d)
    void fa_run_rrelu_grad(int dtype, size_t n, const void *g, const void *x, void *out,
                           double lower, double upper, unsigned long long seed)
    int fa_run_softmax_grad(int take_log, int negate, int dtype, size_t outer, size_t L,
                            size_t inner, const void *g, const void *y, void *out)
    void fa_run_maxout_grad(int dtype, size_t groups, size_t p, size_t inner, const void *g,
                            const void *x, void *out)
    int fa_openmp_enabled()
    void fa_set_num_threads(int n)
    int fa_get_num_threads()
    int fa_get_num_threads_setting()
    void fa_set_grain(int kid, size_t elements)
    size_t fa_get_grain(int kid)

cdef extern from "numpy/arrayobject.h":
    # empty_like without the Python-level call: same shape, same memory order.
    object PyArray_NewLikeArray(cnp.ndarray prototype, int order, void *descr, int subok)

ISA_LEVELS = ("baseline", "avx2", "avx512")

cdef object _ndarray = np.ndarray

# Element kinds the C side understands (native byte order only).
DEF K_OTHER = -1
DEF K_F32 = 0
DEF K_F64 = 1
DEF K_F16 = 2


cdef inline int _kind(cnp.ndarray a):
    cdef int t = cnp.PyArray_TYPE(a)
    if not cnp.PyArray_ISNOTSWAPPED(a):
        return K_OTHER
    if t == cnp.NPY_FLOAT32:
        return K_F32
    if t == cnp.NPY_FLOAT64:
        return K_F64
    if t == cnp.NPY_FLOAT16:
        return K_F16
    return K_OTHER


# ---------------------------------------------------------------- dispatch

def isa_compiled():
    return tuple(name for i, name in enumerate(ISA_LEVELS) if fa_isa_compiled(i))


def isa_supported():
    return tuple(name for i, name in enumerate(ISA_LEVELS) if fa_isa_supported(i))


def best_isa():
    return ISA_LEVELS[fa_best_isa()]


def get_isa():
    return ISA_LEVELS[fa_get_isa()]


def set_isa(name):
    """Select the kernel table.  Not thread-safe against running kernels:
    meant for import time (FASTACT_ISA) and for tests."""
    if name not in ISA_LEVELS:
        raise ValueError(f"unknown ISA {name!r}; expected one of {ISA_LEVELS}")
    rc = fa_set_isa(ISA_LEVELS.index(name))
    if rc == -1:
        raise ValueError(f"ISA {name!r} is not compiled into this build of fastact "
                         f"(compiled: {', '.join(isa_compiled())})")
    if rc == -2:
        raise ValueError(f"ISA {name!r} is not supported by this CPU "
                         f"(supported: {', '.join(isa_supported())})")


def kernel_names():
    return tuple(fa_kernel_name(i).decode() for i in range(fa_kernel_count()))


# ---------------------------------------------------------------- threads

def openmp_enabled():
    return bool(fa_openmp_enabled())


def set_num_threads(int n):
    fa_set_num_threads(n)


def get_num_threads():
    return fa_get_num_threads()


def get_num_threads_setting():
    return fa_get_num_threads_setting()


def set_grain(int kid, size_t elements):
    fa_set_grain(kid, elements)


def get_grain(int kid):
    return fa_get_grain(kid)


# ---------------------------------------------------------------- params

cpdef double finite(str name, object value) except? -1.0:
    """A finite real number, or TypeError/ValueError naming the parameter."""
    cdef double v
    if type(value) is float:          # the common case, without the checks below
        v = <double>value
        if not isfinite(v):
            raise ValueError(f"{name} must be finite, got {v!r}")
        return v
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        if not (isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf"):
            raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    v = float(value)
    if not isfinite(v):
        raise ValueError(f"{name} must be finite, got {v!r}")
    return v


cpdef double positive(str name, object value) except? -1.0:
    cdef double v = finite(name, value)
    if not v > 0.0:
        raise ValueError(f"{name} must be > 0, got {v!r}")
    return v


# ---------------------------------------------------------------- arrays

# What the C driver is asked to do on a contiguous buffer: one struct for all
# operations, so that the dtype/layout/out=/in-place handling below is shared.
DEF OP_UNARY = 0
DEF OP_CHANNEL = 1
DEF OP_RRELU = 2
DEF OP_SOFTMAX = 3
DEF OP_BIAS = 4

cdef struct Op:
    int kind
    int kid                 # kernel id (OP_UNARY, OP_CHANNEL) or FA_OP_APL
    double a, b, c, d       # scalar parameters (OP_UNARY); lower, upper (OP_RRELU)
    size_t C, inner, nparam # OP_CHANNEL: x is [outer][C][inner]
    const double *params    # OP_CHANNEL: params[k * C + c]
    char *slopes            # OP_RRELU: C-ordered output of slopes, or NULL
    uint64_t seed           # OP_RRELU
    int take_log, negate    # OP_SOFTMAX (C, inner: the axis length and what follows it)
    const void *bias        # OP_BIAS: C values in the computation dtype
    bint ordered            # the C side needs the logical C order (channels, indices)


cdef inline bint _flat_compatible(cnp.ndarray a, cnp.ndarray b, bint ordered):
    """Both arrays are one contiguous block with the same element order (the
    logical C order where the operation depends on positions)."""
    if cnp.PyArray_IS_C_CONTIGUOUS(a) and cnp.PyArray_IS_C_CONTIGUOUS(b):
        return True
    if ordered:
        return False
    return cnp.PyArray_IS_F_CONTIGUOUS(a) and cnp.PyArray_IS_F_CONTIGUOUS(b)


cdef inline bint _blocks_overlap(cnp.ndarray a, cnp.ndarray b):
    """Whether two contiguous arrays' memory ranges intersect (exact for
    contiguous blocks, where np.may_share_memory's bounds test is the same
    question at a Python call's price)."""
    cdef char *pa = <char *>cnp.PyArray_DATA(a)
    cdef char *pb = <char *>cnp.PyArray_DATA(b)
    cdef cnp.npy_intp na = cnp.PyArray_NBYTES(a)
    cdef cnp.npy_intp nb = cnp.PyArray_NBYTES(b)
    if na == 0 or nb == 0:
        return False
    return pa < pb + nb and pb < pa + na


cdef int _run_flat(const Op *op, int dt, cnp.ndarray src, cnp.ndarray dst) except -1:
    cdef size_t n = <size_t>cnp.PyArray_SIZE(src)
    cdef const void *xp = cnp.PyArray_DATA(src)
    cdef void *yp = cnp.PyArray_DATA(dst)
    cdef int rc = 0
    with nogil:
        if op.kind == OP_UNARY:
            fa_run_unary(op.kid, dt, n, xp, yp, op.a, op.b, op.c, op.d)
        elif op.kind == OP_CHANNEL:
            rc = fa_run_channel(op.kid, dt, n // (op.C * op.inner) if n else 0, op.C,
                                op.inner, xp, yp, op.nparam, op.params)
        elif op.kind == OP_RRELU:
            fa_run_rrelu(dt, n, xp, yp, op.slopes, op.a, op.b, op.seed)
        elif op.kind == OP_SOFTMAX:
            rc = fa_run_softmax(op.take_log, op.negate, dt, n // (op.C * op.inner) if n else 0,
                                op.C, op.inner, xp, yp)
        else:
            rc = fa_run_bias_act(op.kid, dt, n // (op.C * op.inner) if n else 0, op.C,
                                 op.inner, xp, op.bias, yp, op.a, op.b, op.c, op.d)
    if rc == -1:
        raise MemoryError("fastact: out of memory for scratch space (nothing was written)")
    if rc != 0:
        raise ValueError("fastact: invalid channel operation (internal error)")
    return 0


cdef object _compute(const Op *op, cnp.ndarray src, cnp.ndarray dst):
    """dst[...] = operation(src).  src and dst have the same shape and dtype.

    Contiguous pairs go straight to C.  Everything else (strided views,
    mixed layouts, partial overlap, float16, and for position-dependent
    operations anything not in C order) goes through one contiguous
    float32/float64 temporary, so the C side only ever sees flat buffers and
    dst is written only after the whole result exists."""
    cdef cnp.ndarray tmp
    cdef int dt
    cdef int k = _kind(src)
    if k == K_F32:
        dt = FA_F32
    elif k == K_F64:
        dt = FA_F64
    else:  # float16: computed in float32, rounded once on the way back
        tmp = np.array(src, dtype=np.float32, order="C", copy=True)
        _run_flat(op, FA_F32, tmp, tmp)
        with np.errstate(over="ignore"):  # overflow to inf is the rounded result
            np.copyto(dst, tmp, casting="unsafe")
        return dst
    if _flat_compatible(src, dst, op.ordered):
        if (cnp.PyArray_DATA(src) == cnp.PyArray_DATA(dst)
                or not _blocks_overlap(src, dst)):
            _run_flat(op, dt, src, dst)
            return dst
    tmp = np.array(src, order="C", copy=True)
    _run_flat(op, dt, tmp, tmp)
    np.copyto(dst, tmp)
    return dst


cpdef cnp.ndarray as_input(object x):
    """Out-of-place input: any array-like; ints and bools become float64."""
    cdef cnp.ndarray arr
    if isinstance(x, _ndarray):
        arr = <cnp.ndarray>x
    else:
        try:
            arr = np.asarray(x)
        except Exception as exc:
            raise TypeError(f"x must be an array-like of real numbers: {exc}") from None
    if _kind(arr) != K_OTHER:
        return arr
    dtype = arr.dtype
    kind = dtype.kind
    if kind in "biu":
        return arr.astype(np.float64)
    if kind == "f" and dtype.itemsize in (2, 4, 8):  # non-native byte order
        return arr.astype(dtype.newbyteorder("="))
    raise TypeError(f"x must hold real numbers (float16/32/64, int or bool), got dtype {dtype}")


cpdef cnp.ndarray as_inplace(object x):
    """In-place input: a writeable float16/32/64 ndarray, else TypeError/ValueError."""
    cdef cnp.ndarray arr
    if not isinstance(x, _ndarray):
        raise TypeError(f"x must be a numpy.ndarray to work in place, got {type(x).__name__}")
    arr = <cnp.ndarray>x
    if _kind(arr) == K_OTHER:
        raise TypeError(f"x must have a floating dtype (float16/32/64) to work in place, "
                        f"got {arr.dtype}")
    if not cnp.PyArray_ISWRITEABLE(arr):
        raise ValueError("x is read-only")
    return arr


cdef cnp.ndarray _check_out(cnp.ndarray arr, object out):
    """out for a result of arr's dtype and shape, else TypeError/ValueError."""
    return _check_shaped_out(out, arr.dtype, (<object>arr).shape)


cdef object _apply(const Op *op, cnp.ndarray arr, object out):
    """Out of place: op(arr) into a new array (a NumPy scalar for 0-d) or into out."""
    cdef cnp.ndarray res
    if out is None:
        res = PyArray_NewLikeArray(arr, cnp.NPY_KEEPORDER, NULL, 0)
        _compute(op, arr, res)
        if cnp.PyArray_NDIM(res) == 0:
            return res[()]
        return res
    _compute(op, arr, _check_out(arr, out))
    return out


def unary(int kid, object x, object out, double a=0.0, double b=0.0,
          double c=0.0, double d=0.0):
    """Out of place: returns kernel(x), in a new array or in ``out``."""
    cdef cnp.ndarray arr, res
    cdef int k
    cdef Op op
    op.kind = OP_UNARY
    op.kid = kid
    op.a, op.b, op.c, op.d = a, b, c, d
    op.ordered = False
    # Fast path: a float32/float64 C-contiguous ndarray and no out=.
    if out is None and type(x) is _ndarray:
        arr = <cnp.ndarray>x
        k = _kind(arr)
        if (k == K_F32 or k == K_F64) and cnp.PyArray_IS_C_CONTIGUOUS(arr):
            res = PyArray_NewLikeArray(arr, cnp.NPY_KEEPORDER, NULL, 0)
            _run_flat(&op, FA_F32 if k == K_F32 else FA_F64, arr, res)
            if cnp.PyArray_NDIM(res) == 0:
                return res[()]
            return res
    # Fast path with out=: float32/float64 C-contiguous x and out, same dtype and shape.
    if type(x) is _ndarray and type(out) is _ndarray:
        arr = <cnp.ndarray>x
        res = <cnp.ndarray>out
        k = _kind(arr)
        if ((k == K_F32 or k == K_F64) and _kind(res) == k
                and cnp.PyArray_IS_C_CONTIGUOUS(arr) and cnp.PyArray_IS_C_CONTIGUOUS(res)
                and cnp.PyArray_ISWRITEABLE(res)
                and cnp.PyArray_SAMESHAPE(arr, res)
                and (cnp.PyArray_DATA(arr) == cnp.PyArray_DATA(res)
                     or not _blocks_overlap(arr, res))):
            _run_flat(&op, FA_F32 if k == K_F32 else FA_F64, arr, res)
            return out
    return _apply(&op, as_input(x), out)


def unary_inplace(int kid, object x, double a=0.0, double b=0.0,
                  double c=0.0, double d=0.0):
    """In place: x[...] = kernel(x); returns x."""
    cdef cnp.ndarray arr = as_inplace(x)
    cdef Op op
    op.kind = OP_UNARY
    op.kid = kid
    op.a, op.b, op.c, op.d = a, b, c, d
    op.ordered = False
    _compute(&op, arr, arr)
    return x


def channel(int kid, cnp.ndarray arr, object out, size_t C, size_t inner,
            cnp.ndarray[cnp.float64_t, ndim=2, mode="c"] params, bint inplace=False):
    """op(arr) with parameters per channel: arr (already normalised by
    as_input / as_inplace) is viewed in C order as [outer][C][inner] and
    params[k, c] is parameter k of channel c.  kid is a kernel id of
    kernel_names(), "apl" included (params = a_0..a_{S-1}, b_0..b_{S-1})."""
    cdef Op op
    op.kind = OP_CHANNEL
    op.kid = kid
    op.C = C
    op.inner = inner
    op.nparam = <size_t>params.shape[0]
    op.params = <const double *>cnp.PyArray_DATA(params)
    op.ordered = C > 1
    if <size_t>params.shape[1] != C or C == 0 or inner == 0:
        raise ValueError("fastact: channel parameters do not match the channel count")
    if <size_t>cnp.PyArray_SIZE(arr) % (C * inner):
        raise ValueError("fastact: the channel layout does not match x")
    if inplace:
        _compute(&op, arr, arr)
        return arr
    return _apply(&op, arr, out)


def rrelu(cnp.ndarray arr, object out, double lower, double upper, uint64_t seed,
          bint want_slopes, bint inplace=False):
    """RReLU's training mode on arr (already normalised by as_input /
    as_inplace).  Returns (result, slopes or None); the slopes are in C order
    in the computation dtype (float32 for float16 input)."""
    cdef Op op
    cdef cnp.ndarray slopes = None
    op.kind = OP_RRELU
    op.a, op.b = lower, upper
    op.seed = seed
    op.ordered = True
    op.slopes = NULL
    if want_slopes:
        slopes = np.empty((<object>arr).shape,
                          dtype=np.float64 if _kind(arr) == K_F64 else np.float32)
        op.slopes = <char *>cnp.PyArray_DATA(slopes)
    if inplace:
        _compute(&op, arr, arr)
        return arr, slopes
    return _apply(&op, arr, out), slopes


# ---------------------------------------------------------- along an axis

cdef inline tuple _axis_layout(tuple shape, int axis):
    """(outer, L, inner) of shape around a normalised axis."""
    cdef size_t outer = 1, inner = 1
    cdef int i
    for i in range(axis):
        outer *= <size_t>shape[i]
    for i in range(axis + 1, len(shape)):
        inner *= <size_t>shape[i]
    return outer, <size_t>shape[axis], inner


def softmax(bint take_log, bint negate, cnp.ndarray arr, object out, int axis,
            bint inplace=False):
    """softmax / log_softmax (of -x if negate) of arr (already normalised by
    as_input / as_inplace) along a normalised axis."""
    cdef Op op
    cdef size_t outer, L, inner
    outer, L, inner = _axis_layout((<object>arr).shape, axis)
    op.kind = OP_SOFTMAX
    op.take_log = take_log
    op.negate = negate
    op.C = L if L else 1
    op.inner = inner if inner else 1
    op.ordered = True
    if inplace:
        _compute(&op, arr, arr)
        return arr
    return _apply(&op, arr, out)


def bias_act(int kid, cnp.ndarray arr, cnp.ndarray bias, object out, size_t C, size_t inner,
             double a=0.0, double b=0.0, double c=0.0, double d=0.0, bint inplace=False):
    """kernel(arr + bias) in one pass: arr (normalised by as_input /
    as_inplace) viewed in C order as [outer][C][inner]; bias is C-contiguous,
    C values of the computation dtype (float64 for float64 arr, else
    float32)."""
    cdef Op op
    cdef int k = _kind(arr)
    if bias.ndim != 1 or <size_t>bias.shape[0] != C or C == 0 or inner == 0:
        raise ValueError("fastact: the bias does not match the channel layout")
    if not cnp.PyArray_IS_C_CONTIGUOUS(bias) or _kind(bias) != (K_F64 if k == K_F64 else K_F32):
        raise ValueError("fastact: bias must be C-contiguous in the computation dtype")
    if <size_t>cnp.PyArray_SIZE(arr) % (C * inner):
        raise ValueError("fastact: the channel layout does not match x")
    op.kind = OP_BIAS
    op.kid = kid
    op.a, op.b, op.c, op.d = a, b, c, d
    op.C = C
    op.inner = inner
    op.bias = cnp.PyArray_DATA(bias)
    op.ordered = C > 1
    if inplace:
        _compute(&op, arr, arr)
        return arr
    return _apply(&op, arr, out)


cdef cnp.ndarray _c_comp(cnp.ndarray a):
    """a as a C-contiguous float32 (for float16/float32) or float64 array."""
    return np.ascontiguousarray(a, dtype=np.float64 if _kind(a) == K_F64 else np.float32)


cdef cnp.ndarray _result_buffer(object out, object dtype, tuple shape, cnp.ndarray src,
                                cnp.ndarray src2):
    """Where a kernel writes a result of shape and the computation dtype:
    out itself when it is a C-contiguous array of that dtype that shares no
    memory with the inputs src and src2 (None: no second input), else a new
    array that _deliver copies into out."""
    cdef cnp.ndarray o
    if out is not None:
        o = <cnp.ndarray>out
        if (o.dtype == dtype and cnp.PyArray_IS_C_CONTIGUOUS(o)
                and not _blocks_overlap(o, src)
                and (src2 is None or not _blocks_overlap(o, src2))):
            return o
    return np.empty(shape, dtype=dtype)


cdef object _deliver(cnp.ndarray res, object dtype, object out):
    """The result (computed in res, C order, computation dtype) in x's dtype,
    as a new array or written into out (nothing to do where res is out)."""
    if out is not None and res is out:
        return out
    if out is None:
        if res.dtype != dtype:
            with np.errstate(over="ignore"):
                res = res.astype(dtype)
        if cnp.PyArray_NDIM(res) == 0:
            return res[()]
        return res
    with np.errstate(over="ignore"):
        np.copyto(out, res, casting="unsafe")
    return out


cdef cnp.ndarray _check_shaped_out(object out, object dtype, tuple shape):
    """out (if not None) as a writeable ndarray of dtype and shape, else
    TypeError/ValueError naming what is wrong."""
    cdef cnp.ndarray o
    if out is None:
        return None
    if not isinstance(out, _ndarray):
        raise TypeError(f"out must be a numpy.ndarray, got {type(out).__name__}")
    o = <cnp.ndarray>out
    if o.dtype != dtype:
        raise TypeError(f"out has dtype {o.dtype}, but the result has dtype {dtype}")
    if (<object>o).shape != shape:
        raise ValueError(f"out has shape {(<object>o).shape}, but the result has shape {shape}")
    if not cnp.PyArray_ISWRITEABLE(o):
        raise ValueError("out is read-only")
    return o


def maxout(cnp.ndarray arr, object out, int axis, size_t p):
    """Max over groups of p consecutive elements along a normalised axis
    (whose length p divides; checked by the caller)."""
    cdef size_t outer, L, inner
    outer, L, inner = _axis_layout((<object>arr).shape, axis)
    shape = list((<object>arr).shape)
    shape[axis] = L // p
    shape = tuple(shape)
    _check_shaped_out(out, arr.dtype, shape)
    cdef cnp.ndarray src = _c_comp(arr)
    cdef cnp.ndarray res = _result_buffer(out, src.dtype, shape, src, None)
    cdef int dt = FA_F64 if _kind(src) == K_F64 else FA_F32
    cdef const void *xp = cnp.PyArray_DATA(src)
    cdef void *yp = cnp.PyArray_DATA(res)
    cdef size_t groups = outer * (L // p)
    with nogil:
        fa_run_maxout(dt, groups, p, inner, xp, yp)
    return _deliver(res, arr.dtype, out)


def gated(int kid, cnp.ndarray arr, object gate, object out, int axis,
          double a=0.0, double b=0.0, double c=0.0, double d=0.0):
    """first_half * kernel(second_half) of arr along a normalised axis (whose
    length is even; checked by the caller), or arr * kernel(gate) when gate
    (an ndarray of arr's shape and dtype) is given."""
    cdef size_t outer, L, inner, run, stride
    cdef cnp.ndarray src, res
    cdef cnp.ndarray gsrc = None
    cdef const void *ap
    cdef const void *bp
    if gate is None:
        outer, L, inner = _axis_layout((<object>arr).shape, axis)
        shape = list((<object>arr).shape)
        shape[axis] = L // 2
        shape = tuple(shape)
        src = _c_comp(arr)
        run = (L // 2) * inner
        stride = L * inner
        ap = cnp.PyArray_DATA(src)
        bp = <const char *>ap + run * (8 if _kind(src) == K_F64 else 4)
    else:
        shape = (<object>arr).shape
        src = _c_comp(arr)
        gsrc = _c_comp(<cnp.ndarray>gate)
        outer = 1
        run = <size_t>cnp.PyArray_SIZE(src)
        stride = run
        ap = cnp.PyArray_DATA(src)
        bp = cnp.PyArray_DATA(gsrc)
    _check_shaped_out(out, arr.dtype, shape)
    res = _result_buffer(out, src.dtype, shape, src, gsrc)
    cdef int dt = FA_F64 if _kind(src) == K_F64 else FA_F32
    cdef void *yp = cnp.PyArray_DATA(res)
    cdef int rc
    with nogil:
        rc = fa_run_gated(kid, dt, outer, run, stride, ap, bp, yp, a, b, c, d)
    if rc != 0:
        raise ValueError("fastact: invalid gated operation (internal error)")
    return _deliver(res, arr.dtype, out)


# ---------------------------------------------------------------- backward

# Backward operations take two arrays of one shape (the incoming gradient g
# and x, or the forward's output y) and write one of that shape.
DEF G_ELEMENTWISE = 0
DEF G_RRELU = 1
DEF G_SOFTMAX = 2

cdef struct GradOp:
    int kind
    int kid
    bint from_y
    double a, b, c, d        # G_ELEMENTWISE: scalar parameters; G_RRELU: lower, upper
    uint64_t seed            # G_RRELU
    int take_log, negate     # G_SOFTMAX
    size_t L, inner          # G_SOFTMAX: the axis length and what follows it
    bint ordered             # the C side needs the logical C order


def has_grad(int kid, bint from_y=False):
    return bool(fa_has_grad(kid, from_y))


cdef int _run_grad_flat(const GradOp *op, int dt, cnp.ndarray g, cnp.ndarray x,
                        cnp.ndarray dst) except -1:
    cdef size_t n = <size_t>cnp.PyArray_SIZE(g)
    cdef const void *gp = cnp.PyArray_DATA(g)
    cdef const void *xp = cnp.PyArray_DATA(x)
    cdef void *op_ = cnp.PyArray_DATA(dst)
    cdef int rc = 0
    with nogil:
        if op.kind == G_ELEMENTWISE:
            rc = fa_run_grad(op.kid, op.from_y, dt, n, gp, xp, op_, op.a, op.b, op.c, op.d)
        elif op.kind == G_RRELU:
            fa_run_rrelu_grad(dt, n, gp, xp, op_, op.a, op.b, op.seed)
        else:
            rc = fa_run_softmax_grad(op.take_log, op.negate, dt,
                                     n // (op.L * op.inner) if n else 0, op.L, op.inner,
                                     gp, xp, op_)
    if rc != 0:
        raise ValueError("fastact: this activation has no such backward kernel (internal error)")
    return 0


cdef inline bint _may_write(cnp.ndarray dst, cnp.ndarray src):
    """dst may be written while src is read element by element: the same
    buffer (in place), or no overlap at all."""
    return cnp.PyArray_DATA(dst) == cnp.PyArray_DATA(src) or not _blocks_overlap(dst, src)


cdef object _compute_grad(const GradOp *op, cnp.ndarray g, cnp.ndarray x, cnp.ndarray dst):
    """dst[...] = backward(g, x).  g, x and dst have one shape; dst has the
    result dtype.  Contiguous same-layout float32/float64 triples go straight
    to C; anything else goes through C-contiguous temporaries in the
    computation dtype, and dst is written once the whole result exists."""
    cdef int k = _kind(dst)
    cdef cnp.ndarray gc, xc, res
    cdef int dt = FA_F64 if k == K_F64 else FA_F32
    if (k != K_F16 and _kind(g) == k and _kind(x) == k
            and _flat_compatible(g, x, op.ordered) and _flat_compatible(g, dst, op.ordered)
            and _may_write(dst, g) and _may_write(dst, x)):
        _run_grad_flat(op, dt, g, x, dst)
        return dst
    comp = np.float64 if k == K_F64 else np.float32
    gc = np.ascontiguousarray(g, dtype=comp)
    xc = np.ascontiguousarray(x, dtype=comp)
    res = np.empty((<object>g).shape, dtype=comp)
    _run_grad_flat(op, dt, gc, xc, res)
    with np.errstate(over="ignore"):   # float16: overflow to inf is the rounded result
        np.copyto(dst, res, casting="unsafe")
    return dst


cpdef tuple grad_pair(object grad_output, object x, str xname):
    """(g, x, result dtype) as ndarrays of one shape, else TypeError/ValueError."""
    cdef cnp.ndarray g, xa
    try:
        g = as_input(grad_output)
    except TypeError as exc:
        raise TypeError(str(exc).replace("x must", "grad_output must", 1)) from None
    try:
        xa = as_input(x)
    except TypeError as exc:
        raise TypeError(str(exc).replace("x must", f"{xname} must", 1)) from None
    if (<object>g).shape != (<object>xa).shape:
        raise ValueError(f"grad_output has shape {(<object>g).shape}, but {xname} has shape "
                         f"{(<object>xa).shape}; they must be equal")
    return g, xa, np.result_type(g.dtype, xa.dtype)


cpdef object grad_target(object grad_output, object dtype, tuple shape, object out,
                         bint inplace):
    """Where a backward result of dtype and shape goes: grad_output itself
    (inplace: a writeable float ndarray of that dtype), out (checked), or
    None (a new array); else TypeError/ValueError, before anything is
    written."""
    cdef cnp.ndarray dst
    if not inplace:
        return _check_shaped_out(out, dtype, shape)
    if not isinstance(grad_output, _ndarray):
        raise TypeError("grad_output must be a numpy.ndarray to work in place, got "
                        f"{type(grad_output).__name__}")
    dst = <cnp.ndarray>grad_output
    if _kind(dst) == K_OTHER:
        raise TypeError(f"grad_output must have a floating dtype (float16/32/64) to work "
                        f"in place, got {dst.dtype}")
    if dst.dtype != dtype:
        raise TypeError(f"grad_output has dtype {dst.dtype}, but the gradient has dtype "
                        f"{dtype}; it cannot be written in place")
    if not cnp.PyArray_ISWRITEABLE(dst):
        raise ValueError("grad_output is read-only")
    return dst


cdef object _grad_apply(const GradOp *op, object grad_output, object x, str xname, object out,
                        bint inplace):
    cdef cnp.ndarray g, xa, dst
    g, xa, dtype = grad_pair(grad_output, x, xname)
    target = grad_target(grad_output, dtype, (<object>g).shape, out, inplace)
    if target is None:
        dst = np.empty((<object>g).shape, dtype=dtype)
        _compute_grad(op, g, xa, dst)
        if cnp.PyArray_NDIM(dst) == 0:
            return dst[()]
        return dst
    _compute_grad(op, g, xa, <cnp.ndarray>target)
    return target


def grad(int kid, bint from_y, object grad_output, object x, object out, double a=0.0,
         double b=0.0, double c=0.0, double d=0.0, bint inplace=False):
    """grad_output * f'(x) for elementwise kernel kid (f' from y if from_y):
    a new array, out, or (inplace) grad_output itself."""
    cdef GradOp op
    op.kind = G_ELEMENTWISE
    op.kid = kid
    op.from_y = from_y
    op.a, op.b, op.c, op.d = a, b, c, d
    op.ordered = False
    if not fa_has_grad(kid, from_y):
        raise ValueError("fastact: no backward kernel for this activation (internal error)")
    return _grad_apply(&op, grad_output, x, "y" if from_y else "x", out, inplace)


def rrelu_grad(object grad_output, object x, object out, double lower, double upper,
               uint64_t seed, bint inplace=False):
    """RReLU training-mode backward: the slopes of the forward with this seed."""
    cdef GradOp op
    op.kind = G_RRELU
    op.a, op.b = lower, upper
    op.seed = seed
    op.ordered = True
    return _grad_apply(&op, grad_output, x, "x", out, inplace)


def softmax_grad(bint take_log, bint negate, object grad_output, object y, object out, int axis,
                 bint inplace=False):
    """The VJP of softmax / softmin / log_softmax along a normalised axis, from y."""
    cdef GradOp op
    cdef size_t outer, L, inner
    cdef cnp.ndarray ya = as_input(y)
    if cnp.PyArray_NDIM(ya) == 0 or not 0 <= axis < cnp.PyArray_NDIM(ya):
        raise ValueError("fastact: bad axis (internal error)")
    outer, L, inner = _axis_layout((<object>ya).shape, axis)
    op.kind = G_SOFTMAX
    op.take_log = take_log
    op.negate = negate
    op.L = L if L else 1
    op.inner = inner if inner else 1
    op.ordered = True
    return _grad_apply(&op, grad_output, ya, "y", out, inplace)


def maxout_grad(object grad_output, cnp.ndarray x, object out, int axis, size_t p):
    """maxout's backward: grad_output has x's shape with the axis p times
    shorter; the result has x's shape."""
    cdef size_t outer, L, inner
    cdef cnp.ndarray g, xc, res
    outer, L, inner = _axis_layout((<object>x).shape, axis)
    try:
        g = as_input(grad_output)
    except TypeError as exc:
        raise TypeError(str(exc).replace("x must", "grad_output must", 1)) from None
    want = list((<object>x).shape)
    want[axis] = L // p
    if (<object>g).shape != tuple(want):
        raise ValueError(f"grad_output has shape {(<object>g).shape}, but maxout of x has shape "
                         f"{tuple(want)}")
    dtype = np.result_type(g.dtype, x.dtype)
    _check_shaped_out(out, dtype, (<object>x).shape)
    comp = np.float64 if dtype == np.float64 else np.float32
    gc = np.ascontiguousarray(g, dtype=comp)
    xc = np.ascontiguousarray(x, dtype=comp)
    res = np.empty((<object>x).shape, dtype=comp)
    cdef int dt = FA_F64 if comp is np.float64 else FA_F32
    cdef const void *gp = cnp.PyArray_DATA(gc)
    cdef const void *xp = cnp.PyArray_DATA(xc)
    cdef void *rp = cnp.PyArray_DATA(res)
    cdef size_t groups = outer * (L // p)
    with nogil:
        fa_run_maxout_grad(dt, groups, p, inner, gp, xp, rp)
    return _deliver(res, dtype, out)
