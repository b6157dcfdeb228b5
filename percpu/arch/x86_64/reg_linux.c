/* x86_64 hosted Linux: the GS base is set with arch_prctl(ARCH_SET_GS). */
#include <asm/prctl.h>
#include <sys/syscall.h>

#include "percpu/arch.h"

/** Raw arch_prctl system call; the kernel clobbers rcx and r11. */
static long arch_prctl(long code, uintptr_t addr)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "0"((long) SYS_arch_prctl), "D"(code), "S"(addr)
			 : "rcx", "r11", "memory");
	return ret;
}

/*
 * The GS base this thread set. A new thread inherits its creator's GS base
 * (not this variable, which starts at 0): until it sets its own, its register
 * reads as unset, so percpu_cpu_id() and the debug checks see no CPU.
 */
static __thread uintptr_t own_offset;

void arch_percpu_set_offset(uintptr_t offset)
{
	arch_prctl(ARCH_SET_GS, offset);
	own_offset = offset;
}

uintptr_t arch_percpu_read_register(void)
{
	uintptr_t base = 0;

	arch_prctl(ARCH_GET_GS, (uintptr_t) &base);
	return base == own_offset ? base : 0;
}
