/* What generic code does differently on bare metal (hosted: linux.c). */
#include "percpu/internal.h"

void percpu_spin_wait(void)
{
	ARCH_PERCPU_RELAX();
}
