/*
 * hv_demo's run queue, shared by every demo: vCPUs (each on a per-vCPU area,
 * percpu/pervcpu.h) in a FIFO under a spinlock that every pCPU takes work
 * from, preferring a vCPU that last ran on another pCPU so that reschedules
 * migrate. Generic: no architecture code.
 */
#ifndef HV_DEMO_SCHED_H
#define HV_DEMO_SCHED_H

#include <stdint.h>

/** Test-and-set spinlock (a shared word, never per-CPU data). */
struct hv_spinlock {
	int locked;
};

void hv_spin_lock(struct hv_spinlock *l);
void hv_spin_unlock(struct hv_spinlock *l);

/** A vCPU as the run queue sees it. */
struct hv_vcpu {
	/** 0 .. vCPU count - 1. */
	unsigned int id;
	/** Its per-vCPU area (percpu/pervcpu.h). */
	void *area;
	/** Run queue link. */
	struct hv_vcpu *next;
	/**
	 * pCPU it last ran on (PERCPU_CPU_NONE: never) and how often that
	 * changed, tracked by hv_vcpu_ran_on() to check pervcpu_load()
	 * independently.
	 */
	unsigned int last_pcpu;
	uint64_t moves;
	/**
	 * Queued, but waiting for an interrupt (HV_NEXT_WAIT): taken only
	 * once the guest's ready test says it has something to do.
	 */
	int waiting;
};

/** Sets up `v` (never ran) for vCPU `id` on `area`. */
void hv_vcpu_init(struct hv_vcpu *v, unsigned int id, void *area);

/** Records that `v` was loaded on pCPU `cpu`. */
void hv_vcpu_ran_on(struct hv_vcpu *v, unsigned int cpu);

struct hv_runq {
	struct hv_spinlock lock;
	struct hv_vcpu *head;
	struct hv_vcpu *tail;
};

/** Which vCPU hv_runq_pop() may give pCPU `cpu`. */
enum hv_runq_policy {
	/** The first (a single pCPU: migration is impossible). */
	HV_RUNQ_ANY,
	/** The first that never ran or last ran elsewhere: every load
	 * migrates. */
	HV_RUNQ_MIGRATE,
	/**
	 * As HV_RUNQ_MIGRATE, else the first that already moved once: every
	 * vCPU migrates, whatever the host does to the emulator's threads,
	 * and after that any pCPU may run it.
	 */
	HV_RUNQ_MIGRATE_ONCE,
	/** Only vCPU n on pCPU n: vCPUs never move. */
	HV_RUNQ_PINNED,
};

/** Appends `v` (not queued) at the tail. */
void hv_runq_push(struct hv_runq *q, struct hv_vcpu *v);

/**
 * Removes and returns the vCPU `policy` picks for `cpu`, skipping waiting
 * vCPUs that `ready` does not accept; NULL if none.
 */
struct hv_vcpu *hv_runq_pop(struct hv_runq *q, unsigned int cpu,
			    enum hv_runq_policy policy,
			    int (*ready)(const struct hv_vcpu *));

#endif /* HV_DEMO_SCHED_H */
