/*
 * Host-only cases: POSIX threads act as CPUs (each thread has its own
 * register: GS base on x86_64, the thread-local stand-in on aarch64).
 */
#include <pthread.h>
#include <sched.h>

#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"
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

static unsigned int inherited_id, own_id;
static int inherited_reported;

/** A thread that never called percpu_init_cpu(), then one that did. */
static void *new_thread(void *arg)
{
	(void) arg;
	inherited_id = percpu_cpu_id();
	ptest_capture_begin();
	percpu_debug_access(&PERCPU_SYM(h_counter));
	inherited_reported = ptest_captured(
		"this_cpu access to h_counter",
		"before percpu_init_cpu() on this CPU (register unset");
	ptest_capture_end();
	own_id = percpu_init_cpu(1) == 0 ? percpu_cpu_id() : PERCPU_CPU_NONE;
	return NULL;
}

/*
 * A thread does not inherit its creator's CPU (on hosted x86_64 it does
 * inherit the GS base): until it calls percpu_init_cpu() it has no CPU, and
 * debug checks report its accesses (audit item 2).
 */
PTEST(new_thread_has_no_cpu_until_init_cpu)
{
	pthread_t thread;

	PT_SKIP_IF(ARCH_PERCPU_SINGLE, "needs several areas");
	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 2);
	PT_ASSERT_EQ(percpu_init_cpu(0), 0);
	pthread_create(&thread, NULL, new_thread, NULL);
	pthread_join(thread, NULL);
	PT_EXPECT_EQ(inherited_id, PERCPU_CPU_NONE);
	PT_EXPECT_TRUE(inherited_reported);
	PT_EXPECT_EQ(own_id, 1);
	PT_EXPECT_EQ(percpu_cpu_id(), 0);
}

#define HP_READERS 3
#define HP_ROUNDS 100

PERCPU_DEFINE(uint64_t, h_stable) = 0x1234567812345678ull;

static int hp_stop;
static unsigned long hp_bad, hp_reads, hp_passes;

/** Sums every online CPU's h_stable under the hotplug read lock. */
static void *hp_reader(void *arg)
{
	unsigned long bad = 0, reads = 0;

	(void) arg;
	while (!__atomic_load_n(&hp_stop, __ATOMIC_ACQUIRE)) {
		unsigned int rd = percpu_hotplug_read_lock();
		unsigned int cpu;

		percpu_for_each_online_cpu(cpu)
		{
			const volatile uint64_t *p = per_cpu_ptr(h_stable, cpu);
			unsigned int k;

			/* A reader that works on the copy for a while. */
			for (k = 0; p != NULL && k < 256; k++) {
				reads++;
				if (*p != 0x1234567812345678ull)
					bad++;
			}
		}
		percpu_hotplug_read_unlock(rd);
		__atomic_fetch_add(&hp_passes, 1, __ATOMIC_RELAXED);
	}
	__atomic_fetch_add(&hp_bad, bad, __ATOMIC_RELAXED);
	__atomic_fetch_add(&hp_reads, reads, __ATOMIC_RELAXED);
	return NULL;
}

/*
 * Readers summing over the online CPUs never see poison while another
 * thread takes CPUs offline and back (audit item 11; under TSan too).
 */
PTEST(hotplug_readers_never_see_poison)
{
	pthread_t readers[HP_READERS];
	unsigned int i;

	PT_SKIP_IF(ARCH_PERCPU_SINGLE, "needs several areas");
	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 4);
	hp_stop = 0;
	hp_bad = hp_reads = hp_passes = 0;
	for (i = 0; i < HP_READERS; i++)
		pthread_create(&readers[i], NULL, hp_reader, NULL);
	/* At least HP_ROUNDS offline/online pairs and 100 reader passes. */
	for (i = 0; i < HP_ROUNDS ||
		    __atomic_load_n(&hp_passes, __ATOMIC_RELAXED) < 100;
	     i++) {
		unsigned int cpu = 1 + i % 3;

		PT_ASSERT_EQ(percpu_cpu_offline(cpu), 0);
		sched_yield(); /* the poison stays a while */
		PT_ASSERT_EQ(percpu_cpu_online(cpu), 0);
	}
	__atomic_store_n(&hp_stop, 1, __ATOMIC_RELEASE);
	for (i = 0; i < HP_READERS; i++)
		pthread_join(readers[i], NULL);
	PT_EXPECT_EQ(hp_bad, 0);
	PT_EXPECT_TRUE(hp_reads > 0);
}

static int dyn_race_stop;

/** Flips the pending dynamic size while percpu_init() runs. */
static void *dyn_flipper(void *arg)
{
	size_t big = (size_t) (uintptr_t) arg;
	unsigned int i = 0;

	while (!__atomic_load_n(&dyn_race_stop, __ATOMIC_ACQUIRE))
		percpu_set_dyn_size(i++ % 2 ? big : 0);
	return NULL;
}

/*
 * percpu_set_dyn_size() racing percpu_init(): the areas are always sized and
 * laid out with one value, inside the reservation (audit item 7).
 */
PTEST(set_dyn_size_races_init_safely)
{
	size_t reserve =
		(size_t) (__percpu_reserve_end - __percpu_reserve_start);
	unsigned int round;

	PT_SKIP_IF(ARCH_PERCPU_SINGLE, "needs several areas");
	for (round = 0; round < 300; round++) {
		pthread_t flipper;
		int n;

		percpu_test_reset();
		dyn_race_stop = 0;
		/* Big enough that only one area fits with it. */
		pthread_create(&flipper, NULL, dyn_flipper,
			       (void *) (uintptr_t) (reserve / 2));
		n = percpu_init(NULL, 0);
		__atomic_store_n(&dyn_race_stop, 1, __ATOMIC_RELEASE);
		pthread_join(flipper, NULL);
		PT_ASSERT_TRUE(n >= 1);
		PT_ASSERT_TRUE((size_t) n * percpu_layout.stride <= reserve);
		PT_ASSERT_EQ(percpu_layout.dyn_size, percpu_dyn_size());
		PT_ASSERT_EQ(percpu_check(), 0);
	}
}
