/*
 * The secondary-CPU start handshake every device-tree board shares: the
 * starter records what the CPU is to run, powers it on the board's way (PSCI
 * CPU_ON, SBI HSM hart_start) at the board's secondary entry, and waits until
 * the CPU reports in from there. Boards implement plat_start_cpu() with it.
 */
#ifndef TOOLS_BOARDS_SMP_H
#define TOOLS_BOARDS_SMP_H

/**
 * Powers CPU `index` on at the board's secondary entry, with `index` as its
 * context argument. 0, or the firmware's error code (nonzero).
 */
typedef long (*plat_power_on_fn)(unsigned int index);

/**
 * Starts CPU `index` (1 .. count - 1) running fn(index, arg) and waits until
 * it runs. 0, or -1 with the reason on the console.
 */
int plat_smp_start(unsigned int index, unsigned int count,
		   void (*fn)(unsigned int, void *), void *arg,
		   plat_power_on_fn power_on);

/**
 * On started CPU `index`, from its entry code once it can run C: reports in,
 * runs its function and parks if that returns.
 */
__attribute__((noreturn)) void plat_smp_run(unsigned int index);

#endif /* TOOLS_BOARDS_SMP_H */
