/* The kernels compiled for the "avx2" instruction set: setup.py gives this
 * file its ISA flags.  Everything else lives in fa_kernels_impl.h. */
#define FA_TABLE_NAME fa_table_avx2
#define FA_ISA_NAME "avx2"
#include "fa_kernels_impl.h"
