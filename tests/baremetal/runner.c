/*
 * The bare-metal test runner: every C case in section ptest_cases (the same
 * cases the host runs under GoogleTest), then the SMP tests. Prints one line
 * per case and a summary; plat_main() returns 0 only if everything passed,
 * and the platform turns that into the PERCPU-VERDICT line and exit status.
 */
#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"
#include "tests/baremetal/runner.h"
#include "tests/harness/ptest.h"
#include "tests/platform/platform.h"

extern const struct ptest_case __start_ptest_cases[];
extern const struct ptest_case __stop_ptest_cases[];

static int console_lock_word;

/** Failed expectations in the running case. */
static unsigned int case_failures;
/** Skip reason of the running case, NULL if it was not skipped. */
static const char *case_skip;

void runner_console_lock(void)
{
	while (__atomic_exchange_n(&console_lock_word, 1, __ATOMIC_ACQUIRE))
		plat_cpu_relax();
}

void runner_console_unlock(void)
{
	__atomic_store_n(&console_lock_word, 0, __ATOMIC_RELEASE);
}

void ptest_fail(const char *file, int line, const char *expr, uint64_t actual,
		uint64_t expected)
{
	case_failures++;
	runner_console_lock();
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
	runner_console_unlock();
}

void ptest_skip(const char *reason)
{
	case_skip = reason;
}

/** percpu's misuse messages, indented under the case that caused them. */
static void report_misuse(const char *line)
{
	runner_console_lock();
	plat_puts("    ");
	plat_puts(line);
	plat_puts("\n");
	runner_console_unlock();
}

/** Runs every case on the boot CPU; returns the number that failed. */
static unsigned int run_cases(void)
{
	const struct ptest_case *c;
	unsigned int passed = 0, failed = 0, skipped = 0;

	for (c = __start_ptest_cases; c < __stop_ptest_cases; c++) {
		case_failures = 0;
		case_skip = NULL;
		percpu_test_reset();
		c->fn();
		if (case_failures != 0) {
			failed++;
			plat_puts("[ FAIL ] ");
		} else if (case_skip != NULL) {
			skipped++;
			plat_puts("[ SKIP ] ");
		} else {
			passed++;
			plat_puts("[ PASS ] ");
		}
		plat_puts(c->name);
		if (case_failures == 0 && case_skip != NULL) {
			plat_puts(": ");
			plat_puts(case_skip);
		}
		plat_puts("\n");
	}
	plat_puts("cases: ");
	plat_put_dec(passed);
	plat_puts(" passed, ");
	plat_put_dec(failed);
	plat_puts(" failed, ");
	plat_put_dec(skipped);
	plat_puts(" skipped\n");
	if (passed + failed + skipped == 0) {
		plat_puts("cases: none linked in\n");
		return 1;
	}
	return failed;
}

int plat_main(void)
{
	unsigned int failed;

	percpu_set_reporter(report_misuse);
	plat_other_regs_poison();
	failed = run_cases();
	if (plat_other_regs_check() != 0) {
		plat_puts("cases: a register percpu must not touch changed\n");
		failed++;
	}
	failed += smp_test_run();
	return failed == 0 ? 0 : 1;
}
