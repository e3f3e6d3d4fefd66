"""Backward functions that fit no elementwise template.

The elementwise activations' ``NAME_backward`` are generated in _api.py.
This module builds the rest from the registry:

* prelu, srelu, apl (per-channel parameters): the gradient of x, plus the
  gradients of the parameters, summed over everything but the channel axis
  (float64 accumulation) and returned in the parameters' shapes;
* rrelu: the slopes of the forward, regenerated from its seed (the
  counter-based generator gives the same bits) or passed as ``slopes=``;
* softmax, log_softmax, softmin: the vector-Jacobian product, from x or
  from the forward's output y;
* maxout: the gradient routed to the element each group's maximum was;
* glu, swiglu, geglu: the gradients of both halves (or of x and gate).

Validation happens before anything is written.
"""
import numpy as np

from . import _core
from ._api import KERNEL_IDS, _channel_layout, _rrelu_args
from ._axis_api import _axis_of, _choice, _pool_size, kernel_call
from ._registry import (AXIS_FUNCTIONS, BACKWARD, BY_NAME, CHANNEL, CHOICE, GATED, HINGES,
                        MAXOUT, SOFTMAX)


def _comp(dtype):
    return np.float64 if dtype == np.float64 else np.float32


def _write(res, dtype, out, grad_output, inplace):
    """res (computation dtype) delivered in dtype: new, into out, or into
    grad_output (inplace); the target was checked by _core.grad_target."""
    target = grad_output if inplace else out
    if target is not None:
        with np.errstate(over="ignore"):
            np.copyto(target, res, casting="unsafe")
        return target
    with np.errstate(over="ignore"):
        res = res.astype(dtype, copy=False)
    return res[()] if res.ndim == 0 else res


def _param_sum(v, x_shape, ax, per_channel, like):
    """v (float64, x's shape) summed over everything but the channel axis,
    in the shape of the parameter value ``like``."""
    if per_channel and np.size(like) > 1:
        axes = tuple(i for i in range(len(x_shape)) if i != ax)
        s = v.sum(axis=axes) if v.ndim else v
    else:   # a shared parameter: every element's contribution
        s = v.sum()
    return np.asarray(s).reshape(np.shape(like))


# ---------------------------------------------------------------- channel

def _channel_backward(act, grad_output, x, values, out, inplace):
    """(grad_input, param grads...) of prelu / srelu / apl."""
    g, xa, dtype = _core.grad_pair(grad_output, x, "x")
    comp = _comp(dtype)
    named = [p for p in act.params if p.check in (CHANNEL, HINGES)]
    axis = values[next(p.name for p in act.params if p.check not in (CHANNEL, HINGES))]
    P, C, inner = _channel_layout(xa.shape, axis, [(p.name, values[p.name], p.check)
                                                   for p in named])
    if act.constraint:
        env = {p.name: P[i] for i, p in enumerate(named)} if act.name != "apl" else {}
        if env and not eval(act.constraint, {"np": np}, env):
            raise ValueError(act.constraint_doc)
    _core.grad_target(grad_output, dtype, xa.shape, out, inplace)
    per_channel = C > 1
    ax = _axis_of(xa, axis) if per_channel else 0
    # parameters rounded to the computation dtype (as the forward uses them),
    # shaped to broadcast along the channel axis
    shape = [1] * xa.ndim
    if per_channel:
        shape[ax] = C
    rows = [P[k].astype(comp).astype(np.float64).reshape(shape) for k in range(P.shape[0])]
    xd = xa.astype(np.float64)
    gd = g.astype(np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        if act.name == "prelu":
            (w,) = rows
            neg = ~(xd > 0)
            slope = np.where(neg, w, 1.0)
            grads = [_param_sum(np.where(neg & ~np.isnan(xd), gd * xd, 0.0), xa.shape, ax,
                                per_channel, values["weight"])]
        elif act.name == "srelu":
            tl, al, tr, ar = rows
            right = xd >= tr
            left = (xd <= tl) & ~right
            slope = np.where(right, ar, np.where(left, al, 1.0))
            grads = [_param_sum(np.where(left, gd * (1 - al), 0.0), xa.shape, ax, per_channel,
                                values["t_left"]),
                     _param_sum(np.where(left, gd * (xd - tl), 0.0), xa.shape, ax, per_channel,
                                values["a_left"]),
                     _param_sum(np.where(right, gd * (1 - ar), 0.0), xa.shape, ax,
                                per_channel, values["t_right"]),
                     _param_sum(np.where(right, gd * (xd - tr), 0.0), xa.shape, ax,
                                per_channel, values["a_right"])]
        else:  # apl: rows are a_0..a_{S-1}, b_0..b_{S-1}
            S = len(rows) // 2
            slope = np.where(xd > 0, 1.0, 0.0)
            ga, gb = [], []
            for s in range(S):
                a_s, b_s = rows[s], rows[S + s]
                on = (b_s - xd) > 0
                slope = slope - np.where(on, a_s, 0.0)
                like = np.zeros(C if np.ndim(values["a"]) == 2 else 1)
                ga.append(_param_sum(np.where(on, gd * (b_s - xd), 0.0), xa.shape, ax,
                                     per_channel, like))
                gb.append(_param_sum(np.where(on, gd * a_s, 0.0), xa.shape, ax, per_channel,
                                     like))
            a_shape = np.shape(values["a"])
            grads = [np.stack(ga).reshape(a_shape), np.stack(gb).reshape(a_shape)]
        slope = np.where(np.isnan(xd), np.nan, slope)
        if act.name == "apl":
            res = (gd * slope).astype(comp)       # float64 sum of the hinges, rounded once
        else:   # one product in the computation dtype: the correctly rounded g * slope
            res = g.astype(comp) * slope.astype(comp)
    gi = _write(res, dtype, out, grad_output, inplace)
    return (gi,) + tuple(np.asarray(v, dtype=np.float64).astype(dtype)[()] for v in grads)


def _make_channel_backward(act):
    names = [p.name for p in act.params]

    def fn(grad_output, x, *args, out=None, **kwargs):
        values = _bind(act, names, args, kwargs)
        return _channel_backward(act, grad_output, x, values, out, False)

    def fn_(grad_output, x, *args, **kwargs):
        values = _bind(act, names, args, kwargs)
        return _channel_backward(act, grad_output, x, values, None, True)

    return fn, fn_


def _bind(act, names, args, kwargs):
    if len(args) > len(names):
        raise TypeError(f"{act.name}_backward takes at most {len(names)} parameters after x")
    values = dict(zip(names, args))
    for k, v in kwargs.items():
        if k not in names:
            raise TypeError(f"{act.name}_backward has no parameter {k!r}")
        if k in values:
            raise TypeError(f"{act.name}_backward got {k!r} twice")
        values[k] = v
    for p in act.params:
        if p.name not in values:
            if p.required:
                raise TypeError(f"{act.name}_backward needs the parameter {p.name!r}")
            values[p.name] = p.default
    return values


# ---------------------------------------------------------------- rrelu

def rrelu_backward(grad_output, x, lower=1.0 / 8, upper=1.0 / 3, training=False, seed=None, *,
                   slopes=None, out=None):
    return _rrelu_backward(grad_output, x, lower, upper, training, seed, slopes, out, False)


def rrelu_backward_(grad_output, x, lower=1.0 / 8, upper=1.0 / 3, training=False, seed=None, *,
                    slopes=None):
    return _rrelu_backward(grad_output, x, lower, upper, training, seed, slopes, None, True)


def _rrelu_backward(grad_output, x, lower, upper, training, seed, slopes, out, inplace):
    if training and seed is None and slopes is None:
        raise ValueError("rrelu_backward in training mode needs the forward's seed (seed=) or "
                         "its slopes (slopes=, from rrelu(..., return_slopes=True))")
    lower, upper, training, seed, _ = _rrelu_args(lower, upper, training,
                                                  0 if seed is None else seed, False)
    if not training:
        return _core.grad(KERNEL_IDS["leaky_relu"], False, grad_output, x, out,
                          (lower + upper) / 2, inplace=inplace)
    if slopes is not None:
        g, xa, dtype = _core.grad_pair(grad_output, x, "x")
        s = _core.as_input(slopes)
        if s.shape != xa.shape:
            raise ValueError(f"slopes has shape {s.shape}, but x has shape {xa.shape}")
        _core.grad_target(grad_output, dtype, xa.shape, out, inplace)
        comp = _comp(dtype)
        return _write(g.astype(comp) * s.astype(comp), dtype, out, grad_output, inplace)
    return _core.rrelu_grad(grad_output, x, out, lower, upper, seed, inplace)


# ---------------------------------------------------------------- softmax

def _make_softmax_backward(f):
    take_log, negate = f.take_log, f.negate

    def run(grad_output, x, axis, y, out, inplace):
        if (x is None) == (y is None):
            raise TypeError(f"{f.name}_backward takes exactly one of x (the forward's input) "
                            f"and y (its output)")
        v = _core.as_input(x if y is None else y)
        ax = _axis_of(v, axis)
        if y is None:   # the forward first, into a temporary
            _, v, dtype = _core.grad_pair(grad_output, v, "x")
            _core.grad_target(grad_output, dtype, v.shape, out, inplace)
            v = _core.softmax(take_log, negate, v.astype(dtype, copy=False), None, ax)
        return _core.softmax_grad(take_log, negate, grad_output, v, out, ax, inplace)

    def fn(grad_output, x=None, axis=-1, *, y=None, out=None):
        return run(grad_output, x, axis, y, out, False)

    def fn_(grad_output, x=None, axis=-1, *, y=None):
        return run(grad_output, x, axis, y, None, True)

    return fn, fn_


# ---------------------------------------------------------------- maxout

def _make_maxout_backward(f):
    def fn(grad_output, x, pool_size, axis=-1, *, out=None):
        p = _pool_size(pool_size)
        x = _core.as_input(x)
        ax = _axis_of(x, axis)
        if x.shape[ax] % p:
            raise ValueError(f"pool_size {p} does not divide the length {x.shape[ax]} of x "
                             f"along axis {axis}")
        return _core.maxout_grad(grad_output, x, out, ax, p)

    return fn, None


# ---------------------------------------------------------------- gated

def _make_gated_backward(f):
    choice = next((p for p in f.params if p.check == CHOICE), None)

    def run(grad_output, x, axis, gate, out, choice_value):
        act, extra = f.gate_for({choice.name: _choice(choice, choice_value)} if choice else {})
        kid, scalars = kernel_call(act, extra)
        x = _core.as_input(x)
        g = _core.as_input(grad_output)
        if gate is None:
            ax = _axis_of(x, axis)
            if x.shape[ax] % 2:
                raise ValueError(f"x has odd length {x.shape[ax]} along axis {axis}; "
                                 f"{f.name} splits it into two halves")
            a, b = np.split(x, 2, axis=ax)
        else:
            gt = _core.as_input(gate)
            if gt.shape != x.shape:
                raise ValueError(f"gate has shape {gt.shape}, but x has shape {x.shape}")
            a, b = x, gt
        if g.shape != a.shape:
            raise ValueError(f"grad_output has shape {g.shape}, but {f.name} of x has shape "
                             f"{a.shape}")
        dtype = np.result_type(g.dtype, a.dtype, b.dtype)
        comp = _comp(dtype)
        _core.grad_target(None, dtype, x.shape if gate is None else a.shape, out, False)
        a = np.ascontiguousarray(a, dtype=comp)
        b = np.ascontiguousarray(b, dtype=comp)
        gc = np.ascontiguousarray(g, dtype=comp)
        # d/da = g * act(b); d/db = (g * a) * act'(b): the forward and backward
        # kernels of the gate's activation, each product rounded once more
        ga = _core.unary(kid, b, None, *scalars)
        np.multiply(ga, gc, out=ga)
        gb = _core.grad(kid, False, np.multiply(gc, a), b, None, *scalars)
        if gate is None:
            return _write(np.concatenate([ga, gb], axis=ax), dtype, out, None, False)
        return (_write(ga, dtype, out, None, False), _write(gb, dtype, None, None, False))

    if choice is None:
        def fn(grad_output, x, axis=-1, *, gate=None, out=None):
            return run(grad_output, x, axis, gate, out, None)
    else:
        def fn(grad_output, x, axis=-1, approximate=choice.default, *, gate=None, out=None):
            return run(grad_output, x, axis, gate, out, approximate)
    return fn, None


_AXIS_MAKERS = {SOFTMAX: _make_softmax_backward, MAXOUT: _make_maxout_backward,
                GATED: _make_gated_backward}


def _axis_doc(f, inplace):
    what = {SOFTMAX: "the vector-Jacobian product, from x (the forward is recomputed) or from "
                     "y=, the forward's output",
            MAXOUT: "grad_output routed to the element each group's maximum came from (the "
                    "first maximum; with NaNs, the last NaN, as the forward picks it); the "
                    "other elements get 0",
            GATED: "the gradient of x (both halves, x's shape), or, with gate=, the tuple "
                   "(gradient of x, gradient of gate)"}[f.kind]
    return (f"{f.name}_backward{'_' if inplace else ''}(grad_output, ...): {what}.\n\n"
            + ("Writes into grad_output and returns it." if inplace else
               "Returns a new array, or writes into ``out``.")
            + f"\nThe oracle is fastact.reference.{f.name}_backward.")


def build(namespace):
    names = []
    for act in BY_NAME.values():
        if act.name in ("prelu", "srelu", "apl"):
            pair = _make_channel_backward(act)
        elif act.name == "rrelu":
            pair = (rrelu_backward, rrelu_backward_)
        else:
            continue
        for fname, fn, inplace in ((act.name + "_backward", pair[0], False),
                                   (act.name + "_backward_", pair[1], True)):
            fn.__name__ = fn.__qualname__ = fname
            fn.__module__ = "fastact"
            bw = BACKWARD[act.name]
            fn.__doc__ = (f"{fname}(grad_output, x, {', '.join(p.name for p in act.params)}): "
                          f"grad_output * {act.name}'(x). {bw.doc}\n"
                          + ("Writes the gradient of x into grad_output." if inplace else
                             "Returns a new array, or writes into ``out``."))
            namespace[fname] = fn
            names.append(fname)
    for f in AXIS_FUNCTIONS:
        fn, fn_ = _AXIS_MAKERS[f.kind](f)
        for fname, g, inplace in ((f.name + "_backward", fn, False),
                                  (f.name + "_backward_", fn_, True)):
            if g is None:
                continue
            g.__name__ = g.__qualname__ = fname
            g.__module__ = "fastact"
            g.__doc__ = _axis_doc(f, inplace)
            namespace[fname] = g
            names.append(fname)
    _core.set_grain(KERNEL_IDS["softmax_grad"], 1 << 13)
    _core.set_grain(KERNEL_IDS["maxout_grad"], 1 << 15)
    _core.set_grain(KERNEL_IDS["rrelu_grad"], 1 << 15)
    return names
