/*
 * x86_64 read-modify-write instructions on a per-CPU variable, shared by the
 * x86_64 backends (operand `%gs:var`) and the single-CPU backend on x86_64
 * (operand `var`, the global itself). The includer defines
 * ARCH_PERCPU_X86_SEG_ to the operand's segment prefix: "%%gs:" or "".
 *
 * Each operation is one instruction without `lock`: an interrupt cannot split
 * it (and with %gs:, a migration cannot move it to another CPU's area).
 */
#ifndef PERCPU_ARCH_X86_64_PERCPU_X86_OPS_H
#define PERCPU_ARCH_X86_64_PERCPU_X86_OPS_H

/*
 * The value operand: `v` as var's type, a bool as an unsigned char: clang
 * gives a `true` immediate as $-1, which would store 0xff, no valid bool.
 */
#ifdef __cplusplus
extern "C++" {
template <class T> struct percpu_x86_operand_ {
	typedef T type;
};
template <> struct percpu_x86_operand_<bool> {
	typedef unsigned char type;
};
}
#define ARCH_PERCPU_X86_VAL_(var, v)                                           \
	((percpu_x86_operand_<PERCPU_UNQUAL_(var)>::type)(                     \
		PERCPU_UNQUAL_(var))(v))
#else
#define ARCH_PERCPU_X86_VAL_(var, v)                                           \
	__builtin_choose_expr(                                                 \
		__builtin_types_compatible_p(PERCPU_UNQUAL_(var), _Bool),      \
		(unsigned char) (_Bool) (v), (PERCPU_UNQUAL_(var))(v))
#endif

/*
 * `insn` with an explicit size suffix and `out` ("=m" or "+m") on var: one
 * instruction, the other sizes' branches fold away. (Clang has no %z for
 * memory operands, so the suffix is spelled out.)
 */
#define ARCH_PERCPU_SIZED_(insn, out, var, v)                                  \
	do {                                                                   \
		if (sizeof(var) == 1)                                          \
			__asm__ volatile(                                      \
				insn "b %b1, " ARCH_PERCPU_X86_SEG_ "%0"       \
				: out(var)                                     \
				: "er"(ARCH_PERCPU_X86_VAL_(var, v)));         \
		else if (sizeof(var) == 2)                                     \
			__asm__ volatile(                                      \
				insn "w %w1, " ARCH_PERCPU_X86_SEG_ "%0"       \
				: out(var)                                     \
				: "er"(ARCH_PERCPU_X86_VAL_(var, v)));         \
		else if (sizeof(var) == 4)                                     \
			__asm__ volatile(                                      \
				insn "l %k1, " ARCH_PERCPU_X86_SEG_ "%0"       \
				: out(var)                                     \
				: "er"(ARCH_PERCPU_X86_VAL_(var, v)));         \
		else                                                           \
			__asm__ volatile(                                      \
				insn "q %q1, " ARCH_PERCPU_X86_SEG_ "%0"       \
				: out(var)                                     \
				: "er"(ARCH_PERCPU_X86_VAL_(var, v)));         \
	} while (0)

#define ARCH_PERCPU_RMW_(insn, var, v) ARCH_PERCPU_SIZED_(insn, "+m", var, v)

#define ARCH_PERCPU_ADD(var, v) ARCH_PERCPU_RMW_("add", var, v)
#define ARCH_PERCPU_SUB(var, v) ARCH_PERCPU_RMW_("sub", var, v)
#define ARCH_PERCPU_AND(var, v) ARCH_PERCPU_RMW_("and", var, v)
#define ARCH_PERCPU_OR(var, v) ARCH_PERCPU_RMW_("or", var, v)

#define ARCH_PERCPU_CMPXCHG(var, old, new)                                     \
	__extension__({                                                        \
		PERCPU_UNQUAL_(var) __percpu_x86_o = (old);                    \
		__asm__ volatile("cmpxchg %2, " ARCH_PERCPU_X86_SEG_ "%1"      \
				 : "+a"(__percpu_x86_o), "+m"(var)             \
				 : "r"((PERCPU_UNQUAL_(var))(new)));           \
		__percpu_x86_o;                                                \
	})

#endif /* PERCPU_ARCH_X86_64_PERCPU_X86_OPS_H */
