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
 * `insn` with the size suffix of an n-byte operand, on var through `out`
 * ("=m" or "+m"): one instruction. (Clang has no %z for memory operands, so
 * the suffix is spelled out.)
 */
#define ARCH_PERCPU_X86_SFX_1 "b %b1, "
#define ARCH_PERCPU_X86_SFX_2 "w %w1, "
#define ARCH_PERCPU_X86_SFX_4 "l %k1, "
#define ARCH_PERCPU_X86_SFX_8 "q %q1, "
#define ARCH_PERCPU_X86_OP_(insn, n, out, var, v)                              \
	__asm__ volatile(insn ARCH_PERCPU_X86_SFX_##n ARCH_PERCPU_X86_SEG_     \
			 "%0"                                                  \
			 : out(var)                                            \
			 : "er"(ARCH_PERCPU_X86_VAL_(var, v)))

#define ARCH_PERCPU_ADD_1(var, v) ARCH_PERCPU_X86_OP_("add", 1, "+m", var, v)
#define ARCH_PERCPU_ADD_2(var, v) ARCH_PERCPU_X86_OP_("add", 2, "+m", var, v)
#define ARCH_PERCPU_ADD_4(var, v) ARCH_PERCPU_X86_OP_("add", 4, "+m", var, v)
#define ARCH_PERCPU_ADD_8(var, v) ARCH_PERCPU_X86_OP_("add", 8, "+m", var, v)
#define ARCH_PERCPU_SUB_1(var, v) ARCH_PERCPU_X86_OP_("sub", 1, "+m", var, v)
#define ARCH_PERCPU_SUB_2(var, v) ARCH_PERCPU_X86_OP_("sub", 2, "+m", var, v)
#define ARCH_PERCPU_SUB_4(var, v) ARCH_PERCPU_X86_OP_("sub", 4, "+m", var, v)
#define ARCH_PERCPU_SUB_8(var, v) ARCH_PERCPU_X86_OP_("sub", 8, "+m", var, v)
#define ARCH_PERCPU_AND_1(var, v) ARCH_PERCPU_X86_OP_("and", 1, "+m", var, v)
#define ARCH_PERCPU_AND_2(var, v) ARCH_PERCPU_X86_OP_("and", 2, "+m", var, v)
#define ARCH_PERCPU_AND_4(var, v) ARCH_PERCPU_X86_OP_("and", 4, "+m", var, v)
#define ARCH_PERCPU_AND_8(var, v) ARCH_PERCPU_X86_OP_("and", 8, "+m", var, v)
#define ARCH_PERCPU_OR_1(var, v) ARCH_PERCPU_X86_OP_("or", 1, "+m", var, v)
#define ARCH_PERCPU_OR_2(var, v) ARCH_PERCPU_X86_OP_("or", 2, "+m", var, v)
#define ARCH_PERCPU_OR_4(var, v) ARCH_PERCPU_X86_OP_("or", 4, "+m", var, v)
#define ARCH_PERCPU_OR_8(var, v) ARCH_PERCPU_X86_OP_("or", 8, "+m", var, v)

#define ARCH_PERCPU_CMPXCHG(var, old, new)                                     \
	__extension__({                                                        \
		PERCPU_UNQUAL_(var) __percpu_x86_o = (old);                    \
		__asm__ volatile("cmpxchg %2, " ARCH_PERCPU_X86_SEG_ "%1"      \
				 : "+a"(__percpu_x86_o), "+m"(var)             \
				 : "r"((PERCPU_UNQUAL_(var))(new)));           \
		__percpu_x86_o;                                                \
	})

#endif /* PERCPU_ARCH_X86_64_PERCPU_X86_OPS_H */
