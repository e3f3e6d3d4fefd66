"""Every float32 input, through the shipped library, on every ISA.

The full sweep takes about an hour on 2 cores, so it is marked slow and left
out of the default run: `pytest -m slow tests/test_exhaustive.py`, or
`python -m fastact.accuracy --exhaustive` for the README table.  The default
run checks the sweep machinery on one block of inputs.
"""
import numpy as np
import pytest

from fastact import accuracy

from conftest import CASE_IDS, CASES, ISAS


def test_one_block_of_the_exhaustive_sweep():
    # the block of bit patterns that holds 1.0 and its neighbourhood
    start = (int(np.float32(1.0).view(np.uint32)) // accuracy.EXHAUSTIVE_BLOCK) \
        * accuracy.EXHAUSTIVE_BLOCK
    results = accuracy._exhaustive_chunk(("sigmoid", {}, start, ISAS, 2))
    assert len(results) == len(ISAS)
    for worst, wbits, over, mismatches in results:
        assert 0 < worst <= 2 and over == 0 and mismatches == 0


@pytest.mark.slow
@pytest.mark.parametrize("act,params", CASES, ids=CASE_IDS)
def test_every_float32_input(act, params):
    result = accuracy.exhaustive(act.name, params, ISAS, progress=False)
    bound = act.ulp_bound("float32", params)
    for isa, (worst, where, over, mismatches) in result.items():
        assert over == 0 and mismatches == 0, (isa, worst, where, over, mismatches)
        assert accuracy.within(worst, bound, "float32"), (isa, worst, where)
