"""Builds the public functions from the registry.

For every registry entry NAME this module defines ``NAME(x, ..., *, out=None)``
and ``NAME_(x, ...)`` with real signatures (so help(), inspect and IDEs see
the parameters) by filling one source template.  Each generated function
only validates its scalar parameters and calls the generic Cython entry
points ``unary`` / ``unary_inplace`` with a kernel id: no activation has
hand-written glue.
"""
from . import _core
from ._registry import ACTIVATIONS, FINITE, POSITIVE

KERNEL_IDS = {name: i for i, name in enumerate(_core.kernel_names())}

_TEMPLATE = '''
def {name}(x{sig}, *, out=None):
    {choose}return _unary({kid}, x, out{args})

def {name}_(x{sig}):
    {choose}return _unary_inplace({kid}, x{args})
'''

_CHECKS = {FINITE: "_finite", POSITIVE: "_positive"}


def _choice_code(act):
    """Code that maps a CHOICE parameter to a kernel id, or raises."""
    p = act.choice_param
    return (f"_kid = _choices.get({p.name}) if type({p.name}) is str else None\n"
            f"    if _kid is None:\n"
            f"        raise ValueError(f\"{p.name} must be one of {p.choices!r}, "
            f"got {{{p.name}!r}}\")\n    ")


def _docstring(act, inplace):
    params = "".join(f"\n    {p.name} : default {p.default!r}\n        {p.doc}" for p in act.params)
    where = ("Works in place on x (a writeable float16/32/64 ndarray) and returns x."
             if inplace else
             "Returns a new array, or writes into ``out`` (which may be x) and returns it.")
    return (f"{act.name}{'_' if inplace else ''}: {act.formula}\n\n{act.doc}\n{where}\n\n"
            f"Parameters\n----------\n    x : array_like{params}\n"
            + ("" if inplace else "    out : ndarray, optional\n        same shape and dtype as the result\n")
            + f"\nAccuracy: float32 <= {act.ulp_f32} ULP, float64 <= {act.ulp_f64} ULP "
            f"against the float64 oracle (fastact.reference.{act.name}).")


def build(namespace):
    """Define every public activation in ``namespace``; return their names."""
    names = []
    env = {"_unary": _core.unary, "_unary_inplace": _core.unary_inplace,
           "_finite": _core.finite, "_positive": _core.positive}
    for act in ACTIVATIONS:
        sig = "".join(f", {p.name}={p.default!r}" for p in act.params)
        args = "".join(f", {_CHECKS[p.check]}({p.name!r}, {p.name})" for p in act.scalar_params)
        if act.choice_param is not None:
            choose, kid = _choice_code(act), "_kid"
        else:
            choose, kid = "", str(KERNEL_IDS[act.kernel])
        code = _TEMPLATE.format(name=act.name, sig=sig, args=args, choose=choose, kid=kid)
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
        kernels = [act.kernel] if isinstance(act.kernel, str) else act.kernel.values()
        for k in kernels:
            _core.set_grain(KERNEL_IDS[k], act.grain)
    return names
