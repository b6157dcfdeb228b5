/*
 * hv_demo with an unmodified Linux kernel as its guest, on QEMU virt at EL2
 * (GICv2 with virtualization). QEMU's loader puts the kernel Image, the
 * initramfs and the guest's device tree into guest RAM (layout.h); every
 * pCPU points TPIDR_EL2 at its per-CPU area, turns on stage 2 and its
 * virtual GIC interface and runs vCPUs from the shared run queue; the boot
 * pCPU prints the report once Linux has powered off.
 */
#include "hv_demo/aarch64/linux/layout.h"
#include "hv_demo/aarch64/linux/vm.h"
#include "hv_demo/aarch64/regs.h"
#include "hv_demo/hv.h"
#include "hv_demo/report.h"
#include "tools/boards/aarch64/gic.h"
#include "tools/boards/aarch64/sysreg.h"
#include "tools/boards/fdt.h"

/* Long slices: Linux runs until it waits, traps or a millisecond passes. */
const unsigned int hv_aarch64_quantum_us = 1000;

/** CPTR_EL2: RES1 bits only; FP/SIMD, trace and CPACR not trapped. */
#define CPTR_EL2_NO_TRAPS 0x33ffull
/** CNTHCTL_EL2: EL1 reads the physical counter and timer (EL1PCTEN, EL1PCEN).
 */
#define CNTHCTL_EL1_ACCESS 3ull
/** PMCR_EL0.N: event counters; MDCR_EL2.HPMN gives them all to EL1. */
#define PMCR_N(pmcr) (((pmcr) >> 11) & 0x1f)

/** Makes this pCPU ready to run its vCPU. */
static int pcpu_setup(unsigned int index)
{
	WRITE_SYSREG(vbar_el2, (uintptr_t) hv_vectors);
	/* Stage 2, interrupts to EL2 and virtual ones to EL1, WFI and SMC trap.
	 */
	WRITE_SYSREG(hcr_el2, HCR_EL2_RW | HCR_EL2_VM | HCR_EL2_IMO |
				      HCR_EL2_FMO | HCR_EL2_TWI | HCR_EL2_TSC);
	WRITE_SYSREG(cptr_el2, CPTR_EL2_NO_TRAPS);
	WRITE_SYSREG(mdcr_el2, PMCR_N(READ_SYSREG(pmcr_el0)));
	WRITE_SYSREG(cnthctl_el2, CNTHCTL_EL1_ACCESS);
	WRITE_SYSREG(cntvoff_el2, 0);
	WRITE_SYSREG(vpidr_el2, READ_SYSREG(midr_el1));
	stage2_enable_cpu();
	vgic_init_cpu();
	__asm__ volatile("isb" ::: "memory");
	return hv_pcpu_init(index);
}

/** vCPUs: the CPUs in the guest's own device tree. */
static unsigned int guest_cpus(void)
{
	static struct fdt_cpus cpus;
	const char *err = "";

	if (fdt_scan((const void *) (uintptr_t) LINUX_DTB_ADDR, &cpus, &err)) {
		plat_puts("hv: guest device tree at ");
		plat_put_hex(LINUX_DTB_ADDR);
		plat_puts(": ");
		plat_puts(err);
		plat_puts("\n");
		return 0;
	}
	return cpus.count;
}

int plat_main(void)
{
	unsigned int vcpus = guest_cpus();

	percpu_set_reporter(plat_put_line);
	if (vcpus == 0)
		return 1;
	gic_init();
	vgic_init();
	stage2_build();
	return hv_aarch64_main(vcpus, 0, pcpu_setup);
}
