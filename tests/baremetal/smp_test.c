/*
 * SMP tests: every CPU the machine has runs percpu at once.
 *
 * Misuse first (boot CPU alone): percpu_init() asking for more areas than the
 * linker script reserved fails with -PERCPU_ENOSPC and changes nothing. Then
 * every CPU is started and runs the same phase twice, once per init mode
 * (in place, in the linker-reserved areas; in caller memory, sized for the
 * discovered CPU count). Between phases the boot CPU resets percpu while the
 * others wait at a barrier. In each phase every CPU
 *  - points its register at its own area with percpu_init_cpu() and checks
 *    the register itself (plat_percpu_reg()), percpu_read_reg() and
 *    percpu_cpu_id();
 *  - writes its id into a per-CPU variable; after a barrier, reads every
 *    other CPU's copy through per_cpu_ptr();
 *  - runs this_cpu_inc / this_cpu_add concurrently with all the others; the
 *    boot CPU then checks every CPU's exact counts and the totals;
 *  - checks that the base registers percpu must not use kept their sentinels.
 */
#include <string.h>

#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"
#include "tests/baremetal/runner.h"
#include "tests/harness/ptest.h"
#include "tests/platform/platform.h"

#define ITERATIONS 100000u
#define ID_NONE 0xdeadu

PERCPU_DEFINE(unsigned int, smp_id) = ID_NONE;
PERCPU_DEFINE(uint64_t, smp_count);
PERCPU_DEFINE(uint64_t, smp_sum);

/** A reusable barrier for all `smp_cpus` CPUs. */
struct barrier {
	unsigned int arrived;
	unsigned int generation;
};

enum init_mode { IN_PLACE, CALLER_MEMORY, STOP };

static const char *const mode_names[] = {"in place", "caller memory"};

static unsigned int smp_cpus;
static unsigned int smp_failures;
static struct barrier phase_barrier, step_barrier;
/** What the next phase does; written by the boot CPU before phase_barrier. */
static enum init_mode smp_mode;

static void barrier_wait(struct barrier *b)
{
	unsigned int gen = __atomic_load_n(&b->generation, __ATOMIC_ACQUIRE);

	if (__atomic_add_fetch(&b->arrived, 1, __ATOMIC_ACQ_REL) == smp_cpus) {
		__atomic_store_n(&b->arrived, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&b->generation, gen + 1, __ATOMIC_RELEASE);
		return;
	}
	while (__atomic_load_n(&b->generation, __ATOMIC_ACQUIRE) == gen)
		plat_cpu_relax();
}

/** Records a failed check: "smp[mode] cpu N: what: got X, want Y". */
static void check(unsigned int cpu, const char *what, uint64_t got,
		  uint64_t want)
{
	if (got == want)
		return;
	__atomic_add_fetch(&smp_failures, 1, __ATOMIC_RELAXED);
	runner_console_lock();
	plat_puts("    smp cpu ");
	plat_put_dec(cpu);
	plat_puts(": ");
	plat_puts(what);
	plat_puts(": got ");
	plat_put_hex(got);
	plat_puts(", want ");
	plat_put_hex(want);
	plat_puts("\n");
	runner_console_unlock();
}

/** One phase on CPU `cpu`; every CPU runs it at the same time. */
static void phase(unsigned int cpu)
{
	unsigned int other, i;

	plat_other_regs_poison();
	check(cpu, "percpu_init_cpu", (uint64_t) percpu_init_cpu(cpu), 0);
	check(cpu, "per-CPU register", plat_percpu_reg(),
	      percpu_cpu_offset(cpu));
	check(cpu, "percpu_read_reg", percpu_read_reg(), percpu_area_base(cpu));
	check(cpu, "percpu_cpu_id", percpu_cpu_id(), cpu);
	check(cpu, "fresh smp_id", this_cpu_read(smp_id), ID_NONE);
	this_cpu_write(smp_id, cpu);
	barrier_wait(&step_barrier);

	for (other = 0; other < smp_cpus; other++)
		check(cpu, "other CPU's smp_id", *per_cpu_ptr(smp_id, other),
		      other);
	barrier_wait(&step_barrier);

	for (i = 0; i < ITERATIONS; i++) {
		this_cpu_inc(smp_count);
		this_cpu_add(smp_sum, cpu + 1);
	}
	check(cpu, "own smp_count", this_cpu_read(smp_count), ITERATIONS);
	check(cpu, "own smp_id after the loop", this_cpu_read(smp_id), cpu);
	check(cpu, "registers percpu must not touch",
	      (uint64_t) plat_other_regs_check(), 0);
	barrier_wait(&step_barrier);
}

/** Secondary CPUs: one phase per release of phase_barrier, then park. */
static void secondary(unsigned int cpu, void *arg)
{
	(void) arg;
	for (;;) {
		barrier_wait(&phase_barrier);
		if (__atomic_load_n(&smp_mode, __ATOMIC_RELAXED) == STOP)
			plat_park();
		phase(cpu);
	}
}

/** Boot CPU, after a phase: every CPU's exact counts and the totals. */
static void check_totals(void)
{
	uint64_t count = 0, sum = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < smp_cpus; cpu++) {
		check(cpu, "smp_count", *per_cpu_ptr(smp_count, cpu),
		      ITERATIONS);
		check(cpu, "smp_sum", *per_cpu_ptr(smp_sum, cpu),
		      (uint64_t) ITERATIONS * (cpu + 1));
		count += *per_cpu_ptr(smp_count, cpu);
		sum += *per_cpu_ptr(smp_sum, cpu);
	}
	check(0, "total smp_count", count, (uint64_t) ITERATIONS * smp_cpus);
	check(0, "total smp_sum", sum,
	      (uint64_t) ITERATIONS * smp_cpus * (smp_cpus + 1) / 2);
}

/** Areas the linker script reserved for in-place init. */
static unsigned int reserved_areas(void)
{
	return (unsigned int) ((size_t) (__percpu_reserve_end -
					 __percpu_reserve_start) /
			       percpu_area_stride());
}

/** More CPUs than reserved areas: -PERCPU_ENOSPC, and nothing changes. */
static void check_too_many_cpus(unsigned int reserved)
{
	static const uint8_t pattern = 0x6b;
	uintptr_t start = (uintptr_t) __percpu_reserve_start;
	volatile uint8_t *first = (volatile uint8_t *) start;
	volatile uint8_t *last =
		(volatile uint8_t *) (start + reserved * percpu_area_stride() -
				      1);

	percpu_test_reset();
	*first = pattern;
	*last = pattern;
	check(0, "init with reserved+1 CPUs",
	      (uint64_t) percpu_init(NULL, reserved + 1),
	      (uint64_t) -PERCPU_ENOSPC);
	check(0, "areas after failed init", percpu_area_num(), 0);
	check(0, "register after failed init", percpu_read_reg(), 0);
	check(0, "first reserved byte", *first, pattern);
	check(0, "last reserved byte", *last, pattern);
	check(0, "init_cpu after failed init", (uint64_t) percpu_init_cpu(0),
	      (uint64_t) -PERCPU_ENOTINIT);
	plat_puts(smp_failures == 0 ? "[ PASS ] " : "[ FAIL ] ");
	plat_puts("smp misuse: more CPUs than reserved areas\n");
}

/** Sets up percpu for `mode` on the boot CPU; others wait at a barrier. */
static void init_phase(enum init_mode mode, unsigned int reserved)
{
	percpu_test_reset();
	if (mode == IN_PLACE) {
		check(0, "percpu_init(NULL, 0)",
		      (uint64_t) percpu_init(NULL, 0), reserved);
		check(0, "in-place area 0", percpu_area_base(0),
		      (uintptr_t) __percpu_reserve_start);
	} else {
		check(0, "room for every CPU",
		      percpu_required_size(smp_cpus) <= sizeof(ptest_memory),
		      1);
		memset(ptest_memory, 0xa5, sizeof(ptest_memory));
		check(0, "percpu_init(memory, cpus)",
		      (uint64_t) percpu_init(ptest_memory, smp_cpus), smp_cpus);
		check(0, "caller-memory area 0", percpu_area_base(0),
		      (uintptr_t) ptest_memory);
	}
}

unsigned int smp_test_run(void)
{
	unsigned int reserved = reserved_areas();
	enum init_mode mode;
	unsigned int cpu;

	smp_cpus = plat_cpu_count();
	plat_puts("smp: ");
	plat_put_dec(smp_cpus);
	plat_puts(" CPUs, ");
	plat_put_dec(reserved);
	plat_puts(" reserved areas\n");
	check(0, "CPUs fit the reserved areas", smp_cpus <= reserved, 1);
	check(0, "at least one CPU", smp_cpus >= 1, 1);
	if (smp_failures != 0)
		return smp_failures;

	check_too_many_cpus(reserved);

	for (cpu = 1; cpu < smp_cpus; cpu++) {
		int rc = plat_start_cpu(cpu, secondary, NULL);

		check(cpu, "plat_start_cpu", (uint64_t) rc, 0);
		if (rc != 0)
			return smp_failures;
	}

	for (mode = IN_PLACE; mode != STOP; mode++) {
		unsigned int before = smp_failures;

		init_phase(mode, reserved);
		__atomic_store_n(&smp_mode, mode, __ATOMIC_RELAXED);
		barrier_wait(&phase_barrier);
		phase(0);
		check_totals();
		plat_puts(smp_failures == before ? "[ PASS ] smp "
						 : "[ FAIL ] smp ");
		plat_puts(mode_names[mode]);
		plat_puts(", ");
		plat_put_dec(smp_cpus);
		plat_puts(" CPUs\n");
	}
	__atomic_store_n(&smp_mode, STOP, __ATOMIC_RELAXED);
	barrier_wait(&phase_barrier);
	percpu_test_reset();

	plat_puts("smp: ");
	plat_put_dec(smp_failures);
	plat_puts(" failed checks\n");
	return smp_failures;
}
