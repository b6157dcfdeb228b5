/*
 * Per-CPU variables of the reach test (near.c, far.c), shared by the
 * architectures whose fast path reaches only the start of the area: aarch64
 * (12-bit `ldr` immediate: 4 KiB), riscv64 (12-bit signed `%lo`: 2 KiB) and
 * armv7 (12-bit `ldr` immediate, and movw sites checked to the same 4 KiB).
 */
#ifndef TESTS_REACH_REACH_H
#define TESTS_REACH_REACH_H

#include "percpu/percpu.h"

/** Bytes of the area the near (one-instruction) form reaches. */
#if defined(__aarch64__)
#define REACH_NEAR_BYTES 4096
#elif defined(__riscv)
#define REACH_NEAR_BYTES 2048
#elif defined(__arm__)
#define REACH_NEAR_BYTES 4096
#else
#error "the reach test is for aarch64, riscv64 and armv7"
#endif

#define REACH_LOW_INIT 0x1111u
#define REACH_HIGH_INIT 0x2222u

/**
 * `name`'s value in the template's load image (the template itself is linked
 * at address 0, where there is no memory): what every new area starts with.
 */
#define REACH_TEMPLATE(type, name)                                             \
	(*(const type *) (__percpu_load_start + PERCPU_OFFSET(name)))

/** Within REACH_NEAR_BYTES of the area start (near.c). */
PERCPU_DECLARE(uint64_t, reach_low);
/** Past 4 KiB (far.c). */
PERCPU_DECLARE(uint16_t, reach_high);

#endif /* TESTS_REACH_REACH_H */
