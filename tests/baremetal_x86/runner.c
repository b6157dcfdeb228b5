/*
 * Bare-metal test runner. Generic: it uses only tests/platform/platform.h
 * and variant.h. (A stand-in until the shared tests/baremetal runner lands;
 * the SMP tests below are what it must cover.)
 *
 * For every register variant of the target:
 *  1. every C case of section ptest_cases on the boot CPU, each after
 *     percpu_test_reset();
 *  2. on every CPU the machine has: percpu_init_cpu(own index), the register
 *     checked directly, own id written, then (after a barrier) every CPU
 *     reads every other CPU's id through per_cpu_ptr; all CPUs at once run
 *     this_cpu_inc / this_cpu_add, with exact totals afterwards. Once with
 *     in-place areas and once in caller memory, both for the discovered
 *     CPU count; in between, percpu_init() for more CPUs than reserved
 *     areas must fail and change nothing.
 * Prints "PERCPU-CPUS: <n>" (CPUs that ran the SMP tests) for the runner
 * script, which compares it with the emulator's CPU count.
 */
#include <string.h>

#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"
#include "tests/baremetal_x86/variant.h"
#include "tests/harness/ptest.h"
#include "tests/platform/platform.h"

#define SMP_ITERS 100000u
#define ID_MAGIC 0x5045524350550000ull

extern const struct ptest_case __start_ptest_cases[];
extern const struct ptest_case __stop_ptest_cases[];

PERCPU_DEFINE(uint64_t, smp_id);
PERCPU_DEFINE(uint64_t, smp_count);
PERCPU_DEFINE(uint32_t, smp_sum);

static unsigned int failures;
static const char *skip_reason;
static unsigned int passed, failed, skipped;

/** Number of CPUs running the SMP tests (the boot CPU plus started APs). */
static unsigned int ncpu = 1;

/* A line built in memory, so CPUs never interleave within a line. */
struct line {
	char buf[240];
	size_t len;
};

static void line_str(struct line *l, const char *s)
{
	while (*s != '\0' && l->len < sizeof(l->buf) - 1)
		l->buf[l->len++] = *s++;
}

static void line_num(struct line *l, uint64_t v, unsigned int base)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v != 0);
	if (base == 16)
		line_str(l, "0x");
	while (n > 0 && l->len < sizeof(l->buf) - 1)
		l->buf[l->len++] = digits[--n];
}

static void line_end(struct line *l)
{
	line_str(l, "\n");
	l->buf[l->len] = '\0';
	plat_puts(l->buf);
}

void ptest_fail(const char *file, int line, const char *expr, uint64_t actual,
		uint64_t expected)
{
	struct line l = {.len = 0};

	line_str(&l, "    FAILED on CPU ");
	line_num(&l, plat_cpu_index(), 10);
	line_str(&l, ": ");
	line_str(&l, file);
	line_str(&l, ":");
	line_num(&l, (uint64_t) line, 10);
	line_str(&l, ": ");
	line_str(&l, expr);
	line_str(&l, ": got ");
	line_num(&l, actual, 16);
	line_str(&l, ", want ");
	line_num(&l, expected, 16);
	line_end(&l);
	__atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
}

void ptest_skip(const char *reason)
{
	skip_reason = reason;
}

static void report_misuse(const char *msg)
{
	struct line l = {.len = 0};

	line_str(&l, "    (");
	line_str(&l, msg);
	line_str(&l, ")");
	line_end(&l);
}

static unsigned int failure_count(void)
{
	return __atomic_load_n(&failures, __ATOMIC_RELAXED);
}

/** Prints "[RESULT] variant/name" and counts the result. */
static void report(const char *variant, const char *name, unsigned int before)
{
	struct line l = {.len = 0};

	if (failure_count() != before) {
		line_str(&l, "[FAIL] ");
		failed++;
	} else if (skip_reason != NULL) {
		line_str(&l, "[SKIP] ");
		skipped++;
	} else {
		line_str(&l, "[PASS] ");
		passed++;
	}
	line_str(&l, variant);
	line_str(&l, "/");
	line_str(&l, name);
	if (skip_reason != NULL && failure_count() == before) {
		line_str(&l, ": ");
		line_str(&l, skip_reason);
	}
	line_end(&l);
}

static void run_cases(const char *variant)
{
	const struct ptest_case *c;

	for (c = __start_ptest_cases; c < __stop_ptest_cases; c++) {
		unsigned int before = failure_count();

		skip_reason = NULL;
		percpu_test_reset();
		c->fn();
		report(variant, c->name, before);
	}
}

/* Work for all CPUs: the boot CPU publishes a function, everyone runs it. */
static void (*work_fn)(unsigned int cpu);
static unsigned int work_gen;
static unsigned int work_done;

static void worker(unsigned int cpu, void *arg)
{
	unsigned int seen = 0;

	(void) arg;
	for (;;) {
		unsigned int gen;

		while ((gen = __atomic_load_n(&work_gen, __ATOMIC_ACQUIRE)) ==
		       seen)
			;
		seen = gen;
		work_fn(cpu);
		__atomic_add_fetch(&work_done, 1, __ATOMIC_RELEASE);
	}
}

/** Runs fn(cpu) on every CPU; returns when all are done (a barrier). */
static void run_on_all(void (*fn)(unsigned int cpu))
{
	work_fn = fn;
	__atomic_store_n(&work_done, 0, __ATOMIC_RELAXED);
	__atomic_add_fetch(&work_gen, 1, __ATOMIC_RELEASE);
	fn(0);
	while (__atomic_load_n(&work_done, __ATOMIC_ACQUIRE) != ncpu - 1)
		;
}

static void start_cpus(void)
{
	unsigned int cpu;

	for (cpu = 1; cpu < plat_cpu_count(); cpu++) {
		struct line l = {.len = 0};

		if (plat_start_cpu(cpu, worker, NULL) != 0) {
			line_str(&l, "    FAILED: CPU ");
			line_num(&l, cpu, 10);
			line_str(&l, " did not start");
			line_end(&l);
			__atomic_add_fetch(&failures, 1, __ATOMIC_RELAXED);
			return;
		}
		ncpu++;
	}
}

static unsigned int variant;
static const char *variant_error;
static uintptr_t reg_seen[PLAT_MAX_CPUS];
static unsigned int arrived;

static void smp_enter_variant(unsigned int cpu)
{
	const char *err = test_variant_enter(variant);

	(void) cpu;
	if (err != NULL)
		variant_error = err;
}

static void smp_init_cpu(unsigned int cpu)
{
	PT_EXPECT_EQ(plat_cpu_index(), cpu);
	percpu_write_reg(0);
	PT_EXPECT_EQ(percpu_cpu_id(), PERCPU_CPU_NONE);
	PT_ASSERT_EQ(percpu_init_cpu(cpu), 0);
	test_variant_check_register(percpu_cpu_offset(cpu));
	PT_EXPECT_EQ(percpu_read_reg(), percpu_area_base(cpu));
	PT_EXPECT_EQ(percpu_cpu_id(), cpu);
	PT_EXPECT_EQ(this_cpu_read(smp_id), 0);
	this_cpu_write(smp_id, ID_MAGIC | cpu);
	/* Misuse on every CPU: an id past the areas changes nothing. */
	PT_EXPECT_EQ(percpu_init_cpu(percpu_area_num()), -PERCPU_ERANGE);
	PT_EXPECT_EQ(percpu_cpu_id(), cpu);
	reg_seen[cpu] = percpu_read_reg();
}

static void smp_read_all(unsigned int cpu)
{
	unsigned int other;

	for (other = 0; other < ncpu; other++)
		PT_EXPECT_EQ(*per_cpu_ptr(smp_id, other), ID_MAGIC | other);
	PT_EXPECT_EQ(this_cpu_read(smp_id), ID_MAGIC | cpu);
	PT_EXPECT_EQ(this_cpu_ptr(smp_id), per_cpu_ptr(smp_id, cpu));
}

static void smp_count(unsigned int cpu)
{
	unsigned int i;

	/* Start together, so the CPUs really do run at the same time. */
	__atomic_add_fetch(&arrived, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&arrived, __ATOMIC_ACQUIRE) != ncpu)
		;
	for (i = 0; i < SMP_ITERS; i++) {
		this_cpu_inc(smp_count);
		this_cpu_add(smp_sum, cpu + 1);
	}
}

static void smp_check_unchanged(unsigned int cpu)
{
	PT_EXPECT_EQ(percpu_read_reg(), reg_seen[cpu]);
	test_variant_check_register(reg_seen[cpu] - (uintptr_t) __percpu_start);
	PT_EXPECT_EQ(this_cpu_read(smp_id), ID_MAGIC | cpu);
	PT_EXPECT_EQ(this_cpu_read(smp_count), SMP_ITERS);
}

/** Every CPU on areas at `base` (NULL: in place), for ncpu CPUs. */
static void smp_areas(void *base)
{
	uint64_t total = 0;
	unsigned int cpu;

	percpu_test_reset();
	PT_ASSERT_EQ(percpu_init(base, ncpu), ncpu);
	run_on_all(smp_init_cpu);
	run_on_all(smp_read_all);
	arrived = 0;
	run_on_all(smp_count);
	for (cpu = 0; cpu < ncpu; cpu++) {
		PT_EXPECT_EQ(*per_cpu_ptr(smp_count, cpu), SMP_ITERS);
		PT_EXPECT_EQ(*per_cpu_ptr(smp_sum, cpu), SMP_ITERS * (cpu + 1));
		total += *per_cpu_ptr(smp_count, cpu);
	}
	PT_EXPECT_EQ(total, (uint64_t) ncpu * SMP_ITERS);
}

static void smp_in_place(void)
{
	smp_areas(NULL);
}

static void smp_caller_memory(void)
{
	smp_areas(ptest_memory);
}

/** Copy of the reserved areas, to prove a refused init wrote nothing. */
static uint8_t reserve_copy[64 * 1024];

/** After smp_in_place: more CPUs than reserved areas is refused. */
static void smp_more_than_reserved(void)
{
	size_t bytes = (size_t) (__percpu_reserve_end - __percpu_reserve_start);
	unsigned int reserved = (unsigned int) (bytes / percpu_area_stride());

	PT_ASSERT_TRUE(bytes <= sizeof(reserve_copy));
	PT_ASSERT_TRUE(reserved >= ncpu);
	memcpy(reserve_copy, __percpu_reserve_start, bytes);
	percpu_test_reset();
	PT_EXPECT_EQ(percpu_init(NULL, reserved + 1), -PERCPU_ENOSPC);
	PT_EXPECT_EQ(percpu_area_num(), 0);
	PT_EXPECT_EQ(memcmp(reserve_copy, __percpu_reserve_start, bytes), 0);
	/* The reset cleared the boot CPU's register; the others kept theirs. */
	percpu_write_reg(reg_seen[0]);
	run_on_all(smp_check_unchanged);
}

static void run_smp(const char *variant_name, const char *name,
		    void (*fn)(void))
{
	unsigned int before = failure_count();

	skip_reason = NULL;
	fn();
	report(variant_name, name, before);
}

static void run_variant(unsigned int v)
{
	const char *name = test_variant_name(v);
	struct line l = {.len = 0};

	variant = v;
	variant_error = NULL;
	run_on_all(smp_enter_variant);
	if (variant_error != NULL) {
		line_str(&l, "[SKIP] ");
		line_str(&l, name);
		line_str(&l, ": ");
		line_str(&l, variant_error);
		line_end(&l);
		skipped++;
		return;
	}
	run_cases(name);
	run_smp(name, "smp_in_place_areas", smp_in_place);
	run_smp(name, "smp_more_cpus_than_reserved", smp_more_than_reserved);
	run_smp(name, "smp_caller_memory_areas", smp_caller_memory);
}

int plat_main(void)
{
	struct line l = {.len = 0};
	unsigned int v;

	percpu_set_reporter(report_misuse);
	start_cpus();
	for (v = 0; v < test_variant_count(); v++)
		run_variant(v);
	line_str(&l, "PERCPU-CPUS: ");
	line_num(&l, ncpu, 10);
	line_end(&l);
	l.len = 0;
	line_str(&l, "PERCPU-TESTS: ");
	line_num(&l, passed, 10);
	line_str(&l, " passed, ");
	line_num(&l, failed, 10);
	line_str(&l, " failed, ");
	line_num(&l, skipped, 10);
	line_str(&l, " skipped");
	line_end(&l);
	return failed != 0 || failure_count() != 0 || passed == 0;
}
