/*
 * The 64 KiB per-CPU array of the large-area test. It is defined in its own
 * file (large_area_big.c): the linker sorts the template's input sections by
 * alignment, largest first, so this 64-aligned section lands before the
 * section holding large_area_cases.c's scalars (alignment 8), which thereby
 * lie past 64 KiB. Within one file the compiler picks the order.
 */
#ifndef TESTS_LARGE_LARGE_AREA_H
#define TESTS_LARGE_LARGE_AREA_H

#include <stdint.h>

#include "percpu/percpu.h"

#define BIG_BYTES (64u * 1024u)

struct big {
	_Alignas(64) uint8_t bytes[BIG_BYTES];
};

PERCPU_DECLARE(struct big, lg_big);

#endif /* TESTS_LARGE_LARGE_AREA_H */
