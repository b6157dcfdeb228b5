/* Per-vCPU areas: template copies, load/put, migration, misuse. */
#include "percpu/pervcpu.h"
#include "tests/harness/ptest.h"

struct fake_vmcs {
	_Alignas(4096) uint32_t revision;
};

PERVCPU_DEFINE(uint64_t, v_exits) = 5;
PERVCPU_DEFINE(uint32_t, v_id) = 0xeeeeu;
PERVCPU_DEFINE(struct fake_vmcs, v_vmcs) = {0x2b};

/** vCPU area `i` (of 4) inside ptest_memory. */
static void *vcpu_area(unsigned int i)
{
	size_t align = pervcpu_area_align();
	size_t stride = (pervcpu_area_size() + align - 1) & ~(align - 1);

	return ptest_memory + i * stride;
}

/** Per-CPU areas for two pCPUs and the calling one on `cpu`. */
static int setup(unsigned int cpu)
{
	if (percpu_init(NULL, 0) < 1 || percpu_init_cpu(cpu) != 0)
		return -1;
	return 0;
}

PTEST(pervcpu_layout)
{
	PT_EXPECT_TRUE(pervcpu_area_align() >= 4096);
	PT_EXPECT_TRUE(pervcpu_area_size() >= sizeof(struct fake_vmcs) + 8);
	PT_EXPECT_TRUE(4 * (pervcpu_area_size() + pervcpu_area_align()) <=
		       sizeof(ptest_memory));
}

PTEST(pervcpu_offset_follows_percpu_head)
{
	/*
	 * The library's own per-CPU variable comes right after the header,
	 * before every user variable: users' inline this_cpu_read of it stays
	 * a near access whatever they define.
	 */
	PT_EXPECT_EQ(PERCPU_OFFSET(pervcpu_offset), sizeof(struct percpu_head));
}

PTEST(pervcpu_fresh_areas_have_initial_values)
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		PT_ASSERT_EQ(pervcpu_area_init(vcpu_area(i)), 0);
		PT_EXPECT_EQ(*vcpu_ptr(vcpu_area(i), v_exits), 5);
		PT_EXPECT_EQ(*vcpu_ptr(vcpu_area(i), v_id), 0xeeeeu);
		PT_EXPECT_EQ(vcpu_ptr(vcpu_area(i), v_vmcs)->revision, 0x2b);
		PT_EXPECT_EQ((uintptr_t) vcpu_ptr(vcpu_area(i), v_vmcs) % 4096,
			     0);
		PT_EXPECT_EQ(pervcpu_last_cpu(vcpu_area(i)), PERCPU_CPU_NONE);
	}
}

PTEST(pervcpu_load_access_put)
{
	PT_ASSERT_EQ(setup(0), 0);
	PT_ASSERT_EQ(pervcpu_area_init(vcpu_area(0)), 0);
	PT_ASSERT_EQ(pervcpu_area_init(vcpu_area(1)), 0);
	PT_EXPECT_EQ(pervcpu_current(), NULL);
	PT_ASSERT_EQ(pervcpu_load(vcpu_area(0)), 0);
	PT_EXPECT_EQ(pervcpu_current(), vcpu_area(0));
	this_vcpu_write(v_id, 10);
	this_vcpu_write(v_exits, this_vcpu_read(v_exits) + 1);
	PT_EXPECT_EQ(this_vcpu_ptr(v_id), vcpu_ptr(vcpu_area(0), v_id));
	PT_ASSERT_EQ(pervcpu_put(), 0);
	PT_ASSERT_EQ(pervcpu_load(vcpu_area(1)), 0);
	PT_EXPECT_EQ(this_vcpu_read(v_id), 0xeeeeu);
	this_vcpu_write(v_id, 11);
	PT_ASSERT_EQ(pervcpu_put(), 0);
	PT_EXPECT_EQ(*vcpu_ptr(vcpu_area(0), v_id), 10);
	PT_EXPECT_EQ(*vcpu_ptr(vcpu_area(0), v_exits), 6);
	PT_EXPECT_EQ(*vcpu_ptr(vcpu_area(1), v_id), 11);
	PT_EXPECT_EQ(*vcpu_ptr(vcpu_area(1), v_exits), 5);
}

PTEST(pervcpu_load_reports_migration)
{
	PT_SKIP_IF(ARCH_PERCPU_SINGLE, "needs two pCPUs");
	PT_ASSERT_EQ(setup(0), 0);
	PT_ASSERT_EQ(pervcpu_area_init(vcpu_area(0)), 0);
	PT_EXPECT_EQ(pervcpu_load(vcpu_area(0)), 0);
	PT_EXPECT_EQ(pervcpu_put(), 0);
	PT_EXPECT_EQ(pervcpu_load(vcpu_area(0)), 0); /* same pCPU again */
	PT_EXPECT_EQ(pervcpu_put(), 0);
	PT_ASSERT_EQ(percpu_init_cpu(1), 0);
	PT_EXPECT_EQ(pervcpu_load(vcpu_area(0)), 1); /* moved to pCPU 1 */
	PT_EXPECT_EQ(pervcpu_last_cpu(vcpu_area(0)), 1);
	PT_EXPECT_EQ(pervcpu_put(), 0);
}

PTEST(pervcpu_misuse)
{
	PT_SKIP_IF(ARCH_PERCPU_SINGLE, "needs two pCPUs");
	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 2);
	PT_ASSERT_EQ(pervcpu_area_init(vcpu_area(0)), 0);
	PT_EXPECT_EQ(pervcpu_load(vcpu_area(0)), -PERCPU_ENOTINIT);
	PT_ASSERT_EQ(percpu_init_cpu(0), 0);
	PT_EXPECT_EQ(pervcpu_area_init(NULL), -PERCPU_EINVAL);
	PT_EXPECT_EQ(pervcpu_area_init(ptest_memory + 64), -PERCPU_EALIGN);
	PT_EXPECT_EQ(pervcpu_put(), -PERCPU_ENOVCPU);
	PT_EXPECT_EQ(pervcpu_load(NULL), -PERCPU_ENOVCPU);
	__builtin_memset(vcpu_area(3), 0, pervcpu_area_size());
	PT_EXPECT_EQ(pervcpu_load(vcpu_area(3)), -PERCPU_ENOVCPU); /* no init */
	PT_ASSERT_EQ(pervcpu_load(vcpu_area(0)), 0);
	this_vcpu_write(v_id, 42);
	PT_ASSERT_EQ(pervcpu_area_init(vcpu_area(1)), 0);
	PT_EXPECT_EQ(pervcpu_load(vcpu_area(1)), -PERCPU_EBUSY); /* one here */
	PT_ASSERT_EQ(percpu_init_cpu(1), 0);
	PT_EXPECT_EQ(pervcpu_load(vcpu_area(0)), -PERCPU_EBUSY); /* on pCPU 0 */
	PT_EXPECT_EQ(pervcpu_last_cpu(vcpu_area(0)), 0);
	PT_ASSERT_EQ(percpu_init_cpu(0), 0);
	PT_EXPECT_EQ(this_vcpu_read(v_id), 42);
	PT_EXPECT_EQ(pervcpu_put(), 0);
}

/*
 * this_vcpu_* with no vCPU loaded corrupts nothing: on bare metal it goes to
 * a scratch copy, never to the template fresh areas are made from (audit
 * item 12; hosted builds fault instead: tests/host/death_test.cc).
 */
PTEST(pervcpu_access_without_a_loaded_vcpu_corrupts_nothing)
{
	void *area = vcpu_area(0);

	PT_SKIP_IF(__STDC_HOSTED__, "hosted: the template is read-only");
	PT_ASSERT_EQ(setup(0), 0);
	PT_EXPECT_EQ(pervcpu_current(), NULL);
	this_vcpu_write(v_exits, 99);
	this_vcpu_write(v_id, 1);
	PT_ASSERT_EQ(pervcpu_area_init(area), 0);
	PT_EXPECT_EQ(*vcpu_ptr(area, v_exits), 5);
	PT_EXPECT_EQ(*vcpu_ptr(area, v_id), 0xeeeeu);
	PT_EXPECT_EQ(pervcpu_load(area), 0);
	PT_EXPECT_EQ(this_vcpu_read(v_exits), 5);
	PT_EXPECT_EQ(pervcpu_put(), 0);
	PT_EXPECT_EQ(pervcpu_current(), NULL);
}
