/* hv_demo's generic output (see report.h). */
#include "hv_demo/report.h"

#include "tools/boards/platform.h"

/** Checks printed so far, and those that failed. */
static unsigned int checks_run, checks_failed;

void hv_fatal(const char *file, int line, const char *what)
{
	plat_console_lock();
	plat_puts("hv_demo: ");
	plat_puts(file);
	plat_puts(":");
	plat_put_dec((uint64_t) line);
	plat_puts(": check failed: ");
	plat_puts(what);
	plat_puts("\n");
	plat_exit(PLAT_EXIT_FAIL);
}

bool hv_check(bool ok, const char *what)
{
	checks_run++;
	checks_failed += !ok;
	plat_puts(ok ? "  [ok]   " : "  [FAIL] ");
	plat_puts(what);
	return ok;
}

unsigned int hv_checks_done(void)
{
	plat_puts("hv_demo: ");
	plat_put_dec(checks_run - checks_failed);
	plat_puts("/");
	plat_put_dec(checks_run);
	plat_puts(" checks passed\n");
	return checks_failed;
}

void hv_put_hex16(uint64_t v)
{
	char buf[17];
	int i;

	for (i = 15; i >= 0; i--, v >>= 4)
		buf[i] = "0123456789abcdef"[v & 0xf];
	buf[16] = '\0';
	plat_puts(buf);
}
