/*
 * What the two Arm boards (aarch64, armv7) share on QEMU's virt machine: the
 * PL011 console, the CPUs from the device tree, CPU start through PSCI
 * CPU_ON, parking, and the sentinel check of the registers percpu must leave
 * alone. tools/boards/arm/virt.c implements platform.h's plat_puts,
 * plat_cpu_count, plat_cpu_index, plat_start_cpu and plat_park on it; each
 * board implements the hooks below.
 */
#ifndef TOOLS_BOARDS_ARM_VIRT_H
#define TOOLS_BOARDS_ARM_VIRT_H

#include <stdint.h>

#include "tools/boards/fdt.h"

/** Where QEMU virt puts RAM, and the device tree for ELF images. */
#define ARM_VIRT_RAM_BASE 0x40000000u

/** The machine, from the device tree (arm_virt_boot()). */
extern struct fdt_cpus arm_virt_machine;

/** Board hook: the calling CPU's MPIDR affinity fields. */
uint64_t arm_mpidr(void);

/**
 * Board hook: PSCI CPU_ON of the CPU with affinity `mpidr` at `entry` with
 * context `ctx`, through the tree's conduit. 0 or PSCI's (negative) error.
 */
long arm_psci_cpu_on(uint64_t mpidr, uintptr_t entry, uint64_t ctx);

/** Board hook: turns the calling CPU's MMU on (the tables are shared). */
void mmu_enable(void);

/** Board entry code for the CPUs PSCI starts (boot.S). */
void plat_secondary_entry(void);

/**
 * Reads the machine for the boot CPU's plat_boot() (fdt_machine(); without a
 * PSCI node only the boot CPU runs) and describes it: "platform: `what`,
 * device tree at ... (`fdt_name` or start of RAM), N CPUs, PSCI conduit ...".
 */
void arm_virt_boot(const void *fdt, const char *fdt_name, const char *what);

/**
 * 0 if `value` is `sentinel`; otherwise prints "platform: CPU n: name" with
 * both values and returns -1.
 */
int arm_check_sentinel(const char *name, uint64_t value, uint64_t sentinel);

#endif /* TOOLS_BOARDS_ARM_VIRT_H */
