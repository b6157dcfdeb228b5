/*
 * TEMPORARY riscv64-only bare-metal runner, until the generic one
 * (tests/baremetal/runner.c, issue 3) reaches main; then this file goes.
 *
 * Every C case in section ptest_cases, then an SMP check on every hart:
 * percpu_init_cpu() sets the register (checked directly), each hart writes
 * its index into a per-CPU variable and, after a barrier, reads every other
 * hart's copy through per_cpu_ptr(); all harts then run this_cpu_inc/add at
 * every width concurrently and the boot hart checks exact per-hart counts.
 */
#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"
#include "tests/harness/ptest.h"
#include "tests/platform/platform.h"

/* From tests/platform/riscv64/platform.c (declared in platform.h on the
 * bare-metal branch). */
uintptr_t plat_percpu_reg(void);
void plat_cpu_relax(void);
void plat_other_regs_poison(void);
int plat_other_regs_check(void);

extern const struct ptest_case __start_ptest_cases[];
extern const struct ptest_case __stop_ptest_cases[];

#define ITERATIONS 20000u

PERCPU_DEFINE(unsigned int, tmp_id) = 0xdead;
PERCPU_DEFINE(uint8_t, tmp_c8);
PERCPU_DEFINE(uint16_t, tmp_c16);
PERCPU_DEFINE(uint32_t, tmp_c32);
PERCPU_DEFINE(uint64_t, tmp_c64);

static unsigned int case_failures, smp_failures, cpus;
static const char *case_skip;
static unsigned int arrived[2];
static int lock_word;

static void lock(void)
{
	while (__atomic_exchange_n(&lock_word, 1, __ATOMIC_ACQUIRE))
		plat_cpu_relax();
}

static void unlock(void)
{
	__atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE);
}

void ptest_fail(const char *file, int line, const char *expr, uint64_t actual,
		uint64_t expected)
{
	case_failures++;
	plat_puts("    ");
	plat_puts(file);
	plat_puts(":");
	plat_put_dec((uint64_t) line);
	plat_puts(": ");
	plat_puts(expr);
	plat_puts(": got ");
	plat_put_hex(actual);
	plat_puts(", want ");
	plat_put_hex(expected);
	plat_puts("\n");
}

void ptest_skip(const char *reason)
{
	case_skip = reason;
}

static void check(unsigned int cpu, const char *what, uint64_t got,
		  uint64_t want)
{
	if (got == want)
		return;
	__atomic_add_fetch(&smp_failures, 1, __ATOMIC_RELAXED);
	lock();
	plat_puts("    smp hart ");
	plat_put_dec(cpu);
	plat_puts(": ");
	plat_puts(what);
	plat_puts(": got ");
	plat_put_hex(got);
	plat_puts(", want ");
	plat_put_hex(want);
	plat_puts("\n");
	unlock();
}

/** One-shot barrier number `n` for all harts. */
static void barrier(unsigned int n)
{
	__atomic_add_fetch(&arrived[n], 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&arrived[n], __ATOMIC_ACQUIRE) != cpus)
		plat_cpu_relax();
}

static void smp_body(unsigned int cpu)
{
	unsigned int other, i;

	plat_other_regs_poison();
	check(cpu, "percpu_init_cpu", (uint64_t) percpu_init_cpu(cpu), 0);
	check(cpu, "register", plat_percpu_reg(), percpu_cpu_offset(cpu));
	check(cpu, "percpu_cpu_id", percpu_cpu_id(), cpu);
	this_cpu_write(tmp_id, cpu);
	barrier(0);
	for (other = 0; other < cpus; other++)
		check(cpu, "per_cpu_ptr(other)", *per_cpu_ptr(tmp_id, other),
		      other);
	for (i = 0; i < ITERATIONS; i++) {
		this_cpu_inc(tmp_c8);
		this_cpu_add(tmp_c16, 3);
		this_cpu_inc(tmp_c32);
		this_cpu_add(tmp_c64, cpu + 1);
	}
	check(cpu, "other registers", (uint64_t) plat_other_regs_check(), 0);
	barrier(1);
}

static void secondary(unsigned int cpu, void *arg)
{
	(void) arg;
	smp_body(cpu);
}

static unsigned int smp_run(void)
{
	unsigned int cpu;

	cpus = plat_cpu_count();
	percpu_test_reset();
	check(0, "percpu_init", (uint64_t) percpu_init(NULL, cpus), cpus);
	for (cpu = 1; cpu < cpus; cpu++)
		check(0, "plat_start_cpu",
		      (uint64_t) plat_start_cpu(cpu, secondary, NULL), 0);
	smp_body(0);
	for (cpu = 0; cpu < cpus; cpu++) {
		check(cpu, "c8", *per_cpu_ptr(tmp_c8, cpu),
		      (uint8_t) ITERATIONS);
		check(cpu, "c16", *per_cpu_ptr(tmp_c16, cpu),
		      (uint16_t) (3 * ITERATIONS));
		check(cpu, "c32", *per_cpu_ptr(tmp_c32, cpu), ITERATIONS);
		check(cpu, "c64", *per_cpu_ptr(tmp_c64, cpu),
		      (uint64_t) (cpu + 1) * ITERATIONS);
	}
	plat_puts("smp: ");
	plat_put_dec(cpus);
	plat_puts(" harts, ");
	plat_put_dec(smp_failures);
	plat_puts(" failed checks\n");
	return smp_failures;
}

int plat_main(void)
{
	const struct ptest_case *c;
	unsigned int passed = 0, failed = 0, skipped = 0;

	plat_other_regs_poison();
	for (c = __start_ptest_cases; c < __stop_ptest_cases; c++) {
		case_failures = 0;
		case_skip = NULL;
		percpu_test_reset();
		c->fn();
		plat_puts(case_failures != 0  ? "[ FAIL ] "
			  : case_skip != NULL ? "[ SKIP ] "
					      : "[ PASS ] ");
		plat_puts(c->name);
		plat_puts("\n");
		if (case_failures != 0)
			failed++;
		else if (case_skip != NULL)
			skipped++;
		else
			passed++;
	}
	plat_puts("cases: ");
	plat_put_dec(passed);
	plat_puts(" passed, ");
	plat_put_dec(failed);
	plat_puts(" failed, ");
	plat_put_dec(skipped);
	plat_puts(" skipped\n");
	if (plat_other_regs_check() != 0)
		failed++;
	if (passed == 0)
		failed++;
	return failed + smp_run() == 0 ? 0 : 1;
}
