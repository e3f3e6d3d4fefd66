"""The registry drives everything: exports, oracle twins, kernels, README."""
import inspect
import pathlib
import re

import pytest

import fastact
from fastact import _core, reference
from fastact._registry import ACTIVATIONS

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize("act", ACTIVATIONS, ids=lambda a: a.name)
def test_exported_with_twin_of_same_signature(act):
    f, f_ = getattr(fastact, act.name), getattr(fastact, act.name + "_")
    twin = getattr(reference, act.name)
    assert inspect.signature(f) == inspect.signature(twin)
    sig_ = inspect.signature(f_)
    assert list(sig_.parameters) == [p for p in inspect.signature(f).parameters if p != "out"]
    assert f.__doc__ and act.formula in f.__doc__
    assert act.name in fastact.__all__ and act.name + "_" in fastact.__all__


@pytest.mark.parametrize("act", ACTIVATIONS, ids=lambda a: a.name)
def test_kernels_exist_in_c(act):
    names = _core.kernel_names()
    kernels = [act.kernel] if isinstance(act.kernel, str) else list(act.kernel.values())
    for k in kernels:
        assert k in names
        assert _core.get_grain(names.index(k)) == act.grain


def test_readme_function_table_lists_every_activation_with_its_bound():
    text = README.read_text()
    for act in ACTIVATIONS:
        row = re.search(rf"^\| `{act.name}\(.*$", text, re.M)
        assert row, f"README function table lacks {act.name}"
        bound = act.ulp_f32 if not isinstance(act.ulp_f32, dict) else max(act.ulp_f32.values())
        assert f"| {bound} |" in row.group(0) or f"| {bound} (" in row.group(0), row.group(0)
