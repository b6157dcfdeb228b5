/*
 * A per-CPU area larger than 64 KiB: variables placed after a 64 KiB array
 * are still addressed correctly by every accessor in every area (the Rust
 * crate silently truncates such offsets on aarch64).
 *
 * Link this file into its own test image, not with tests/cases/: it pushes
 * every smaller-aligned per-CPU variable of the image past 64 KiB.
 *
 * aarch64 bare metal: the default accessors encode a variable's offset as a
 * 12-bit immediate (#:lo12:), which reaches the first 4 KiB of the area; an
 * access to a variable past that fails the link with "relocation truncated
 * to fit: R_AARCH64_ABS16 against symbol percpu_var_NAME". A translation unit
 * that touches far variables defines PERCPU_AARCH64_FAR before including
 * percpu.h (movz/movk, 32-bit offsets). Other backends ignore it.
 */
#define PERCPU_AARCH64_FAR /* needed: every lg_* scalar lies past 64 KiB */
#define PERCPU_RISCV_FAR   /* likewise on riscv64 bare metal (2 KiB reach) */

#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"
#include "tests/harness/ptest.h"
#include "tests/large/large_area.h"

static int target;
static int targets[4];

PERCPU_DEFINE(uint8_t, lg_u8) = 0x81;
PERCPU_DEFINE(uint16_t, lg_u16) = 0x8002;
PERCPU_DEFINE(uint32_t, lg_u32) = 0x80000003u;
PERCPU_DEFINE(uint64_t, lg_u64) = 0x8000000000000004ull;
PERCPU_DEFINE(int *, lg_ptr) = &target;

/** Areas for up to 4 CPUs (as many as `targets`) (1 in single-CPU mode) in
 * ptest_memory. */
static unsigned int init_areas(void)
{
	unsigned int n = ARCH_PERCPU_SINGLE ? 1 : 4;

	while (n > 1 && percpu_required_size(n) > sizeof(ptest_memory))
		n--;
	PT_CHECK(percpu_init(ptest_memory, n), n, return 0);
	return n;
}

/** Stamps `cpu`'s area through this_cpu_* (register set to `cpu`). */
static void stamp_with_this_cpu(unsigned int cpu)
{
	PT_ASSERT_EQ(percpu_init_cpu(cpu), 0);
	PT_EXPECT_EQ(this_cpu_read(lg_u64), 0x8000000000000004ull);
	PT_EXPECT_EQ(this_cpu_read(lg_u8), 0x81);
	this_cpu_write(lg_u64, 1000 + cpu);
	this_cpu_add(lg_u32, cpu);
	this_cpu_inc(lg_u16);
	this_cpu_or(lg_u8, 0x10);
	PT_EXPECT_EQ(this_cpu_xchg(lg_ptr, NULL), &target);
	PT_EXPECT_EQ(this_cpu_cmpxchg(lg_ptr, NULL, &targets[cpu]), NULL);
	this_cpu_ptr(lg_big)->bytes[BIG_BYTES - 1] = (uint8_t) (0xa0 + cpu);
	PT_EXPECT_EQ(this_cpu_ptr(lg_u64), per_cpu_ptr(lg_u64, cpu));
	PT_EXPECT_EQ(this_cpu_ptr(lg_u8), per_cpu_ptr(lg_u8, cpu));
}

PTEST(large_area_variables_lie_past_64k)
{
	PT_EXPECT_TRUE(percpu_area_size() > BIG_BYTES);
	PT_EXPECT_TRUE(PERCPU_OFFSET(lg_u8) >= BIG_BYTES);
	PT_EXPECT_TRUE(PERCPU_OFFSET(lg_u16) >= BIG_BYTES);
	PT_EXPECT_TRUE(PERCPU_OFFSET(lg_u32) >= BIG_BYTES);
	PT_EXPECT_TRUE(PERCPU_OFFSET(lg_u64) >= BIG_BYTES);
	PT_EXPECT_TRUE(PERCPU_OFFSET(lg_ptr) >= BIG_BYTES);
}

PTEST(large_area_initial_values_in_every_area)
{
	unsigned int n = init_areas();
	unsigned int cpu;

	PT_ASSERT_TRUE(n >= 1);
	for (cpu = 0; cpu < n; cpu++) {
		PT_EXPECT_EQ(*per_cpu_ptr(lg_u8, cpu), 0x81);
		PT_EXPECT_EQ(*per_cpu_ptr(lg_u16, cpu), 0x8002);
		PT_EXPECT_EQ(*per_cpu_ptr(lg_u32, cpu), 0x80000003u);
		PT_EXPECT_EQ(*per_cpu_ptr(lg_u64, cpu), 0x8000000000000004ull);
		PT_EXPECT_EQ(*per_cpu_ptr(lg_ptr, cpu), &target);
		PT_EXPECT_EQ((uintptr_t) per_cpu_ptr(lg_u64, cpu),
			     percpu_area_base(cpu) + PERCPU_OFFSET(lg_u64));
	}
}

PTEST(large_area_this_cpu_hits_its_own_area)
{
	unsigned int n = init_areas();
	unsigned int cpu;

	PT_ASSERT_TRUE(n >= 1);
	for (cpu = 0; cpu < n; cpu++)
		stamp_with_this_cpu(cpu);
	for (cpu = 0; cpu < n; cpu++) {
		PT_EXPECT_EQ(*per_cpu_ptr(lg_u64, cpu), 1000 + cpu);
		PT_EXPECT_EQ(*per_cpu_ptr(lg_u32, cpu), 0x80000003u + cpu);
		PT_EXPECT_EQ(*per_cpu_ptr(lg_u16, cpu), 0x8003);
		PT_EXPECT_EQ(*per_cpu_ptr(lg_u8, cpu), 0x91);
		PT_EXPECT_EQ(*per_cpu_ptr(lg_ptr, cpu), &targets[cpu]);
		PT_EXPECT_EQ(per_cpu_ptr(lg_big, cpu)->bytes[BIG_BYTES - 1],
			     0xa0 + cpu);
		PT_EXPECT_EQ(per_cpu_ptr(lg_big, cpu)->bytes[0], 0);
	}
}
