/* VM entry and exit: host callee-saved registers around guest GPRs. */
#include "hv_demo/x86_64/vmx_regs.h"

#define VMCS_HOST_RSP 0x6c14

	.text
	.globl vmx_enter
	.type vmx_enter, @function
vmx_enter:
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
	push %rdi			/* regs: at (HOST_RSP) after the exit */
	mov $VMCS_HOST_RSP, %eax
	vmwrite %rsp, %rax
	jbe 2f
	/* Flags from this test survive the moves below. */
	test %esi, %esi
	mov REGS_RAX(%rdi), %rax
	mov REGS_RBX(%rdi), %rbx
	mov REGS_RCX(%rdi), %rcx
	mov REGS_RDX(%rdi), %rdx
	mov REGS_RSI(%rdi), %rsi
	mov REGS_RBP(%rdi), %rbp
	mov REGS_R8(%rdi), %r8
	mov REGS_R9(%rdi), %r9
	mov REGS_R10(%rdi), %r10
	mov REGS_R11(%rdi), %r11
	mov REGS_R12(%rdi), %r12
	mov REGS_R13(%rdi), %r13
	mov REGS_R14(%rdi), %r14
	mov REGS_R15(%rdi), %r15
	mov REGS_RDI(%rdi), %rdi
	jnz 1f
	vmlaunch
	jmp 2f
1:	vmresume
2:	/* VMfail: the instruction did not enter the guest. */
	pop %rdi
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	mov $1, %eax
	ret
	.size vmx_enter, . - vmx_enter

	.globl vmx_exit
	.type vmx_exit, @function
vmx_exit:
	push %rdi
	mov 8(%rsp), %rdi
	mov %rax, REGS_RAX(%rdi)
	mov %rbx, REGS_RBX(%rdi)
	mov %rcx, REGS_RCX(%rdi)
	mov %rdx, REGS_RDX(%rdi)
	mov %rsi, REGS_RSI(%rdi)
	mov %rbp, REGS_RBP(%rdi)
	mov %r8, REGS_R8(%rdi)
	mov %r9, REGS_R9(%rdi)
	mov %r10, REGS_R10(%rdi)
	mov %r11, REGS_R11(%rdi)
	mov %r12, REGS_R12(%rdi)
	mov %r13, REGS_R13(%rdi)
	mov %r14, REGS_R14(%rdi)
	mov %r15, REGS_R15(%rdi)
	popq REGS_RDI(%rdi)
	add $8, %rsp
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
	xor %eax, %eax
	ret
	.size vmx_exit, . - vmx_exit

	.section .note.GNU-stack, "", @progbits
