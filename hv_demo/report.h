/*
 * hv_demo's generic parts: fatal checks, the console lock, and the closing
 * table with its consistency checks. No architecture code.
 */
#ifndef HV_DEMO_REPORT_H
#define HV_DEMO_REPORT_H

#include <stdbool.h>
#include <stdint.h>

/** Stops the demo with a failure verdict, naming the file and line. */
__attribute__((noreturn)) void hv_fatal(const char *file, int line,
					const char *what);

/** Invariant that, if broken, makes the rest of the run meaningless. */
#define HV_CHECK(cond)                                                         \
	do {                                                                   \
		if (!(cond))                                                   \
			hv_fatal(__FILE__, __LINE__, #cond);                   \
	} while (0)

/** Spin-wait hint. */
static inline void hv_cpu_relax(void)
{
#if defined(__x86_64__)
	__asm__ volatile("pause");
#elif defined(__aarch64__)
	__asm__ volatile("yield");
#endif
}

/** Serialises console output between pCPUs (hv_lock_console/unlock). */
void hv_lock_console(void);
void hv_unlock_console(void);

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

/** Prints one check line "  [ok] what" / "  [FAIL] what"; returns ok. */
bool hv_check(bool ok, const char *what);

/**
 * Prints the pCPU and vCPU tables and the generic consistency checks: exit
 * totals agree, every result is right, no host per-CPU value was disturbed,
 * no guest check failed, every reschedule migrated. Returns the number of
 * failed checks; the caller adds its own with hv_check().
 */
int hv_report(const struct hv_pcpu_row *pcpu, unsigned int npcpu,
	      const struct hv_vcpu_row *vcpu, unsigned int nvcpu);

#endif /* HV_DEMO_REPORT_H */
