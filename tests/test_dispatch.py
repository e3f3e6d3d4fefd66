"""Run-time ISA dispatch, FASTACT_ISA and the configuration report."""
import platform

import numpy as np
import pytest

import fastact
from fastact import _core

from conftest import run_python

X86 = platform.machine().lower() in ("x86_64", "amd64")


def test_config_keys_and_show_config(capsys):
    cfg = fastact.config()
    assert {"version", "isa_compiled", "isa", "openmp", "num_threads"} <= set(cfg)
    assert cfg["version"] == fastact.__version__
    assert cfg["isa"] in cfg["isa_compiled"]
    assert "baseline" in cfg["isa_compiled"]
    if X86:
        assert cfg["isa_compiled"] == ["baseline", "avx2", "avx512"]
    fastact.show_config()
    out = capsys.readouterr().out
    assert "isa" in out and cfg["isa"] in out


def test_default_is_best_supported():
    r = run_python("import fastact; print(fastact.config()['isa'])", FASTACT_ISA="")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == _core.best_isa()


@pytest.mark.parametrize("isa", list(_core.isa_supported()))
def test_fastact_isa_env_forces_a_level(isa):
    code = ("import fastact, numpy as np; x = np.linspace(-9, 9, 1001, dtype=np.float32); "
            "print(fastact.config()['isa']); print(float(fastact.gelu(x).sum()))")
    r = run_python(code, FASTACT_ISA=isa)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split()[0] == isa


def test_fastact_isa_rejects_unknown_and_unsupported():
    r = run_python("import fastact", FASTACT_ISA="sse9")
    assert r.returncode != 0 and "FASTACT_ISA" in r.stderr and "unknown ISA" in r.stderr
    missing = [i for i in _core.isa_compiled() if i not in _core.isa_supported()]
    if missing:
        r = run_python("import fastact", FASTACT_ISA=missing[0])
        assert r.returncode != 0 and "not supported by this CPU" in r.stderr


def test_set_isa_errors():
    with pytest.raises(ValueError, match="unknown ISA"):
        _core.set_isa("neon9")


def test_isa_paths_really_differ():
    """Each table is its own compiled code: the dispatcher switches tables."""
    seen = set()
    previous = _core.get_isa()
    try:
        for isa in _core.isa_supported():
            _core.set_isa(isa)
            seen.add(_core.get_isa())
            x = np.linspace(-5, 5, 4097, dtype=np.float32)
            assert np.isfinite(fastact.mish(x)).all()
    finally:
        _core.set_isa(previous)
    assert seen == set(_core.isa_supported())
