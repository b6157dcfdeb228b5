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
 * Read-modify-write operations are relaxed LL/SC atomics on this CPU's copy
 * (restarted if interrupted). Between the `mrs` and the access a preemptible
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

#ifdef PERCPU_AARCH64_TPIDR

#define ARCH_PERCPU_IRQSAFE 1
#define ARCH_PERCPU_MIGRATION_SAFE 0

/*
 * Assembly pieces addressing template symbol `sym` relative to a base
 * register: PREP_ sets up what the addressing needs, MEM_ is the memory
 * operand, ADD_ adds the offset to a register.
 */
#ifndef PERCPU_AARCH64_FAR
#define ARCH_PERCPU_CHECK_(sym)                                                \
	"\n\t.pushsection .percpu_checks\n\t.hword " sym                       \
	" + 0xf000\n\t.popsection"
#define ARCH_PERCPU_PREP_(sym) ""
#define ARCH_PERCPU_MEM_(base, sym)                                            \
	"[" base ", #:lo12:" sym "]" ARCH_PERCPU_CHECK_(sym)
#define ARCH_PERCPU_ADD_(dst, sym)                                             \
	"add " dst ", " dst ", #:lo12:" sym ARCH_PERCPU_CHECK_(sym)
#else
#define ARCH_PERCPU_PREP_(sym)                                                 \
	"movz x16, #:abs_g1:" sym "\n\tmovk x16, #:abs_g0_nc:" sym "\n\t"
#define ARCH_PERCPU_MEM_(base, sym) "[" base ", x16]"
#define ARCH_PERCPU_ADD_(dst, sym) "add " dst ", " dst ", x16"
#endif

#define ARCH_PERCPU_MRS_(reg) "mrs " reg ", " PERCPU_AARCH64_TPIDR "\n\t"

#define ARCH_PERCPU_PTR(var)                                                   \
	__extension__({                                                        \
		uintptr_t p_;                                                  \
		__asm__ volatile(ARCH_PERCPU_MRS_("%0")                        \
					 ARCH_PERCPU_PREP_("%c1")              \
						 ARCH_PERCPU_ADD_("%0", "%c1") \
				 : "=&r"(p_)                                   \
				 : "S"(&(var))                                 \
				 : "x16");                                     \
		p_;                                                            \
	})

/* One access of the given width: %0 value, %1 base scratch, %2 symbol. */
#define ARCH_PERCPU_LDST_(insn, val, var, v_, dir)                             \
	__asm__ volatile(ARCH_PERCPU_MRS_("%1") ARCH_PERCPU_PREP_("%c2") insn  \
			 " " val ", " ARCH_PERCPU_MEM_("%1", "%c2")            \
			 : dir(v_), "=&r"(b_)                                  \
			 : "S"(&(var))                                         \
			 : "x16", "memory")
#define ARCH_PERCPU_OUT_ "=r"
#define ARCH_PERCPU_IN_ "+r"

#define ARCH_PERCPU_ACCESS_(var, v_, ld8, ld16, ld32, ld64, dir)               \
	do {                                                                   \
		uint64_t b_;                                                   \
		if (sizeof(var) == 1)                                          \
			ARCH_PERCPU_LDST_(ld8, "%w0", var, v_, dir);           \
		else if (sizeof(var) == 2)                                     \
			ARCH_PERCPU_LDST_(ld16, "%w0", var, v_, dir);          \
		else if (sizeof(var) == 4)                                     \
			ARCH_PERCPU_LDST_(ld32, "%w0", var, v_, dir);          \
		else                                                           \
			ARCH_PERCPU_LDST_(ld64, "%x0", var, v_, dir);          \
		(void) b_;                                                     \
	} while (0)

#define ARCH_PERCPU_READ(var)                                                  \
	__extension__({                                                        \
		uint64_t r_;                                                   \
		ARCH_PERCPU_ACCESS_(var, r_, "ldrb", "ldrh", "ldr", "ldr",     \
				    ARCH_PERCPU_OUT_);                         \
		(__typeof__(var)) r_;                                          \
	})

#define ARCH_PERCPU_WRITE(var, v)                                              \
	do {                                                                   \
		uint64_t w_ = (uint64_t) (__typeof__(var)) (v);                \
		ARCH_PERCPU_ACCESS_(var, w_, "strb", "strh", "str", "str",     \
				    ARCH_PERCPU_IN_);                          \
	} while (0)

#else /* hosted Linux */

#define ARCH_PERCPU_IRQSAFE 1
#define ARCH_PERCPU_MIGRATION_SAFE 1

#ifdef __cplusplus
extern "C" {
#endif
/** The register stand-in: this thread's offset. */
extern __thread uintptr_t percpu_aarch64_linux_offset
	__attribute__((tls_model("initial-exec")));
#ifdef __cplusplus
}
#endif

#define ARCH_PERCPU_PTR(var) (percpu_aarch64_linux_offset + (uintptr_t) & (var))

#endif /* PERCPU_AARCH64_TPIDR */

#endif /* PERCPU_ARCH_AARCH64_PERCPU_ARCH_H */
