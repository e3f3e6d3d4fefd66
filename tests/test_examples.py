"""The examples run from the README, as tests."""
import importlib.util
import os

import pytest

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples")


def load(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(EXAMPLES, name + ".py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_train_xor_learns_with_every_listed_activation(capsys):
    """2-layer networks reach 100% on XOR with fastact forward + backward,
    every gradient matches finite differences, and the linear control
    fails (main returns 0 only if all of that holds)."""
    assert load("train_xor").main(["--activation", "all"]) == 0
    out = capsys.readouterr().out
    assert out.count("100%") >= 15 and "cannot learn XOR" in out


@pytest.mark.parametrize("act", ["tanh", "gelu"])
def test_train_xor_gradient_check_catches_a_wrong_derivative(act, monkeypatch):
    """The example's check is not vacuous: a backward that is off by 1%
    fails it."""
    import fastact
    mod = load("train_xor")
    good = getattr(fastact, act + "_backward")
    monkeypatch.setattr(fastact, act + "_backward", lambda g, x: good(g, x) * 1.01)
    assert mod.check_gradients(act, 8, 0) > 1e-3
