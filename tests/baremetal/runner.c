/*
 * The bare-metal test runner, the same on every target: for each of the
 * platform's register variants (plat_variant_*; most targets have one),
 * every C case in section ptest_cases (the same cases the host runs under
 * GoogleTest) on the boot CPU, then the SMP tests on every CPU; then the
 * scaling report (scaling.c). Prints one line per case, "PERCPU-CPUS: <n>"
 * (CPUs that ran the SMP tests, which the runner script compares with the
 * emulator's), the report and a summary; plat_main()
 * returns 0 only if everything passed, and the platform turns that into the
 * PERCPU-VERDICT line and exit status.
 */
#include <stddef.h>

#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"
#include "tests/baremetal/runner.h"
#include "tests/harness/ptest.h"
#include "tools/boards/platform.h"

extern const struct ptest_case __start_ptest_cases[];
extern const struct ptest_case __stop_ptest_cases[];

/** Failed expectations in the running case. */
static unsigned int case_failures;
/** Skip reason of the running case, NULL if it was not skipped. */
static const char *case_skip;
/** Cases run over all variants. */
static unsigned int passed, failed, skipped;

void runner_result(const char *result, const char *variant)
{
	plat_puts(result);
	if (variant != NULL) {
		plat_puts(variant);
		plat_puts("/");
	}
}

/* Defaults for platforms with one way to drive their register. */
__attribute__((weak)) unsigned int plat_variant_count(void)
{
	return 1;
}

__attribute__((weak)) const char *plat_variant_name(unsigned int v)
{
	(void) v;
	return NULL;
}

__attribute__((weak)) const char *plat_variant_enter(unsigned int v)
{
	(void) v;
	return NULL;
}

void ptest_fail(const char *file, int line, const char *expr, uint64_t actual,
		uint64_t expected)
{
	__atomic_add_fetch(&case_failures, 1, __ATOMIC_RELAXED);
	plat_console_lock();
	plat_puts("    ");
	plat_puts(file);
	plat_puts(":");
	plat_put_dec((uint64_t) line);
	plat_puts(": ");
	plat_puts(expr);
	plat_puts(": got ");
	plat_put_hex(actual);
	plat_puts(", want ");
	plat_put_hex(expected);
	plat_puts("\n");
	plat_console_unlock();
}

void ptest_skip(const char *reason)
{
	case_skip = reason;
}

/** percpu's misuse messages, indented under the case that caused them. */
static void report_misuse(const char *line)
{
	plat_console_lock();
	plat_puts("    ");
	plat_puts(line);
	plat_puts("\n");
	plat_console_unlock();
}

/** Runs case `c` on the boot CPU, counts and reports it; 1 if it failed. */
static unsigned int run_case(const struct ptest_case *c, const char *variant)
{
	case_failures = 0;
	case_skip = NULL;
	percpu_test_reset();
	c->fn();
	if (case_failures != 0) {
		failed++;
		runner_result("[ FAIL ] ", variant);
	} else if (case_skip != NULL) {
		skipped++;
		runner_result("[ SKIP ] ", variant);
	} else {
		passed++;
		runner_result("[ PASS ] ", variant);
	}
	plat_puts(c->name);
	if (case_failures == 0 && case_skip != NULL) {
		plat_puts(": ");
		plat_puts(case_skip);
	}
	plat_puts("\n");
	return case_failures != 0;
}

/** Runs every case on the boot CPU; returns the number that failed. */
static unsigned int run_cases(const char *variant)
{
	const struct ptest_case *c;
	unsigned int before = failed;

	for (c = __start_ptest_cases; c < __stop_ptest_cases; c++)
		run_case(c, variant);
	if (c == __start_ptest_cases) {
		plat_puts("cases: none linked in\n");
		return 1;
	}
	return failed - before;
}

/** Cases and SMP tests in variant `v`; returns the failures. */
static unsigned int run_variant(unsigned int v)
{
	const char *name = plat_variant_name(v);
	const char *err = smp_test_variant(v);
	unsigned int failures;

	if (err != NULL) {
		runner_result("[ SKIP ] ", NULL);
		plat_puts(name != NULL ? name : "the only variant");
		plat_puts(": ");
		plat_puts(err);
		plat_puts("\n");
		return 0;
	}
	plat_other_regs_poison();
	failures = run_cases(name);
	if (plat_other_regs_check() != 0) {
		plat_puts("cases: a register percpu must not touch changed\n");
		failures++;
	}
	return failures + smp_test_run(name);
}

int plat_main(void)
{
	static const struct ptest_case scaling = {"scaling report",
						  scaling_report};
	unsigned int failures, v;

	percpu_set_reporter(report_misuse);
	failures = smp_test_start();
	for (v = 0; v < plat_variant_count(); v++)
		failures += run_variant(v);
	plat_puts("PERCPU-CPUS: ");
	plat_put_dec(smp_test_stop());
	plat_puts("\n");
	failures += run_case(&scaling, NULL);
	plat_puts("cases: ");
	plat_put_dec(passed);
	plat_puts(" passed, ");
	plat_put_dec(failed);
	plat_puts(" failed, ");
	plat_put_dec(skipped);
	plat_puts(" skipped\n");
	return failures == 0 && passed != 0 ? 0 : 1;
}
