/* hv_demo's shared run queue. */
#include "hv_demo/runq.h"

#include "hv_demo/report.h"
#include "percpu/pervcpu.h"

static void lock(int *l)
{
	while (__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE))
		hv_cpu_relax();
}

static void unlock(int *l)
{
	__atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

void hv_runq_push(struct hv_runq *q, void *area)
{
	lock(&q->lock);
	HV_CHECK(q->count < HV_RUNQ_MAX);
	q->slot[(q->head + q->count++) % HV_RUNQ_MAX] = area;
	unlock(&q->lock);
}

void *hv_runq_pop_migrating(struct hv_runq *q, unsigned int cpu)
{
	void *found = NULL;
	unsigned int i;

	lock(&q->lock);
	for (i = 0; i < q->count; i++) {
		unsigned int at = (q->head + i) % HV_RUNQ_MAX;

		if (pervcpu_last_cpu(q->slot[at]) == cpu)
			continue;
		found = q->slot[at];
		/* Close the gap: shift the older entries up by one. */
		for (; i > 0; i--)
			q->slot[(q->head + i) % HV_RUNQ_MAX] =
				q->slot[(q->head + i - 1) % HV_RUNQ_MAX];
		q->head = (q->head + 1) % HV_RUNQ_MAX;
		q->count--;
		break;
	}
	unlock(&q->lock);
	return found;
}
