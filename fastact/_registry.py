"""The one table that describes every activation.

Each entry says what an activation is (its name, parameters, defaults and
validation, formula), which C kernel computes it, how exact it is (ULP bound
per dtype) and above how many elements the driver starts threads.  The public
functions (fastact/_api.py), the tests, the benchmarks and the README's
function table are generated from, or parametrised by, this table.  The
float64 oracle lives in fastact/reference.py under the same names.
"""
import math
from dataclasses import dataclass
from typing import Dict, Optional, Tuple

# How a parameter is validated (fastact/_api.py).
FINITE = "finite"          # any finite real
POSITIVE = "positive"      # finite and > 0
NONNEGATIVE = "nonnegative"  # finite and >= 0
CHOICE = "choice"          # one of a fixed set of values (str or bool); selects the kernel
CHANNEL = "channel"        # a finite real, or one per channel along `axis`
HINGES = "hinges"          # APL: S hinge values, shape (S,) or (S, channels)
AXIS = "axis"              # the channel axis of CHANNEL/HINGES parameters
FLAG = "flag"              # a bool
SEED = "seed"              # None (fresh entropy) or an int in [0, 2**64)
POOL = "pool"              # an int >= 1 (maxout's pool_size)


class _Required:
    """The default of a parameter that has none."""

    def __repr__(self):
        return "REQUIRED"


REQUIRED = _Required()


@dataclass(frozen=True)
class Param:
    name: str
    default: object
    check: str
    doc: str
    choices: Tuple[object, ...] = ()
    # The value tests and benchmarks use where the default is REQUIRED.
    example: object = None

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    @property
    def typical(self):
        """The default, or the example value of a required parameter."""
        return self.example if self.required else self.default


# Kinds of activation, by the C entry point that computes them.
ELEMENTWISE = "elementwise"  # fa_run_unary: a kernel with up to 4 scalar parameters
CHANNEL_WISE = "channel"     # fa_run_channel: parameters per channel along an axis
RRELU = "rrelu"              # fa_run_rrelu: random slopes in training mode


@dataclass(frozen=True)
class Activation:
    name: str
    formula: str
    doc: str
    # Kernel name (an X() entry of src_c/fa_kernels.h, or "apl"), or, when a
    # CHOICE parameter picks the kernel, a dict {choice value: kernel name}.
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
    # The same function in torch, for the benchmarks: a format string over
    # `x` and the parameter names (a dict per CHOICE value, None = no peer).
    torch_expr: object = None
    # The same function in NumPy/SciPy (np, sp = scipy.special), for the
    # benchmarks: a format string over `x`, `o` (a preallocated output) and
    # the parameter names; a dict per CHOICE value; None = NumPy has none.
    numpy_expr: object = None
    kind: str = ELEMENTWISE
    # A condition over the parameters, as Python source, that the generated
    # function checks (ValueError with `constraint_doc` otherwise).
    constraint: Optional[str] = None
    constraint_doc: str = ""
    # float64 only: an absolute error that is accepted where the result is
    # the difference of two terms of size T (a zero crossing), as a Python
    # expression over the parameters giving that allowed error (0 = none).
    abs_floor_f64: Optional[str] = None
    # Where the function comes from, for the README's grouping.
    family: str = "foundation"
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
        return tuple(p for p in self.params if p.check in (FINITE, POSITIVE, NONNEGATIVE))

    @property
    def kernels(self) -> Tuple[str, ...]:
        return (self.kernel,) if isinstance(self.kernel, str) else tuple(self.kernel.values())

    def kernel_for(self, params: Dict[str, object]) -> str:
        if isinstance(self.kernel, str):
            return self.kernel
        return self.kernel[params[self.choice_param.name]]

    def torch_expr_for(self, params: Dict[str, object]) -> Optional[str]:
        if isinstance(self.torch_expr, dict):
            return self.torch_expr.get(params[self.choice_param.name])
        return self.torch_expr

    def numpy_expr_for(self, params: Dict[str, object]) -> Optional[str]:
        if isinstance(self.numpy_expr, dict):
            return self.numpy_expr.get(params[self.choice_param.name])
        return self.numpy_expr

    def ulp_bound(self, dtype_name: str, params: Dict[str, object]) -> float:
        bound = {"float32": self.ulp_f32, "float64": self.ulp_f64,
                 "float16": self.ulp_f16}[dtype_name]
        if isinstance(bound, dict):
            return bound[params[self.choice_param.name]]
        return bound

    def abs_floor(self, dtype_name: str, params: Dict[str, object]) -> float:
        if dtype_name != "float64" or not self.abs_floor_f64:
            return 0.0
        return float(eval(self.abs_floor_f64, {"math": math}, dict(params)))

    def typical_params(self) -> Dict[str, object]:
        return {p.name: p.typical for p in self.params}

    def variants(self):
        """Every parameter set the tests and benchmarks cover: the defaults
        (example values for required parameters), each choice of a CHOICE
        parameter, then test_params."""
        defaults = self.typical_params()
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
        numpy_expr='np.maximum(x, 0, out=o)',
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
        numpy_expr='sp.expit(x, out=o)',
    ),
    Activation(
        name="tanh", kernel="tanh",
        formula="tanh(x)",
        doc="Hyperbolic tangent. Always within [-1, 1].",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="torch.tanh(x)",
        numpy_expr='np.tanh(x, out=o)',
    ),
    Activation(
        name="silu", kernel="silu",
        formula="x * sigmoid(x)",
        doc="Sigmoid linear unit (swish with beta = 1). silu(-inf) = -0.0.",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="F.silu(x)",
        numpy_expr='np.multiply(x, sp.expit(x, out=o), out=o)',
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
        numpy_expr={'none': 'np.multiply(x, sp.ndtr(x, out=o), out=o)'},
    ),
    Activation(
        name="mish", kernel="mish",
        formula="x * tanh(softplus(x))",
        doc="Mish. mish(-inf) = -0.0.",
        ulp_f32=3, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="F.mish(x)",
    ),
    # ------------------------------------------------ the classic catalogue
    Activation(
        name="identity", kernel="identity", family="classic",
        formula="x",
        doc="The identity: a bit-exact copy (-0.0 and NaN payloads kept).",
        ulp_f32=0, ulp_f64=0, ulp_f16=0, grain=GRAIN_MEMORY_BOUND,
        torch_expr="x.clone()",
        numpy_expr='np.copyto(o, x)',
    ),
    Activation(
        name="binary_step", kernel="binary_step", family="classic",
        formula="1 if x >= 0 else 0",
        doc="Heaviside step with H(0) = 1 (also at -0.0). NaN stays NaN.",
        ulp_f32=0, ulp_f64=0, ulp_f16=0, grain=GRAIN_MEMORY_BOUND,
        torch_expr="torch.heaviside(x, one)",
        numpy_expr='np.heaviside(x, 1, out=o)',
    ),
    Activation(
        name="arctan", kernel="arctan", family="classic",
        formula="atan(x)",
        doc="Arctangent. arctan(+-inf) = +-pi/2 rounded to the dtype.",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="torch.atan(x)",
        numpy_expr='np.arctan(x, out=o)',
    ),
    Activation(
        name="softsign", kernel="softsign", family="classic",
        formula="x / (1 + |x|)",
        doc="Softsign. softsign(+-inf) = +-1.",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="F.softsign(x)",
        numpy_expr='np.divide(x, 1 + np.abs(x), out=o)',
    ),
    Activation(
        name="isru", kernel="isru", family="classic",
        params=(Param("alpha", 1.0, POSITIVE, "scale of x^2, > 0"),),
        formula="x / sqrt(1 + alpha x^2)",
        doc="Inverse square root unit. Never overflows: isru(+-inf) = +-1/sqrt(alpha).",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        test_params=({"alpha": 0.25}, {"alpha": 3.0}, {"alpha": 1e-6}),
    ),
    Activation(
        name="isrlu", kernel="isrlu", family="classic",
        params=(Param("alpha", 1.0, POSITIVE, "scale of x^2 for x < 0, > 0"),),
        formula="x if x >= 0 else x / sqrt(1 + alpha x^2)",
        doc="Inverse square root linear unit. isrlu(-inf) = -1/sqrt(alpha).",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        test_params=({"alpha": 0.25}, {"alpha": 3.0}),
    ),
    Activation(
        name="prelu", kernel="leaky_relu", kind=CHANNEL_WISE, family="classic",
        params=(Param("weight", REQUIRED, CHANNEL,
                      "slope for x < 0: a scalar or 1-element array (shared), or one "
                      "per channel along axis", example=0.25),
                Param("axis", 1, AXIS, "the channel axis (torch: dimension 1)")),
        formula="x if x > 0 else weight[c] * x",
        doc="Parametric ReLU with one slope per channel along `axis`, or one shared "
            "slope. The slopes are rounded to the computation dtype, so the result is "
            "the correctly rounded product.",
        ulp_f32=0.5, ulp_f64=0.5, grain=GRAIN_MEMORY_BOUND,
        test_params=({"weight": -0.5},),
        torch_expr="F.prelu(x, weight_t)",
        numpy_expr='np.where(x > 0, x, weight * x)',
    ),
    Activation(
        name="rrelu", kernel="rrelu", kind=RRELU, family="classic",
        params=(Param("lower", 1.0 / 8, FINITE, "smallest slope"),
                Param("upper", 1.0 / 3, FINITE, "largest slope"),
                Param("training", False, FLAG, "draw random slopes (else the mean slope)"),
                Param("seed", None, SEED, "key of the counter-based generator; None draws "
                      "a fresh one")),
        formula="x if x > 0 else r * x;  r = (lower + upper) / 2, or in training "
                "r ~ U[lower, upper) per element",
        doc="Randomized leaky ReLU. Training mode draws one slope per element with "
            "x <= 0 from a counter-based generator (SplitMix64 of seed and the element's "
            "C-order index): the same seed gives the same bits at any thread count and on "
            "every ISA. return_slopes=True also returns the slope of every element "
            "(1 where x > 0), which is the derivative for the backward pass.",
        ulp_f32=0.5, ulp_f64=0.5, grain=GRAIN_MEMORY_BOUND,
        test_params=({"training": True, "seed": 2024},
                     {"training": True, "seed": 7, "lower": 0.0, "upper": 1.0}),
        torch_expr="F.rrelu(x, lower, upper, training)",
        constraint="lower <= upper", constraint_doc="lower must be <= upper",
    ),
    Activation(
        name="srelu", kernel="srelu", kind=CHANNEL_WISE, family="classic",
        params=(Param("t_left", REQUIRED, CHANNEL, "left threshold", example=-1.0),
                Param("a_left", REQUIRED, CHANNEL, "slope left of t_left", example=0.1),
                Param("t_right", REQUIRED, CHANNEL, "right threshold (>= t_left)", example=2.0),
                Param("a_right", REQUIRED, CHANNEL, "slope right of t_right", example=0.5),
                Param("axis", 1, AXIS, "the channel axis of per-channel parameters")),
        formula="t_r + a_r (x - t_r) if x >= t_r;  x if t_l < x < t_r;  "
                "t_l + a_l (x - t_l) if x <= t_l",
        doc="S-shaped ReLU; each parameter is a scalar or one value per channel along "
            "`axis`. Correctly rounded. At +-inf the limit (t_right/t_left where the "
            "slope is 0).",
        ulp_f32=0.5, ulp_f64=1, grain=GRAIN_MEMORY_BOUND,
        test_params=({"a_left": -0.2, "a_right": 1.5},
                     {"t_left": 0.5, "t_right": 0.5, "a_left": 0.0, "a_right": 0.0}),
        constraint="np.all(np.asarray(t_left) <= np.asarray(t_right))",
        constraint_doc="t_left must be <= t_right",
    ),
    Activation(
        name="apl", kernel="apl", kind=CHANNEL_WISE, family="classic",
        params=(Param("a", REQUIRED, HINGES, "hinge slopes: shape (S,) shared, or (S, C) "
                      "per channel", example=(0.5, -0.25)),
                Param("b", REQUIRED, HINGES, "hinge locations, the shape of a",
                      example=(0.0, 1.5)),
                Param("axis", 1, AXIS, "the channel axis of (S, C) parameters")),
        formula="max(0, x) + sum_s a_s max(0, b_s - x)",
        doc="Adaptive piecewise linear unit with S hinges (at most 64). Computed in "
            "double (float32) or double-double (float64) and rounded once: correctly "
            "rounded unless the hinge terms cancel (error <= (S+2) 2^-53 sum|terms| in "
            "float32). At -inf the limit (sign(sum a_s) inf, or sum a_s b_s).",
        ulp_f32=0.5, ulp_f64=1, grain=GRAIN_MEMORY_BOUND,
        test_params=({"a": (1.0,), "b": (-2.0,)}, {"a": (0.25, -0.5, 0.75), "b": (-1.0, 0.0, 3.0)}),
    ),
    Activation(
        name="bent_identity", kernel="bent_identity", family="classic",
        formula="(sqrt(x^2 + 1) - 1) / 2 + x",
        doc="Bent identity, computed as x^2 / (2 (sqrt(x^2 + 1) + 1)) + x (no "
            "cancellation, no overflow).",
        ulp_f32=3, grain=GRAIN_TRANSCENDENTAL,
    ),
    Activation(
        name="swish", kernel="swish", family="classic",
        params=(Param("beta", 1.0, FINITE, "slope of the gate; any finite value"),),
        formula="x * sigmoid(beta x)",
        doc="Swish; silu is swish with beta = 1. beta x is formed exactly (no rounding "
            "in the tail). Infinities go to their limits (-0.0 where the gate closes).",
        ulp_f32=3, grain=GRAIN_TRANSCENDENTAL,
        test_params=({"beta": 1.702}, {"beta": -0.5}, {"beta": 0.0}, {"beta": 10.0}),
        torch_expr="x * torch.sigmoid(beta * x)",
        numpy_expr='np.multiply(x, sp.expit(beta * x, out=o), out=o)',
    ),
    Activation(
        name="soft_exponential", kernel="soft_exponential", family="classic",
        params=(Param("alpha", REQUIRED, FINITE, "any finite value", example=0.5),),
        formula="-log(1 - alpha (x + alpha)) / alpha if alpha < 0;  x if alpha = 0;  "
                "(exp(alpha x) - 1) / alpha + alpha if alpha > 0",
        doc="Soft exponential. Domain errors give NaN as the formula does: for alpha < 0 "
            "and 1 - alpha (x + alpha) < 0 the result is NaN (and -inf where it is 0). "
            "Overflow gives inf.",
        ulp_f32=3, grain=GRAIN_TRANSCENDENTAL,
        test_params=({"alpha": -0.5}, {"alpha": 0.0}, {"alpha": 1.0}, {"alpha": -1.0},
                     {"alpha": 2.0}),
        # float64, 0 < alpha < 1: near the zero crossing log1p(-alpha^2)/alpha the
        # result is the difference of two terms of size T (alpha, or 1/alpha - alpha
        # for alpha^2 > 1 - 1/e) known to ~2^-56 relative; there the error is stated
        # as absolute: at most 2^-53 T (measured 0.18 ulp(T), dev/math_expfam).
        abs_floor_f64="(alpha if alpha * alpha <= 1 - math.exp(-1) else 1 / alpha - alpha) "
                      "* 2.0 ** -53 if 0 < alpha < 1 else 0.0",
    ),
    Activation(
        name="sinusoid", kernel="sinusoid", family="classic",
        formula="sin(x)",
        doc="Sine, accurate over the whole float range (full argument reduction for "
            "large |x|). sin(+-inf) = NaN.",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="torch.sin(x)",
        numpy_expr='np.sin(x, out=o)',
    ),
    Activation(
        name="sinc", kernel={False: "sinc", True: "sinc_normalized"}, family="classic",
        params=(Param("normalized", False, CHOICE,
                      "False: sin(x)/x (the activation); True: sin(pi x)/(pi x) (np.sinc)",
                      choices=(False, True)),),
        formula="sin(x) / x, 1 at 0;  normalized: sin(pi x) / (pi x)",
        doc="Sinc. Unnormalised by default (the activation function of the literature); "
            "normalized=True is NumPy's np.sinc. sinc(+-inf) = 0 (the limit); the "
            "normalised form is exactly 0 at nonzero integers.",
        ulp_f32=3, grain=GRAIN_TRANSCENDENTAL,
        torch_expr={True: "torch.sinc(x)"},
        numpy_expr={True: 'np.sinc(x)'},
    ),
    Activation(
        name="gaussian", kernel="gaussian", family="classic",
        formula="exp(-x^2)",
        doc="Gaussian, with x^2 formed exactly (no error growth in the tails).",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="torch.exp(-x * x)",
        numpy_expr='np.exp(np.negative(np.square(x, out=o), out=o), out=o)',
    ),
    # --------------------------------------------------- the modern set
    Activation(
        name="celu", kernel="celu", family="modern",
        params=(Param("alpha", 1.0, POSITIVE, "scale, > 0"),),
        formula="x if x > 0 else alpha * (exp(x / alpha) - 1)",
        doc="Continuously differentiable ELU. celu(-inf) = -alpha.",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        test_params=({"alpha": 0.5}, {"alpha": 2.75}, {"alpha": 1e-3}),
        torch_expr="F.celu(x, alpha)",
    ),
    Activation(
        name="hardtanh", kernel="hardtanh", family="modern",
        params=(Param("min_val", -1.0, FINITE, "lower clamp"),
                Param("max_val", 1.0, FINITE, "upper clamp (>= min_val)")),
        formula="min(max(x, min_val), max_val)",
        doc="Hard tanh (a clamp). -0.0 inside the range stays -0.0; NaN stays NaN.",
        ulp_f32=0, ulp_f64=0, ulp_f16=0, grain=GRAIN_MEMORY_BOUND,
        test_params=({"min_val": -2.0, "max_val": 0.5}, {"min_val": 0.25, "max_val": 0.25}),
        torch_expr="F.hardtanh(x, min_val, max_val)",
        constraint="min_val <= max_val", constraint_doc="min_val must be <= max_val",
        numpy_expr='np.clip(x, min_val, max_val, out=o)',
    ),
    Activation(
        name="relu6", kernel="relu6", family="modern",
        formula="min(max(x, 0), 6)",
        doc="ReLU capped at 6; relu6(-0.0) = +0.0 as relu.",
        ulp_f32=0, ulp_f64=0, ulp_f16=0, grain=GRAIN_MEMORY_BOUND,
        torch_expr="F.relu6(x)",
        numpy_expr='np.clip(x, 0, 6, out=o)',
    ),
    Activation(
        name="hardsigmoid", kernel="hardsigmoid", family="modern",
        formula="0 if x <= -3;  1 if x >= 3;  x/6 + 1/2",
        doc="Hard sigmoid (torch's definition), correctly rounded. Always within [0, 1].",
        ulp_f32=0.5, ulp_f64=0.5, grain=GRAIN_MEMORY_BOUND,
        torch_expr="F.hardsigmoid(x)",
    ),
    Activation(
        name="hardswish", kernel="hardswish", family="modern",
        formula="0 if x <= -3;  x if x >= 3;  x (x + 3) / 6",
        doc="Hard swish (torch's definition). x <= -3 gives -0.0 as torch does; at -inf "
            "too (torch: NaN), since the function is 0 there.",
        ulp_f32=1, ulp_f64=1, grain=GRAIN_MEMORY_BOUND,
        torch_expr="F.hardswish(x)",
    ),
    Activation(
        name="logsigmoid", kernel="logsigmoid", family="modern",
        formula="log(sigmoid(x)) = -softplus(-x)",
        doc="Log-sigmoid, stable for large |x|: x for x -> -inf, -exp(-x) for x -> +inf "
            "(-0.0 once that underflows, and at +inf).",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="F.logsigmoid(x)",
        numpy_expr='sp.log_expit(x, out=o)',
    ),
    Activation(
        name="tanhshrink", kernel="tanhshrink", family="modern",
        formula="x - tanh(x)",
        doc="Tanh shrink, without cancellation near 0 (x^3/3 there).",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="F.tanhshrink(x)",
    ),
    Activation(
        name="softshrink", kernel="softshrink", family="modern",
        params=(Param("lambd", 0.5, NONNEGATIVE, "half-width of the dead zone, >= 0"),),
        formula="x - lambd if x > lambd;  x + lambd if x < -lambd;  0",
        doc="Soft shrinkage, correctly rounded. NaN stays NaN.",
        ulp_f32=0.5, ulp_f64=0.5, grain=GRAIN_MEMORY_BOUND,
        test_params=({"lambd": 0.0}, {"lambd": 2.5}),
        torch_expr="F.softshrink(x, lambd)",
    ),
    Activation(
        name="hardshrink", kernel="hardshrink", family="modern",
        params=(Param("lambd", 0.5, NONNEGATIVE, "half-width of the dead zone, >= 0"),),
        formula="x if |x| > lambd else 0",
        doc="Hard shrinkage. NaN stays NaN.",
        ulp_f32=0, ulp_f64=0, ulp_f16=0, grain=GRAIN_MEMORY_BOUND,
        test_params=({"lambd": 0.0}, {"lambd": 2.5}),
        torch_expr="F.hardshrink(x, lambd)",
    ),
    Activation(
        name="threshold", kernel="threshold", family="modern",
        params=(Param("threshold", REQUIRED, FINITE, "x <= threshold is replaced",
                      example=0.5),
                Param("value", REQUIRED, FINITE, "the replacement", example=-1.0)),
        formula="x if x > threshold else value",
        doc="Threshold (torch's F.threshold). NaN stays NaN.",
        ulp_f32=0, ulp_f64=0, ulp_f16=0, grain=GRAIN_MEMORY_BOUND,
        test_params=({"threshold": -1.0, "value": 2.0},),
        torch_expr="F.threshold(x, threshold, value)",
    ),
    Activation(
        name="quick_gelu", kernel="quick_gelu", family="modern",
        formula="x * sigmoid(1.702 x)",
        doc="The sigmoid approximation of GELU (CLIP's QuickGELU); 1.702 is the exact "
            "decimal, carried as a two-part constant.",
        ulp_f32=3, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="x * torch.sigmoid(1.702 * x)",
        numpy_expr='np.multiply(x, sp.expit(1.702 * x, out=o), out=o)',
    ),
    Activation(
        name="exp", kernel="exp", family="helper",
        formula="exp(x)",
        doc="Exponential (a helper from the math layer). Overflow gives inf.",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="torch.exp(x)",
        numpy_expr='np.exp(x, out=o)',
    ),
    Activation(
        name="expm1", kernel="expm1", family="helper",
        formula="exp(x) - 1",
        doc="exp(x) - 1 without cancellation near 0 (a helper from the math layer).",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="torch.expm1(x)",
        numpy_expr='np.expm1(x, out=o)',
    ),
    Activation(
        name="log1p", kernel="log1p", family="helper",
        formula="log(1 + x)",
        doc="log(1 + x) without cancellation near 0 (a helper from the math layer). "
            "NaN below -1, -inf at -1.",
        ulp_f32=2, grain=GRAIN_TRANSCENDENTAL,
        torch_expr="torch.log1p(x)",
        numpy_expr='np.log1p(x, out=o)',
    ),
)

BY_NAME = {a.name: a for a in ACTIVATIONS}


# ------------------------------------------------------------------ backward

@dataclass(frozen=True)
class Backward:
    """The backward pass of an activation: ``NAME_backward(grad_output, x,
    ...)`` = grad_output * f'(x), computed by the C kernel with the forward's
    kernel id (src_c/fa_grad_*.h), checked against the analytic derivative
    of the oracle (fastact.reference.exact_grad)."""
    # Max error in ULP of the dtype against grad_output * f'(x) computed in
    # float64 (long double for float64) and rounded: per dtype, or a dict
    # per CHOICE value.
    ulp_f32: object = 4
    ulp_f64: object = 4
    # The form from the forward's output y (NAME_backward(g, y=...)): its
    # bounds (float32, float64) against the exact derivative as a function
    # of the given y; None = no y form.
    y_ulp: Optional[Tuple[float, float]] = None
    # Whether torch's backward reads the forward's output (its kernel takes
    # y, or its autograd formula uses the result): the benchmarks then set
    # fastact's y form beside it.
    torch_keeps_y: bool = False
    # A condition over the parameters (Python source) that the y form needs,
    # and the ValueError's message otherwise.
    y_constraint: Optional[str] = None
    y_constraint_doc: str = ""
    # Where f' crosses zero its terms cancel: the error is then measured in
    # ULPs of max(|exact|, |grad_output| * T), T a Python expression over
    # the parameters and `x` (a float64 ndarray; `np` available), per dtype.
    floor_f32: Optional[str] = None
    floor_f64: Optional[str] = None
    # The convention at kinks and edges, and anything a user should know.
    doc: str = ""
    # The backward of the same function in torch, for the benchmarks: a
    # format string over `g` (grad_output), `x`, `y` (forward output) and the
    # parameter names; None = autograd only.
    torch_expr: Optional[str] = None

    def has_y_form(self, params) -> bool:
        """Whether the y form exists for these parameter values."""
        return self.y_ulp is not None and (
            not self.y_constraint or bool(eval(self.y_constraint, {}, dict(params))))

    def ulp_bound(self, act, dtype_name, params):
        bound = {"float32": self.ulp_f32, "float64": self.ulp_f64, "float16": 1}[dtype_name]
        if isinstance(bound, dict):
            return bound[params[act.choice_param.name]]
        return bound

    def floor(self, dtype_name, x, params):
        import numpy as np_
        expr = {"float32": self.floor_f32, "float64": self.floor_f64}.get(dtype_name)
        if not expr:
            return np_.zeros_like(x)
        with np_.errstate(all="ignore"):
            names = {"np": np_, "math": math, "sig": lambda v: 0.5 * (1 + np_.tanh(v / 2)),
                     "Phi": np_.vectorize(lambda v: 0.5 * math.erfc(-v / math.sqrt(2))),
                     "sinc_terms": lambda v, k: k * (np_.abs(k * v * np_.cos(k * v))
                                                     + np_.abs(np_.sin(k * v))) / (k * v) ** 2}
            return np_.broadcast_to(eval(expr, names, {**params, "x": x}), x.shape)


# float64 floors where f' crosses zero (T: the size of the cancelling terms;
# README "Backward" gives the measured constants).  gelu: Phi(x) + |x| phi(x)
# for the erf form; for the tanh form s + |x v' s (1 - s)|, v = 2u, s = sig(v).
_S2PI = "0.7978845608028654"   # sqrt(2/pi), for the tanh GELU's floor
_GELU_FLOOR = (
    "np.where(approximate == 'none', Phi(x) + np.abs(x) * np.exp(-x * x / 2) / 2.5066282746310002,"
    f" sig(2 * {_S2PI} * (x + 0.044715 * x**3)) + np.abs(x * 2 * {_S2PI}"
    f" * (1 + 3 * 0.044715 * x * x) * sig(2 * {_S2PI} * (x + 0.044715 * x**3))"
    f" * sig(-2 * {_S2PI} * (x + 0.044715 * x**3))))")
# sinc: (|v cos v| + |sin v|) / v^2 at v = x; normalized: pi times that at v = pi x
_SINC_FLOOR = "sinc_terms(x, np.pi if normalized else 1.0)"

# One entry per activation (tests/test_backward.py checks that none is
# missing).  Bounds measured as README "Backward" says.
BACKWARD: Dict[str, Backward] = {
    "relu": Backward(ulp_f32=0, ulp_f64=0, y_ulp=(0, 0),
                     doc="relu'(0) = 0, as torch.",
                     torch_expr="torch.ops.aten.threshold_backward(g, y, 0)"),
    "leaky_relu": Backward(ulp_f32=0.5, ulp_f64=0.5, doc="slope at x <= 0 (x = 0 included).",
                           torch_expr="torch.ops.aten.leaky_relu_backward(g, x, "
                                      "negative_slope, False)"),
    "elu": Backward(ulp_f32=1.5, ulp_f64=2, y_ulp=(1.5, 1.5), y_constraint="alpha >= 0",
                    y_constraint_doc="the y form of elu_backward needs alpha >= 0 (with "
                                     "alpha < 0, y > 0 does not tell which branch x was on)",
                    doc="alpha e^x at x <= 0. The y form needs alpha >= 0.",
                    torch_expr="torch.ops.aten.elu_backward(g, alpha, 1.0, 1.0, False, x)"),
    "selu": Backward(ulp_f32=1.5, ulp_f64=2,
                     torch_expr="torch.ops.aten.elu_backward(g, 1.6732632423543772, "
                                "1.0507009873554805, 1.0, False, x)"),
    "sigmoid": Backward(ulp_f32=2, ulp_f64=2, y_ulp=(2, 2), torch_keeps_y=True,
                        torch_expr="torch.ops.aten.sigmoid_backward(g, y)"),
    "tanh": Backward(ulp_f32=2, ulp_f64=2, y_ulp=(2.5, 2.5), torch_keeps_y=True,
                     torch_expr="torch.ops.aten.tanh_backward(g, y)"),
    "silu": Backward(ulp_f32=4, ulp_f64=2.5, floor_f64="sig(x)",
                     torch_expr="torch.ops.aten.silu_backward(g, x)"),
    "softplus": Backward(ulp_f32=1.5, ulp_f64=2,
                         doc="exactly 1 where beta*x > threshold (torch's rule).",
                         torch_expr="torch.ops.aten.softplus_backward(g, x, beta, threshold)"),
    "gelu": Backward(ulp_f32={"none": 3, "tanh": 1}, ulp_f64=3, floor_f64=_GELU_FLOOR,
                     torch_expr="torch.ops.aten.gelu_backward(g, x, approximate=approximate)"),
    "mish": Backward(ulp_f32=4, ulp_f64=6.5, floor_f64="np.tanh(np.logaddexp(0, x))",
                     doc="float64: up to 6.5 ULP next to the zero of mish' (x ~ -1.19) and in "
                         "the negative tail.",
                     torch_expr="torch.ops.aten.mish_backward(g, x)"),
    "identity": Backward(ulp_f32=0, ulp_f64=0),
    "binary_step": Backward(ulp_f32=0, ulp_f64=0, doc="0 everywhere, also at 0."),
    "arctan": Backward(ulp_f32=1, ulp_f64=2),
    "softsign": Backward(ulp_f32=1, ulp_f64=2),
    "isru": Backward(ulp_f32=1, ulp_f64=3),
    "isrlu": Backward(ulp_f32=1, ulp_f64=3),
    "prelu": Backward(ulp_f32=0.5, ulp_f64=0.5,
                      doc="weight at x <= 0. Also returns the gradient of weight, summed per "
                          "channel (float64 accumulation), in weight's shape."),
    "rrelu": Backward(ulp_f32=0.5, ulp_f64=0.5,
                      doc="the forward's slopes: from seed= (the same counter-based draw) or "
                          "slopes= (return_slopes=True); evaluation mode uses (lower+upper)/2."),
    "srelu": Backward(ulp_f32=0.5, ulp_f64=0.5,
                      doc="the forward's branch at the thresholds (a_left at x <= t_left, "
                          "a_right at x >= t_right). Also returns the gradients of t_left, "
                          "a_left, t_right, a_right, in their shapes."),
    "apl": Backward(ulp_f32=0.5, ulp_f64=1,
                    doc="1[x > 0] - sum_s a_s 1[b_s > x] (0 at the hinges' kinks, from the "
                        "left). Also returns the gradients of a and b, in their shapes."),
    "bent_identity": Backward(ulp_f32=1, ulp_f64=2),
    "swish": Backward(ulp_f32=3.5, ulp_f64=2.5, floor_f64="sig(beta * x)"),
    "soft_exponential": Backward(ulp_f32=1, ulp_f64=2),
    "sinusoid": Backward(ulp_f32=1, ulp_f64=2.5),
    "sinc": Backward(ulp_f32=1, ulp_f64=3, floor_f64=_SINC_FLOOR),
    "gaussian": Backward(ulp_f32=1.5, ulp_f64=2),
    "celu": Backward(ulp_f32=1.5, ulp_f64=2,
                     torch_expr="torch.ops.aten.elu_backward(g, alpha, 1.0, 1.0 / alpha, "
                                "False, x)"),
    "hardtanh": Backward(ulp_f32=0, ulp_f64=0, doc="0 at and outside both edges, as torch.",
                         torch_expr="torch.ops.aten.hardtanh_backward(g, x, min_val, max_val)"),
    "relu6": Backward(ulp_f32=0, ulp_f64=0, doc="0 at 0 and at 6, as torch.",
                      torch_expr="torch.ops.aten.hardtanh_backward(g, x, 0.0, 6.0)"),
    "hardsigmoid": Backward(ulp_f32=0.5, ulp_f64=0.5, doc="1/6 strictly inside (-3, 3).",
                            torch_expr="torch.ops.aten.hardsigmoid_backward(g, x)"),
    "hardswish": Backward(ulp_f32=0.5, ulp_f64=2,
                          doc="torch's: 0 below -3, x/3 + 1/2 on [-3, 3], 1 above.",
                          torch_expr="torch.ops.aten.hardswish_backward(g, x)"),
    "logsigmoid": Backward(ulp_f32=1.5, ulp_f64=2),
    "tanhshrink": Backward(ulp_f32=1, ulp_f64=2.5),
    "softshrink": Backward(ulp_f32=0, ulp_f64=0, doc="0 on [-lambd, lambd], as torch.",
                           torch_expr="torch.ops.aten.softshrink_backward(g, x, lambd)"),
    "hardshrink": Backward(ulp_f32=0, ulp_f64=0, doc="0 on [-lambd, lambd], as torch.",
                           torch_expr="torch.ops.aten.hardshrink_backward(g, x, lambd)"),
    "threshold": Backward(ulp_f32=0, ulp_f64=0, doc="0 where x <= threshold, as torch.",
                          torch_expr="torch.ops.aten.threshold_backward(g, x, threshold)"),
    "quick_gelu": Backward(ulp_f32=3.5, ulp_f64=2.5, floor_f64="sig(1.702 * x)"),
    "exp": Backward(ulp_f32=1.5, ulp_f64=2, y_ulp=(0.5, 0.5), torch_keeps_y=True),
    "expm1": Backward(ulp_f32=1.5, ulp_f64=2, y_ulp=(0.5, 1.5), torch_keeps_y=True,
                      doc="The y form: float64 without FMA (the baseline) rounds twice."),
    "log1p": Backward(ulp_f32=1, ulp_f64=2),
}


# ------------------------------------------------------------------ axis functions

# Kinds of function that work along an axis (fastact/_axis_api.py builds them).
SOFTMAX = "softmax"   # fa_run_softmax: same shape, in place allowed
MAXOUT = "maxout"     # fa_run_maxout: the axis shrinks pool_size times
GATED = "gated"       # fa_run_gated: first half * act(second half); the axis halves


@dataclass(frozen=True)
class AxisFunction:
    """A function along an axis: what it is, how it is computed, how exact it
    is.  The public functions, their oracle twins (fastact/reference.py), the
    tests and the benchmarks are built from these entries."""
    name: str
    kind: str
    formula: str
    doc: str
    params: Tuple[Param, ...] = ()
    # SOFTMAX: log of the result, and of -x (softmin).
    take_log: bool = False
    negate: bool = False
    # GATED: the registry activation applied to the gate half, with a
    # CHOICE of this function mapped to that activation's parameters.
    gate: Optional[str] = None
    gate_params: Optional[Dict[str, object]] = None
    # Max error in ULP against the oracle rounded to the dtype.
    ulp_f32: float = 0
    ulp_f64: float = 0
    ulp_f16: float = 1
    # Peers for the benchmarks: format strings over `x`, `axis` and the
    # parameter names (`sp` = scipy.special, `F` = torch.nn.functional).
    torch_expr: Optional[str] = None
    numpy_expr: Optional[str] = None

    @property
    def inplace(self) -> bool:
        return self.kind == SOFTMAX

    def typical_params(self) -> Dict[str, object]:
        return {p.name: p.typical for p in self.params}

    def variants(self):
        out = [self.typical_params()]
        for p in self.params:
            if p.check == CHOICE:
                out += [{**out[0], p.name: c} for c in p.choices if c != p.default]
        return out

    def gate_for(self, params: Dict[str, object]):
        """(activation name, its parameters) of a GATED function."""
        extra = {}
        for p in self.params:
            if p.check == CHOICE:
                extra.update(self.gate_params[params.get(p.name, p.default)])
        return self.gate, extra


_AXIS_PARAM = Param("axis", -1, AXIS, "the axis to work along")


def _gated_bound(gate, dtype_name):
    """a * act(b) rounded once after act(b) was rounded once: act's relative
    error is at most (its ULP bound) * 2^-(p-1) and the product's at most
    half an ULP, and an ULP of the product can be half as large, relative to
    it, as one of act(b) is: 2 * bound + 0.5 ULP of the result.
    (Where act(b) is subnormal, its absolute error of up to half a subnormal
    ULP is scaled by |a|: the stated exception, see README.)"""
    bound = getattr(BY_NAME[gate], "ulp_" + dtype_name)
    if isinstance(bound, dict):
        bound = max(bound.values())
    return 2 * bound + 0.5
_SOFTMAX_DOC = (
    "Max-subtracted, in two passes over each row: e^(x - max) is formed from the exact "
    "difference (a two-sum pair) and summed in double.  Special rows: any NaN gives a NaN "
    "row; a row of all -inf gives NaN (as torch); exactly one +inf gives its limit (1 there, "
    "0 elsewhere); two or more +inf have no limit and give NaN.  Each row's result has the "
    "same bits at any thread count.")

AXIS_FUNCTIONS: Tuple[AxisFunction, ...] = (
    AxisFunction(
        name="softmax", kind=SOFTMAX, params=(_AXIS_PARAM,),
        formula="exp(x - max) / sum(exp(x - max)) along axis",
        doc="Softmax along `axis`. " + _SOFTMAX_DOC,
        ulp_f32=3, ulp_f64=3,
        torch_expr="torch.softmax(x, axis)",
        numpy_expr="sp.softmax(x, axis=axis)",
    ),
    AxisFunction(
        name="log_softmax", kind=SOFTMAX, take_log=True, params=(_AXIS_PARAM,),
        formula="(x - max) - log(sum(exp(x - max))) along axis",
        doc="Log-softmax along `axis`: log(sum) is log1p of the sum of the non-maximal terms, "
            "so rows dominated by one element keep full precision. " + _SOFTMAX_DOC,
        ulp_f32=3, ulp_f64=3,
        torch_expr="torch.log_softmax(x, axis)",
        numpy_expr="sp.log_softmax(x, axis=axis)",
    ),
    AxisFunction(
        name="softmin", kind=SOFTMAX, negate=True, params=(_AXIS_PARAM,),
        formula="softmax(-x) along axis",
        doc="Softmin along `axis`: softmax of -x (the negation is exact). The special rows "
            "mirror softmax's: -inf plays the part of +inf.",
        ulp_f32=3, ulp_f64=3,
        torch_expr="F.softmin(x, axis)",
        numpy_expr="sp.softmax(-x, axis=axis)",
    ),
    AxisFunction(
        name="maxout", kind=MAXOUT,
        params=(Param("pool_size", REQUIRED, POOL, "elements per group (an int >= 1 that "
                      "divides the length of axis)", example=2),
                _AXIS_PARAM),
        formula="max over groups of pool_size consecutive elements along axis",
        doc="Maxout: the axis shrinks pool_size times. NaN in a group gives NaN. Exact.",
        ulp_f32=0, ulp_f64=0, ulp_f16=0,
        numpy_expr="x.reshape(x.shape[:axis % x.ndim] + (-1, pool_size) + "
                   "x.shape[axis % x.ndim + 1:]).max(axis=axis % x.ndim + 1)",
    ),
    AxisFunction(
        name="glu", kind=GATED, gate="sigmoid", params=(_AXIS_PARAM,),
        formula="a * sigmoid(b), [a, b] = the halves of x along axis",
        doc="Gated linear unit, as torch's F.glu: the first half of x along `axis` times the "
            "sigmoid of the second half. With gate=..., x is the first half and gate the "
            "second, and no split is needed.",
        ulp_f32=_gated_bound("sigmoid", "f32"), ulp_f64=_gated_bound("sigmoid", "f64"),
        torch_expr="F.glu(x, axis)",
    ),
    AxisFunction(
        name="swiglu", kind=GATED, gate="silu", params=(_AXIS_PARAM,),
        formula="a * silu(b), [a, b] = the halves of x along axis",
        doc="SwiGLU: the first half of x along `axis` times silu (swish, beta = 1) of the "
            "second half; the gate is the second half, as in F.glu. With gate=..., x is the "
            "first half and gate the second.",
        ulp_f32=_gated_bound("silu", "f32"), ulp_f64=_gated_bound("silu", "f64"),
        torch_expr="(lambda a, b: a * F.silu(b))(*x.chunk(2, axis))",
    ),
    AxisFunction(
        name="geglu", kind=GATED, gate="gelu",
        params=(_AXIS_PARAM,
                Param("approximate", "none", CHOICE, "'none' (erf GELU) or 'tanh'",
                      choices=("none", "tanh"))),
        gate_params={"none": {"approximate": "none"}, "tanh": {"approximate": "tanh"}},
        formula="a * gelu(b), [a, b] = the halves of x along axis",
        doc="GEGLU: the first half of x along `axis` times GELU of the second half (the "
            "gate, as in F.glu). With gate=..., x is the first half and gate the second.",
        ulp_f32=_gated_bound("gelu", "f32"), ulp_f64=_gated_bound("gelu", "f64"),
        torch_expr="(lambda a, b: a * F.gelu(b, approximate=approximate))(*x.chunk(2, axis))",
    ),
)

AXIS_BY_NAME = {f.name: f for f in AXIS_FUNCTIONS}

# Activations that bias_act fuses: every elementwise one (by name, with its
# own parameters).
FUSABLE = tuple(a.name for a in ACTIVATIONS if a.kind == ELEMENTWISE)
