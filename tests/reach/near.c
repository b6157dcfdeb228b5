/*
 * Reach test, near side: reach_low lies within REACH_NEAR_BYTES of the area
 * start and is accessed with the one-instruction form (aarch64
 * `ldr xN, [xB, #:lo12:var]`, riscv64 `ld rd, %lo(var)(tp)`).
 */
#include "percpu/percpu.h"
#include "tests/harness/ptest.h"
#include "tests/reach/reach.h"

PERCPU_DEFINE(uint64_t, reach_low) = REACH_LOW_INIT;

PTEST(reach_near_variable_on_every_cpu)
{
	int n = percpu_init(NULL, 0);
	unsigned int cpu;

	PT_ASSERT_TRUE(n >= 2);
	PT_ASSERT_TRUE(PERCPU_OFFSET(reach_low) < REACH_NEAR_BYTES);
	for (cpu = 0; cpu < (unsigned int) n; cpu++) {
		PT_ASSERT_EQ(percpu_init_cpu(cpu), 0);
		PT_EXPECT_EQ(this_cpu_ptr(reach_low),
			     per_cpu_ptr(reach_low, cpu));
		PT_EXPECT_EQ(this_cpu_read(reach_low), REACH_LOW_INIT);
		this_cpu_write(reach_low, 0x5000 + cpu);
		this_cpu_inc(reach_low);
	}
	for (cpu = 0; cpu < (unsigned int) n; cpu++) {
		PT_EXPECT_EQ(*per_cpu_ptr(reach_low, cpu), 0x5001 + cpu);
		PT_EXPECT_EQ(*per_cpu_ptr(reach_high, cpu), REACH_HIGH_INIT);
	}
	PT_EXPECT_EQ(REACH_TEMPLATE(uint64_t, reach_low), REACH_LOW_INIT);
}
