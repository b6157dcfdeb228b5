/*
 * armv7 (32-bit Arm) backend.
 *
 * Bare metal (PERCPU_ARMV7_HTPIDR or PERCPU_ARMV7_TPIDRPRW, chosen by the
 * percpu_reg constraint htpidr / tpidrprw): the register holds the area base.
 * HTPIDR (`mrc p15, 4, rN, c13, c0, 2`) is the hypervisor's, usable in HYP
 * mode only; TPIDRPRW (`mrc p15, 0, rN, c13, c0, 4`) is the PL1-only one a
 * kernel uses (Linux keeps its per-CPU offset there). The template is linked
 * at virtual address 0 (percpu/ld/percpu.ld), so a variable's address *is*
 * its offset in the area:
 *
 *   read (1, 4 bytes):   mrc + ldrb/ldr rV, [rB, #var]         (R_ARM_ABS12)
 *   write (1, 4 bytes):  mrc + strb/str rV, [rB, #var]         (R_ARM_ABS12)
 *   read/write (2, 8):   mrc + movw rT, #var + ldrh/ldrd/strh/strd [rB, rT]
 *   ptr:                 mrc + movw rT, #var + add rB, rB, rT
 *   read-modify-write:   mrc + movw + add, then an ldrex/strex loop
 *
 * The one-load forms. `ldr`/`ldrb`/`str`/`strb` take a 12-bit immediate
 * offset, and the assembler can mark one with R_ARM_ABS12 (`.reloc`, since
 * no operand syntax names it), which GNU ld fills with the variable's address
 * and range-checks: a variable past 4 KiB fails the link with "relocation
 * truncated to fit: R_ARM_ABS12 against symbol `percpu_var_NAME'". The
 * halfword and doubleword forms (`ldrh`, `ldrd`, ...) only have an 8-bit
 * immediate, and ldrex/strex none, so those take the offset from `movw`
 * (R_ARM_MOVW_ABS_NC, which is never range-checked): every such site also
 * emits a 16-bit check word (var + 0xf000) into .percpu_checks, so a variable
 * past 4 KiB fails the link with "relocation truncated to fit: R_ARM_ABS16
 * against symbol `percpu_var_NAME'" instead of silently aliasing. The near
 * reach is the first 4 KiB of the area either way. Define PERCPU_ARMV7_FAR
 * before including percpu.h (or build with --copt) in a translation unit that
 * touches far variables: every access then takes its offset from
 * movw + movt (32 bits, the whole address space).
 *
 * The `.reloc` form carries no addend, so the symbol operand is always a
 * whole template object (var is PERCPU_SYM(name) here, never a member).
 *
 * 8-byte reads and writes are one ldrd/strd (doubleword aligned): single-copy
 * atomic on every core with LPAE, which includes every core with the
 * Virtualization Extensions (HYP mode); elsewhere still one instruction, which
 * an interrupt cannot split unless the kernel turns on the low interrupt
 * latency configuration (SCTLR.FI), where LDRD/STRD may be abandoned and
 * restarted.
 *
 * Read-modify-write operations are relaxed LL/SC loops on this CPU's copy
 * (ldrexb/h, ldrex, ldrexd), in inline assembly so that narrow operands are
 * not zero-extended first. An interrupt cannot tear them, provided exception
 * handlers clear the local exclusive monitor before returning (`clrex`, as
 * Linux does; ARMv7 leaves it IMPLEMENTATION DEFINED whether the handler's
 * own plain store to the variable clears it): the interrupted store-exclusive
 * then fails and the loop restarts. Between the `mrc` and the access a
 * preemptible kernel could migrate: this_cpu_* then wraps the access in the
 * kernel's preemption hooks (see percpu.h); raw_cpu_* does not.
 *
 * ARM (A32) code only: the Thumb-2 load forms have no R_ARM_ABS12.
 *
 * Hosted Linux (neither register): PL0 cannot use HTPIDR or TPIDRPRW and
 * TPIDRURO is libc's thread pointer, so the shared thread-local stand-in is
 * used; each thread acts as one CPU. The address is computed in C.
 */
#ifndef PERCPU_ARCH_ARMV7_PERCPU_ARCH_H
#define PERCPU_ARCH_ARMV7_PERCPU_ARCH_H

#include "percpu/arch.h"

#define ARCH_PERCPU_RELAX() __asm__ volatile("yield")

#if defined(PERCPU_ARMV7_HTPIDR)
/** Reads HTPIDR (HYP mode) into register `reg`. */
#define PERCPU_ARMV7_MRC_(reg) "mrc p15, 4, " reg ", c13, c0, 2\n\t"
#define PERCPU_ARMV7_MCR_(reg) "mcr p15, 4, " reg ", c13, c0, 2"
#elif defined(PERCPU_ARMV7_TPIDRPRW)
/** Reads TPIDRPRW (PL1) into register `reg`. */
#define PERCPU_ARMV7_MRC_(reg) "mrc p15, 0, " reg ", c13, c0, 4\n\t"
#define PERCPU_ARMV7_MCR_(reg) "mcr p15, 0, " reg ", c13, c0, 4"
#endif

#ifdef PERCPU_ARMV7_MRC_

#if defined(__thumb__)
#error "percpu: the armv7 bare-metal backend needs ARM (A32) code: build with -marm"
#endif

#define ARCH_PERCPU_IRQSAFE 1
#define ARCH_PERCPU_MIGRATION_SAFE 0

/*
 * Assembly pieces addressing template symbol `sym` relative to base register
 * `base`. IMM_ is the memory operand of a 12-bit-immediate load or store
 * (ldr, ldrb, str, strb), REG_ that of any other access, using scratch `tmp`;
 * ADD_ adds the offset to `base` (through `tmp`).
 */
#ifndef PERCPU_ARMV7_FAR
#define PERCPU_ARMV7_CHECK_(sym)                                               \
	"\n\t.pushsection .percpu_checks,\"\",%%progbits\n\t.hword " sym       \
	" + 0xf000\n\t.popsection"
#define PERCPU_ARMV7_OFF_(tmp, sym) "movw " tmp ", #:lower16:" sym "\n\t"
#define PERCPU_ARMV7_IMM_(insn, val, base, tmp, sym)                           \
	".reloc ., R_ARM_ABS12, " sym "\n\t" insn " " val ", [" base ", #0]"
#define PERCPU_ARMV7_REG_(insn, val, base, tmp, sym)                           \
	PERCPU_ARMV7_OFF_(tmp, sym)                                            \
	insn " " val ", [" base ", " tmp "]" PERCPU_ARMV7_CHECK_(sym)
#define PERCPU_ARMV7_ADD_(base, tmp, sym)                                      \
	PERCPU_ARMV7_OFF_(tmp, sym)                                            \
	"add " base ", " base ", " tmp PERCPU_ARMV7_CHECK_(sym)
#else
#define PERCPU_ARMV7_OFF_(tmp, sym)                                            \
	"movw " tmp ", #:lower16:" sym "\n\t"                                  \
	"movt " tmp ", #:upper16:" sym "\n\t"
#define PERCPU_ARMV7_REG_(insn, val, base, tmp, sym)                           \
	PERCPU_ARMV7_OFF_(tmp, sym) insn " " val ", [" base ", " tmp "]"
#define PERCPU_ARMV7_IMM_ PERCPU_ARMV7_REG_
#define PERCPU_ARMV7_ADD_(base, tmp, sym)                                      \
	PERCPU_ARMV7_OFF_(tmp, sym) "add " base ", " base ", " tmp
#endif

/* Sets register `base` to the address of `sym` in this CPU's area. */
#define PERCPU_ARMV7_AT_(base, tmp, sym)                                       \
	PERCPU_ARMV7_MRC_(base) PERCPU_ARMV7_ADD_(base, tmp, sym) "\n"

/*
 * The symbol operand, printed bare with %c: GCC's "US" (a symbol reference).
 * "i" would do in non-PIC code only, but an object compiled -fPIC (Bazel
 * builds some so) still addresses the template with link-time constants: the
 * offset of a variable in an area does not depend on where the image runs.
 */
#define PERCPU_ARMV7_SYM_ "US"

#define ARCH_PERCPU_PTR(var)                                                   \
	__extension__({                                                        \
		uintptr_t __percpu_v7_p_, __percpu_v7_pt_;                     \
		__asm__ volatile(PERCPU_ARMV7_AT_("%0", "%1", "%c2")           \
				 : "=&r"(__percpu_v7_p_),                      \
				   "=&r"(__percpu_v7_pt_)                      \
				 : PERCPU_ARMV7_SYM_(&(var)));                 \
		__percpu_v7_p_;                                                \
	})

/*
 * Tables per width w (1, 2, 4 or 8 bytes), pasted by the macros below.
 * Operands have var's own type: narrow operands are used through their low
 * bits only, and an 8-byte operand is a register pair (even/odd, as
 * ldrd/ldrexd need in ARM code), written %Q (low word) and %R (high word).
 */
/* Instruction suffix per width (ldr<sfx>, str<sfx>, ldrex<sfx>, strex<sfx>). */
#define PERCPU_ARMV7_SFX_1 "b"
#define PERCPU_ARMV7_SFX_2 "h"
#define PERCPU_ARMV7_SFX_4 ""
#define PERCPU_ARMV7_SFX_8 "d"
/* Register operand n of the width: one register, or a pair. */
#define PERCPU_ARMV7_R_1(n) "%" #n
#define PERCPU_ARMV7_R_2(n) "%" #n
#define PERCPU_ARMV7_R_4(n) "%" #n
#define PERCPU_ARMV7_R_8(n) "%Q" #n ", %R" #n
/* Addressing of a plain load or store: 12-bit immediate where there is one. */
#define PERCPU_ARMV7_MEM_1 PERCPU_ARMV7_IMM_
#define PERCPU_ARMV7_MEM_2 PERCPU_ARMV7_REG_
#define PERCPU_ARMV7_MEM_4 PERCPU_ARMV7_IMM_
#define PERCPU_ARMV7_MEM_8 PERCPU_ARMV7_REG_

/*
 * One load or store of the given width: %0 value, %1 base, %2 offset scratch,
 * %3 symbol. The memory clobber orders it against accesses through pointers,
 * which may alias this CPU's copy.
 */
#define PERCPU_ARMV7_LDST_(w, var, insn, __percpu_v7_v_, dir)                  \
	__asm__ volatile(PERCPU_ARMV7_MRC_("%1") PERCPU_ARMV7_MEM_##w(         \
				 insn PERCPU_ARMV7_SFX_##w,                    \
				 PERCPU_ARMV7_R_##w(0), "%1", "%2", "%c3")     \
			 : dir(__percpu_v7_v_), "=&r"(__percpu_v7_b_),         \
			   "=&r"(__percpu_v7_t_)                               \
			 : PERCPU_ARMV7_SYM_(&(var))                           \
			 : "memory")

/*
 * Reads: 1- and 2-byte values are loaded into a 32-bit local (ldrb/ldrh
 * zero-extend) that tells the compiler so, sparing the zero extension of a
 * narrow result (AAPCS returns narrow values extended).
 */
#define PERCPU_ARMV7_RD_1 __percpu_v7_z_
#define PERCPU_ARMV7_RD_2 __percpu_v7_z_
#define PERCPU_ARMV7_RD_4 __percpu_v7_r_
#define PERCPU_ARMV7_RD_8 __percpu_v7_r_
#define PERCPU_ARMV7_READ_ASM_(w, var, insn)                                   \
	PERCPU_ARMV7_LDST_(w, var, insn, PERCPU_ARMV7_RD_##w, "=&r")
#define PERCPU_ARMV7_READ_(n, var)                                             \
	__extension__({                                                        \
		PERCPU_UNQUAL_(var) __percpu_v7_r_;                            \
		uint32_t __percpu_v7_z_, __percpu_v7_b_, __percpu_v7_t_;       \
		PERCPU_ARMV7_READ_ASM_(n, var, "ldr");                         \
		if (sizeof(var) < 4) {                                         \
			if (__percpu_v7_z_ >                                   \
			    (sizeof(var) == 1 ? 0xffu : 0xffffu))              \
				__builtin_unreachable();                       \
			__percpu_v7_r_ = (PERCPU_UNQUAL_(var)) __percpu_v7_z_; \
		}                                                              \
		__percpu_v7_r_;                                                \
	})

#define PERCPU_ARMV7_WRITE_(n, var, v)                                         \
	do {                                                                   \
		PERCPU_UNQUAL_(var) __percpu_v7_w_ = (PERCPU_UNQUAL_(var))(v); \
		uint32_t __percpu_v7_b_, __percpu_v7_t_;                       \
		PERCPU_ARMV7_LDST_(n, var, "str", __percpu_v7_w_, "+r");       \
	} while (0)

/*
 * Read-modify-write: relaxed LL/SC loops on this CPU's copy. Operands:
 * %0 loaded value, %1 store-exclusive status (and the offset scratch before
 * the loop), %2 address, %3 symbol, %4 and %5 the values.
 */
#define PERCPU_ARMV7_LLSC_(w, body, ...)                                       \
	__asm__ volatile(                                                      \
		PERCPU_ARMV7_AT_("%2", "%1",                                   \
				 "%c3") "1:\tldrex" PERCPU_ARMV7_SFX_##w       \
		" " PERCPU_ARMV7_R_##w(0) ", [%2]\n\t" body                    \
					  "\n\tteq %1, #0\n\t"                 \
					  "bne 1b\n2:"                         \
		: "=&r"(__percpu_v7_t_), "=&r"(__percpu_v7_s_),                \
		  "=&r"(__percpu_v7_b_)                                        \
		: __VA_ARGS__                                                  \
		: "cc", "memory")
/* The store-exclusive of value operand n. */
#define PERCPU_ARMV7_STREX_(w, n)                                              \
	"strex" PERCPU_ARMV7_SFX_##w " %1, " PERCPU_ARMV7_R_##w(n) ", [%2]"

/*
 * The operation on %0 and %4: one instruction up to 4 bytes (immediates that
 * it encodes are used as such), a carry chain or two halves for 8 bytes.
 */
#define PERCPU_ARMV7_OP_add_1 "add %0, %0, %4"
#define PERCPU_ARMV7_OP_add_8 "adds %Q0, %Q0, %Q4\n\tadc %R0, %R0, %R4"
#define PERCPU_ARMV7_OP_sub_1 "sub %0, %0, %4"
#define PERCPU_ARMV7_OP_sub_8 "subs %Q0, %Q0, %Q4\n\tsbc %R0, %R0, %R4"
#define PERCPU_ARMV7_OP_and_1 "and %0, %0, %4"
#define PERCPU_ARMV7_OP_and_8 "and %Q0, %Q0, %Q4\n\tand %R0, %R0, %R4"
#define PERCPU_ARMV7_OP_orr_1 "orr %0, %0, %4"
#define PERCPU_ARMV7_OP_orr_8 "orr %Q0, %Q0, %Q4\n\torr %R0, %R0, %R4"
#define PERCPU_ARMV7_OP_add_2 PERCPU_ARMV7_OP_add_1
#define PERCPU_ARMV7_OP_add_4 PERCPU_ARMV7_OP_add_1
#define PERCPU_ARMV7_OP_sub_2 PERCPU_ARMV7_OP_sub_1
#define PERCPU_ARMV7_OP_sub_4 PERCPU_ARMV7_OP_sub_1
#define PERCPU_ARMV7_OP_and_2 PERCPU_ARMV7_OP_and_1
#define PERCPU_ARMV7_OP_and_4 PERCPU_ARMV7_OP_and_1
#define PERCPU_ARMV7_OP_orr_2 PERCPU_ARMV7_OP_orr_1
#define PERCPU_ARMV7_OP_orr_4 PERCPU_ARMV7_OP_orr_1
/*
 * Operand constraint of the value: a data-processing immediate or a register
 * (a register pair for 8 bytes). An 8-byte immediate (I: its low word
 * encodes, its high word is 0 or, rarely, all ones) prints as two, %Q and %R:
 * fine for adds/adc and subs/sbc (the assembler turns adc #-1 into sbc #0);
 * orr has no such twin, so 8-byte and/or take registers.
 */
#define PERCPU_ARMV7_C_add_1 "rI"
#define PERCPU_ARMV7_C_add_8 "rI"
#define PERCPU_ARMV7_C_and_1 "rI"
#define PERCPU_ARMV7_C_and_8 "r"
#define PERCPU_ARMV7_C_add_2 PERCPU_ARMV7_C_add_1
#define PERCPU_ARMV7_C_add_4 PERCPU_ARMV7_C_add_1
#define PERCPU_ARMV7_C_sub_1 PERCPU_ARMV7_C_add_1
#define PERCPU_ARMV7_C_sub_2 PERCPU_ARMV7_C_add_1
#define PERCPU_ARMV7_C_sub_4 PERCPU_ARMV7_C_add_1
#define PERCPU_ARMV7_C_sub_8 PERCPU_ARMV7_C_add_8
#define PERCPU_ARMV7_C_and_2 PERCPU_ARMV7_C_and_1
#define PERCPU_ARMV7_C_and_4 PERCPU_ARMV7_C_and_1
#define PERCPU_ARMV7_C_orr_1 PERCPU_ARMV7_C_and_1
#define PERCPU_ARMV7_C_orr_2 PERCPU_ARMV7_C_and_1
#define PERCPU_ARMV7_C_orr_4 PERCPU_ARMV7_C_and_1
#define PERCPU_ARMV7_C_orr_8 PERCPU_ARMV7_C_and_8

#define PERCPU_ARMV7_OP_ASM_(w, var, op, __percpu_v7_v_)                       \
	PERCPU_ARMV7_LLSC_(w,                                                  \
			   PERCPU_ARMV7_OP_##op##_##w                          \
			   "\n\t" PERCPU_ARMV7_STREX_(w, 0),                   \
			   PERCPU_ARMV7_SYM_(&(var)),                          \
			   PERCPU_ARMV7_C_##op##_##w(__percpu_v7_v_))
#define PERCPU_ARMV7_OP_(n, op, var, v)                                        \
	do {                                                                   \
		PERCPU_UNQUAL_(var)                                            \
		__percpu_v7_t_, __percpu_v7_v_ = (PERCPU_UNQUAL_(var))(v);     \
		uint32_t __percpu_v7_s_, __percpu_v7_b_;                       \
		PERCPU_ARMV7_OP_ASM_(n, var, op, __percpu_v7_v_);              \
	} while (0)

#define PERCPU_ARMV7_XCHG_ASM_(w, var, __percpu_v7_v_)                         \
	PERCPU_ARMV7_LLSC_(w, PERCPU_ARMV7_STREX_(w, 4),                       \
			   PERCPU_ARMV7_SYM_(&(var)), "r"(__percpu_v7_v_))
#define PERCPU_ARMV7_XCHG_(n, var, v)                                          \
	__extension__({                                                        \
		PERCPU_UNQUAL_(var)                                            \
		__percpu_v7_t_, __percpu_v7_v_ = (PERCPU_UNQUAL_(var))(v);     \
		uint32_t __percpu_v7_s_, __percpu_v7_b_;                       \
		PERCPU_ARMV7_XCHG_ASM_(n, var, __percpu_v7_v_);                \
		__percpu_v7_t_;                                                \
	})

/*
 * cmpxchg compares the zero-extended loaded value (ldrexb/h zero-extend) with
 * the expected value zero-extended to 32 bits in C (%4, __percpu_v7_z_); an
 * 8-byte value compares both halves.
 */
#define PERCPU_ARMV7_CMP_1 "cmp %0, %4"
#define PERCPU_ARMV7_CMP_2 PERCPU_ARMV7_CMP_1
#define PERCPU_ARMV7_CMP_4 PERCPU_ARMV7_CMP_1
#define PERCPU_ARMV7_CMP_8 "cmp %Q0, %Q4\n\tcmpeq %R0, %R4"
#define PERCPU_ARMV7_OLD_1(o, z) z
#define PERCPU_ARMV7_OLD_2(o, z) z
#define PERCPU_ARMV7_OLD_4(o, z) z
#define PERCPU_ARMV7_OLD_8(o, z) o
#define PERCPU_ARMV7_CMPXCHG_ASM_(w, var, __percpu_v7_o_, __percpu_v7_z_,      \
				  __percpu_v7_n_)                              \
	PERCPU_ARMV7_LLSC_(                                                    \
		w,                                                             \
		PERCPU_ARMV7_CMP_##w                                           \
		"\n\tbne 2f\n\t" PERCPU_ARMV7_STREX_(w, 5),                    \
		PERCPU_ARMV7_SYM_(&(var)),                                     \
		"r"(PERCPU_ARMV7_OLD_##w(__percpu_v7_o_, __percpu_v7_z_)),     \
		"r"(__percpu_v7_n_))
#define PERCPU_ARMV7_CMPXCHG_(n, var, old, new)                                \
	__extension__({                                                        \
		PERCPU_UNQUAL_(var)                                            \
		__percpu_v7_t_, __percpu_v7_o_ = (old),                        \
				__percpu_v7_n_ = (PERCPU_UNQUAL_(var))(new);   \
		uint32_t __percpu_v7_s_, __percpu_v7_b_;                       \
		uint32_t __percpu_v7_z_ =                                      \
			(uint32_t) (uintptr_t) __percpu_v7_o_ &                \
			(sizeof(var) == 1   ? 0xffu                            \
			 : sizeof(var) == 2 ? 0xffffu                          \
					    : 0xffffffffu);                    \
		PERCPU_ARMV7_CMPXCHG_ASM_(n, var, __percpu_v7_o_,              \
					  __percpu_v7_z_, __percpu_v7_n_);     \
		(void) __percpu_v7_z_; /* 8 bytes compare o */                 \
		__percpu_v7_t_;                                                \
	})

/* The hooks, per size (percpu/arch.h). */
#define ARCH_PERCPU_READ_1(var) PERCPU_ARMV7_READ_(1, var)
#define ARCH_PERCPU_READ_2(var) PERCPU_ARMV7_READ_(2, var)
#define ARCH_PERCPU_READ_4(var) PERCPU_ARMV7_READ_(4, var)
#define ARCH_PERCPU_READ_8(var) PERCPU_ARMV7_READ_(8, var)
#define ARCH_PERCPU_WRITE_1(var, v) PERCPU_ARMV7_WRITE_(1, var, v)
#define ARCH_PERCPU_WRITE_2(var, v) PERCPU_ARMV7_WRITE_(2, var, v)
#define ARCH_PERCPU_WRITE_4(var, v) PERCPU_ARMV7_WRITE_(4, var, v)
#define ARCH_PERCPU_WRITE_8(var, v) PERCPU_ARMV7_WRITE_(8, var, v)
#define ARCH_PERCPU_ADD_1(var, v) PERCPU_ARMV7_OP_(1, add, var, v)
#define ARCH_PERCPU_ADD_2(var, v) PERCPU_ARMV7_OP_(2, add, var, v)
#define ARCH_PERCPU_ADD_4(var, v) PERCPU_ARMV7_OP_(4, add, var, v)
#define ARCH_PERCPU_ADD_8(var, v) PERCPU_ARMV7_OP_(8, add, var, v)
#define ARCH_PERCPU_SUB_1(var, v) PERCPU_ARMV7_OP_(1, sub, var, v)
#define ARCH_PERCPU_SUB_2(var, v) PERCPU_ARMV7_OP_(2, sub, var, v)
#define ARCH_PERCPU_SUB_4(var, v) PERCPU_ARMV7_OP_(4, sub, var, v)
#define ARCH_PERCPU_SUB_8(var, v) PERCPU_ARMV7_OP_(8, sub, var, v)
#define ARCH_PERCPU_AND_1(var, v) PERCPU_ARMV7_OP_(1, and, var, v)
#define ARCH_PERCPU_AND_2(var, v) PERCPU_ARMV7_OP_(2, and, var, v)
#define ARCH_PERCPU_AND_4(var, v) PERCPU_ARMV7_OP_(4, and, var, v)
#define ARCH_PERCPU_AND_8(var, v) PERCPU_ARMV7_OP_(8, and, var, v)
#define ARCH_PERCPU_OR_1(var, v) PERCPU_ARMV7_OP_(1, orr, var, v)
#define ARCH_PERCPU_OR_2(var, v) PERCPU_ARMV7_OP_(2, orr, var, v)
#define ARCH_PERCPU_OR_4(var, v) PERCPU_ARMV7_OP_(4, orr, var, v)
#define ARCH_PERCPU_OR_8(var, v) PERCPU_ARMV7_OP_(8, orr, var, v)
#define ARCH_PERCPU_XCHG_1(var, v) PERCPU_ARMV7_XCHG_(1, var, v)
#define ARCH_PERCPU_XCHG_2(var, v) PERCPU_ARMV7_XCHG_(2, var, v)
#define ARCH_PERCPU_XCHG_4(var, v) PERCPU_ARMV7_XCHG_(4, var, v)
#define ARCH_PERCPU_XCHG_8(var, v) PERCPU_ARMV7_XCHG_(8, var, v)
#define ARCH_PERCPU_CMPXCHG_1(var, old, new)                                   \
	PERCPU_ARMV7_CMPXCHG_(1, var, old, new)
#define ARCH_PERCPU_CMPXCHG_2(var, old, new)                                   \
	PERCPU_ARMV7_CMPXCHG_(2, var, old, new)
#define ARCH_PERCPU_CMPXCHG_4(var, old, new)                                   \
	PERCPU_ARMV7_CMPXCHG_(4, var, old, new)
#define ARCH_PERCPU_CMPXCHG_8(var, old, new)                                   \
	PERCPU_ARMV7_CMPXCHG_(8, var, old, new)

#else /* hosted Linux: the shared thread-local stand-in */

#include "percpu/arch/hosted_tls/percpu_tls.h"

#endif /* PERCPU_ARMV7_MRC_ */

#endif /* PERCPU_ARCH_ARMV7_PERCPU_ARCH_H */
