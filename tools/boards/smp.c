/* The secondary-CPU start handshake (see smp.h). */
#include "tools/boards/smp.h"

#include "tools/boards/platform.h"

/**
 * Seconds of the board's counter a started CPU gets to report in: time, not
 * a count of relax loops, whose length depends on the emulator and on how
 * many CPUs share its turns. Generous, yet under the system tests' 30 s so
 * that a CPU that never starts is named: on a loaded host OpenSBI 1.1 once
 * took over 10 s to start a hart (riscv64, 4 harts, a full tools/test run).
 */
#define START_SECONDS 25u

/** Per secondary CPU: what to run, and whether it got there. */
static struct {
	void (*fn)(unsigned int, void *);
	void *arg;
	int running;
} slot[PLAT_MAX_CPUS];

int plat_smp_start(unsigned int index, unsigned int count,
		   void (*fn)(unsigned int, void *), void *arg,
		   plat_power_on_fn power_on)
{
	uint64_t start;
	long rc;

	if (index == 0 || index >= count)
		return -1;
	slot[index].fn = fn;
	slot[index].arg = arg;
	__atomic_store_n(&slot[index].running, 0, __ATOMIC_RELEASE);
	rc = power_on(index);
	if (rc != 0) {
		plat_puts("platform: powering on CPU ");
		plat_put_dec(index);
		plat_puts(" failed: firmware error ");
		if (rc < 0) {
			plat_puts("-");
			rc = -rc;
		}
		plat_put_dec((uint64_t) rc);
		plat_puts("\n");
		return -1;
	}
	start = plat_ticks();
	while (plat_ticks() - start < START_SECONDS * plat_ticks_hz()) {
		if (__atomic_load_n(&slot[index].running, __ATOMIC_ACQUIRE))
			return 0;
		plat_cpu_relax();
	}
	plat_puts("platform: CPU ");
	plat_put_dec(index);
	plat_puts(" did not start\n");
	return -1;
}

void plat_smp_run(unsigned int index)
{
	void (*fn)(unsigned int, void *) = slot[index].fn;
	void *arg = slot[index].arg;

	__atomic_store_n(&slot[index].running, 1, __ATOMIC_RELEASE);
	fn(index, arg);
	plat_park();
}
