/*
 * percpu: per-CPU data for hypervisors and kernels.
 *
 *   PERCPU_DEFINE(uint64_t, exits) = 0;     // in one .c file
 *   PERCPU_DECLARE(uint64_t, exits);        // in headers
 *
 *   percpu_init(NULL, 0);                   // boot CPU, once
 *   percpu_init_cpu(cpu);                   // every CPU, before any access
 *   this_cpu_inc(exits);                    // one `incq %gs:...` on x86_64
 *   *per_cpu_ptr(exits, 3)                  // CPU 3's copy
 *
 * Every function returning int returns 0 (or a count) on success and a
 * negative PERCPU_E* code on misuse; misuse never changes any area.
 *
 * Access tiers (see README.md for the per-architecture table):
 *  - raw_cpu_*:  the bare operation. Safe against interrupts on every
 *                backend (one instruction on x86_64, LL/SC on aarch64);
 *                the caller keeps the CPU from migrating mid-operation.
 *  - this_cpu_*: also safe against preemption and migration. Where the
 *                backend needs it (aarch64 bare metal), the operation runs
 *                between the kernel's percpu_preempt_disable() and
 *                percpu_preempt_enable(), which the kernel defines when it
 *                builds with PERCPU_PREEMPT_HOOKS (a non-preemptive kernel,
 *                like most hypervisors, needs none). On x86_64 and hosted
 *                Linux this_cpu_* and raw_cpu_* are the same code.
 * Operations act on 1-, 2-, 4- and 8-byte integers and pointers
 * (add/sub/and/or/inc/dec on integers only); this_cpu_ptr and per_cpu_ptr
 * take any type.
 */
#ifndef PERCPU_PERCPU_H
#define PERCPU_PERCPU_H

#include <stddef.h>
#include <stdint.h>

#include "percpu/arch.h"
#include "percpu_arch.h"

#ifndef ARCH_PERCPU_SINGLE
#define ARCH_PERCPU_SINGLE 0
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Error codes (returned negated). */
enum percpu_error {
	/** percpu_init() was already called. */
	PERCPU_EALREADY = 1,
	/** percpu_init() has not completed yet. */
	PERCPU_ENOTINIT = 2,
	/** A CPU id at or past percpu_area_num(). */
	PERCPU_ERANGE = 3,
	/** A base address not aligned to percpu_required_align(). */
	PERCPU_EALIGN = 4,
	/** An invalid argument (zero CPUs, size overflow, null pointer). */
	PERCPU_EINVAL = 5,
	/** More CPUs than the linker script reserved areas for. */
	PERCPU_ENOSPC = 6,
	/** A vCPU area is current on another pCPU, or one is already loaded. */
	PERCPU_EBUSY = 7,
	/** No vCPU area is loaded here, or the area was never initialised. */
	PERCPU_ENOVCPU = 8,
};

/**
 * Describes one per-CPU variable; PERCPU_DEFINE emits one per variable into
 * section percpu_vars. Aligned to 32 so the compiler never pads between them.
 */
struct percpu_var_info {
	const char *name;
	const void *addr;
	uint32_t size;
	uint32_t align;
} __attribute__((aligned(32)));

/*
 * Defining and declaring variables. The template object is named
 * percpu_var_NAME so that a plain `NAME` in code does not compile: every
 * access goes through the accessors below.
 */
#define PERCPU_SYM(name) percpu_var_##name

#ifdef __cplusplus
#define PERCPU_ALIGNOF_(type) alignof(type)
#else
#define PERCPU_ALIGNOF_(type) _Alignof(type)
#endif

/** Declares per-CPU variable `name` of `type` defined in another file. */
#define PERCPU_DECLARE(type, name) extern __typeof__(type) PERCPU_SYM(name)

/*
 * Defines template object KIND_var_NAME of `type` in section `sec`, with its
 * info record KIND_info_NAME in section `info_sec`; may be followed by
 * `= initializer`.
 */
#define PERCPU_DEFINE_IN_(type, name, kind, sec, info_sec)                     \
	extern __typeof__(type) kind##_var_##name;                             \
	static const struct percpu_var_info kind##_info_##name                 \
		__attribute__((section(info_sec), used)) = {                   \
			#name, &kind##_var_##name, sizeof(type),               \
			PERCPU_ALIGNOF_(__typeof__(type))};                    \
	__attribute__((section(sec))) __typeof__(type) kind##_var_##name

/** Defines per-CPU variable `name`; may be followed by `= initializer`. */
#define PERCPU_DEFINE(type, name)                                              \
	PERCPU_DEFINE_IN_(type, name, percpu, ".percpu", "percpu_vars")

/** Offset of `name` from the start of any area. */
#define PERCPU_OFFSET(name)                                                    \
	((size_t) ((uintptr_t) &PERCPU_SYM(name) - (uintptr_t) __percpu_start))

/* Initialisation and layout. */

/**
 * Creates the per-CPU areas, each a fresh copy of the template. base == NULL
 * uses the space percpu/ld/ reserved (cpu_count 0: all of it); otherwise
 * `base` must hold percpu_required_size(cpu_count) bytes aligned to
 * percpu_required_align(). Returns the number of areas or -PERCPU_E*.
 * Only the first successful call does anything; concurrent calls are safe.
 */
int percpu_init(void *base, unsigned int cpu_count);

/** Bytes of per-CPU data (the template), header included. */
size_t percpu_area_size(void);

/** Distance between consecutive areas: the size rounded up to the alignment. */
size_t percpu_area_stride(void);

/** Number of areas; 0 before percpu_init(). */
unsigned int percpu_area_num(void);

/**
 * Where the areas are; written once by percpu_init(), `num` last (release).
 * Read it through the functions below.
 */
struct percpu_layout {
	/** Offset of area 0 (area 0 base - __percpu_start). */
	uintptr_t offset0;
	/** percpu_area_stride(). */
	size_t stride;
	/** Number of areas; 0 until percpu_init() has completed. */
	unsigned int num;
};
extern struct percpu_layout percpu_layout;

/** True if `cpu` has an area (acquire: the area is initialised). */
static inline int percpu_cpu_valid(unsigned int cpu)
{
	return cpu < __atomic_load_n(&percpu_layout.num, __ATOMIC_ACQUIRE);
}

/** Address of template object `tmpl` in `cpu`'s area; 0 if none. */
static inline uintptr_t percpu_remote_addr(const void *tmpl, unsigned int cpu)
{
	if (!percpu_cpu_valid(cpu))
		return 0;
	return percpu_layout.offset0 + (uintptr_t) cpu * percpu_layout.stride +
	       (uintptr_t) tmpl;
}

/** Register value (offset) for `cpu`'s area; 0 before init or out of range. */
static inline uintptr_t percpu_cpu_offset(unsigned int cpu)
{
	return percpu_remote_addr(0, cpu);
}

/** Base address of `cpu`'s area; 0 before init or for an out-of-range cpu. */
static inline uintptr_t percpu_area_base(unsigned int cpu)
{
	return percpu_remote_addr(__percpu_start, cpu);
}

/** Bytes needed for `cpu_count` areas; 0 if that overflows. */
size_t percpu_required_size(unsigned int cpu_count);

/** Alignment of every area: the largest variable alignment, at least 64. */
size_t percpu_required_align(void);

/** Points the calling CPU's register at `cpu`'s area. 0 or -PERCPU_E*. */
int percpu_init_cpu(unsigned int cpu);

/** Area base the calling CPU's register points at, 0 if it is unset. */
uintptr_t percpu_read_reg(void);

/** Points the calling CPU's register at the area at `area_base` (0: none). */
void percpu_write_reg(uintptr_t area_base);

/**
 * The calling CPU's id, read from its area; PERCPU_CPU_NONE if its register
 * does not point at one of the areas (not initialised, or foreign).
 */
unsigned int percpu_cpu_id(void);

/** Short description of a (negated) PERCPU_E* code. */
const char *percpu_strerror(int err);

/**
 * Where misuse messages go ("percpu: percpu_init_cpu(9): cpu id out of range
 * (8 areas)"). Hosted default: stderr. Bare metal default: nowhere until the
 * platform installs its console. NULL silences.
 */
void percpu_set_reporter(void (*puts_fn)(const char *line));

/* Preemption hooks, defined by the kernel when it builds with them. */
#ifdef PERCPU_PREEMPT_HOOKS
void percpu_preempt_disable(void);
void percpu_preempt_enable(void);
#define PERCPU_GUARD_ (!ARCH_PERCPU_MIGRATION_SAFE)
#else
static inline void percpu_preempt_disable(void) {}
static inline void percpu_preempt_enable(void) {}
#define PERCPU_GUARD_ 0
#endif

#ifdef __cplusplus
}
#endif

/*
 * Backend fallbacks: operations a backend does not implement itself are
 * relaxed atomics on this CPU's copy.
 */
#define PERCPU_LOCAL_(var) ((__typeof__(var) *) ARCH_PERCPU_PTR(var))
#ifndef ARCH_PERCPU_READ
#define ARCH_PERCPU_READ(var)                                                  \
	__atomic_load_n(PERCPU_LOCAL_(var), __ATOMIC_RELAXED)
#endif
#ifndef ARCH_PERCPU_WRITE
#define ARCH_PERCPU_WRITE(var, v)                                              \
	__atomic_store_n(PERCPU_LOCAL_(var), (__typeof__(var)) (v),            \
			 __ATOMIC_RELAXED)
#endif
#ifndef ARCH_PERCPU_ADD
#define ARCH_PERCPU_ADD(var, v)                                                \
	((void) __atomic_fetch_add(PERCPU_LOCAL_(var), (__typeof__(var)) (v),  \
				   __ATOMIC_RELAXED))
#endif
#ifndef ARCH_PERCPU_AND
#define ARCH_PERCPU_AND(var, v)                                                \
	((void) __atomic_fetch_and(PERCPU_LOCAL_(var), (__typeof__(var)) (v),  \
				   __ATOMIC_RELAXED))
#endif
#ifndef ARCH_PERCPU_OR
#define ARCH_PERCPU_OR(var, v)                                                 \
	((void) __atomic_fetch_or(PERCPU_LOCAL_(var), (__typeof__(var)) (v),   \
				  __ATOMIC_RELAXED))
#endif
#ifndef ARCH_PERCPU_XCHG
#define ARCH_PERCPU_XCHG(var, v)                                               \
	__atomic_exchange_n(PERCPU_LOCAL_(var), (__typeof__(var)) (v),         \
			    __ATOMIC_RELAXED)
#endif
#ifndef ARCH_PERCPU_CMPXCHG
#define ARCH_PERCPU_CMPXCHG(var, old, new)                                     \
	__extension__({                                                        \
		__typeof__(var) o_ = (old);                                    \
		__atomic_compare_exchange_n(                                   \
			PERCPU_LOCAL_(var), &o_, (__typeof__(var)) (new), 0,   \
			__ATOMIC_RELAXED, __ATOMIC_RELAXED);                   \
		o_;                                                            \
	})
#endif

/*
 * Compile-time check. C11's keyword, not <assert.h>: freestanding builds
 * (-ffreestanding -nostdinc) have no <assert.h>.
 */
#ifdef __cplusplus
#define PERCPU_STATIC_ASSERT_(cond, msg) static_assert(cond, msg)
#else
#define PERCPU_STATIC_ASSERT_(cond, msg) _Static_assert(cond, msg)
#endif

/* Size check shared by every scalar operation. */
#define PERCPU_SCALAR_(var)                                                    \
	PERCPU_STATIC_ASSERT_(sizeof(var) == 1 || sizeof(var) == 2 ||          \
				      sizeof(var) == 4 || sizeof(var) == 8,    \
			      "per-CPU operations take 1-, 2-, 4- or 8-byte "  \
			      "scalars")

/* raw_cpu_*: no preemption guard. */
#define raw_cpu_ptr(name) PERCPU_LOCAL_(PERCPU_SYM(name))
#define raw_cpu_read(name)                                                     \
	__extension__({                                                        \
		PERCPU_SCALAR_(PERCPU_SYM(name));                              \
		ARCH_PERCPU_READ(PERCPU_SYM(name));                            \
	})
#define raw_cpu_write(name, v)                                                 \
	do {                                                                   \
		PERCPU_SCALAR_(PERCPU_SYM(name));                              \
		ARCH_PERCPU_WRITE(PERCPU_SYM(name), v);                        \
	} while (0)
#define raw_cpu_add(name, v) ARCH_PERCPU_ADD(PERCPU_SYM(name), v)
#define raw_cpu_sub(name, v)                                                   \
	ARCH_PERCPU_ADD(PERCPU_SYM(name), -(__typeof__(PERCPU_SYM(name))) (v))
#define raw_cpu_and(name, v) ARCH_PERCPU_AND(PERCPU_SYM(name), v)
#define raw_cpu_or(name, v) ARCH_PERCPU_OR(PERCPU_SYM(name), v)
#define raw_cpu_inc(name) raw_cpu_add(name, 1)
#define raw_cpu_dec(name) raw_cpu_sub(name, 1)
#define raw_cpu_xchg(name, v) ARCH_PERCPU_XCHG(PERCPU_SYM(name), v)
#define raw_cpu_cmpxchg(name, old, new)                                        \
	ARCH_PERCPU_CMPXCHG(PERCPU_SYM(name), old, new)

/* this_cpu_*: raw_cpu_* inside the preemption guard where one is needed. */
#define PERCPU_GUARDED_(expr)                                                  \
	__extension__({                                                        \
		if (PERCPU_GUARD_)                                             \
			percpu_preempt_disable();                              \
		__typeof__(expr) r_ = (expr);                                  \
		if (PERCPU_GUARD_)                                             \
			percpu_preempt_enable();                               \
		r_;                                                            \
	})
#define PERCPU_GUARDED_VOID_(stmt)                                             \
	do {                                                                   \
		if (PERCPU_GUARD_)                                             \
			percpu_preempt_disable();                              \
		stmt;                                                          \
		if (PERCPU_GUARD_)                                             \
			percpu_preempt_enable();                               \
	} while (0)

#define this_cpu_ptr(name) raw_cpu_ptr(name)
#define this_cpu_read(name) PERCPU_GUARDED_(raw_cpu_read(name))
#define this_cpu_write(name, v) PERCPU_GUARDED_VOID_(raw_cpu_write(name, v))
#define this_cpu_add(name, v) PERCPU_GUARDED_VOID_(raw_cpu_add(name, v))
#define this_cpu_sub(name, v) PERCPU_GUARDED_VOID_(raw_cpu_sub(name, v))
#define this_cpu_and(name, v) PERCPU_GUARDED_VOID_(raw_cpu_and(name, v))
#define this_cpu_or(name, v) PERCPU_GUARDED_VOID_(raw_cpu_or(name, v))
#define this_cpu_inc(name) this_cpu_add(name, 1)
#define this_cpu_dec(name) this_cpu_sub(name, 1)
#define this_cpu_xchg(name, v) PERCPU_GUARDED_(raw_cpu_xchg(name, v))
#define this_cpu_cmpxchg(name, old, new)                                       \
	PERCPU_GUARDED_(raw_cpu_cmpxchg(name, old, new))

/** Pointer to `name` in `cpu`'s area; NULL for an out-of-range cpu. */
#define per_cpu_ptr(name, cpu)                                                 \
	((__typeof__(PERCPU_SYM(name)) *) percpu_remote_addr(                  \
		&PERCPU_SYM(name), (cpu)))

#endif /* PERCPU_PERCPU_H */
