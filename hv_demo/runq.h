/*
 * hv_demo's shared run queue: a FIFO of vCPU areas (percpu/pervcpu.h) that
 * every pCPU takes work from. Generic: no architecture code.
 */
#ifndef HV_DEMO_RUNQ_H
#define HV_DEMO_RUNQ_H

#define HV_RUNQ_MAX 64

/** FIFO of vCPU areas, protected by a spinlock. */
struct hv_runq {
	int lock;
	unsigned int head;
	unsigned int count;
	void *slot[HV_RUNQ_MAX];
};

/** Appends vCPU area `area` (the queue never holds more than HV_RUNQ_MAX). */
void hv_runq_push(struct hv_runq *q, void *area);

/**
 * Removes and returns the oldest vCPU area that did not last run on pCPU
 * `cpu` (pervcpu_last_cpu()), so that every reschedule migrates the vCPU;
 * NULL if there is none.
 */
void *hv_runq_pop_migrating(struct hv_runq *q, unsigned int cpu);

#endif /* HV_DEMO_RUNQ_H */
