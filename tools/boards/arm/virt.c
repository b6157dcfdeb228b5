/* The Arm boards' shared QEMU virt machine (see virt.h). */
#include "tools/boards/arm/virt.h"

#include "tools/boards/platform.h"
#include "tools/boards/smp.h"

/** QEMU virt's PL011: data register and flag register (TXFF = bit 5). */
#define UART_BASE 0x09000000u
#define UART_DR 0x00
#define UART_FR 0x18
#define UART_FR_TXFF (1u << 5)

struct fdt_cpus arm_virt_machine;

/** C entry of a CPU PSCI started (boot.S, on its own stack). */
void plat_secondary_boot(unsigned int index);

void plat_puts(const char *s)
{
	volatile uint32_t *fr = (volatile uint32_t *) (UART_BASE + UART_FR);
	volatile uint32_t *dr = (volatile uint32_t *) (UART_BASE + UART_DR);

	for (; *s != '\0'; s++) {
		while (*fr & UART_FR_TXFF)
			;
		*dr = (uint32_t) (unsigned char) *s;
	}
}

void plat_cpu_relax(void)
{
	__asm__ volatile("yield" ::: "memory");
}

unsigned int plat_cpu_count(void)
{
	return arm_virt_machine.count;
}

unsigned int plat_cpu_index(void)
{
	return fdt_cpu_index(&arm_virt_machine, arm_mpidr());
}

void arm_virt_boot(const void *fdt, const char *fdt_name, const char *what)
{
	struct fdt_cpus *m = &arm_virt_machine;
	const char *from;
	const void *tree;

	/* Index 0 is the CPU running plat_main(). */
	tree = fdt_machine(m, fdt, fdt_name,
			   (const void *) (uintptr_t) ARM_VIRT_RAM_BASE,
			   arm_mpidr(), &from);
	if (m->psci_hvc < 0)
		m->count = 1; /* no PSCI: the boot CPU only */
	plat_puts("platform: ");
	plat_puts(what);
	plat_puts(", device tree at ");
	plat_put_hex((uintptr_t) tree);
	plat_puts(" (");
	plat_puts(from);
	plat_puts("), ");
	plat_put_dec(m->count);
	plat_puts(" CPUs, PSCI conduit ");
	plat_puts(m->psci_hvc < 0 ? "none" : m->psci_hvc ? "hvc" : "smc");
	plat_puts("\n");
	if (m->dropped != 0) {
		plat_puts("platform: ignoring ");
		plat_put_dec(m->dropped);
		plat_puts(" CPUs beyond PLAT_MAX_CPUS\n");
	}
}

/** Powers CPU `index` on at plat_secondary_entry (smp.h). */
static long power_on(unsigned int index)
{
	return arm_psci_cpu_on(arm_virt_machine.reg[index],
			       (uintptr_t) plat_secondary_entry, index);
}

int plat_start_cpu(unsigned int index, void (*fn)(unsigned int, void *),
		   void *arg)
{
	return plat_smp_start(index, arm_virt_machine.count, fn, arg, power_on);
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

int arm_check_sentinel(const char *name, uint64_t value, uint64_t sentinel)
{
	if (value == sentinel)
		return 0;
	plat_put_mismatch("platform: CPU ", plat_cpu_index(), name, value,
			  sentinel);
	return -1;
}
