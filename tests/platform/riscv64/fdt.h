/* The little the riscv64 test platform needs from the flattened device tree. */
#ifndef TESTS_PLATFORM_RISCV64_FDT_H
#define TESTS_PLATFORM_RISCV64_FDT_H

#include <stdint.h>

#include "tests/platform/platform.h"

/** What fdt_scan_harts() found. */
struct fdt_harts {
	/** Hart id (reg) of each enabled /cpus/cpu@N, in tree order. */
	uint64_t hartid[PLAT_MAX_CPUS];
	/** Entries filled in hartid. */
	unsigned int count;
	/** Enabled harts beyond the PLAT_MAX_CPUS that fit. */
	unsigned int dropped;
};

/**
 * Reads /cpus from the tree at `fdt`. Returns 0, or -1 with *err naming the
 * problem (bad magic, truncated tree, a cpu without reg, ...).
 */
int fdt_scan_harts(const void *fdt, struct fdt_harts *h, const char **err);

#endif /* TESTS_PLATFORM_RISCV64_FDT_H */
