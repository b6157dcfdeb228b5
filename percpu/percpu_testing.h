/* Test-only entry points; never call these from a kernel. */
#ifndef PERCPU_PERCPU_TESTING_H
#define PERCPU_PERCPU_TESTING_H

#ifdef __cplusplus
extern "C" {
#endif

/** Forgets every area so the next percpu_init() starts afresh. */
void percpu_test_reset(void);

#ifdef __cplusplus
}
#endif

#endif /* PERCPU_PERCPU_TESTING_H */
