"""Build script for fastact's C/Cython extension.

Flags (see README "Building"):
  * -O3 -fno-math-errno -fno-trapping-math keep IEEE semantics for NaN and
    infinities; no finite-math or machine-specific flag is used by default
    (README, "Building").
  * On x86-64 the kernels are compiled three times, once per instruction set
    (fa_kernels_baseline.c / _avx2.c / _avx512.c, each with its own flags), and
    the best is chosen at import.  Elsewhere only the portable baseline is built.
  * OpenMP is used when the compiler supports it; otherwise the build goes on
    serially and says so.  FASTACT_NO_OPENMP=1 forces the serial build.
  * FASTACT_EXTRA_CFLAGS adds flags: the opt-in switch for a machine-specific
    build (not needed for speed: run-time dispatch already picks the ISA).
"""
import glob
import os
import platform
import shutil
import subprocess
import sys
import tempfile

import numpy as np
from Cython.Build import cythonize
from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

X86 = platform.machine().lower() in ("x86_64", "amd64", "i686", "x86")

# -ffp-contract=off is already implied by -std=c11; it is explicit because
# exact-rounding steps (error-free transformations, RReLU's reproducible
# slopes) must not be fused into FMAs behind the code's back.
COMMON_CFLAGS = ["-O3", "-std=c11", "-ffp-contract=off", "-fno-math-errno",
                 "-fno-trapping-math", "-fopenmp-simd", "-fno-semantic-interposition"]
ISA_CFLAGS = {
    "_avx2.c": ["-mavx2", "-mfma"],
    "_avx512.c": ["-mavx512f", "-mavx512dq", "-mavx512vl", "-mavx512bw", "-mavx2",
                  "-mfma", "-mprefer-vector-width=512"],
}

C_SOURCES = ["src_c/fa_dispatch.c", "src_c/fa_driver.c", "src_c/fa_driver_axis.c", "src_c/fa_driver_grad.c",
             "src_c/fa_kernels_baseline.c"]
DEFINES = [("NPY_NO_DEPRECATED_API", "NPY_1_7_API_VERSION")]
if X86:
    C_SOURCES += ["src_c/fa_kernels_avx2.c", "src_c/fa_kernels_avx512.c"]
    DEFINES.append(("FA_HAVE_X86_DISPATCH", "1"))


def _compiler_accepts(compiler, flags, code):
    tmp = tempfile.mkdtemp()
    try:
        src = os.path.join(tmp, "probe.c")
        with open(src, "w") as f:
            f.write(code)
        objs = compiler.compile([src], output_dir=tmp, extra_postargs=flags)
        compiler.link_executable(objs, os.path.join(tmp, "probe"), extra_postargs=flags)
        return True
    except Exception:
        return False
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


OPENMP_PROBE = "#include <omp.h>\nint main(void){return omp_get_max_threads() > 0 ? 0 : 1;}\n"


class BuildExt(build_ext):
    """Adds per-ISA flags to the kernel files, and OpenMP where it works."""

    def build_extensions(self):
        compiler = self.compiler
        use_openmp = os.environ.get("FASTACT_NO_OPENMP", "") not in ("1", "true", "yes")
        if not use_openmp:
            print("fastact: FASTACT_NO_OPENMP is set; building a SERIAL fastact", file=sys.stderr)
        if use_openmp and not _compiler_accepts(compiler, ["-fopenmp"], OPENMP_PROBE):
            use_openmp = False
            print("fastact: the compiler has no working OpenMP; building a SERIAL fastact",
                  file=sys.stderr)
        extra = os.environ.get("FASTACT_EXTRA_CFLAGS", "").split()
        for ext in self.extensions:
            ext.extra_compile_args = COMMON_CFLAGS + (["-fopenmp"] if use_openmp else []) + extra
            ext.extra_link_args = ["-fopenmp"] if use_openmp else []

        original_compile = compiler._compile

        def compile_with_isa_flags(obj, src, ext, cc_args, extra_postargs, pp_opts):
            flags = list(extra_postargs)
            for suffix, isa_flags in ISA_CFLAGS.items():
                if src.endswith(suffix):
                    flags += isa_flags
            return original_compile(obj, src, ext, cc_args, flags, pp_opts)

        compiler._compile = compile_with_isa_flags
        try:
            super().build_extensions()
        finally:
            compiler._compile = original_compile


extensions = [
    Extension(
        "fastact._core",
        sources=["fastact/_core.pyx"] + C_SOURCES,
        include_dirs=["src_c", np.get_include()],
        define_macros=DEFINES,
        libraries=[] if sys.platform == "win32" else ["m"],  # slow paths of sin call libm
        depends=sorted(glob.glob("src_c/*.h")),  # a header edit rebuilds the kernels
    )
]

setup(
    ext_modules=cythonize(extensions, language_level=3,
                          compiler_directives={"boundscheck": False, "wraparound": False,
                                               "cdivision": True, "initializedcheck": False}),
    cmdclass={"build_ext": BuildExt},
)
