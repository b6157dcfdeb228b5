/*
 * The host stress engine: one thread per "CPU" (more threads than cores),
 * this_cpu_* operations and dynamic allocations on each, a thread moving the
 * workers between cores with sched_setaffinity, and a thread taking a spare
 * CPU offline and back; totals are checked exactly at the end.
 */
#ifndef TESTS_HOST_STRESS_H
#define TESTS_HOST_STRESS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct stress_params {
	/** Worker threads, one CPU each (a spare CPU is added for hotplug). */
	unsigned int workers;
	/** this_cpu_* rounds per worker (each round is 6 operations). */
	uint64_t iterations;
	/** One allocation (and usually one free) every this many rounds. */
	unsigned int alloc_every;
};

struct stress_result {
	uint64_t percpu_ops;
	uint64_t allocs;
	uint64_t hotplug_cycles;
	uint64_t affinity_changes;
	uint64_t migrations;
	/** Failed checks; each is also printed to stderr. */
	uint64_t errors;
	double seconds;
};

/**
 * Runs the stress (percpu must not be initialised; it is afterwards).
 * Returns 0 if every check held.
 */
int stress_run(const struct stress_params *params,
	       struct stress_result *result);

#ifdef __cplusplus
}
#endif

#endif /* TESTS_HOST_STRESS_H */
