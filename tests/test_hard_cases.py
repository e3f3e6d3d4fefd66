"""Replays the hard-case files (tests/data/hard-cases-<name>.csv, written by
tests/hard_cases.py from mpmath) on every ISA: each result within the
file's tolerance of the correctly rounded expected value (so within
tolerance + 0.5 ULP of it), NaN for NaN, the same infinity, the same signed
zero."""
import csv
import os

import numpy as np
import pytest

import fastact
from fastact._registry import ACTIVATIONS
from fastact.accuracy import ulp_error

from hard_cases import from_hex

DATA = os.path.join(os.path.dirname(__file__), "data")
NAMES = [a.name for a in ACTIVATIONS]


def load(name):
    by_dtype = {}
    with open(os.path.join(DATA, f"hard-cases-{name}.csv")) as f:
        for row in csv.DictReader(f):
            dtype = np.dtype(row["dtype"].replace("np.", "")).type
            by_dtype.setdefault(dtype, []).append(
                (from_hex(row["input"], dtype), from_hex(row["output"], dtype),
                 float(row["ulperrortol"])))
    return by_dtype


def test_every_function_has_a_file():
    assert sorted(f for f in os.listdir(DATA) if f.startswith("hard-cases-")) == \
        sorted(f"hard-cases-{n}.csv" for n in NAMES)


@pytest.mark.parametrize("act", ACTIVATIONS, ids=NAMES)
def test_hard_cases(act, isa):
    params = act.typical_params()
    for dtype, rows in load(act.name).items():
        x = np.array([r[0] for r in rows], dtype)
        want = np.array([r[1] for r in rows], dtype)
        tol = np.array([r[2] for r in rows])
        assert (tol == act.ulp_bound(np.dtype(dtype).name, params)).all(), \
            "stale file: rerun python tests/hard_cases.py"
        y = getattr(fastact, act.name)(x, **params)
        assert np.array_equal(np.isnan(y), np.isnan(want)), x[np.isnan(y) != np.isnan(want)]
        inf = np.isinf(want)
        assert (y[inf] == want[inf]).all(), x[inf][y[inf] != want[inf]]
        zero = want == 0
        assert (y[zero] == 0).all() and (np.signbit(y[zero]) == np.signbit(want[zero])).all(), \
            x[zero][(y[zero] != 0) | (np.signbit(y[zero]) != np.signbit(want[zero]))]
        rest = ~(np.isnan(want) | inf | zero)
        wide = np.longdouble if dtype == np.float64 else np.float64
        err = ulp_error(y[rest], want[rest].astype(wide), dtype)
        bad = ~(err <= tol[rest] + 0.5)
        assert not bad.any(), list(zip(x[rest][bad], y[rest][bad], want[rest][bad], err[bad]))
