/*
 * hv_demo for aarch64: a hypervisor at EL2 on QEMU virt. Every pCPU points
 * TPIDR_EL2 at its per-CPU area, installs the EL2 vectors and runs vCPUs
 * from the shared run queue (hv_demo/hv.c); the boot pCPU prints the report.
 */
#include "hv_demo/aarch64/regs.h"
#include "hv_demo/hv.h"
#include "hv_demo/report.h"
#include "tools/boards/aarch64/gic.h"
#include "tools/boards/aarch64/sysreg.h"

/** vCPUs to create (at least; hv_demo_vcpus()) and STEP hypercalls each
 * makes. */
#define DEMO_VCPUS 8
#define DEMO_STEPS 64

/* Short slices: every vCPU is preempted and moved many times. */
const unsigned int hv_aarch64_quantum_us = 10;

/** Makes this pCPU ready to run guests. */
static int pcpu_setup(unsigned int index)
{
	WRITE_SYSREG(vbar_el2, (uintptr_t) hv_vectors);
	/* IMO: the EL2 timer preempts guests. No stage 2, no other traps. */
	WRITE_SYSREG(hcr_el2, HCR_EL2_RW | HCR_EL2_IMO);
	gic_init_cpu();
	gic_enable_ppi(GIC_PPI_HYP_TIMER);
	__asm__ volatile("isb" ::: "memory");
	return hv_pcpu_init(index);
}

int plat_main(void)
{
	percpu_set_reporter(plat_put_line);
	gic_init();
	return hv_aarch64_main(hv_demo_vcpus(plat_cpu_count(), DEMO_VCPUS),
			       DEMO_STEPS, pcpu_setup);
}
