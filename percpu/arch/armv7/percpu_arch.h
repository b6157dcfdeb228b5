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
		uintptr_t arch_v7_p_, arch_v7_pt_;                             \
		__asm__ volatile(PERCPU_ARMV7_AT_("%0", "%1", "%c2")           \
				 : "=&r"(arch_v7_p_), "=&r"(arch_v7_pt_)       \
				 : PERCPU_ARMV7_SYM_(&(var)));                 \
		arch_v7_p_;                                                    \
	})

/*
 * Expands ASM(w, var, ...) for var's size: w names the width (b, h, w or d,
 * see the PERCPU_ARMV7_*_<w> tables below). The other sizes' branches fold
 * away. Operands have var's own type: narrow operands are used through their
 * low bits only, and an 8-byte operand is a register pair (even/odd, as
 * ldrd/ldrexd need in ARM code), written %Q (low word) and %R (high word).
 */
#define PERCPU_ARMV7_SIZED_(ASM, var, ...)                                     \
	do {                                                                   \
		if (sizeof(var) == 1)                                          \
			ASM(b, var, __VA_ARGS__);                              \
		else if (sizeof(var) == 2)                                     \
			ASM(h, var, __VA_ARGS__);                              \
		else if (sizeof(var) == 4)                                     \
			ASM(w, var, __VA_ARGS__);                              \
		else                                                           \
			ASM(d, var, __VA_ARGS__);                              \
	} while (0)

/* Instruction suffix per width (ldr<sfx>, str<sfx>, ldrex<sfx>, strex<sfx>). */
#define PERCPU_ARMV7_SFX_b "b"
#define PERCPU_ARMV7_SFX_h "h"
#define PERCPU_ARMV7_SFX_w ""
#define PERCPU_ARMV7_SFX_d "d"
/* Register operand n of the width: one register, or a pair. */
#define PERCPU_ARMV7_R_b(n) "%" #n
#define PERCPU_ARMV7_R_h(n) "%" #n
#define PERCPU_ARMV7_R_w(n) "%" #n
#define PERCPU_ARMV7_R_d(n) "%Q" #n ", %R" #n
/* Addressing of a plain load or store: 12-bit immediate where there is one. */
#define PERCPU_ARMV7_MEM_b PERCPU_ARMV7_IMM_
#define PERCPU_ARMV7_MEM_h PERCPU_ARMV7_REG_
#define PERCPU_ARMV7_MEM_w PERCPU_ARMV7_IMM_
#define PERCPU_ARMV7_MEM_d PERCPU_ARMV7_REG_

/*
 * One load or store of the given width: %0 value, %1 base, %2 offset scratch,
 * %3 symbol. The memory clobber orders it against accesses through pointers,
 * which may alias this CPU's copy.
 */
#define PERCPU_ARMV7_LDST_(w, var, insn, arch_v7_v_, dir)                      \
	__asm__ volatile(PERCPU_ARMV7_MRC_("%1") PERCPU_ARMV7_MEM_##w(         \
				 insn PERCPU_ARMV7_SFX_##w,                    \
				 PERCPU_ARMV7_R_##w(0), "%1", "%2", "%c3")     \
			 : dir(arch_v7_v_), "=&r"(arch_v7_b_),                 \
			   "=&r"(arch_v7_t_)                                   \
			 : PERCPU_ARMV7_SYM_(&(var))                           \
			 : "memory")

/*
 * Reads: 1- and 2-byte values are loaded into a 32-bit local (ldrb/ldrh
 * zero-extend) that tells the compiler so, sparing the zero extension of a
 * narrow result (AAPCS returns narrow values extended).
 */
#define PERCPU_ARMV7_RD_b arch_v7_z_
#define PERCPU_ARMV7_RD_h arch_v7_z_
#define PERCPU_ARMV7_RD_w arch_v7_r_
#define PERCPU_ARMV7_RD_d arch_v7_r_
#define PERCPU_ARMV7_READ_ASM_(w, var, insn)                                   \
	PERCPU_ARMV7_LDST_(w, var, insn, PERCPU_ARMV7_RD_##w, "=&r")
#define ARCH_PERCPU_READ(var)                                                  \
	__extension__({                                                        \
		PERCPU_UNQUAL_(var) arch_v7_r_;                                \
		uint32_t arch_v7_z_, arch_v7_b_, arch_v7_t_;                   \
		PERCPU_ARMV7_SIZED_(PERCPU_ARMV7_READ_ASM_, var, "ldr");       \
		if (sizeof(var) < 4) {                                         \
			if (arch_v7_z_ > (sizeof(var) == 1 ? 0xffu : 0xffffu)) \
				__builtin_unreachable();                       \
			arch_v7_r_ = (PERCPU_UNQUAL_(var)) arch_v7_z_;         \
		}                                                              \
		arch_v7_r_;                                                    \
	})

#define ARCH_PERCPU_WRITE(var, v)                                              \
	do {                                                                   \
		PERCPU_UNQUAL_(var) arch_v7_w_ = (PERCPU_UNQUAL_(var))(v);     \
		uint32_t arch_v7_b_, arch_v7_t_;                               \
		PERCPU_ARMV7_SIZED_(PERCPU_ARMV7_LDST_, var, "str",            \
				    arch_v7_w_, "+r");                         \
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
		: "=&r"(arch_v7_t_), "=&r"(arch_v7_s_), "=&r"(arch_v7_b_)      \
		: __VA_ARGS__                                                  \
		: "cc", "memory")
/* The store-exclusive of value operand n. */
#define PERCPU_ARMV7_STREX_(w, n)                                              \
	"strex" PERCPU_ARMV7_SFX_##w " %1, " PERCPU_ARMV7_R_##w(n) ", [%2]"

/*
 * The operation on %0 and %4: one instruction up to 4 bytes (immediates that
 * it encodes are used as such), a carry chain or two halves for 8 bytes.
 */
#define PERCPU_ARMV7_OP_add_b "add %0, %0, %4"
#define PERCPU_ARMV7_OP_add_d "adds %Q0, %Q0, %Q4\n\tadc %R0, %R0, %R4"
#define PERCPU_ARMV7_OP_sub_b "sub %0, %0, %4"
#define PERCPU_ARMV7_OP_sub_d "subs %Q0, %Q0, %Q4\n\tsbc %R0, %R0, %R4"
#define PERCPU_ARMV7_OP_and_b "and %0, %0, %4"
#define PERCPU_ARMV7_OP_and_d "and %Q0, %Q0, %Q4\n\tand %R0, %R0, %R4"
#define PERCPU_ARMV7_OP_orr_b "orr %0, %0, %4"
#define PERCPU_ARMV7_OP_orr_d "orr %Q0, %Q0, %Q4\n\torr %R0, %R0, %R4"
#define PERCPU_ARMV7_OP_add_h PERCPU_ARMV7_OP_add_b
#define PERCPU_ARMV7_OP_add_w PERCPU_ARMV7_OP_add_b
#define PERCPU_ARMV7_OP_sub_h PERCPU_ARMV7_OP_sub_b
#define PERCPU_ARMV7_OP_sub_w PERCPU_ARMV7_OP_sub_b
#define PERCPU_ARMV7_OP_and_h PERCPU_ARMV7_OP_and_b
#define PERCPU_ARMV7_OP_and_w PERCPU_ARMV7_OP_and_b
#define PERCPU_ARMV7_OP_orr_h PERCPU_ARMV7_OP_orr_b
#define PERCPU_ARMV7_OP_orr_w PERCPU_ARMV7_OP_orr_b
/*
 * Operand constraint of the value: a data-processing immediate or a register
 * (a register pair for 8 bytes). An 8-byte immediate (I: its low word
 * encodes, its high word is 0 or, rarely, all ones) prints as two, %Q and %R:
 * fine for adds/adc and subs/sbc (the assembler turns adc #-1 into sbc #0);
 * orr has no such twin, so 8-byte and/or take registers.
 */
#define PERCPU_ARMV7_C_add_b "rI"
#define PERCPU_ARMV7_C_add_d "rI"
#define PERCPU_ARMV7_C_and_b "rI"
#define PERCPU_ARMV7_C_and_d "r"
#define PERCPU_ARMV7_C_add_h PERCPU_ARMV7_C_add_b
#define PERCPU_ARMV7_C_add_w PERCPU_ARMV7_C_add_b
#define PERCPU_ARMV7_C_sub_b PERCPU_ARMV7_C_add_b
#define PERCPU_ARMV7_C_sub_h PERCPU_ARMV7_C_add_b
#define PERCPU_ARMV7_C_sub_w PERCPU_ARMV7_C_add_b
#define PERCPU_ARMV7_C_sub_d PERCPU_ARMV7_C_add_d
#define PERCPU_ARMV7_C_and_h PERCPU_ARMV7_C_and_b
#define PERCPU_ARMV7_C_and_w PERCPU_ARMV7_C_and_b
#define PERCPU_ARMV7_C_orr_b PERCPU_ARMV7_C_and_b
#define PERCPU_ARMV7_C_orr_h PERCPU_ARMV7_C_and_b
#define PERCPU_ARMV7_C_orr_w PERCPU_ARMV7_C_and_b
#define PERCPU_ARMV7_C_orr_d PERCPU_ARMV7_C_and_d

#define PERCPU_ARMV7_OP_ASM_(w, var, op, arch_v7_v_)                           \
	PERCPU_ARMV7_LLSC_(w,                                                  \
			   PERCPU_ARMV7_OP_##op##_##w                          \
			   "\n\t" PERCPU_ARMV7_STREX_(w, 0),                   \
			   PERCPU_ARMV7_SYM_(&(var)),                          \
			   PERCPU_ARMV7_C_##op##_##w(arch_v7_v_))
#define PERCPU_ARMV7_OP_(op, var, v)                                           \
	do {                                                                   \
		PERCPU_UNQUAL_(var)                                            \
		arch_v7_t_, arch_v7_v_ = (PERCPU_UNQUAL_(var))(v);             \
		uint32_t arch_v7_s_, arch_v7_b_;                               \
		PERCPU_ARMV7_SIZED_(PERCPU_ARMV7_OP_ASM_, var, op,             \
				    arch_v7_v_);                               \
	} while (0)

#define ARCH_PERCPU_ADD(var, v) PERCPU_ARMV7_OP_(add, var, v)
#define ARCH_PERCPU_SUB(var, v) PERCPU_ARMV7_OP_(sub, var, v)
#define ARCH_PERCPU_AND(var, v) PERCPU_ARMV7_OP_(and, var, v)
#define ARCH_PERCPU_OR(var, v) PERCPU_ARMV7_OP_(orr, var, v)

#define PERCPU_ARMV7_XCHG_ASM_(w, var, arch_v7_v_)                             \
	PERCPU_ARMV7_LLSC_(w, PERCPU_ARMV7_STREX_(w, 4),                       \
			   PERCPU_ARMV7_SYM_(&(var)), "r"(arch_v7_v_))
#define ARCH_PERCPU_XCHG(var, v)                                               \
	__extension__({                                                        \
		PERCPU_UNQUAL_(var)                                            \
		arch_v7_t_, arch_v7_v_ = (PERCPU_UNQUAL_(var))(v);             \
		uint32_t arch_v7_s_, arch_v7_b_;                               \
		PERCPU_ARMV7_SIZED_(PERCPU_ARMV7_XCHG_ASM_, var, arch_v7_v_);  \
		arch_v7_t_;                                                    \
	})

/*
 * cmpxchg compares the zero-extended loaded value (ldrexb/h zero-extend) with
 * the expected value zero-extended to 32 bits in C (%4, arch_v7_z_); an
 * 8-byte value compares both halves.
 */
#define PERCPU_ARMV7_CMP_b "cmp %0, %4"
#define PERCPU_ARMV7_CMP_h PERCPU_ARMV7_CMP_b
#define PERCPU_ARMV7_CMP_w PERCPU_ARMV7_CMP_b
#define PERCPU_ARMV7_CMP_d "cmp %Q0, %Q4\n\tcmpeq %R0, %R4"
#define PERCPU_ARMV7_OLD_b(o, z) z
#define PERCPU_ARMV7_OLD_h(o, z) z
#define PERCPU_ARMV7_OLD_w(o, z) z
#define PERCPU_ARMV7_OLD_d(o, z) o
#define PERCPU_ARMV7_CMPXCHG_ASM_(w, var, arch_v7_o_, arch_v7_z_, arch_v7_n_)  \
	PERCPU_ARMV7_LLSC_(w,                                                  \
			   PERCPU_ARMV7_CMP_##w                                \
			   "\n\tbne 2f\n\t" PERCPU_ARMV7_STREX_(w, 5),         \
			   PERCPU_ARMV7_SYM_(&(var)),                          \
			   "r"(PERCPU_ARMV7_OLD_##w(arch_v7_o_, arch_v7_z_)),  \
			   "r"(arch_v7_n_))
#define ARCH_PERCPU_CMPXCHG(var, old, new)                                     \
	__extension__({                                                        \
		PERCPU_UNQUAL_(var)                                            \
		arch_v7_t_, arch_v7_o_ = (old),                                \
			    arch_v7_n_ = (PERCPU_UNQUAL_(var))(new);           \
		uint32_t arch_v7_s_, arch_v7_b_;                               \
		uint32_t arch_v7_z_ = (uint32_t) (uintptr_t) arch_v7_o_ &      \
				      (sizeof(var) == 1	  ? 0xffu              \
				       : sizeof(var) == 2 ? 0xffffu            \
							  : 0xffffffffu);      \
		PERCPU_ARMV7_SIZED_(PERCPU_ARMV7_CMPXCHG_ASM_, var,            \
				    arch_v7_o_, arch_v7_z_, arch_v7_n_);       \
		arch_v7_t_;                                                    \
	})

#else /* hosted Linux: the shared thread-local stand-in */

#include "percpu/arch/hosted_tls/percpu_tls.h"

#endif /* PERCPU_ARMV7_MRC_ */

#endif /* PERCPU_ARCH_ARMV7_PERCPU_ARCH_H */
