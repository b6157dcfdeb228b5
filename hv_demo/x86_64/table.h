/* The x86_64 demo's closing table and its consistency checks. */
#ifndef HV_DEMO_X86_64_TABLE_H
#define HV_DEMO_X86_64_TABLE_H

#include <stdint.h>

/** What the closing table shows for one pCPU. */
struct hv_pcpu_row {
	/** VM exits handled on this pCPU (its per-CPU counter). */
	uint64_t exits;
	/** Exits after which a host per-CPU value was wrong. */
	uint64_t host_errors;
};

/** What the closing table shows for one vCPU. */
struct hv_vcpu_row {
	/** VM exits of this vCPU (its per-vCPU counter). */
	uint64_t exits;
	/** Loads on a pCPU other than the previous one (pervcpu_load() == 1).
	 */
	uint64_t migrations;
	/** Times it was scheduled (loaded) on some pCPU. */
	uint64_t loads;
	/** The guest's own result, and what it must be. */
	uint64_t result;
	uint64_t expected;
	/** Failed checks the guest itself made (its GS base, ...). */
	uint64_t guest_errors;
};

/**
 * Prints the pCPU and vCPU tables and the consistency checks (hv_check()):
 * exit totals agree, every result is right, no host per-CPU value was
 * disturbed, no guest check failed, every reschedule migrated.
 */
void x86_table(const struct hv_pcpu_row *pcpu, unsigned int npcpu,
	       const struct hv_vcpu_row *vcpu, unsigned int nvcpu);

#endif /* HV_DEMO_X86_64_TABLE_H */
