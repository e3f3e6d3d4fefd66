"""Builds the functions along an axis and the fused ones from the registry.

* softmax, log_softmax, softmin (registry kind SOFTMAX): ``NAME(x, axis=-1,
  *, out=None)`` and the in-place ``NAME_(x, axis=-1)``;
* maxout (MAXOUT): ``maxout(x, pool_size, axis=-1, *, out=None)``;
* glu, swiglu, geglu (GATED): ``NAME(x, axis=-1, ..., *, gate=None,
  out=None)``: the first half of x along axis times act(second half), or,
  with ``gate``, x * act(gate) without any split;
* ``bias_act(x, bias, activation="gelu", axis=-1, *, out=None, **params)``
  and ``bias_act_``: act(x + bias) in one pass, for every elementwise
  activation of the registry.

Validation happens here, before anything is written; the work is in
``_core`` (Cython) and the C driver.
"""
import inspect
import operator

import numpy as np

from . import _core
from ._api import KERNEL_IDS, _axis, _nonnegative
from ._registry import (AXIS_FUNCTIONS, BY_NAME, CHOICE, FINITE, FUSABLE, GATED, MAXOUT,
                        NONNEGATIVE, POSITIVE, REQUIRED, SOFTMAX)

_SCALAR_CHECK = {FINITE: _core.finite, POSITIVE: _core.positive, NONNEGATIVE: _nonnegative}


def _axis_of(x, axis):
    if x.ndim == 0:
        raise ValueError("x must have at least one dimension to work along an axis")
    return _axis(axis, x.ndim)


def _choice(param, value):
    """value if it is one of param's choices (same type too: True is not 1)."""
    if not any(type(value) is type(c) and value == c for c in param.choices):
        raise ValueError(f"{param.name} must be one of {param.choices!r}, got {value!r}")
    return value


def kernel_call(name, params):
    """(kernel id, (a, b, c, d)) for elementwise activation ``name`` with
    ``params`` (a dict), validated as fastact.NAME validates them."""
    if name not in FUSABLE:
        raise ValueError(f"activation must be the name of an elementwise activation "
                         f"({', '.join(FUSABLE)}), got {name!r}")
    act = BY_NAME[name]
    known = {p.name for p in act.params}
    unknown = set(params) - known
    if unknown:
        raise TypeError(f"{name} has no parameter {sorted(unknown)[0]!r} "
                        f"(its parameters: {', '.join(sorted(known)) or 'none'})")
    values = {}
    for p in act.params:
        if p.name in params:
            values[p.name] = params[p.name]
        elif p.required:
            raise TypeError(f"{name} needs the parameter {p.name!r}")
        else:
            values[p.name] = p.default
    scalars = []
    for p in act.scalar_params:
        values[p.name] = _SCALAR_CHECK[p.check](p.name, values[p.name])
        scalars.append(values[p.name])
    if act.constraint and not eval(act.constraint, {}, dict(values)):
        raise ValueError(act.constraint_doc)
    kernel = act.kernel
    cp = act.choice_param
    if cp is not None:
        kernel = act.kernel[_choice(cp, values[cp.name])]
    return KERNEL_IDS[kernel], tuple(scalars) + (0.0,) * (4 - len(scalars))


# ---------------------------------------------------------------- softmax

def _make_softmax(f):
    take_log, negate = f.take_log, f.negate

    def fn(x, axis=-1, *, out=None):
        x = _core.as_input(x)
        return _core.softmax(take_log, negate, x, out, _axis_of(x, axis))

    def fn_(x, axis=-1):
        x = _core.as_inplace(x)
        return _core.softmax(take_log, negate, x, None, _axis_of(x, axis), True)

    return fn, fn_


# ---------------------------------------------------------------- maxout

def _pool_size(value):
    if isinstance(value, (bool, np.bool_)):
        raise TypeError("pool_size must be an int, got bool")
    try:
        p = operator.index(value)
    except TypeError:
        raise TypeError(f"pool_size must be an int, got {type(value).__name__}") from None
    if p < 1:
        raise ValueError(f"pool_size must be >= 1, got {p}")
    return p


def _make_maxout(f):
    def fn(x, pool_size, axis=-1, *, out=None):
        p = _pool_size(pool_size)
        x = _core.as_input(x)
        ax = _axis_of(x, axis)
        if x.shape[ax] % p:
            raise ValueError(f"pool_size {p} does not divide the length {x.shape[ax]} of x "
                             f"along axis {axis}")
        return _core.maxout(x, out, ax, p)

    return fn, None


# ---------------------------------------------------------------- gated

def _make_gated(f):
    choice = next((p for p in f.params if p.check == CHOICE), None)

    def run(x, axis, gate, out, choice_value):
        act, extra = f.gate_for({choice.name: _choice(choice, choice_value)} if choice else {})
        kid, scalars = kernel_call(act, extra)
        x = _core.as_input(x)
        if gate is None:
            ax = _axis_of(x, axis)
            if x.shape[ax] % 2:
                raise ValueError(f"x has odd length {x.shape[ax]} along axis {axis}; "
                                 f"{f.name} splits it into two halves")
            return _core.gated(kid, x, None, out, ax, *scalars)
        g = _core.as_input(gate)
        if g.shape != x.shape:
            raise ValueError(f"gate has shape {g.shape}, but x has shape {x.shape}")
        dt = np.result_type(x.dtype, g.dtype)
        return _core.gated(kid, x.astype(dt, copy=False), g.astype(dt, copy=False), out, 0,
                           *scalars)

    if choice is None:
        def fn(x, axis=-1, *, gate=None, out=None):
            return run(x, axis, gate, out, None)
    else:
        def fn(x, axis=-1, approximate=choice.default, *, gate=None, out=None):
            return run(x, axis, gate, out, approximate)
        assert choice.name == "approximate", "a new CHOICE name needs its own signature here"
    return fn, None


# ---------------------------------------------------------------- bias_act

def _bias_layout(x, bias, axis):
    """(bias as a C-contiguous array in the computation dtype, C, inner)."""
    try:
        b = np.asarray(bias)
    except Exception:
        raise TypeError("bias must be an array-like of real numbers") from None
    if b.dtype.kind not in "biuf":
        raise TypeError(f"bias must hold real numbers, got dtype {b.dtype}")
    comp = np.float64 if x.dtype == np.float64 else np.float32
    n = x.size
    if b.ndim == 0 or (b.ndim == 1 and b.shape[0] == 1):
        return np.ascontiguousarray(b.reshape(1), dtype=comp), 1, max(n, 1)
    if b.ndim != 1:
        raise ValueError(f"bias must be a scalar or 1-D, got shape {b.shape}")
    ax = _axis_of(x, axis)
    C = x.shape[ax]
    if b.shape[0] != C:
        raise ValueError(f"bias has {b.shape[0]} values, but x has length {C} along axis "
                         f"{axis}")
    inner = int(np.prod(x.shape[ax + 1:], dtype=np.int64))
    if n == 0:
        return np.ascontiguousarray(b[:1], dtype=comp), 1, 1
    return np.ascontiguousarray(b, dtype=comp), C, inner


def bias_act(x, bias, activation="gelu", axis=-1, *, out=None, **params):
    kid, scalars = kernel_call(activation, params)
    x = _core.as_input(x)
    b, C, inner = _bias_layout(x, bias, axis)
    return _core.bias_act(kid, x, b, out, C, inner, *scalars)


def bias_act_(x, bias, activation="gelu", axis=-1, **params):
    kid, scalars = kernel_call(activation, params)
    x = _core.as_inplace(x)
    b, C, inner = _bias_layout(x, bias, axis)
    return _core.bias_act(kid, x, b, None, C, inner, *scalars, True)


_BIAS_DOC = """bias_act{u}: activation(x + bias) in one pass over memory.

bias is broadcast along `axis` (a scalar or 1-element bias is shared). The
sum x + bias is rounded to the computation dtype first, exactly as a separate
add would do, so the result has the same bits as fastact.ACTIVATION(x + bias)
for float32 and float64 (float16 adds in float32). bias is rounded to x's
computation dtype; it is data, so NaN and inf are allowed in it.
{where}

Parameters
----------
    x : {xkind}
    bias : scalar or 1-D array of x.shape[axis] values
    activation : the name of any elementwise activation (fastact.FUSABLE)
    axis : the axis that bias runs along (default -1)
    **params : the activation's parameters, checked as fastact.ACTIVATION checks them
""" + ("    out : ndarray, optional\n        same shape and dtype as the result\n")

# ---------------------------------------------------------------- build

_MAKERS = {SOFTMAX: _make_softmax, MAXOUT: _make_maxout, GATED: _make_gated}


def _docstring(f, inplace):
    params = "".join(f"\n    {p.name} : {'required' if p.default is REQUIRED else f'default {p.default!r}'}"
                     f"\n        {p.doc}" for p in f.params)
    where = ("Works in place on x (a writeable float16/32/64 ndarray) and returns x."
             if inplace else
             "Returns a new array, or writes into ``out`` and returns it.")
    gate = ("\n    gate : array_like, optional\n        the second half, given separately "
            "(x is then the first half)") if f.kind == GATED else ""
    return (f"{f.name}{'_' if inplace else ''}: {f.formula}\n\n{f.doc}\n{where}\n\n"
            f"Parameters\n----------\n    x : array_like{params}{gate}\n"
            + ("" if inplace else "    out : ndarray, optional\n")
            + f"\nAccuracy: float32 <= {f.ulp_f32} ULP, float64 <= {f.ulp_f64} ULP per "
            f"element against the oracle (fastact.reference.{f.name}).")


def build(namespace):
    names = []
    for f in AXIS_FUNCTIONS:
        fn, fn_ = _MAKERS[f.kind](f)
        for fname, g, inplace in ((f.name, fn, False), (f.name + "_", fn_, True)):
            if g is None:
                continue
            g.__name__ = g.__qualname__ = fname
            g.__module__ = "fastact"
            g.__doc__ = _docstring(f, inplace)
            namespace[fname] = g
            names.append(fname)
    for fname, g, inplace in (("bias_act", bias_act, False), ("bias_act_", bias_act_, True)):
        g.__module__ = "fastact"
        g.__doc__ = _BIAS_DOC.format(
            u="_" if inplace else "",
            where=("Works in place on x and returns x." if inplace else
                   "Returns a new array, or writes into ``out`` (which may be x)."),
            xkind="writeable float16/32/64 ndarray" if inplace else "array_like")
        namespace[fname] = g
        names.append(fname)
    _core.set_grain(KERNEL_IDS["softmax"], 1 << 13)
    _core.set_grain(KERNEL_IDS["maxout"], 1 << 15)
    return names
