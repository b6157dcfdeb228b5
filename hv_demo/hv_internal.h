/* hv_demo's statistics: counted by hv.c, read by table.c and the architectures'
 * report lines. */
#ifndef HV_DEMO_HV_INTERNAL_H
#define HV_DEMO_HV_INTERNAL_H

#include "hv_demo/hv.h"

/** Exits a vCPU may take before it goes back to the run queue. */
#define HV_SLICE_EXITS 2

/** Per-pCPU exit statistics (PERCPU_DEFINE in hv.c). */
PERCPU_DECLARE(uint64_t, hv_exits);
PERCPU_DECLARE(uint64_t, hv_hypercalls);
PERCPU_DECLARE(uint64_t, hv_preempts);
PERCPU_DECLARE(uint64_t, hv_irqs);
PERCPU_DECLARE(uint64_t, hv_wfis);
PERCPU_DECLARE(uint64_t, hv_mmios);
PERCPU_DECLARE(uint64_t, hv_loads);

/** Per-vCPU statistics and results (PERVCPU_DEFINE in hv.c). */
struct hv_vcpu_stats {
	uint64_t exits;
	uint64_t preempts;
	/** Loads, and those pervcpu_load() said came from another pCPU. */
	uint64_t loads;
	uint64_t migrations;
	/** Bit n % 64 of word n / 64: ran on pCPU n. */
	uint64_t pcpus[(HV_MAX_PCPUS + 63) / 64];
};
PERVCPU_DECLARE(struct hv_vcpu_stats, hv_vstats);
PERVCPU_DECLARE(unsigned int, hv_vcpu_id);

/** Whether the vCPU with statistics `s` ran on pCPU `cpu`. */
static inline int hv_vstats_ran_on(const struct hv_vcpu_stats *s,
				   unsigned int cpu)
{
	return (s->pcpus[cpu / 64] >> (cpu % 64)) & 1;
}

/** How many pCPUs the vCPU with statistics `s` ran on. */
static inline unsigned int hv_pcpus_used(const struct hv_vcpu_stats *s)
{
	unsigned int n = 0, w;

	/* Bit by bit: the images link no libgcc (no __popcountdi2). */
	for (w = 0; w < sizeof(s->pcpus) / sizeof(s->pcpus[0]); w++) {
		uint64_t bits;

		for (bits = s->pcpus[w]; bits != 0; bits &= bits - 1)
			n++;
	}
	return n;
}

/**
 * What the hypervisor learns about each pCPU without per-CPU data (plain
 * arrays indexed by the hardware's CPU index), so that a broken per-CPU
 * register cannot hide its own damage.
 */
struct hv_pcpu_record {
	/** Exits this pCPU handled, and those after which host state was bad.
	 */
	uint64_t exits;
	uint64_t bad_exits;
	/** First failure: what was wrong, the value found, the one expected. */
	const char *what;
	uint64_t found;
	uint64_t expected;
};

/** Everything hv_init() created and the pCPUs share. */
struct hv_state {
	unsigned int pcpu_count;
	unsigned int vcpu_count;
	/** How pCPUs take vCPUs (the guest's choice). */
	enum hv_runq_policy policy;
	struct hv_vcpu vcpus[HV_MAX_VCPUS];
	struct hv_pcpu_record pcpu[HV_MAX_PCPUS];
	/** pCPUs in hv_pcpu_loop(), vCPUs finished, pCPUs out of the loop. */
	unsigned int online;
	unsigned int done;
	unsigned int idle;
	/** Set when a pCPU found its own state broken: everyone stops. */
	int aborted;
	/** Set when the guest turned the machine off: everyone stops. */
	int shutdown;
};
extern struct hv_state hv_state;

/** Host canary value pCPU `cpu` keeps in its per-CPU data. */
static inline uint64_t hv_canary(unsigned int cpu)
{
	return 0xc0ffee0000000000ull | cpu;
}

#endif /* HV_DEMO_HV_INTERNAL_H */
