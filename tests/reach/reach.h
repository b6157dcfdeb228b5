/*
 * Per-CPU variables of the reach test (near.c, far.c), shared by the
 * architectures whose fast path reaches only the start of the area: aarch64
 * (12-bit `ldr` immediate: 4 KiB), riscv64 (12-bit signed `%lo`: 2 KiB) and
 * armv7 (12-bit `ldr` immediate, movw sites checked to the same 4 KiB).
 */
#ifndef TESTS_REACH_REACH_H
#define TESTS_REACH_REACH_H

#include "percpu/percpu.h"

/*
 * REACH_NEAR_BYTES: bytes of the area the near (one-instruction) form
 * reaches; the backend's registry row (tools/platforms/registry.bzl) sets it
 * through reach.bzl.
 */
#ifndef REACH_NEAR_BYTES
#error "the reach test is for backends with a near reach (reach.bzl)"
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
