/*
 * percpu benchmark (hosted Linux): this_cpu_* against the alternatives, and
 * percpu_init against memcpy. Prints one table; see tools/bench/run.
 *
 *   bench [HELPER]      the whole table; HELPER is this program built with a
 *                       64 KiB template (:bench_64k), run for its init rows
 *   bench --init-rows   only the percpu_init rows, machine-readable
 *
 * The template size is fixed at link time (BENCH_TEMPLATE_BYTES), which is
 * why the 64 KiB figures come from a second binary.
 *
 * Every measured loop is a noinline function named loop_*; its body is the
 * operation repeated UNROLL times, each followed by an empty asm with a
 * "memory" clobber so the compiler must redo every access (and keeps loads
 * and stores it would otherwise hoist or merge).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"

#ifndef BENCH_TEMPLATE_BYTES
#error "build with -DBENCH_TEMPLATE_BYTES=<template size>"
#endif

#define NOINLINE __attribute__((noinline))
/** Compiler barrier: every access after it is performed again. */
#define BARRIER() __asm__ volatile("" ::: "memory")
/** Keeps `v` alive without storing it anywhere. */
#define SINK(v) __asm__ volatile("" : : "r"(v))
#define UNROLL 8
/* UNROLL (8) copies of stmt, each followed by a compiler barrier. */
#define TWICE(stmt)                                                            \
	do {                                                                   \
		stmt;                                                          \
		BARRIER();                                                     \
		stmt;                                                          \
		BARRIER();                                                     \
	} while (0)
#define REPEAT(stmt) TWICE(TWICE(TWICE(stmt)))

/** Samples per measurement; min and median are reported. */
#define SAMPLES 31
/** Each access sample runs for at least this long. */
#define SAMPLE_NS 10000000ull
#define MAX_CPUS 1024

/* The per-CPU variables measured, padded to BENCH_TEMPLATE_BYTES in all. */
PERCPU_DEFINE(uint64_t, b_read) = 1;
PERCPU_DEFINE(uint64_t, b_write);
PERCPU_DEFINE(uint64_t, b_count);
/* GCC aligns the array to 32 bytes: 32 (header) + pad + 24 = the template. */
PERCPU_DEFINE(uint8_t[BENCH_TEMPLATE_BYTES - 32 - 3 * sizeof(uint64_t)], b_pad);

/* The alternatives. */
static __thread uint64_t tls_var = 1;
/** One cache line per CPU, indexed by sched_getcpu(). */
struct padded {
	_Alignas(64) uint64_t v;
};
static struct padded cpu_array[MAX_CPUS];
struct padded_atomic {
	_Alignas(64) _Atomic uint64_t v;
};
static struct padded_atomic cpu_atomics[MAX_CPUS];
/** The CPUs the all-cores threads are pinned to, thread i on pinned[i]. */
static int pinned[MAX_CPUS];
static _Alignas(64) _Atomic uint64_t shared_counter;
static pthread_key_t key;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t) ts.tv_sec * 1000000000ull + (uint64_t) ts.tv_nsec;
}

static void die(const char *what)
{
	fprintf(stderr, "bench: %s\n", what);
	exit(1);
}

/** What callers of sched_getcpu() index with (main checks the range once). */
#define CPU() ((unsigned int) sched_getcpu())

static uint64_t *specific(void)
{
	return pthread_getspecific(key);
}

/* Single-thread loops: `n` iterations of UNROLL operations each. */
#define LOOP(name, stmt)                                                       \
	static NOINLINE void loop_##name(uint64_t n)                           \
	{                                                                      \
		for (uint64_t i = 0; i < n; i++)                               \
			REPEAT(stmt);                                          \
	}

LOOP(this_cpu_read, SINK(this_cpu_read(b_read)))
LOOP(tls_read, SINK(tls_var))
LOOP(array_read, SINK(cpu_array[CPU()].v))
LOOP(getspecific_read, SINK(*specific()))
LOOP(this_cpu_write, this_cpu_write(b_write, i))
LOOP(tls_write, tls_var = i)
LOOP(array_write, cpu_array[CPU()].v = i)
LOOP(getspecific_write, *specific() = i)
LOOP(this_cpu_inc, this_cpu_inc(b_count))
LOOP(tls_inc, tls_var++)
LOOP(array_inc, cpu_array[CPU()].v++)
LOOP(getspecific_inc, (*specific())++)
/* All cores at once: the same loops run on every CPU. */
LOOP(shared_atomic_inc,
     atomic_fetch_add_explicit(&shared_counter, 1, memory_order_relaxed))
LOOP(array_atomic_inc,
     atomic_fetch_add_explicit(&cpu_atomics[CPU()].v, 1, memory_order_relaxed))

/* Reading the total of each kind of counter over the `team_size` CPUs. */
static unsigned int team_size;

static inline uint64_t total_percpu(void)
{
	uint64_t sum = 0;

	for (unsigned int cpu = 0; cpu < team_size; cpu++)
		sum += *per_cpu_ptr(b_count, cpu);
	return sum;
}

static inline uint64_t total_shared(void)
{
	return atomic_load_explicit(&shared_counter, memory_order_relaxed);
}

static inline uint64_t total_array(void)
{
	uint64_t sum = 0;

	for (unsigned int i = 0; i < team_size; i++)
		sum += atomic_load_explicit(&cpu_atomics[pinned[i]].v,
					    memory_order_relaxed);
	return sum;
}

LOOP(total_percpu, SINK(total_percpu()))
LOOP(total_shared, SINK(total_shared()))
LOOP(total_array, SINK(total_array()))

/** min and median of SAMPLES figures. */
struct stat {
	double min, median;
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *) a, y = *(const double *) b;

	return (x > y) - (x < y);
}

static struct stat summarize(double *v, int n)
{
	qsort(v, (size_t) n, sizeof(*v), cmp_double);
	return (struct stat){v[0], v[n / 2]};
}

/* Table output. */

static void print_group(const char *title)
{
	printf("%s\n", title);
}

/**
 * One row: min and median ns/op, each also as a ratio to the same figure of
 * the group's reference row `ref` (NULL: this row is the reference), and
 * GB/s of the median if `bytes` is not 0.
 */
static void print_row(const char *name, struct stat s, const struct stat *ref,
		      double bytes)
{
	char rmin[16], rmed[16], gbs[16];

	if (ref == NULL) {
		snprintf(rmin, sizeof(rmin), "=");
		snprintf(rmed, sizeof(rmed), "=");
	} else {
		snprintf(rmin, sizeof(rmin), "%.2fx", s.min / ref->min);
		snprintf(rmed, sizeof(rmed), "%.2fx", s.median / ref->median);
	}
	if (bytes > 0)
		snprintf(gbs, sizeof(gbs), "%.1f", bytes / s.median);
	else
		snprintf(gbs, sizeof(gbs), "-");
	printf("  %-44s %9.2f %9.2f %7s %7s %6s\n", name, s.min, s.median, rmin,
	       rmed, gbs);
}

/* Single thread. */

/** Runs `fn` with growing n until a run takes SAMPLE_NS; returns that n. */
static uint64_t calibrate(void (*fn)(uint64_t))
{
	uint64_t n = 1024;

	for (;;) {
		uint64_t t0 = now_ns();

		fn(n);
		if (now_ns() - t0 >= SAMPLE_NS)
			return n;
		n *= 2;
	}
}

static struct stat measure_single(void (*fn)(uint64_t))
{
	double v[SAMPLES];
	uint64_t n = calibrate(fn);

	for (int s = 0; s < SAMPLES; s++) {
		uint64_t t0 = now_ns();

		fn(n);
		v[s] = (double) (now_ns() - t0) / (double) (n * UNROLL);
	}
	return summarize(v, SAMPLES);
}

static void single_thread_group(const char *title, const char *names[4],
				void (*fns[4])(uint64_t))
{
	struct stat ref = measure_single(fns[0]);

	print_group(title);
	print_row(names[0], ref, NULL, 0);
	for (int i = 1; i < 4; i++)
		print_row(names[i], measure_single(fns[i]), &ref, 0);
}

/* All cores: one pinned thread per CPU, each its own percpu CPU. */

struct team {
	void (*fn)(uint64_t);
	unsigned int threads;
	pthread_barrier_t start, done;
	uint64_t n;
	int stop;
	uint64_t elapsed[MAX_CPUS];
};

struct worker {
	struct team *team;
	unsigned int id;
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct team *t = w->team;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(pinned[w->id], &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof(set), &set) != 0)
		die("pthread_setaffinity_np failed");
	if (percpu_init_cpu(w->id) != 0)
		die("percpu_init_cpu failed");
	for (;;) {
		uint64_t t0;

		pthread_barrier_wait(&t->start);
		if (t->stop)
			break;
		t0 = now_ns();
		t->fn(t->n);
		t->elapsed[w->id] = now_ns() - t0;
		pthread_barrier_wait(&t->done);
	}
	return NULL;
}

/** One round on every thread; returns the slowest thread's time. */
static uint64_t team_round(struct team *t, uint64_t n)
{
	uint64_t worst = 0;

	t->n = n;
	pthread_barrier_wait(&t->start);
	pthread_barrier_wait(&t->done);
	for (unsigned int i = 0; i < t->threads; i++)
		if (t->elapsed[i] > worst)
			worst = t->elapsed[i];
	return worst;
}

/**
 * Runs `fn` on every thread at once; ns/op is the slowest thread's time per
 * operation. *iters gets the operations each thread performed in total.
 */
static struct stat measure_all(struct team *t, void (*fn)(uint64_t),
			       uint64_t *iters)
{
	pthread_t tid[MAX_CPUS];
	struct worker w[MAX_CPUS];
	double v[SAMPLES];
	uint64_t n = 1024;

	t->fn = fn;
	t->stop = 0;
	*iters = 0;
	pthread_barrier_init(&t->start, NULL, t->threads + 1);
	pthread_barrier_init(&t->done, NULL, t->threads + 1);
	for (unsigned int i = 0; i < t->threads; i++) {
		w[i] = (struct worker){t, i};
		if (pthread_create(&tid[i], NULL, worker_main, &w[i]) != 0)
			die("pthread_create failed");
	}
	while (*iters += n * UNROLL, team_round(t, n) < SAMPLE_NS)
		n *= 2;
	for (int s = 0; s < SAMPLES; s++) {
		*iters += n * UNROLL;
		v[s] = (double) team_round(t, n) / (double) (n * UNROLL);
	}
	t->stop = 1;
	pthread_barrier_wait(&t->start);
	for (unsigned int i = 0; i < t->threads; i++)
		pthread_join(tid[i], NULL);
	pthread_barrier_destroy(&t->start);
	pthread_barrier_destroy(&t->done);
	return summarize(v, SAMPLES);
}

static void all_cores_group(unsigned int cpus)
{
	struct team *t = calloc(1, sizeof(*t));
	cpu_set_t allowed;
	struct stat ref, s;
	uint64_t iters;
	char title[96], name[96];

	if (t == NULL)
		die("out of memory");
	if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0)
		die("sched_getaffinity failed");
	for (int cpu = 0; cpu < CPU_SETSIZE && t->threads < cpus; cpu++)
		if (CPU_ISSET(cpu, &allowed))
			pinned[t->threads++] = cpu;
	cpus = team_size = t->threads;
	for (unsigned int cpu = 0; cpu < cpus; cpu++)
		*per_cpu_ptr(b_count, cpu) = 0;

	snprintf(title, sizeof(title),
		 "all %u cores at once, one pinned thread each: increment",
		 cpus);
	print_group(title);
	ref = measure_all(t, loop_this_cpu_inc, &iters);
	print_row("this_cpu_inc (per-CPU counters)", ref, NULL, 0);
	if (total_percpu() != iters * cpus)
		die("per-CPU counters lost increments");
	s = measure_all(t, loop_shared_atomic_inc, &iters);
	print_row("atomic_fetch_add, one shared counter", s, &ref, 0);
	if (shared_counter != iters * cpus)
		die("shared counter lost increments");
	s = measure_all(t, loop_array_atomic_inc, &iters);
	print_row("atomic_fetch_add, [sched_getcpu()] padded", s, &ref, 0);
	if (total_array() != iters * cpus)
		die("padded atomics lost increments");

	snprintf(title, sizeof(title),
		 "reading the total (quiescent), ns per total of %u CPUs",
		 cpus);
	print_group(title);
	snprintf(name, sizeof(name), "sum of per_cpu_ptr() over %u CPUs", cpus);
	ref = measure_single(loop_total_percpu);
	print_row(name, ref, NULL, 0);
	print_row("atomic_load of the shared counter",
		  measure_single(loop_total_shared), &ref, 0);
	print_row("sum of the [sched_getcpu()] padded atomics",
		  measure_single(loop_total_array), &ref, 0);
	free(t);
}

/*
 * Scaling with the CPU count: for 1 to SCALE_MAX areas in caller memory, the
 * cost of percpu_init, of percpu_cpu_online (after an offline), of
 * per_cpu_ptr of the last CPU (constant time), and of a sum over every
 * online CPU under the hotplug read lock (linear by nature; checked: every
 * area's b_read holds its template value, 1, so the sum is the CPU count).
 */
static const unsigned int scale_cpus[] = {1, 8, 64, 256, 512};
#define SCALE_CASES (sizeof(scale_cpus) / sizeof(scale_cpus[0]))
/** The largest case (scale_cpus ascends). */
#define SCALE_MAX (scale_cpus[SCALE_CASES - 1])

static unsigned int scale_last;

static NOINLINE void loop_per_cpu_ptr_last(uint64_t n)
{
	while (n--) {
		REPEAT(SINK(per_cpu_ptr(b_read, scale_last)));
	}
}

/** Sum of b_read over the online CPUs, as a reader would take it. */
static NOINLINE uint64_t sum_online(void)
{
	unsigned int rd = percpu_hotplug_read_lock(), cpu;
	uint64_t total = 0;

	percpu_for_each_online_cpu(cpu) total += *per_cpu_ptr(b_read, cpu);
	percpu_hotplug_read_unlock(rd);
	return total;
}

static void scaling_group(void)
{
	size_t align = percpu_required_align();
	size_t total = percpu_required_size(SCALE_MAX);
	uint8_t *mem =
		aligned_alloc(align, (total + align - 1) / align * align);
	struct stat ptr1 = {0, 0};

	if (mem == NULL)
		die("out of memory");
	memset(mem, 0, total);
	print_group("scaling with the CPU count (ns per call; per_cpu_ptr: "
		    "per access, x: / its 1-CPU figure)");
	for (size_t c = 0; c < SCALE_CASES; c++) {
		unsigned int cpus = scale_cpus[c];
		double vi[SAMPLES], vo[SAMPLES], vs[SAMPLES];
		struct stat ptr;
		char name[96];

		for (int i = 0; i < SAMPLES; i++) {
			uint64_t t0, sum;

			percpu_test_reset();
			t0 = now_ns();
			if (percpu_init(mem, cpus) != (int) cpus)
				die("percpu_init failed");
			vi[i] = (double) (now_ns() - t0);
			if (percpu_init_cpu(0) != 0)
				die("percpu_init_cpu failed");
			if (cpus > 1) {
				if (percpu_cpu_offline(cpus - 1) != 0)
					die("percpu_cpu_offline failed");
				t0 = now_ns();
				if (percpu_cpu_online(cpus - 1) != 0)
					die("percpu_cpu_online failed");
				vo[i] = (double) (now_ns() - t0);
			} else {
				vo[i] = 0;
			}
			t0 = now_ns();
			sum = sum_online();
			vs[i] = (double) (now_ns() - t0);
			if (sum != cpus)
				die("wrong sum over the online CPUs");
		}
		scale_last = cpus - 1;
		ptr = measure_single(loop_per_cpu_ptr_last);
		if (c == 0)
			ptr1 = ptr;
		snprintf(name, sizeof(name), "%u CPU%s: percpu_init", cpus,
			 cpus == 1 ? "" : "s");
		print_row(name, summarize(vi, SAMPLES), NULL, 0);
		if (cpus > 1) {
			snprintf(name, sizeof(name),
				 "%u CPUs: percpu_cpu_online", cpus);
			print_row(name, summarize(vo, SAMPLES), NULL, 0);
		}
		snprintf(name, sizeof(name), "%u CPU%s: per_cpu_ptr (last CPU)",
			 cpus, cpus == 1 ? "" : "s");
		print_row(name, ptr, &ptr1, 0);
		snprintf(name, sizeof(name), "%u CPU%s: sum over online CPUs",
			 cpus, cpus == 1 ? "" : "s");
		print_row(name, summarize(vs, SAMPLES), NULL, 0);
	}
	percpu_test_reset();
	free(mem);
}

/* percpu_init against memcpy of the same bytes. */

static const unsigned int init_cpus[] = {1, 8, 64, 256};
#define INIT_CASES (sizeof(init_cpus) / sizeof(init_cpus[0]))
#define INIT_SAMPLES 101

struct init_row {
	unsigned int cpus;
	size_t bytes;
	struct stat init, copy;
};

static void measure_init(struct init_row rows[INIT_CASES])
{
	size_t align = percpu_required_align();
	size_t stride = percpu_area_stride();
	size_t size = percpu_area_size();
	size_t total = percpu_required_size(init_cpus[INIT_CASES - 1]);
	uint8_t *mem =
		aligned_alloc(align, (total + align - 1) / align * align);

	if (mem == NULL)
		die("out of memory");
	memset(mem, 0, total); /* no page faults inside the timings */
	for (size_t c = 0; c < INIT_CASES; c++) {
		unsigned int cpus = init_cpus[c];
		double vi[INIT_SAMPLES], vc[INIT_SAMPLES];

		for (int s = 0; s < INIT_SAMPLES; s++) {
			uint64_t t0, t1;

			percpu_test_reset();
			t0 = now_ns();
			if (percpu_init(mem, cpus) != (int) cpus)
				die("percpu_init failed");
			t1 = now_ns();
			vi[s] = (double) (t1 - t0);
			t0 = now_ns();
			for (unsigned int cpu = 0; cpu < cpus; cpu++)
				memcpy(mem + cpu * stride, __percpu_load_start,
				       size);
			BARRIER();
			vc[s] = (double) (now_ns() - t0);
		}
		rows[c].cpus = cpus;
		rows[c].bytes = size * cpus;
		rows[c].init = summarize(vi, INIT_SAMPLES);
		rows[c].copy = summarize(vc, INIT_SAMPLES);
	}
	percpu_test_reset();
	free(mem);
}

static void print_init_rows(const struct init_row *rows, size_t n,
			    size_t template_bytes)
{
	char title[96], name[96];

	snprintf(title, sizeof(title),
		 "percpu_init, %zu-byte template (ns per call)",
		 template_bytes);
	print_group(title);
	for (size_t c = 0; c < n; c++) {
		snprintf(name, sizeof(name), "memcpy of the same %zu bytes",
			 rows[c].bytes);
		print_row(name, rows[c].copy, NULL, (double) rows[c].bytes);
		snprintf(name, sizeof(name), "percpu_init, %u CPU%s",
			 rows[c].cpus, rows[c].cpus == 1 ? "" : "s");
		print_row(name, rows[c].init, &rows[c].copy,
			  (double) rows[c].bytes);
	}
}

/** Runs `helper --init-rows` and prints its rows (64 KiB template). */
static void helper_init_rows(const char *helper)
{
	struct init_row rows[INIT_CASES];
	size_t n = 0, template_bytes = 0;
	char cmd[4096], line[256];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "'%s' --init-rows", helper);
	p = popen(cmd, "r");
	if (p == NULL)
		die("cannot run the 64 KiB helper");
	while (n < INIT_CASES && fgets(line, sizeof(line), p) != NULL) {
		struct init_row *r = &rows[n];

		if (sscanf(line, "init %u %zu %zu %lf %lf %lf %lf", &r->cpus,
			   &r->bytes, &template_bytes, &r->init.min,
			   &r->init.median, &r->copy.min, &r->copy.median) == 7)
			n++;
	}
	if (pclose(p) != 0 || n != INIT_CASES)
		die("the 64 KiB helper failed");
	print_init_rows(rows, n, template_bytes);
}

/** The CPU's model name, from /proc/cpuinfo. */
static const char *cpu_model(void)
{
	static char model[128] = "unknown CPU";
	char line[256];
	FILE *f = fopen("/proc/cpuinfo", "r");

	while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
		char *colon = strchr(line, ':');

		if (strncmp(line, "model name", 10) == 0 && colon != NULL) {
			snprintf(model, sizeof(model), "%s", colon + 2);
			model[strcspn(model, "\n")] = '\0';
			break;
		}
	}
	if (f != NULL)
		fclose(f);
	return model;
}

static double timer_overhead(void)
{
	double v[SAMPLES];

	for (int s = 0; s < SAMPLES; s++) {
		uint64_t t0 = now_ns();

		v[s] = (double) (now_ns() - t0);
	}
	return summarize(v, SAMPLES).median;
}

int main(int argc, char **argv)
{
	static const char *read_names[4] = {
		"this_cpu_read", "__thread variable", "array[sched_getcpu()]",
		"*pthread_getspecific()"};
	static void (*read_fns[4])(uint64_t) = {loop_this_cpu_read,
						loop_tls_read, loop_array_read,
						loop_getspecific_read};
	static const char *write_names[4] = {
		"this_cpu_write", "__thread variable", "array[sched_getcpu()]",
		"*pthread_getspecific()"};
	static void (*write_fns[4])(uint64_t) = {
		loop_this_cpu_write, loop_tls_write, loop_array_write,
		loop_getspecific_write};
	static const char *inc_names[4] = {
		"this_cpu_inc", "__thread variable ++",
		"array[sched_getcpu()]++", "(*pthread_getspecific())++"};
	static void (*inc_fns[4])(uint64_t) = {loop_this_cpu_inc, loop_tls_inc,
					       loop_array_inc,
					       loop_getspecific_inc};
	struct init_row rows[INIT_CASES];
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned int cpus = online < 1		? 1
			    : online > MAX_CPUS ? MAX_CPUS
						: (unsigned int) online;
	size_t align = percpu_required_align();
	void *areas;

	if (ARCH_PERCPU_SINGLE)
		die("needs a multi-CPU backend (not --config=single_cpu)");
	if (sched_getcpu() < 0 || online > MAX_CPUS)
		die("sched_getcpu() unusable or too many CPUs");
	if (argc == 2 && strcmp(argv[1], "--init-rows") == 0) {
		measure_init(rows);
		for (size_t c = 0; c < INIT_CASES; c++)
			printf("init %u %zu %zu %.3f %.3f %.3f %.3f\n",
			       rows[c].cpus, rows[c].bytes, percpu_area_size(),
			       rows[c].init.min, rows[c].init.median,
			       rows[c].copy.min, rows[c].copy.median);
		return 0;
	}
	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: %s [HELPER_64K | --init-rows]\n",
			argv[0]);
		return 2;
	}

	areas = aligned_alloc(align, (percpu_required_size(cpus) + align - 1) /
					     align * align);
	if (areas == NULL || percpu_init(areas, cpus) != (int) cpus ||
	    percpu_init_cpu(0) != 0)
		die("percpu_init failed");
	if (pthread_key_create(&key, NULL) != 0 ||
	    pthread_setspecific(key, calloc(1, sizeof(uint64_t))) != 0)
		die("pthread key setup failed");

	printf("percpu benchmark: %s, %u CPUs online\n", cpu_model(), cpus);
	printf("ns/op: min and median of %d samples; x min, x med: that figure "
	       "/ the same figure of the group's = row\n",
	       SAMPLES);
	printf("percpu_init and memcpy rows: ns per call (%d samples, timer "
	       "overhead of %.0f ns included); GB/s from the median\n",
	       INIT_SAMPLES, timer_overhead());
	printf("  %-44s %9s %9s %7s %7s %6s\n", "", "min ns", "med ns", "x min",
	       "x med", "GB/s");
	single_thread_group("single thread: read", read_names, read_fns);
	single_thread_group("single thread: write", write_names, write_fns);
	single_thread_group("single thread: increment", inc_names, inc_fns);
	all_cores_group(cpus);

	measure_init(rows);
	print_init_rows(rows, INIT_CASES, percpu_area_size());
	if (argc == 2)
		helper_init_rows(argv[1]);
	scaling_group();
	free(areas);
	return 0;
}
