/* Pieces shared by the bare-metal runner's files (tests/baremetal/). */
#ifndef TESTS_BAREMETAL_RUNNER_H
#define TESTS_BAREMETAL_RUNNER_H

/**
 * Prints "[ PASS ] ", "[ FAIL ] " or "[ SKIP ] ", then "variant/" if the
 * platform names its variants (see smp_test.c); the caller ends the line.
 */
void runner_result(const char *result, const char *variant);

/**
 * Starts every CPU the machine has (see smp_test.c); they wait for work.
 * Returns the number of failed checks.
 */
unsigned int smp_test_start(void);

/**
 * Switches every CPU to the platform's register variant `v`; NULL, or why
 * the machine cannot run it.
 */
const char *smp_test_variant(unsigned int v);

/** Runs the SMP tests on every started CPU; returns the failed checks. */
unsigned int smp_test_run(const char *variant);

/** Parks the other CPUs; returns how many CPUs ran the SMP tests. */
unsigned int smp_test_stop(void);

/**
 * Prints how percpu's costs grow with the CPU count on this machine (see
 * scaling.c), on the boot CPU alone: a case, checks with PT_*.
 */
void scaling_report(void);

#endif /* TESTS_BAREMETAL_RUNNER_H */
