/*
 * Core cases: layout, both init modes, initial values, every operation at
 * every width, remote access, register switching, and every misuse.
 * Single-CPU acting: the case moves the register between areas itself.
 */
#include <stdbool.h>
#include <string.h>

#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"
#include "tests/harness/ptest.h"

struct pair {
	uint32_t a, b;
};

struct big_aligned {
	_Alignas(256) uint64_t v;
};

static int global_target;

PERCPU_DEFINE(uint8_t, t_u8) = 0x12;
PERCPU_DEFINE(uint16_t, t_u16) = 0x1234;
PERCPU_DEFINE(uint32_t, t_u32) = 0x12345678u;
PERCPU_DEFINE(uint64_t, t_u64) = 0x123456789abcdef0ull;
PERCPU_DEFINE(int8_t, t_s8) = -5;
PERCPU_DEFINE(int16_t, t_s16) = -500;
PERCPU_DEFINE(int32_t, t_s32) = -70000;
PERCPU_DEFINE(int64_t, t_s64) = -5000000000ll;
PERCPU_DEFINE(bool, t_bool) = true;
PERCPU_DEFINE(int *, t_ptr) = &global_target;
PERCPU_DEFINE(struct pair, t_pair) = {7, 9};
PERCPU_DEFINE(uint32_t[4], t_array) = {1, 2, 3, 4};
PERCPU_DEFINE(uint64_t, t_zero);
PERCPU_DEFINE(struct big_aligned, t_aligned) = {0xabc};
/* Alignment written on the definition, not the type (audit item 1). */
PERCPU_DEFINE(uint64_t, t_attr_aligned) __attribute__((aligned(512))) = 77;

#define SKIP_IF_SINGLE() PT_SKIP_IF(ARCH_PERCPU_SINGLE, "needs several areas")

/** Areas for `n` CPUs in ptest_memory; fails the case if that cannot work. */
static int init_in_memory(unsigned int n)
{
	PT_CHECK(percpu_required_size(n) <= sizeof(ptest_memory), 1, return -1);
	return percpu_init(ptest_memory, n);
}

/** Every variable holds its initializer in `cpu`'s area. */
static void expect_initial_values(unsigned int cpu)
{
	PT_EXPECT_EQ(*per_cpu_ptr(t_u8, cpu), 0x12);
	PT_EXPECT_EQ(*per_cpu_ptr(t_u16, cpu), 0x1234);
	PT_EXPECT_EQ(*per_cpu_ptr(t_u32, cpu), 0x12345678u);
	PT_EXPECT_EQ(*per_cpu_ptr(t_u64, cpu), 0x123456789abcdef0ull);
	PT_EXPECT_EQ(*per_cpu_ptr(t_s8, cpu), (uint64_t) -5);
	PT_EXPECT_EQ(*per_cpu_ptr(t_s16, cpu), (uint64_t) -500);
	PT_EXPECT_EQ(*per_cpu_ptr(t_s32, cpu), (uint64_t) -70000);
	PT_EXPECT_EQ(*per_cpu_ptr(t_s64, cpu), (uint64_t) -5000000000ll);
	PT_EXPECT_EQ(*per_cpu_ptr(t_bool, cpu), true);
	PT_EXPECT_EQ(*per_cpu_ptr(t_ptr, cpu), &global_target);
	PT_EXPECT_EQ(per_cpu_ptr(t_pair, cpu)->a, 7);
	PT_EXPECT_EQ(per_cpu_ptr(t_pair, cpu)->b, 9);
	PT_EXPECT_EQ((*per_cpu_ptr(t_array, cpu))[3], 4);
	PT_EXPECT_EQ(*per_cpu_ptr(t_zero, cpu), 0);
	PT_EXPECT_EQ(per_cpu_ptr(t_aligned, cpu)->v, 0xabc);
	PT_EXPECT_EQ((uintptr_t) per_cpu_ptr(t_aligned, cpu) % 256, 0);
}

PTEST(init_in_place_creates_reserved_areas)
{
	int n = percpu_init(NULL, 0);

	PT_ASSERT_TRUE(n >= 1);
	PT_EXPECT_EQ(percpu_area_num(), n);
	PT_EXPECT_EQ(percpu_init_cpu(0), 0);
	PT_EXPECT_EQ(percpu_cpu_id(), 0);
}

/*
 * The area alignment is the template's as linked: an `aligned` attribute on
 * a definition counts, in place and in caller memory, on every CPU.
 */
PTEST(alignment_on_the_definition_counts)
{
	unsigned int cpu;

	PT_EXPECT_TRUE(percpu_required_align() >= 512);
	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 1);
	percpu_for_each_online_cpu(cpu)
	{
		PT_EXPECT_EQ((uintptr_t) per_cpu_ptr(t_attr_aligned, cpu) % 512,
			     0);
		PT_EXPECT_EQ(*per_cpu_ptr(t_attr_aligned, cpu), 77);
	}
	PT_EXPECT_EQ(percpu_area_stride() % percpu_required_align(), 0);
}

PTEST(init_in_place_with_count)
{
	SKIP_IF_SINGLE();
	PT_ASSERT_EQ(percpu_init(NULL, 2), 2);
	PT_EXPECT_EQ(percpu_area_num(), 2);
	PT_EXPECT_EQ(percpu_area_base(2), 0);
}

PTEST(init_in_caller_memory)
{
	SKIP_IF_SINGLE();
	PT_ASSERT_EQ(init_in_memory(5), 5);
	PT_EXPECT_EQ(percpu_area_base(0), (uintptr_t) ptest_memory);
	PT_EXPECT_EQ(percpu_area_base(4),
		     (uintptr_t) ptest_memory + 4 * percpu_area_stride());
	PT_EXPECT_EQ(percpu_area_base(5), 0);
}

PTEST(layout_is_consistent)
{
	size_t align = percpu_required_align();
	unsigned int cpu;
	int n = percpu_init(NULL, 0);

	PT_ASSERT_TRUE(n >= 1);
	PT_EXPECT_TRUE(align >= 64 && (align & (align - 1)) == 0);
	PT_EXPECT_TRUE(align >= 256); /* t_aligned */
	PT_EXPECT_EQ(percpu_area_stride() % align, 0);
	PT_EXPECT_TRUE(percpu_area_stride() >= percpu_area_size());
	PT_EXPECT_TRUE(percpu_area_size() >= sizeof(struct big_aligned));
	PT_EXPECT_EQ(percpu_required_size(3), 3 * percpu_area_stride());
	PT_EXPECT_EQ(percpu_required_size(0), 0);
	for (cpu = 0; cpu < (unsigned int) n; cpu++) {
		uintptr_t base = percpu_area_base(cpu);

		PT_EXPECT_EQ(base % align, 0);
		PT_EXPECT_EQ(base,
			     percpu_area_base(0) + cpu * percpu_area_stride());
		PT_EXPECT_EQ((uintptr_t) per_cpu_ptr(t_u64, cpu),
			     base + PERCPU_OFFSET(t_u64));
		PT_EXPECT_EQ(percpu_init_cpu(cpu), 0);
		PT_EXPECT_EQ(percpu_read_reg(), base);
		PT_EXPECT_EQ(percpu_cpu_id(), cpu);
		PT_EXPECT_EQ(this_cpu_ptr(t_u64), per_cpu_ptr(t_u64, cpu));
		PT_EXPECT_EQ(this_cpu_ptr(t_aligned),
			     per_cpu_ptr(t_aligned, cpu));
	}
	PT_EXPECT_TRUE(PERCPU_OFFSET(t_u8) < percpu_area_size());
	PT_EXPECT_TRUE(PERCPU_OFFSET(t_aligned) % 256 == 0);
}

PTEST(initial_values_on_every_cpu_in_place)
{
	unsigned int cpu;
	int n = percpu_init(NULL, 0);

	PT_ASSERT_TRUE(n >= 1);
	for (cpu = 0; cpu < (unsigned int) n; cpu++)
		expect_initial_values(cpu);
}

PTEST(initial_values_on_every_cpu_in_caller_memory)
{
	unsigned int cpu;

	memset(ptest_memory, 0xa5, sizeof(ptest_memory));
	PT_ASSERT_EQ(init_in_memory(ARCH_PERCPU_SINGLE ? 1 : 7),
		     ARCH_PERCPU_SINGLE ? 1 : 7);
	for (cpu = 0; cpu < percpu_area_num(); cpu++)
		expect_initial_values(cpu);
}

PTEST(local_read_write)
{
	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 1);
	PT_ASSERT_EQ(percpu_init_cpu(0), 0);
	PT_EXPECT_EQ(this_cpu_read(t_u64), 0x123456789abcdef0ull);
	this_cpu_write(t_u64, 77);
	PT_EXPECT_EQ(this_cpu_read(t_u64), 77);
	PT_EXPECT_EQ(*per_cpu_ptr(t_u64, 0), 77);
	this_cpu_ptr(t_pair)->b = 99;
	PT_EXPECT_EQ(per_cpu_ptr(t_pair, 0)->b, 99);
	this_cpu_write(t_ptr, NULL);
	PT_EXPECT_EQ(this_cpu_read(t_ptr), NULL);
	this_cpu_write(t_bool, false);
	PT_EXPECT_EQ(this_cpu_read(t_bool), false);
}

PTEST(remote_read_write)
{
	SKIP_IF_SINGLE();
	PT_ASSERT_EQ(percpu_init(NULL, 3), 3);
	*per_cpu_ptr(t_u32, 2) = 0xdead;
	*per_cpu_ptr(t_u32, 1) = 0xbeef;
	PT_ASSERT_EQ(percpu_init_cpu(2), 0);
	PT_EXPECT_EQ(this_cpu_read(t_u32), 0xdead);
	this_cpu_write(t_u32, 0xfeed);
	PT_EXPECT_EQ(*per_cpu_ptr(t_u32, 2), 0xfeed);
	PT_EXPECT_EQ(*per_cpu_ptr(t_u32, 1), 0xbeef);
	PT_EXPECT_EQ(*per_cpu_ptr(t_u32, 0), 0x12345678u);
}

PTEST(switching_register_reads_other_area)
{
	SKIP_IF_SINGLE();
	PT_ASSERT_EQ(percpu_init(NULL, 2), 2);
	PT_ASSERT_EQ(percpu_init_cpu(0), 0);
	this_cpu_write(t_u16, 100);
	percpu_write_reg(percpu_area_base(1));
	PT_EXPECT_EQ(percpu_read_reg(), percpu_area_base(1));
	PT_EXPECT_EQ(percpu_cpu_id(), 1);
	PT_EXPECT_EQ(this_cpu_read(t_u16), 0x1234);
	this_cpu_write(t_u16, 200);
	percpu_write_reg(percpu_area_base(0));
	PT_EXPECT_EQ(this_cpu_read(t_u16), 100);
	PT_EXPECT_EQ(*per_cpu_ptr(t_u16, 1), 200);
}

/*
 * Runs every operation on `name` (integer type T) on CPU `cpu` and checks
 * both the result and that CPU `other` kept its value.
 */
#define CHECK_INT_OPS(name, T, cpu, other)                                     \
	do {                                                                   \
		T before_other = *per_cpu_ptr(name, other);                    \
		PT_ASSERT_EQ(percpu_init_cpu(cpu), 0);                         \
		this_cpu_write(name, (T) 10);                                  \
		PT_EXPECT_EQ(this_cpu_read(name), (T) 10);                     \
		this_cpu_add(name, 5);                                         \
		PT_EXPECT_EQ(this_cpu_read(name), (T) 15);                     \
		this_cpu_sub(name, 3);                                         \
		PT_EXPECT_EQ(this_cpu_read(name), (T) 12);                     \
		this_cpu_inc(name);                                            \
		PT_EXPECT_EQ(this_cpu_read(name), (T) 13);                     \
		this_cpu_dec(name);                                            \
		this_cpu_dec(name);                                            \
		PT_EXPECT_EQ(this_cpu_read(name), (T) 11);                     \
		this_cpu_and(name, 0x6);                                       \
		PT_EXPECT_EQ(this_cpu_read(name), (T) 2);                      \
		this_cpu_or(name, 0x41);                                       \
		PT_EXPECT_EQ(this_cpu_read(name), (T) 0x43);                   \
		PT_EXPECT_EQ(this_cpu_xchg(name, (T) 9), (T) 0x43);            \
		PT_EXPECT_EQ(this_cpu_read(name), (T) 9);                      \
		PT_EXPECT_EQ(this_cpu_cmpxchg(name, (T) 8, (T) 1), (T) 9);     \
		PT_EXPECT_EQ(this_cpu_read(name), (T) 9);                      \
		PT_EXPECT_EQ(this_cpu_cmpxchg(name, (T) 9, (T) 1), (T) 9);     \
		PT_EXPECT_EQ(this_cpu_read(name), (T) 1);                      \
		this_cpu_sub(name, 2); /* wraps / goes negative */             \
		PT_EXPECT_EQ(this_cpu_read(name), (T) -1);                     \
		this_cpu_write(name, (T) ~(T) 0);                              \
		PT_EXPECT_EQ(this_cpu_read(name), (T) ~(T) 0);                 \
		raw_cpu_add(name, 2);                                          \
		PT_EXPECT_EQ(raw_cpu_read(name), (T) 1);                       \
		PT_EXPECT_EQ(*per_cpu_ptr(name, cpu), (T) 1);                  \
		if ((cpu) != (other))                                          \
			PT_EXPECT_EQ(*per_cpu_ptr(name, other), before_other); \
	} while (0)

PTEST(every_operation_at_every_width)
{
	unsigned int cpu, other;
	int n = percpu_init(NULL, 0);

	PT_ASSERT_TRUE(n >= 1);
	cpu = (unsigned int) n - 1;
	other = 0;
	CHECK_INT_OPS(t_u8, uint8_t, cpu, other);
	CHECK_INT_OPS(t_u16, uint16_t, cpu, other);
	CHECK_INT_OPS(t_u32, uint32_t, cpu, other);
	CHECK_INT_OPS(t_u64, uint64_t, cpu, other);
	CHECK_INT_OPS(t_s8, int8_t, cpu, other);
	CHECK_INT_OPS(t_s16, int16_t, cpu, other);
	CHECK_INT_OPS(t_s32, int32_t, cpu, other);
	CHECK_INT_OPS(t_s64, int64_t, cpu, other);
}

PTEST(large_values_keep_every_bit)
{
	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 1);
	PT_ASSERT_EQ(percpu_init_cpu(0), 0);
	this_cpu_write(t_u64, 0xfedcba9876543210ull);
	PT_EXPECT_EQ(this_cpu_read(t_u64), 0xfedcba9876543210ull);
	this_cpu_add(t_u64, 0x100000000ull);
	PT_EXPECT_EQ(this_cpu_read(t_u64), 0xfedcba9976543210ull);
	PT_EXPECT_EQ(this_cpu_cmpxchg(t_u64, 0xfedcba9976543210ull, 1ull << 63),
		     0xfedcba9976543210ull);
	PT_EXPECT_EQ(this_cpu_read(t_u64), 1ull << 63);
	this_cpu_write(t_s64, INT64_MIN);
	PT_EXPECT_EQ(this_cpu_read(t_s64), (uint64_t) INT64_MIN);
}

PTEST(pointer_operations)
{
	int other_target;

	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 1);
	PT_ASSERT_EQ(percpu_init_cpu(0), 0);
	PT_EXPECT_EQ(this_cpu_read(t_ptr), &global_target);
	PT_EXPECT_EQ(this_cpu_xchg(t_ptr, &other_target), &global_target);
	PT_EXPECT_EQ(this_cpu_cmpxchg(t_ptr, &global_target, NULL),
		     &other_target);
	PT_EXPECT_EQ(this_cpu_cmpxchg(t_ptr, &other_target, NULL),
		     &other_target);
	PT_EXPECT_EQ(this_cpu_read(t_ptr), NULL);
	PT_EXPECT_EQ(*per_cpu_ptr(t_ptr, 0), NULL);
}

/* Misuse: every case checks the return code and that no area changed. */

/** Hash of every area, to prove a refused call changed nothing. */
static uint64_t snapshot;

static uint64_t areas_hash(void)
{
	return ptest_hash((const void *) percpu_area_base(0),
			  percpu_required_size(percpu_area_num()));
}

static void take_snapshot(void)
{
	snapshot = areas_hash();
}

static void expect_snapshot_unchanged(void)
{
	PT_EXPECT_EQ(areas_hash(), snapshot);
}

PTEST(misuse_double_init)
{
	int n = percpu_init(NULL, 0);
	uintptr_t base0 = percpu_area_base(0);

	PT_ASSERT_TRUE(n >= 1);
	PT_ASSERT_EQ(percpu_init_cpu(0), 0);
	this_cpu_write(t_u32, 5);
	take_snapshot();
	PT_EXPECT_EQ(percpu_init(NULL, 0), -PERCPU_EALREADY);
	PT_EXPECT_EQ(percpu_init(ptest_memory, 1), -PERCPU_EALREADY);
	PT_EXPECT_EQ(percpu_area_num(), n);
	PT_EXPECT_EQ(percpu_area_base(0), base0);
	PT_EXPECT_EQ(this_cpu_read(t_u32), 5);
	expect_snapshot_unchanged();
}

PTEST(misuse_cpu_out_of_range)
{
	int n = percpu_init(NULL, 0);
	uintptr_t reg;

	PT_ASSERT_TRUE(n >= 1);
	PT_ASSERT_EQ(percpu_init_cpu(0), 0);
	reg = percpu_read_reg();
	take_snapshot();
	PT_EXPECT_EQ(percpu_init_cpu((unsigned int) n), -PERCPU_ERANGE);
	PT_EXPECT_EQ(percpu_init_cpu(~0u), -PERCPU_ERANGE);
	PT_EXPECT_EQ(percpu_read_reg(), reg);
	PT_EXPECT_EQ(percpu_area_base((unsigned int) n), 0);
	PT_EXPECT_EQ(per_cpu_ptr(t_u64, (unsigned int) n), NULL);
	PT_EXPECT_EQ(per_cpu_ptr(t_u64, ~0u), NULL);
	PT_EXPECT_EQ(percpu_cpu_offset((unsigned int) n), 0);
	expect_snapshot_unchanged();
}

PTEST(misuse_before_init)
{
	PT_EXPECT_EQ(percpu_area_num(), 0);
	PT_EXPECT_EQ(percpu_init_cpu(0), -PERCPU_ENOTINIT);
	PT_EXPECT_EQ(percpu_area_base(0), 0);
	PT_EXPECT_EQ(per_cpu_ptr(t_u64, 0), NULL);
	PT_EXPECT_EQ(percpu_cpu_id(), PERCPU_CPU_NONE);
	/* Layout queries are valid before init. */
	PT_EXPECT_TRUE(percpu_area_stride() >= percpu_area_size());
}

PTEST(misuse_register_not_set)
{
	SKIP_IF_SINGLE();
	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 1);
	PT_EXPECT_EQ(percpu_read_reg(), 0);
	PT_EXPECT_EQ(percpu_cpu_id(), PERCPU_CPU_NONE);
	/* A register pointing inside an area, not at its start: foreign. */
	percpu_write_reg(percpu_area_base(0) + 64);
	PT_EXPECT_EQ(percpu_cpu_id(), PERCPU_CPU_NONE);
	percpu_write_reg(0);
	PT_EXPECT_EQ(percpu_cpu_id(), PERCPU_CPU_NONE);
}

PTEST(misuse_unaligned_base)
{
	SKIP_IF_SINGLE();
	memset(ptest_memory, 0x5a, sizeof(ptest_memory));
	PT_EXPECT_EQ(percpu_init(ptest_memory + 8, 2), -PERCPU_EALIGN);
	PT_EXPECT_EQ(percpu_init(ptest_memory + 64, 2), -PERCPU_EALIGN);
	PT_EXPECT_EQ(percpu_area_num(), 0);
	PT_EXPECT_EQ(ptest_memory[8], 0x5a);
	PT_EXPECT_EQ(ptest_memory[64], 0x5a);
	/* A failed init leaves nothing busy: a correct one still works. */
	PT_EXPECT_EQ(init_in_memory(2), 2);
}

/* In every mode, single-CPU included (audit item 4). */
PTEST(misuse_zero_cpus_in_caller_memory)
{
	PT_EXPECT_EQ(percpu_init(ptest_memory, 0), -PERCPU_EINVAL);
	PT_EXPECT_EQ(percpu_area_num(), 0);
	PT_EXPECT_EQ(init_in_memory(1), 1);
}

PTEST(misuse_more_cpus_than_reserved)
{
	int avail = percpu_init(NULL, 0);

	PT_ASSERT_TRUE(avail >= 1);
	percpu_test_reset();
	PT_EXPECT_EQ(percpu_init(NULL, (unsigned int) avail + 1),
		     -PERCPU_ENOSPC);
	PT_EXPECT_EQ(percpu_init(NULL, ~0u), -PERCPU_ENOSPC);
	PT_EXPECT_EQ(percpu_area_num(), 0);
	PT_EXPECT_EQ(percpu_init(NULL, (unsigned int) avail), avail);
}

PTEST(misuse_messages_name_the_call)
{
	PT_EXPECT_EQ(percpu_strerror(-PERCPU_ERANGE),
		     percpu_strerror(PERCPU_ERANGE));
	PT_EXPECT_EQ(strcmp(percpu_strerror(-PERCPU_ENOSPC),
			    "more CPUs than reserved areas"),
		     0);
	PT_EXPECT_EQ(strcmp(percpu_strerror(-999), "unknown error"), 0);
	/* INT_MIN has no positive int: no negation in int (audit item 10). */
	PT_EXPECT_EQ(strcmp(percpu_strerror(-2147483647 - 1), "unknown error"),
		     0);
}

PTEST(single_cpu_mode_is_plain_globals)
{
	PT_SKIP_IF(!ARCH_PERCPU_SINGLE, "single-CPU build only");
	PT_EXPECT_EQ(percpu_init(NULL, 2), -PERCPU_ENOSPC);
	PT_ASSERT_EQ(percpu_init(NULL, 0), 1);
	PT_EXPECT_EQ(percpu_area_base(0), (uintptr_t) __percpu_start);
	PT_EXPECT_EQ(this_cpu_ptr(t_u32), &PERCPU_SYM(t_u32));
	PT_EXPECT_EQ(per_cpu_ptr(t_u32, 0), &PERCPU_SYM(t_u32));
	PT_EXPECT_EQ(per_cpu_ptr(t_u32, 1), NULL);
	PT_EXPECT_EQ(percpu_cpu_id(), 0);
}
