/* Pieces shared by the bare-metal runner's files (tests/baremetal/). */
#ifndef TESTS_BAREMETAL_RUNNER_H
#define TESTS_BAREMETAL_RUNNER_H

#include <stdint.h>

/** Serialises multi-part console lines between CPUs. */
void runner_console_lock(void);
void runner_console_unlock(void);

/**
 * Runs the SMP tests on every CPU the machine has (see smp_test.c).
 * Returns the number of failed checks.
 */
unsigned int smp_test_run(void);

#endif /* TESTS_BAREMETAL_RUNNER_H */
