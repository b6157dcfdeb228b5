/*
 * The scaling report: how percpu's costs grow with the CPU count on this
 * machine, measured with the board's counter (plat_ticks()). For 1, 8, 64
 * and 256 CPUs up to the machine's count, and the machine's count itself,
 * in caller memory (ptest_memory): one percpu_init, one percpu_cpu_online
 * (after an offline), one per_cpu_ptr of the last CPU (per call, over many),
 * and a sum of one variable over every online CPU under the hotplug read
 * lock. Medians of a few samples, in ns. Only the results are checked, with
 * the cases' PT_* checks (the figures are for reading: emulated time, and a
 * shared host); the runner runs it as one more case.
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

/** Prints `tenths` (tenths of a unit) as N.N right-aligned in `width`. */
static void put_tenths(uint64_t tenths, unsigned int width)
{
	char fraction[3] = {'.', (char) ('0' + tenths % 10), '\0'};

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
		uint64_t t0, total;
		int rc;

		percpu_test_reset();
		t0 = plat_ticks();
		rc = percpu_init(ptest_memory, cpus);
		init[s] = plat_ticks() - t0;
		PT_ASSERT_EQ(rc, cpus);
		PT_EXPECT_EQ(percpu_init_cpu(0), 0);
		online[s] = 0;
		if (cpus > 1) {
			PT_EXPECT_EQ(percpu_cpu_offline(cpus - 1), 0);
			t0 = plat_ticks();
			rc = percpu_cpu_online(cpus - 1);
			online[s] = plat_ticks() - t0;
			PT_EXPECT_EQ(rc, 0);
		}
		ptr_cpu = cpus - 1;
		t0 = plat_ticks();
		for (i = 0; i < PTR_CALLS; i++)
			ptr_sink =
				(uintptr_t) per_cpu_ptr(scale_value, ptr_cpu);
		ptr[s] = plat_ticks() - t0;
		PT_EXPECT_EQ(ptr_sink, percpu_area_base(cpus - 1) +
					       PERCPU_OFFSET(scale_value));
		for (cpu = 0; cpu < cpus; cpu++)
			*per_cpu_ptr(scale_value, cpu) = cpu + 1;
		t0 = plat_ticks();
		total = sum_online();
		sum[s] = plat_ticks() - t0;
		PT_EXPECT_EQ(total, (uint64_t) cpus * (cpus + 1) / 2);
	}
	plat_puts("scaling: ");
	plat_put_dec_width(cpus, 5);
	plat_put_dec_width(tenths_ns(median(init), 1) / 10, 12);
	if (cpus > 1)
		plat_put_dec_width(tenths_ns(median(online), 1) / 10, 12);
	else
		plat_puts("           -");
	put_tenths(tenths_ns(median(ptr), PTR_CALLS), 12);
	plat_put_dec_width(tenths_ns(median(sum), 1) / 10, 12);
	plat_puts("\n");
}

void scaling_report(void)
{
	unsigned int machine = plat_cpu_count(), c;

	plat_puts("scaling: ns (median of 5, counter at ");
	plat_put_dec(plat_ticks_hz());
	plat_puts(" Hz), caller memory\nscaling:  CPUs percpu_init      online"
		  " per_cpu_ptr  sum online\n");
	PT_ASSERT_TRUE(percpu_required_size(machine) <= sizeof(ptest_memory));
	for (c = 0; c < SCALE_COUNTS && scale_counts[c] < machine; c++)
		scale_row(scale_counts[c]);
	scale_row(machine);
}
