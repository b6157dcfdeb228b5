/* The little the aarch64 test platform needs from the flattened device tree. */
#ifndef TESTS_PLATFORM_AARCH64_FDT_H
#define TESTS_PLATFORM_AARCH64_FDT_H

#include <stdint.h>

#include "tests/platform/platform.h"

/** What fdt_scan() found. */
struct fdt_machine {
	/** MPIDR (affinity fields) of each enabled /cpus/cpu@N, in tree order.
	 */
	uint64_t cpu_mpidr[PLAT_MAX_CPUS];
	/** Entries filled in cpu_mpidr. */
	unsigned int cpu_count;
	/** CPU nodes beyond the PLAT_MAX_CPUS that fit. */
	unsigned int cpus_dropped;
	/** /psci `method`: 1 "hvc", 0 "smc", -1 no PSCI node or method. */
	int psci_hvc;
};

/**
 * Reads /cpus and /psci from the tree at `fdt`. Returns 0, or a negative
 * value with *err naming the problem (bad magic, truncated tree, ...).
 */
int fdt_scan(const void *fdt, struct fdt_machine *m, const char **err);

#endif /* TESTS_PLATFORM_AARCH64_FDT_H */
