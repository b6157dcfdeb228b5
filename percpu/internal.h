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

#endif /* PERCPU_INTERNAL_H */
