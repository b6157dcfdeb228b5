/*
 * An image that must fail: a signed overflow, which a build with
 * --config=ubsan_trap turns into a trap that the platform reports with the
 * CPU and the address (tools/emu:expect_trap.sh checks that it does).
 */
#include "percpu/percpu.h"
#include "tools/boards/platform.h"

int plat_main(void)
{
	volatile int big = __INT_MAX__;
	int sum;

	if (percpu_init(NULL, 0) < 1 || percpu_init_cpu(0) != 0)
		return 3;
	sum = big + 1; /* undefined: traps */

	plat_puts("ub_trap: the overflow did not trap\n");
	return sum == 0 ? 1 : 2;
}
