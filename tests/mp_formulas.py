"""Every activation once more, in mpmath, straight from its mathematical
definition: an oracle for the oracle (tests/test_accuracy.py) and the source
of the hard-case files (tests/hard_cases.py)."""
import numpy as np


def mp_formulas(mp, params, float32=False):
    """Every activation written once more, in mpmath, straight from its
    mathematical definition (the oracle's stable rewritings are not used)."""
    rnd = np.float32 if float32 else np.float64
    f64 = lambda v: mp.mpf(float(rnd(v)))  # noqa: E731  parameters rounded as the kernels do
    p = {k: (f64(v) if isinstance(v, float) else v) for k, v in params.items()}
    sig = lambda v: 1 / (1 + mp.exp(-v))  # noqa: E731
    relu = lambda v: v if v > 0 else mp.mpf(0)  # noqa: E731

    def isru(v, a):
        return v / mp.sqrt(1 + a * v * v)

    def soft_exp(v, a):
        if a < 0:
            return -mp.log(1 - a * (v + a)) / a
        return v if a == 0 else (mp.exp(a * v) - 1) / a + a

    def apl(v, a, b):
        return relu(v) + sum(f64(ai) * relu(f64(bi) - v) for ai, bi in zip(a, b))

    def srelu(v):
        if v >= p["t_right"]:
            return p["t_right"] + p["a_right"] * (v - p["t_right"])
        if v <= p["t_left"]:
            return p["t_left"] + p["a_left"] * (v - p["t_left"])
        return v

    return {
        "relu": relu, "leaky_relu": lambda v: v if v > 0 else v * p["negative_slope"],
        "elu": lambda v: v if v > 0 else mp.expm1(v),
        "selu": lambda v: mp.mpf("1.0507009873554804934193349852946") *
        (v if v > 0 else mp.mpf("1.6732632423543772848170429916717") * mp.expm1(v)),
        "sigmoid": sig, "tanh": mp.tanh, "silu": lambda v: v * sig(v),
        "softplus": lambda v: v if v > 20 else mp.log1p(mp.exp(v)),
        "gelu": lambda v: v * mp.erfc(-v / mp.sqrt(2)) / 2,
        "mish": lambda v: v * mp.tanh(mp.log1p(mp.exp(v))),
        "identity": lambda v: v, "binary_step": lambda v: mp.mpf(1 if v >= 0 else 0),
        "arctan": mp.atan, "softsign": lambda v: v / (1 + abs(v)),
        "isru": lambda v: isru(v, p["alpha"]),
        "isrlu": lambda v: v if v >= 0 else isru(v, p["alpha"]),
        "prelu": lambda v: v if v > 0 else p["weight"] * v,
        "rrelu": lambda v: v if v > 0 else v * f64((1 / 8 + 1 / 3) / 2),
        "srelu": srelu, "apl": lambda v: apl(v, p["a"], p["b"]),
        "bent_identity": lambda v: (mp.sqrt(v * v + 1) - 1) / 2 + v,
        "swish": lambda v: v * sig(p["beta"] * v),
        "soft_exponential": lambda v: soft_exp(v, p["alpha"]),
        "sinusoid": mp.sin, "sinc": lambda v: mp.sin(v) / v,
        "gaussian": lambda v: mp.exp(-v * v), "celu": lambda v: v if v > 0 else mp.expm1(v),
        "hardtanh": lambda v: min(max(v, -1), 1), "relu6": lambda v: min(relu(v), 6),
        "hardsigmoid": lambda v: min(max(v + 3, 0), 6) / 6,
        "hardswish": lambda v: v * min(max(v + 3, 0), 6) / 6,
        "logsigmoid": lambda v: -mp.log1p(mp.exp(-v)), "tanhshrink": lambda v: v - mp.tanh(v),
        "softshrink": lambda v: v - mp.mpf(0.5) if v > 0.5 else (v + mp.mpf(0.5) if v < -0.5 else 0),
        "hardshrink": lambda v: v if abs(v) > 0.5 else 0,
        "threshold": lambda v: v if v > p["threshold"] else p["value"],
        "quick_gelu": lambda v: v * sig(mp.mpf("1.702") * v),
        "exp": mp.exp, "expm1": mp.expm1, "log1p": mp.log1p,
    }
