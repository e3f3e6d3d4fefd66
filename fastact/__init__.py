"""fastact: fast, accurate, vectorised activation functions for NumPy on CPUs.

Every activation NAME comes as ``fastact.NAME(x, ..., out=None)`` and as the
in-place ``fastact.NAME_(x, ...)``; see ``fastact.ACTIVATIONS`` and the README
for the list, formulas and error bounds.  ``fastact.reference`` holds the
float64 oracle with the same names.
"""
import contextlib as _contextlib
import os as _os

# After a parallel call, idle OpenMP workers spin before they sleep (libgomp's
# default: 300000 spins).  Between BLAS calls on few cores the spinning
# threads take the cores from OpenBLAS's threads: the MLP example at batch 32
# took 16 ms instead of 1.25.  Unless the user chose (GOMP_SPINCOUNT or
# OMP_WAIT_POLICY), the libgomp that _core loads is asked for 10000 spins:
# back-to-back fastact calls measured no slower, and torch sharing the same
# libgomp kept its speed (at 1000 spins, torch's MLP at batch 32 took twice
# as long).  libgomp reads the variable once, when it loads; it is removed
# again at once, so that child processes and an OpenMP runtime loaded later
# keep their defaults.  A libgomp that another module loaded first keeps its
# own setting.
_SET_SPIN = "GOMP_SPINCOUNT" not in _os.environ and "OMP_WAIT_POLICY" not in _os.environ
if _SET_SPIN:
    _os.environ["GOMP_SPINCOUNT"] = "10000"
try:
    from . import _core
except ImportError as _exc:  # pragma: no cover - depends on how it was installed
    raise ImportError(
        f"fastact's compiled extension is missing from {_os.path.dirname(__file__)}. "
        "If this is the source tree, Python found it before the installed package: "
        "run from another directory (or use the `fastact` command), or build in "
        "place with `python setup.py build_ext --inplace`."
    ) from _exc
finally:
    if _SET_SPIN:
        del _os.environ["GOMP_SPINCOUNT"]
from ._registry import ACTIVATIONS as _ACTIVATIONS

__version__ = "0.1.0"


def _select_isa_from_env():
    wanted = _os.environ.get("FASTACT_ISA", "").strip().lower()
    if wanted in ("", "auto", "best"):
        _core.set_isa(_core.best_isa())
        return
    try:
        _core.set_isa(wanted)
    except ValueError as exc:
        raise ImportError(f"FASTACT_ISA={wanted!r}: {exc}") from None


_select_isa_from_env()

from . import _api  # noqa: E402
from . import _axis_api  # noqa: E402
from . import _backward_api  # noqa: E402
from ._registry import AXIS_FUNCTIONS as _AXIS_FUNCTIONS, FUSABLE  # noqa: E402

__all__ = _api.build(globals())
__all__ += _axis_api.build(globals())
__all__ += _backward_api.build(globals())
ACTIVATIONS = tuple(a.name for a in _ACTIVATIONS)
AXIS_FUNCTIONS = tuple(f.name for f in _AXIS_FUNCTIONS)
__all__ += ["ACTIVATIONS", "AXIS_FUNCTIONS", "FUSABLE", "config", "show_config",
            "set_num_threads", "get_num_threads", "threads", "reference"]

from . import reference  # noqa: E402


def set_num_threads(n):
    """Use n threads (n >= 1) for large calls, or None to follow OpenMP's
    default again (OMP_NUM_THREADS, the CPU affinity mask, threadpoolctl).
    Process-wide."""
    if n is None:
        _core.set_num_threads(0)
        return
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be an int >= 1 or None, got {type(n).__name__}")
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    _core.set_num_threads(n)


def get_num_threads():
    """The number of threads a large call uses now."""
    return _core.get_num_threads()


@_contextlib.contextmanager
def threads(n):
    """``with fastact.threads(n):`` runs the block with n threads (process-wide),
    then restores the previous setting."""
    previous = _core.get_num_threads_setting()
    set_num_threads(n)
    try:
        yield
    finally:
        _core.set_num_threads(previous)


def config():
    """The build and run-time configuration, as a dict."""
    return {
        "version": __version__,
        "isa_compiled": list(_core.isa_compiled()),
        "isa_supported": list(_core.isa_supported()),
        "isa": _core.get_isa(),
        "openmp": _core.openmp_enabled(),
        "num_threads": _core.get_num_threads(),
        "activations": list(ACTIVATIONS),
        "axis_functions": list(AXIS_FUNCTIONS) + ["bias_act"],
    }


def show_config():
    """Print config() in a readable form."""
    for key, value in config().items():
        if isinstance(value, list):
            value = ", ".join(value)
        print(f"{key:>14}: {value}")
