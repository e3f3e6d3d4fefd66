import numpy as np
import pytest

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
