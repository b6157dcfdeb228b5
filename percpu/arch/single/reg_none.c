/* Single-CPU backend: no register to read or write. */
#include "percpu_arch.h"

void arch_percpu_set_offset(uintptr_t offset)
{
	(void) offset;
}

uintptr_t arch_percpu_read_register(void)
{
	return 0;
}
