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

/**
 * The machine the board runs on, for its plat_boot(): reads the tree at
 * `given` or, if there is none there, at `fallback` (where QEMU puts it for
 * ELF images), then moves the CPU whose reg is `self` (the boot CPU) to index
 * 0. Stops the run (PLAT_EXIT_BOOT) with the reason if either fails. Returns
 * the tree it read; *from is `given_name` or "start of RAM".
 */
const void *fdt_machine(struct fdt_cpus *c, const void *given,
			const char *given_name, const void *fallback,
			uint64_t self, const char **from);

/**
 * Logical index of the CPU whose reg is `self`; stops the run
 * (PLAT_EXIT_BOOT) if the tree does not list it.
 */
unsigned int fdt_cpu_index(const struct fdt_cpus *c, uint64_t self);

#endif /* TESTS_PLATFORM_FDT_H */
