/*
 * percpu in VMX root (x86_64 hypervisors).
 *
 * A VM exit loads the host GS base from the VMCS field HOST_GS_BASE, so each
 * pCPU must program its own per-CPU offset there, in every VMCS it launches:
 *
 *   vmwrite(PERCPU_VMCS_HOST_GS_BASE, percpu_vmx_host_gs_base());
 *
 * A VMCS is bound to a vCPU, not to a pCPU: when pervcpu_load() returns 1 the
 * vCPU last ran on another pCPU (after VMCLEAR there and VMPTRLD here), and
 * the hypervisor must rewrite HOST_GS_BASE and the other per-pCPU host fields
 * (HOST_TR_BASE, HOST_GDTR_BASE, HOST_RSP, ...) before the next VM entry.
 *
 * IA32_KERNEL_GS_BASE policy: the VMCS does not switch it, and percpu never
 * uses it. A guest's swapgs leaves its value in the MSR after a VM exit, so
 * host code must never execute swapgs, and the hypervisor treats the MSR as
 * guest state: save it into per-vCPU data when the vCPU is put and restore it
 * when the vCPU is loaded (it belongs to the pCPU, the vCPU may move).
 * On SVM nothing restores GS at all: percpu_svm.h gives the protocol.
 */
#ifndef PERCPU_ARCH_X86_64_PERCPU_VMX_H
#define PERCPU_ARCH_X86_64_PERCPU_VMX_H

#include "percpu_arch.h"

/** VMCS field encodings percpu users need. */
#define PERCPU_VMCS_HOST_GS_BASE 0x6c08u
#define PERCPU_VMCS_GUEST_GS_BASE 0x6810u

/** IA32_KERNEL_GS_BASE, guest state in a hypervisor (see above). */
#define PERCPU_MSR_KERNEL_GS_BASE 0xc0000102u

/** The value for HOST_GS_BASE on the calling pCPU: its per-CPU offset. */
static inline uint64_t percpu_vmx_host_gs_base(void)
{
	return ARCH_PERCPU_READ(percpu_head.offset);
}

#endif /* PERCPU_ARCH_X86_64_PERCPU_VMX_H */
