/*
 * The aarch64 test platform (QEMU virt, EL2 or EL1): PL011 console, CPUs from
 * the device tree, PSCI CPU_ON through the conduit the tree names, and
 * semihosting exit. See tools/boards/platform.h.
 */
#include "tools/boards/platform.h"

#include "tools/boards/fdt.h"
#include "tools/boards/smp.h"
#include "tools/boards/aarch64/layout.h"
#include "tools/boards/aarch64/mmu.h"
#include "tools/boards/aarch64/sysreg.h"

/** QEMU virt's PL011: data register and flag register (TXFF = bit 5). */
#define UART_BASE 0x09000000ul
#define UART_DR 0x00
#define UART_FR 0x18
#define UART_FR_TXFF (1u << 5)

/** Where QEMU puts the device tree (for ELF images it passes x0 = 0). */
#define RAM_BASE 0x40000000ul

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

static struct fdt_cpus machine;

void plat_boot(const void *fdt);
void plat_secondary_boot(unsigned int index);
void plat_exception(uint64_t vector);
void plat_secondary_entry(void);

static void uart_putc(char c)
{
	volatile uint32_t *fr = (volatile uint32_t *) (UART_BASE + UART_FR);
	volatile uint32_t *dr = (volatile uint32_t *) (UART_BASE + UART_DR);

	while (*fr & UART_FR_TXFF)
		;
	*dr = (uint32_t) (unsigned char) c;
}

void plat_puts(const char *s)
{
	while (*s != '\0')
		uart_putc(*s++);
}

void plat_cpu_relax(void)
{
	__asm__ volatile("yield" ::: "memory");
}

unsigned int plat_cpu_count(void)
{
	return machine.count;
}

unsigned int plat_cpu_index(void)
{
	uint64_t mpidr = READ_SYSREG(mpidr_el1) & MPIDR_AFF_MASK;
	unsigned int i;

	for (i = 0; i < machine.count; i++) {
		if (machine.reg[i] == mpidr)
			return i;
	}
	plat_puts("platform: MPIDR ");
	plat_put_hex(mpidr);
	plat_puts(" is not in the device tree\n");
	plat_exit(PLAT_EXIT_BOOT);
}

#define PSCI_CLOBBERS                                                          \
	"x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", \
		"x15", "x16", "x17", "memory"

/**
 * One PSCI call through the conduit the device tree named. SMCCC 1.0 lets
 * the callee clobber x0-x17.
 */
static int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

	if (machine.psci_hvc)
		__asm__ volatile("hvc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : PSCI_CLOBBERS);
	else
		__asm__ volatile("smc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : PSCI_CLOBBERS);
	return (int64_t) x0;
}

/** Powers CPU `index` on at plat_secondary_entry (smp.h). */
static long power_on(unsigned int index)
{
	return (long) psci_call(PSCI_CPU_ON_64, machine.reg[index],
				(uint64_t) (uintptr_t) plat_secondary_entry,
				index);
}

int plat_start_cpu(unsigned int index, void (*fn)(unsigned int, void *),
		   void *arg)
{
	return plat_smp_start(index, machine.count, fn, arg, power_on);
}

void plat_secondary_boot(unsigned int index)
{
	mmu_enable();
	if (plat_cpu_index() != index) {
		plat_puts("platform: secondary started with a wrong index\n");
		plat_exit(PLAT_EXIT_BOOT);
	}
	plat_smp_run(index);
}

void plat_park(void)
{
	for (;;)
		__asm__ volatile("wfi");
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

/** Compares one register with its sentinel; prints it if it changed. */
static int check_reg(const char *name, uint64_t value, uint64_t sentinel)
{
	if (value == sentinel)
		return 0;
	plat_put_mismatch("platform: CPU ", plat_cpu_index(), name, value,
			  sentinel);
	return -1;
}

int plat_other_regs_check(void)
{
	unsigned int cpu = plat_cpu_index();
	int rc = 0;

	rc |= check_reg("TPIDR_EL0 changed", READ_SYSREG(tpidr_el0),
			SENTINEL_TPIDR_EL0 + cpu);
	rc |= check_reg("TPIDRRO_EL0 changed", READ_SYSREG(tpidrro_el0),
			SENTINEL_TPIDRRO_EL0 + cpu);
	if (current_el() == 2)
		rc |= check_reg("TPIDR_EL1 changed", READ_SYSREG(tpidr_el1),
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

/** Puts the boot CPU first: index 0 is the CPU running plat_main(). */
static int boot_cpu_first(void)
{
	uint64_t self = READ_SYSREG(mpidr_el1) & MPIDR_AFF_MASK;
	unsigned int i;

	for (i = 0; i < machine.count; i++) {
		if (machine.reg[i] == self) {
			machine.reg[i] = machine.reg[0];
			machine.reg[0] = self;
			return 0;
		}
	}
	return -1;
}

void plat_boot(const void *fdt)
{
	const char *err = "";
	const void *tree = fdt;
	const char *source = "x0";

	mmu_build_tables();
	mmu_enable();
	if (fdt_scan(tree, &machine, &err) != 0) {
		tree = (const void *) RAM_BASE;
		source = "start of RAM";
		if (fdt_scan(tree, &machine, &err) != 0) {
			plat_puts("platform: device tree: ");
			plat_puts(err);
			plat_puts("\n");
			plat_exit(PLAT_EXIT_BOOT);
		}
	}
	if (boot_cpu_first() != 0) {
		plat_puts("platform: boot CPU is not in the device tree\n");
		plat_exit(PLAT_EXIT_BOOT);
	}
	if (machine.psci_hvc < 0) {
		/* No PSCI node: only the boot CPU can run. */
		machine.count = 1;
	}
	plat_puts("platform: aarch64 EL");
	plat_put_dec(current_el());
	plat_puts(", device tree at ");
	plat_put_hex((uintptr_t) tree);
	plat_puts(" (");
	plat_puts(source);
	plat_puts("), ");
	plat_put_dec(machine.count);
	plat_puts(" CPUs, PSCI conduit ");
	plat_puts(machine.psci_hvc < 0 ? "none"
		  : machine.psci_hvc   ? "hvc"
				       : "smc");
	plat_puts("\n");
	if (machine.dropped != 0) {
		plat_puts("platform: ignoring ");
		plat_put_dec(machine.dropped);
		plat_puts(" CPUs beyond PLAT_MAX_CPUS\n");
	}
	plat_exit(plat_main());
}
