import os
import subprocess
import sys
import tempfile

import numpy as np
import pytest

import fastact

from fastact import _core
from fastact._registry import ACTIVATIONS
from fastact.accuracy import label

ISAS = list(_core.isa_supported())
CASES = [(act, params) for act in ACTIVATIONS for params in act.variants()]
CASE_IDS = [label(a, p) for a, p in CASES]
DEFAULT_CASES = [(act, act.variants()[0]) for act in ACTIVATIONS]
DEFAULT_IDS = [a.name for a in ACTIVATIONS]
FLOAT_DTYPES = [np.float16, np.float32, np.float64]


@pytest.fixture(params=ISAS)
def isa(request):
    """Run the test on one instruction-set path, then restore the default."""
    previous = _core.get_isa()
    _core.set_isa(request.param)
    yield request.param
    _core.set_isa(previous)


def run_python(code, **env):
    """Run code in a fresh interpreter that imports the same fastact as this
    one (from a neutral directory, so a source tree cannot shadow it);
    env entries of None are removed from the environment."""
    package_parent = os.path.dirname(os.path.dirname(fastact.__file__))
    full = {k: v for k, v in dict(os.environ, **env).items() if v is not None}
    full["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, full.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-c", code], env=full, capture_output=True,
                          text=True, timeout=120, cwd=tempfile.gettempdir())
