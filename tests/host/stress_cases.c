/* Host-only cases: threads acting as CPUs (a short run of the stress engine).
 */
#include "percpu/percpu.h"
#include "tests/harness/ptest.h"
#include "tests/host/stress.h"

PTEST(threads_ops_allocations_and_hotplug_exact_totals)
{
	struct stress_params p = {6, 20000, 16};
	struct stress_result r;

	PT_SKIP_IF(ARCH_PERCPU_SINGLE, "threads need an area each");
	PT_EXPECT_EQ(stress_run(&p, &r), 0);
	PT_EXPECT_EQ(r.errors, 0);
	PT_EXPECT_EQ(r.allocs, 6 * 20000 / 16);
	PT_EXPECT_TRUE(r.hotplug_cycles >= 1);
}
