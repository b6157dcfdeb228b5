/*
 * VMX root per pCPU (x86_host.h's backend functions), the VMCS fields
 * hv_demo programs, and VM entry.
 */
#ifndef HV_DEMO_X86_64_VMCS_H
#define HV_DEMO_X86_64_VMCS_H

#include <stdbool.h>
#include <stdint.h>

#include "hv_demo/x86_64/regs.h"
#include "percpu/percpu.h"

/** A VMXON region: 4 KiB, 4 KiB-aligned, revision id first. */
struct vmxon_region {
	_Alignas(4096) uint32_t revision;
	uint8_t data[4092];
};

/** A VMCS region: same shape; one per vCPU. */
struct vmcs {
	_Alignas(4096) uint32_t revision;
	uint8_t data[4092];
};

/** Each pCPU's VMXON region, in its per-CPU area. */
PERCPU_DECLARE(struct vmxon_region, vmxon);

/*
 * x86_host_pcpu_on() makes the calling pCPU VMX-capable: its own GDT (a copy
 * of the current one) with a TSS for HOST_TR, CR0/CR4 fixed bits, VMXON on
 * this_cpu_ptr(vmxon); x86_host_pcpu_off() is VMXOFF.
 */

/**
 * Guest time between VM entry and preemption, in TSC cycles: the
 * VMX-preemption timer counts it down at the TSC rate divided by 2 to the
 * power IA32_VMX_MISC[4:0]. A third of a STEP's guest work on Bochs (one
 * cycle per instruction there, rate 0): about 3 preemptions per STEP.
 */
#define VMX_QUANTUM_TSC 20000u

/** The VMX-preemption timer value for VMX_QUANTUM_TSC on this CPU. */
uint32_t vmx_quantum_ticks(void);

/** Writes the VMX revision id into a VMCS region before its first VMPTRLD. */
void vmcs_prepare(struct vmcs *vmcs);

/**
 * Fills the current VMCS for a new vCPU: controls (adjusted to the TRUE
 * capability MSRs; the VMX-preemption timer on), a flat 64-bit guest on the
 * host's page tables starting at `rip` with stack `rsp`, and the whole host
 * state for this pCPU.
 */
void vmcs_setup(uint64_t rip, uint64_t rsp);

/**
 * Rewrites the host fields that differ between pCPUs: HOST_GS_BASE (from
 * percpu_vmx_host_gs_base(), unless `gs_base` is false), HOST_TR_* and
 * HOST_GDTR_BASE. HOST_RSP is written by vmx_enter() on every entry.
 */
void vmcs_write_host_pcpu(bool gs_base);

/** Checked vmwrite: a failure stops the demo, naming the field. */
void vmcs_write(uint32_t field, uint64_t value);

/**
 * Enters the guest whose VMCS is current: VMLAUNCH if `launched` is 0, else
 * VMRESUME. Writes HOST_RSP (this call's frame) first. Returns 0 after a VM
 * exit (guest registers saved in *regs), 1 if the VM instruction failed.
 */
int vmx_enter(struct guest_regs *regs, int launched);

/** Where a VM exit lands (HOST_RIP); returns from vmx_enter(). */
void vmx_exit(void);

#endif /* HV_DEMO_X86_64_VMCS_H */
