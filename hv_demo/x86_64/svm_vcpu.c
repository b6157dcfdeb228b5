/*
 * SVM side of hv_demo's vCPUs (hv_demo/hv_arch.h): each vCPU's VMCB and
 * registers in its per-vCPU area. Every entry follows percpu_svm.h's
 * protocol (svm_enter()) with the pCPU's host area, so a load or put has
 * nothing to do: no VMCB field holds per-pCPU host state, and
 * KERNEL_GS_BASE moves with the VMCB. The local APIC timer, armed before
 * every VMRUN, ends the entry after at most one quantum (INTR exit:
 * HV_EXIT_PREEMPT).
 */
#include <stdbool.h>
#include <stdint.h>

#include "hv_demo/hv_arch.h"
#include "hv_demo/hv_internal.h"
#include "hv_demo/report.h"
#include "hv_demo/x86_64/apic_timer.h"
#include "hv_demo/x86_64/guest.h"
#include "hv_demo/x86_64/regs.h"
#include "hv_demo/x86_64/svm_host.h"
#include "tools/boards/x86_64/x86.h"

/** Host bookkeeping for one vCPU. */
struct svm_vcpu {
	uint64_t vmruns;
	uint64_t vmmcalls;
	/** NRIPS: VMMCALL exits whose nRIP was not RIP + 3. */
	uint64_t bad_nrips;
};

PERVCPU_DEFINE(struct vmcb, vmcb);
PERVCPU_DEFINE(struct svm_vcpu, svm_vcpu);

const char hv_arch_name[] = "x86_64 SVM, host per-CPU base in IA32_GS_BASE "
			    "(VMLOAD after #VMEXIT)";
const char hv_arch_guest_regs[] =
	"GS base, IA32_KERNEL_GS_BASE (VMCB: VMSAVE/VMLOAD)";

void hv_arch_vcpu_init(struct hv_vcpu *v, unsigned int steps)
{
	guest_vcpu_init(v->area, v->id, steps);
	vmcb_setup(vcpu_ptr(v->area, vmcb), (uintptr_t) guest_main,
		   guest_stack_top(v->id));
}

/* See the top: the VMCB needs nothing from the pCPU it comes to. */
void hv_arch_vcpu_load(int migrated)
{
	(void) migrated;
}

void hv_arch_vcpu_put(void) {}

/** Stops the demo after a VMRUN of vCPU `id` that did not enter the guest. */
__attribute__((noreturn)) static void
svm_fail(unsigned int id, const struct vmcb *vmcb, const char *what)
{
	plat_console_lock();
	plat_puts("hv_demo: vCPU ");
	plat_put_dec(id);
	plat_puts(": ");
	plat_puts(what);
	plat_puts(", exit code ");
	plat_put_hex(vmcb->control.exit_code);
	plat_puts(", guest RIP ");
	plat_put_hex(vmcb->save.rip);
	plat_puts("\n");
	plat_exit(PLAT_EXIT_FAIL);
}

/** After a VMMCALL exit: RIP past it, from nRIP if the CPU saves it. */
static void skip_vmmcall(struct svm_vcpu *vs, struct vmcb *vmcb)
{
	uint64_t next = vmcb->save.rip + VMMCALL_LENGTH;

	if (svm_caps.nrips) {
		vs->bad_nrips += vmcb->control.next_rip != next;
		next = vmcb->control.next_rip;
	}
	vmcb->save.rip = next;
}

void hv_arch_vcpu_run(struct hv_exit *exit)
{
	/* Everything needed after the exit, found before it: the GS base is
	 * the guest's until svm_enter() has VMLOADed the host's. */
	struct svm_vcpu *vs = this_vcpu_ptr(svm_vcpu);
	struct guest_regs *r = this_vcpu_ptr(guest_regs);
	struct vmcb *vmcb = this_vcpu_ptr(vmcb);
	uint64_t host = (uintptr_t) this_cpu_ptr(svm_host)->vmsave;
	unsigned int id = this_vcpu_read(hv_vcpu_id);

	vmcb->save.rax = r->rax;
	svm_clgi();
	apic_timer_arm();
	/* The host's IF (V_INTR_MASKING): the timer ends the VMRUN. */
	x86_sti();
	svm_enter(r, (uintptr_t) vmcb, host);
	x86_cli();
	apic_timer_stop();
	svm_stgi();
	apic_timer_take();
	r->rax = vmcb->save.rax;
	vs->vmruns++;

	switch (vmcb->control.exit_code) {
	case VMEXIT_INTR:
		*exit = (struct hv_exit){.kind = HV_EXIT_PREEMPT};
		break;
	case VMEXIT_VMMCALL:
		vs->vmmcalls++;
		skip_vmmcall(vs, vmcb);
		*exit = guest_hypercall_exit(r);
		break;
	case VMEXIT_NPF:
		*exit = (struct hv_exit){
			.kind = HV_EXIT_MMIO,
			.code = vmcb->control.exit_info1,
			.addr = vmcb->control.exit_info2,
		};
		break;
	case VMEXIT_INVALID:
		svm_fail(id, vmcb, "VMRUN found the guest state invalid");
	default:
		*exit = (struct hv_exit){
			.kind = HV_EXIT_UNKNOWN,
			.code = vmcb->control.exit_code,
		};
		break;
	}
}

/** Prints each pCPU's host areas and what its host VMSAVE captured. */
static void print_svm_layout(unsigned int npcpu)
{
	unsigned int i;

	plat_puts("pCPU  VM_HSAVE_PA  host VMSAVE area  its GS base  "
		  "per-CPU offset\n");
	for (i = 0; i < npcpu; i++) {
		const struct percpu_svm_host *h = per_cpu_ptr(svm_host, i);

		plat_puts("   ");
		plat_put_dec(i);
		plat_puts("  ");
		plat_put_hex((uintptr_t) h->hsave);
		plat_puts("     ");
		plat_put_hex((uintptr_t) h->vmsave);
		plat_puts("          ");
		plat_put_hex(percpu_svm_saved_gs_base(h->vmsave));
		plat_puts("     ");
		plat_put_hex(percpu_cpu_offset(i));
		plat_puts("\n");
	}
	plat_puts("SVM revision ");
	plat_put_dec(svm_caps.revision);
	plat_puts(", ");
	plat_put_dec(svm_caps.asids);
	plat_puts(" ASIDs; nested paging: ");
	plat_puts(svm_caps.np ? "identity NPT, 2 MiB pages" : "none");
	plat_puts("; NRIPS: ");
	plat_puts(svm_caps.nrips ? "yes" : "no (RIP + 3 by hand)");
	plat_puts("\nLAPIC timer: a STEP's guest work = ");
	plat_put_dec(apic_timer_stats.step_ticks);
	plat_puts(" ticks, quantum ");
	plat_put_dec(apic_timer_stats.quantum);
	plat_puts("\n");
}

/** The SVM-specific checks. */
void hv_arch_report(void)
{
	uint64_t vmruns = 0, vmmcalls = 0, preempts = 0, bad_nrips = 0;
	uint64_t exits = 0;
	unsigned int i, saved_host = 0, ran = 0, saved_guest = 0, called = 0;
	bool aligned = true;

	for (i = 0; i < hv_state.pcpu_count; i++) {
		const struct percpu_svm_host *h = per_cpu_ptr(svm_host, i);

		aligned &= (uintptr_t) h % 4096 == 0;
		exits += hv_state.pcpu[i].exits;
		/* The host VMSAVEs before its first VMRUN on this pCPU. */
		if (hv_state.pcpu[i].exits == 0)
			continue;
		ran++;
		saved_host += percpu_svm_saved_gs_base(h->vmsave) ==
			      percpu_cpu_offset(i);
	}
	for (i = 0; i < hv_state.vcpu_count; i++) {
		void *area = hv_state.vcpus[i].area;
		const struct svm_vcpu *vs = vcpu_ptr(area, svm_vcpu);
		const struct vmcb *vmcb = vcpu_ptr(area, vmcb);

		vmruns += vs->vmruns;
		vmmcalls += vs->vmmcalls;
		preempts += vcpu_ptr(area, hv_vstats)->preempts;
		bad_nrips += vs->bad_nrips;
		aligned &= (uintptr_t) vmcb % 4096 == 0;
		/* A guest sets both before its first hypercall. */
		if (vs->vmmcalls == 0)
			continue;
		called++;
		saved_guest += vmcb->save.gs.base ==
				       (uintptr_t) vcpu_ptr(area, guest_gs) &&
			       vmcb->save.kernel_gs_base ==
				       (uintptr_t) vcpu_ptr(area, guest_kgs);
	}
	print_svm_layout(hv_state.pcpu_count);
	hv_check(aligned, "host save areas (per-CPU) and VMCBs (per-vCPU) 4 "
			  "KiB-aligned\n");
	hv_check(ran != 0 && saved_host == ran,
		 "host VMSAVE areas hold their pCPU's per-CPU offset as GS "
		 "base (");
	plat_put_dec(saved_host);
	plat_puts("/");
	plat_put_dec(ran);
	plat_puts(" pCPUs that ran a guest)\n");
	hv_check(saved_guest == called,
		 "guest VMCBs hold their guest's GS base and KERNEL_GS_BASE "
		 "(VMSAVE after #VMEXIT; ");
	plat_put_dec(saved_guest);
	plat_puts("/");
	plat_put_dec(called);
	plat_puts(" vCPUs that made hypercalls)\n");
	hv_check(vmruns == exits, "one VMRUN per exit (");
	plat_put_dec(vmruns);
	plat_puts(" == ");
	plat_put_dec(exits);
	plat_puts("; ");
	plat_put_dec(vmmcalls);
	plat_puts(" VMMCALL, ");
	plat_put_dec(preempts);
	plat_puts(" INTR)\n");
	hv_check(preempts > 0, "the LAPIC timer preempted guests (");
	plat_put_dec(preempts);
	plat_puts(" INTR exits)\n");
	hv_check(apic_timer_irqs >= preempts,
		 "the host took every timer interrupt that exited a guest (");
	plat_put_dec(apic_timer_irqs);
	plat_puts(" taken >= ");
	plat_put_dec(preempts);
	plat_puts(" INTR exits)\n");
	if (svm_caps.nrips) {
		hv_check(bad_nrips == 0, "NRIPS: nRIP == RIP + 3 after every "
					 "VMMCALL (");
		plat_put_dec(bad_nrips);
		plat_puts(" differ)\n");
	}
}
