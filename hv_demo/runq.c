/* The shared run queue (see runq.h). */
#include "hv_demo/runq.h"

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

struct hv_vcpu *hv_runq_pop(struct hv_runq *q, unsigned int cpu)
{
	struct hv_vcpu **link, *prev = NULL, *v;

	hv_spin_lock(&q->lock);
	for (link = &q->head; *link != NULL; link = &(*link)->next) {
		if (pervcpu_last_cpu((*link)->area) != cpu)
			break;
		prev = *link;
	}
	if (*link == NULL) {
		/* Every queued vCPU last ran here (or none is queued). */
		link = &q->head;
		prev = NULL;
	}
	v = *link;
	if (v != NULL) {
		*link = v->next;
		if (q->tail == v)
			q->tail = prev;
		v->next = NULL;
	}
	hv_spin_unlock(&q->lock);
	return v;
}
