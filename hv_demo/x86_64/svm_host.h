/*
 * SVM per pCPU (x86_host.h's backend functions), the VMCB hv_demo programs,
 * and VMRUN with percpu_svm.h's protocol.
 */
#ifndef HV_DEMO_X86_64_SVM_HOST_H
#define HV_DEMO_X86_64_SVM_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "hv_demo/x86_64/regs.h"
#include "percpu_svm.h"
#include "hv_demo/x86_64/vmcb.h"
#include "percpu/percpu.h"

/** Each pCPU's host save area and host VMSAVE image (percpu_svm.h). */
PERCPU_DECLARE(struct percpu_svm_host, svm_host);

/** What CPUID 0x8000000A says, read by x86_host_init(). */
struct svm_caps {
	uint32_t revision;
	uint32_t asids;
	/** Nested paging: guests then run on an identity NPT. */
	bool np;
	/** NRIPS: a VMMCALL exit stores the next RIP in the VMCB. */
	bool nrips;
};
extern struct svm_caps svm_caps;

/*
 * x86_host_init() checks for SVM (CPUID 0x80000001:ECX[2], VM_CR.SVMDIS
 * clear), reads svm_caps, builds the identity NPT if there is nested paging
 * and sets the host timer up (apic_timer.h); x86_host_pcpu_on() sets
 * EFER.SVME and VM_HSAVE_PA; x86_host_pcpu_off() clears EFER.SVME.
 */

/**
 * Fills a new vCPU's VMCB: intercepts (VMRUN, VMMCALL, INTR, shutdown),
 * V_INTR_MASKING, ASID 1 (one VM, one address space), the identity NPT if
 * any, and a flat 64-bit guest on the host's page tables starting at `rip`
 * with stack `rsp`, GS base and KERNEL_GS_BASE 0 (the guest sets its own).
 */
void vmcb_setup(struct vmcb *vmcb, uint64_t rip, uint64_t rsp);

/**
 * VMSAVE(host); VMLOAD(vmcb); VMRUN(vmcb) with the guest registers in *regs
 * (RAX: in the VMCB); after #VMEXIT, saves them back, then VMSAVE(vmcb);
 * VMLOAD(host). `vmcb` and `host` are physical addresses; call with GIF
 * clear. The broken build HV_DEMO_BREAK=3 leaves out the host VMLOAD.
 */
void svm_enter(struct guest_regs *regs, uint64_t vmcb, uint64_t host);

#endif /* HV_DEMO_X86_64_SVM_HOST_H */
