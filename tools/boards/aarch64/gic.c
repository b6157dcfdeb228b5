/* QEMU virt's GICv2 (see gic.h). */
#include "tools/boards/aarch64/gic.h"

#include <stdint.h>

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
	*reg32(GICD_BASE + GICD_CTLR) = GIC_ENABLE;
	__asm__ volatile("dsb sy" ::: "memory");
}

void gic_init_cpu(void)
{
	*reg32(GICC_BASE + GICC_PMR) = GIC_PMR_ALL;
	*reg32(GICC_BASE + GICC_CTLR) = GIC_ENABLE;
	__asm__ volatile("dsb sy" ::: "memory");
}

/** Set by gic_init_cpu_split() (every CPU is configured the same). */
static int split_eoi;

void gic_init_cpu_split(void)
{
	split_eoi = 1;
	*reg32(GICC_BASE + GICC_PMR) = GIC_PMR_ALL;
	*reg32(GICC_BASE + GICC_CTLR) = GIC_ENABLE | GICC_CTLR_EOIMODE;
	__asm__ volatile("dsb sy" ::: "memory");
}

void gic_enable_ppi(unsigned int intid)
{
	volatile uint8_t *prio =
		(volatile uint8_t *) (GICD_BASE + GICD_IPRIORITYR);

	prio[intid] = GIC_PRIORITY_DEFAULT;
	*reg32(GICD_BASE + GICD_ISENABLER0) = 1u << (intid & 31);
	__asm__ volatile("dsb sy" ::: "memory");
}

unsigned int gic_ack(void)
{
	return *reg32(GICC_BASE + GICC_IAR);
}

void gic_drop_priority(unsigned int iar)
{
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
