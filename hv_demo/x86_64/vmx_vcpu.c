/*
 * VMX side of hv_demo's vCPUs (hv_demo/hv_arch.h): each vCPU's VMCS,
 * registers and guest GS blocks in its per-vCPU area. A load makes the VMCS
 * current on this pCPU (VMPTRLD) and, after a migration, rewrites the host
 * fields that differ between pCPUs (HOST_GS_BASE: percpu_vmx.h); a put
 * VMCLEARs it so that another pCPU can load it, and the next entry is
 * VMLAUNCH again. IA32_KERNEL_GS_BASE is not in the VMCS: saved on put,
 * restored on load. The VMX-preemption timer ends every entry after at most
 * one quantum (HV_EXIT_PREEMPT).
 */
#include <stdbool.h>
#include <stdint.h>

#include "hv_demo/hv_arch.h"
#include "hv_demo/hv_internal.h"
#include "hv_demo/report.h"
#include "hv_demo/x86_64/guest.h"
#include "hv_demo/x86_64/vmcs.h"
#include "hv_demo/x86_64/regs.h"
#include "hv_demo/x86_64/vmx.h"
#include "percpu_vmx.h"

/*
 * Failure injection, to prove the checks catch what they claim (tests in
 * BUILD): HV_DEMO_BREAK=1 keeps the previous pCPU's HOST_GS_BASE when a vCPU
 * migrates, HV_DEMO_BREAK=2 does not restore a vCPU's KERNEL_GS_BASE.
 */
#ifndef HV_DEMO_BREAK
#define HV_DEMO_BREAK 0
#endif

/** Host bookkeeping for one vCPU. */
struct vcpu_state {
	bool started;
	/** VMLAUNCH done since the last VMCLEAR: the next entry is VMRESUME. */
	bool launched;
	/** IA32_KERNEL_GS_BASE while the vCPU is not loaded (percpu_vmx.h). */
	uint64_t kernel_gs_base;
	uint64_t launches;
	uint64_t resumes;
};

PERVCPU_DEFINE(struct vmcs, vmcs);
PERVCPU_DEFINE(struct vcpu_state, vstate);

const char hv_arch_name[] =
	"x86_64 VMX (Bochs), host per-CPU base in IA32_GS_BASE";
const char hv_arch_guest_regs[] = "GS base (VMCS), IA32_KERNEL_GS_BASE";

void hv_arch_vcpu_init(struct hv_vcpu *v, unsigned int steps)
{
	guest_vcpu_init(v->area, v->id, steps);
	vmcs_prepare(vcpu_ptr(v->area, vmcs));
}

void hv_arch_vcpu_load(int migrated)
{
	struct vcpu_state *vs = this_vcpu_ptr(vstate);

	if (HV_DEMO_BREAK != 2)
		x86_wrmsr(PERCPU_MSR_KERNEL_GS_BASE, vs->kernel_gs_base);
	HV_CHECK(vmptrld((uintptr_t) this_vcpu_ptr(vmcs)));
	if (!vs->started) {
		vmcs_setup((uintptr_t) guest_main,
			   guest_stack_top(this_vcpu_read(hv_vcpu_id)));
		vs->started = true;
	} else if (migrated) {
		vmcs_write_host_pcpu(HV_DEMO_BREAK != 1);
	}
}

void hv_arch_vcpu_put(void)
{
	struct vcpu_state *vs = this_vcpu_ptr(vstate);

	HV_CHECK(vmclear((uintptr_t) this_vcpu_ptr(vmcs)));
	vs->launched = false;
	vs->kernel_gs_base = x86_rdmsr(PERCPU_MSR_KERNEL_GS_BASE);
}

/**
 * Stops the demo after a failed VM entry or an unexpected VM exit of vCPU
 * `id`.
 */
__attribute__((noreturn)) static void vmx_fail(unsigned int id,
					       const char *what, uint64_t code)
{
	plat_console_lock();
	plat_puts("hv_demo: vCPU ");
	plat_put_dec(id);
	plat_puts(": ");
	plat_puts(what);
	plat_puts(" ");
	plat_put_hex(code);
	plat_puts(", qualification ");
	plat_put_hex(vmread(EXIT_QUALIFICATION));
	plat_puts(", guest RIP ");
	plat_put_hex(vmread(GUEST_RIP));
	plat_puts("\n");
	plat_exit(PLAT_EXIT_FAIL);
}

void hv_arch_vcpu_run(struct hv_exit *exit)
{
	/* Per-vCPU pointers before entry: after the exit, the per-CPU base is
	 * HOST_GS_BASE, which the generic checks verify only later. */
	struct vcpu_state *vs = this_vcpu_ptr(vstate);
	struct guest_regs *r = this_vcpu_ptr(guest_regs);
	unsigned int id = this_vcpu_read(hv_vcpu_id);
	uint64_t reason;

	if (vmx_enter(r, vs->launched))
		vmx_fail(id, "VMLAUNCH/VMRESUME failed, error",
			 vmread(VM_INSTRUCTION_ERROR));
	*(vs->launched ? &vs->resumes : &vs->launches) += 1;
	vs->launched = true;
	reason = vmread(EXIT_REASON);
	if (reason & EXIT_REASON_ENTRY_FAILED)
		vmx_fail(id, "VM entry failed, exit reason", reason);
	if (reason == EXIT_REASON_PREEMPTION_TIMER) {
		*exit = (struct hv_exit){.kind = HV_EXIT_PREEMPT};
		return;
	}
	if (reason != EXIT_REASON_VMCALL)
		vmx_fail(id, "unexpected VM exit, reason", reason);
	vmcs_write(GUEST_RIP, vmread(GUEST_RIP) + vmread(EXIT_INSTRUCTION_LEN));
	*exit = guest_hypercall_exit(r);
}

/** Prints where each pCPU's VMXON region and per-CPU area are. */
static void print_vmx_layout(unsigned int npcpu, uint64_t launches,
			     uint64_t resumes)
{
	unsigned int i;

	plat_puts("pCPU  VMXON region  HOST_GS_BASE (per-CPU offset)\n");
	for (i = 0; i < npcpu; i++) {
		plat_puts("   ");
		plat_put_dec(i);
		plat_puts("  ");
		plat_put_hex((uintptr_t) per_cpu_ptr(vmxon, i));
		plat_puts("      ");
		plat_put_hex(percpu_cpu_offset(i));
		plat_puts("\n");
	}
	plat_puts("VM entries: ");
	plat_put_dec(launches);
	plat_puts(" VMLAUNCH, ");
	plat_put_dec(resumes);
	plat_puts(" VMRESUME; VMX-preemption timer: ");
	plat_put_dec(vmx_quantum_ticks());
	plat_puts(" ticks of 2^");
	plat_put_dec(VMX_MISC_PREEMPTION_RATE(x86_rdmsr(MSR_IA32_VMX_MISC)));
	plat_puts(" TSC cycles\n");
}

/** The VMX-specific checks. */
void hv_arch_report(void)
{
	uint64_t launches = 0, resumes = 0, loads = 0, exits = 0, preempts = 0;
	bool aligned = true;
	unsigned int i;

	/* Every exit, also one after which a host check failed and stopped
	 * the run before the vCPU counted it. */
	for (i = 0; i < hv_state.pcpu_count; i++) {
		aligned &= (uintptr_t) per_cpu_ptr(vmxon, i) % 4096 == 0;
		exits += hv_state.pcpu[i].exits;
	}
	for (i = 0; i < hv_state.vcpu_count; i++) {
		void *area = hv_state.vcpus[i].area;
		const struct vcpu_state *vs = vcpu_ptr(area, vstate);

		launches += vs->launches;
		resumes += vs->resumes;
		loads += vcpu_ptr(area, hv_vstats)->loads;
		preempts += vcpu_ptr(area, hv_vstats)->preempts;
		aligned &= (uintptr_t) vcpu_ptr(area, vmcs) % 4096 == 0;
	}
	print_vmx_layout(hv_state.pcpu_count, launches, resumes);
	hv_check(aligned, "VMXON regions (per-CPU) and VMCSs (per-vCPU) 4 "
			  "KiB-aligned\n");
	hv_check(launches == loads && resumes == exits - loads,
		 "VMLAUNCH once per load (after VMCLEAR), else VMRESUME\n");
	hv_check(preempts > 0, "the VMX-preemption timer preempted guests (");
	plat_put_dec(preempts);
	plat_puts(" exits)\n");
}
