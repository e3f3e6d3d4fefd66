"""float32 accuracy of softmax and log_softmax: fastact against its peers.

    python bench/axis_accuracy_peers.py > bench/results/axis-accuracy-peers.md

Max error in ULP against the float64 oracle (fastact.reference.softmax_exact),
per class of rows of fastact.accuracy.axis_inputs (last-axis cases): mixed
scales, rows offset far from 0, and rows whose terms reach the subnormal
range.  torch and onnxruntime are optional; a missing peer is left out.
"""
import sys

import numpy as np

import fastact
from fastact import accuracy, reference

sys.path.insert(0, __import__("os").path.dirname(__file__))
import benchutil as bu  # noqa: E402


def _classes():
    """(label, x) per class of last-axis rows in axis_inputs."""
    inputs = [x for x, axis in accuracy.axis_inputs(np.float32) if axis == -1]
    # axis_inputs order: three mixed-scale cases, three offsets, one tail case
    return [("mixed scales (4096x1000, 20000x8, 2x128K)", inputs[:3]),
            ("offset by 1e3, -1e4, 3e5 (1000x256 each)", inputs[3:6]),
            ("spread of 0-110 below the maximum (1000x256)", inputs[6:7])]


def _peers(name):
    out = {"fastact": lambda x: getattr(fastact, name)(x)}
    try:
        import torch
        torch.set_num_threads(1)
        out["torch"] = lambda x: getattr(torch, name)(torch.from_numpy(x), -1).numpy()
    except ImportError:
        pass
    try:
        sess = bu.ort_softmax_session(name, 1)

        def ort(x, sess=sess):
            o = np.empty_like(x)
            bu.ort_callable(sess, x, o)()
            return o
        out["onnxruntime"] = ort
    except Exception:   # onnxruntime or onnx missing
        pass
    return out


def main():
    print("# float32 softmax accuracy: fastact and its peers\n")
    print("Max error in ULP against the float64 oracle, per class of rows "
          "(`python bench/axis_accuracy_peers.py`).\n")
    for name in ("softmax", "log_softmax"):
        peers = _peers(name)
        print(f"## {name}\n")
        print("| rows | " + " | ".join(peers) + " |")
        print("|---|" + "---:|" * len(peers))
        for label, xs in _classes():
            cells = []
            for fn in peers.values():
                worst = 0.0
                for x in xs:
                    t = reference.softmax_exact(x.astype(np.float64), -1, name == "log_softmax")
                    e = accuracy.ulp_error(fn(x), t, np.float32)
                    worst = max(worst, float(np.nanmax(e)))
                cells.append(f"{worst:.3g}")
            print(f"| {label} | " + " | ".join(cells) + " |")
        print()


if __name__ == "__main__":
    main()
