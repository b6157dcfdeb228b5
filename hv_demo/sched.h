/*
 * The run queue every pCPU takes vCPUs from: a FIFO under a spinlock. A pCPU
 * takes the first vCPU that last ran on another pCPU; one that last ran here
 * only once it has moved at least once. So every vCPU migrates, whatever the
 * host does to the emulator's threads, and after that any pCPU may run it.
 */
#ifndef HV_DEMO_SCHED_H
#define HV_DEMO_SCHED_H

#include "hv_demo/hv.h"

/** Test-and-set spinlock (a shared word, never per-CPU data). */
struct hv_spinlock {
	int locked;
};

void hv_spin_lock(struct hv_spinlock *l);
void hv_spin_unlock(struct hv_spinlock *l);

struct hv_runq {
	struct hv_spinlock lock;
	struct hv_vcpu *head;
	struct hv_vcpu *tail;
};

/** Appends `v` (not queued) at the tail. */
void hv_runq_push(struct hv_runq *q, struct hv_vcpu *v);

/**
 * Removes and returns the first vCPU that last ran on a pCPU other than
 * `cpu` (or never ran), else the first one that already moved (or any, if
 * `cpu` is the only pCPU, `single`); NULL if none qualifies.
 */
struct hv_vcpu *hv_runq_pop(struct hv_runq *q, unsigned int cpu, int single);

#endif /* HV_DEMO_SCHED_H */
