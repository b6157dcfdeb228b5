/*
 * riscv64 entry points in HS-mode (S-mode with the H extension), entered from
 * OpenSBI with the MMU off (satp = 0) and interrupts disabled:
 *  - _start, the boot hart: a0 = hart id, a1 = device tree. Only the first
 *    hart to get here boots (firmware may start more: OpenSBI 1.1 with 128
 *    harts once started two); the others wait in plat_spinwait[hart id]
 *    until plat_start_cpu() hands them their logical index;
 *  - plat_secondary_entry, from SBI HSM hart_start: a0 = hart id,
 *    a1 = opaque = the hart's logical index;
 *  - plat_trap_entry: every trap is fatal (reported by plat_trap()).
 *
 * gp and tp: the per-CPU register (tp, or gp with PLAT_RISCV_GP) starts at 0,
 * "no area". With tp, gp holds __global_pointer$ as the psABI wants (linker
 * relaxation makes globals gp-relative); with gp, the image is linked without
 * relaxation (percpu's gp backend) and tp is free.
 */
#include "tools/boards/platform.h"
#include "tools/boards/riscv64/layout.h"

/*
 * Sets gp and tp (gp first: relaxed code may address globals through it),
 * then stvec. Clobbers t0.
 */
.macro hart_setup
	li	t0, PLAT_SIE_STIE	/* the timer ends a relaxing WFI */
	csrw	sie, t0
#ifdef PLAT_RISCV_GP
	li	gp, 0
#else
	.option push
	.option norelax
	lla	gp, __global_pointer$
	.option pop
	li	tp, 0
#endif
	lla	t0, plat_trap_entry
	csrw	stvec, t0
.endm

	.section .text.boot, "ax"
	.global _start
_start:
	lla	t0, boot_lottery
	li	t1, 1
	amoswap.w t1, t1, (t0)
	bnez	t1, spinwait
	hart_setup

	/* Clear .bss (8-byte aligned by the linker script). */
	lla	t0, __bss_start
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b

2:	lla	sp, plat_stacks + PLAT_STACK_SIZE
	call	plat_boot
3:	wfi
	j	3b

/*
 * A hart that lost the lottery waits (as plat_cpu_relax() does) until its
 * plat_spinwait slot, -1 until then, holds its logical index, then starts
 * as a started hart does. Hart ids past the table: parked.
 */
spinwait:
	hart_setup
	li	t1, PLAT_MAX_CPUS
	bgeu	a0, t1, 3f
	lla	t0, plat_spinwait
	slli	t1, a0, 3
	add	t0, t0, t1
1:	fence	rw, rw
	ld	a1, 0(t0)
	bgez	a1, plat_secondary_entry
	csrr	t1, time
	addi	t1, t1, PLAT_RELAX_TICKS
	csrw	PLAT_CSR_STIMECMP, t1
	wfi
	j	1b
3:	wfi
	j	3b

	.data
	.balign	4
boot_lottery:
	.word	0

	.text
	.global plat_secondary_entry
	.balign	4
plat_secondary_entry:
	hart_setup
	/* sp = plat_stacks + (index + 1) * PLAT_STACK_SIZE */
	lla	sp, plat_stacks
	addi	t0, a1, 1
	li	t1, PLAT_STACK_SIZE
	mul	t0, t0, t1
	add	sp, sp, t0
	mv	a0, a1
	call	plat_secondary_boot
1:	wfi
	j	1b

	.global plat_trap_entry
	.balign	4
plat_trap_entry:
	csrr	a0, scause
	csrr	a1, sepc
	csrr	a2, stval
	call	plat_trap
1:	wfi
	j	1b
