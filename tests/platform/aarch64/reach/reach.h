/* Per-CPU variables of the aarch64 reach test (near.c, far.c). */
#ifndef TESTS_PLATFORM_AARCH64_REACH_REACH_H
#define TESTS_PLATFORM_AARCH64_REACH_REACH_H

#include "percpu/percpu.h"

#define REACH_LOW_INIT 0x1111u
#define REACH_HIGH_INIT 0x2222u

/**
 * `name`'s value in the template's load image (the template itself is linked
 * at address 0, where there is no memory): what every new area starts with.
 */
#define REACH_TEMPLATE(type, name)                                             \
	(*(const type *) (__percpu_load_start + PERCPU_OFFSET(name)))

/** In the first 4 KiB of the area (near.c). */
PERCPU_DECLARE(uint64_t, reach_low);
/** Past 4 KiB (far.c). */
PERCPU_DECLARE(uint16_t, reach_high);

#endif /* TESTS_PLATFORM_AARCH64_REACH_REACH_H */
