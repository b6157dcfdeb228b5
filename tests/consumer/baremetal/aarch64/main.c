/*
 * A small EL2 "hypervisor" on percpu (TPIDR_EL2): boots every CPU with PSCI
 * and runs the SMP check (smp_check.h); semihosting exit with its status.
 */
#include <stdint.h>

#include "smp_check.h"

#define UART_DR ((volatile uint32_t *) 0x09000000)
#define PSCI_CPU_ON 0xc4000003ul
#define SEMIHOSTING_SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026ul

void _start(void);
void cpu_main(unsigned int index);

void console_puts(const char *s)
{
	while (*s != '\0')
		*UART_DR = (uint32_t) (unsigned char) *s++;
}

/* PSCI through SMC (QEMU virt at EL2). Negative: the firmware's error. */
static int64_t psci_cpu_on(uint64_t mpidr, uint64_t entry)
{
	register uint64_t x0 __asm__("x0") = PSCI_CPU_ON;
	register uint64_t x1 __asm__("x1") = mpidr;
	register uint64_t x2 __asm__("x2") = entry;
	register uint64_t x3 __asm__("x3") = 0;

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 :
			 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			   "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return (int64_t) x0;
}

__attribute__((noreturn)) static void semihosting_exit(uint64_t code)
{
	uint64_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, code};

	__asm__ volatile("mov x0, %0\n\tmov x1, %1\n\thlt #0xf000"
			 :
			 : "r"((uint64_t) SEMIHOSTING_SYS_EXIT),
			   "r"((uint64_t) (uintptr_t) block)
			 : "x0", "x1", "memory");
	for (;;)
		__asm__ volatile("wfe");
}

/* boot.S: every CPU, on its own stack, with its MPIDR Aff0 as `index`. */
void cpu_main(unsigned int index)
{
	unsigned int cpus;

	smp_check_cpu(index);
	if (index != 0) {
		for (;;)
			__asm__ volatile("wfe");
	}
	/* Every CPU that PSCI knows: CPU_ON fails past the last one. */
	for (cpus = 1; cpus < MAX_CPUS; cpus++) {
		if (psci_cpu_on(cpus, (uint64_t) (uintptr_t) _start) != 0)
			break;
	}
	while (smp_check_started() != cpus - 1)
		;
	semihosting_exit((uint64_t) smp_check_report(cpus));
}
