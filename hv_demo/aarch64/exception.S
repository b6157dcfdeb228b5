/*
 * EL2 exception vectors and guest entry. hv_arch_enter saves the host's
 * callee-saved registers in a frame on SP_EL2 and erets into the guest; an
 * exception from the guest lands on that same SP_EL2, finds the loaded
 * vCPU's hv_arch_regs through TPIDR_EL2 (percpu/percpu_asm.h: the per-CPU
 * pervcpu offset, plus the variable), saves the guest's registers straight
 * into it and returns from hv_arch_enter. Guests cannot reach TPIDR_EL2, so
 * host per-CPU data needs no switching. Offsets come from asm_offsets.c.
 */
#include "hv_demo/aarch64/asm_offsets.h"
#include "hv_demo/aarch64/regs.h"
#include "percpu/percpu_asm.h"

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
 * pushed on the frame and x0 = EXIT_*. The per-CPU base must be one of the
 * in-place areas (hv_demo's percpu_init(NULL, ...)) before anything is read
 * through it: a hypervisor built with a base register the guest owns (the
 * deliberately broken builds) falls back on the frame's pointer, so that its
 * C checks report the broken base instead of this code faulting on it.
 */
guest_exit:
	stp	x0, x2, [sp, #-16]!
	percpu_base x0
	adrp	x1, __percpu_reserve_start
	add	x1, x1, #:lo12:__percpu_reserve_start
	cmp	x0, x1
	b.lo	1f
	adrp	x1, __percpu_reserve_end
	add	x1, x1, #:lo12:__percpu_reserve_end
	cmp	x0, x1
	b.hs	1f
	pervcpu_addr x0, hv_arch_regs, x1
	b	2f
1:	ldr	x0, [sp, #32 + FRAME_REGS]
2:	stp	x3, x4, [x0, #REGS_X0 + 24]
	stp	x5, x6, [x0, #REGS_X0 + 40]
	stp	x7, x8, [x0, #REGS_X0 + 56]
	stp	x9, x10, [x0, #REGS_X0 + 72]
	stp	x11, x12, [x0, #REGS_X0 + 88]
	stp	x13, x14, [x0, #REGS_X0 + 104]
	stp	x15, x16, [x0, #REGS_X0 + 120]
	stp	x17, x18, [x0, #REGS_X0 + 136]
	stp	x19, x20, [x0, #REGS_X0 + 152]
	stp	x21, x22, [x0, #REGS_X0 + 168]
	stp	x23, x24, [x0, #REGS_X0 + 184]
	stp	x25, x26, [x0, #REGS_X0 + 200]
	stp	x27, x28, [x0, #REGS_X0 + 216]
	stp	x29, x30, [x0, #REGS_X0 + 232]
	/* x1 = EXIT_*, then the guest's x2, x0 and x1 off the stack. */
	ldp	x1, x2, [sp], #16
	str	x2, [x0, #REGS_X0 + 16]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x0, #REGS_X0]
	mrs	x2, elr_el2
	str	x2, [x0, #REGS_PC]
	mrs	x2, spsr_el2
	str	x2, [x0, #REGS_SPSR]
	mov	x0, x1

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
