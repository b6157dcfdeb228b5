/*
 * QEMU virt's GICv2, for images on this platform that take interrupts (the
 * test platform itself runs with interrupts masked). Addresses are QEMU
 * virt's; mmu.c maps them.
 *
 *   gic_init();                   boot CPU, once
 *   gic_init_cpu();               every CPU that takes interrupts
 *   gic_enable_ppi(GIC_PPI_...);  on that CPU
 *   intid = gic_ack(); ... gic_eoi(intid);
 */
#ifndef TESTS_PLATFORM_AARCH64_GIC_H
#define TESTS_PLATFORM_AARCH64_GIC_H

/** Private peripheral interrupts of the generic timer (INTIDs). */
#define GIC_PPI_HYP_TIMER 26 /* CNTHP, EL2 physical timer */
#define GIC_PPI_VIRT_TIMER 27
#define GIC_PPI_PHYS_TIMER 30 /* CNTP, non-secure EL1 physical timer */

/** gic_ack() when nothing is pending. */
#define GIC_SPURIOUS 1023

/** Turns the distributor on. */
void gic_init(void);

/** Turns the calling CPU's interface on, letting every priority through. */
void gic_init_cpu(void);

/** Enables private interrupt `intid` (16-31) of the calling CPU. */
void gic_enable_ppi(unsigned int intid);

/** Acknowledges the highest-priority pending interrupt: its INTID. */
unsigned int gic_ack(void);

/** Ends interrupt `intid` (as gic_ack() returned it). */
void gic_eoi(unsigned int intid);

#endif /* TESTS_PLATFORM_AARCH64_GIC_H */
