/*
 * The bare-metal test platform: what every per-target platform
 * (tools/boards/<target>/) gives test images and hv_demo. Kept out of the
 * library: percpu itself never calls any of this.
 *
 * Boot: the platform's entry code sets up a stack, clears .bss, brings the
 * console up and calls plat_main() on the boot CPU (index 0).
 */
#ifndef TESTS_PLATFORM_PLATFORM_H
#define TESTS_PLATFORM_PLATFORM_H

/**
 * Most CPUs a board runs (static tables, stacks, the in-place per-CPU areas
 * image.ld reserves unless the link asks for fewer): QEMU virt with GICv3
 * (aarch64: MPIDR Aff0 and Aff1; armv7), riscv64 virt, x86_64 q35 (APIC IDs
 * to 254) all reach it.
 */
#define PLAT_MAX_CPUS 256

/* The rest is C (boot code includes this file for the constant above). */
#ifndef __ASSEMBLER__

#include <stddef.h>
#include <stdint.h>

/** Provided by the test image: runs on the boot CPU; returns 0 on success. */
int plat_main(void);

/**
 * Writes a string to the console (no newline added), without any lock: CPUs
 * printing at once may interleave characters (see plat_console_lock()).
 */
void plat_puts(const char *s);

/**
 * Writes `v` in decimal / hexadecimal (0x...) to the console. Generic, built
 * on plat_puts() (tools/boards/console.c): platforms do not implement them.
 */
void plat_put_dec(uint64_t v);
void plat_put_hex(uint64_t v);

/** Writes `v` in decimal right-aligned in `width` columns (table cells). */
void plat_put_dec_width(uint64_t v, unsigned int width);

/**
 * The one console lock: serialises whole lines between CPUs. Generic
 * (tools/boards/console.c). plat_console_lock_bounded() gives up after
 * `spins` tries and returns 0 (exit paths: the holder may have stopped);
 * unlock only after a 1.
 */
void plat_console_lock(void);
int plat_console_lock_bounded(unsigned long spins);
void plat_console_unlock(void);

/**
 * Prints `line` and a newline under the console lock (do not hold it); a
 * percpu_set_reporter() sink. Generic.
 */
void plat_put_line(const char *line);

/**
 * Prints "<who><index>: <what>: got <got>, want <want>" and a newline under
 * the console lock (do not hold it). Generic, for failed checks.
 */
void plat_put_mismatch(const char *who, unsigned int index, const char *what,
		       uint64_t got, uint64_t want);

/** Room plat_verdict_line() needs. */
#define PLAT_VERDICT_MAX 40

/**
 * Formats the verdict line plat_exit() prints for `code` into `buf`:
 * "\nPERCPU-VERDICT: PASS\n" (0) or "\nPERCPU-VERDICT: FAIL <code>\n" (the
 * leading newline ends any partial line). Returns buf. Generic: for
 * platforms' plat_exit().
 */
char *plat_verdict_line(int code, char buf[PLAT_VERDICT_MAX]);

/**
 * Number of CPUs the machine has, discovered at run time (device tree /cpus
 * on aarch64, ACPI MADT on x86_64), at most PLAT_MAX_CPUS.
 */
unsigned int plat_cpu_count(void);

/** Logical index (0 .. plat_cpu_count()-1) of the calling CPU. */
unsigned int plat_cpu_index(void);

/**
 * Starts CPU `index` (>= 1) on its own stack running fn(index, arg).
 * Returns 0 once the CPU runs, negative on error. `fn` must not return.
 */
int plat_start_cpu(unsigned int index, void (*fn)(unsigned int, void *),
		   void *arg);

/** Spin-loop hint (yield / pause): lets emulated CPUs make progress. */
void plat_cpu_relax(void);

/**
 * A free-running counter (the Arm generic timer's virtual count, riscv64's
 * time CSR, x86_64's TSC) and its rate in Hz: for reports, never for
 * pass/fail.
 */
uint64_t plat_ticks(void);
uint64_t plat_ticks_hz(void);

/** Parks the calling secondary CPU forever (interrupts off). */
__attribute__((noreturn)) void plat_park(void);

/**
 * Ends the run: prints the verdict line "PERCPU-VERDICT: PASS" (code 0) or
 * "PERCPU-VERDICT: FAIL <code>" and exits the emulator with a status the
 * runner checks as well.
 */
__attribute__((noreturn)) void plat_exit(int code);

/** The codes every board's plat_exit() is given by the board itself. */
enum plat_exit_code {
	/** plat_main() passed. */
	PLAT_EXIT_PASS = 0,
	/** A check failed (plat_main()'s usual failure). */
	PLAT_EXIT_FAIL = 1,
	/** An unexpected exception or trap (a UBSan trap included). */
	PLAT_EXIT_TRAP = 2,
	/** The board could not start: device tree, CPU tables, image layout. */
	PLAT_EXIT_BOOT = 3,
};

/*
 * Register hooks for the SMP test: they look at the hardware directly, never
 * through percpu, so a backend writing the wrong register is caught.
 */

/**
 * The calling CPU's per-CPU register as the target defines it (TPIDR_EL2 at
 * EL2, TPIDR_EL1 at EL1, IA32_GS_BASE by rdmsr on x86_64), read directly.
 */
uintptr_t plat_percpu_reg(void);

/**
 * Writes sentinels into the calling CPU's base registers that percpu must
 * leave alone (e.g. TPIDR_EL1 and TPIDR_EL0 at EL2, IA32_KERNEL_GS_BASE).
 */
void plat_other_regs_poison(void);

/**
 * Returns 0 if every register plat_other_regs_poison() wrote on the calling
 * CPU still holds its sentinel (and other views of the per-CPU register agree
 * with plat_percpu_reg(), e.g. rdgsbase); otherwise prints what is wrong and
 * returns -1.
 */
int plat_other_regs_check(void);

/*
 * Variants: the ways the target can drive its per-CPU register (x86_64:
 * wrmsr and wrgsbase). The test runner runs every case and SMP test once per
 * variant. Optional: the runner's weak defaults are one unnamed variant.
 */

/** Number of variants (at least 1). */
unsigned int plat_variant_count(void);

/** Short name of variant `v` (NULL: the only, unnamed one). */
const char *plat_variant_name(unsigned int v);

/**
 * Switches the calling CPU to variant `v`. Returns NULL, or why this
 * machine cannot run it (then the runner skips it).
 */
const char *plat_variant_enter(unsigned int v);

#endif /* __ASSEMBLER__ */

#endif /* TESTS_PLATFORM_PLATFORM_H */
