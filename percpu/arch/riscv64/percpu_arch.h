/*
 * riscv64 backend.
 *
 * Bare metal (PERCPU_RISCV_REG is "tp" or "gp", chosen by the percpu_reg
 * constraint riscv_tp / riscv_gp): the register holds the area base. The
 * template is linked at virtual address 0 (percpu/ld/percpu.ld), so a
 * variable's address *is* its offset in the area:
 *
 *   read:   ld   a0, %lo(var)(tp)        one instruction
 *   write:  sd   a1, %lo(var)(tp)        one instruction
 *   ptr:    addi a0, tp, %lo(var)        one instruction
 *   add:    addi + amoadd.d / amoadd.w   4 and 8 bytes (and/or/xchg alike)
 *
 * 1- and 2-byte add/sub/xchg/cmpxchg: the addi, 5 instructions (6 for
 * cmpxchg; +1 to load 0xffff for 2 bytes, +1 neg for sub) of word address,
 * shift and mask, then an LR/SC loop of 7 (add), 6 (xchg) or 8 (cmpxchg)
 * instructions on the aligned word; xchg/cmpxchg then shift the old value
 * down (srlw) and zero-extend it. From the base register on: add 13
 * instructions (2 bytes: 14), xchg 14 (16), cmpxchg 17 (19). 1- and 2-byte
 * and/or: one AMO on the word with a masked operand.
 *
 * Linker relaxation. GNU ld relaxes an R_RISCV_LO12_I/S that carries
 * R_RISCV_RELAX: when the symbol's address fits in 12 signed bits (true of
 * every per-CPU variable near the template's start, at 0) it rewrites the
 * base register to x0, turning `ld a0, %lo(var)(tp)` into `ld a0, var(zero)`,
 * an absolute load from near address 0, and it deletes the `lui` of a
 * `lui %hi / add / ld %lo` triple the same way (the Rust crate's bug). Every
 * access here is therefore assembled between `.option push; .option norelax`
 * and `.option pop`: its relocations carry no R_RISCV_RELAX and the linker
 * never touches them, whatever the rest of the image does.
 *
 * Range. The 12-bit immediate is signed: a near access reaches the first
 * 2 KiB of the area. R_RISCV_LO12_I itself is never range-checked (a variable
 * at 0x1808 would silently become -2040(tp)), so every near access site also
 * emits a check word into the non-allocated section .percpu_checks: an
 * R_RISCV_HI20 of var + 0x7ffff000, which overflows its signed 32-bit range
 * exactly when var >= 0x800. A variable past 2 KiB fails the link with
 * "relocation truncated to fit: R_RISCV_HI20 against symbol percpu_var_NAME"
 * instead of aliasing another variable. Define PERCPU_RISCV_FAR before
 * including percpu.h (or build with --copt) in a translation unit that touches
 * far variables: accesses become `lui %hi + add base + op %lo` (three
 * instructions, +-2 GiB, range-checked by the linker, also norelax).
 *
 * tp (riscv_tp, the default): in freestanding code nothing else uses tp
 * (no TLS). gp (riscv_gp, compatibility): the linker's gp relaxation assumes
 * gp == __global_pointer$ and would rewrite ordinary global accesses to be
 * gp-relative, i.e. relative to this CPU's area. The gp backend therefore
 * passes -Wl,--no-relax to every link it is part of (Bazel linkopts
 * propagate; a later -Wl,--relax would undo it); startup code must not load
 * __global_pointer$ into gp after percpu_init_cpu(), and nothing may use gp
 * for anything else.
 *
 * Foreign tp/gp. Code that runs with someone else's tp/gp must restore the
 * host value before any per-CPU access, including this_cpu_* in C: trap
 * entry from a less privileged mode (U-mode, or VS-mode: the guest owns tp
 * and gp) and the return path of guest entry. Keep the host value where the
 * guest cannot reach it, e.g. sscratch (Linux's convention), with
 * percpu_cpu_offset(cpu) as the value:
 *
 *   enter guest:  csrw sscratch, tp     # keep the host base
 *                 <load guest tp>; sret
 *   trap entry:   csrrw tp, sscratch, tp  # tp: host base; sscratch: guest's
 *                 <save guest registers, guest tp from sscratch>
 *
 * (gp instead of tp with the gp backend), or reload it from a per-hart table
 * indexed by the hart id. Nothing before that point may use per-CPU data;
 * percpu_read_reg() reads the register itself and is only right afterwards.
 *
 * Read-modify-write operations are relaxed atomics on this CPU's copy: one
 * AMO for 4 and 8 bytes and for 1- and 2-byte and/or (on the containing
 * word, masked), an LR/SC loop for cmpxchg and for 1- and 2-byte add/xchg. An
 * interrupt cannot tear them, provided trap handlers clear any LR reservation
 * before returning (a dummy sc, as the privileged spec recommends and Linux
 * does): otherwise an interrupted LR/SC could succeed over the handler's store.
 * Between computing the address and the access a preemptible kernel could
 * migrate: this_cpu_* then wraps the access in the kernel's preemption hooks
 * (see percpu.h); raw_cpu_* does not.
 *
 * Hosted Linux (no PERCPU_RISCV_REG): tp is libc's thread pointer and gp
 * belongs to the ABI, so a thread-local variable stands in for the register;
 * each thread acts as one CPU. The address is computed in C.
 */
#ifndef PERCPU_ARCH_RISCV64_PERCPU_ARCH_H
#define PERCPU_ARCH_RISCV64_PERCPU_ARCH_H

#include "percpu/arch.h"

/* Zihintpause `pause` (a FENCE hint: a no-op on harts without it). */
#define ARCH_PERCPU_RELAX() __asm__ volatile(".4byte 0x0100000f")

#ifdef PERCPU_RISCV_REG

#define ARCH_PERCPU_IRQSAFE 1
#define ARCH_PERCPU_MIGRATION_SAFE 0

/** Assembles `insns` with linker relaxation off (see above). */
#define PERCPU_RISCV_NORELAX_(insns)                                           \
	".option push\n\t.option norelax\n\t" insns "\n\t.option pop"

/*
 * Assembly pieces addressing template symbol `sym` relative to the base
 * register: PREP_ computes what the addressing needs into scratch register
 * `tmp`, MEM_ is the memory operand, PTR_ puts the address into `dst`.
 */
#ifndef PERCPU_RISCV_FAR
#define PERCPU_RISCV_CHECK_(sym)                                               \
	"\n\t.pushsection .percpu_checks,\"\",@progbits\n\t"                   \
	".reloc ., R_RISCV_HI20, " sym " + 0x7ffff000\n\t"                     \
	".4byte 0\n\t.popsection"
#define PERCPU_RISCV_PREP_(tmp, sym) ""
#define PERCPU_RISCV_MEM_(tmp, sym)                                            \
	"%%lo(" sym ")(" PERCPU_RISCV_REG ")" PERCPU_RISCV_CHECK_(sym)
#define PERCPU_RISCV_PTR_(dst, sym)                                            \
	"addi " dst ", " PERCPU_RISCV_REG ", %%lo(" sym                        \
	")" PERCPU_RISCV_CHECK_(sym)
#else
#define PERCPU_RISCV_PREP_(tmp, sym)                                           \
	"lui " tmp ", %%hi(" sym ")\n\tadd " tmp ", " tmp                      \
	", " PERCPU_RISCV_REG "\n\t"
#define PERCPU_RISCV_MEM_(tmp, sym) "%%lo(" sym ")(" tmp ")"
#define PERCPU_RISCV_PTR_(dst, sym)                                            \
	PERCPU_RISCV_PREP_(dst, sym) "addi " dst ", " dst ", %%lo(" sym ")"
#endif

/*
 * The symbol operand is "i" (a link-time constant), not "S": GCC rejects "S"
 * for symbols defined in other translation units under -mcmodel=medany.
 */
#define ARCH_PERCPU_PTR(var)                                                   \
	__extension__({                                                        \
		uintptr_t __percpu_rv_ptr;                                     \
		__asm__ volatile(PERCPU_RISCV_NORELAX_(                        \
					 PERCPU_RISCV_PTR_("%[p]", "%[s]"))    \
				 : [p] "=r"(__percpu_rv_ptr)                   \
				 : [s] "i"(&(var)));                           \
		__percpu_rv_ptr;                                               \
	})

/*
 * One load or store: operand v (the value), t (scratch for the far form),
 * s (the symbol). The memory clobber orders it against accesses through
 * pointers, which may alias this CPU's copy.
 */
#define PERCPU_RISCV_LOAD_(insn, var, __percpu_rv_r)                           \
	__asm__ volatile(PERCPU_RISCV_NORELAX_(                                \
				 PERCPU_RISCV_PREP_("%[t]", "%[s]") insn       \
				 " %[v], " PERCPU_RISCV_MEM_("%[t]", "%[s]"))  \
			 : [v] "=r"(__percpu_rv_r), [t] "=&r"(__percpu_rv_t)   \
			 : [s] "i"(&(var))                                     \
			 : "memory")
#define PERCPU_RISCV_STORE_(insn, var, __percpu_rv_w)                          \
	__asm__ volatile(PERCPU_RISCV_NORELAX_(                                \
				 PERCPU_RISCV_PREP_("%[t]", "%[s]") insn       \
				 " %z[v], " PERCPU_RISCV_MEM_("%[t]", "%[s]")) \
			 : [t] "=&r"(__percpu_rv_t)                            \
			 : [v] "rJ"(__percpu_rv_w), [s] "i"(&(var))            \
			 : "memory")

/* 32-bit values live sign-extended in RV64 registers, signed or not: lw. */
#define PERCPU_RISCV_READ_(var, insn_signed, insn_unsigned)                    \
	__extension__({                                                        \
		uint64_t __percpu_rv_r, __percpu_rv_t;                         \
		if (PERCPU_SIGNED_(var))                                       \
			PERCPU_RISCV_LOAD_(insn_signed, var, __percpu_rv_r);   \
		else                                                           \
			PERCPU_RISCV_LOAD_(insn_unsigned, var, __percpu_rv_r); \
		(void) __percpu_rv_t;                                          \
		(PERCPU_UNQUAL_(var)) __percpu_rv_r;                           \
	})
#define ARCH_PERCPU_READ_1(var) PERCPU_RISCV_READ_(var, "lb", "lbu")
#define ARCH_PERCPU_READ_2(var) PERCPU_RISCV_READ_(var, "lh", "lhu")
#define ARCH_PERCPU_READ_4(var) PERCPU_RISCV_READ_(var, "lw", "lw")
#define ARCH_PERCPU_READ_8(var) PERCPU_RISCV_READ_(var, "ld", "ld")

#define PERCPU_RISCV_WRITE_(insn, var, v)                                      \
	do {                                                                   \
		PERCPU_UNQUAL_(var) __percpu_rv_w = (PERCPU_UNQUAL_(var))(v);  \
		uint64_t __percpu_rv_t;                                        \
		PERCPU_RISCV_STORE_(insn, var, __percpu_rv_w);                 \
		(void) __percpu_rv_t;                                          \
	} while (0)
#define ARCH_PERCPU_WRITE_1(var, v) PERCPU_RISCV_WRITE_("sb", var, v)
#define ARCH_PERCPU_WRITE_2(var, v) PERCPU_RISCV_WRITE_("sh", var, v)
#define ARCH_PERCPU_WRITE_4(var, v) PERCPU_RISCV_WRITE_("sw", var, v)
#define ARCH_PERCPU_WRITE_8(var, v) PERCPU_RISCV_WRITE_("sd", var, v)

#else /* hosted Linux: the shared thread-local stand-in */

#include "percpu/arch/hosted_tls/percpu_tls.h"

/*
 * Plain (volatile) loads and stores: naturally aligned, so single-copy
 * atomic. GCC 12 compiles a relaxed __atomic_store_n to amoswap.
 */
#define ARCH_PERCPU_READ(var)                                                  \
	((PERCPU_UNQUAL_(var)) *                                               \
	 (volatile PERCPU_UNQUAL_(var) *) ARCH_PERCPU_PTR(var))
#define ARCH_PERCPU_WRITE(var, v)                                              \
	((void) (*(volatile PERCPU_UNQUAL_(var) *) ARCH_PERCPU_PTR(var) =      \
			 (PERCPU_UNQUAL_(var))(v)))

#endif /* PERCPU_RISCV_REG */

/*
 * Read-modify-write, bare metal and hosted: relaxed atomics on this CPU's
 * copy. 4- and 8-byte operations are single AMOs (cmpxchg an LR/SC loop).
 * GCC 12 has no inline 1- and 2-byte atomics for RISC-V (it calls libatomic,
 * which freestanding images do not have), so those work on the aligned
 * 32-bit word that holds them: and/or as one masked AMO, add/xchg/cmpxchg as
 * a short LR/SC loop in inline assembly (Linux's for narrow xchg/cmpxchg).
 * Every width's code is compiled for every variable (only one runs), so each
 * path uses types or masks of its own width: no libatomic call even at -O0.
 */

typedef uint32_t __attribute__((may_alias)) percpu_riscv_u32_;
typedef uint64_t __attribute__((may_alias)) percpu_riscv_u64_;

/**
 * and (`is_and`) or or of `v` into the 1- or 2-byte object at `addr`
 * (naturally aligned, so it never crosses its 32-bit word; `k`: 0xff or
 * 0xffff): one AMO on the word, whose operand leaves the neighbours alone by
 * construction.
 */
static inline void percpu_riscv_andor_small(uintptr_t addr, uint32_t k,
					    int is_and, uint64_t v)
{
	percpu_riscv_u32_ *word = (percpu_riscv_u32_ *) (addr & ~(uintptr_t) 3);
	unsigned int shift = (unsigned int) (addr & 3) * 8;
	uint32_t mask = k << shift;

	if (is_and)
		__atomic_fetch_and(word, ~mask | ((uint32_t) v << shift),
				   __ATOMIC_RELAXED);
	else
		__atomic_fetch_or(word, ((uint32_t) v << shift) & mask,
				  __ATOMIC_RELAXED);
}

/*
 * The LR/SC loops on the aligned word of the 1- or 2-byte object at `a`
 * (naturally aligned, so it never crosses the word). Before the loop: w, the
 * word's address; s, the shift: a * 8, of which sllw/srlw use bits 4:0 only,
 * i.e. (a & 3) * 8; m, the object's mask in the word (k, 0xff or 0xffff,
 * shifted). In the loop the new value n is merged into the loaded word o as
 * o ^ ((o ^ n) & m): the neighbours are stored back as loaded, and the sc
 * fails if anything wrote the word since the lr. Only bits of n inside m
 * count, so the operand's bits above the object's width do not matter (a
 * carry out of the object never reaches a neighbour). The loops are
 * constrained LR/SC sequences (at most 16 base-ISA instructions, no other
 * memory access, no backward branch but the retry), which the ISA guarantees
 * to make progress; relaxed (no .aq/.rl), like the AMOs.
 */
#define PERCPU_RISCV_LRSC_PROLOGUE_                                            \
	"andi %[w], %[a], -4\n\t"                                              \
	"slli %[s], %[a], 3\n\t"                                               \
	"sllw %[m], %[k], %[s]\n\t"
#define PERCPU_RISCV_LRSC_STORE_                                               \
	"and %[n], %[n], %[m]\n\t"                                             \
	"xor %[n], %[n], %[o]\n\t"                                             \
	"sc.w %[n], %[n], (%[w])\n\t"                                          \
	"bnez %[n], 1b\n"

/** Adds `v` to the 1- or 2-byte object at `a`; `k` is 0xff or 0xffff. */
static inline void percpu_riscv_add_small(uintptr_t a, uint32_t k, uint64_t v)
{
	uint64_t w, s, m, o, n;

	__asm__ volatile(PERCPU_RISCV_LRSC_PROLOGUE_
			 "sllw %[s], %[v], %[s]\n"
			 "1:\tlr.w %[o], (%[w])\n\t"
			 "add %[n], %[o], %[s]\n\t"
			 "xor %[n], %[n], %[o]\n\t" PERCPU_RISCV_LRSC_STORE_
			 : [w] "=&r"(w), [s] "=&r"(s), [m] "=&r"(m),
			   [o] "=&r"(o), [n] "=&r"(n)
			 : [a] "r"(a), [k] "r"(k), [v] "r"(v)
			 : "memory");
	(void) w, (void) s, (void) m, (void) o, (void) n;
}

/**
 * Stores `v` into the 1- or 2-byte object at `a` (`k`: 0xff or 0xffff);
 * returns the previous value.
 */
static inline uint64_t percpu_riscv_xchg_small(uintptr_t a, uint32_t k,
					       uint64_t v)
{
	uint64_t w, s, m, t, o, n;

	__asm__ volatile(PERCPU_RISCV_LRSC_PROLOGUE_
			 "sllw %[t], %[v], %[s]\n"
			 "1:\tlr.w %[o], (%[w])\n\t"
			 "xor %[n], %[o], %[t]\n\t" PERCPU_RISCV_LRSC_STORE_
			 "\tsrlw %[o], %[o], %[s]"
			 : [w] "=&r"(w), [s] "=&r"(s), [m] "=&r"(m),
			   [t] "=&r"(t), [o] "=&r"(o), [n] "=&r"(n)
			 : [a] "r"(a), [k] "r"(k), [v] "r"(v)
			 : "memory");
	(void) w, (void) m, (void) t, (void) n;
	return o & k;
}

/**
 * Stores `new_v` into the 1- or 2-byte object at `a` (`k`: 0xff or 0xffff)
 * if it holds `old_v` (its low bits); returns the previous value.
 */
static inline uint64_t percpu_riscv_cmpxchg_small(uintptr_t a, uint32_t k,
						  uint64_t old_v,
						  uint64_t new_v)
{
	uint64_t w, s, m, e, t, o, n;

	__asm__ volatile(
		PERCPU_RISCV_LRSC_PROLOGUE_
		"sllw %[e], %[ov], %[s]\n\t"
		"sllw %[t], %[nv], %[s]\n"
		"1:\tlr.w %[o], (%[w])\n\t"
		"and %[n], %[o], %[m]\n\t"
		"bne %[n], %[e], 2f\n\t"
		"xor %[n], %[o], %[t]\n\t" PERCPU_RISCV_LRSC_STORE_
		"2:\tsrlw %[o], %[o], %[s]"
		: [w] "=&r"(w), [s] "=&r"(s), [m] "=&r"(m), [e] "=&r"(e),
		  [t] "=&r"(t), [o] "=&r"(o), [n] "=&r"(n)
		: [a] "r"(a), [k] "r"(k), [ov] "r"(old_v & k), [nv] "r"(new_v)
		: "memory");
	(void) w, (void) m, (void) e, (void) t, (void) n;
	return o & k;
}

/** `v` converted to `var`'s type, as 64 bits (pointers too). */
#define PERCPU_RISCV_BITS_(var, v) ((uint64_t) (PERCPU_UNQUAL_(var))(v))
/** 64 bits back to var's type. */
#define PERCPU_RISCV_AS_(var, bits) ((PERCPU_UNQUAL_(var))(uint64_t) (bits))

/** 4- and 8-byte read-modify-write: `builtin` (an __atomic_* RMW); old value.
 */
#define PERCPU_RISCV_AMO_(bits, builtin, var, v)                               \
	builtin((percpu_riscv_u##bits##_ *) ARCH_PERCPU_PTR(var),              \
		(uint##bits##_t) PERCPU_RISCV_BITS_(var, v), __ATOMIC_RELAXED)
/*
 * 1- and 2-byte operations: written once, for `var` of either size, with
 * `k` the object's mask (the helpers return the old value already masked to
 * it); the _2 names are aliases of the _1 ones.
 */
#define PERCPU_RISCV_K_(var) (sizeof(var) == 1 ? 0xffu : 0xffffu)
#define PERCPU_RISCV_ANDOR_(is_and, var, v)                                    \
	percpu_riscv_andor_small(ARCH_PERCPU_PTR(var), PERCPU_RISCV_K_(var),   \
				 is_and, PERCPU_RISCV_BITS_(var, v))

#define ARCH_PERCPU_ADD_1(var, v)                                              \
	percpu_riscv_add_small(ARCH_PERCPU_PTR(var), PERCPU_RISCV_K_(var),     \
			       PERCPU_RISCV_BITS_(var, v))
#define ARCH_PERCPU_ADD_2 ARCH_PERCPU_ADD_1
#define ARCH_PERCPU_ADD_4(var, v)                                              \
	((void) PERCPU_RISCV_AMO_(32, __atomic_fetch_add, var, v))
#define ARCH_PERCPU_ADD_8(var, v)                                              \
	((void) PERCPU_RISCV_AMO_(64, __atomic_fetch_add, var, v))
/*
 * Sub adds the negation, computed in uint64_t: no signed overflow (1 and 2
 * bytes: the bits above the width are ignored, so no conversion back).
 */
#define ARCH_PERCPU_SUB_1(var, v)                                              \
	percpu_riscv_add_small(ARCH_PERCPU_PTR(var), PERCPU_RISCV_K_(var),     \
			       0 - PERCPU_RISCV_BITS_(var, v))
#define ARCH_PERCPU_SUB_2 ARCH_PERCPU_SUB_1
#define ARCH_PERCPU_SUB_4(var, v)                                              \
	ARCH_PERCPU_ADD_4(var, 0 - PERCPU_RISCV_BITS_(var, v))
#define ARCH_PERCPU_SUB_8(var, v)                                              \
	ARCH_PERCPU_ADD_8(var, 0 - PERCPU_RISCV_BITS_(var, v))
#define ARCH_PERCPU_AND_1(var, v) PERCPU_RISCV_ANDOR_(1, var, v)
#define ARCH_PERCPU_AND_2 ARCH_PERCPU_AND_1
#define ARCH_PERCPU_AND_4(var, v)                                              \
	((void) PERCPU_RISCV_AMO_(32, __atomic_fetch_and, var, v))
#define ARCH_PERCPU_AND_8(var, v)                                              \
	((void) PERCPU_RISCV_AMO_(64, __atomic_fetch_and, var, v))
#define ARCH_PERCPU_OR_1(var, v) PERCPU_RISCV_ANDOR_(0, var, v)
#define ARCH_PERCPU_OR_2 ARCH_PERCPU_OR_1
#define ARCH_PERCPU_OR_4(var, v)                                               \
	((void) PERCPU_RISCV_AMO_(32, __atomic_fetch_or, var, v))
#define ARCH_PERCPU_OR_8(var, v)                                               \
	((void) PERCPU_RISCV_AMO_(64, __atomic_fetch_or, var, v))
#define ARCH_PERCPU_XCHG_1(var, v)                                             \
	PERCPU_RISCV_AS_(var,                                                  \
			 percpu_riscv_xchg_small(ARCH_PERCPU_PTR(var),         \
						 PERCPU_RISCV_K_(var),         \
						 PERCPU_RISCV_BITS_(var, v)))
#define ARCH_PERCPU_XCHG_2 ARCH_PERCPU_XCHG_1
#define ARCH_PERCPU_XCHG_4(var, v)                                             \
	PERCPU_RISCV_AS_(var,                                                  \
			 PERCPU_RISCV_AMO_(32, __atomic_exchange_n, var, v))
#define ARCH_PERCPU_XCHG_8(var, v)                                             \
	PERCPU_RISCV_AS_(var,                                                  \
			 PERCPU_RISCV_AMO_(64, __atomic_exchange_n, var, v))

#define ARCH_PERCPU_CMPXCHG_1(var, old, new)                                   \
	PERCPU_RISCV_AS_(                                                      \
		var, percpu_riscv_cmpxchg_small(ARCH_PERCPU_PTR(var),          \
						PERCPU_RISCV_K_(var),          \
						PERCPU_RISCV_BITS_(var, old),  \
						PERCPU_RISCV_BITS_(var, new)))
#define ARCH_PERCPU_CMPXCHG_2 ARCH_PERCPU_CMPXCHG_1
/** 4- and 8-byte cmpxchg: an LR/SC loop. */
#define PERCPU_RISCV_CAS_(bits, var, old, new)                                 \
	__extension__({                                                        \
		uint##bits##_t __percpu_rv_o =                                 \
			(uint##bits##_t) PERCPU_RISCV_BITS_(var, old);         \
		__atomic_compare_exchange_n(                                   \
			(percpu_riscv_u##bits##_ *) ARCH_PERCPU_PTR(var),      \
			&__percpu_rv_o,                                        \
			(uint##bits##_t) PERCPU_RISCV_BITS_(var, new), 0,      \
			__ATOMIC_RELAXED, __ATOMIC_RELAXED);                   \
		PERCPU_RISCV_AS_(var, __percpu_rv_o);                          \
	})
#define ARCH_PERCPU_CMPXCHG_4(var, old, new)                                   \
	PERCPU_RISCV_CAS_(32, var, old, new)
#define ARCH_PERCPU_CMPXCHG_8(var, old, new)                                   \
	PERCPU_RISCV_CAS_(64, var, old, new)

#endif /* PERCPU_ARCH_RISCV64_PERCPU_ARCH_H */
