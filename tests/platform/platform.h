/*
 * The bare-metal test platform: what every per-target platform
 * (tests/platform/<target>/) gives test images and hv_demo. Kept out of the
 * library: percpu itself never calls any of this.
 *
 * Boot: the platform's entry code sets up a stack, clears .bss, brings the
 * console up and calls plat_main() on the boot CPU (index 0).
 */
#ifndef TESTS_PLATFORM_PLATFORM_H
#define TESTS_PLATFORM_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#define PLAT_MAX_CPUS 16

/** Provided by the test image: runs on the boot CPU; returns 0 on success. */
int plat_main(void);

/** Writes a string to the console (no newline added). */
void plat_puts(const char *s);

/** Writes `v` in decimal / hexadecimal (0x...) to the console. */
void plat_put_dec(uint64_t v);
void plat_put_hex(uint64_t v);

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

/** Parks the calling secondary CPU forever (interrupts off). */
__attribute__((noreturn)) void plat_park(void);

/**
 * Ends the run: prints the verdict line "PERCPU-VERDICT: PASS" (code 0) or
 * "PERCPU-VERDICT: FAIL <code>" and exits the emulator with a status the
 * runner checks as well.
 */
__attribute__((noreturn)) void plat_exit(int code);

#endif /* TESTS_PLATFORM_PLATFORM_H */
