/*
 * The stress test: more "CPU" threads than cores, millions of this_cpu_*
 * operations and tens of thousands of dynamic allocations, exact totals.
 * PERCPU_STRESS_ITERATIONS overrides the rounds per thread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tests/host/stress.h"

int main(void)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	const char *env = getenv("PERCPU_STRESS_ITERATIONS");
	struct stress_params p = {0};
	struct stress_result r;
	int rc;

	p.workers = cores > 0 && cores * 2 + 1 > 8
			    ? (unsigned int) cores * 2 + 1
			    : 8;
	p.iterations = env != NULL ? strtoull(env, NULL, 0) : 4000000;
	p.alloc_every = 32;
	rc = stress_run(&p, &r);
	printf("stress: %u threads on %ld cores, %llu this_cpu ops, %llu "
	       "allocations, %llu hotplug cycles, %llu affinity changes, %llu "
	       "migrations seen, %.2f s: %s (%llu errors)\n",
	       p.workers, cores, (unsigned long long) r.percpu_ops,
	       (unsigned long long) r.allocs,
	       (unsigned long long) r.hotplug_cycles,
	       (unsigned long long) r.affinity_changes,
	       (unsigned long long) r.migrations, r.seconds,
	       rc == 0 ? "PASS" : "FAIL", (unsigned long long) r.errors);
	return rc == 0 ? 0 : 1;
}
