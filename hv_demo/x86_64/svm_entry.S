/*
 * SVM guest entry with percpu_svm.h's protocol: nothing between VMRUN and
 * the host VMLOAD touches %gs:, and the host area's address comes from the
 * stack. Also the guests' VMMCALL. HV_DEMO_BREAK=3 (a build that must fail its
 * checks, BUILD) leaves the host VMLOAD out.
 */
#include "hv_demo/x86_64/regs.h"

	.text
	/* void svm_enter(struct guest_regs *regs, uint64_t vmcb, uint64_t host) */
	.globl svm_enter
	.type svm_enter, @function
svm_enter:
	host_regs_push
	push %rdx			/* the host area, for after the exit */
	push %rsi			/* the guest's VMCB */
	push %rdi			/* regs */
	mov %rdx, %rax
	vmsave %rax			/* the host's GS base: its per-CPU offset */
	mov %rsi, %rax
	vmload %rax			/* the guest's GS base, KERNEL_GS_BASE, ... */
	guest_regs_load %rdi
	mov REGS_RDI(%rdi), %rdi
	vmrun %rax
	/*
	 * #VMEXIT: RSP, RAX (the VMCB) and RFLAGS are the host's again, GIF
	 * is clear, the GS base is still the guest's.
	 */
	push %rdi
	mov 8(%rsp), %rdi
	guest_regs_save %rdi
	popq REGS_RDI(%rdi)
	add $8, %rsp
	pop %rax
	vmsave %rax			/* the guest's, for its next VMLOAD */
	pop %rax
#if HV_DEMO_BREAK != 3
	vmload %rax			/* the host's GS base back */
#endif
	host_regs_pop
	ret
	.size svm_enter, . - svm_enter

	define_guest_hypercall vmmcall

	.section .note.GNU-stack, "", @progbits
