/* riscv64 bare metal: the offset is the area base, in tp or gp. */
#include "percpu_arch.h"

void arch_percpu_set_offset(uintptr_t offset)
{
	__asm__ volatile("mv " PERCPU_RISCV_REG ", %0"
			 :
			 : "r"(offset)
			 : "memory");
}

uintptr_t arch_percpu_read_register(void)
{
	uintptr_t v;

	__asm__ volatile("mv %0, " PERCPU_RISCV_REG : "=r"(v));
	return v;
}

#define SSTATUS_SIE 2ul

unsigned long arch_percpu_irq_save(void)
{
	unsigned long sstatus;

	__asm__ volatile("csrrci %0, sstatus, 2" : "=r"(sstatus) : : "memory");
	return sstatus & SSTATUS_SIE;
}

void arch_percpu_irq_restore(unsigned long flags)
{
	__asm__ volatile("csrs sstatus, %0" : : "r"(flags) : "memory");
}
