/*
 * VM entry and exit: host callee-saved registers around guest GPRs; the
 * guests' VMCALL. A VM exit loads HOST_GS_BASE, so the exit path finds the
 * loaded vCPU's guest_regs through %gs at once (percpu/percpu_asm.h: the
 * per-CPU pervcpu offset plus the variable); RSP is HOST_RSP, the stack
 * vmx_enter left.
 */
#include "hv_demo/x86_64/regs.h"
#include "percpu/percpu_asm.h"

#define VMCS_HOST_RSP 0x6c14

	.text
	.globl vmx_enter
	.type vmx_enter, @function
vmx_enter:
	host_regs_push
	push %rdi			/* regs, for a failed entry */
	mov $VMCS_HOST_RSP, %eax
	vmwrite %rsp, %rax
	jbe 2f
	/* Flags from this test survive the moves below. */
	test %esi, %esi
	mov REGS_RAX(%rdi), %rax
	guest_regs_load %rdi
	mov REGS_RDI(%rdi), %rdi
	jnz 1f
	vmlaunch
	jmp 2f
1:	vmresume
2:	/* VMfail: the instruction did not enter the guest. */
	pop %rdi
	host_regs_pop
	mov $1, %eax
	ret
	.size vmx_enter, . - vmx_enter

	.globl vmx_exit
	.type vmx_exit, @function
vmx_exit:
	push %rdi
	push %rax
	pervcpu_addr %rdi, guest_regs, %rax
	popq REGS_RAX(%rdi)
	guest_regs_save %rdi
	popq REGS_RDI(%rdi)
	add $8, %rsp
	host_regs_pop
	xor %eax, %eax
	ret
	.size vmx_exit, . - vmx_exit

	define_guest_hypercall vmcall

	.section .note.GNU-stack, "", @progbits
