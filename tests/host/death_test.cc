// Hosted backends make the template read-only: an access made before this
// thread's register is set lands in the template and faults, instead of
// silently changing every CPU's future initial values.
#include <gtest/gtest.h>

#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"
#include "percpu/pervcpu.h"

PERCPU_DECLARE(uint64_t, d_value);
PERCPU_DEFINE(uint64_t, d_value) = 3;
PERVCPU_DEFINE(uint64_t, d_vcpu_value) = 3;

TEST(PercpuDeath, WriteWithUnsetRegisterFaults)
{
	if (ARCH_PERCPU_SINGLE)
		GTEST_SKIP() << "single-CPU mode has no register";
	GTEST_FLAG_SET(death_test_style, "threadsafe");
	percpu_test_reset();
	ASSERT_GE(percpu_init(nullptr, 0), 1);
	ASSERT_EQ(percpu_read_reg(), 0u);
	EXPECT_DEATH(this_cpu_write(d_value, 4), "");
	EXPECT_DEATH(this_cpu_inc(d_value), "");
	ASSERT_EQ(percpu_init_cpu(0), 0);
	this_cpu_write(d_value, 4);
	EXPECT_EQ(*per_cpu_ptr(d_value, 0), 4u);
	EXPECT_EQ(*per_cpu_ptr(d_value, 1), 3u);
}

// With no vCPU loaded, this_vcpu_* goes to the read-only template: a stray
// write faults instead of changing every future vCPU's initial values.
TEST(PercpuDeath, VcpuWriteWithoutLoadedVcpuFaults)
{
	GTEST_FLAG_SET(death_test_style, "threadsafe");
	percpu_test_reset();
	ASSERT_GE(percpu_init(nullptr, 0), 1);
	ASSERT_EQ(percpu_init_cpu(0), 0);
	ASSERT_EQ(pervcpu_current(), nullptr);
	EXPECT_DEATH(this_vcpu_write(d_vcpu_value, 4), "");
	EXPECT_EQ(this_vcpu_read(d_vcpu_value), 3u);
}
