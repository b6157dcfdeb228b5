/*
 * QEMU virt's GIC, v2 or (gic-version=3, for over 8 CPUs) v3, for images on
 * this platform that take interrupts (the test platform itself runs with
 * interrupts masked). Addresses are QEMU virt's; mmu.c maps them.
 *
 *   gic_init();                   boot CPU, once
 *   gic_init_cpu();               every CPU that takes interrupts
 *   gic_enable_ppi(GIC_PPI_...);  on that CPU
 *   iar = gic_ack(); ... gic_eoi(iar);   (INTID: GIC_IAR_INTID(iar))
 *
 * A hypervisor that hands interrupts to guests uses gic_init_cpu_split()
 * instead: then gic_drop_priority(iar) ends the host's handling and the
 * guest's end of interrupt deactivates it (a hardware-linked list register),
 * while gic_eoi() still ends the host's own interrupts completely.
 */
#ifndef TESTS_PLATFORM_AARCH64_GIC_H
#define TESTS_PLATFORM_AARCH64_GIC_H

/** Private peripheral interrupts of the generic timer (INTIDs). */
#define GIC_PPI_HYP_TIMER 26 /* CNTHP, EL2 physical timer */
#define GIC_PPI_VIRT_TIMER 27
#define GIC_PPI_PHYS_TIMER 30 /* CNTP, non-secure EL1 physical timer */
/** The virtual CPU interface's maintenance interrupt (GICH). */
#define GIC_PPI_MAINTENANCE 25

/** QEMU virt's GIC frames (GICH and GICV only with virtualization=on). */
#define GICD_BASE 0x08000000ul
#define GICC_BASE 0x08010000ul
#define GICH_BASE 0x08030000ul
#define GICV_BASE 0x08040000ul

/** INTID and, for SGIs, the sending CPU of an acknowledge value. */
#define GIC_IAR_INTID(iar) ((iar) &0x3ffu)
#define GIC_IAR_SOURCE(iar) (((iar) >> 10) & 7u)

/** gic_ack() when nothing is pending. */
#define GIC_SPURIOUS 1023

/** Turns the distributor on. */
void gic_init(void);

/** Turns the calling CPU's interface on, letting every priority through. */
void gic_init_cpu(void);

/** Same, with priority drop and deactivation split (EOImode 1; GICv2). */
void gic_init_cpu_split(void);

/** Enables private interrupt `intid` (16-31) of the calling CPU. */
void gic_enable_ppi(unsigned int intid);

/**
 * Acknowledges the highest-priority pending interrupt: the GICC_IAR value
 * (GIC_IAR_INTID() is GIC_SPURIOUS if none).
 */
unsigned int gic_ack(void);

/** Ends interrupt `iar` (as gic_ack() returned it) completely. */
void gic_eoi(unsigned int iar);

/** Split mode only: drops the priority of `iar`, leaving it active. */
void gic_drop_priority(unsigned int iar);

#endif /* TESTS_PLATFORM_AARCH64_GIC_H */
