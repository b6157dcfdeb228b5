/*
 * QEMU virt's GIC (see gic.h): GICv2 through the memory-mapped CPU
 * interface, or GICv3 (gic-version=3, for over 8 CPUs) through the ICC
 * system registers and each CPU's redistributor. Which one: the CPU says
 * whether it has a GICv3 interface (ID_AA64PFR0_EL1), at gic_init().
 */
#include "tools/boards/aarch64/gic.h"

#include <stdint.h>

#include "tools/boards/aarch64/sysreg.h"
#include "tools/boards/arm/virt.h"
#include "tools/boards/platform.h"

/* GICv3: distributor control, redistributors, ICC registers. */
/** ID_AA64PFR0_EL1.GIC: the CPU has a GICv3 CPU interface (QEMU: one is
 * connected). */
#define PFR0_GIC(v) (((v) >> 24) & 0xf)
#define GICD_CTLR_ARE (1u << 4)
#define GICD_CTLR_GRP1 (1u << 1)
#define GICD_CTLR_RWP (1u << 31)
/*
 * Redistributors: QEMU virt's low region holds 123; past 123 CPUs the rest
 * are in a second region at 256 GiB (the first of its high MMIO regions).
 */
#define GICR_BASE 0x080a0000ul
#define GICR_BASE_HIGH 0x4000000000ul
#define GICR_STRIDE 0x20000ul
#define GICR_LOW_COUNT 123
#define GICR_WAKER 0x014
#define GICR_TYPER 0x008
#define GICR_TYPER_LAST (1ull << 4)
#define GICR_WAKER_SLEEP (1u << 1)
#define GICR_WAKER_ASLEEP (1u << 2)
#define GICR_SGI 0x10000ul
#define GICR_IGROUPR0 0x080
#define ICC_SRE_SRE 1u
#define ICC_SRE_ENABLE (1u << 3)
/** MPIDR affinity as GICR_TYPER[63:32] holds it: Aff3.Aff2.Aff1.Aff0. */
#define MPIDR_TO_GICR_AFF(m) ((((m) >> 8) & 0xff000000u) | ((m) &0xffffffu))

/** 3 on a GICv3 (set by gic_init()), else 2. */
static unsigned int gic_version = 2;
/** Each CPU's redistributor (GICv3), by logical index. */
static uintptr_t gicr_of[PLAT_MAX_CPUS];

#define GICD_CTLR 0x000
#define GICD_ISENABLER0 0x100
#define GICD_IPRIORITYR 0x400

#define GICC_CTLR 0x000
#define GICC_PMR 0x004
#define GICC_IAR 0x00c
#define GICC_EOIR 0x010
#define GICC_DIR 0x1000

#define GIC_ENABLE 1u
#define GICC_CTLR_EOIMODE (1u << 9)
#define GIC_PRIORITY_DEFAULT 0x80
#define GIC_PMR_ALL 0xff

static volatile uint32_t *reg32(uintptr_t addr)
{
	return (volatile uint32_t *) addr;
}

void gic_init(void)
{
	gic_version = PFR0_GIC(READ_SYSREG(id_aa64pfr0_el1)) != 0 ? 3 : 2;
	if (gic_version == 3) {
		*reg32(GICD_BASE + GICD_CTLR) =
			GICD_CTLR_ARE | GICD_CTLR_GRP1 | GIC_ENABLE;
		while (*reg32(GICD_BASE + GICD_CTLR) & GICD_CTLR_RWP)
			;
	} else {
		*reg32(GICD_BASE + GICD_CTLR) = GIC_ENABLE;
	}
	__asm__ volatile("dsb sy" ::: "memory");
}

/** GICv3: finds and wakes the calling CPU's redistributor, enables ICC. */
static void gicv3_init_cpu(void)
{
	uint64_t aff = MPIDR_TO_GICR_AFF(arm_mpidr());
	uintptr_t r = GICR_BASE;

	for (;;) {
		uint64_t typer = *(volatile uint64_t *) (r + GICR_TYPER);

		if ((typer >> 32) == aff)
			break;
		if (!(typer & GICR_TYPER_LAST)) {
			r += GICR_STRIDE;
		} else if (r < GICR_BASE_HIGH &&
			   plat_cpu_count() > GICR_LOW_COUNT) {
			r = GICR_BASE_HIGH;
		} else {
			plat_puts("gic: no redistributor for this CPU\n");
			plat_exit(PLAT_EXIT_BOOT);
		}
	}
	gicr_of[plat_cpu_index()] = r;
	*reg32(r + GICR_WAKER) &= ~GICR_WAKER_SLEEP;
	while (*reg32(r + GICR_WAKER) & GICR_WAKER_ASLEEP)
		;
	WRITE_SYSREG(S3_4_C12_C9_5, ICC_SRE_SRE | ICC_SRE_ENABLE); /* SRE_EL2 */
	__asm__ volatile("isb" ::: "memory");
	WRITE_SYSREG(S3_0_C4_C6_0, GIC_PMR_ALL); /* ICC_PMR_EL1 */
	WRITE_SYSREG(S3_0_C12_C12_7, 1);	 /* ICC_IGRPEN1_EL1 */
	__asm__ volatile("isb" ::: "memory");
}

void gic_init_cpu(void)
{
	if (gic_version == 3) {
		gicv3_init_cpu();
		return;
	}
	*reg32(GICC_BASE + GICC_PMR) = GIC_PMR_ALL;
	*reg32(GICC_BASE + GICC_CTLR) = GIC_ENABLE;
	__asm__ volatile("dsb sy" ::: "memory");
}

/** Set by gic_init_cpu_split() (every CPU is configured the same). */
static int split_eoi;

void gic_init_cpu_split(void)
{
	if (gic_version == 3) {
		plat_puts("gic: split EOI is implemented for GICv2 only\n");
		plat_exit(PLAT_EXIT_BOOT);
	}
	split_eoi = 1;
	*reg32(GICC_BASE + GICC_PMR) = GIC_PMR_ALL;
	*reg32(GICC_BASE + GICC_CTLR) = GIC_ENABLE | GICC_CTLR_EOIMODE;
	__asm__ volatile("dsb sy" ::: "memory");
}

void gic_enable_ppi(unsigned int intid)
{
	if (gic_version == 3) {
		uintptr_t sgi = gicr_of[plat_cpu_index()] + GICR_SGI;

		*reg32(sgi + GICR_IGROUPR0) |= 1u << intid;
		((volatile uint8_t *) (sgi + GICD_IPRIORITYR))[intid] =
			GIC_PRIORITY_DEFAULT;
		*reg32(sgi + GICD_ISENABLER0) = 1u << intid;
		__asm__ volatile("dsb sy" ::: "memory");
		return;
	}
	volatile uint8_t *prio =
		(volatile uint8_t *) (GICD_BASE + GICD_IPRIORITYR);

	prio[intid] = GIC_PRIORITY_DEFAULT;
	*reg32(GICD_BASE + GICD_ISENABLER0) = 1u << (intid & 31);
	__asm__ volatile("dsb sy" ::: "memory");
}

unsigned int gic_ack(void)
{
	if (gic_version == 3)
		return (unsigned int) READ_SYSREG(S3_0_C12_C12_0); /* IAR1 */
	return *reg32(GICC_BASE + GICC_IAR);
}

void gic_drop_priority(unsigned int iar)
{
	if (gic_version == 3) {
		WRITE_SYSREG(S3_0_C12_C12_1, iar); /* ICC_EOIR1_EL1 */
		__asm__ volatile("isb" ::: "memory");
		return;
	}
	*reg32(GICC_BASE + GICC_EOIR) = iar;
	__asm__ volatile("dsb sy" ::: "memory");
}

void gic_eoi(unsigned int iar)
{
	gic_drop_priority(iar);
	if (split_eoi)
		*reg32(GICC_BASE + GICC_DIR) = iar;
	__asm__ volatile("dsb sy" ::: "memory");
}
