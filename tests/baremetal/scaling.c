/*
 * The scaling report: how percpu's costs grow with the CPU count on this
 * machine, measured with the board's counter (plat_ticks()). For 1, 8, 64
 * and 256 CPUs up to the machine's count, and the machine's count itself,
 * in caller memory (ptest_memory): one percpu_init, one percpu_cpu_online
 * (after an offline), one per_cpu_ptr of the last CPU (per call, over many),
 * and a sum of one variable over every online CPU under the hotplug read
 * lock. Medians of a few samples, in ns. Only the results are checked (the
 * figures are for reading: emulated time, and a shared host).
 */
#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"
#include "tests/baremetal/runner.h"
#include "tests/harness/ptest.h"
#include "tools/boards/platform.h"

PERCPU_DEFINE(uint64_t, scale_value);

static const unsigned int scale_counts[] = {1, 8, 64, 256};
#define SCALE_COUNTS (sizeof(scale_counts) / sizeof(scale_counts[0]))
#define SAMPLES 5
#define PTR_CALLS 1024

/** The CPU per_cpu_ptr() asks for (volatile: every call reads it). */
static volatile unsigned int ptr_cpu;
static volatile uintptr_t ptr_sink;
static unsigned int scale_failures;

static void check(unsigned int cpus, const char *what, uint64_t got,
		  uint64_t want)
{
	if (got == want)
		return;
	scale_failures++;
	plat_put_mismatch("    scaling, CPUs: ", cpus, what, got, want);
}

static uint64_t median(uint64_t *v)
{
	unsigned int i, j;

	for (i = 1; i < SAMPLES; i++) {
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	}
	return v[SAMPLES / 2];
}

/** Counter ticks as tenths of a ns per call, over `calls` calls. */
static uint64_t tenths_ns(uint64_t ticks, uint64_t calls)
{
	return ticks * 10000000000ull / plat_ticks_hz() / calls;
}

/** Prints `tenths` (tenths of a unit) right-aligned in `width` columns. */
static void put_column(uint64_t tenths, unsigned int width, int decimal)
{
	char fraction[3] = {'.', (char) ('0' + tenths % 10), '\0'};

	if (!decimal) {
		plat_put_dec_width(tenths / 10, width);
		return;
	}
	plat_put_dec_width(tenths / 10, width - 2);
	plat_puts(fraction);
}

static uint64_t sum_online(void)
{
	unsigned int rd = percpu_hotplug_read_lock(), cpu;
	uint64_t total = 0;

	percpu_for_each_online_cpu(cpu) total += *per_cpu_ptr(scale_value, cpu);
	percpu_hotplug_read_unlock(rd);
	return total;
}

/** One row: `cpus` areas in caller memory. */
static void scale_row(unsigned int cpus)
{
	uint64_t init[SAMPLES], online[SAMPLES], ptr[SAMPLES], sum[SAMPLES];
	unsigned int s, cpu, i;

	for (s = 0; s < SAMPLES; s++) {
		uint64_t t0;

		percpu_test_reset();
		t0 = plat_ticks();
		check(cpus, "percpu_init",
		      (uint64_t) percpu_init(ptest_memory, cpus), cpus);
		init[s] = plat_ticks() - t0;
		check(cpus, "percpu_init_cpu(0)", (uint64_t) percpu_init_cpu(0),
		      0);
		online[s] = 0;
		if (cpus > 1) {
			check(cpus, "percpu_cpu_offline",
			      (uint64_t) percpu_cpu_offline(cpus - 1), 0);
			t0 = plat_ticks();
			check(cpus, "percpu_cpu_online",
			      (uint64_t) percpu_cpu_online(cpus - 1), 0);
			online[s] = plat_ticks() - t0;
		}
		ptr_cpu = cpus - 1;
		t0 = plat_ticks();
		for (i = 0; i < PTR_CALLS; i++)
			ptr_sink =
				(uintptr_t) per_cpu_ptr(scale_value, ptr_cpu);
		ptr[s] = plat_ticks() - t0;
		check(cpus, "per_cpu_ptr of the last CPU", ptr_sink,
		      percpu_area_base(cpus - 1) + PERCPU_OFFSET(scale_value));
		for (cpu = 0; cpu < cpus; cpu++)
			*per_cpu_ptr(scale_value, cpu) = cpu + 1;
		t0 = plat_ticks();
		check(cpus, "sum over the online CPUs", sum_online(),
		      (uint64_t) cpus * (cpus + 1) / 2);
		sum[s] = plat_ticks() - t0;
	}
	plat_puts("scaling: ");
	put_column((uint64_t) cpus * 10, 5, 0);
	put_column(tenths_ns(median(init), 1), 12, 0);
	if (cpus > 1)
		put_column(tenths_ns(median(online), 1), 12, 0);
	else
		plat_puts("           -");
	put_column(tenths_ns(median(ptr), PTR_CALLS), 12, 1);
	put_column(tenths_ns(median(sum), 1), 12, 0);
	plat_puts("\n");
}

unsigned int scaling_report(void)
{
	unsigned int machine = plat_cpu_count(), c;

	scale_failures = 0;
	plat_puts("scaling: ns (median of 5, counter at ");
	plat_put_dec(plat_ticks_hz());
	plat_puts(" Hz), caller memory\nscaling:  CPUs percpu_init      online"
		  " per_cpu_ptr  sum online\n");
	if (percpu_required_size(machine) > sizeof(ptest_memory)) {
		check(machine, "areas fit ptest_memory", 0, 1);
		return scale_failures;
	}
	for (c = 0; c < SCALE_COUNTS && scale_counts[c] < machine; c++)
		scale_row(scale_counts[c]);
	scale_row(machine);
	percpu_test_reset();
	runner_result(scale_failures == 0 ? "[ PASS ] " : "[ FAIL ] ", NULL);
	plat_puts("scaling report\n");
	return scale_failures;
}
