/* aarch64 bare metal: the offset is the area base, in TPIDR_EL2 or TPIDR_EL1.
 */
#include "percpu_arch.h"

void arch_percpu_set_offset(uintptr_t offset)
{
	__asm__ volatile("msr " PERCPU_AARCH64_TPIDR ", %0"
			 :
			 : "r"(offset)
			 : "memory");
}

uintptr_t arch_percpu_read_register(void)
{
	uintptr_t v;

	__asm__ volatile("mrs %0, " PERCPU_AARCH64_TPIDR : "=r"(v));
	return v;
}

unsigned long arch_percpu_irq_save(void)
{
	unsigned long daif;

	/* Mask IRQ and FIQ (DAIF.I, DAIF.F). */
	__asm__ volatile("mrs %0, daif\n\tmsr daifset, #3"
			 : "=r"(daif)
			 :
			 : "memory");
	return daif;
}

void arch_percpu_irq_restore(unsigned long flags)
{
	__asm__ volatile("msr daif, %0" : : "r"(flags) : "memory");
}
