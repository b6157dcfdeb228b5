/*
 * The guest register save area that the VM entry paths (vmx_entry.S,
 * svm_entry.S) fill and load, and the assembler macros both share.
 */
#ifndef HV_DEMO_X86_64_REGS_H
#define HV_DEMO_X86_64_REGS_H

/* Offsets used by the entry paths; checked against struct guest_regs below. */
#define REGS_RAX 0
#define REGS_RBX 8
#define REGS_RCX 16
#define REGS_RDX 24
#define REGS_RSI 32
#define REGS_RDI 40
#define REGS_RBP 48
#define REGS_R8 56
#define REGS_R9 64
#define REGS_R10 72
#define REGS_R11 80
#define REGS_R12 88
#define REGS_R13 96
#define REGS_R14 104
#define REGS_R15 112
#define REGS_SIZE 120

#ifdef __ASSEMBLER__
/* Assembler up to the #else: clang-format would reflow it. */
/* clang-format off */
/*
 * The guest's RBX, RCX, RDX, RSI, RBP and R8-R15 from / to the guest_regs at
 * \base: every general register but RAX (VMX: the caller's; SVM: in the
 * VMCB), RDI (the usual base, loaded last / saved first) and RSP.
 */
.macro guest_regs_load base
	mov REGS_RBX(\base), %rbx
	mov REGS_RCX(\base), %rcx
	mov REGS_RDX(\base), %rdx
	mov REGS_RSI(\base), %rsi
	mov REGS_RBP(\base), %rbp
	mov REGS_R8(\base), %r8
	mov REGS_R9(\base), %r9
	mov REGS_R10(\base), %r10
	mov REGS_R11(\base), %r11
	mov REGS_R12(\base), %r12
	mov REGS_R13(\base), %r13
	mov REGS_R14(\base), %r14
	mov REGS_R15(\base), %r15
.endm

.macro guest_regs_save base
	mov %rbx, REGS_RBX(\base)
	mov %rcx, REGS_RCX(\base)
	mov %rdx, REGS_RDX(\base)
	mov %rsi, REGS_RSI(\base)
	mov %rbp, REGS_RBP(\base)
	mov %r8, REGS_R8(\base)
	mov %r9, REGS_R9(\base)
	mov %r10, REGS_R10(\base)
	mov %r11, REGS_R11(\base)
	mov %r12, REGS_R12(\base)
	mov %r13, REGS_R13(\base)
	mov %r14, REGS_R14(\base)
	mov %r15, REGS_R15(\base)
.endm

/* The host's callee-saved registers around a VM entry (System V ABI). */
.macro host_regs_push
	push %rbp
	push %rbx
	push %r12
	push %r13
	push %r14
	push %r15
.endm

.macro host_regs_pop
	pop %r15
	pop %r14
	pop %r13
	pop %r12
	pop %rbx
	pop %rbp
.endm

/*
 * guest_hypercall() (guest.h) with the image's hypercall instruction \insn:
 * RAX = nr, (RBX, RCX, RDX) = (a, b, c) from RDI, RSI, RDX, RCX.
 */
.macro define_guest_hypercall insn
	.text
	.globl guest_hypercall
	.type guest_hypercall, @function
guest_hypercall:
	push %rbx
	mov %rdi, %rax
	mov %rsi, %rbx
	xchg %rdx, %rcx
	\insn
	pop %rbx
	ret
	.size guest_hypercall, . - guest_hypercall
.endm
/* clang-format on */
#else
#include <stddef.h>
#include <stdint.h>

/** Guest general-purpose registers (RSP and RIP live in the VMCS / VMCB). */
struct guest_regs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
};

_Static_assert(offsetof(struct guest_regs, rax) == REGS_RAX, "REGS_RAX");
_Static_assert(offsetof(struct guest_regs, rbx) == REGS_RBX, "REGS_RBX");
_Static_assert(offsetof(struct guest_regs, rcx) == REGS_RCX, "REGS_RCX");
_Static_assert(offsetof(struct guest_regs, rdx) == REGS_RDX, "REGS_RDX");
_Static_assert(offsetof(struct guest_regs, rsi) == REGS_RSI, "REGS_RSI");
_Static_assert(offsetof(struct guest_regs, rdi) == REGS_RDI, "REGS_RDI");
_Static_assert(offsetof(struct guest_regs, rbp) == REGS_RBP, "REGS_RBP");
_Static_assert(offsetof(struct guest_regs, r8) == REGS_R8, "REGS_R8");
_Static_assert(offsetof(struct guest_regs, r9) == REGS_R9, "REGS_R9");
_Static_assert(offsetof(struct guest_regs, r10) == REGS_R10, "REGS_R10");
_Static_assert(offsetof(struct guest_regs, r11) == REGS_R11, "REGS_R11");
_Static_assert(offsetof(struct guest_regs, r12) == REGS_R12, "REGS_R12");
_Static_assert(offsetof(struct guest_regs, r13) == REGS_R13, "REGS_R13");
_Static_assert(offsetof(struct guest_regs, r14) == REGS_R14, "REGS_R14");
_Static_assert(offsetof(struct guest_regs, r15) == REGS_R15, "REGS_R15");
_Static_assert(sizeof(struct guest_regs) == REGS_SIZE, "REGS_SIZE");
#endif /* __ASSEMBLER__ */

#endif /* HV_DEMO_X86_64_REGS_H */
