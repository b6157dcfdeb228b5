/*
 * aarch64 entry points, at EL2 or EL1 (whichever QEMU starts us in): the boot
 * CPU's _start (x0 = device tree under the Linux boot protocol; QEMU 7.2
 * passes 0 for ELF images and leaves the tree at the start of RAM), secondary
 * CPUs' entry from PSCI CPU_ON (x0 = context = CPU index), and the exception
 * vectors. Entered with the MMU off; plat_boot() / plat_secondary_boot() turn
 * it on (mmu.c). Interrupts stay masked.
 */
#include "tools/boards/aarch64/layout.h"

/* Sets VBAR of the current EL (EL2 or EL1) to plat_vectors; clobbers x9-x10. */
.macro set_vbar
	adr	x9, plat_vectors
	mrs	x10, CurrentEL
	cmp	x10, #(2 << 2)
	b.ne	1f
	msr	vbar_el2, x9
	b	2f
1:	msr	vbar_el1, x9
2:	isb
.endm

	.section .text.boot, "ax"
	.global _start
_start:
	msr	daifset, #0xf
	mov	x19, x0
	set_vbar

	/* Clear .bss (8-byte aligned by the linker script). */
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
3:	cmp	x1, x2
	b.hs	4f
	str	xzr, [x1], #8
	b	3b

4:	adrp	x1, plat_stacks + PLAT_STACK_SIZE
	add	x1, x1, :lo12:plat_stacks + PLAT_STACK_SIZE
	mov	sp, x1
	mov	x0, x19
	bl	plat_boot
	b	.

	.text
	.global plat_secondary_entry
plat_secondary_entry:
	msr	daifset, #0xf
	set_vbar
	/* sp = plat_stacks + (index + 1) * PLAT_STACK_SIZE */
	adrp	x1, plat_stacks
	add	x1, x1, :lo12:plat_stacks
	add	x2, x0, #1
	mov	x3, #PLAT_STACK_SIZE
	madd	x1, x2, x3, x1
	mov	sp, x1
	bl	plat_secondary_boot
	b	.

/* Every exception is fatal: report it (x0 = vector number) and fail. */
.macro vector n
	.balign	0x80
	mov	x0, #\n
	b	plat_exception
.endm

	.balign	0x800
	.global plat_vectors
plat_vectors:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	vector	\n
	.endr
