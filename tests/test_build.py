"""The build: a serial build where OpenMP is missing, and the benchmark suite
still collecting and running (each benchmark once, without timing)."""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
needs_sources = pytest.mark.skipif(not (ROOT / "setup.py").exists(), reason="no source tree")


@needs_sources
def test_serial_build_without_openmp(tmp_path):
    pytest.importorskip("Cython")
    for item in ("setup.py", "pyproject.toml", "README.md", "fastact", "src_c"):
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, tmp_path / item,
                            ignore=shutil.ignore_patterns("*.so", "*.c", "__pycache__"))
        else:
            shutil.copy(src, tmp_path / item)
    for c in (ROOT / "src_c").glob("*.c"):
        shutil.copy(c, tmp_path / "src_c" / c.name)
    env = dict(os.environ, FASTACT_NO_OPENMP="1")
    build = subprocess.run([sys.executable, "setup.py", "-q", "build_ext", "--inplace"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-3000:]
    assert "building a SERIAL fastact" in build.stderr
    code = ("import fastact, numpy as np; c = fastact.config(); "
            "assert c['openmp'] is False and fastact.get_num_threads() == 1; "
            "fastact.set_num_threads(4); assert fastact.get_num_threads() == 1; "
            "x = np.linspace(-5, 5, 300001, dtype=np.float32); "
            "assert np.array_equal(fastact.gelu(x), fastact.reference.gelu(x)) or "
            "np.abs(fastact.gelu(x) - fastact.reference.gelu(x)).max() < 1e-6; print('ok')")
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stderr[-3000:]


@needs_sources
def test_benchmark_suite_runs():
    pytest.importorskip("pytest_benchmark")
    import fastact
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [os.path.dirname(os.path.dirname(fastact.__file__)), env.get("PYTHONPATH")]))
    run = subprocess.run([sys.executable, "-m", "pytest", str(ROOT / "bench"), "-q",
                          "-p", "no:cacheprovider", "--benchmark-disable",
                          "-k", "1K and float32 and t1 and fastact or overhead"],
                         cwd=tempfile.gettempdir(), env=env, capture_output=True, text=True,
                         timeout=600)  # not from ROOT: its unbuilt fastact/ would shadow the install
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout
