"""Builds the public functions from the registry.

For every registry entry NAME this module defines ``NAME(x, ..., *, out=None)``
and ``NAME_(x, ...)`` with real signatures (so help(), inspect and IDEs see
the parameters) by filling one source template per kind of activation:

* elementwise: validate the scalar parameters, call ``_core.unary`` with a
  kernel id;
* channel-wise (prelu, srelu, apl): validate the parameter arrays, work out
  the [outer][channels][inner] layout along ``axis`` and call
  ``_core.channel``;
* rrelu: the one hand-written pair (its seed and its optional second
  result, the slopes, fit no template).

No activation has hand-written glue besides rrelu.
"""
import operator

import numpy as np

from . import _core
from ._registry import (ACTIVATIONS, AXIS, BACKWARD, CHANNEL, ELEMENTWISE, FINITE, HINGES,
                        NONNEGATIVE, POSITIVE, RRELU)

KERNEL_IDS = {name: i for i, name in enumerate(_core.kernel_names())}

MAX_HINGES = 64   # fa_run_channel takes at most 128 parameter rows

# ---------------------------------------------------------------- validation


def _nonnegative(name, value):
    v = _core.finite(name, value)
    if not v >= 0.0:
        raise ValueError(f"{name} must be >= 0, got {v!r}")
    return v


_SCALAR_CHECKS = {FINITE: "_finite", POSITIVE: "_positive", NONNEGATIVE: "_nonnegative"}


def _real_array(name, value):
    """A float64 array of finite reals, else TypeError/ValueError naming it."""
    try:
        a = np.asarray(value)
    except Exception:
        raise TypeError(f"{name} must be a real number or an array of them") from None
    if a.dtype.kind not in "iuf" or a.dtype == np.bool_:
        raise TypeError(f"{name} must be a real number or an array of them, "
                        f"got {type(value).__name__}" + (f" of {a.dtype}" if a.ndim else ""))
    a = a.astype(np.float64)
    if not np.isfinite(a).all():
        raise ValueError(f"{name} must be finite")
    return a


def _axis(axis, ndim):
    try:
        ax = operator.index(axis)
    except TypeError:
        raise TypeError(f"axis must be an int, got {type(axis).__name__}") from None
    if isinstance(axis, (bool, np.bool_)):
        raise TypeError("axis must be an int, got bool")
    if not -ndim <= ax < ndim:
        raise ValueError(f"axis {ax} is out of range for x with {ndim} dimension"
                         f"{'s' if ndim != 1 else ''}")
    return ax % ndim


def _channel_layout(shape, axis, named):
    """Per-channel parameters -> (params (rows, C) float64, C, inner).

    ``named`` is [(name, value, check)].  CHANNEL values are a scalar or a
    1-D array of 1 or C values; HINGES values are (S,) (shared) or (S, C).
    If every parameter is shared, x is one channel (axis is not used)."""
    blocks = []
    hinge_shape = None
    for name, value, check in named:
        a = _real_array(name, value)
        if check == CHANNEL:
            if a.ndim > 1:
                raise ValueError(f"{name} must be a scalar or a 1-D array, got shape {a.shape}")
            a = a.reshape(1, -1)
            if a.shape[1] == 0:
                raise ValueError(f"{name} is empty")
        else:  # HINGES
            if a.ndim not in (1, 2) or a.shape[0] == 0:
                raise ValueError(f"{name} must have shape (S,) or (S, channels) with S >= 1, "
                                 f"got shape {a.shape}")
            if a.shape[0] > MAX_HINGES:
                raise ValueError(f"{name} has {a.shape[0]} hinges; at most {MAX_HINGES} "
                                 f"are supported")
            if hinge_shape is not None and a.shape != hinge_shape:
                raise ValueError(f"{name} has shape {a.shape}, but the other hinge "
                                 f"parameter has shape {hinge_shape}")
            hinge_shape = a.shape
            a = a.reshape(a.shape[0], -1)
        blocks.append((name, a))
    width = max(a.shape[1] for _, a in blocks)
    n = int(np.prod(shape))
    if width == 1 or n == 0:
        return np.ascontiguousarray(np.concatenate([a[:, :1] for _, a in blocks])), 1, max(n, 1)
    ax = _axis(axis, len(shape))
    C = shape[ax]
    rows = []
    for name, a in blocks:
        if a.shape[1] not in (1, C):
            raise ValueError(f"{name} has {a.shape[1]} values per hinge/slot, but x has {C} "
                             f"channels along axis {axis}")
        rows.append(np.broadcast_to(a, (a.shape[0], C)))
    inner = int(np.prod(shape[ax + 1:]))
    return np.ascontiguousarray(np.concatenate(rows)), C, inner


# ---------------------------------------------------------------- templates

_ELEMENTWISE = '''
def {name}(x{sig}, *, out=None):
    {prelude}return _unary({kid}, x, out{args})

def {name}_(x{sig}):
    {prelude}return _unary_inplace({kid}, x{args})
'''

_CHANNEL = '''
def {name}(x{sig}, *, out=None):
    {shared}x = _as_input(x)
    {prelude}return _channel({kid}, x, out, _C, _inner, _P)

def {name}_(x{sig}):
    {shared_}x = _as_inplace(x)
    {prelude}return _channel({kid}, x, None, _C, _inner, _P, True)
'''

# Every parameter a Python float: one shared value per slot, so the call is
# the elementwise kernel itself (no parameter arrays, no layout work).
_SHARED = '''if {all_float}:
        {checks}{constraint}return {call}
    '''


def _choice_code(act):
    """Code that maps a CHOICE parameter to a kernel id, or raises."""
    p = act.choice_param
    kinds = tuple(sorted({type(c).__name__ for c in p.choices}))
    return (f"_kid = _choices.get({p.name}) if type({p.name}).__name__ in {kinds!r} else None\n"
            f"    if _kid is None:\n"
            f"        raise ValueError(f\"{p.name} must be one of {p.choices!r}, "
            f"got {{{p.name}!r}}\")\n    ")


def _constraint_code(act):
    if not act.constraint:
        return ""
    return (f"if not ({act.constraint}):\n"
            f"        raise ValueError({act.constraint_doc!r})\n    ")


def _signature(act):
    return "".join(f", {p.name}" if p.required else f", {p.name}={p.default!r}"
                   for p in act.params)


def _elementwise_parts(act):
    """(prelude, kid, args) of an elementwise activation's generated
    functions, forward and backward: the parameter checks (and the CHOICE's
    kernel pick), the kernel id expression, the kernel's scalar arguments."""
    checks = "".join(f"{p.name} = {_SCALAR_CHECKS[p.check]}({p.name!r}, {p.name})\n    "
                     for p in act.scalar_params)
    prelude = checks + _constraint_code(act)
    if act.choice_param is not None:
        prelude += _choice_code(act)
        kid = "_kid"
    else:
        kid = str(KERNEL_IDS[act.kernel])
    args = "".join(f", {p.name}" for p in act.scalar_params)
    return prelude, kid, args


def _elementwise_code(act):
    prelude, kid, args = _elementwise_parts(act)
    return _ELEMENTWISE.format(name=act.name, sig=_signature(act), prelude=prelude, kid=kid,
                               args=args)


def _channel_code(act):
    named = [p for p in act.params if p.check in (CHANNEL, HINGES)]
    axis = next(p for p in act.params if p.check == AXIS)
    spec = ", ".join(f"({p.name!r}, {p.name}, {p.check!r})" for p in named)
    prelude = (f"_P, _C, _inner = _channel_layout(x.shape, {axis.name}, [{spec}])\n    ")
    if act.constraint:
        # checked on the validated values, broadcast to the channels
        unpack = ", ".join(p.name for p in named)
        prelude += f"{unpack}, = _P\n    " + _constraint_code(act)
    shared = shared_ = ""
    if act.kernel != "apl":   # slot kernels: the same kernel serves shared values
        all_float = " and ".join(f"type({p.name}) is float" for p in named)
        checks = "".join(f"{p.name} = _finite({p.name!r}, {p.name})\n        " for p in named)
        constraint = _constraint_code(act).replace("\n    ", "\n        ")
        args = "".join(f", {p.name}" for p in named)
        kid = KERNEL_IDS[act.kernel]
        shared = _SHARED.format(all_float=all_float, checks=checks, constraint=constraint,
                                call=f"_unary({kid}, x, out{args})")
        shared_ = _SHARED.format(all_float=all_float, checks=checks, constraint=constraint,
                                 call=f"_unary_inplace({kid}, x{args})")
    return _CHANNEL.format(name=act.name, sig=_signature(act), prelude=prelude,
                           kid=KERNEL_IDS[act.kernel], shared=shared, shared_=shared_)


def _docstring(act, inplace):
    params = "".join(f"\n    {p.name} : {'required' if p.required else f'default {p.default!r}'}"
                     f"\n        {p.doc}" for p in act.params)
    where = ("Works in place on x (a writeable float16/32/64 ndarray) and returns x."
             if inplace else
             "Returns a new array, or writes into ``out`` (which may be x) and returns it.")
    return (f"{act.name}{'_' if inplace else ''}: {act.formula}\n\n{act.doc}\n{where}\n\n"
            f"Parameters\n----------\n    x : array_like{params}\n"
            + ("" if inplace else "    out : ndarray, optional\n        same shape and dtype as the result\n")
            + f"\nAccuracy: float32 <= {act.ulp_f32} ULP, float64 <= {act.ulp_f64} ULP "
            f"against the float64 oracle (fastact.reference.{act.name}).")


# ---------------------------------------------------------------- backward

_ELEMENTWISE_BACKWARD = '''
def {name}_backward(grad_output, {xsig}{sig}, *, {ysig}out=None):
    {prelude}{pick}return _grad({kid}, {from_y}, grad_output, {xv}, out{args})

def {name}_backward_(grad_output, {xsig}{sig}{ysig_}):
    {prelude}{pick}return _grad({kid}, {from_y}, grad_output, {xv}, None{args}, inplace=True)
'''

# x or y, exactly one (the y form), chosen before the call
_PICK_Y = '''if (x is None) == (y is None):
        raise TypeError("{name}_backward takes exactly one of x (the forward's input) and y "
                        "(its output)")
    {ycheck}'''


def _elementwise_backward_code(act):
    """NAME_backward and NAME_backward_ of an elementwise activation: the
    forward's parameter checks, then the backward kernel of the same id."""
    prelude, kid, args = _elementwise_parts(act)
    bw = BACKWARD[act.name]
    if bw.y_ulp is not None:
        ycheck = ""
        if bw.y_constraint:
            ycheck = (f"if y is not None and not ({bw.y_constraint}):\n"
                      f"        raise ValueError({bw.y_constraint_doc!r})\n    ")
        pick = _PICK_Y.format(name=act.name, ycheck=ycheck)
        return _ELEMENTWISE_BACKWARD.format(
            name=act.name, xsig="x=None", sig=_signature(act), ysig="y=None, ",
            ysig_=", *, y=None", prelude=prelude, pick=pick, kid=kid,
            from_y="y is not None", xv="x if y is None else y", args=args)
    return _ELEMENTWISE_BACKWARD.format(
        name=act.name, xsig="x", sig=_signature(act), ysig="", ysig_="", prelude=prelude,
        pick="", kid=kid, from_y="False", xv="x", args=args)


def _backward_docstring(act, inplace):
    bw = BACKWARD[act.name]
    has_y = bw.y_ulp is not None
    where = ("Writes the result into grad_output (a writeable float ndarray of the result "
             "dtype) and returns it." if inplace else
             "Returns a new array, or writes into ``out`` (which may be grad_output) and "
             "returns it.")
    yline = ("\n    y : array_like, keyword\n        the forward's output, instead of x "
             f"(float32 <= {bw.y_ulp[0]} ULP, float64 <= {bw.y_ulp[1]} ULP)") if has_y else ""
    return (f"{act.name}_backward{'_' if inplace else ''}: grad_output * {act.name}'(x)\n\n"
            f"{bw.doc}\n{where}\n\nParameters\n----------\n    grad_output : array_like\n"
            f"    x : array_like\n        the forward's input" + yline +
            "".join(f"\n    {p.name} : as in {act.name}" for p in act.params) +
            f"\n\nAccuracy: float32 <= {bw.ulp_f32} ULP, float64 <= {bw.ulp_f64} ULP against "
            f"fastact.reference.{act.name}_backward.")


# ---------------------------------------------------------------- rrelu

def _seed(seed):
    if seed is None:
        return int(np.random.SeedSequence().generate_state(1, np.uint64)[0])
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be None or an int, got {type(seed).__name__}")
    if not 0 <= int(seed) < 1 << 64:
        raise ValueError(f"seed must be in [0, 2**64), got {seed}")
    return int(seed)


def _rrelu_args(lower, upper, training, seed, return_slopes):
    lower = _core.finite("lower", lower)
    upper = _core.finite("upper", upper)
    if not lower <= upper:
        raise ValueError("lower must be <= upper")
    for name, flag in (("training", training), ("return_slopes", return_slopes)):
        if not isinstance(flag, (bool, np.bool_)):
            raise TypeError(f"{name} must be a bool, got {type(flag).__name__}")
    return lower, upper, bool(training), (_seed(seed) if training else None), bool(return_slopes)


def _eval_slopes(x, slope):
    """Evaluation mode's slopes: the fixed slope (rounded to the computation
    dtype, as the kernel uses it) where x <= 0, else 1; x's dtype, C order."""
    comp = np.float64 if x.dtype == np.float64 else np.float32
    return np.where(x <= 0, comp(slope), comp(1)).astype(x.dtype)


def rrelu(x, lower=1.0 / 8, upper=1.0 / 3, training=False, seed=None, *,
          return_slopes=False, out=None):
    lower, upper, training, seed, return_slopes = _rrelu_args(lower, upper, training, seed,
                                                              return_slopes)
    x = _core.as_input(x)
    if not training:
        slope = (lower + upper) / 2
        slopes = _eval_slopes(x, slope) if return_slopes else None  # before out= may alias x
        y = _core.unary(KERNEL_IDS["leaky_relu"], x, out, slope)
        return (y, slopes) if return_slopes else y
    y, slopes = _core.rrelu(x, out, lower, upper, seed, return_slopes)
    if not return_slopes:
        return y
    return y, slopes.astype(np.asarray(y).dtype, copy=False)


def rrelu_(x, lower=1.0 / 8, upper=1.0 / 3, training=False, seed=None, *,
           return_slopes=False):
    lower, upper, training, seed, return_slopes = _rrelu_args(lower, upper, training, seed,
                                                              return_slopes)
    x = _core.as_inplace(x)
    if not training:
        slope = (lower + upper) / 2
        slopes = _eval_slopes(x, slope) if return_slopes else None
        _core.unary_inplace(KERNEL_IDS["leaky_relu"], x, slope)
        return (x, slopes) if return_slopes else x
    _, slopes = _core.rrelu(x, None, lower, upper, seed, return_slopes, True)
    return (x, slopes.astype(x.dtype, copy=False)) if return_slopes else x


# ---------------------------------------------------------------- build

def build(namespace):
    """Define every public activation in ``namespace``; return their names."""
    names = []
    env = {"_unary": _core.unary, "_unary_inplace": _core.unary_inplace,
           "_channel": _core.channel, "_as_input": _core.as_input,
           "_as_inplace": _core.as_inplace, "_channel_layout": _channel_layout,
           "_finite": _core.finite, "_positive": _core.positive,
           "_nonnegative": _nonnegative, "np": np}
    env["_grad"] = _core.grad
    for act in ACTIVATIONS:
        if act.kind == ELEMENTWISE:
            scope = dict(env)
            if act.choice_param is not None:
                scope["_choices"] = {c: KERNEL_IDS[k] for c, k in act.kernel.items()}
            exec(compile(_elementwise_backward_code(act),
                         f"<fastact generated: {act.name}_backward>", "exec"), scope)
            for fname, inplace in ((act.name + "_backward", False),
                                   (act.name + "_backward_", True)):
                fn = scope[fname]
                fn.__module__ = "fastact"
                fn.__doc__ = _backward_docstring(act, inplace)
                namespace[fname] = fn
                names.append(fname)
        if act.kind == RRELU:
            scope = {"rrelu": rrelu, "rrelu_": rrelu_}
        else:
            code = _elementwise_code(act) if act.kind == ELEMENTWISE else _channel_code(act)
            scope = dict(env)
            if act.choice_param is not None:
                scope["_choices"] = {c: KERNEL_IDS[k] for c, k in act.kernel.items()}
            exec(compile(code, f"<fastact generated: {act.name}>", "exec"), scope)
        for fname, inplace in ((act.name, False), (act.name + "_", True)):
            fn = scope[fname]
            fn.__module__ = "fastact"
            fn.__doc__ = _docstring(act, inplace)
            namespace[fname] = fn
            names.append(fname)
        for k in act.kernels:
            _core.set_grain(KERNEL_IDS[k], act.grain)
    return names

