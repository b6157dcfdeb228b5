/*
 * VMX-root helpers (x86_64 backends with a register; tests/BUILD compiles this
 * file for them only): HOST_GS_BASE is the pCPU's per-CPU offset.
 */
#include "percpu/percpu.h"
#include "tests/harness/ptest.h"

#include "percpu_vmx.h"

PTEST(vmx_host_gs_base_is_this_pcpu_offset)
{
	unsigned int cpu;
	int n = percpu_init(NULL, 0);

	PT_ASSERT_TRUE(n >= 2);
	for (cpu = 0; cpu < (unsigned int) n; cpu++) {
		PT_ASSERT_EQ(percpu_init_cpu(cpu), 0);
		PT_EXPECT_EQ(percpu_vmx_host_gs_base(), percpu_cpu_offset(cpu));
		PT_EXPECT_EQ(percpu_vmx_host_gs_base(),
			     arch_percpu_read_register());
		PT_EXPECT_EQ(percpu_vmx_host_gs_base() +
				     (uintptr_t) __percpu_start,
			     percpu_area_base(cpu));
	}
}
