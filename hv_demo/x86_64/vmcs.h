/* VMX root per pCPU, and the VMCS fields hv_demo programs. */
#ifndef HV_DEMO_X86_64_VMCS_H
#define HV_DEMO_X86_64_VMCS_H

#include <stdbool.h>
#include <stdint.h>

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

/**
 * Makes the calling pCPU VMX-capable: its own GDT (a copy of the current
 * one) with a TSS for HOST_TR, CR0/CR4 fixed bits, VMXON on
 * this_cpu_ptr(vmxon).
 */
void vmx_pcpu_on(void);

/** VMXOFF on the calling pCPU. */
void vmx_pcpu_off(void);

/** Writes the VMX revision id into a VMCS region before its first VMPTRLD. */
void vmcs_prepare(struct vmcs *vmcs);

/**
 * Fills the current VMCS for a new vCPU: controls (adjusted to the TRUE
 * capability MSRs), a flat 64-bit guest on the host's page tables starting
 * at `rip` with stack `rsp`, and the whole host state for this pCPU.
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

#endif /* HV_DEMO_X86_64_VMCS_H */
