/*
 * hv_demo's generic output: fatal checks, table cells and check lines,
 * shared by every demo (the console lock is plat_console_lock()). No
 * architecture code.
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

/**
 * Prints `v` in decimal, right-aligned in `width` columns (table cells).
 */
void hv_put_dec(uint64_t v, unsigned int width);

/**
 * Starts a check line: "  [ok]   what" or "  [FAIL] what"; the caller
 * prints any details and the newline. Counts it for hv_checks_done().
 * Returns ok.
 */
bool hv_check(bool ok, const char *what);

/**
 * Prints "hv_demo: N/M checks passed" over every hv_check() so far; returns
 * the number that failed.
 */
unsigned int hv_checks_done(void);

/** What the closing table shows for one pCPU. */
struct hv_pcpu_row {
	/** VM exits handled, counted in per-CPU data (this_cpu_inc). */
	uint64_t exits;
	/** Of those, hypercalls and timer preemptions. */
	uint64_t hypercalls;
	uint64_t preempts;
	/** vCPU loads (pervcpu_load()) on this pCPU. */
	uint64_t loads;
	/**
	 * Counted by hand, outside per-CPU data (a broken per-CPU register
	 * cannot hide its own damage): the exits `exits` must equal, the exits
	 * after which host state was checked, and those that found it broken.
	 */
	uint64_t hand_exits;
	uint64_t host_checked;
	uint64_t host_bad;
	/** First broken host state: what, the value found, the one expected. */
	const char *what;
	uint64_t found;
	uint64_t expected;
};

/** What the closing table shows for one vCPU. */
struct hv_vcpu_row {
	/** VM exits and timer preemptions of this vCPU (per-vCPU data). */
	uint64_t exits;
	uint64_t preempts;
	/** Loads; those pervcpu_load() reported as migrations. */
	uint64_t loads;
	uint64_t migrations;
	/** pCPU changes the hypervisor saw itself (struct hv_vcpu.moves). */
	uint64_t moves;
	/** Bit n: ran on pCPU n. */
	uint32_t pcpus;
	/** Finished; its result is right (and every step it reported). */
	bool done;
	bool right;
	uint64_t result;
	/** Steps the hypervisor found wrong, and guest-owned state changes. */
	uint64_t step_errors;
	uint64_t guest_errors;
	/** Syndrome and pc of a fault or unknown exit; 0 if none. */
	uint64_t fault;
	uint64_t fault_pc;
};

/** Everything the closing table shows. */
struct hv_table {
	/** "aarch64 EL2 (QEMU virt), ..." */
	const char *machine;
	/** The work each guest does: `steps` times `step_name`. */
	unsigned int steps;
	const char *step_name;
	/** What the host checks after every exit, and the guest-owned state. */
	const char *host_checks;
	const char *guest_state;
	unsigned int npcpu;
	unsigned int nvcpu;
	const struct hv_pcpu_row *pcpu;
	const struct hv_vcpu_row *vcpu;
};

/**
 * Prints the pCPU and vCPU tables and the consistency checks (hv_check()):
 * exit and preemption totals agree, per-CPU counters match the hand counts,
 * host state intact after every exit, every result right, guest-owned state
 * preserved, migrations reported == pCPU changes seen.
 */
void hv_table_print(const struct hv_table *t);

#endif /* HV_DEMO_REPORT_H */
