/*
 * fa_driver.c - the only place that threads.
 *
 * A call below its kernel's grain size runs serially on the calling thread
 * (no OpenMP region is entered at all, so small calls pay no fork/join).
 * Above it, the array is cut into one contiguous chunk per thread, each a
 * multiple of 64 bytes long so that no two threads write the same cache
 * line, and each chunk runs the single-threaded kernel.  The thread count
 * is fa_set_num_threads()'s value if set, else omp_get_max_threads(), which
 * honours OMP_NUM_THREADS, the CPU affinity mask and threadpoolctl's limits.
 * Without OpenMP the build still works, serially.
 */
#include "fa_api.h"

#ifdef _OPENMP
#include <omp.h>
#endif

/* 0 = follow OpenMP's default.  Plain int: written by set_num_threads under
 * the GIL, read by kernels; a torn read is impossible for an aligned int. */
static int fa_num_threads_setting = 0;

/* Serial below this many elements.  Defaults are overwritten at import from
 * the registry's measured values (fastact/_registry.py). */
#define FA_DEFAULT_GRAIN ((size_t)1 << 16)
static size_t fa_grain[FA_K_COUNT] = {
#define FA_GRAIN_ENTRY(name) FA_DEFAULT_GRAIN,
    FA_UNARY_KERNELS(FA_GRAIN_ENTRY)
#undef FA_GRAIN_ENTRY
};

int fa_openmp_enabled(void) {
#ifdef _OPENMP
    return 1;
#else
    return 0;
#endif
}

void fa_set_num_threads(int n) { fa_num_threads_setting = n > 0 ? n : 0; }
int fa_get_num_threads_setting(void) { return fa_num_threads_setting; }

int fa_get_num_threads(void) {
#ifdef _OPENMP
    return fa_num_threads_setting > 0 ? fa_num_threads_setting : omp_get_max_threads();
#else
    return 1;
#endif
}

void fa_set_grain(int kid, size_t elements) {
    if (kid >= 0 && kid < FA_K_COUNT) fa_grain[kid] = elements > 0 ? elements : 1;
}

size_t fa_get_grain(int kid) { return (kid >= 0 && kid < FA_K_COUNT) ? fa_grain[kid] : 0; }

static void fa_call_kernel(const fa_kernel_table *t, int kid, int dtype, size_t n,
                           const void *x, void *y, const fa_scalars_f32 *s32,
                           const fa_scalars_f64 *s64) {
    if (dtype == FA_F32)
        t->f32[kid](n, (const float *)x, (float *)y, s32);
    else
        t->f64[kid](n, (const double *)x, (double *)y, s64);
}

void fa_run_unary(int kid, int dtype, size_t n, const void *x, void *y,
                  double a, double b, double c, double d) {
    if (kid < 0 || kid >= FA_K_COUNT || n == 0) return;
    const fa_kernel_table *t = fa_active_table();
    const fa_scalars_f32 s32 = {(float)a, (float)b, (float)c, (float)d};
    const fa_scalars_f64 s64 = {a, b, c, d};
    const size_t elsize = dtype == FA_F32 ? sizeof(float) : sizeof(double);

    int nthreads = fa_get_num_threads();
    const size_t grain = fa_grain[kid];
    if (nthreads <= 1 || n < grain) {
        fa_call_kernel(t, kid, dtype, n, x, y, &s32, &s64);
        return;
    }
    /* Never more threads than grains of work. */
    if ((size_t)nthreads > n / grain) nthreads = (int)(n / grain);
    if (nthreads < 1) nthreads = 1;

#ifdef _OPENMP
    const size_t align = 64 / elsize; /* elements per cache line */
    size_t chunk = (n + (size_t)nthreads - 1) / (size_t)nthreads;
    chunk = (chunk + align - 1) / align * align;
    #pragma omp parallel num_threads(nthreads)
    {
        const size_t tid = (size_t)omp_get_thread_num();
        const size_t begin = tid * chunk;
        if (begin < n) {
            const size_t len = (n - begin < chunk) ? n - begin : chunk;
            fa_call_kernel(t, kid, dtype, len, (const char *)x + begin * elsize,
                           (char *)y + begin * elsize, &s32, &s64);
        }
    }
#else
    (void)elsize;
    fa_call_kernel(t, kid, dtype, n, x, y, &s32, &s64);
#endif
}
