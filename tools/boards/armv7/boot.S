/*
 * armv7 entry points, in HYP mode or SVC mode (whichever QEMU starts us in:
 * virt with virtualization=on starts a bare ELF image in HYP mode, plain virt
 * in SVC mode): the boot CPU's _start (r2 = device tree under the Linux boot
 * protocol; QEMU 7.2 passes 0 for ELF images and leaves the tree at the start
 * of RAM), secondary CPUs' entry from PSCI CPU_ON (r0 = context = CPU index),
 * and the exception vectors. ARM (A32) code, entered with the MMU off;
 * plat_boot() / plat_secondary_boot() turn it on (mmu.c). Interrupts stay
 * masked.
 */
#include "tools/boards/armv7/layout.h"

	.arm
	.syntax unified

/* reg = the 32-bit constant or address val. */
.macro mov32 reg, val
	movw	\reg, #:lower16:\val
	movt	\reg, #:upper16:\val
.endm

/*
 * Sets the vector base of the current mode to plat_vectors: HVBAR in HYP
 * mode; VBAR otherwise, with SCTLR.V clear (vectors at VBAR, not 0xffff0000).
 * Clobbers r9-r10.
 */
.macro set_vbar
	mov32	r9, plat_vectors
	mrs	r10, cpsr
	and	r10, r10, #CPSR_MODE_MASK
	cmp	r10, #CPSR_MODE_HYP
	bne	1f
	mcr	p15, 4, r9, c12, c0, 0		/* HVBAR */
	b	2f
1:	mcr	p15, 0, r9, c12, c0, 0		/* VBAR */
	mrc	p15, 0, r10, c1, c0, 0		/* SCTLR */
	bic	r10, r10, #(1 << 13)		/* V */
	mcr	p15, 0, r10, c1, c0, 0
2:	isb
.endm

	.section .text.boot, "ax"
	.global _start
_start:
	cpsid	aif
	mov	r4, r2
	set_vbar

	/* Clear .bss (8-byte aligned by the linker script). */
	mov32	r1, __bss_start
	mov32	r2, __bss_end
	mov	r3, #0
3:	cmp	r1, r2
	strlo	r3, [r1], #4
	blo	3b

	mov32	r1, plat_stacks + PLAT_STACK_SIZE
	mov	sp, r1
	mov	r0, r4
	bl	plat_boot
	b	.

	.text
	.global plat_secondary_entry
plat_secondary_entry:
	cpsid	aif
	set_vbar
	/* sp = plat_stacks + (index + 1) * PLAT_STACK_SIZE */
	mov32	r1, plat_stacks
	add	r2, r0, #1
	mov32	r3, PLAT_STACK_SIZE
	mla	r1, r2, r3, r1
	mov	sp, r1
	bl	plat_secondary_boot
	b	.

/*
 * Every exception is fatal: report it and fail, as plat_exception(vector,
 * lr). In HYP mode the exception stays in HYP mode (on its stack; the return
 * address is in ELR_hyp). At PL1 it arrives in undef, abort, IRQ or FIQ mode,
 * which have no stack: switch back to SVC mode (r0 and r1 are not banked).
 */
	.balign	32
	.global plat_vectors
plat_vectors:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7
	b	vector_\n
	.endr

	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7
vector_\n:
	mov	r1, lr
	mov	r0, #\n
	b	exception
	.endr

exception:
	mrs	r2, cpsr
	and	r2, r2, #CPSR_MODE_MASK
	cmp	r2, #CPSR_MODE_HYP
	beq	plat_exception
	cps	#CPSR_MODE_SVC
	b	plat_exception

	.section .note.GNU-stack, "", %progbits
