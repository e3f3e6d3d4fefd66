"""The registry drives everything: exports, oracle twins, kernels, README."""
import inspect
import pathlib
import re

import pytest

import fastact
from fastact import _core, reference
from fastact._registry import ACTIVATIONS, BACKWARD

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


def _backward_table_rows():
    text = README.read_text()
    start = text.index("| backward of |")
    rows = {}
    for line in text[start:].splitlines()[2:]:
        if not line.startswith("| `"):
            break
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip("|"))]
        rows[cells[0].strip("`")] = cells
    return rows


def test_readme_backward_table_states_the_registry_bounds():
    """The README's backward table gives each backward's float32, float64
    and y-form bounds as the registry (which the tests enforce) has them."""
    rows = _backward_table_rows()
    for name, bw in BACKWARD.items():
        assert name in rows, f"README backward table lacks {name}"
        cells = rows[name]
        f32 = bw.ulp_f32.values() if isinstance(bw.ulp_f32, dict) else [bw.ulp_f32]
        for b in f32:
            assert re.search(rf"(^|\D){re.escape(str(b))}(\D|$)", cells[2]), (name, cells[2])
        assert cells[3].split(" ")[0] == str(bw.ulp_f64), (name, cells[3])
        y = "–" if bw.y_ulp is None else f"{bw.y_ulp[0]} / {bw.y_ulp[1]};"
        assert cells[6].split(" ")[0:3 if bw.y_ulp else 1] == y.split(" "), (name, cells[6])
