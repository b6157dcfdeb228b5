/*
 * aarch64 backend.
 *
 * Bare metal (PERCPU_AARCH64_TPIDR is tpidr_el2 or tpidr_el1): the template is
 * linked at virtual address 0 (percpu/ld/percpu.ld), so a variable's address
 * *is* its offset in the area and the register holds the area base. A read is
 * `mrs` + one `ldr [xN, #:lo12:var]`; a write is `mrs` + one `str`. The 12-bit
 * immediate reaches the first 4 KiB of the area; every access site also emits
 * a 16-bit check word (var + 0xf000) into .percpu_checks, so a variable past
 * 4 KiB fails the link with "relocation truncated to fit: R_AARCH64_ABS16
 * against symbol percpu_var_NAME" instead of silently aliasing another
 * variable. Define PERCPU_AARCH64_FAR before including percpu.h (or build
 * with --copt) to use the 32-bit movz/movk encoding (checked by the linker up
 * to 4 GiB) in a translation unit that touches far variables.
 *
 * Read-modify-write operations are relaxed LL/SC loops on this CPU's copy
 * (restarted if interrupted), in inline assembly so that narrow operands are
 * not zero-extended first. Between the `mrs` and the access a preemptible
 * kernel could migrate: this_cpu_* then wraps the access in the kernel's
 * preemption hooks (see percpu.h); raw_cpu_* does not.
 *
 * Hosted Linux (no PERCPU_AARCH64_TPIDR): EL0 cannot use TPIDR_EL1/EL2, so a
 * thread-local variable stands in for the register; each thread acts as one
 * CPU. The address is computed in C.
 */
#ifndef PERCPU_ARCH_AARCH64_PERCPU_ARCH_H
#define PERCPU_ARCH_AARCH64_PERCPU_ARCH_H

#include "percpu/arch.h"

#define ARCH_PERCPU_RELAX() __asm__ volatile("yield")

#ifdef PERCPU_AARCH64_TPIDR

#define ARCH_PERCPU_IRQSAFE 1
#define ARCH_PERCPU_MIGRATION_SAFE 0

/*
 * Assembly pieces addressing template symbol `sym` relative to a base
 * register: PREP_ sets up what the addressing needs, MEM_ is the memory
 * operand, ADD_ adds the offset to a register.
 */
#ifndef PERCPU_AARCH64_FAR
#define PERCPU_AARCH64_CHECK_(sym)                                             \
	"\n\t.pushsection .percpu_checks\n\t.hword " sym                       \
	" + 0xf000\n\t.popsection"
#define PERCPU_AARCH64_PREP_(sym) ""
#define PERCPU_AARCH64_MEM_(base, sym)                                         \
	"[" base ", #:lo12:" sym "]" PERCPU_AARCH64_CHECK_(sym)
#define PERCPU_AARCH64_ADD_(dst, sym)                                          \
	"add " dst ", " dst ", #:lo12:" sym PERCPU_AARCH64_CHECK_(sym)
#else
#define PERCPU_AARCH64_PREP_(sym)                                              \
	"movz x16, #:abs_g1:" sym "\n\tmovk x16, #:abs_g0_nc:" sym "\n\t"
#define PERCPU_AARCH64_MEM_(base, sym) "[" base ", x16]"
#define PERCPU_AARCH64_ADD_(dst, sym) "add " dst ", " dst ", x16"
#endif

#define PERCPU_AARCH64_MRS_(reg) "mrs " reg ", " PERCPU_AARCH64_TPIDR "\n\t"

/* Sets register `base` to the address of `sym` in this CPU's area. */
#define PERCPU_AARCH64_AT_(base, sym)                                          \
	PERCPU_AARCH64_MRS_(base)                                              \
	PERCPU_AARCH64_PREP_(sym) PERCPU_AARCH64_ADD_(base, sym) "\n"

#define ARCH_PERCPU_PTR(var)                                                   \
	__extension__({                                                        \
		uintptr_t __percpu_a64_p;                                      \
		__asm__ volatile(PERCPU_AARCH64_AT_("%0", "%c1")               \
				 : "=&r"(__percpu_a64_p)                       \
				 : "S"(&(var))                                 \
				 : "x16");                                     \
		__percpu_a64_p;                                                \
	})

/*
 * The width of an n-byte operand: W<n>_(ASM, ...) expands ASM(sfx, r, ext,
 * ...) with the instruction suffix (b, h or none), the register width (w or
 * x) and the extend that compares a register's low bits with a loaded value
 * (PERCPU_AARCH64_EXT_*). Operands have var's own type: the instructions use
 * only the low bits, so nothing is zero-extended first.
 */
#define PERCPU_AARCH64_W1_(ASM, ...) ASM(b, w, uxtb, __VA_ARGS__)
#define PERCPU_AARCH64_W2_(ASM, ...) ASM(h, w, uxth, __VA_ARGS__)
#define PERCPU_AARCH64_W4_(ASM, ...) ASM(, w, none, __VA_ARGS__)
#define PERCPU_AARCH64_W8_(ASM, ...) ASM(, x, none, __VA_ARGS__)
#define PERCPU_AARCH64_EXT_uxtb ", uxtb"
#define PERCPU_AARCH64_EXT_uxth ", uxth"
#define PERCPU_AARCH64_EXT_none ""

/* One ldr/str of the given width: %0 value, %1 base scratch, %2 symbol. */
#define PERCPU_AARCH64_LDST_(sfx, r, ext, var, insn, __percpu_a64_v, dir)      \
	__asm__ volatile(PERCPU_AARCH64_MRS_("%1") PERCPU_AARCH64_PREP_("%c2") \
				 insn #sfx                                     \
			 " %" #r "0, " PERCPU_AARCH64_MEM_("%1", "%c2")        \
			 : dir(__percpu_a64_v), "=&r"(__percpu_a64_b)          \
			 : "S"(&(var))                                         \
			 : "x16", "memory")

#define PERCPU_AARCH64_READ_(n, var)                                           \
	__extension__({                                                        \
		PERCPU_UNQUAL_(var) __percpu_a64_r;                            \
		uint64_t __percpu_a64_b;                                       \
		PERCPU_AARCH64_W##n##_(PERCPU_AARCH64_LDST_, var, "ldr",       \
				       __percpu_a64_r, "=r");                  \
		__percpu_a64_r;                                                \
	})
#define ARCH_PERCPU_READ_1(var) PERCPU_AARCH64_READ_(1, var)
#define ARCH_PERCPU_READ_2(var) PERCPU_AARCH64_READ_(2, var)
#define ARCH_PERCPU_READ_4(var) PERCPU_AARCH64_READ_(4, var)
#define ARCH_PERCPU_READ_8(var) PERCPU_AARCH64_READ_(8, var)

#define PERCPU_AARCH64_WRITE_(n, var, v)                                       \
	do {                                                                   \
		PERCPU_UNQUAL_(var) __percpu_a64_w = (PERCPU_UNQUAL_(var))(v); \
		uint64_t __percpu_a64_b;                                       \
		PERCPU_AARCH64_W##n##_(PERCPU_AARCH64_LDST_, var, "str",       \
				       __percpu_a64_w, "+r");                  \
	} while (0)
#define ARCH_PERCPU_WRITE_1(var, v) PERCPU_AARCH64_WRITE_(1, var, v)
#define ARCH_PERCPU_WRITE_2(var, v) PERCPU_AARCH64_WRITE_(2, var, v)
#define ARCH_PERCPU_WRITE_4(var, v) PERCPU_AARCH64_WRITE_(4, var, v)
#define ARCH_PERCPU_WRITE_8(var, v) PERCPU_AARCH64_WRITE_(8, var, v)

#ifdef __ARM_FEATURE_ATOMICS
/*
 * ARMv8.1 LSE (-march=armv8.1-a or later): one atomic instruction on this
 * CPU's copy, no loop: add and sub are stadd (of the negation for sub), and
 * is stclr of the complement, or is stset, xchg is swp, cmpxchg is cas.
 * Operands: %0 loaded value (swp, cas), %1 address, %2 value, %3 symbol.
 */
/* The value stored, computed in U, the unsigned type of var's width. */
#define PERCPU_AARCH64_LSE_add(U, v) (v)
#define PERCPU_AARCH64_LSE_sub(U, v) ((U) (0 - (U) (v)))
#define PERCPU_AARCH64_LSE_and(U, v) ((U) ~(U) (v))
#define PERCPU_AARCH64_LSE_orr(U, v) (v)
#define PERCPU_AARCH64_U1 uint8_t
#define PERCPU_AARCH64_U2 uint16_t
#define PERCPU_AARCH64_U4 uint32_t
#define PERCPU_AARCH64_U8 uint64_t
#define PERCPU_AARCH64_LSE_INSN_add "stadd"
#define PERCPU_AARCH64_LSE_INSN_sub "stadd"
#define PERCPU_AARCH64_LSE_INSN_and "stclr"
#define PERCPU_AARCH64_LSE_INSN_orr "stset"
#define PERCPU_AARCH64_LSE_ASM_(sfx, var, insn, body, out, __percpu_a64_v)     \
	__asm__ volatile(PERCPU_AARCH64_AT_("%1", "%c3") insn #sfx body        \
			 : out(__percpu_a64_t), "=&r"(__percpu_a64_b)          \
			 : "rZ"(__percpu_a64_v), "S"(&(var))                   \
			 : "x16", "memory")
/* stadd/stclr/stset load nothing: %0 is the address, %1 the value. */
#define PERCPU_AARCH64_ST_ASM_(sfx, r, ext, var, insn, __percpu_a64_v)         \
	__asm__ volatile(PERCPU_AARCH64_AT_("%0", "%c2") insn #sfx " %" #r     \
								   "1, [%0]"   \
			 : "=&r"(__percpu_a64_b)                               \
			 : "rZ"(__percpu_a64_v), "S"(&(var))                   \
			 : "x16", "memory")
#define PERCPU_AARCH64_OP_(n, op, cls, var, v)                                 \
	do {                                                                   \
		PERCPU_UNQUAL_(var)                                            \
		__percpu_a64_v =                                               \
			(PERCPU_UNQUAL_(var)) PERCPU_AARCH64_LSE_##op(         \
				PERCPU_AARCH64_U##n,                           \
				(PERCPU_UNQUAL_(var))(v));                     \
		uint64_t __percpu_a64_b;                                       \
		PERCPU_AARCH64_W##n##_(PERCPU_AARCH64_ST_ASM_, var,            \
				       PERCPU_AARCH64_LSE_INSN_##op,           \
				       __percpu_a64_v);                        \
	} while (0)
#define PERCPU_AARCH64_XCHG_ASM_(sfx, r, ext, var, __percpu_a64_v)             \
	PERCPU_AARCH64_LSE_ASM_(sfx, var, "swp", " %" #r "2, %" #r "0, [%1]",  \
				"=r", __percpu_a64_v)
#define PERCPU_AARCH64_XCHG_(n, var, v)                                        \
	__extension__({                                                        \
		PERCPU_UNQUAL_(var)                                            \
		__percpu_a64_t, __percpu_a64_v = (PERCPU_UNQUAL_(var))(v);     \
		uint64_t __percpu_a64_b;                                       \
		PERCPU_AARCH64_W##n##_(PERCPU_AARCH64_XCHG_ASM_, var,          \
				       __percpu_a64_v);                        \
		__percpu_a64_t;                                                \
	})
#define PERCPU_AARCH64_CAS_ASM_(sfx, r, ext, var, __percpu_a64_n)              \
	PERCPU_AARCH64_LSE_ASM_(sfx, var, "cas", " %" #r "0, %" #r "2, [%1]",  \
				"+r", __percpu_a64_n)
#define PERCPU_AARCH64_CMPXCHG_(n, var, old, new)                              \
	__extension__({                                                        \
		PERCPU_UNQUAL_(var)                                            \
		__percpu_a64_t = (old),                                        \
		__percpu_a64_n = (PERCPU_UNQUAL_(var))(new);                   \
		uint64_t __percpu_a64_b;                                       \
		PERCPU_AARCH64_W##n##_(PERCPU_AARCH64_CAS_ASM_, var,           \
				       __percpu_a64_n);                        \
		__percpu_a64_t;                                                \
	})
#else /* LL/SC */
/*
 * Read-modify-write: relaxed LL/SC loops on this CPU's copy. Operands:
 * %0 loaded value, %1 store-exclusive status, %2 address, %3 symbol, %4 and
 * %5 the values. Immediates that add/sub (I) or and/orr (K, L) encode are
 * used as such.
 */
#define PERCPU_AARCH64_LLSC_(sfx, r, body, ...)                                \
	__asm__ volatile(                                                      \
		PERCPU_AARCH64_AT_("%2", "%c3") "1:\tldxr" #sfx " %" #r        \
						"0, [%2]\n\t" body             \
						"\n\tcbnz %w1, 1b\n2:"         \
		: "=&r"(__percpu_a64_t), "=&r"(__percpu_a64_s),                \
		  "=&r"(__percpu_a64_b)                                        \
		: __VA_ARGS__                                                  \
		: "x16", "cc", "memory")
#define PERCPU_AARCH64_C_arith_w "rI"
#define PERCPU_AARCH64_C_arith_x "rI"
#define PERCPU_AARCH64_C_logic_w "rK"
#define PERCPU_AARCH64_C_logic_x "rL"

#define PERCPU_AARCH64_OP_ASM_(sfx, r, ext, var, op, cls, __percpu_a64_v)      \
	PERCPU_AARCH64_LLSC_(sfx, r,                                           \
			     #op " %" #r "0, %" #r "0, %" #r "4\n\tstxr" #sfx  \
				 " %w1, %" #r "0, [%2]",                       \
			     "S"(&(var)),                                      \
			     PERCPU_AARCH64_C_##cls##_##r(__percpu_a64_v))
#define PERCPU_AARCH64_OP_(n, op, cls, var, v)                                 \
	do {                                                                   \
		PERCPU_UNQUAL_(var)                                            \
		__percpu_a64_t, __percpu_a64_v = (PERCPU_UNQUAL_(var))(v);     \
		unsigned int __percpu_a64_s;                                   \
		uint64_t __percpu_a64_b;                                       \
		PERCPU_AARCH64_W##n##_(PERCPU_AARCH64_OP_ASM_, var, op, cls,   \
				       __percpu_a64_v);                        \
	} while (0)
#define PERCPU_AARCH64_XCHG_ASM_(sfx, r, ext, var, __percpu_a64_v)             \
	PERCPU_AARCH64_LLSC_(sfx, r, "stxr" #sfx " %w1, %" #r "4, [%2]",       \
			     "S"(&(var)), "rZ"(__percpu_a64_v))
#define PERCPU_AARCH64_XCHG_(n, var, v)                                        \
	__extension__({                                                        \
		PERCPU_UNQUAL_(var)                                            \
		__percpu_a64_t, __percpu_a64_v = (PERCPU_UNQUAL_(var))(v);     \
		unsigned int __percpu_a64_s;                                   \
		uint64_t __percpu_a64_b;                                       \
		PERCPU_AARCH64_W##n##_(PERCPU_AARCH64_XCHG_ASM_, var,          \
				       __percpu_a64_v);                        \
		__percpu_a64_t;                                                \
	})
#define PERCPU_AARCH64_CMPXCHG_ASM_(sfx, r, ext, var, __percpu_a64_o,          \
				    __percpu_a64_n)                            \
	PERCPU_AARCH64_LLSC_(                                                  \
		sfx, r,                                                        \
		"cmp %" #r "0, %" #r "4" PERCPU_AARCH64_EXT_##ext              \
		"\n\tb.ne 2f\n\tstxr" #sfx " %w1, %" #r "5, [%2]",             \
		"S"(&(var)), "r"(__percpu_a64_o), "rZ"(__percpu_a64_n))
#define PERCPU_AARCH64_CMPXCHG_(n, var, old, new)                              \
	__extension__({                                                        \
		PERCPU_UNQUAL_(var)                                            \
		__percpu_a64_t, __percpu_a64_o = (old),                        \
				__percpu_a64_n = (PERCPU_UNQUAL_(var))(new);   \
		unsigned int __percpu_a64_s;                                   \
		uint64_t __percpu_a64_b;                                       \
		PERCPU_AARCH64_W##n##_(PERCPU_AARCH64_CMPXCHG_ASM_, var,       \
				       __percpu_a64_o, __percpu_a64_n);        \
		__percpu_a64_t;                                                \
	})
#endif /* __ARM_FEATURE_ATOMICS */

/* The read-modify-write hooks, per size. */
#define ARCH_PERCPU_ADD_1(var, v) PERCPU_AARCH64_OP_(1, add, arith, var, v)
#define ARCH_PERCPU_ADD_2(var, v) PERCPU_AARCH64_OP_(2, add, arith, var, v)
#define ARCH_PERCPU_ADD_4(var, v) PERCPU_AARCH64_OP_(4, add, arith, var, v)
#define ARCH_PERCPU_ADD_8(var, v) PERCPU_AARCH64_OP_(8, add, arith, var, v)
#define ARCH_PERCPU_SUB_1(var, v) PERCPU_AARCH64_OP_(1, sub, arith, var, v)
#define ARCH_PERCPU_SUB_2(var, v) PERCPU_AARCH64_OP_(2, sub, arith, var, v)
#define ARCH_PERCPU_SUB_4(var, v) PERCPU_AARCH64_OP_(4, sub, arith, var, v)
#define ARCH_PERCPU_SUB_8(var, v) PERCPU_AARCH64_OP_(8, sub, arith, var, v)
#define ARCH_PERCPU_AND_1(var, v) PERCPU_AARCH64_OP_(1, and, logic, var, v)
#define ARCH_PERCPU_AND_2(var, v) PERCPU_AARCH64_OP_(2, and, logic, var, v)
#define ARCH_PERCPU_AND_4(var, v) PERCPU_AARCH64_OP_(4, and, logic, var, v)
#define ARCH_PERCPU_AND_8(var, v) PERCPU_AARCH64_OP_(8, and, logic, var, v)
#define ARCH_PERCPU_OR_1(var, v) PERCPU_AARCH64_OP_(1, orr, logic, var, v)
#define ARCH_PERCPU_OR_2(var, v) PERCPU_AARCH64_OP_(2, orr, logic, var, v)
#define ARCH_PERCPU_OR_4(var, v) PERCPU_AARCH64_OP_(4, orr, logic, var, v)
#define ARCH_PERCPU_OR_8(var, v) PERCPU_AARCH64_OP_(8, orr, logic, var, v)

#define ARCH_PERCPU_XCHG_1(var, v) PERCPU_AARCH64_XCHG_(1, var, v)
#define ARCH_PERCPU_XCHG_2(var, v) PERCPU_AARCH64_XCHG_(2, var, v)
#define ARCH_PERCPU_XCHG_4(var, v) PERCPU_AARCH64_XCHG_(4, var, v)
#define ARCH_PERCPU_XCHG_8(var, v) PERCPU_AARCH64_XCHG_(8, var, v)

#define ARCH_PERCPU_CMPXCHG_1(var, old, new)                                   \
	PERCPU_AARCH64_CMPXCHG_(1, var, old, new)
#define ARCH_PERCPU_CMPXCHG_2(var, old, new)                                   \
	PERCPU_AARCH64_CMPXCHG_(2, var, old, new)
#define ARCH_PERCPU_CMPXCHG_4(var, old, new)                                   \
	PERCPU_AARCH64_CMPXCHG_(4, var, old, new)
#define ARCH_PERCPU_CMPXCHG_8(var, old, new)                                   \
	PERCPU_AARCH64_CMPXCHG_(8, var, old, new)

#else /* hosted Linux: the shared thread-local stand-in */

#include "percpu/arch/hosted_tls/percpu_tls.h"

#endif /* PERCPU_AARCH64_TPIDR */

#endif /* PERCPU_ARCH_AARCH64_PERCPU_ARCH_H */
