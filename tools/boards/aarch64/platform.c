/*
 * The aarch64 test platform (QEMU virt, EL2 or EL1): PL011 console, CPUs from
 * the device tree, PSCI CPU_ON through the conduit the tree names, and
 * semihosting exit. See tools/boards/platform.h.
 */
#include "tools/boards/platform.h"

#include "tools/boards/arm/virt.h"
#include "tools/boards/aarch64/layout.h"
#include "tools/boards/aarch64/mmu.h"
#include "tools/boards/aarch64/sysreg.h"

#define PSCI_CPU_ON_64 0xc4000003ul

/** Semihosting SYS_EXIT and its "application exit" reason. */
#define SEMIHOSTING_SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026ul

/** MPIDR_EL1 affinity fields (Aff3, Aff2, Aff1, Aff0). */
#define MPIDR_AFF_MASK 0xff00fffffful

/** Sentinels for the registers percpu must leave alone. */
#define SENTINEL_TPIDR_EL0 0x5e7e0000000000e0ul
#define SENTINEL_TPIDRRO_EL0 0x5e7e00000000000ful
#define SENTINEL_TPIDR_EL1 0x5e7e0000000000e1ul

__attribute__((aligned(16)))
uint8_t plat_stacks[PLAT_MAX_CPUS * PLAT_STACK_SIZE];

void plat_boot(const void *fdt);
void plat_exception(uint64_t vector);

uint64_t arm_mpidr(void)
{
	return READ_SYSREG(mpidr_el1) & MPIDR_AFF_MASK;
}

uint64_t plat_ticks(void)
{
	__asm__ volatile("isb" ::: "memory");
	return READ_SYSREG(cntvct_el0);
}

uint64_t plat_ticks_hz(void)
{
	return READ_SYSREG(cntfrq_el0);
}

#define PSCI_CLOBBERS                                                          \
	"x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", \
		"x15", "x16", "x17", "memory"

/**
 * PSCI CPU_ON (SMC64) through the conduit the device tree named. SMCCC 1.0
 * lets the callee clobber x0-x17.
 */
long arm_psci_cpu_on(uint64_t mpidr, uintptr_t entry, uint64_t ctx)
{
	register uint64_t x0 __asm__("x0") = PSCI_CPU_ON_64;
	register uint64_t x1 __asm__("x1") = mpidr;
	register uint64_t x2 __asm__("x2") = entry;
	register uint64_t x3 __asm__("x3") = ctx;

	if (arm_virt_machine.psci_hvc)
		__asm__ volatile("hvc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : PSCI_CLOBBERS);
	else
		__asm__ volatile("smc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : PSCI_CLOBBERS);
	return (long) (int64_t) x0;
}

void plat_exit(int code)
{
	uint64_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint64_t) code};
	char line[PLAT_VERDICT_MAX];

	/* Another CPU may hold the console mid-line: wait a little only. */
	(void) plat_console_lock_bounded(1000000);
	plat_puts(plat_verdict_line(code, line));
	/* Semihosting SYS_EXIT: w0 = operation, x1 = parameter block. */
	__asm__ volatile("mov x0, %0\n\tmov x1, %1\n\thlt #0xf000"
			 :
			 : "r"((uint64_t) SEMIHOSTING_SYS_EXIT),
			   "r"((uint64_t) (uintptr_t) block)
			 : "x0", "x1", "memory");
	/* Only without -semihosting (HLT is then undefined: see vectors). */
	for (;;)
		__asm__ volatile("wfi");
}

uintptr_t plat_percpu_reg(void)
{
	if (current_el() == 2)
		return READ_SYSREG(tpidr_el2);
	return READ_SYSREG(tpidr_el1);
}

/*
 * At EL2 percpu uses TPIDR_EL2: TPIDR_EL1 (the guest kernel's), TPIDR_EL0 and
 * TPIDRRO_EL0 must keep their values. At EL1 percpu uses TPIDR_EL1: TPIDR_EL0
 * and TPIDRRO_EL0 must (TPIDR_EL2 cannot be read at EL1).
 */
void plat_other_regs_poison(void)
{
	unsigned int cpu = plat_cpu_index();

	WRITE_SYSREG(tpidr_el0, SENTINEL_TPIDR_EL0 + cpu);
	WRITE_SYSREG(tpidrro_el0, SENTINEL_TPIDRRO_EL0 + cpu);
	if (current_el() == 2)
		WRITE_SYSREG(tpidr_el1, SENTINEL_TPIDR_EL1 + cpu);
}

int plat_other_regs_check(void)
{
	unsigned int cpu = plat_cpu_index();
	int rc = 0;

	rc |= arm_check_sentinel("TPIDR_EL0 changed", READ_SYSREG(tpidr_el0),
				 SENTINEL_TPIDR_EL0 + cpu);
	rc |= arm_check_sentinel("TPIDRRO_EL0 changed",
				 READ_SYSREG(tpidrro_el0),
				 SENTINEL_TPIDRRO_EL0 + cpu);
	if (current_el() == 2)
		rc |= arm_check_sentinel("TPIDR_EL1 changed",
					 READ_SYSREG(tpidr_el1),
					 SENTINEL_TPIDR_EL1 + cpu);
	return rc;
}

/* ESR of `brk #0x3e8`: GCC's __builtin_trap, a failed UBSan check. */
#define ESR_UBSAN_TRAP ((0x3cull << 26) | (1ull << 25) | 0x3e8)

void plat_exception(uint64_t vector)
{
	int el2 = current_el() == 2;
	uint64_t esr = el2 ? READ_SYSREG(esr_el2) : READ_SYSREG(esr_el1);

	if (esr == ESR_UBSAN_TRAP)
		plat_puts("\nplatform: undefined-behaviour trap (UBSan)");
	plat_puts("\nplatform: unexpected exception on CPU ");
	plat_put_dec(plat_cpu_index());
	plat_puts(", vector ");
	plat_put_dec(vector);
	plat_puts(" at EL");
	plat_put_dec(current_el());
	plat_puts(", ESR ");
	plat_put_hex(esr);
	plat_puts(", ELR ");
	plat_put_hex(el2 ? READ_SYSREG(elr_el2) : READ_SYSREG(elr_el1));
	plat_puts(", FAR ");
	plat_put_hex(el2 ? READ_SYSREG(far_el2) : READ_SYSREG(far_el1));
	plat_puts("\n");
	plat_exit(PLAT_EXIT_TRAP);
}

void plat_boot(const void *fdt)
{
	mmu_build_tables();
	mmu_enable();
	arm_virt_boot(fdt, "x0",
		      current_el() == 2 ? "aarch64 EL2" : "aarch64 EL1");
	plat_exit(plat_main());
}
