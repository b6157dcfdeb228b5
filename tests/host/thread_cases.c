/*
 * Host-only cases: POSIX threads act as CPUs (each thread has its own
 * register: GS base on x86_64, the thread-local stand-in on aarch64).
 */
#include <pthread.h>

#include "percpu/percpu.h"
#include "tests/harness/ptest.h"

#define THREADS 8
#define INCS 200000

PERCPU_DEFINE(uint64_t, h_counter) = 1000;
PERCPU_DEFINE(uint32_t, h_id) = 0xffffffffu;

static pthread_barrier_t barrier;
static int init_results[THREADS];

/** One "CPU": takes its area, then hammers its own counter. */
static void *hammer(void *arg)
{
	unsigned int cpu = (unsigned int) (uintptr_t) arg;
	int i;

	if (percpu_init_cpu(cpu) != 0)
		return (void *) 1;
	this_cpu_write(h_id, cpu);
	pthread_barrier_wait(&barrier);
	for (i = 0; i < INCS; i++) {
		this_cpu_inc(h_counter);
		if (i % 1000 == 0)
			this_cpu_add(h_counter, 3);
	}
	return percpu_cpu_id() == cpu && this_cpu_read(h_id) == cpu
		       ? NULL
		       : (void *) 1;
}

PTEST(threads_hammer_their_own_counters)
{
	pthread_t threads[THREADS];
	unsigned int cpu;

	PT_SKIP_IF(ARCH_PERCPU_SINGLE, "needs several areas");
	PT_ASSERT_EQ(percpu_init(NULL, THREADS), THREADS);
	pthread_barrier_init(&barrier, NULL, THREADS);
	for (cpu = 0; cpu < THREADS; cpu++)
		pthread_create(&threads[cpu], NULL, hammer,
			       (void *) (uintptr_t) cpu);
	for (cpu = 0; cpu < THREADS; cpu++) {
		void *ret;

		pthread_join(threads[cpu], &ret);
		PT_EXPECT_EQ(ret, NULL);
	}
	pthread_barrier_destroy(&barrier);
	for (cpu = 0; cpu < THREADS; cpu++) {
		PT_EXPECT_EQ(*per_cpu_ptr(h_counter, cpu),
			     1000 + INCS + 3 * (INCS / 1000));
		PT_EXPECT_EQ(*per_cpu_ptr(h_id, cpu), cpu);
	}
}

/** Races percpu_init against the other threads. */
static void *race_init(void *arg)
{
	unsigned int i = (unsigned int) (uintptr_t) arg;

	pthread_barrier_wait(&barrier);
	init_results[i] = percpu_init(NULL, 4);
	return NULL;
}

PTEST(concurrent_first_init_is_safe)
{
	pthread_t threads[THREADS];
	unsigned int i;
	int winners = 0;

	pthread_barrier_init(&barrier, NULL, THREADS);
	for (i = 0; i < THREADS; i++)
		pthread_create(&threads[i], NULL, race_init,
			       (void *) (uintptr_t) i);
	for (i = 0; i < THREADS; i++)
		pthread_join(threads[i], NULL);
	pthread_barrier_destroy(&barrier);
	for (i = 0; i < THREADS; i++) {
		int expected_win = ARCH_PERCPU_SINGLE ? -PERCPU_ENOSPC : 4;

		if (init_results[i] == expected_win)
			winners++;
		else
			PT_EXPECT_EQ(init_results[i], -PERCPU_EALREADY);
	}
	PT_EXPECT_EQ(winners, ARCH_PERCPU_SINGLE ? THREADS : 1);
	PT_EXPECT_EQ(percpu_area_num(), ARCH_PERCPU_SINGLE ? 0 : 4);
}
