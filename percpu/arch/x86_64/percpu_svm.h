/*
 * percpu in an AMD SVM host (x86_64 hypervisors), beside percpu_vmx.h.
 *
 * VMRUN and #VMEXIT switch CS, SS, DS, ES, RIP, RSP, RAX, RFLAGS, the
 * control registers, EFER, GDTR and IDTR. FS, GS (selectors and bases), TR,
 * LDTR, IA32_KERNEL_GS_BASE, STAR, LSTAR, CSTAR, SFMASK and SYSENTER_* move
 * only with VMSAVE and VMLOAD. Unlike a VMX exit, which loads HOST_GS_BASE,
 * #VMEXIT leaves the GS base as the guest left it: after a guest `wrmsr` of
 * its GS base, every host `%gs:` access reaches the guest's memory until the
 * host VMLOADs its own state. So each pCPU keeps one per-CPU variable
 * (both pages 4 KiB-aligned: percpu aligns every area to its most aligned
 * variable; the MSR takes the page's physical address):
 *
 *   PERCPU_DEFINE(struct percpu_svm_host, svm_host);
 *   wrmsr(PERCPU_MSR_VM_HSAVE_PA, this_cpu_ptr(svm_host)->hsave);   once
 *
 * and enters every guest like this, with the guest's VMCB (a vCPU's state
 * for VMLOAD, VMRUN and VMSAVE) in the vCPU's per-vCPU area:
 *
 *   host = this_cpu_ptr(svm_host)->vmsave;     before CLGI, kept on the
 *                                              stack or in a register
 *   CLGI                 no interrupt, NMI or SMI until STGI
 *   VMSAVE host          the host's GS base: this pCPU's percpu_cpu_offset()
 *   VMLOAD guest VMCB    the guest's GS base, KERNEL_GS_BASE, ...
 *   VMRUN  guest VMCB
 *   #VMEXIT              GS base still the guest's: no %gs: access here
 *   VMSAVE guest VMCB    what the guest left, for its next VMLOAD
 *   VMLOAD host          the host's GS base back: %gs: works again
 *   STGI
 *
 * With GIF clear from before the first VMSAVE to after the last VMLOAD no
 * interrupt handler runs on the guest's GS base. The host's VMSAVE may also
 * be done once per pCPU if the host never changes those registers later.
 *
 * Migration: no VMCB field holds per-pCPU host state (VMRUN saves the host's
 * into the VM_HSAVE_PA page of the pCPU it runs on, and the host area above
 * is the current pCPU's), so a vCPU that pervcpu_load() reports as moved
 * needs nothing rewritten, unlike HOST_GS_BASE on VMX. Only the processor's
 * cached copy of the VMCB must not be trusted: VMCB clean bits 0 after a
 * move (or always).
 *
 * IA32_KERNEL_GS_BASE policy: VMSAVE/VMLOAD switch it together with the GS
 * base, so the guest's value lives in its VMCB, in per-vCPU data, and moves
 * with the vCPU: no save on put or restore on load (VMX needs both). The
 * host's comes back with the host VMLOAD. percpu never uses it, and host
 * code must not execute swapgs.
 */
#ifndef PERCPU_ARCH_X86_64_PERCPU_SVM_H
#define PERCPU_ARCH_X86_64_PERCPU_SVM_H

#include <stdint.h>

/** VM_HSAVE_PA: physical address of this pCPU's VMRUN host save area. */
#define PERCPU_MSR_VM_HSAVE_PA 0xc0010117u

/**
 * Where VMSAVE puts the GS base and IA32_KERNEL_GS_BASE in a VMCB or host
 * area (AMD APM vol. 2, table B-2), to check what a VMSAVE captured.
 */
#define PERCPU_SVM_VMCB_GS_BASE 0x458u
#define PERCPU_SVM_VMCB_KERNEL_GS_BASE 0x620u

/**
 * One pCPU's SVM host state: the per-CPU variable described above (the
 * attribute, not _Alignas, so that C++ compiles it too).
 */
struct percpu_svm_host {
	/** VMRUN's host save area (VM_HSAVE_PA); the processor's format. */
	uint8_t hsave[4096] __attribute__((aligned(4096)));
	/** The host's VMSAVE image (a VMCB's layout, VMSAVE fields only). */
	uint8_t vmsave[4096] __attribute__((aligned(4096)));
};

/**
 * The GS base a VMSAVE stored in `area` (a VMCB or host area). After the
 * host's VMSAVE on pCPU `cpu` its host area must hold percpu_cpu_offset(cpu),
 * which is what hv_demo compares it against.
 */
static inline uint64_t percpu_svm_saved_gs_base(const void *area)
{
	return *(const uint64_t *) ((const uint8_t *) area +
				    PERCPU_SVM_VMCB_GS_BASE);
}

#endif /* PERCPU_ARCH_X86_64_PERCPU_SVM_H */
