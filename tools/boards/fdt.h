/*
 * The little the bare-metal test platforms (aarch64, riscv64) need from the
 * flattened device tree: the CPUs under /cpus and, for aarch64, the PSCI
 * conduit.
 */
#ifndef TESTS_PLATFORM_FDT_H
#define TESTS_PLATFORM_FDT_H

#include <stdint.h>

#include "tools/boards/platform.h"

/** What fdt_scan() found. */
struct fdt_cpus {
	/**
	 * `reg` of each enabled node under /cpus whose device_type is "cpu",
	 * in tree order: MPIDR affinity fields on aarch64, hart id on riscv64.
	 */
	uint64_t reg[PLAT_MAX_CPUS];
	/** Entries filled in reg. */
	unsigned int count;
	/** Enabled CPUs beyond the PLAT_MAX_CPUS that fit. */
	unsigned int dropped;
	/** /psci `method`: 1 "hvc", 0 "smc", -1 no PSCI node or method. */
	int psci_hvc;
};

/**
 * Reads /cpus and /psci from the tree at `fdt`. Returns 0, or -1 with *err
 * naming the problem (bad magic, truncated tree, a cpu without reg, no
 * enabled cpu, ...).
 */
int fdt_scan(const void *fdt, struct fdt_cpus *c, const char **err);

#endif /* TESTS_PLATFORM_FDT_H */
