/*
 * Hosted Linux support shared by every Linux backend (bare metal:
 * baremetal.c): the spin-loop step gives the CPU away, misuse messages go to
 * stderr, and the templates are made read-only at start-up, so an access
 * made before this thread's register is set, or through this_vcpu_* with no
 * vCPU loaded (both land in a template), faults at once instead of silently
 * changing every future CPU's or vCPU's initial values.
 */
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "percpu/internal.h"
#include "percpu/pervcpu.h"

/** Writes one misuse line to stderr. */
static void report_to_stderr(const char *line)
{
	ssize_t ignored = write(STDERR_FILENO, line, strlen(line));

	ignored = write(STDERR_FILENO, "\n", 1);
	(void) ignored;
}

/** Makes the template [start, end) read-only. */
static void protect(char *start, char *end)
{
	mprotect(start, (size_t) (end - start), PROT_READ);
}

/* Hosted: no interrupts to mask (signal handlers must not call percpu). */
unsigned long arch_percpu_irq_save(void)
{
	return 0;
}

void arch_percpu_irq_restore(unsigned long flags)
{
	(void) flags;
}

void percpu_spin_wait(void)
{
	sched_yield();
}

__attribute__((constructor)) static void percpu_linux_setup(void)
{
	percpu_set_reporter(report_to_stderr);
	/* percpu_linux.ld page-aligns both ends of both templates. */
	if (!ARCH_PERCPU_SINGLE)
		protect(__percpu_start, __percpu_end);
	protect(__pervcpu_start, __pervcpu_end);
}
