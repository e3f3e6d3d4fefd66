#!/bin/sh
# Exhaustive float32 sweeps (all 2^32 inputs, 1 thread, niced), one line per
# case and ISA appended to exhaustive.txt.  Usage: ./run_exhaustive.sh [CASE ...]
# (default: the primary case of every function, then the other parameters).
cd "$(dirname "$0")"
[ $# -gt 0 ] || set -- "swish(1)" "quick_gelu" "celu(1)" "logsigmoid" "gaussian" "soft_exp(0.5)" \
    "soft_exp(-0.5)" "tanhshrink" "exp" "expm1" "log1p" "swish(-1)" "soft_exp(1)" "soft_exp(-1)" \
    "soft_exp(0.01)" "celu(1e-3)" "swish(1e-3)" "swish(10)" "soft_exp(2)" "soft_exp(-0.1)" "celu(100)" \
    "swish(0.5)" "swish(2)" "swish(-0.3)" "swish(0)" "swish(1.702)" "celu(0.5)" "celu(2.75)" "soft_exp(0)"
for c in "$@"; do nice -n 10 ./h32 acc "$c" 1 1 >> exhaustive.txt; done
