/*
 * SMP tests: every CPU the machine has runs percpu at once.
 *
 * smp_test_start() starts every CPU; they then wait for the boot CPU to
 * publish work. For each of the platform's register variants, every CPU
 * switches to it (smp_test_variant()); then smp_test_run() runs the same
 * phase on every CPU twice, once per init mode (in place, in the
 * linker-reserved areas; in caller memory, sized for the discovered CPU
 * count). Between phases the boot CPU resets percpu while the others wait
 * at a barrier. In each phase every CPU
 *  - checks that with a zero register it has no CPU id, points its register
 *    at its own area with percpu_init_cpu() and checks the register itself
 *    (plat_percpu_reg()), percpu_read_reg() and percpu_cpu_id(), and that
 *    percpu_init_cpu() past the areas fails and changes nothing;
 *  - writes its id into a per-CPU variable; after a barrier, reads every
 *    other CPU's copy through per_cpu_ptr();
 *  - runs this_cpu_inc / this_cpu_add concurrently with all the others; the
 *    boot CPU then checks every CPU's exact counts and the totals;
 *  - checks that the base registers percpu must not use kept their sentinels.
 * After the in-place phase, percpu_init() asking for more areas than the
 * linker script reserved must fail with -PERCPU_ENOSPC and change nothing:
 * not the reserved areas, not the other CPUs' registers and data.
 * Then the hotplug phase (2 CPUs or more): every CPU writes its own value
 * into smp_hot; the boot CPU takes the last CPU offline while that CPU waits
 * at a barrier, and checks that per_cpu_ptr() gives NULL for it, that it is
 * not among the online CPUs and that percpu_check() passes (poison intact);
 * the offline CPU sees no CPU id and percpu_init_cpu() refuses it. The boot
 * CPU brings it back online; after percpu_init_cpu() it sees smp_hot's
 * initial value again, while every other CPU kept its own written value.
 */
#include <string.h>

#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"
#include "tests/baremetal/runner.h"
#include "tests/harness/ptest.h"
#include "tools/boards/platform.h"

#define ID_NONE 0xdeadu
#define HOT_INIT 0x1badc0de5eedull
#define HOT_VALUE(cpu) (0x4000000000000000ull + (cpu))

PERCPU_DEFINE(unsigned int, smp_id) = ID_NONE;
PERCPU_DEFINE(uint64_t, smp_count);
PERCPU_DEFINE(uint64_t, smp_sum);
PERCPU_DEFINE(uint64_t, smp_hot) = HOT_INIT;

/** A reusable barrier for all `smp_cpus` CPUs. */
struct barrier {
	unsigned int arrived;
	unsigned int generation;
};

/** What every CPU does next; written by the boot CPU before phase_barrier. */
enum work { VARIANT, IN_PLACE, CALLER_MEMORY, UNCHANGED, HOTPLUG, STOP };

static const char *const mode_names[] = {
	[IN_PLACE] = "in place",
	[CALLER_MEMORY] = "caller memory",
};

static unsigned int smp_cpus = 1;

/**
 * Increments per CPU and phase: 100000, fewer from 8 CPUs on (the total
 * stays 800000), so that hundreds of emulated CPUs finish in seconds.
 */
static uint64_t iterations(void)
{
	return smp_cpus <= 8 ? 100000u : 800000u / smp_cpus;
}
static unsigned int smp_failures;
static struct barrier phase_barrier, step_barrier;
static enum work smp_work;
/** Variant for VARIANT, and why some CPU cannot run it. */
static unsigned int smp_variant;
static const char *smp_variant_error;
/** Each CPU's register at the end of the in-place phase. */
static uintptr_t reg_seen[PLAT_MAX_CPUS];

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

/** Records a failed check: "smp cpu N: what: got X, want Y". */
static void check(unsigned int cpu, const char *what, uint64_t got,
		  uint64_t want)
{
	if (got == want)
		return;
	__atomic_add_fetch(&smp_failures, 1, __ATOMIC_RELAXED);
	plat_put_mismatch("    smp cpu ", cpu, what, got, want);
}

/** One init-mode phase on CPU `cpu`; every CPU runs it at the same time. */
static void phase(unsigned int cpu)
{
	unsigned int other, i;

	plat_other_regs_poison();
	check(cpu, "plat_cpu_index", plat_cpu_index(), cpu);
	percpu_write_reg(0);
	check(cpu, "percpu_cpu_id with register 0", percpu_cpu_id(),
	      PERCPU_CPU_NONE);
	check(cpu, "percpu_init_cpu", (uint64_t) percpu_init_cpu(cpu), 0);
	check(cpu, "per-CPU register", plat_percpu_reg(),
	      percpu_cpu_offset(cpu));
	check(cpu, "percpu_read_reg", percpu_read_reg(), percpu_area_base(cpu));
	check(cpu, "percpu_cpu_id", percpu_cpu_id(), cpu);
	check(cpu, "percpu_init_cpu past the areas",
	      (uint64_t) percpu_init_cpu(percpu_area_num()),
	      (uint64_t) -PERCPU_ERANGE);
	check(cpu, "percpu_cpu_id after that", percpu_cpu_id(), cpu);
	check(cpu, "fresh smp_id", this_cpu_read(smp_id), ID_NONE);
	this_cpu_write(smp_id, cpu);
	barrier_wait(&step_barrier);

	for (other = 0; other < smp_cpus; other++)
		check(cpu, "other CPU's smp_id", *per_cpu_ptr(smp_id, other),
		      other);
	check(cpu, "this_cpu_ptr == per_cpu_ptr(own)",
	      (uintptr_t) this_cpu_ptr(smp_id),
	      (uintptr_t) per_cpu_ptr(smp_id, cpu));
	barrier_wait(&step_barrier);

	for (i = 0; i < iterations(); i++) {
		this_cpu_inc(smp_count);
		this_cpu_add(smp_sum, cpu + 1);
	}
	check(cpu, "own smp_count", this_cpu_read(smp_count), iterations());
	check(cpu, "own smp_id after the loop", this_cpu_read(smp_id), cpu);
	check(cpu, "registers percpu must not touch",
	      (uint64_t) plat_other_regs_check(), 0);
	reg_seen[cpu] = percpu_read_reg();
	barrier_wait(&step_barrier);
}

/** After a refused percpu_init(): this CPU's register and data as left. */
static void unchanged(unsigned int cpu)
{
	check(cpu, "percpu_read_reg after refused init", percpu_read_reg(),
	      reg_seen[cpu]);
	check(cpu, "per-CPU register after refused init", plat_percpu_reg(),
	      reg_seen[cpu] - (uintptr_t) __percpu_start);
	check(cpu, "smp_id after refused init", this_cpu_read(smp_id), cpu);
	check(cpu, "smp_count after refused init", this_cpu_read(smp_count),
	      iterations());
	check(cpu, "registers percpu must not touch",
	      (uint64_t) plat_other_regs_check(), 0);
	barrier_wait(&step_barrier);
}

/** Online CPUs as percpu_for_each_online_cpu() sees them; `victim`'s too. */
static unsigned int online_count(unsigned int victim, int *victim_seen)
{
	unsigned int cpu, n = 0;

	*victim_seen = 0;
	percpu_for_each_online_cpu(cpu)
	{
		n++;
		if (cpu == victim)
			*victim_seen = 1;
	}
	return n;
}

/**
 * Hotplug phase on CPU `cpu` (after an in-place init): the boot CPU takes
 * the last CPU offline and back online; the last CPU touches no per-CPU data
 * while it is offline.
 */
static void hotplug(unsigned int cpu)
{
	unsigned int victim = smp_cpus - 1, areas = percpu_area_num();
	unsigned int other;
	int seen;

	check(cpu, "percpu_init_cpu", (uint64_t) percpu_init_cpu(cpu), 0);
	check(cpu, "fresh smp_hot", this_cpu_read(smp_hot), HOT_INIT);
	this_cpu_write(smp_hot, HOT_VALUE(cpu));
	barrier_wait(&step_barrier);

	if (cpu == 0) {
		check(victim, "percpu_cpu_offline",
		      (uint64_t) percpu_cpu_offline(victim), 0);
		check(victim, "percpu_cpu_is_online after offline",
		      (uint64_t) percpu_cpu_is_online(victim), 0);
		check(victim, "per_cpu_ptr after offline",
		      (uintptr_t) per_cpu_ptr(smp_hot, victim), 0);
		check(victim, "online CPUs after offline",
		      online_count(victim, &seen), areas - 1);
		check(victim, "offline CPU among the online ones",
		      (uint64_t) seen, 0);
		check(victim, "second percpu_cpu_offline",
		      (uint64_t) percpu_cpu_offline(victim),
		      (uint64_t) -PERCPU_EOFFLINE);
		check(victim, "percpu_check with an offline CPU",
		      (uint64_t) percpu_check(), 0);
	}
	barrier_wait(&step_barrier);

	if (cpu == victim) {
		/* Register still points at the retired area: no id, no init. */
		check(cpu, "percpu_cpu_id while offline", percpu_cpu_id(),
		      PERCPU_CPU_NONE);
		check(cpu, "percpu_init_cpu while offline",
		      (uint64_t) percpu_init_cpu(cpu),
		      (uint64_t) -PERCPU_EOFFLINE);
		check(cpu, "percpu_cpu_id after refused init", percpu_cpu_id(),
		      PERCPU_CPU_NONE);
	} else {
		check(cpu, "percpu_cpu_id while another CPU is offline",
		      percpu_cpu_id(), cpu);
		check(cpu, "own smp_hot while another CPU is offline",
		      this_cpu_read(smp_hot), HOT_VALUE(cpu));
	}
	barrier_wait(&step_barrier);

	if (cpu == 0) {
		check(victim, "percpu_cpu_online",
		      (uint64_t) percpu_cpu_online(victim), 0);
		check(victim, "second percpu_cpu_online",
		      (uint64_t) percpu_cpu_online(victim),
		      (uint64_t) -PERCPU_EONLINE);
		check(victim, "percpu_cpu_is_online after online",
		      (uint64_t) percpu_cpu_is_online(victim), 1);
		check(victim, "per_cpu_ptr after online",
		      per_cpu_ptr(smp_hot, victim) != NULL, 1);
		check(victim, "online CPUs after online",
		      online_count(victim, &seen), areas);
		check(victim, "onlined CPU among the online ones",
		      (uint64_t) seen, 1);
	}
	barrier_wait(&step_barrier);

	if (cpu == victim) {
		check(cpu, "percpu_init_cpu after online",
		      (uint64_t) percpu_init_cpu(cpu), 0);
		check(cpu, "percpu_cpu_id after online", percpu_cpu_id(), cpu);
		check(cpu, "smp_hot after online (template)",
		      this_cpu_read(smp_hot), HOT_INIT);
	}
	for (other = 0; other < smp_cpus; other++)
		check(cpu, "smp_hot after hotplug",
		      *per_cpu_ptr(smp_hot, other),
		      other == victim ? HOT_INIT : HOT_VALUE(other));
	barrier_wait(&step_barrier);

	if (cpu == 0)
		check(0, "percpu_check after hotplug",
		      (uint64_t) percpu_check(), 0);
}

/** What every CPU does for `work`; the boot CPU calls it too. */
static void do_work(enum work work, unsigned int cpu)
{
	const char *err;

	switch (work) {
	case VARIANT:
		err = plat_variant_enter(smp_variant);
		if (err != NULL)
			smp_variant_error = err;
		barrier_wait(&step_barrier);
		break;
	case IN_PLACE:
	case CALLER_MEMORY:
		phase(cpu);
		break;
	case UNCHANGED:
		unchanged(cpu);
		break;
	case HOTPLUG:
		hotplug(cpu);
		break;
	case STOP:
		break;
	}
}

/** Secondary CPUs: work per release of phase_barrier, then park. */
static void secondary(unsigned int cpu, void *arg)
{
	(void) arg;
	for (;;) {
		enum work work;

		barrier_wait(&phase_barrier);
		work = __atomic_load_n(&smp_work, __ATOMIC_RELAXED);
		if (work == STOP)
			plat_park();
		do_work(work, cpu);
	}
}

/** Boot CPU: every CPU does `work`; returns when all are done. */
static void run_on_all(enum work work)
{
	__atomic_store_n(&smp_work, work, __ATOMIC_RELAXED);
	barrier_wait(&phase_barrier);
	do_work(work, 0);
}

/** Boot CPU, after a phase: every CPU's exact counts and the totals. */
static void check_totals(void)
{
	uint64_t count = 0, sum = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < smp_cpus; cpu++) {
		check(cpu, "smp_count", *per_cpu_ptr(smp_count, cpu),
		      iterations());
		check(cpu, "smp_sum", *per_cpu_ptr(smp_sum, cpu),
		      (uint64_t) iterations() * (cpu + 1));
		count += *per_cpu_ptr(smp_count, cpu);
		sum += *per_cpu_ptr(smp_sum, cpu);
	}
	check(0, "total smp_count", count, (uint64_t) iterations() * smp_cpus);
	check(0, "total smp_sum", sum,
	      (uint64_t) iterations() * smp_cpus * (smp_cpus + 1) / 2);
}

/** Areas the linker script reserved for in-place init. */
static unsigned int reserved_areas(void)
{
	return (unsigned int) ((size_t) (__percpu_reserve_end -
					 __percpu_reserve_start) /
			       percpu_area_stride());
}

/** Copy of the reserved areas, to prove a refused init wrote nothing. */
static uint8_t reserve_copy[64 * 1024];

/**
 * After the in-place phase: more CPUs than reserved areas gives
 * -PERCPU_ENOSPC and changes nothing, here or on the other CPUs.
 */
static void check_too_many_cpus(const char *variant, unsigned int reserved)
{
	static const uint8_t pattern = 0x6b;
	unsigned int before = smp_failures;
	size_t bytes = reserved * percpu_area_stride();
	volatile uint8_t *first = (volatile uint8_t *) __percpu_reserve_start;
	volatile uint8_t *last = first + bytes - 1;
	uint8_t first_was = *first, last_was = *last;
	int whole = bytes <= sizeof(reserve_copy);

	percpu_test_reset();
	*first = pattern;
	*last = pattern;
	if (whole)
		memcpy(reserve_copy, __percpu_reserve_start, bytes);
	check(0, "init with reserved+1 CPUs",
	      (uint64_t) percpu_init(NULL, reserved + 1),
	      (uint64_t) -PERCPU_ENOSPC);
	check(0, "areas after failed init", percpu_area_num(), 0);
	check(0, "register after failed init", percpu_read_reg(), 0);
	check(0, "first reserved byte", *first, pattern);
	check(0, "last reserved byte", *last, pattern);
	if (whole)
		check(0, "reserved areas after failed init",
		      memcmp(reserve_copy, __percpu_reserve_start, bytes) == 0,
		      1);
	check(0, "init_cpu after failed init", (uint64_t) percpu_init_cpu(0),
	      (uint64_t) -PERCPU_ENOTINIT);
	*first = first_was;
	*last = last_was;
	/* The reset cleared the boot CPU's register; the others kept theirs. */
	percpu_write_reg(reg_seen[0]);
	run_on_all(UNCHANGED);
	runner_result(smp_failures == before ? "[ PASS ] " : "[ FAIL ] ",
		      variant);
	plat_puts("smp misuse: more CPUs than reserved areas");
	plat_puts(whole ? "\n" : " (areas too large to compare whole)\n");
}

/** Sets up percpu for `mode` on the boot CPU; others wait at a barrier. */
static void init_phase(enum work mode, unsigned int reserved)
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

/** The hotplug phase on every CPU; skipped with fewer than 2 CPUs. */
static void check_hotplug(const char *variant, unsigned int reserved)
{
	unsigned int before = smp_failures;

	if (smp_cpus < 2) {
		runner_result("[ SKIP ] ", variant);
		plat_puts("smp hotplug: needs 2 CPUs or more, have ");
		plat_put_dec(smp_cpus);
		plat_puts("\n");
		return;
	}
	init_phase(IN_PLACE, reserved);
	run_on_all(HOTPLUG);
	runner_result(smp_failures == before ? "[ PASS ] " : "[ FAIL ] ",
		      variant);
	plat_puts("smp hotplug: CPU ");
	plat_put_dec(smp_cpus - 1);
	plat_puts(" offline and online, ");
	plat_put_dec(smp_cpus);
	plat_puts(" CPUs\n");
}

unsigned int smp_test_start(void)
{
	unsigned int cpus = plat_cpu_count();
	unsigned int reserved = reserved_areas();
	unsigned int cpu;

	plat_puts("smp: ");
	plat_put_dec(cpus);
	plat_puts(" CPUs, ");
	plat_put_dec(reserved);
	plat_puts(" reserved areas\n");
	check(0, "CPUs fit the reserved areas", cpus <= reserved, 1);
	check(0, "at least one CPU", cpus >= 1, 1);
	if (smp_failures != 0)
		return smp_failures;
	/*
	 * Started CPUs wait at phase_barrier for smp_cpus arrivals. A CPU that
	 * does not start fails the run; the ones before it go on.
	 */
	smp_cpus = cpus;
	for (cpu = 1; cpu < cpus; cpu++) {
		int rc = plat_start_cpu(cpu, secondary, NULL);

		check(cpu, "plat_start_cpu", (uint64_t) rc, 0);
		if (rc != 0) {
			smp_cpus = cpu;
			break;
		}
	}
	return smp_failures;
}

const char *smp_test_variant(unsigned int v)
{
	smp_variant = v;
	smp_variant_error = NULL;
	run_on_all(VARIANT);
	return smp_variant_error;
}

unsigned int smp_test_run(const char *variant)
{
	unsigned int reserved = reserved_areas();
	unsigned int start = smp_failures;
	enum work mode;

	for (mode = IN_PLACE; mode <= CALLER_MEMORY; mode++) {
		unsigned int before = smp_failures;

		init_phase(mode, reserved);
		run_on_all(mode);
		check_totals();
		runner_result(smp_failures == before ? "[ PASS ] "
						     : "[ FAIL ] ",
			      variant);
		plat_puts("smp ");
		plat_puts(mode_names[mode]);
		plat_puts(", ");
		plat_put_dec(smp_cpus);
		plat_puts(" CPUs\n");
		if (mode == IN_PLACE)
			check_too_many_cpus(variant, reserved);
	}
	check_hotplug(variant, reserved);
	percpu_test_reset();
	plat_puts("smp: ");
	plat_put_dec(smp_failures - start);
	plat_puts(" failed checks\n");
	return smp_failures - start;
}

unsigned int smp_test_stop(void)
{
	run_on_all(STOP);
	return smp_cpus;
}
