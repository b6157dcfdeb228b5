/*
 * riscv64 assembly API (percpu/percpu_asm.h). Bare metal: the template is
 * linked at 0 and tp or gp (PERCPU_RISCV_REG_ASM) holds the area base, so
 * an access is one instruction with the signed 12-bit %lo immediate, with
 * the check word percpu_arch.h emits too: a variable past the first 2 KiB
 * fails the link. Linker relaxation is off around each access (it would
 * rewrite a tp/gp-relative access as an absolute one). TMP is only for
 * pervcpu_addr.
 */
/* Assembler: clang-format would reflow it. */
/* clang-format off */
#ifndef PERCPU_RISCV_REG_ASM
#error "percpu: no assembly API for hosted riscv64 Linux (a thread-local stands in for the register)"
#endif

.macro percpu_check_ sym
	.pushsection .percpu_checks, "", @progbits
	.reloc	., R_RISCV_HI20, \sym + 0x7ffff000
	.4byte	0
	.popsection
.endm

/* REG = this CPU's offset (the area base). */
.macro percpu_base reg
	mv	\reg, PERCPU_RISCV_REG_ASM
.endm

/* REG = &this CPU's NAME. */
.macro percpu_addr reg, name, tmp
	.option push
	.option norelax
	addi	\reg, PERCPU_RISCV_REG_ASM, %lo(percpu_var_\name)
	.option pop
	percpu_check_ percpu_var_\name
.endm

/* One 8-byte access INSN (ld or sd) of REG to this CPU's NAME. */
.macro percpu_access_ insn, reg, name
	.option push
	.option norelax
	\insn	\reg, %lo(percpu_var_\name)(PERCPU_RISCV_REG_ASM)
	.option pop
	percpu_check_ percpu_var_\name
.endm

/* REG = this CPU's 8-byte NAME. */
.macro percpu_load reg, name, tmp
	percpu_access_ ld, \reg, \name
.endm

/* this CPU's 8-byte NAME = REG. */
.macro percpu_store reg, name, tmp
	percpu_access_ sd, \reg, \name
.endm

/* REG = &NAME in the vCPU loaded on this CPU. */
.macro pervcpu_addr reg, name, tmp
	percpu_load \reg, pervcpu_offset, \tmp
	lla	\tmp, pervcpu_var_\name
	add	\reg, \reg, \tmp
.endm
