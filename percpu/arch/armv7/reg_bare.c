/* armv7 bare metal: the offset is the area base, in HTPIDR or TPIDRPRW. */
#include "percpu_arch.h"

/** CPSR interrupt masks: IRQ (I) and FIQ (F). */
#define CPSR_I (1ul << 7)
#define CPSR_F (1ul << 6)

void arch_percpu_set_offset(uintptr_t offset)
{
	__asm__ volatile(PERCPU_ARMV7_MCR_("%0") : : "r"(offset) : "memory");
}

uintptr_t arch_percpu_read_register(void)
{
	uintptr_t v;

	__asm__ volatile(PERCPU_ARMV7_MRC_("%0") : "=r"(v));
	return v;
}

unsigned long arch_percpu_irq_save(void)
{
	unsigned long cpsr;

	/* cps changes only the masks (never the mode: fine in HYP mode). */
	__asm__ volatile("mrs %0, cpsr\n\tcpsid if" : "=r"(cpsr) : : "memory");
	return cpsr & (CPSR_I | CPSR_F);
}

void arch_percpu_irq_restore(unsigned long flags)
{
	if (!(flags & CPSR_F))
		__asm__ volatile("cpsie f" ::: "memory");
	if (!(flags & CPSR_I))
		__asm__ volatile("cpsie i" ::: "memory");
}
