/*
 * fa_dispatch.c - picks the kernel table once, at import.
 *
 * x86-64: the baseline (SSE2), AVX2+FMA and AVX-512 (F, DQ, VL, BW) tables
 * are all compiled in; the best one the CPU and OS support is chosen by
 * fa_best_isa().  __builtin_cpu_supports consults libgcc's CPU model, which
 * also checks XCR0, so an OS that does not save AVX state reports no AVX.
 * Elsewhere (aarch64, ...) only the portable baseline table exists.
 * fa_set_isa() lets FASTACT_ISA (read in Python) force a lower level.
 */
#include "fa_api.h"

static const fa_kernel_table *const fa_tables[FA_ISA_COUNT] = {
    &fa_table_baseline,
#if defined(FA_HAVE_X86_DISPATCH)
    &fa_table_avx2,
    &fa_table_avx512,
#else
    NULL,
    NULL,
#endif
};

static const char *const fa_isa_names[FA_ISA_COUNT] = {"baseline", "avx2", "avx512"};

static const char *const fa_kernel_names[FA_OP_COUNT] = {
#define FA_NAME_ENTRY(name, form) #name,
    FA_UNARY_KERNELS(FA_NAME_ENTRY)
#undef FA_NAME_ENTRY
    "apl",
    "rrelu",
    "softmax",
    "maxout",
    "softmax_grad",
    "maxout_grad",
    "rrelu_grad",
};

static int fa_current_isa = FA_ISA_BASELINE;

int fa_isa_compiled(int isa) {
    return isa >= 0 && isa < FA_ISA_COUNT && fa_tables[isa] != NULL;
}

int fa_isa_supported(int isa) {
    if (!fa_isa_compiled(isa)) return 0;
    if (isa == FA_ISA_BASELINE) return 1;
#if defined(FA_HAVE_X86_DISPATCH)
    __builtin_cpu_init();
    if (isa == FA_ISA_AVX2)
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    if (isa == FA_ISA_AVX512)
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
               __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw") &&
               __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
    return 0;
}

int fa_best_isa(void) {
    for (int isa = FA_ISA_COUNT - 1; isa > FA_ISA_BASELINE; isa--)
        if (fa_isa_supported(isa)) return isa;
    return FA_ISA_BASELINE;
}

int fa_set_isa(int isa) {
    if (!fa_isa_compiled(isa)) return -1;
    if (!fa_isa_supported(isa)) return -2;
    fa_current_isa = isa;
    return 0;
}

int fa_get_isa(void) { return fa_current_isa; }

const char *fa_isa_name(int isa) {
    return (isa >= 0 && isa < FA_ISA_COUNT) ? fa_isa_names[isa] : "unknown";
}

int fa_kernel_count(void) { return FA_OP_COUNT; }

const char *fa_kernel_name(int kid) {
    return (kid >= 0 && kid < FA_OP_COUNT) ? fa_kernel_names[kid] : NULL;
}

const fa_kernel_table *fa_active_table(void) { return fa_tables[fa_current_isa]; }
