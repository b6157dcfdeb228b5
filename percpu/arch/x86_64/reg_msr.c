/*
 * x86_64 bare metal (ring 0, VMX root): the GS base is IA32_GS_BASE, written
 * with wrgsbase when CR4.FSGSBASE is on and with wrmsr otherwise.
 *
 * swapgs exchanges IA32_GS_BASE with IA32_KERNEL_GS_BASE: kernels that use
 * swapgs must run percpu accesses only while the kernel value is in GS base.
 */
#include "percpu/arch.h"
#include "percpu_arch.h"

#define MSR_IA32_GS_BASE 0xc0000101u
#define CR4_FSGSBASE (1ul << 16)

static int fsgsbase_enabled(void)
{
	unsigned long cr4;

	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	return (cr4 & CR4_FSGSBASE) != 0;
}

void arch_percpu_set_offset(uintptr_t offset)
{
	if (fsgsbase_enabled()) {
		__asm__ volatile("wrgsbase %0" : : "r"(offset) : "memory");
	} else {
		__asm__ volatile("wrmsr"
				 :
				 : "c"(MSR_IA32_GS_BASE),
				   "a"((uint32_t) offset),
				   "d"((uint32_t) (offset >> 32))
				 : "memory");
	}
}

uintptr_t arch_percpu_read_register(void)
{
	uint32_t lo, hi;

	if (fsgsbase_enabled()) {
		uintptr_t v;

		__asm__ volatile("rdgsbase %0" : "=r"(v));
		return v;
	}
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(MSR_IA32_GS_BASE));
	return ((uintptr_t) hi << 32) | lo;
}

#define RFLAGS_IF (1ul << 9)

unsigned long arch_percpu_irq_save(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq\n\tpopq %0\n\tcli" : "=r"(flags) : : "memory");
	return flags;
}

void arch_percpu_irq_restore(unsigned long flags)
{
	if (flags & RFLAGS_IF)
		__asm__ volatile("sti" : : : "memory");
}
