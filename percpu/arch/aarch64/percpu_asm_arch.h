/*
 * aarch64 assembly API (percpu/percpu_asm.h). Bare metal: the template is
 * linked at 0, so a variable's symbol is its offset and the register
 * (PERCPU_AARCH64_TPIDR_REG) holds the area base. Every access uses the
 * `#:lo12:` immediate with the check word percpu_arch.h emits too, so a
 * variable past the first 4 KiB fails the link (assembly reaches near
 * variables only; C can reach far ones with PERCPU_AARCH64_FAR).
 */
/* Assembler: clang-format would reflow it. */
/* clang-format off */
#ifndef PERCPU_AARCH64_TPIDR_REG
#error "percpu: no assembly API for hosted aarch64 Linux (a thread-local stands in for the register)"
#endif

.macro percpu_check_ sym
	.pushsection .percpu_checks
	.hword	\sym + 0xf000
	.popsection
.endm

/* REG = this CPU's offset (the area base). */
.macro percpu_base reg
	mrs	\reg, PERCPU_AARCH64_TPIDR_REG
.endm

/* REG = &this CPU's NAME. */
.macro percpu_addr reg, name, tmp
	percpu_base \reg
	add	\reg, \reg, #:lo12:percpu_var_\name
	percpu_check_ percpu_var_\name
.endm

/* One access INSN (ldr or str) of REG (x or w: 8 or 4 bytes) to NAME. */
.macro percpu_access_ insn, reg, name, tmp
	percpu_base \tmp
	\insn	\reg, [\tmp, #:lo12:percpu_var_\name]
	percpu_check_ percpu_var_\name
.endm

/* REG = this CPU's NAME. */
.macro percpu_load reg, name, tmp
	percpu_access_ ldr, \reg, \name, \tmp
.endm

/* this CPU's NAME = REG. */
.macro percpu_store reg, name, tmp
	percpu_access_ str, \reg, \name, \tmp
.endm

/* REG = &NAME in the vCPU loaded on this CPU. */
.macro pervcpu_addr reg, name, tmp
	percpu_load \reg, pervcpu_offset, \tmp
	adrp	\tmp, pervcpu_var_\name
	add	\tmp, \tmp, #:lo12:pervcpu_var_\name
	add	\reg, \reg, \tmp
.endm
