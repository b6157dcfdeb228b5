/*
 * x86_64 backend: the per-CPU offset lives in the GS base.
 *
 * Every access is `%gs:var(%rip)`: GS base (the offset) + the variable's
 * template address, one instruction, position independent. Read, write, add,
 * sub, and, or and cmpxchg are each one instruction without `lock`, so an
 * interrupt cannot split them and a migration cannot move them to another CPU's
 * area: they are interrupt- and preemption-safe without any guard. xchg is a
 * cmpxchg loop, because `xchg` with memory is implicitly locked.
 *
 * The base itself is read from a slot every area holds (percpu_head.offset),
 * with one `%gs:` load, never with rdmsr/rdgsbase on a fast path.
 *
 * Registers: reg_linux.c (arch_prctl) and reg_msr.c (IA32_GS_BASE / wrgsbase).
 */
#ifndef PERCPU_ARCH_X86_64_PERCPU_ARCH_H
#define PERCPU_ARCH_X86_64_PERCPU_ARCH_H

#include "percpu/arch.h"

#define ARCH_PERCPU_IRQSAFE 1
#define ARCH_PERCPU_MIGRATION_SAFE 1
#define ARCH_PERCPU_RELAX() __asm__ volatile("pause")

#define ARCH_PERCPU_PTR(var)                                                   \
	__extension__({                                                        \
		uintptr_t __percpu_x86_p = (uintptr_t) & (var);                \
		__asm__ volatile("add %%gs:%1, %0"                             \
				 : "+r"(__percpu_x86_p)                        \
				 : "m"(percpu_head.offset));                   \
		__percpu_x86_p;                                                \
	})

#define ARCH_PERCPU_READ(var)                                                  \
	__extension__({                                                        \
		PERCPU_UNQUAL_(var) __percpu_x86_v;                            \
		__asm__ volatile("mov %%gs:%1, %0"                             \
				 : "=r"(__percpu_x86_v)                        \
				 : "m"(var));                                  \
		__percpu_x86_v;                                                \
	})

#define ARCH_PERCPU_X86_SEG_ "%%gs:"
#include "percpu/arch/x86_64/percpu_x86_ops.h"

#define ARCH_PERCPU_WRITE_1(var, v) ARCH_PERCPU_X86_OP_("mov", 1, "=m", var, v)
#define ARCH_PERCPU_WRITE_2(var, v) ARCH_PERCPU_X86_OP_("mov", 2, "=m", var, v)
#define ARCH_PERCPU_WRITE_4(var, v) ARCH_PERCPU_X86_OP_("mov", 4, "=m", var, v)
#define ARCH_PERCPU_WRITE_8(var, v) ARCH_PERCPU_X86_OP_("mov", 8, "=m", var, v)

#define ARCH_PERCPU_XCHG(var, v)                                               \
	__extension__({                                                        \
		PERCPU_UNQUAL_(var) __percpu_x86_o;                            \
		__asm__ volatile("mov %%gs:%1, %0\n\t"                         \
				 "1: cmpxchg %2, %%gs:%1\n\t"                  \
				 "jnz 1b"                                      \
				 : "=&a"(__percpu_x86_o), "+m"(var)            \
				 : "r"((PERCPU_UNQUAL_(var))(v)));             \
		__percpu_x86_o;                                                \
	})

#endif /* PERCPU_ARCH_X86_64_PERCPU_ARCH_H */
