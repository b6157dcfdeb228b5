/* The host stress engine (see stress.h). */
#define _GNU_SOURCE
#include "tests/host/stress.h"

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "percpu/percpu.h"

PERCPU_DEFINE(uint64_t, st_inc) = 1000;
PERCPU_DEFINE(uint64_t, st_add) = 7;
PERCPU_DEFINE(uint8_t, st_u8) = 200;
PERCPU_DEFINE(uint32_t, st_cas) = 0;
PERCPU_DEFINE(uint16_t, st_dec) = 0xffff;

/** Live dynamic objects per worker. */
#define SLOTS 16
/** Largest object a worker allocates. */
#define MAX_OBJ 256
/** Dynamic region: every worker's slots at worst alignment, twice over. */
#define DYN_BYTES(workers) ((size_t) (workers) *SLOTS * (MAX_OBJ + 64) * 2)

struct slot {
	percpu_handle_t handle;
	size_t size;
	uint8_t fill;
};

struct worker {
	pthread_t thread;
	unsigned int cpu;
	int tid; /* atomic: 0 until the thread runs */
	const struct stress_params *params;
	percpu_handle_t counter;
	struct slot slots[SLOTS];
	uint64_t allocs;
	uint64_t migrations;
	uint64_t errors;
};

static int done; /* atomic: workers finished */

/** The areas of the last run; percpu uses them until the next one. */
static void *areas;

#define CHECK(w, cond)                                                         \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "stress: %s:%d: %s failed\n",          \
				__FILE__, __LINE__, #cond);                    \
			(w)->errors++;                                         \
		}                                                              \
	} while (0)

/** xorshift64: cheap, deterministic per thread. */
static uint64_t next_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

/** Frees slot `s` after checking its bytes on this CPU. */
static void drop_slot(struct worker *w, struct slot *s)
{
	const uint8_t *p = (const uint8_t *) this_cpu_dyn_ptr(s->handle);
	size_t i;

	for (i = 0; i < s->size; i++) {
		if (p[i] != s->fill) {
			CHECK(w, p[i] == s->fill);
			break;
		}
	}
	CHECK(w, percpu_free(s->handle) == 0);
	s->handle = PERCPU_HANDLE_NONE;
}

/** Fills slot `s` with a new object, checking it arrives zeroed. */
static void fill_slot(struct worker *w, struct slot *s, uint64_t *rnd)
{
	size_t size = 1 + next_random(rnd) % MAX_OBJ;
	size_t align = (size_t) 1 << (next_random(rnd) % 7);
	uint8_t *p;
	size_t i;

	s->handle = percpu_alloc(size, align);
	CHECK(w, s->handle != PERCPU_HANDLE_NONE);
	if (s->handle == PERCPU_HANDLE_NONE)
		return;
	w->allocs++;
	p = (uint8_t *) this_cpu_dyn_ptr(s->handle);
	CHECK(w, p == per_cpu_dyn_ptr(s->handle, w->cpu));
	CHECK(w, (uintptr_t) p % align == 0);
	for (i = 0; i < size; i++) {
		if (p[i] != 0) {
			CHECK(w, p[i] == 0);
			break;
		}
	}
	s->size = size;
	s->fill = (uint8_t) next_random(rnd);
	memset(p, s->fill, size);
}

static void *worker_main(void *arg)
{
	struct worker *w = (struct worker *) arg;
	uint64_t iterations = w->params->iterations;
	unsigned int every = w->params->alloc_every;
	uint64_t rnd = 0x9e3779b97f4a7c15ull * (w->cpu + 1);
	int last_core = sched_getcpu();
	uint64_t i;
	unsigned int s;

	__atomic_store_n(&w->tid, (int) syscall(SYS_gettid), __ATOMIC_RELEASE);
	CHECK(w, percpu_init_cpu(w->cpu) == 0);
	for (i = 0; i < iterations; i++) {
		uint32_t cas = this_cpu_read(st_cas);

		this_cpu_inc(st_inc);
		this_cpu_add(st_add, i & 7);
		this_cpu_inc(st_u8);
		this_cpu_dec(st_dec);
		CHECK(w, this_cpu_cmpxchg(st_cas, cas, cas + 1) == cas);
		(*(uint64_t *) this_cpu_dyn_ptr(w->counter))++;
		if (i % every == 0) {
			struct slot *slot = &w->slots[(i / every) % SLOTS];

			if (slot->handle != PERCPU_HANDLE_NONE)
				drop_slot(w, slot);
			fill_slot(w, slot, &rnd);
		}
		if (i % 4096 == 0) {
			int core = sched_getcpu();

			CHECK(w, percpu_cpu_id() == w->cpu);
			if (core != last_core)
				w->migrations++;
			last_core = core;
		}
	}
	for (s = 0; s < SLOTS; s++) {
		if (w->slots[s].handle != PERCPU_HANDLE_NONE)
			drop_slot(w, &w->slots[s]);
	}
	return NULL;
}

struct helper {
	pthread_t thread;
	struct worker *workers;
	unsigned int nworkers;
	uint64_t count;
	uint64_t errors;
};

/** Moves the workers between random subsets of the allowed cores. */
static void *affinity_main(void *arg)
{
	struct helper *h = (struct helper *) arg;
	struct timespec pause = {0, 500 * 1000};
	uint64_t rnd = 12345;
	cpu_set_t allowed;
	int ncores = 0;
	int cores[CPU_SETSIZE];
	int c;

	if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0)
		return NULL;
	for (c = 0; c < CPU_SETSIZE; c++) {
		if (CPU_ISSET(c, &allowed))
			cores[ncores++] = c;
	}
	while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
		struct worker *w = &h->workers[next_random(&rnd) % h->nworkers];
		int tid = __atomic_load_n(&w->tid, __ATOMIC_ACQUIRE);
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(cores[next_random(&rnd) % ncores], &set);
		if (next_random(&rnd) % 4 == 0)
			set = allowed;
		if (tid != 0 && sched_setaffinity(tid, sizeof(set), &set) == 0)
			h->count++;
		nanosleep(&pause, NULL);
	}
	return NULL;
}

/** Takes the spare CPU offline and back; checks fresh values each time. */
static void *hotplug_main(void *arg)
{
	struct helper *h = (struct helper *) arg;
	unsigned int spare = h->nworkers;

	do {
		if (percpu_cpu_offline(spare) != 0 ||
		    per_cpu_ptr(st_inc, spare) != NULL || percpu_check() != 0 ||
		    percpu_cpu_online(spare) != 0 ||
		    *per_cpu_ptr(st_inc, spare) != 1000 ||
		    *per_cpu_ptr(st_u8, spare) != 200) {
			fprintf(stderr, "stress: hotplug cycle %llu failed\n",
				(unsigned long long) h->count);
			h->errors++;
			break;
		}
		h->count++;
		sched_yield();
	} while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE));
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

/** Checks every worker's totals (mismatches count as its errors). */
static void check_totals(const struct stress_params *p, struct worker *workers)
{
	uint64_t add = 0, i;
	unsigned int cpu;

	for (i = 0; i < p->iterations; i++)
		add += i & 7;
	for (cpu = 0; cpu < p->workers; cpu++) {
		struct worker *w = &workers[cpu];

		CHECK(w, *per_cpu_ptr(st_inc, cpu) == 1000 + p->iterations);
		CHECK(w, *per_cpu_ptr(st_add, cpu) == 7 + add);
		CHECK(w, *per_cpu_ptr(st_u8, cpu) ==
				 (uint8_t) (200 + p->iterations));
		CHECK(w, *per_cpu_ptr(st_dec, cpu) ==
				 (uint16_t) (0xffff - p->iterations));
		CHECK(w, *per_cpu_ptr(st_cas, cpu) == (uint32_t) p->iterations);
		CHECK(w, *(uint64_t *) per_cpu_dyn_ptr(w->counter, cpu) ==
				 p->iterations);
	}
}

int stress_run(const struct stress_params *p, struct stress_result *r)
{
	unsigned int ncpu = p->workers + 1, cpu;
	size_t bytes, align = percpu_required_align();
	struct worker *workers = calloc(p->workers, sizeof(*workers));
	struct helper affinity = {0}, hotplug = {0};
	double start;

	memset(r, 0, sizeof(*r));
	if (workers == NULL || percpu_set_dyn_size(DYN_BYTES(p->workers)) != 0)
		return -1;
	bytes = percpu_required_size(ncpu);
	free(areas);
	areas = aligned_alloc(align, (bytes + align - 1) / align * align);
	if (areas == NULL || percpu_init(areas, ncpu) != (int) ncpu)
		return -1;
	__atomic_store_n(&done, 0, __ATOMIC_RELEASE);
	start = now();
	for (cpu = 0; cpu < p->workers; cpu++) {
		workers[cpu].cpu = cpu;
		workers[cpu].params = p;
		workers[cpu].counter = percpu_alloc(sizeof(uint64_t), 8);
		if (workers[cpu].counter == PERCPU_HANDLE_NONE)
			return -1;
	}
	for (cpu = 0; cpu < p->workers; cpu++)
		pthread_create(&workers[cpu].thread, NULL, worker_main,
			       &workers[cpu]);
	affinity.workers = hotplug.workers = workers;
	affinity.nworkers = hotplug.nworkers = p->workers;
	pthread_create(&affinity.thread, NULL, affinity_main, &affinity);
	pthread_create(&hotplug.thread, NULL, hotplug_main, &hotplug);
	for (cpu = 0; cpu < p->workers; cpu++)
		pthread_join(workers[cpu].thread, NULL);
	__atomic_store_n(&done, 1, __ATOMIC_RELEASE);
	pthread_join(affinity.thread, NULL);
	pthread_join(hotplug.thread, NULL);
	r->seconds = now() - start;

	check_totals(p, workers);
	r->errors = affinity.errors + hotplug.errors;
	for (cpu = 0; cpu < p->workers; cpu++) {
		r->errors += workers[cpu].errors;
		r->allocs += workers[cpu].allocs;
		r->migrations += workers[cpu].migrations;
		if (percpu_free(workers[cpu].counter) != 0)
			r->errors++;
	}
	if (percpu_dyn_used() != 0 || percpu_check() != 0)
		r->errors++;
	r->percpu_ops = p->workers * p->iterations * 6;
	r->hotplug_cycles = hotplug.count;
	r->affinity_changes = affinity.count;
	free(workers);
	return r->errors == 0 ? 0 : -1;
}
