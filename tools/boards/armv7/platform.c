/*
 * The armv7 test platform (QEMU virt, Cortex-A15, HYP mode or SVC mode):
 * PL011 console, CPUs from the device tree, PSCI CPU_ON through the conduit
 * the tree names, and semihosting exit. See tools/boards/platform.h.
 */
#include "tools/boards/platform.h"

#include "tools/boards/arm/virt.h"
#include "tools/boards/armv7/layout.h"
#include "tools/boards/armv7/mmu.h"
#include "tools/boards/armv7/sysreg.h"

#define PSCI_CPU_ON_32 0x84000003u

/**
 * Semihosting SYS_EXIT_EXTENDED (A32's SYS_EXIT cannot carry a status) and
 * its "application exit" reason.
 */
#define SEMIHOSTING_SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

/** MPIDR affinity fields (Aff2, Aff1, Aff0). */
#define MPIDR_AFF_MASK 0x00ffffffu

/** Sentinels for the registers percpu must leave alone. */
#define SENTINEL_TPIDRURW 0x5e7e00e0u
#define SENTINEL_TPIDRURO 0x5e7e000fu
#define SENTINEL_TPIDRPRW 0x5e7e00e1u

__attribute__((aligned(16)))
uint8_t plat_stacks[PLAT_MAX_CPUS * PLAT_STACK_SIZE];

void plat_boot(const void *fdt);
void plat_exception(uint32_t vector, uint32_t lr);
void __aeabi_idiv0(void);
void __aeabi_ldiv0(void);

uint64_t arm_mpidr(void)
{
	return READ_CP15(MPIDR) & MPIDR_AFF_MASK;
}

uint64_t plat_ticks(void)
{
	uint32_t lo, hi;

	/* CNTVCT, 64-bit. */
	__asm__ volatile("isb\n\tmrrc p15, 1, %0, %1, c14"
			 : "=r"(lo), "=r"(hi)
			 :
			 : "memory");
	return (uint64_t) hi << 32 | lo;
}

uint64_t plat_ticks_hz(void)
{
	return READ_CP15(CNTFRQ);
}

/**
 * PSCI CPU_ON (SMC32/HVC32 convention) through the conduit the device tree
 * named. SMCCC 1.0 lets the callee clobber r0-r3.
 */
long arm_psci_cpu_on(uint64_t mpidr, uintptr_t entry, uint64_t ctx)
{
	register uint32_t r0 __asm__("r0") = PSCI_CPU_ON_32;
	register uint32_t r1 __asm__("r1") = (uint32_t) mpidr;
	register uint32_t r2 __asm__("r2") = entry;
	register uint32_t r3 __asm__("r3") = (uint32_t) ctx;

	if (arm_virt_machine.psci_hvc)
		__asm__ volatile(".arch_extension virt\n\thvc #0"
				 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
				 :
				 : "memory");
	else
		__asm__ volatile(".arch_extension sec\n\tsmc #0"
				 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
				 :
				 : "memory");
	return (long) (int32_t) r0;
}

void plat_exit(int code)
{
	uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint32_t) code};
	char line[PLAT_VERDICT_MAX];

	/* Another CPU may hold the console mid-line: wait a little only. */
	(void) plat_console_lock_bounded(1000000);
	plat_puts(plat_verdict_line(code, line));
	/*
	 * Semihosting (A32 trap: svc 0x123456): r0 = operation, r1 = block.
	 * The register variables are set after the last call (calls clobber
	 * them).
	 */
	register uint32_t r0 __asm__("r0") = SEMIHOSTING_SYS_EXIT_EXTENDED;
	register uint32_t r1 __asm__("r1") = (uint32_t) (uintptr_t) block;
	__asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory");
	/* Only without -semihosting (the svc then reaches the vectors). */
	for (;;)
		__asm__ volatile("wfi");
}

uintptr_t plat_percpu_reg(void)
{
	if (in_hyp())
		return READ_CP15(HTPIDR);
	return READ_CP15(TPIDRPRW);
}

/*
 * In HYP mode percpu uses HTPIDR: TPIDRPRW (the guest kernel's), TPIDRURW and
 * TPIDRURO must keep their values. At PL1 percpu uses TPIDRPRW: TPIDRURW and
 * TPIDRURO must (HTPIDR cannot be read at PL1).
 */
void plat_other_regs_poison(void)
{
	unsigned int cpu = plat_cpu_index();

	WRITE_CP15(TPIDRURW, SENTINEL_TPIDRURW + cpu);
	WRITE_CP15(TPIDRURO, SENTINEL_TPIDRURO + cpu);
	if (in_hyp())
		WRITE_CP15(TPIDRPRW, SENTINEL_TPIDRPRW + cpu);
}

int plat_other_regs_check(void)
{
	unsigned int cpu = plat_cpu_index();
	int rc = 0;

	rc |= arm_check_sentinel("TPIDRURW changed", READ_CP15(TPIDRURW),
				 SENTINEL_TPIDRURW + cpu);
	rc |= arm_check_sentinel("TPIDRURO changed", READ_CP15(TPIDRURO),
				 SENTINEL_TPIDRURO + cpu);
	if (in_hyp())
		rc |= arm_check_sentinel("TPIDRPRW changed",
					 READ_CP15(TPIDRPRW),
					 SENTINEL_TPIDRPRW + cpu);
	return rc;
}

/*
 * vector: the offset in the vector table / 4 (1 undefined instruction,
 * 2 SVC (HVC in HYP mode), 3 prefetch abort, 4 data abort, 5 HYP trap, 6 IRQ,
 * 7 FIQ); lr: the exception mode's LR (PL1; in HYP mode ELR_hyp holds the
 * return address).
 */
/* `udf #0`: GCC's __builtin_trap in ARM state, a failed UBSan check. */
#define UBSAN_TRAP_INSN 0xe7f000f0u

void plat_exception(uint32_t vector, uint32_t lr)
{
	int hyp = in_hyp();
	uint32_t elr = 0;
	/* The undefined instruction: ELR_hyp in HYP mode, LR - 4 at PL1. */
	uint32_t insn_addr = lr - 4;

	if (hyp) {
		__asm__ volatile(".arch_extension virt\n\tmrs %0, ELR_hyp"
				 : "=r"(elr));
		insn_addr = elr;
	}
	if ((vector == 1 || vector == 5) &&
	    *(const volatile uint32_t *) (uintptr_t) insn_addr ==
		    UBSAN_TRAP_INSN)
		plat_puts("\nplatform: undefined-behaviour trap (UBSan) at ");
	else
		plat_puts("\nplatform: unexpected exception at ");
	plat_put_hex(insn_addr);
	plat_puts(" on CPU ");
	plat_put_dec(plat_cpu_index());
	plat_puts(", vector ");
	plat_put_dec(vector);
	if (hyp) {
		plat_puts(" in HYP mode, HSR ");
		plat_put_hex(READ_CP15(HSR));
		plat_puts(", ELR_hyp ");
		plat_put_hex(elr);
		plat_puts(", HDFAR ");
		plat_put_hex(READ_CP15(HDFAR));
		plat_puts(", HIFAR ");
		plat_put_hex(READ_CP15(HIFAR));
	} else {
		plat_puts(" at PL1, LR ");
		plat_put_hex(lr);
		plat_puts(", DFSR ");
		plat_put_hex(READ_CP15(DFSR));
		plat_puts(", DFAR ");
		plat_put_hex(READ_CP15(DFAR));
		plat_puts(", IFSR ");
		plat_put_hex(READ_CP15(IFSR));
		plat_puts(", IFAR ");
		plat_put_hex(READ_CP15(IFAR));
	}
	plat_puts("\n");
	plat_exit(PLAT_EXIT_TRAP);
}

/*
 * libgcc's division helpers (ARMv7-A has no divide instruction) call these
 * on a zero divisor; Debian's libgcc would raise() a signal.
 */
void __aeabi_idiv0(void)
{
	plat_puts("\nplatform: integer division by zero\n");
	plat_exit(PLAT_EXIT_TRAP);
}

void __aeabi_ldiv0(void)
{
	__aeabi_idiv0();
}

void plat_boot(const void *fdt)
{
	mmu_build_tables();
	mmu_enable();
	arm_virt_boot(fdt, "r2",
		      in_hyp() ? "armv7 HYP mode" : "armv7 SVC mode");
	plat_exit(plat_main());
}
