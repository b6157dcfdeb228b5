/*
 * CPU hotplug, the dynamic region and percpu_check(): single-CPU acting (the
 * case moves the register itself), so they run on the host and bare metal.
 * Each runs in place and in caller memory where both make sense.
 */
#include <string.h>

#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"
#include "tests/harness/ptest.h"

PERCPU_DEFINE(uint64_t, hp_counter) = 42;
PERCPU_DEFINE(uint32_t[8], hp_array) = {1, 2, 3, 4, 5, 6, 7, 8};
PERCPU_DEFINE(uint16_t, hp_small) = 0x5aa5;

#define SKIP_IF_SINGLE() PT_SKIP_IF(ARCH_PERCPU_SINGLE, "needs several areas")

/** Most CPUs a case uses in caller memory. */
#define MAX_CASE_CPUS 8

enum mode { IN_PLACE, CALLER_MEMORY };

/**
 * Initialises `want` areas (0: all reserved ones in place) with `dyn` bytes of
 * dynamic region. Returns the area count, or -1 after failing the case, or 0
 * after skipping it (in place: the image reserved too little; tests/BUILD
 * links with PERCPU_DYN_SIZE=4096 and a bare-metal image should too).
 */
static int init_mode(enum mode mode, unsigned int want, size_t dyn)
{
	size_t reserve =
		(size_t) (__percpu_reserve_end - __percpu_reserve_start);
	int n;

	PT_CHECK(percpu_set_dyn_size(dyn), 0, return -1);
	if (mode == IN_PLACE) {
		if (reserve / percpu_area_stride() < (want > 0 ? want : 1)) {
			ptest_skip("too few in-place areas with this dynamic "
				   "region (PERCPU_DYN_SIZE)");
			return 0;
		}
		n = percpu_init(NULL, want);
	} else {
		if (want == 0)
			want = ARCH_PERCPU_SINGLE ? 1 : 4;
		PT_CHECK(percpu_required_size(want) <= sizeof(ptest_memory), 1,
			 return -1);
		n = percpu_init(ptest_memory, want);
	}
	PT_CHECK(n >= 1, 1, return -1);
	return n;
}

/** init_mode() into `n`, or end the case (failed or skipped). */
#define INIT(n, mode, want, dyn)                                               \
	do {                                                                   \
		(n) = init_mode(mode, want, dyn);                              \
		if ((n) <= 0)                                                  \
			return;                                                \
	} while (0)

/** The static variables hold their initializers on `cpu`. */
static void expect_fresh(unsigned int cpu)
{
	PT_EXPECT_EQ(*per_cpu_ptr(hp_counter, cpu), 42);
	PT_EXPECT_EQ((*per_cpu_ptr(hp_array, cpu))[0], 1);
	PT_EXPECT_EQ((*per_cpu_ptr(hp_array, cpu))[7], 8);
	PT_EXPECT_EQ(*per_cpu_ptr(hp_small, cpu), 0x5aa5);
}

/** Gives `cpu` values that differ from the initializers and other CPUs'. */
static void set_values(unsigned int cpu)
{
	PT_ASSERT_EQ(percpu_init_cpu(cpu), 0);
	this_cpu_write(hp_counter, 1000 + cpu);
	(*this_cpu_ptr(hp_array))[7] = 2000 + cpu;
	this_cpu_write(hp_small, 3000 + cpu);
}

static void expect_values(unsigned int cpu)
{
	PT_EXPECT_EQ(*per_cpu_ptr(hp_counter, cpu), 1000 + cpu);
	PT_EXPECT_EQ((*per_cpu_ptr(hp_array, cpu))[7], 2000 + cpu);
	PT_EXPECT_EQ(*per_cpu_ptr(hp_small, cpu), 3000 + cpu);
}

/* Hashes of every area, to prove an operation touched only one of them. */
static uint64_t before[1024];

static uint64_t area_hash(unsigned int cpu)
{
	return ptest_hash((const void *) percpu_area_base(cpu),
			  percpu_area_stride());
}

static void snapshot_areas(void)
{
	unsigned int cpu;

	PT_CHECK(percpu_area_num() <= sizeof(before) / sizeof(before[0]), 1,
		 return );
	for (cpu = 0; cpu < percpu_area_num(); cpu++)
		before[cpu] = area_hash(cpu);
}

/** Every area except `skip` (PERCPU_CPU_NONE: none) is as snapshotted. */
static void expect_areas_unchanged(unsigned int skip)
{
	unsigned int cpu;

	for (cpu = 0; cpu < percpu_area_num(); cpu++) {
		if (cpu == skip)
			continue;
		PT_EXPECT_EQ(area_hash(cpu), before[cpu]);
	}
}

/* Hotplug. */

PTEST(hotplug_all_online_after_init)
{
	unsigned int cpu, seen = 0;
	int n;

	INIT(n, IN_PLACE, 0, 0);
	percpu_for_each_online_cpu(cpu)
	{
		PT_EXPECT_EQ(cpu, seen);
		PT_EXPECT_TRUE(percpu_cpu_is_online(cpu));
		seen++;
	}
	PT_EXPECT_EQ(seen, n);
	PT_EXPECT_TRUE(!percpu_cpu_is_online((unsigned int) n));
}

/**
 * Takes CPU 1 offline and back: the others keep their values, CPU 1 comes
 * back with the initializers.
 */
static void offline_online_cycle(enum mode mode)
{
	unsigned int cpu, seen = 0;
	uint8_t *area1;
	int n;

	INIT(n, mode, 3, 256);
	PT_ASSERT_EQ(n, 3);
	for (cpu = 0; cpu < 3; cpu++)
		set_values(cpu);
	snapshot_areas();

	PT_ASSERT_EQ(percpu_cpu_offline(1), 0);
	PT_EXPECT_TRUE(!percpu_cpu_is_online(1));
	PT_EXPECT_EQ(per_cpu_ptr(hp_counter, 1), NULL);
	PT_EXPECT_EQ(percpu_area_base(1),
		     percpu_area_base(0) + percpu_area_stride());
	percpu_for_each_online_cpu(cpu)
	{
		PT_EXPECT_TRUE(cpu != 1);
		seen++;
	}
	PT_EXPECT_EQ(seen, 2);
	/* Poisoned, header kept. */
	area1 = (uint8_t *) percpu_area_base(1);
	PT_EXPECT_EQ(area1[PERCPU_OFFSET(hp_counter)], PERCPU_POISON);
	PT_EXPECT_EQ(area1[PERCPU_OFFSET(hp_small) + 1], PERCPU_POISON);
	PT_EXPECT_EQ(((struct percpu_head *) area1)->cpu, 1);
	PT_EXPECT_EQ(percpu_check(), 0);
	expect_areas_unchanged(1);

	PT_ASSERT_EQ(percpu_cpu_online(1), 0);
	PT_EXPECT_TRUE(percpu_cpu_is_online(1));
	expect_fresh(1);
	expect_values(0);
	expect_values(2);
	expect_areas_unchanged(1);
	PT_ASSERT_EQ(percpu_init_cpu(1), 0);
	PT_EXPECT_EQ(percpu_cpu_id(), 1);
	PT_EXPECT_EQ(this_cpu_read(hp_counter), 42);
	this_cpu_inc(hp_counter);
	PT_EXPECT_EQ(*per_cpu_ptr(hp_counter, 1), 43);
	PT_EXPECT_EQ(percpu_check(), 0);
}

PTEST(hotplug_cycle_gives_fresh_values_in_place)
{
	SKIP_IF_SINGLE();
	offline_online_cycle(IN_PLACE);
}

PTEST(hotplug_cycle_gives_fresh_values_in_caller_memory)
{
	SKIP_IF_SINGLE();
	offline_online_cycle(CALLER_MEMORY);
}

PTEST(hotplug_every_cpu_offline_and_back)
{
	unsigned int cpu;
	int n;

	SKIP_IF_SINGLE();
	INIT(n, IN_PLACE, 0, 0);
	PT_ASSERT_TRUE(n >= 2);
	for (cpu = 0; cpu < (unsigned int) n; cpu++)
		set_values(cpu);
	for (cpu = 0; cpu < (unsigned int) n; cpu++)
		PT_ASSERT_EQ(percpu_cpu_offline(cpu), 0);
	PT_EXPECT_EQ(percpu_next_online(0), n);
	for (cpu = 0; cpu < (unsigned int) n; cpu++)
		PT_EXPECT_EQ(per_cpu_ptr(hp_counter, cpu), NULL);
	for (cpu = 0; cpu < (unsigned int) n; cpu += 2)
		PT_ASSERT_EQ(percpu_cpu_online(cpu), 0);
	for (cpu = 0; cpu < (unsigned int) n; cpu++) {
		PT_EXPECT_EQ(percpu_cpu_is_online(cpu), cpu % 2 == 0);
		if (cpu % 2 == 0)
			expect_fresh(cpu);
	}
	PT_EXPECT_EQ(percpu_check(), 0);
}

PTEST(hotplug_misuse)
{
	uintptr_t reg;
	int n;

	PT_EXPECT_EQ(percpu_cpu_online(0), -PERCPU_ENOTINIT);
	PT_EXPECT_EQ(percpu_cpu_offline(0), -PERCPU_ENOTINIT);
	INIT(n, IN_PLACE, 0, 0);
	PT_ASSERT_EQ(percpu_init_cpu(0), 0);
	reg = percpu_read_reg();
	snapshot_areas();
	PT_EXPECT_EQ(percpu_cpu_online((unsigned int) n), -PERCPU_ERANGE);
	PT_EXPECT_EQ(percpu_cpu_offline((unsigned int) n), -PERCPU_ERANGE);
	PT_EXPECT_EQ(percpu_cpu_online(~0u), -PERCPU_ERANGE);
	PT_EXPECT_EQ(percpu_cpu_online(0), -PERCPU_EONLINE);
	expect_areas_unchanged(PERCPU_CPU_NONE);
	if (ARCH_PERCPU_SINGLE) {
		PT_EXPECT_EQ(percpu_cpu_offline(0), -PERCPU_ENOTSUP);
		PT_EXPECT_TRUE(percpu_cpu_is_online(0));
		expect_areas_unchanged(PERCPU_CPU_NONE);
		return;
	}
	PT_ASSERT_TRUE(n >= 2);
	PT_ASSERT_EQ(percpu_cpu_offline(1), 0);
	snapshot_areas();
	PT_EXPECT_EQ(percpu_cpu_offline(1), -PERCPU_EOFFLINE);
	PT_EXPECT_EQ(percpu_init_cpu(1), -PERCPU_EOFFLINE);
	PT_EXPECT_EQ(percpu_read_reg(), reg);
	expect_areas_unchanged(PERCPU_CPU_NONE);
	/* A register left on an offline area is stale: no CPU id. */
	percpu_write_reg(percpu_area_base(1));
	PT_EXPECT_EQ(percpu_cpu_id(), PERCPU_CPU_NONE);
	percpu_write_reg(reg);
	PT_EXPECT_EQ(percpu_cpu_id(), 0);
}

PTEST(hotplug_messages_name_call_and_cpu)
{
	int n;

	INIT(n, IN_PLACE, 0, 0);
	ptest_capture_begin();
	PT_EXPECT_EQ(percpu_cpu_online(0), -PERCPU_EONLINE);
	PT_EXPECT_TRUE(
		ptest_captured("percpu_cpu_online(0)", "already online"));
	PT_EXPECT_EQ(percpu_cpu_offline(5000), -PERCPU_ERANGE);
	PT_EXPECT_TRUE(
		ptest_captured("percpu_cpu_offline(5000)", "out of range"));
	ptest_capture_end();
	PT_EXPECT_EQ(
		strcmp(percpu_strerror(-PERCPU_EOFFLINE), "cpu is offline"), 0);
	PT_EXPECT_EQ(strcmp(percpu_strerror(-PERCPU_ENOTSUP),
			    "not supported in single-CPU mode"),
		     0);
}

/* The dynamic region. */

PTEST(dyn_size_sets_layout)
{
	size_t stride0 = percpu_area_stride();

	PT_EXPECT_EQ(percpu_dyn_size(), 0);
	PT_EXPECT_EQ(percpu_set_dyn_size(1000), 0);
	PT_EXPECT_EQ(percpu_dyn_size(), 1024);
	PT_EXPECT_TRUE(percpu_area_stride() >= stride0 + 1024);
	PT_EXPECT_TRUE(percpu_area_stride() >=
		       percpu_area_size() + 1024 + sizeof(uint64_t));
	PT_EXPECT_EQ(percpu_area_stride() % percpu_required_align(), 0);
	PT_EXPECT_EQ(percpu_required_size(3), 3 * percpu_area_stride());
	PT_EXPECT_EQ(percpu_set_dyn_size(SIZE_MAX), -PERCPU_EINVAL);
	PT_EXPECT_EQ(percpu_dyn_size(), 1024);
	PT_ASSERT_TRUE(init_mode(CALLER_MEMORY, 0, 1000) >= 1);
	PT_EXPECT_EQ(percpu_set_dyn_size(64), -PERCPU_EALREADY);
	PT_EXPECT_EQ(percpu_dyn_size(), 1024);
	PT_EXPECT_EQ(percpu_dyn_used(), 0);
}

PTEST(dyn_in_place_fits_the_reservation)
{
	size_t reserve =
		(size_t) (__percpu_reserve_end - __percpu_reserve_start);
	size_t fit;
	int n;

	/* The linker reserves PERCPU_DYN_SIZE per area (tests/BUILD: 4096). */
	PT_ASSERT_EQ(percpu_set_dyn_size(4096), 0);
	fit = reserve / percpu_area_stride();
	n = percpu_init(NULL, 0);
	if (fit == 0) {
		PT_EXPECT_EQ(n, -PERCPU_ENOSPC);
		return;
	}
	PT_ASSERT_EQ(n, ARCH_PERCPU_SINGLE ? 1 : fit);
	PT_EXPECT_TRUE(percpu_alloc(4096, 64) != PERCPU_HANDLE_NONE);
	PT_EXPECT_EQ(percpu_check(), 0);
	percpu_test_reset();
	/* A region larger than reserved: fewer areas, or none. */
	PT_ASSERT_EQ(percpu_set_dyn_size(reserve), 0);
	PT_EXPECT_EQ(percpu_init(NULL, 0), -PERCPU_ENOSPC);
}

/** Allocates, writes per CPU, frees; checks zeroing, alignment, overlap. */
static void alloc_write_free(enum mode mode)
{
	unsigned int cpu, num;
	percpu_handle_t a, b, c;
	uint8_t *pa, *pb;
	size_t i;
	int n;

	INIT(n, mode, 0, 2048);
	num = percpu_area_num();
	a = percpu_alloc(100, 8);
	b = percpu_alloc(64, 64);
	c = percpu_alloc(3, 1);
	PT_ASSERT_TRUE(a != PERCPU_HANDLE_NONE && b != PERCPU_HANDLE_NONE &&
		       c != PERCPU_HANDLE_NONE);
	PT_EXPECT_EQ(percpu_dyn_used(), 167);
	for (cpu = 0; cpu < num; cpu++) {
		pa = (uint8_t *) per_cpu_dyn_ptr(a, cpu);
		pb = (uint8_t *) per_cpu_dyn_ptr(b, cpu);
		PT_ASSERT_TRUE(pa != NULL && pb != NULL);
		PT_EXPECT_EQ((uintptr_t) pa % 8, 0);
		PT_EXPECT_EQ((uintptr_t) pb % 64, 0);
		/* Outside the static variables, inside the stride. */
		PT_EXPECT_TRUE(pa >= (uint8_t *) percpu_area_base(cpu) +
					       percpu_area_size() ||
			       ARCH_PERCPU_SINGLE);
		PT_EXPECT_TRUE(pa + 100 <= pb || pb + 64 <= pa);
		for (i = 0; i < 100; i++)
			PT_EXPECT_EQ(pa[i], 0);
		PT_ASSERT_EQ(percpu_init_cpu(cpu), 0);
		PT_EXPECT_EQ(this_cpu_dyn_ptr(a), pa);
		memset(this_cpu_dyn_ptr(a), 0x10 + (int) cpu, 100);
		*(uint64_t *) this_cpu_dyn_ptr(b) = 0xb0b0 + cpu;
	}
	for (cpu = 0; cpu < num; cpu++) {
		pa = (uint8_t *) per_cpu_dyn_ptr(a, cpu);
		/* The byte memset wrote (hundreds of areas: it wraps). */
		PT_EXPECT_EQ(pa[0], (uint8_t) (0x10 + cpu));
		PT_EXPECT_EQ(pa[99], (uint8_t) (0x10 + cpu));
		PT_EXPECT_EQ(*(uint64_t *) per_cpu_dyn_ptr(b, cpu),
			     0xb0b0 + cpu);
		expect_fresh(cpu);
	}
	/* Freed space is reused first fit, and zeroed again. */
	PT_EXPECT_EQ(percpu_free(a), 0);
	PT_EXPECT_EQ(percpu_dyn_used(), 67);
	PT_EXPECT_EQ(percpu_alloc(100, 8), a);
	PT_EXPECT_EQ(((uint8_t *) per_cpu_dyn_ptr(a, num - 1))[50], 0);
	PT_EXPECT_EQ(*(uint64_t *) per_cpu_dyn_ptr(b, num - 1),
		     0xb0b0 + num - 1);
	PT_EXPECT_EQ(percpu_free(a), 0);
	PT_EXPECT_EQ(percpu_free(b), 0);
	PT_EXPECT_EQ(percpu_free(c), 0);
	PT_EXPECT_EQ(percpu_dyn_used(), 0);
	PT_EXPECT_EQ(percpu_check(), 0);
}

PTEST(dyn_alloc_write_free_in_place)
{
	alloc_write_free(IN_PLACE);
}

PTEST(dyn_alloc_write_free_in_caller_memory)
{
	alloc_write_free(CALLER_MEMORY);
}

PTEST(dyn_single_cpu_region_is_separate_memory)
{
	percpu_handle_t h;
	uint8_t *p;

	PT_SKIP_IF(!ARCH_PERCPU_SINGLE, "single-CPU build only");
	PT_ASSERT_EQ(init_mode(CALLER_MEMORY, 1, 512), 1);
	h = percpu_alloc(512, 64);
	PT_ASSERT_TRUE(h != PERCPU_HANDLE_NONE);
	p = (uint8_t *) per_cpu_dyn_ptr(h, 0);
	PT_EXPECT_EQ(this_cpu_dyn_ptr(h), p);
	PT_EXPECT_TRUE(p >= ptest_memory &&
		       p + 512 <= ptest_memory + sizeof(ptest_memory));
	PT_EXPECT_EQ(per_cpu_dyn_ptr(h, 1), NULL);
	memset(p, 0x77, 512);
	expect_fresh(0);
	PT_EXPECT_EQ(percpu_check(), 0);
}

PTEST(dyn_exhaustion_and_table_limit)
{
	percpu_handle_t all, h[PERCPU_DYN_MAX_ALLOCS];
	unsigned int i;

	PT_ASSERT_TRUE(init_mode(CALLER_MEMORY, 0, PERCPU_DYN_MAX_ALLOCS) >= 1);
	all = percpu_alloc(percpu_dyn_size(), 1);
	PT_ASSERT_TRUE(all != PERCPU_HANDLE_NONE);
	ptest_capture_begin();
	PT_EXPECT_EQ(percpu_alloc(1, 1), PERCPU_HANDLE_NONE);
	PT_EXPECT_TRUE(ptest_captured("percpu_alloc(1)", "exhausted"));
	PT_EXPECT_EQ(percpu_alloc(percpu_dyn_size() + 1, 1),
		     PERCPU_HANDLE_NONE);
	ptest_capture_end();
	PT_EXPECT_EQ(percpu_free(all), 0);
	/* The table holds PERCPU_DYN_MAX_ALLOCS objects, one byte each. */
	for (i = 0; i < PERCPU_DYN_MAX_ALLOCS; i++) {
		h[i] = percpu_alloc(1, 1);
		PT_ASSERT_TRUE(h[i] != PERCPU_HANDLE_NONE);
		PT_EXPECT_TRUE(i == 0 || h[i] == h[i - 1] + 1);
	}
	PT_EXPECT_EQ(percpu_dyn_used(), PERCPU_DYN_MAX_ALLOCS);
	ptest_capture_begin();
	PT_EXPECT_EQ(percpu_alloc(1, 1), PERCPU_HANDLE_NONE);
	ptest_capture_end();
	PT_EXPECT_EQ(percpu_free(h[7]), 0);
	PT_EXPECT_EQ(percpu_alloc(1, 1), h[7]);
	for (i = 0; i < PERCPU_DYN_MAX_ALLOCS; i++)
		PT_EXPECT_EQ(percpu_free(h[i]), 0);
	PT_EXPECT_EQ(percpu_dyn_used(), 0);
	PT_EXPECT_EQ(percpu_alloc(percpu_dyn_size(), 1), all);
}

PTEST(dyn_misuse)
{
	percpu_handle_t h;

	ptest_capture_begin();
	PT_EXPECT_EQ(percpu_alloc(8, 8), PERCPU_HANDLE_NONE);
	PT_EXPECT_TRUE(ptest_captured("percpu_alloc(8)", "percpu_init()"));
	PT_EXPECT_EQ(percpu_free(64), -PERCPU_ENOTINIT);
	ptest_capture_end();
	PT_ASSERT_TRUE(init_mode(CALLER_MEMORY, 0, 1024) >= 1);
	snapshot_areas();
	ptest_capture_begin();
	PT_EXPECT_EQ(percpu_alloc(0, 8), PERCPU_HANDLE_NONE);
	PT_EXPECT_TRUE(ptest_captured("percpu_alloc(0)", "invalid argument"));
	PT_EXPECT_EQ(percpu_alloc(8, 0), PERCPU_HANDLE_NONE);
	PT_EXPECT_EQ(percpu_alloc(8, 3), PERCPU_HANDLE_NONE);
	PT_EXPECT_EQ(percpu_alloc(8, percpu_required_align() * 2),
		     PERCPU_HANDLE_NONE);
	PT_EXPECT_EQ(percpu_alloc(SIZE_MAX, 8), PERCPU_HANDLE_NONE);
	PT_EXPECT_EQ(percpu_free(PERCPU_HANDLE_NONE), -PERCPU_EBADHANDLE);
	PT_EXPECT_EQ(percpu_free(12345), -PERCPU_EBADHANDLE);
	expect_areas_unchanged(PERCPU_CPU_NONE);
	h = percpu_alloc(16, 16);
	PT_ASSERT_TRUE(h != PERCPU_HANDLE_NONE);
	PT_EXPECT_EQ(percpu_free(h + 1), -PERCPU_EBADHANDLE);
	PT_EXPECT_EQ(percpu_free(h), 0);
	PT_EXPECT_EQ(percpu_free(h), -PERCPU_EBADHANDLE);
	PT_EXPECT_TRUE(ptest_captured("percpu_free(", "double free"));
	ptest_capture_end();
	PT_EXPECT_EQ(percpu_dyn_used(), 0);
	PT_EXPECT_EQ(per_cpu_dyn_ptr(PERCPU_HANDLE_NONE, 0), NULL);
	PT_EXPECT_EQ(per_cpu_dyn_ptr(h, percpu_area_num()), NULL);
}

PTEST(dyn_with_hotplug)
{
	percpu_handle_t a, b;
	unsigned int cpu;

	SKIP_IF_SINGLE();
	PT_ASSERT_EQ(init_mode(CALLER_MEMORY, 4, 512), 4);
	a = percpu_alloc(32, 8);
	PT_ASSERT_TRUE(a != PERCPU_HANDLE_NONE);
	for (cpu = 0; cpu < 4; cpu++)
		memset(per_cpu_dyn_ptr(a, cpu), 0x40 + (int) cpu, 32);
	PT_ASSERT_EQ(percpu_cpu_offline(2), 0);
	PT_EXPECT_EQ(per_cpu_dyn_ptr(a, 2), NULL);
	/* Allocated while CPU 2 is offline: CPU 2 gets it zeroed later. */
	b = percpu_alloc(32, 8);
	PT_ASSERT_TRUE(b != PERCPU_HANDLE_NONE);
	PT_EXPECT_EQ(percpu_check(), 0);
	for (cpu = 0; cpu < 4; cpu++) {
		if (cpu != 2)
			memset(per_cpu_dyn_ptr(b, cpu), 0x60, 32);
	}
	PT_ASSERT_EQ(percpu_cpu_online(2), 0);
	PT_EXPECT_EQ(((uint8_t *) per_cpu_dyn_ptr(a, 2))[31], 0);
	PT_EXPECT_EQ(((uint8_t *) per_cpu_dyn_ptr(b, 2))[0], 0);
	PT_EXPECT_EQ(((uint8_t *) per_cpu_dyn_ptr(a, 3))[31], 0x43);
	PT_EXPECT_EQ(((uint8_t *) per_cpu_dyn_ptr(b, 3))[0], 0x60);
	PT_EXPECT_EQ(percpu_free(a), 0);
	PT_EXPECT_EQ(percpu_free(b), 0);
	PT_EXPECT_EQ(percpu_check(), 0);
}

/* percpu_check(). */

PTEST(check_finds_overflow_into_the_guard)
{
	percpu_handle_t all;
	uint8_t *p;

	PT_EXPECT_EQ(percpu_check(), -PERCPU_ENOTINIT);
	PT_ASSERT_TRUE(init_mode(CALLER_MEMORY, 0, 128) >= 1);
	PT_EXPECT_EQ(percpu_check(), 0);
	all = percpu_alloc(128, 1);
	PT_ASSERT_TRUE(all != PERCPU_HANDLE_NONE);
	p = (uint8_t *) per_cpu_dyn_ptr(all, percpu_area_num() - 1);
	p[128] ^= 1; /* one byte past the end of the region */
	ptest_capture_begin();
	PT_EXPECT_EQ(percpu_check(), -PERCPU_ECORRUPT);
	PT_EXPECT_EQ(ptest_captured_count(), 1);
	PT_EXPECT_TRUE(ptest_captured("percpu_check: cpu ", "guard word",
				      "dynamic region +0x7f"));
	ptest_capture_end();
	p[128] ^= 1;
	PT_EXPECT_EQ(percpu_check(), 0);
}

PTEST(check_finds_overflow_past_static_variables)
{
	uint8_t *end;
	int n;

	SKIP_IF_SINGLE();
	INIT(n, IN_PLACE, 2, 0);
	/* Without a dynamic region the guard follows the template. */
	end = (uint8_t *) percpu_area_base(1) +
	      ((percpu_area_size() + 63) & ~(size_t) 63);
	end[0] = 0;
	ptest_capture_begin();
	PT_EXPECT_EQ(percpu_check(), -PERCPU_ECORRUPT);
	PT_EXPECT_TRUE(ptest_captured("cpu 1: guard word overwritten"));
	ptest_capture_end();
}

PTEST(check_finds_stale_write_to_offline_cpu)
{
	int n;

	SKIP_IF_SINGLE();
	INIT(n, IN_PLACE, 3, 64);
	PT_ASSERT_EQ(percpu_cpu_offline(2), 0);
	PT_EXPECT_EQ(percpu_check(), 0);
	/* A writer that kept CPU 2's pointer from before it went offline. */
	((uint8_t *) percpu_area_base(2))[PERCPU_OFFSET(hp_array) + 5] = 1;
	ptest_capture_begin();
	PT_EXPECT_EQ(percpu_check(), -PERCPU_ECORRUPT);
	PT_EXPECT_TRUE(ptest_captured("cpu 2 is offline but hp_array+0x5",
				      "stale access"));
	ptest_capture_end();
	/* Coming online again rewrites the whole area. */
	PT_ASSERT_EQ(percpu_cpu_online(2), 0);
	PT_EXPECT_EQ(percpu_check(), 0);
}

PTEST(check_finds_overwritten_header)
{
	struct percpu_head *head;
	unsigned int saved;

	PT_ASSERT_TRUE(init_mode(CALLER_MEMORY, 0, 0) >= 1);
	head = (struct percpu_head *) percpu_area_base(0);
	saved = head->cpu;
	head->cpu = 77;
	ptest_capture_begin();
	PT_EXPECT_EQ(percpu_check(), -PERCPU_ECORRUPT);
	PT_EXPECT_TRUE(ptest_captured("cpu 0: area header overwritten"));
	ptest_capture_end();
	head->cpu = saved;
	PT_EXPECT_EQ(percpu_check(), 0);
}

/* A corrupted `online` word is reported as such (audit item 13). */
PTEST(check_finds_overwritten_online_word)
{
	struct percpu_head *head;

	SKIP_IF_SINGLE();
	PT_ASSERT_TRUE(init_mode(CALLER_MEMORY, 0, 0) >= 2);
	head = (struct percpu_head *) percpu_area_base(1);
	__atomic_store_n(&head->online, 0x5a5a, __ATOMIC_RELAXED);
	ptest_capture_begin();
	PT_EXPECT_EQ(percpu_check(), -PERCPU_ECORRUPT);
	PT_EXPECT_TRUE(ptest_captured("cpu 1: area header's online word "
				      "overwritten (0x5a5a)"));
	ptest_capture_end();
	__atomic_store_n(&head->online, 1, __ATOMIC_RELAXED);
	PT_EXPECT_EQ(percpu_check(), 0);
}

/*
 * One byte past the last static variable, into the padding before the
 * dynamic region, and one past the guard word (audit item 13).
 */
PTEST(check_finds_small_overflow_into_padding)
{
	uint8_t *area;
	size_t pad;
	int n;

	SKIP_IF_SINGLE();
	INIT(n, IN_PLACE, 2, 64);
	area = (uint8_t *) percpu_area_base(1);
	pad = percpu_area_size();
	PT_SKIP_IF(pad % 64 == 0, "the template ends on a 64-byte boundary");
	area[pad] ^= 1;
	ptest_capture_begin();
	PT_EXPECT_EQ(percpu_check(), -PERCPU_ECORRUPT);
	PT_EXPECT_TRUE(ptest_captured("cpu 1: padding at offset",
				      "written: write past the end of"));
	ptest_capture_end();
	area[pad] ^= 1;
	PT_EXPECT_EQ(percpu_check(), 0);
}
