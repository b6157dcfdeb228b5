/*
 * An image that must fail: a signed overflow, which a build with
 * --config=ubsan_trap turns into a trap that the platform reports with the
 * CPU and the address (tools/emu:expect_trap.sh checks that it does).
 */
#include <limits.h>

#include "tests/platform/platform.h"

int plat_main(void)
{
	volatile int big = INT_MAX;
	int sum = big + 1; /* undefined: traps */

	plat_puts("ub_trap: the overflow did not trap\n");
	return sum == 0 ? 1 : 2;
}
