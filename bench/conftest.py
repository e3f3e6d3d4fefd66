"""pytest-benchmark configuration of the fastact benchmark suite.

Run:  pytest bench/ --benchmark-only [--benchmark-json=bench/results/NAME.json]
Quick speed table (float32, 1M, 1 thread, mode out, every activation and
impl):  pytest bench/ --benchmark-only -m speed_table   (or --speed-table)
The matrix is generated from fastact's registry in benchutil.py; see
bench/README.md.
"""
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:  # the in-place build of the checkout, when fastact is not installed
    import fastact  # noqa: F401
except ImportError:
    sys.path.insert(1, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import benchutil  # noqa: E402


def pytest_addoption(parser):
    parser.addoption("--speed-table", action="store_true", default=False,
                     help="fastact bench: run only the quick speed table (float32, 1M, "
                          "1 thread, mode out; the same as -m speed_table)")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "speed_table: the quick speed table: float32, n = 1M, 1 thread, "
                   "mode out, every activation and impl")
    config.addinivalue_line(
        "markers", "backward_table: the backward benchmarks (bench/test_bench_backward.py): "
                   "float32, 1M, 1 thread, forward / backward / torch side by side")
    config.addinivalue_line(
        "markers", "axis_table: the axis-function and bias_act benchmarks "
                   "(bench/test_bench_axis.py): float32, every impl side by side")


def pytest_collection_modifyitems(config, items):
    if not config.getoption("--speed-table"):
        return
    keep, drop = [], []
    for item in items:
        (keep if item.get_closest_marker("speed_table") else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_report_header(config):
    import fastact
    lines = [f"fastact {fastact.__version__} isa={fastact.config()['isa']} "
             f"openmp={fastact.config()['openmp']}",
             f"peers: torch={'yes' if benchutil.torch is not None else 'no'} "
             f"onnxruntime={'yes' if benchutil.ort is not None else 'no'} "
             f"scipy={'yes' if benchutil.sp is not None else 'no'} (JAX: not a peer); "
             f"target {benchutil.TARGET_S}s of timed calls per benchmark"]
    return lines


def pytest_benchmark_update_machine_info(config, machine_info):
    import fastact
    import numpy
    machine_info["fastact"] = fastact.config()
    machine_info["numpy"] = numpy.__version__
    if benchutil.torch is not None:
        machine_info["torch"] = benchutil.torch.__version__
    if benchutil.ort is not None:
        machine_info["onnxruntime"] = benchutil.ort.__version__
    if benchutil.sp is not None:
        import scipy
        machine_info["scipy"] = scipy.__version__
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    machine_info["cpu_model"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass


@pytest.fixture
def threads(request):
    """Indirect fixture: sets fastact, torch (and, via the session options,
    onnxruntime) to the requested thread count for the test."""
    n = request.param
    undo = benchutil.set_threads(n)
    yield n
    undo()
