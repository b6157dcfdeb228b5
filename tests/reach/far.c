/*
 * Reach test, far side: reach_high lies past 4 KiB into the area, out of the
 * near form's reach on every architecture here, so this file uses the far
 * forms (PERCPU_AARCH64_FAR: `movz/movk` + register offset; PERCPU_RISCV_FAR:
 * `lui %hi + add + op %lo`). -fno-toplevel-reorder keeps the pad before
 * reach_high; this file's .percpu has alignment 2, lower than every other
 * file's, so the linker (which sorts the template's input sections by
 * alignment, largest first) places it after all of them: the library's and
 * the other cases' variables stay near. The explicit aligned(2) keeps GCC from
 * raising the array's alignment, as it does for aggregates.
 */
#define PERCPU_AARCH64_FAR
#define PERCPU_RISCV_FAR
#define PERCPU_ARMV7_FAR /* armv7: movw/movt + register offset */
#include "percpu/percpu.h"
#include "tests/harness/ptest.h"
#include "tests/reach/reach.h"

PERCPU_DEFINE(uint16_t[2048], reach_pad) __attribute__((aligned(2)));
PERCPU_DEFINE(uint16_t, reach_high) = REACH_HIGH_INIT;

PTEST(reach_layout)
{
	PT_EXPECT_TRUE(PERCPU_OFFSET(reach_low) < REACH_NEAR_BYTES);
	PT_EXPECT_TRUE(PERCPU_OFFSET(reach_high) > 4096);
	PT_EXPECT_TRUE(PERCPU_OFFSET(reach_high) < percpu_area_size());
}

PTEST(reach_far_variable_on_every_cpu)
{
	int n = percpu_init(NULL, 0);
	unsigned int cpu;

	PT_ASSERT_TRUE(n >= 2);
	PT_ASSERT_TRUE(PERCPU_OFFSET(reach_high) > 4096);
	for (cpu = 0; cpu < (unsigned int) n; cpu++) {
		PT_ASSERT_EQ(percpu_init_cpu(cpu), 0);
		PT_EXPECT_EQ(this_cpu_ptr(reach_high),
			     per_cpu_ptr(reach_high, cpu));
		PT_EXPECT_EQ(this_cpu_read(reach_high), REACH_HIGH_INIT);
		this_cpu_write(reach_high, 0x7000 + cpu);
		this_cpu_add(reach_high, 2);
		PT_EXPECT_EQ(this_cpu_cmpxchg(reach_high, 0x7002 + cpu,
					      0x8000 + cpu),
			     0x7002 + cpu);
		PT_EXPECT_EQ(this_cpu_xchg(reach_high, 0x9000 + cpu),
			     0x8000 + cpu);
	}
	for (cpu = 0; cpu < (unsigned int) n; cpu++) {
		PT_EXPECT_EQ(*per_cpu_ptr(reach_high, cpu), 0x9000 + cpu);
		PT_EXPECT_EQ(*per_cpu_ptr(reach_low, cpu), REACH_LOW_INIT);
		PT_EXPECT_EQ((*per_cpu_ptr(reach_pad, cpu))[2047], 0);
	}
	PT_EXPECT_EQ(REACH_TEMPLATE(uint16_t, reach_high), REACH_HIGH_INIT);
}
