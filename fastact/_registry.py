"""The one table that describes every activation.

Each entry says what an activation is (its name, parameters, defaults and
validation, formula), which C kernel computes it, how exact it is (ULP bound
per dtype) and above how many elements the driver starts threads.  The public
functions (fastact/_api.py), the tests, the benchmarks and the README's
function table are generated from, or parametrised by, this table.  The
float64 oracle lives in fastact/reference.py under the same names.
"""
from dataclasses import dataclass
from typing import Dict, Optional, Tuple

# How a parameter is validated (functions of fastact._core).
FINITE = "finite"      # any finite real
POSITIVE = "positive"  # finite and > 0
CHOICE = "choice"      # one of a fixed set of strings; selects the kernel


@dataclass(frozen=True)
class Param:
    name: str
    default: object
    check: str
    doc: str
    choices: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Activation:
    name: str
    formula: str
    doc: str
    # Kernel name (an X() entry of src_c/fa_kernels.h), or, when a CHOICE
    # parameter picks the kernel, a dict {choice value: kernel name}.
    kernel: object
    params: Tuple[Param, ...] = ()
    # Max error in ULP of the dtype against the float64 oracle rounded to the
    # dtype.  A dict per CHOICE value when the kernels differ.  float16 is
    # computed in float32 and rounded once: <= 1 ULP of float16.
    ulp_f32: object = 0
    ulp_f64: object = 4
    ulp_f16: int = 1
    # The driver stays serial below this many elements (see README,
    # "Threading and grain size", for how these were measured).
    grain: int = 1 << 17
    # Extra parameter sets the tests sweep, besides the defaults.
    test_params: Tuple[Dict[str, object], ...] = ()
    # The same function in torch.nn.functional, for the benchmarks:
    # a format string over `x` and the parameter names.
    torch_expr: Optional[str] = None
    # Value at -inf/+inf/NaN are checked against the oracle, not listed here.

    @property
    def choice_param(self) -> Optional[Param]:
        for p in self.params:
            if p.check == CHOICE:
                return p
        return None

    @property
    def scalar_params(self) -> Tuple[Param, ...]:
        """Parameters passed to the kernel, in slot order (a, b, c, d)."""
        return tuple(p for p in self.params if p.check != CHOICE)

    def kernel_for(self, params: Dict[str, object]) -> str:
        if isinstance(self.kernel, str):
            return self.kernel
        return self.kernel[params[self.choice_param.name]]

    def ulp_bound(self, dtype_name: str, params: Dict[str, object]) -> float:
        bound = {"float32": self.ulp_f32, "float64": self.ulp_f64,
                 "float16": self.ulp_f16}[dtype_name]
        if isinstance(bound, dict):
            return bound[params[self.choice_param.name]]
        return bound

    def variants(self):
        """Every parameter set the tests and benchmarks cover: the defaults,
        each choice of a CHOICE parameter, then test_params."""
        defaults = {p.name: p.default for p in self.params}
        out = [dict(defaults)]
        cp = self.choice_param
        if cp is not None:
            for c in cp.choices:
                if c != cp.default:
                    out.append({**defaults, cp.name: c})
        for extra in self.test_params:
            out.append({**defaults, **extra})
        return out


# Grain sizes (elements) below which a call runs on one thread.  Measured with
# `python bench/measure_grain.py` (float32, 2 threads against 1, power-of-two
# sizes) on the idle 2-core Zen4 dev box, three runs: the size from which 2
# threads are >= 10% faster at every larger size.  Per kernel the crossovers
# were 32K for relu/leaky_relu and 2K-8K for every transcendental kernel; we
# take the largest seen in each group.
GRAIN_MEMORY_BOUND = 1 << 15   # relu, leaky_relu: bandwidth-bound, threads pay late
GRAIN_TRANSCENDENTAL = 1 << 13  # every kernel with an exp/erf/division

ACTIVATIONS: Tuple[Activation, ...] = (
    Activation(
        name="relu", kernel="relu",
        formula="max(x, 0)",
        doc="Rectified linear unit. relu(-0.0) = +0.0, NaN stays NaN.",
        ulp_f32=0, ulp_f64=0, ulp_f16=0, grain=GRAIN_MEMORY_BOUND,
        torch_expr="F.relu(x)",
    ),
    Activation(
        name="leaky_relu", kernel="leaky_relu",
        params=(Param("negative_slope", 0.01, FINITE, "slope for x < 0"),),
        formula="x if x > 0 else negative_slope * x",
        doc="Leaky ReLU. negative_slope is rounded to the computation dtype, "
            "as torch does, so the result is the correctly rounded product "
            "(error <= 0.5 ULP, i.e. exact).",
        ulp_f32=0.5, ulp_f64=0.5, ulp_f16=1, grain=GRAIN_MEMORY_BOUND,
        test_params=({"negative_slope": 0.2}, {"negative_slope": -1.5}),
        torch_expr="F.leaky_relu(x, negative_slope)",
    ),
    Activation(
        name="elu", kernel="elu",
        params=(Param("alpha", 1.0, FINITE, "scale of the negative branch"),),
        formula="x if x > 0 else alpha * (exp(x) - 1)",
        doc="Exponential linear unit.",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        test_params=({"alpha": 0.5}, {"alpha": 2.75}),
        torch_expr="F.elu(x, alpha)",
    ),
    Activation(
        name="selu", kernel="selu",
        formula="scale * (x if x > 0 else alpha * (exp(x) - 1)), "
                "alpha = 1.6732632423543772, scale = 1.0507009873554805",
        doc="Scaled exponential linear unit (self-normalising).",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="F.selu(x)",
    ),
    Activation(
        name="sigmoid", kernel="sigmoid",
        formula="1 / (1 + exp(-x))",
        doc="Logistic sigmoid. Always within [0, 1].",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="torch.sigmoid(x)",
    ),
    Activation(
        name="tanh", kernel="tanh",
        formula="tanh(x)",
        doc="Hyperbolic tangent. Always within [-1, 1].",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="torch.tanh(x)",
    ),
    Activation(
        name="silu", kernel="silu",
        formula="x * sigmoid(x)",
        doc="Sigmoid linear unit (swish with beta = 1). silu(-inf) = -0.0.",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="F.silu(x)",
    ),
    Activation(
        name="softplus", kernel="softplus",
        params=(Param("beta", 1.0, POSITIVE, "sharpness, > 0"),
                Param("threshold", 20.0, FINITE,
                      "above beta*x > threshold the result is x")),
        formula="x if beta*x > threshold else log(1 + exp(beta*x)) / beta",
        doc="Softplus with torch's semantics: beta*x is computed in the "
            "computation dtype and compared with threshold.",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        test_params=({"beta": 2.0}, {"beta": 0.7, "threshold": 5.0}, {"threshold": 1.0}),
        torch_expr="F.softplus(x, beta, threshold)",
    ),
    Activation(
        name="gelu", kernel={"none": "gelu", "tanh": "gelu_tanh"},
        params=(Param("approximate", "none", CHOICE,
                      '"none": exact erf form; "tanh": tanh approximation',
                      choices=("none", "tanh")),),
        formula='x * Phi(x) = x/2 * (1 + erf(x/sqrt(2)));  "tanh": '
                "x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))",
        doc="Gaussian error linear unit; both forms are accurate in the "
            "negative tail (no cancellation in 1 + erf).",
        ulp_f32=3, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="F.gelu(x, approximate=approximate)",
    ),
    Activation(
        name="mish", kernel="mish",
        formula="x * tanh(softplus(x))",
        doc="Mish. mish(-inf) = -0.0.",
        ulp_f32=3, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="F.mish(x)",
    ),
)

BY_NAME = {a.name: a for a in ACTIVATIONS}
