/*
 * The consumer's SMP check, the same on every CPU architecture: each CPU
 * points its per-CPU register at its area and counts in per-CPU data, then
 * the boot CPU checks every CPU's copy through per_cpu_ptr() and prints the
 * lines percpu's system-test runner looks for. The architecture's main.c
 * boots, starts the CPUs and exits.
 */
#ifndef CONSUMER_SMP_CHECK_H
#define CONSUMER_SMP_CHECK_H

/** Most CPUs, and the in-place areas image.ld reserves. */
#define MAX_CPUS 8

/** Architecture: writes `s` to the console. */
void console_puts(const char *s);

/** Every CPU, `index` 0 first: takes its area and counts. */
void smp_check_cpu(unsigned int index);

/** Secondary CPUs that finished smp_check_cpu(). */
unsigned int smp_check_started(void);

/**
 * Boot CPU, after `cpus` - 1 secondaries finished: checks every CPU's copy,
 * prints the verdict lines and returns 0 if everything held, else 1.
 */
int smp_check_report(unsigned int cpus);

#endif /* CONSUMER_SMP_CHECK_H */
