/* Shared by percpu's own .c files; not part of the API. */
#ifndef PERCPU_INTERNAL_H
#define PERCPU_INTERNAL_H

/**
 * Reports misuse through the installed reporter as
 * "percpu: FUNC(ARG): reason (N areas)" and returns `err`.
 */
int percpu_fail(const char *func, unsigned long arg, int err);

#endif /* PERCPU_INTERNAL_H */
