/*
 * The preemption hooks: with PERCPU_PREEMPT_HOOKS, this_cpu_* call the
 * kernel's percpu_preempt_disable/enable, balanced, exactly on backends
 * whose operations are not migration-safe on their own; raw_cpu_* never do.
 */
#define PERCPU_PREEMPT_HOOKS
#include "percpu/percpu.h"
#include "tests/harness/ptest.h"

PERCPU_DEFINE(uint32_t, p_value) = 1;

static int depth;
static int disables;

void percpu_preempt_disable(void)
{
	depth++;
	disables++;
}

void percpu_preempt_enable(void)
{
	depth--;
}

PTEST(preempt_hooks_guard_this_cpu_only_where_needed)
{
	int per_op = ARCH_PERCPU_MIGRATION_SAFE ? 0 : 1;

	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 1);
	PT_ASSERT_EQ(percpu_init_cpu(0), 0);
	disables = 0;
	this_cpu_write(p_value, 5);
	this_cpu_inc(p_value);
	PT_EXPECT_EQ(this_cpu_read(p_value), 6);
	PT_EXPECT_EQ(this_cpu_cmpxchg(p_value, 6, 7), 6);
	PT_EXPECT_EQ(disables, 4 * per_op);
	PT_EXPECT_EQ(depth, 0);
	raw_cpu_inc(p_value);
	PT_EXPECT_EQ(raw_cpu_read(p_value), 8);
	PT_EXPECT_EQ(disables, 4 * per_op);
}
