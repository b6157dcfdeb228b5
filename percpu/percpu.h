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
 * CPU hotplug: percpu_cpu_offline(cpu) retires an area (poisoned),
 * percpu_cpu_online(cpu) gives it a fresh copy of the template. Dynamic
 * per-CPU objects: percpu_set_dyn_size() before percpu_init(), then
 * percpu_alloc() / percpu_free() and this_cpu_dyn_ptr() / per_cpu_dyn_ptr().
 * Building with PERCPU_DEBUG (--define=percpu_debug=1) makes every this_cpu_*
 * access check the calling CPU's register first.
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
#include "percpu/arch_defaults.h"

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
	/** percpu_cpu_online() of a CPU that is already online. */
	PERCPU_EONLINE = 9,
	/** The CPU is offline (percpu_cpu_offline(), percpu_init_cpu()). */
	PERCPU_EOFFLINE = 10,
	/** The dynamic region or its allocation table is full. */
	PERCPU_ENOMEM = 11,
	/** A dynamic handle that is not allocated (double free, bad handle). */
	PERCPU_EBADHANDLE = 12,
	/** Not possible in single-CPU mode (taking the only CPU offline). */
	PERCPU_ENOTSUP = 13,
	/** percpu_check() found a guard word, header or poison overwritten. */
	PERCPU_ECORRUPT = 14,
};

/**
 * Describes one per-CPU variable; PERCPU_DEFINE emits one per variable into
 * section percpu_vars. Aligned to 32 so the compiler never pads between them.
 */
struct percpu_var_info {
	const char *name;
	const volatile void *addr;
	size_t size;
} __attribute__((aligned(32)));

/*
 * Defining and declaring variables. The template object is named
 * percpu_var_NAME so that a plain `NAME` in code does not compile: every
 * access goes through the accessors below. As in every accessor, `name` is
 * macro-expanded first.
 */
#define PERCPU_CAT2_(a, b) a##b
#define PERCPU_CAT_(a, b) PERCPU_CAT2_(a, b)
#define PERCPU_SYM(name) PERCPU_CAT_(percpu_var_, name)

/** Declares per-CPU variable `name` of `type` defined in another file. */
#define PERCPU_DECLARE(type, name) extern __typeof__(type) PERCPU_SYM(name)

/*
 * Template objects carry no sanitizer redzones (clang's ASan would pad them):
 * the template is copied whole and accesses go to the copies.
 */
#if defined(__clang__)
#define PERCPU_NO_REDZONE_ __attribute__((no_sanitize("address")))
#else
#define PERCPU_NO_REDZONE_
#endif

/*
 * C++: a template object's initializer must be a constant. A dynamic
 * initializer (`= compute();`) would write the template while static
 * constructors run, in link order, before or after percpu copies it: it is
 * refused at compile time ("does not have a constant initializer").
 */
#if defined(__cplusplus) && defined(__clang__)
#define PERCPU_CONSTINIT_ __attribute__((require_constant_initialization))
#elif defined(__cplusplus)
#define PERCPU_CONSTINIT_ __constinit
#else
#define PERCPU_CONSTINIT_
#endif

/*
 * Defines template object KIND_var_NAME of `type` in section `sec`, with its
 * info record KIND_info_NAME in section `info_sec`; may be followed by
 * `= initializer`. A `__attribute__((aligned(N)))` after the definition
 * applies to the object; percpu/ld/ sees it in the section's alignment.
 */
#define PERCPU_DEFINE_IN_(type, name, kind, sec, info_sec)                     \
	extern __typeof__(type) kind##_var_##name;                             \
	PERCPU_STATIC_ASSERT(!PERCPU_IS_CONST_(kind##_var_##name),             \
			     "percpu: per-CPU and per-vCPU variables cannot "  \
			     "be const (every copy is written)");              \
	static const struct percpu_var_info kind##_info_##name                 \
		__attribute__((section(info_sec), used)) = {                   \
			#name, (const volatile void *) &kind##_var_##name,     \
			sizeof(type)};                                         \
	__attribute__((section(sec))) PERCPU_NO_REDZONE_                       \
		PERCPU_CONSTINIT_ __typeof__(type) kind##_var_##name

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

/**
 * Distance between consecutive areas: the template, the dynamic region and a
 * guard word, rounded up to the alignment.
 */
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
	/** Dynamic region: area base + dyn_offset (the handle base). */
	uintptr_t dyn_offset;
	/** Bytes in every area's dynamic region. */
	size_t dyn_size;
};
extern struct percpu_layout percpu_layout;

/** True if `cpu` has an area (acquire: the area is initialised). */
static inline int percpu_cpu_valid(unsigned int cpu)
{
	return cpu < __atomic_load_n(&percpu_layout.num, __ATOMIC_ACQUIRE);
}

/**
 * Base address of `cpu`'s area, online or not; 0 before init or for an
 * out-of-range cpu.
 */
static inline uintptr_t percpu_area_base(unsigned int cpu)
{
	if (!percpu_cpu_valid(cpu))
		return 0;
	return percpu_layout.offset0 + (uintptr_t) cpu * percpu_layout.stride +
	       (uintptr_t) __percpu_start;
}

/**
 * Register value (offset) for `cpu`'s area; 0 before init, out of range, or
 * in single-CPU mode (no register).
 */
static inline uintptr_t percpu_cpu_offset(unsigned int cpu)
{
	uintptr_t base = percpu_area_base(cpu);

	return base != 0 ? base - (uintptr_t) __percpu_start : 0;
}

/** Address of template address `tmpl` in online `cpu`'s area; 0 if none. */
static inline uintptr_t percpu_remote_addr(uintptr_t tmpl, unsigned int cpu)
{
	uintptr_t offset;

	if (!percpu_cpu_valid(cpu))
		return 0;
	offset = percpu_layout.offset0 + (uintptr_t) cpu * percpu_layout.stride;
	if (!__atomic_load_n(
		    &((struct percpu_head *) (offset +
					      (uintptr_t) &percpu_head))
			     ->online,
		    __ATOMIC_ACQUIRE))
		return 0;
	return offset + tmpl;
}

/** Base of `cpu`'s area if the CPU is online (acquire), else 0. */
static inline uintptr_t percpu_online_base(unsigned int cpu)
{
	return percpu_remote_addr((uintptr_t) __percpu_start, cpu);
}

/** True if `cpu` is online: it has an area and it is not retired. */
static inline int percpu_cpu_is_online(unsigned int cpu)
{
	return percpu_online_base(cpu) != 0;
}

/** Bytes needed for `cpu_count` areas; 0 if that overflows. */
size_t percpu_required_size(unsigned int cpu_count);

/**
 * Alignment of every area: the largest alignment of any object in the
 * template as linked (including `aligned` attributes on definitions), at
 * least 64. The linker computes it (percpu/ld/).
 */
size_t percpu_required_align(void);

/**
 * Points the calling CPU's register at `cpu`'s area. 0 or -PERCPU_E*;
 * -PERCPU_EOFFLINE if `cpu` is offline (bring it online first).
 */
int percpu_init_cpu(unsigned int cpu);

/** Area base the calling CPU's register points at, 0 if it is unset. */
uintptr_t percpu_read_reg(void);

/** Points the calling CPU's register at the area at `area_base` (0: none). */
void percpu_write_reg(uintptr_t area_base);

/**
 * The calling CPU's id, read from its area; PERCPU_CPU_NONE if its register
 * does not point at one of the online areas (not initialised, foreign, or
 * stale: the CPU went offline).
 */
unsigned int percpu_cpu_id(void);

/** Short description of a (negated) PERCPU_E* code. */
const char *percpu_strerror(int err);

/** A sink for misuse messages: one line, no newline. */
typedef void (*percpu_reporter_fn)(const char *line);

/**
 * Where misuse messages go ("percpu: percpu_init_cpu(9): cpu id out of range
 * (8 areas)"). Hosted default: stderr. Bare metal default: nowhere until the
 * platform installs its console. NULL silences. Returns the previous sink.
 * The sink may run under percpu's lock: it may use the accessors and the
 * debug checks (lock-free), not hotplug, percpu_alloc/free or percpu_check.
 */
percpu_reporter_fn percpu_set_reporter(percpu_reporter_fn puts_fn);

/* CPU hotplug. After percpu_init() every area is online. */

/**
 * Brings `cpu` online with a fresh area: the pristine template's initial
 * values and a zeroed dynamic region. No other area is touched. 0, or
 * -PERCPU_ENOTINIT, -PERCPU_ERANGE, -PERCPU_EONLINE (already online).
 */
int percpu_cpu_online(unsigned int cpu);

/**
 * Retires `cpu`: per_cpu_ptr() and per_cpu_dyn_ptr() return NULL for it,
 * percpu_init_cpu() refuses it, and its area (all but the header and guard)
 * is filled with PERCPU_POISON so stale accesses show; debug builds report
 * them. Waits for hotplug readers first (percpu_hotplug_read_lock()). The
 * caller makes sure the CPU itself no longer uses the area. 0, or
 * -PERCPU_ENOTINIT, -PERCPU_ERANGE, -PERCPU_EOFFLINE (already offline),
 * -PERCPU_ENOTSUP (single-CPU mode: the only CPU stays online).
 */
int percpu_cpu_offline(unsigned int cpu);

/**
 * Hotplug readers. Code that uses per_cpu_ptr() or per_cpu_dyn_ptr() results
 * while another CPU may take that CPU offline (summing over
 * percpu_for_each_online_cpu, say) brackets the use:
 *
 *     unsigned int rd = percpu_hotplug_read_lock();
 *     percpu_for_each_online_cpu(cpu)
 *             total += *per_cpu_ptr(exits, cpu);
 *     percpu_hotplug_read_unlock(rd);
 *
 * percpu_cpu_offline() marks the CPU offline (new per_cpu_ptr() calls return
 * NULL), then waits until every reader that may have seen it online has
 * unlocked, and only then poisons the area. Readers never block (two atomic
 * operations, usable in interrupt handlers) and may nest; a reader must not
 * call percpu_cpu_offline() itself (it would wait for itself).
 * Returns a cookie for percpu_hotplug_read_unlock().
 */
unsigned int percpu_hotplug_read_lock(void);

/** Ends a hotplug read section started by percpu_hotplug_read_lock(). */
void percpu_hotplug_read_unlock(unsigned int cookie);

/** Byte an offline CPU's area is filled with. */
#define PERCPU_POISON 0xdb

/** First online CPU at or after `cpu`; percpu_area_num() if none. */
static inline unsigned int percpu_next_online(unsigned int cpu)
{
	unsigned int num = percpu_area_num();

	while (cpu < num && !percpu_cpu_is_online(cpu))
		cpu++;
	return cpu < num ? cpu : num;
}

/** Iterates `cpu` (an unsigned int lvalue) over the online CPUs. */
#define percpu_for_each_online_cpu(cpu)                                        \
	for ((cpu) = percpu_next_online(0); (cpu) < percpu_area_num();         \
	     (cpu) = percpu_next_online((cpu) + 1))

/* Dynamic per-CPU allocation. */

/**
 * A dynamic per-CPU object: its offset from any area's base, valid on every
 * CPU. PERCPU_HANDLE_NONE (0) means failure.
 */
typedef uintptr_t percpu_handle_t;
#define PERCPU_HANDLE_NONE ((percpu_handle_t) 0)

/** Most live dynamic objects at once (the allocator's table size). */
#ifndef PERCPU_DYN_MAX_ALLOCS
#define PERCPU_DYN_MAX_ALLOCS 256
#endif

/**
 * Sets the size of the dynamic region every area gets (rounded up to 64
 * bytes; default 0). Call before percpu_init(): percpu_area_stride() and
 * percpu_required_size() include it from then on. In-place areas come from
 * the linker's reservation, which holds PERCPU_DYN_SIZE bytes per area (a
 * link-time symbol, default 0): a larger region means fewer areas fit.
 * 0, or -PERCPU_EALREADY after percpu_init(), -PERCPU_EINVAL if too large.
 */
int percpu_set_dyn_size(size_t bytes);

/** Bytes in each area's dynamic region (pending before percpu_init()). */
size_t percpu_dyn_size(void);

/** Bytes currently allocated from the dynamic region (sum of sizes). */
size_t percpu_dyn_used(void);

/**
 * Allocates `size` bytes aligned to `align` (a power of two, at most
 * percpu_required_align()) in every area's dynamic region, zeroed on every
 * online CPU (and on a CPU that comes online later). First fit, lowest
 * offset; at most PERCPU_DYN_MAX_ALLOCS live objects. Thread-safe. Returns
 * PERCPU_HANDLE_NONE on failure, reported with the reason (not initialised,
 * invalid size or alignment, region exhausted).
 */
percpu_handle_t percpu_alloc(size_t size, size_t align);

/**
 * Frees an object from percpu_alloc(). Thread-safe. 0, or -PERCPU_ENOTINIT,
 * -PERCPU_EBADHANDLE (not allocated: double free or a bogus handle).
 */
int percpu_free(percpu_handle_t handle);

/**
 * Checks every area: its header, the guard word after it (overwritten by an
 * overflow off the end of the area) and, for offline CPUs, that the poison is
 * intact (a stale write). Reports each problem with the CPU and the variable
 * or offset. 0, or -PERCPU_ENOTINIT, -PERCPU_ECORRUPT.
 */
int percpu_check(void);

/*
 * Debug checks, called by the accessors when PERCPU_DEBUG is set (see
 * README.md); present in every build so that debug and normal translation
 * units link together.
 */

/**
 * Reports (never stops) an access to template object `tmpl` from a CPU whose
 * register is unset, foreign (not an area's base) or stale (offline CPU).
 */
void percpu_debug_access(const volatile void *tmpl);

/**
 * Reports a dynamic handle that is not allocated; with `local`, also a bad
 * register as percpu_debug_access() does.
 */
void percpu_debug_dyn(percpu_handle_t handle, int local);

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
 * Size dispatch, the only one: an operation on `var` expands the backend's
 * hook for var's size, ARCH_PERCPU_<OP>_<N> (percpu/arch_defaults.h supplies
 * the ones a backend leaves out), with `args` as its arguments. Each hook
 * must compile for any type the operation takes. C picks var's size's hook
 * with __builtin_choose_expr (the others are checked, never generated); in
 * C++ the other sizes' branches fold away.
 */
#ifdef __cplusplus
/* C++ has no __builtin_choose_expr: the other branches fold away. */
#define PERCPU_PICK_(var, e1, e2, e4, e8)                                      \
	(sizeof(var) == 1   ? (e1)                                             \
	 : sizeof(var) == 2 ? (e2)                                             \
	 : sizeof(var) == 4 ? (e4)                                             \
			    : (e8))
#else
/* C's __builtin_choose_expr: the other sizes' code is never generated. */
#define PERCPU_PICK_(var, e1, e2, e4, e8)                                      \
	__builtin_choose_expr(                                                 \
		sizeof(var) == 1, e1,                                          \
		__builtin_choose_expr(                                         \
			sizeof(var) == 2, e2,                                  \
			__builtin_choose_expr(sizeof(var) == 4, e4, e8)))
#endif
/** A hook that is a statement (write, add, ...), as a void expression. */
#define PERCPU_DO_(stmt) __extension__({ stmt; })
#define PERCPU_SIZED_(OP, var, args)                                           \
	((void) PERCPU_PICK_(var, PERCPU_DO_(ARCH_PERCPU_##OP##_1 args),       \
			     PERCPU_DO_(ARCH_PERCPU_##OP##_2 args),            \
			     PERCPU_DO_(ARCH_PERCPU_##OP##_4 args),            \
			     PERCPU_DO_(ARCH_PERCPU_##OP##_8 args)))
/** A hook that yields var's previous or current value. */
#define PERCPU_SIZED_VALUE_(OP, var, args)                                     \
	PERCPU_PICK_(var, ARCH_PERCPU_##OP##_1 args,                           \
		     ARCH_PERCPU_##OP##_2 args, ARCH_PERCPU_##OP##_4 args,     \
		     ARCH_PERCPU_##OP##_8 args)

#if defined(PERCPU_DEBUG) && PERCPU_DEBUG
/* Debug builds check the register before every access (never a lock). */
#define PERCPU_ACCESS_(name, expr)                                             \
	__extension__({                                                        \
		percpu_debug_access(&PERCPU_SYM(name));                        \
		expr;                                                          \
	})
#define PERCPU_DYN_CHECK_(handle, local) percpu_debug_dyn(handle, local)
#else
#define PERCPU_ACCESS_(name, expr) expr
#define PERCPU_DYN_CHECK_(handle, local) ((void) 0)
#endif

/*
 * Type checks shared by every operation on every backend. Read, write, xchg
 * and cmpxchg take integers (bool and enums included) and pointers of 1, 2,
 * 4 or 8 bytes; add/sub/and/or/inc/dec take integers only (not bool, whose
 * sum is no bool, nor pointers, which the backends would add byte-wise).
 */
#define PERCPU_SIZE_OK_(var)                                                   \
	(sizeof(var) == 1 || sizeof(var) == 2 || sizeof(var) == 4 ||           \
	 sizeof(var) == 8)
#define PERCPU_CHECK_SCALAR_(var)                                              \
	PERCPU_STATIC_ASSERT(PERCPU_SIZE_OK_(var) &&                           \
				     PERCPU_KIND_(var) != PERCPU_KIND_OTHER_,  \
			     "percpu: read/write/xchg/cmpxchg take 1-, 2-, "   \
			     "4- or 8-byte integers or pointers")
#define PERCPU_CHECK_ARITH_(var)                                               \
	PERCPU_STATIC_ASSERT(PERCPU_SIZE_OK_(var) &&                           \
				     PERCPU_KIND_(var) == PERCPU_KIND_INT_,    \
			     "percpu: add/sub/and/or/inc/dec take 1-, 2-, 4- " \
			     "or 8-byte integers")
/*
 * The operand of add/sub/and/or is an integer (GCC's and clang's type classes
 * 1-4: integer, char, enum, bool; C promotes the last three to 1):
 * converting a floating-point operand to var's type first would not compute
 * what `var += 1.5` computes, and a pointer operand is no arithmetic at all.
 */
#ifdef __cplusplus
/*
 * C++: the operand's type reaches a template through an unevaluated call (a
 * statement expression may not be a template argument, nor
 * __builtin_classify_type() of a local a constant).
 */
extern "C++" {
template <class V> struct percpu_operand_ok_ {
	static_assert(
		percpu_kind_<typename percpu_type_<V>::unqual>::v ==
				PERCPU_KIND_INT_ ||
			percpu_kind_<typename percpu_type_<V>::unqual>::v ==
				PERCPU_KIND_BOOL_,
		"percpu: add/sub/and/or take an integer operand");
	typedef char type;
};
template <class V>
typename percpu_operand_ok_<V>::type percpu_operand_check_(const V &);
}
#define PERCPU_CHECK_OPERAND_(v) ((void) sizeof(percpu_operand_check_(v)))
#else
#define PERCPU_CHECK_OPERAND_(v)                                               \
	PERCPU_STATIC_ASSERT(__builtin_classify_type(v) >= 1 &&                \
				     __builtin_classify_type(v) <= 4,          \
			     "percpu: add/sub/and/or take an integer operand")
#endif
#define PERCPU_CHECK_WRITABLE_(var)                                            \
	PERCPU_STATIC_ASSERT(!PERCPU_IS_CONST_(var),                           \
			     "percpu: cannot modify a const per-CPU variable")

/*
 * The public operations. Each evaluates its caller's arguments exactly once,
 * into a local named uniquely per expansion (PERCPU_TMP_), before anything
 * else is declared: nested operations never shadow each other. The backends
 * only ever see these locals. Every local the macros declare is a reserved
 * identifier (__percpu_...), which no program may declare: a caller's own
 * variables are never captured, nor shadowed (-Wshadow).
 */
#define PERCPU_TMP_(n) PERCPU_CAT_(__percpu_arg_, n)

/** Runs `stmt` with the value `v` converted to name's type in local `tmp`. */
#define PERCPU_WITH_VALUE_(name, v, tmp, stmt)                                 \
	do {                                                                   \
		PERCPU_UNQUAL_(PERCPU_SYM(name))                               \
		tmp = (PERCPU_UNQUAL_(PERCPU_SYM(name)))(v);                   \
		stmt;                                                          \
	} while (0)

/* raw_cpu_*: no preemption guard. */
#define raw_cpu_ptr(name) PERCPU_ACCESS_(name, PERCPU_LOCAL_(PERCPU_SYM(name)))
#define raw_cpu_read(name)                                                     \
	__extension__({                                                        \
		PERCPU_CHECK_SCALAR_(PERCPU_SYM(name));                        \
		PERCPU_ACCESS_(name,                                           \
			       PERCPU_SIZED_VALUE_(READ, PERCPU_SYM(name),     \
						   (PERCPU_SYM(name))));       \
	})
#define raw_cpu_write(name, v) PERCPU_WRITE_(name, v, PERCPU_TMP_(__COUNTER__))
#define PERCPU_WRITE_(name, v, tmp)                                            \
	PERCPU_WITH_VALUE_(name, v, tmp, {                                     \
		PERCPU_CHECK_SCALAR_(PERCPU_SYM(name));                        \
		PERCPU_CHECK_WRITABLE_(PERCPU_SYM(name));                      \
		PERCPU_ACCESS_(name, PERCPU_SIZED_(WRITE, PERCPU_SYM(name),    \
						   (PERCPU_SYM(name), tmp)));  \
	})
/** add/sub/and/or: ARCH_PERCPU_<op> with the checks. */
#define PERCPU_ARITH_(op, name, v, tmp)                                        \
	PERCPU_WITH_VALUE_(name, v, tmp, {                                     \
		PERCPU_CHECK_OPERAND_(v);                                      \
		PERCPU_CHECK_ARITH_(PERCPU_SYM(name));                         \
		PERCPU_CHECK_WRITABLE_(PERCPU_SYM(name));                      \
		PERCPU_ACCESS_(name, PERCPU_SIZED_(op, PERCPU_SYM(name),       \
						   (PERCPU_SYM(name), tmp)));  \
	})
#define raw_cpu_add(name, v)                                                   \
	PERCPU_ARITH_(ADD, name, v, PERCPU_TMP_(__COUNTER__))
#define raw_cpu_sub(name, v)                                                   \
	PERCPU_ARITH_(SUB, name, v, PERCPU_TMP_(__COUNTER__))
#define raw_cpu_and(name, v)                                                   \
	PERCPU_ARITH_(AND, name, v, PERCPU_TMP_(__COUNTER__))
#define raw_cpu_or(name, v) PERCPU_ARITH_(OR, name, v, PERCPU_TMP_(__COUNTER__))
#define raw_cpu_inc(name) raw_cpu_add(name, 1)
#define raw_cpu_dec(name) raw_cpu_sub(name, 1)
#define raw_cpu_xchg(name, v) PERCPU_XCHG_(name, v, PERCPU_TMP_(__COUNTER__))
#define PERCPU_XCHG_(name, v, tmp)                                             \
	__extension__({                                                        \
		PERCPU_UNQUAL_(PERCPU_SYM(name))                               \
		tmp = (PERCPU_UNQUAL_(PERCPU_SYM(name)))(v);                   \
		PERCPU_CHECK_SCALAR_(PERCPU_SYM(name));                        \
		PERCPU_CHECK_WRITABLE_(PERCPU_SYM(name));                      \
		PERCPU_ACCESS_(name,                                           \
			       PERCPU_SIZED_VALUE_(XCHG, PERCPU_SYM(name),     \
						   (PERCPU_SYM(name), tmp)));  \
	})
#define raw_cpu_cmpxchg(name, old, new)                                        \
	PERCPU_CMPXCHG_(name, old, new, PERCPU_TMP_(__COUNTER__),              \
			PERCPU_TMP_(__COUNTER__))
#define PERCPU_CMPXCHG_(name, old, new, tmp_old, tmp_new)                      \
	__extension__({                                                        \
		PERCPU_UNQUAL_(PERCPU_SYM(name))                               \
		tmp_old = (PERCPU_UNQUAL_(PERCPU_SYM(name)))(old),             \
		tmp_new = (PERCPU_UNQUAL_(PERCPU_SYM(name)))(new);             \
		PERCPU_CHECK_SCALAR_(PERCPU_SYM(name));                        \
		PERCPU_CHECK_WRITABLE_(PERCPU_SYM(name));                      \
		PERCPU_ACCESS_(name,                                           \
			       PERCPU_SIZED_VALUE_(                            \
				       CMPXCHG, PERCPU_SYM(name),              \
				       (PERCPU_SYM(name), tmp_old, tmp_new))); \
	})

/*
 * this_cpu_*: raw_cpu_* inside the preemption guard where one is needed.
 * The caller's value is evaluated before the guard.
 */
#define PERCPU_GUARDED_(expr)                                                  \
	__extension__({                                                        \
		if (PERCPU_GUARD_)                                             \
			percpu_preempt_disable();                              \
		__typeof__(expr) __percpu_guarded_r = (expr);                  \
		if (PERCPU_GUARD_)                                             \
			percpu_preempt_enable();                               \
		__percpu_guarded_r;                                            \
	})
#define PERCPU_GUARDED_VOID_(stmt)                                             \
	do {                                                                   \
		if (PERCPU_GUARD_)                                             \
			percpu_preempt_disable();                              \
		stmt;                                                          \
		if (PERCPU_GUARD_)                                             \
			percpu_preempt_enable();                               \
	} while (0)

/** Evaluates `v` into `tmp`, then runs raw_cpu_`op`(name, tmp) guarded. */
#define PERCPU_GUARDED_OP_(op, name, v, tmp)                                   \
	PERCPU_WITH_VALUE_(name, v, tmp,                                       \
			   PERCPU_GUARDED_VOID_(raw_cpu_##op(name, tmp)))

#define this_cpu_ptr(name) raw_cpu_ptr(name)
#define this_cpu_read(name) PERCPU_GUARDED_(raw_cpu_read(name))
#define this_cpu_write(name, v)                                                \
	PERCPU_GUARDED_OP_(write, name, v, PERCPU_TMP_(__COUNTER__))
/** add/sub/and/or: checks the caller's operand before it is converted. */
#define PERCPU_GUARDED_ARITH_(op, name, v, tmp)                                \
	PERCPU_WITH_VALUE_(name, v, tmp, {                                     \
		PERCPU_CHECK_OPERAND_(v);                                      \
		PERCPU_GUARDED_VOID_(raw_cpu_##op(name, tmp));                 \
	})
#define this_cpu_add(name, v)                                                  \
	PERCPU_GUARDED_ARITH_(add, name, v, PERCPU_TMP_(__COUNTER__))
#define this_cpu_sub(name, v)                                                  \
	PERCPU_GUARDED_ARITH_(sub, name, v, PERCPU_TMP_(__COUNTER__))
#define this_cpu_and(name, v)                                                  \
	PERCPU_GUARDED_ARITH_(and, name, v, PERCPU_TMP_(__COUNTER__))
#define this_cpu_or(name, v)                                                   \
	PERCPU_GUARDED_ARITH_(or, name, v, PERCPU_TMP_(__COUNTER__))
#define this_cpu_inc(name) this_cpu_add(name, 1)
#define this_cpu_dec(name) this_cpu_sub(name, 1)
#define this_cpu_xchg(name, v)                                                 \
	PERCPU_GUARDED_XCHG_(name, v, PERCPU_TMP_(__COUNTER__))
#define PERCPU_GUARDED_XCHG_(name, v, tmp)                                     \
	__extension__({                                                        \
		PERCPU_UNQUAL_(PERCPU_SYM(name))                               \
		tmp = (PERCPU_UNQUAL_(PERCPU_SYM(name)))(v);                   \
		PERCPU_GUARDED_(raw_cpu_xchg(name, tmp));                      \
	})
#define this_cpu_cmpxchg(name, old, new)                                       \
	PERCPU_GUARDED_CMPXCHG_(name, old, new, PERCPU_TMP_(__COUNTER__),      \
				PERCPU_TMP_(__COUNTER__))
#define PERCPU_GUARDED_CMPXCHG_(name, old, new, tmp_old, tmp_new)              \
	__extension__({                                                        \
		PERCPU_UNQUAL_(PERCPU_SYM(name))                               \
		tmp_old = (PERCPU_UNQUAL_(PERCPU_SYM(name)))(old),             \
		tmp_new = (PERCPU_UNQUAL_(PERCPU_SYM(name)))(new);             \
		PERCPU_GUARDED_(raw_cpu_cmpxchg(name, tmp_old, tmp_new));      \
	})

/** Pointer to `name` in `cpu`'s area; NULL for an out-of-range or offline cpu.
 */
#define per_cpu_ptr(name, cpu)                                                 \
	((__typeof__(PERCPU_SYM(name)) *) percpu_remote_addr(                  \
		(uintptr_t) &PERCPU_SYM(name), (cpu)))

/** void * to dynamic object `handle` on the calling CPU. */
static inline void *percpu_this_dyn_ptr(percpu_handle_t handle)
{
	PERCPU_DYN_CHECK_(handle, 1);
	return (void *) (ARCH_PERCPU_PTR(percpu_head) + handle);
}
#define this_cpu_dyn_ptr(handle) percpu_this_dyn_ptr(handle)

/** void * to dynamic object `handle` on `cpu`; NULL if offline or no handle. */
static inline void *percpu_dyn_remote_ptr(percpu_handle_t handle,
					  unsigned int cpu)
{
	uintptr_t base = percpu_online_base(cpu);

	PERCPU_DYN_CHECK_(handle, 0);
	if (base == 0 || handle == PERCPU_HANDLE_NONE)
		return NULL;
	return (void *) (base + handle);
}
#define per_cpu_dyn_ptr(handle, cpu) percpu_dyn_remote_ptr((handle), (cpu))

#endif /* PERCPU_PERCPU_H */
