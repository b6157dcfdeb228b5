/*
 * EL2 exception vectors and guest entry. hv_arch_enter saves the host's
 * callee-saved registers in a frame on SP_EL2 and erets into the guest; an
 * exception from the guest lands on that same SP_EL2, saves the guest's
 * registers into the arch_regs the frame points at and returns from
 * hv_arch_enter. TPIDR_EL2 is neither used nor touched here: guests cannot
 * reach it, so host per-CPU data needs no switching.
 */
#include "hv_demo/aarch64/regs.h"

	.text
	.global	hv_arch_enter
hv_arch_enter:
	sub	sp, sp, #FRAME_SIZE
	str	x0, [sp, #FRAME_REGS]
	stp	x19, x20, [sp, #FRAME_X19]
	stp	x21, x22, [sp, #FRAME_X19 + 16]
	stp	x23, x24, [sp, #FRAME_X19 + 32]
	stp	x25, x26, [sp, #FRAME_X19 + 48]
	stp	x27, x28, [sp, #FRAME_X19 + 64]
	stp	x29, x30, [sp, #FRAME_X19 + 80]

	ldr	x1, [x0, #REGS_PC]
	msr	elr_el2, x1
	ldr	x1, [x0, #REGS_SPSR]
	msr	spsr_el2, x1
	ldp	x2, x3, [x0, #REGS_X0 + 16]
	ldp	x4, x5, [x0, #REGS_X0 + 32]
	ldp	x6, x7, [x0, #REGS_X0 + 48]
	ldp	x8, x9, [x0, #REGS_X0 + 64]
	ldp	x10, x11, [x0, #REGS_X0 + 80]
	ldp	x12, x13, [x0, #REGS_X0 + 96]
	ldp	x14, x15, [x0, #REGS_X0 + 112]
	ldp	x16, x17, [x0, #REGS_X0 + 128]
	ldp	x18, x19, [x0, #REGS_X0 + 144]
	ldp	x20, x21, [x0, #REGS_X0 + 160]
	ldp	x22, x23, [x0, #REGS_X0 + 176]
	ldp	x24, x25, [x0, #REGS_X0 + 192]
	ldp	x26, x27, [x0, #REGS_X0 + 208]
	ldp	x28, x29, [x0, #REGS_X0 + 224]
	ldr	x30, [x0, #REGS_X30]
	ldp	x0, x1, [x0, #REGS_X0]
	eret

/*
 * Guest exit, reached from a lower-EL vector with the guest's x0 and x1
 * pushed on the frame and x0 = EXIT_*.
 */
guest_exit:
	ldr	x1, [sp, #16 + FRAME_REGS]
	stp	x2, x3, [x1, #REGS_X0 + 16]
	stp	x4, x5, [x1, #REGS_X0 + 32]
	stp	x6, x7, [x1, #REGS_X0 + 48]
	stp	x8, x9, [x1, #REGS_X0 + 64]
	stp	x10, x11, [x1, #REGS_X0 + 80]
	stp	x12, x13, [x1, #REGS_X0 + 96]
	stp	x14, x15, [x1, #REGS_X0 + 112]
	stp	x16, x17, [x1, #REGS_X0 + 128]
	stp	x18, x19, [x1, #REGS_X0 + 144]
	stp	x20, x21, [x1, #REGS_X0 + 160]
	stp	x22, x23, [x1, #REGS_X0 + 176]
	stp	x24, x25, [x1, #REGS_X0 + 192]
	stp	x26, x27, [x1, #REGS_X0 + 208]
	stp	x28, x29, [x1, #REGS_X0 + 224]
	str	x30, [x1, #REGS_X30]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x1, #REGS_X0]
	mrs	x2, elr_el2
	str	x2, [x1, #REGS_PC]
	mrs	x2, spsr_el2
	str	x2, [x1, #REGS_SPSR]

	ldp	x19, x20, [sp, #FRAME_X19]
	ldp	x21, x22, [sp, #FRAME_X19 + 16]
	ldp	x23, x24, [sp, #FRAME_X19 + 32]
	ldp	x25, x26, [sp, #FRAME_X19 + 48]
	ldp	x27, x28, [sp, #FRAME_X19 + 64]
	ldp	x29, x30, [sp, #FRAME_X19 + 80]
	add	sp, sp, #FRAME_SIZE
	ret

/* An exception taken from the guest: save x0-x1, go to guest_exit. */
.macro from_guest kind
	.balign	0x80
	stp	x0, x1, [sp, #-16]!
	mov	x0, #\kind
	b	guest_exit
.endm

/* An exception taken at EL2 itself (a hypervisor bug): fatal. */
.macro from_el2 n
	.balign	0x80
	mov	x0, #\n
	b	hv_arch_fatal
.endm

	.balign	0x800
	.global	hv_vectors
hv_vectors:
	/* Current EL with SP_EL0, then with SP_EL2: sync, IRQ, FIQ, SError. */
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7
	from_el2 \n
	.endr
	/* Lower EL, AArch64: the guest. */
	from_guest EXIT_SYNC
	from_guest EXIT_IRQ
	from_guest EXIT_FIQ
	from_guest EXIT_SERROR
	/* Lower EL, AArch32: guests never run AArch32. */
	.irp	n, 12, 13, 14, 15
	from_el2 \n
	.endr
