/* The kernels compiled for the "avx512" instruction set: setup.py gives this
 * file its ISA flags.  Everything else lives in fa_kernels_impl.h. */
#define FA_TABLE_NAME fa_table_avx512
#define FA_ISA_NAME "avx512"
#include "fa_kernels_impl.h"
