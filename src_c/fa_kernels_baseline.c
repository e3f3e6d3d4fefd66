/* The kernels compiled for the "baseline" instruction set: setup.py gives this
 * file its ISA flags.  Everything else lives in fa_kernels_impl.h. */
#define FA_TABLE_NAME fa_table_baseline
#define FA_ISA_NAME "baseline"
#include "fa_kernels_impl.h"
