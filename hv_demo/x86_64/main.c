/*
 * hv_demo, x86_64 VMX: every pCPU enters VMX root with its VMXON region in
 * per-CPU data and runs vCPUs from the shared run queue (hv_demo/hv.c; the
 * VMX side of a vCPU is vcpu.c); the boot pCPU prints the report.
 */
#include "hv_demo/hv.h"
#include "hv_demo/report.h"
#include "hv_demo/x86_64/vmcs.h"

/** vCPUs to create and STEP hypercalls each makes. */
#define DEMO_VCPUS 8
#define DEMO_STEPS 48

/** Every pCPU: VMX on, then run vCPUs until all are done. */
static void pcpu_main(unsigned int cpu, void *arg)
{
	(void) arg;
	HV_CHECK(hv_pcpu_init(cpu) == 0);
	HV_CHECK(plat_cpu_index() == cpu);
	vmx_pcpu_on();
	hv_pcpu_loop();
	vmx_pcpu_off();
	/* A host check that failed left the GS base broken: repair it. */
	if (percpu_read_reg() != percpu_area_base(cpu))
		HV_CHECK(percpu_init_cpu(cpu) == 0);
	if (cpu != 0)
		plat_park();
}

int plat_main(void)
{
	unsigned int pcpus = plat_cpu_count();
	unsigned int i;

	percpu_set_reporter(plat_put_line);
	HV_CHECK(percpu_init(NULL, pcpus) == (int) pcpus);
	if (hv_init(pcpus, DEMO_VCPUS, DEMO_STEPS) != 0)
		return 1;
	for (i = 1; i < pcpus; i++)
		HV_CHECK(plat_start_cpu(i, pcpu_main, NULL) == 0);
	pcpu_main(0, NULL);
	hv_wait_idle();
	return hv_report() == 0 ? 0 : 1;
}
