/* Shared by percpu's own .c files; not part of the API. */
#ifndef PERCPU_INTERNAL_H
#define PERCPU_INTERNAL_H

#include "percpu/percpu.h"

/**
 * Reports misuse through the installed reporter as
 * "percpu: FUNC(ARG): reason (N areas)" and returns `err`.
 */
int percpu_fail(const char *func, unsigned long arg, int err);

/**
 * Alignment areas of the variables described by [start, end) need: the
 * largest variable alignment, at least 64 (a cache line).
 */
size_t percpu_max_align(const struct percpu_var_info *start,
			const struct percpu_var_info *end);

/**
 * Defines a per-CPU variable of the library itself (read by users' inline
 * code too): in section .percpu.head.internal, which percpu/ld/ places right
 * after percpu_head, so it stays within the aarch64 (4 KiB) and riscv64
 * (2 KiB) near reach whatever variables users define.
 */
#define PERCPU_DEFINE_INTERNAL(type, name)                                     \
	PERCPU_DEFINE_IN_(type, name, percpu, ".percpu.head.internal",         \
			  "percpu_vars")

#endif /* PERCPU_INTERNAL_H */
