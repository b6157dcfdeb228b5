/*
 * Hosted Linux support shared by every Linux backend: misuse messages go to
 * stderr, and the template is made read-only at start-up, so an access made
 * before this thread's register is set (which lands in the template) faults
 * at once instead of silently changing every future CPU's initial values.
 */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "percpu/percpu.h"

/** Writes one misuse line to stderr. */
static void report_to_stderr(const char *line)
{
	ssize_t ignored = write(STDERR_FILENO, line, strlen(line));

	ignored = write(STDERR_FILENO, "\n", 1);
	(void) ignored;
}

__attribute__((constructor)) static void percpu_linux_setup(void)
{
	percpu_set_reporter(report_to_stderr);
	if (!ARCH_PERCPU_SINGLE) {
		/* percpu_linux.ld page-aligns both ends of the template. */
		mprotect(__percpu_start,
			 (size_t) (__percpu_end - __percpu_start), PROT_READ);
	}
}
