/*
 * hv_demo's generic output: fatal checks, table cells and check lines,
 * shared by every demo (the console lock is plat_console_lock()). The table
 * itself is table.c's. No architecture code.
 */
#ifndef HV_DEMO_REPORT_H
#define HV_DEMO_REPORT_H

#include <stdbool.h>
#include <stdint.h>

/** Stops the demo with a failure verdict, naming the file and line. */
__attribute__((noreturn)) void hv_fatal(const char *file, int line,
					const char *what);

/** Invariant that, if broken, makes the rest of the run meaningless. */
#define HV_CHECK(cond)                                                         \
	do {                                                                   \
		if (!(cond))                                                   \
			hv_fatal(__FILE__, __LINE__, #cond);                   \
	} while (0)

/**
 * Starts a check line: "  [ok]   what" or "  [FAIL] what"; the caller
 * prints any details and the newline. Counts it for hv_checks_done().
 * Returns ok.
 */
bool hv_check(bool ok, const char *what);

/**
 * Prints "hv_demo: N/M checks passed" over every hv_check() so far; returns
 * the number that failed.
 */
unsigned int hv_checks_done(void);

/** Prints `v` as 16 hexadecimal digits (table cells). */
void hv_put_hex16(uint64_t v);

#endif /* HV_DEMO_REPORT_H */
