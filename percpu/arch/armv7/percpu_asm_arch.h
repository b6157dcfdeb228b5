/*
 * armv7 assembly API (percpu/percpu_asm.h), ARM (A32) code. Bare metal: the
 * template is linked at 0 and HTPIDR (HYP) or TPIDRPRW (PL1) holds the area
 * base. Loads and stores use the 12-bit immediate (an R_ARM_ABS12
 * relocation of the variable) and percpu_addr a movw, each with the check
 * word percpu_arch.h emits too: a variable past the first 4 KiB fails the
 * link.
 */
/* Assembler: clang-format would reflow it. */
/* clang-format off */
#if defined(PERCPU_ARMV7_HTPIDR)
.macro percpu_base reg
	mrc	p15, 4, \reg, c13, c0, 2
.endm
#elif defined(PERCPU_ARMV7_TPIDRPRW)
.macro percpu_base reg
	mrc	p15, 0, \reg, c13, c0, 4
.endm
#else
#error "percpu: no assembly API for hosted armv7 Linux (a thread-local stands in for the register)"
#endif

.macro percpu_check_ sym
	.pushsection .percpu_checks, "", %progbits
	.hword	\sym + 0xf000
	.popsection
.endm

/* REG = &this CPU's NAME. */
.macro percpu_addr reg, name, tmp
	percpu_base \tmp
	movw	\reg, #:lower16:percpu_var_\name
	add	\reg, \reg, \tmp
	percpu_check_ percpu_var_\name
.endm

/* One 4-byte access INSN (ldr or str) of REG to this CPU's NAME. */
.macro percpu_access_ insn, reg, name, tmp
	percpu_base \tmp
	.reloc	., R_ARM_ABS12, percpu_var_\name
	\insn	\reg, [\tmp, #0]
	percpu_check_ percpu_var_\name
.endm

/* REG = this CPU's 4-byte NAME. */
.macro percpu_load reg, name, tmp
	percpu_access_ ldr, \reg, \name, \tmp
.endm

/* this CPU's 4-byte NAME = REG. */
.macro percpu_store reg, name, tmp
	percpu_access_ str, \reg, \name, \tmp
.endm

/* REG = &NAME in the vCPU loaded on this CPU. */
.macro pervcpu_addr reg, name, tmp
	percpu_load \reg, pervcpu_offset, \tmp
	movw	\tmp, #:lower16:pervcpu_var_\name
	movt	\tmp, #:upper16:pervcpu_var_\name
	add	\reg, \reg, \tmp
.endm
