/*
 * hv_demo, x86_64 (VMX or SVM, whichever backend the image links): every
 * pCPU turns the extension on and runs vCPUs from the shared run queue
 * (hv_demo/hv.c; the backend's side of a vCPU is vmx_vcpu.c or
 * svm_vcpu.c); the boot pCPU prints the report.
 */
#include "hv_demo/hv.h"
#include "hv_demo/hv_arch.h"
#include "hv_demo/report.h"
#include "hv_demo/x86_64/x86_host.h"

/** vCPUs to create and STEP hypercalls each makes. */
#define DEMO_VCPUS 8
#define DEMO_STEPS 48

/** Every pCPU: the extension on, then run vCPUs until all are done. */
static void pcpu_main(unsigned int cpu, void *arg)
{
	(void) arg;
	HV_CHECK(hv_pcpu_init(cpu) == 0);
	HV_CHECK(plat_cpu_index() == cpu);
	x86_host_pcpu_on();
	hv_pcpu_loop();
	x86_host_pcpu_off();
	/* A host check that failed left the GS base broken: repair it. */
	if (percpu_read_reg() != percpu_area_base(cpu))
		HV_CHECK(percpu_init_cpu(cpu) == 0);
	if (cpu != 0)
		plat_park();
}

/* pCPUs idle only briefly (vCPUs outnumber them): spinning is fine. */
void hv_arch_idle(void)
{
	plat_cpu_relax();
}

int plat_main(void)
{
	unsigned int pcpus = plat_cpu_count();
	unsigned int i;

	percpu_set_reporter(plat_put_line);
	x86_host_init();
	HV_CHECK(percpu_init(NULL, pcpus) == (int) pcpus);
	if (hv_init(pcpus, hv_demo_vcpus(pcpus, DEMO_VCPUS), DEMO_STEPS) != 0)
		return 1;
	for (i = 1; i < pcpus; i++)
		HV_CHECK(plat_start_cpu(i, pcpu_main, NULL) == 0);
	pcpu_main(0, NULL);
	hv_wait_idle();
	return hv_report() == 0 ? 0 : 1;
}
