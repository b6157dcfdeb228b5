/* x86_64 test platform: the CPUs, as the firmware's tables list them. */
#ifndef TESTS_PLATFORM_X86_64_CPUS_H
#define TESTS_PLATFORM_X86_64_CPUS_H

#include <stdint.h>

#include "tools/boards/platform.h"

/** Enabled CPUs found in the ACPI MADT or, failing that, the MP table. */
struct x86_cpus {
	/** Number of CPUs listed in apic_id (at most PLAT_MAX_CPUS). */
	unsigned int count;
	/** Enabled CPUs the table lists beyond PLAT_MAX_CPUS. */
	unsigned int dropped;
	/** Local APIC ids in table order. */
	uint32_t apic_id[PLAT_MAX_CPUS];
	/** Physical address of the local APIC registers. */
	uint64_t lapic_base;
	/** "ACPI MADT" or "MP table". */
	const char *source;
};

/**
 * Scans the BIOS areas for the ACPI RSDP (then RSDT/XSDT -> MADT) and, if
 * there is no usable MADT, for the MP floating pointer. Returns 0, or -1 if
 * neither lists a CPU. The low 1 MiB must be mapped.
 */
int x86_find_cpus(struct x86_cpus *cpus);

#endif /* TESTS_PLATFORM_X86_64_CPUS_H */
