/* Constants shared by boot.S, platform.c and image.ld. */
#ifndef TESTS_PLATFORM_RISCV64_LAYOUT_H
#define TESTS_PLATFORM_RISCV64_LAYOUT_H

/** Stack bytes per hart (plat_stacks holds PLAT_MAX_CPUS of them). */
#define PLAT_STACK_SIZE 16384

/** QEMU virt: the ACLINT timer's rate (the time CSR), in Hz. */
#define PLAT_TIMEBASE_HZ 10000000

/**
 * Waiting harts (plat_cpu_relax(), boot.S's spinwait) sleep on WFI until a
 * timer this many ticks ahead: stimecmp (Sstc), with sie.STIE set and
 * sstatus.SIE clear, so the timer ends the WFI and traps nothing.
 */
#define PLAT_RELAX_TICKS 10
#define PLAT_CSR_STIMECMP 0x14d
#define PLAT_SIE_STIE 0x20

/** QEMU virt: ns16550a UART and SiFive test (power-off) device. */
#define PLAT_UART_BASE 0x10000000
#define PLAT_TEST_BASE 0x100000

#endif /* TESTS_PLATFORM_RISCV64_LAYOUT_H */
