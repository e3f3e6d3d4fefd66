/*
 * fa_common.h - types and bit helpers shared by every fastact C layer.
 *
 * Nothing here is ISA-specific: this header is included by the per-ISA
 * kernel translation units (fa_kernels_<isa>.c), by the driver and by the
 * dispatcher.  Element functions ("fa_<name>_f32(x, s)") are `static inline`
 * so that each per-ISA translation unit gets its own copy, compiled for that
 * instruction set and inlined into a loop that gcc auto-vectorises.
 */
#ifndef FASTACT_COMMON_H
#define FASTACT_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define FA_INLINE static inline __attribute__((always_inline))
#else
#define FA_INLINE static inline
#endif

/* Scalar parameters of an activation, already rounded to the computation
 * dtype (float32 arrays and float16 arrays compute in float32).  Unused
 * fields are zero.  Passed by value into element functions: after inlining,
 * the fields live in registers that the vectoriser broadcasts once. */
typedef struct { float a, b, c, d; } fa_scalars_f32;
typedef struct { double a, b, c, d; } fa_scalars_f64;

/* Bit casts through a union: unlike memcpy-free pointer punning this is
 * well defined in C, and unlike a libm call it never blocks vectorisation. */
FA_INLINE uint32_t fa_bits_f32(float x) { union { float f; uint32_t u; } v; v.f = x; return v.u; }
FA_INLINE float fa_from_bits_f32(uint32_t u) { union { float f; uint32_t u; } v; v.u = u; return v.f; }
FA_INLINE uint64_t fa_bits_f64(double x) { union { double f; uint64_t u; } v; v.f = x; return v.u; }
FA_INLINE double fa_from_bits_f64(uint64_t u) { union { double f; uint64_t u; } v; v.u = u; return v.f; }

/* The SplitMix64 output function (Steele, Lea & Flood 2014): a bijective
 * 64-bit mixer.  Used by RReLU's counter-based generator. */
FA_INLINE uint64_t fa_splitmix64_mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

#endif
