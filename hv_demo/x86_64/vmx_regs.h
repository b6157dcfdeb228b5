/* The guest register save area that vmx_entry.S fills and loads. */
#ifndef HV_DEMO_X86_64_VMX_REGS_H
#define HV_DEMO_X86_64_VMX_REGS_H

/* Offsets used by vmx_entry.S; checked against struct guest_regs below. */
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

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

/** Guest general-purpose registers (RSP and RIP live in the VMCS). */
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

/**
 * Enters the guest whose VMCS is current: VMLAUNCH if `launched` is 0, else
 * VMRESUME. Writes HOST_RSP (this call's frame) first. Returns 0 after a VM
 * exit (guest registers saved in *regs), 1 if the VM instruction failed.
 */
int vmx_enter(struct guest_regs *regs, int launched);

/** Where a VM exit lands (HOST_RIP); returns from vmx_enter(). */
void vmx_exit(void);
#endif

#endif /* HV_DEMO_X86_64_VMX_REGS_H */
