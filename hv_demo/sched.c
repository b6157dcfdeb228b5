/* The shared run queue (see sched.h). */
#include "hv_demo/sched.h"

#include <stddef.h>

#include "percpu/percpu.h"
#include "tools/boards/platform.h"

void hv_spin_lock(struct hv_spinlock *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE) != 0) {
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED) != 0)
			plat_cpu_relax();
	}
}

void hv_spin_unlock(struct hv_spinlock *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

void hv_vcpu_init(struct hv_vcpu *v, unsigned int id, void *area)
{
	v->id = id;
	v->area = area;
	v->next = NULL;
	v->last_pcpu = PERCPU_CPU_NONE;
	v->moves = 0;
	v->waiting = 0;
}

void hv_vcpu_ran_on(struct hv_vcpu *v, unsigned int cpu)
{
	if (v->last_pcpu != PERCPU_CPU_NONE && v->last_pcpu != cpu)
		v->moves++;
	v->last_pcpu = cpu;
}

void hv_runq_push(struct hv_runq *q, struct hv_vcpu *v)
{
	hv_spin_lock(&q->lock);
	v->next = NULL;
	if (q->tail != NULL)
		q->tail->next = v;
	else
		q->head = v;
	q->tail = v;
	hv_spin_unlock(&q->lock);
}

/**
 * Finds the first queued vCPU that `ok` accepts and is not waiting (or
 * `ready`); sets *prev to its predecessor.
 */
static struct hv_vcpu **find(struct hv_runq *q, struct hv_vcpu **prev,
			     int (*ok)(const struct hv_vcpu *, unsigned int),
			     unsigned int cpu,
			     int (*ready)(const struct hv_vcpu *))
{
	struct hv_vcpu **link;

	*prev = NULL;
	for (link = &q->head; *link != NULL; link = &(*link)->next) {
		if (ok(*link, cpu) && (!(*link)->waiting || ready(*link)))
			break;
		*prev = *link;
	}
	return link;
}

static int ran_elsewhere(const struct hv_vcpu *v, unsigned int cpu)
{
	return v->last_pcpu != cpu;
}

static int has_moved(const struct hv_vcpu *v, unsigned int cpu)
{
	(void) cpu;
	return v->moves != 0;
}

static int pinned(const struct hv_vcpu *v, unsigned int cpu)
{
	return v->id == cpu;
}

static int any(const struct hv_vcpu *v, unsigned int cpu)
{
	(void) v;
	(void) cpu;
	return 1;
}

struct hv_vcpu *hv_runq_pop(struct hv_runq *q, unsigned int cpu,
			    enum hv_runq_policy policy,
			    int (*ready)(const struct hv_vcpu *))
{
	struct hv_vcpu **link, *prev, *v;

	hv_spin_lock(&q->lock);
	link = find(q, &prev,
		    policy == HV_RUNQ_ANY      ? any
		    : policy == HV_RUNQ_PINNED ? pinned
					       : ran_elsewhere,
		    cpu, ready);
	if (*link == NULL && policy == HV_RUNQ_MIGRATE_ONCE)
		link = find(q, &prev, has_moved, cpu, ready);
	v = *link;
	if (v != NULL) {
		v->waiting = 0;
		*link = v->next;
		if (q->tail == v)
			q->tail = prev;
		v->next = NULL;
	}
	hv_spin_unlock(&q->lock);
	return v;
}
