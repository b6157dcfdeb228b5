/*
 * x86_64 assembly API (percpu/percpu_asm.h): every access goes through
 * %gs, whose base is this CPU's offset; TMP is only for pervcpu_addr.
 */
/* Assembler: clang-format would reflow it. */
/* clang-format off */

/* REG = this CPU's offset. */
.macro percpu_base reg
	movq	%gs:percpu_head + PERCPU_ASM_HEAD_OFFSET(%rip), \reg
.endm

/* REG = &this CPU's NAME. */
.macro percpu_addr reg, name, tmp
	leaq	percpu_var_\name(%rip), \reg
	addq	%gs:percpu_head + PERCPU_ASM_HEAD_OFFSET(%rip), \reg
.endm

/* REG = this CPU's NAME (REG's width): one instruction. */
.macro percpu_load reg, name, tmp
	mov	%gs:percpu_var_\name(%rip), \reg
.endm

/* this CPU's NAME = REG (REG's width): one instruction. */
.macro percpu_store reg, name, tmp
	mov	\reg, %gs:percpu_var_\name(%rip)
.endm

/* REG = &NAME in the vCPU loaded on this CPU. */
.macro pervcpu_addr reg, name, tmp
	movq	%gs:percpu_var_pervcpu_offset(%rip), \reg
	leaq	pervcpu_var_\name(%rip), \tmp
	addq	\tmp, \reg
.endm
