/*
 * The contract between percpu's generic code and its backends.
 *
 * Every backend under percpu/arch/<name>/ ships a header named percpu_arch.h
 * (found on the include path of the backend selected by the `percpu_reg`
 * constraint) that implements what this file declares. Generic code never
 * includes a backend header by path; it includes percpu/percpu.h, which
 * includes this file and then percpu_arch.h.
 *
 * The model, shared by every backend:
 *  - Per-CPU variables live in the `.percpu` sections of the image: the
 *    *template*, linked at virtual address __percpu_start (0 on bare metal,
 *    an ordinary data address on hosted Linux) and loaded, with its initial
 *    values, at __percpu_load_start.
 *  - Each CPU owns an *area*, a copy of the template. The per-CPU register
 *    holds the CPU's *offset*: area base - __percpu_start. The address of a
 *    variable in the calling CPU's area is therefore offset + &variable, which
 *    is what lets x86_64 use one `%gs:var(%rip)` instruction and aarch64 one
 *    `ldr` with the variable's address as immediate.
 *  - Offset 0 means "no area": the reset value on every CPU.
 */
#ifndef PERCPU_ARCH_H
#define PERCPU_ARCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Template bounds (virtual) and load address, defined by percpu/ld/. */
extern char __percpu_start[], __percpu_end[], __percpu_load_start[];
/** Space the linker script reserves for in-place areas. */
extern char __percpu_reserve_start[], __percpu_reserve_end[];

/**
 * The header at the start of every area (and of the template, where offset is
 * 0 and cpu is PERCPU_CPU_NONE). Backends read `offset` with one per-CPU load
 * instead of reading the register itself.
 */
struct percpu_head {
	/** This area's offset: area base - __percpu_start. */
	uintptr_t offset;
	/** The CPU this area belongs to. */
	unsigned int cpu;
	/**
	 * Nonzero while the CPU is online (percpu_cpu_online/offline); read
	 * and written with atomics. 0 in the template.
	 */
	unsigned int online;
};

/** The template's header; defined by percpu.c in section .percpu.head. */
extern struct percpu_head percpu_head;

/** percpu_cpu_id() of a CPU whose register does not point at an area. */
#define PERCPU_CPU_NONE (~0u)

/**
 * Writes the calling CPU's per-CPU register (the offset described above).
 * Backends implement this in their .c file; it is never on a fast path.
 */
void arch_percpu_set_offset(uintptr_t offset);

/**
 * Reads the calling CPU's per-CPU register from the register itself, not from
 * the area (so it is right even when the register is unset or wrong).
 * Slow path: on bare-metal x86_64 this is an MSR read.
 */
uintptr_t arch_percpu_read_register(void);

/**
 * Masks interrupts on the calling CPU and returns the previous mask, for
 * arch_percpu_irq_restore(). Hosted backends (no interrupts, only signals,
 * which percpu does not support) return 0 and mask nothing. Slow path: the
 * hotplug/allocator lock uses it, so an interrupt handler on this CPU never
 * spins on a lock its own CPU holds.
 */
unsigned long arch_percpu_irq_save(void);

/** Restores the interrupt mask arch_percpu_irq_save() returned. */
void arch_percpu_irq_restore(unsigned long flags);

#ifdef __cplusplus
}
#endif

/*
 * Each percpu_arch.h must also define:
 *
 *  ARCH_PERCPU_PTR(var)    uintptr_t: address of template variable `var` in
 *                          the calling CPU's area.
 *  ARCH_PERCPU_IRQSAFE     1 if every operation below (READ, WRITE, ADD,
 *                          SUB, AND, OR, XCHG, CMPXCHG, the backend's own or
 *                          the fallback) is safe against interrupts on the
 *                          calling CPU: a single instruction, an AMO, or an
 *                          LL/SC loop that restarts when interrupted, so an
 *                          interrupt handler's update of the same variable
 *                          is never lost and it never sees a torn value.
 *                          raw_cpu_* relies on this: percpu.h rejects 0
 *                          (there is no fallback that disables interrupts).
 *  ARCH_PERCPU_MIGRATION_SAFE
 *                          1 if each operation also finds the calling CPU's
 *                          area and accesses it indivisibly with respect to
 *                          preemption and migration (x86_64: one `%gs:`
 *                          instruction; hosted Linux: the register stand-in
 *                          is per thread, so a thread is a CPU). 0 if the
 *                          area's address is computed before the access
 *                          (aarch64 and riscv64 bare metal: the register is
 *                          read first), so a task migrated in between would
 *                          access the previous CPU's copy: this_cpu_* then
 *                          runs the operation between percpu_preempt_disable()
 *                          and percpu_preempt_enable() when the kernel builds
 *                          with PERCPU_PREEMPT_HOOKS (see percpu.h).
 *
 * and may define the operations, each for a scalar `var` of N = 1, 2, 4 or 8
 * bytes (percpu.h dispatches on sizeof(var) once for every backend):
 *
 *  ARCH_PERCPU_READ_N(var)              value of var on this CPU
 *  ARCH_PERCPU_WRITE_N(var, v)          store v
 *  ARCH_PERCPU_ADD_N(var, v)            var += v (inc is built on it)
 *  ARCH_PERCPU_SUB_N(var, v)            var -= v (dec is built on it)
 *  ARCH_PERCPU_AND_N(var, v)            var &= v
 *  ARCH_PERCPU_OR_N(var, v)             var |= v
 *  ARCH_PERCPU_XCHG_N(var, v)           store v, yield the previous value
 *  ARCH_PERCPU_CMPXCHG_N(var, old, new) store new if var == old; yield the
 *                                       previous value
 *  ARCH_PERCPU_RELAX()                  spin-wait hint (pause, yield, ...),
 *                                       percpu's own spin loops on bare metal
 *
 * Defaults (percpu/arch_defaults.h): a missing ARCH_PERCPU_<OP>_N is
 * ARCH_PERCPU_<OP> (the same hook for every size, for instructions whose
 * width follows their operands), and a missing ARCH_PERCPU_<OP> is
 * PERCPU_GENERIC_<OP>: relaxed atomics on ARCH_PERCPU_PTR(var). The core
 * compiles every size's hook for every variable (only one runs), so a hook
 * must compile for any type the operation takes. Value-yielding hooks yield
 * var's unqualified type.
 *
 * The core checks types and evaluates the caller's arguments before it
 * expands these: `v`, `old` and `new` are plain locals of var's unqualified
 * type (PERCPU_UNQUAL_), evaluated once. A backend's own locals are reserved
 * identifiers, __percpu_<backend>_<x>, distinct across the backend's macros
 * that nest: no caller variable (which cannot be named so) is shadowed
 * (-Wshadow) or captured, and nested expansions never shadow each other.
 *
 * Backends that have no register at all (single-CPU mode) define
 * ARCH_PERCPU_SINGLE to 1: the template itself is the only area.
 */

/*
 * Helpers for the core and the backends' macros.
 *
 * PERCPU_STATIC_ASSERT: C11 spells it _Static_assert (<assert.h> is not a
 * freestanding header, so bare-metal images need not have one).
 * PERCPU_UNQUAL_(var): var's type without const/volatile, for locals that
 * hold its value. PERCPU_IS_CONST_(var): 1 if var is const.
 * PERCPU_SIGNED_(var): 1 if var's integer type (an enum's underlying type in
 * C++, where -1 converted to an enum is unspecified) is signed.
 * PERCPU_KIND_(var): PERCPU_KIND_INT_ (integers and enums), _BOOL_, _PTR_ or
 * _OTHER_ (floating point, structs, arrays, ...).
 */
#define PERCPU_KIND_INT_ 1
#define PERCPU_KIND_BOOL_ 2
#define PERCPU_KIND_PTR_ 3
#define PERCPU_KIND_OTHER_ 4

#ifdef __cplusplus
#define PERCPU_STATIC_ASSERT(cond, msg) static_assert(cond, msg)
extern "C++" {
template <class T> struct percpu_type_ {
	typedef T unqual;
	enum { is_const = 0 };
};
template <class T> struct percpu_type_<const T> {
	typedef T unqual;
	enum { is_const = 1 };
};
template <class T> struct percpu_type_<volatile T> {
	typedef T unqual;
	enum { is_const = 0 };
};
template <class T> struct percpu_type_<const volatile T> {
	typedef T unqual;
	enum { is_const = 1 };
};
template <class T> struct percpu_kind_ {
	enum { v = __is_enum(T) ? PERCPU_KIND_INT_ : PERCPU_KIND_OTHER_ };
};
template <class T> struct percpu_kind_<T *> {
	enum { v = PERCPU_KIND_PTR_ };
};
template <> struct percpu_kind_<bool> {
	enum { v = PERCPU_KIND_BOOL_ };
};
#define PERCPU_KIND_INTEGER_(T)                                                \
	template <> struct percpu_kind_<T> {                                   \
		enum { v = PERCPU_KIND_INT_ };                                 \
	}
PERCPU_KIND_INTEGER_(char);
PERCPU_KIND_INTEGER_(signed char);
PERCPU_KIND_INTEGER_(unsigned char);
PERCPU_KIND_INTEGER_(short);
PERCPU_KIND_INTEGER_(unsigned short);
PERCPU_KIND_INTEGER_(int);
PERCPU_KIND_INTEGER_(unsigned int);
PERCPU_KIND_INTEGER_(long);
PERCPU_KIND_INTEGER_(unsigned long);
PERCPU_KIND_INTEGER_(long long);
PERCPU_KIND_INTEGER_(unsigned long long);
PERCPU_KIND_INTEGER_(wchar_t);
PERCPU_KIND_INTEGER_(char16_t);
PERCPU_KIND_INTEGER_(char32_t);
#undef PERCPU_KIND_INTEGER_
}
#define PERCPU_UNQUAL_(var) percpu_type_<__typeof__(var)>::unqual
#define PERCPU_IS_CONST_(var) (percpu_type_<__typeof__(var)>::is_const != 0)
#define PERCPU_KIND_(var) ((int) percpu_kind_<PERCPU_UNQUAL_(var)>::v)
extern "C++" {
template <class T, bool = __is_enum(T)> struct percpu_int_ {
	typedef T type;
};
template <class T> struct percpu_int_<T, true> {
	typedef __underlying_type(T) type;
};
}
#define PERCPU_SIGNED_(var)                                                    \
	((percpu_int_<PERCPU_UNQUAL_(var)>::type) - 1 <                        \
	 (percpu_int_<PERCPU_UNQUAL_(var)>::type) 1)
#else
#define PERCPU_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
/* The comma expression is an rvalue: lvalue conversion drops qualifiers. */
#define PERCPU_UNQUAL_(var) __typeof__((void) 0, (var))
#define PERCPU_IS_CONST_(var)                                                  \
	(__builtin_types_compatible_p(__typeof__(&(var)),                      \
				      const PERCPU_UNQUAL_(var) *) ||          \
	 __builtin_types_compatible_p(__typeof__(&(var)),                      \
				      const volatile PERCPU_UNQUAL_(var) *))
/*
 * In C, __builtin_classify_type() promotes bool and enums to int (1, the
 * integer class); 5 is the pointer class, which arrays (decayed) also get.
 */
#define PERCPU_KIND_(var)                                                      \
	(__builtin_types_compatible_p(PERCPU_UNQUAL_(var), _Bool)              \
		 ? PERCPU_KIND_BOOL_                                           \
	 : __builtin_classify_type(var) == 1 ? PERCPU_KIND_INT_                \
	 : __builtin_classify_type(var) == 5 &&                                \
			 __builtin_types_compatible_p(__typeof__(var),         \
						      PERCPU_UNQUAL_(var))     \
		 ? PERCPU_KIND_PTR_                                            \
		 : PERCPU_KIND_OTHER_)
#define PERCPU_SIGNED_(var)                                                    \
	((PERCPU_UNQUAL_(var)) - 1 < (PERCPU_UNQUAL_(var)) 1)
#endif

#endif /* PERCPU_ARCH_H */
