/*
 * x86_64 variants: the backend writes IA32_GS_BASE with wrmsr (CR4.FSGSBASE
 * clear) or with wrgsbase (CR4.FSGSBASE set, where CPUID offers it).
 */
#include <stddef.h>

#include "tests/baremetal_x86/variant.h"
#include "tests/harness/ptest.h"
#include "tests/platform/x86_64/x86.h"

enum { VARIANT_WRMSR, VARIANT_WRGSBASE, VARIANT_COUNT };

unsigned int test_variant_count(void)
{
	return VARIANT_COUNT;
}

const char *test_variant_name(unsigned int v)
{
	return v == VARIANT_WRMSR ? "wrmsr" : "wrgsbase";
}

const char *test_variant_enter(unsigned int v)
{
	uint64_t cr4 = x86_read_cr4();

	if (v == VARIANT_WRMSR) {
		x86_write_cr4(cr4 & ~(uint64_t) CR4_FSGSBASE);
		return NULL;
	}
	if (!x86_has_fsgsbase())
		return "the CPU has no FSGSBASE";
	x86_write_cr4(cr4 | CR4_FSGSBASE);
	return NULL;
}

void test_variant_check_register(uintptr_t offset)
{
	PT_EXPECT_EQ(x86_rdmsr(MSR_GS_BASE), offset);
	/* swapgs' other half: percpu never writes it. */
	PT_EXPECT_EQ(x86_rdmsr(MSR_KERNEL_GS_BASE), 0);
	if (x86_read_cr4() & CR4_FSGSBASE) {
		uint64_t base;

		__asm__ volatile("rdgsbase %0" : "=r"(base));
		PT_EXPECT_EQ(base, offset);
	}
}
