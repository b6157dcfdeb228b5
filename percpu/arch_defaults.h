/*
 * Defaults for every hook percpu/arch.h lets a backend leave out. Included by
 * percpu/percpu.h right after the backend's percpu_arch.h; nothing else
 * includes it.
 *
 * The operations resolve in three steps, each optional for a backend:
 * ARCH_PERCPU_<OP>_<N> (var of N bytes; percpu.h dispatches on the size),
 * then ARCH_PERCPU_<OP> (any size), then PERCPU_GENERIC_<OP>: relaxed
 * atomics on the address ARCH_PERCPU_PTR gives. Atomic arithmetic wraps
 * (C11 7.17.7.5), so no operand makes the generic ones undefined.
 */
#ifndef PERCPU_ARCH_DEFAULTS_H
#define PERCPU_ARCH_DEFAULTS_H

#ifndef ARCH_PERCPU_SINGLE
#define ARCH_PERCPU_SINGLE 0
#endif
#if !defined(ARCH_PERCPU_IRQSAFE) || !defined(ARCH_PERCPU_MIGRATION_SAFE)
#error "percpu_arch.h must define ARCH_PERCPU_IRQSAFE and ARCH_PERCPU_MIGRATION_SAFE (percpu/arch.h)"
#elif !ARCH_PERCPU_IRQSAFE
#error "percpu: every backend's operations must be interrupt-safe (percpu/arch.h)"
#endif
#ifndef ARCH_PERCPU_RELAX
#define ARCH_PERCPU_RELAX() ((void) 0)
#endif

/* The generic operations, on this CPU's copy. */
#define PERCPU_LOCAL_(var) ((__typeof__(var) *) ARCH_PERCPU_PTR(var))
#define PERCPU_GENERIC_READ(var)                                               \
	__atomic_load_n(PERCPU_LOCAL_(var), __ATOMIC_RELAXED)
#define PERCPU_GENERIC_WRITE(var, v)                                           \
	__atomic_store_n(PERCPU_LOCAL_(var), (v), __ATOMIC_RELAXED)
#define PERCPU_GENERIC_ADD(var, v)                                             \
	((void) __atomic_fetch_add(PERCPU_LOCAL_(var), (v), __ATOMIC_RELAXED))
#define PERCPU_GENERIC_SUB(var, v)                                             \
	((void) __atomic_fetch_sub(PERCPU_LOCAL_(var), (v), __ATOMIC_RELAXED))
#define PERCPU_GENERIC_AND(var, v)                                             \
	((void) __atomic_fetch_and(PERCPU_LOCAL_(var), (v), __ATOMIC_RELAXED))
#define PERCPU_GENERIC_OR(var, v)                                              \
	((void) __atomic_fetch_or(PERCPU_LOCAL_(var), (v), __ATOMIC_RELAXED))
#define PERCPU_GENERIC_XCHG(var, v)                                            \
	__atomic_exchange_n(PERCPU_LOCAL_(var), (v), __ATOMIC_RELAXED)
#define PERCPU_GENERIC_CMPXCHG(var, old, new)                                  \
	__extension__({                                                        \
		PERCPU_UNQUAL_(var) __percpu_cx_old = (old);                   \
		__atomic_compare_exchange_n(                                   \
			PERCPU_LOCAL_(var), &__percpu_cx_old, (new), 0,        \
			__ATOMIC_RELAXED, __ATOMIC_RELAXED);                   \
		__percpu_cx_old;                                               \
	})

/* read */
#ifndef ARCH_PERCPU_READ
#define ARCH_PERCPU_READ PERCPU_GENERIC_READ
#endif
#ifndef ARCH_PERCPU_READ_1
#define ARCH_PERCPU_READ_1 ARCH_PERCPU_READ
#endif
#ifndef ARCH_PERCPU_READ_2
#define ARCH_PERCPU_READ_2 ARCH_PERCPU_READ
#endif
#ifndef ARCH_PERCPU_READ_4
#define ARCH_PERCPU_READ_4 ARCH_PERCPU_READ
#endif
#ifndef ARCH_PERCPU_READ_8
#define ARCH_PERCPU_READ_8 ARCH_PERCPU_READ
#endif

/* write */
#ifndef ARCH_PERCPU_WRITE
#define ARCH_PERCPU_WRITE PERCPU_GENERIC_WRITE
#endif
#ifndef ARCH_PERCPU_WRITE_1
#define ARCH_PERCPU_WRITE_1 ARCH_PERCPU_WRITE
#endif
#ifndef ARCH_PERCPU_WRITE_2
#define ARCH_PERCPU_WRITE_2 ARCH_PERCPU_WRITE
#endif
#ifndef ARCH_PERCPU_WRITE_4
#define ARCH_PERCPU_WRITE_4 ARCH_PERCPU_WRITE
#endif
#ifndef ARCH_PERCPU_WRITE_8
#define ARCH_PERCPU_WRITE_8 ARCH_PERCPU_WRITE
#endif

/* add */
#ifndef ARCH_PERCPU_ADD
#define ARCH_PERCPU_ADD PERCPU_GENERIC_ADD
#endif
#ifndef ARCH_PERCPU_ADD_1
#define ARCH_PERCPU_ADD_1 ARCH_PERCPU_ADD
#endif
#ifndef ARCH_PERCPU_ADD_2
#define ARCH_PERCPU_ADD_2 ARCH_PERCPU_ADD
#endif
#ifndef ARCH_PERCPU_ADD_4
#define ARCH_PERCPU_ADD_4 ARCH_PERCPU_ADD
#endif
#ifndef ARCH_PERCPU_ADD_8
#define ARCH_PERCPU_ADD_8 ARCH_PERCPU_ADD
#endif

/* sub */
#ifndef ARCH_PERCPU_SUB
#define ARCH_PERCPU_SUB PERCPU_GENERIC_SUB
#endif
#ifndef ARCH_PERCPU_SUB_1
#define ARCH_PERCPU_SUB_1 ARCH_PERCPU_SUB
#endif
#ifndef ARCH_PERCPU_SUB_2
#define ARCH_PERCPU_SUB_2 ARCH_PERCPU_SUB
#endif
#ifndef ARCH_PERCPU_SUB_4
#define ARCH_PERCPU_SUB_4 ARCH_PERCPU_SUB
#endif
#ifndef ARCH_PERCPU_SUB_8
#define ARCH_PERCPU_SUB_8 ARCH_PERCPU_SUB
#endif

/* and */
#ifndef ARCH_PERCPU_AND
#define ARCH_PERCPU_AND PERCPU_GENERIC_AND
#endif
#ifndef ARCH_PERCPU_AND_1
#define ARCH_PERCPU_AND_1 ARCH_PERCPU_AND
#endif
#ifndef ARCH_PERCPU_AND_2
#define ARCH_PERCPU_AND_2 ARCH_PERCPU_AND
#endif
#ifndef ARCH_PERCPU_AND_4
#define ARCH_PERCPU_AND_4 ARCH_PERCPU_AND
#endif
#ifndef ARCH_PERCPU_AND_8
#define ARCH_PERCPU_AND_8 ARCH_PERCPU_AND
#endif

/* or */
#ifndef ARCH_PERCPU_OR
#define ARCH_PERCPU_OR PERCPU_GENERIC_OR
#endif
#ifndef ARCH_PERCPU_OR_1
#define ARCH_PERCPU_OR_1 ARCH_PERCPU_OR
#endif
#ifndef ARCH_PERCPU_OR_2
#define ARCH_PERCPU_OR_2 ARCH_PERCPU_OR
#endif
#ifndef ARCH_PERCPU_OR_4
#define ARCH_PERCPU_OR_4 ARCH_PERCPU_OR
#endif
#ifndef ARCH_PERCPU_OR_8
#define ARCH_PERCPU_OR_8 ARCH_PERCPU_OR
#endif

/* xchg */
#ifndef ARCH_PERCPU_XCHG
#define ARCH_PERCPU_XCHG PERCPU_GENERIC_XCHG
#endif
#ifndef ARCH_PERCPU_XCHG_1
#define ARCH_PERCPU_XCHG_1 ARCH_PERCPU_XCHG
#endif
#ifndef ARCH_PERCPU_XCHG_2
#define ARCH_PERCPU_XCHG_2 ARCH_PERCPU_XCHG
#endif
#ifndef ARCH_PERCPU_XCHG_4
#define ARCH_PERCPU_XCHG_4 ARCH_PERCPU_XCHG
#endif
#ifndef ARCH_PERCPU_XCHG_8
#define ARCH_PERCPU_XCHG_8 ARCH_PERCPU_XCHG
#endif

/* cmpxchg */
#ifndef ARCH_PERCPU_CMPXCHG
#define ARCH_PERCPU_CMPXCHG PERCPU_GENERIC_CMPXCHG
#endif
#ifndef ARCH_PERCPU_CMPXCHG_1
#define ARCH_PERCPU_CMPXCHG_1 ARCH_PERCPU_CMPXCHG
#endif
#ifndef ARCH_PERCPU_CMPXCHG_2
#define ARCH_PERCPU_CMPXCHG_2 ARCH_PERCPU_CMPXCHG
#endif
#ifndef ARCH_PERCPU_CMPXCHG_4
#define ARCH_PERCPU_CMPXCHG_4 ARCH_PERCPU_CMPXCHG
#endif
#ifndef ARCH_PERCPU_CMPXCHG_8
#define ARCH_PERCPU_CMPXCHG_8 ARCH_PERCPU_CMPXCHG
#endif

#endif /* PERCPU_ARCH_DEFAULTS_H */
