/*
 * The Linux guest's GIC. The guest's CPU interface is the hardware's
 * virtual one (GICV, stage2.c); the hypervisor feeds it through the list
 * registers of its GICH frame. The distributor is shared with the host, so
 * the guest's accesses trap and are forwarded here, except what would take
 * the host's own interrupts away (its EL2 timer, the maintenance interrupt)
 * or turn the distributor off. vCPUs are pinned (vCPU n on pCPU n): the
 * physical CPU interface masks, SGI targets and banked registers the guest
 * reaches through the distributor are its own.
 *
 * Interrupts for the guest: the host acknowledges them (split EOI), drops
 * their priority and lists them with the hardware bit, so that the guest's
 * own end of interrupt deactivates the physical one (a level-triggered
 * interrupt cannot fire again before the guest has handled it). SGIs
 * cannot be hardware-linked: the host ends them and lists a purely virtual
 * one with the sender's CPU number. What does not fit the list registers
 * waits in the vCPU's area; the underflow maintenance interrupt brings the
 * vCPU back to refill them.
 */
#include "hv_demo/aarch64/linux/vm.h"

#include "percpu/pervcpu.h"
#include "tools/boards/aarch64/gic.h"

#define GIC_INTIDS 1020
#define GIC_SGIS 16

/* GICH registers. */
#define GICH_HCR 0x000
#define GICH_VTR 0x004
#define GICH_EISR0 0x020
#define GICH_ELRSR0 0x030
#define GICH_LR0 0x100
#define GICH_HCR_EN (1u << 0)
#define GICH_HCR_UIE (1u << 1)
#define GICH_LR_HW (1u << 31)
#define GICH_LR_PENDING (1u << 28)
/* A purely virtual interrupt: maintenance interrupt when the guest ends it. */
#define GICH_LR_EOI (1u << 19)
#define GICH_LR_PRIORITY(p) (((uint32_t) (p) >> 3) << 23)
#define GICH_LR_PHYS(id) ((uint32_t) (id) << 10)
#define GICH_LR_VIRT_MASK 0x3ffu
/* An SGI's virtual INTID and sending CPU (bits 12:10). */
#define GICH_LR_SGI_MASK 0x1c03ffu

/* Distributor registers and the ranges the guest reaches. */
#define GICD_CTLR 0x000
#define GICD_IGROUPR 0x080
#define GICD_ISENABLER 0x100
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_ICFGR 0xc00
#define GICD_ICFGR_END 0xd00
#define GICD_SIZE 0x1000

/** The host's own interrupts: the guest may not touch their settings. */
#define HOST_INTIDS                                                            \
	((1ull << GIC_PPI_HYP_TIMER) | (1ull << GIC_PPI_MAINTENANCE))

/** Interrupts of one vCPU waiting for a list register. */
struct vgic_vcpu {
	/** Bit n: INTID n (>= 16) is pending for the guest. */
	uint64_t queued[(GIC_INTIDS + 63) / 64];
	/** SGI n: bit s set while one from CPU s is pending. */
	uint8_t sgi_from[GIC_SGIS];
	/** Interrupts listed for the guest. */
	uint64_t injected;
};
PERVCPU_DEFINE(struct vgic_vcpu, vgic_vcpu) = {{0}, {0}, 0};

/** The guest's GICD_CTLR (the real distributor stays on for the host). */
static uint32_t guest_ctlr;

static volatile uint32_t *gich(unsigned int offset)
{
	return (volatile uint32_t *) (GICH_BASE + offset);
}

static unsigned int list_registers(void)
{
	return (*gich(GICH_VTR) & 0x3f) + 1;
}

void vgic_init_cpu(void)
{
	unsigned int i;

	gic_init_cpu_split();
	for (i = 0; i < list_registers(); i++)
		*gich(GICH_LR0 + 4 * i) = 0;
	*gich(GICH_HCR) = GICH_HCR_EN;
	gic_enable_ppi(GIC_PPI_MAINTENANCE);
	gic_enable_ppi(GIC_PPI_HYP_TIMER);
}

int vgic_irq(unsigned int iar)
{
	struct vgic_vcpu *v = this_vcpu_ptr(vgic_vcpu);
	unsigned int intid = GIC_IAR_INTID(iar);

	if (intid == GIC_PPI_MAINTENANCE) {
		/* Room in the list registers: vgic_flush() below fills it. */
		gic_eoi(iar);
	} else if (intid < GIC_SGIS) {
		gic_eoi(iar);
		v->sgi_from[intid] |= 1u << GIC_IAR_SOURCE(iar);
	} else {
		gic_drop_priority(iar);
		v->queued[intid / 64] |= 1ull << (intid % 64);
	}
	vgic_flush();
	return intid < GIC_SGIS;
}

/** The priority the guest gave `intid` (for its list register). */
static uint8_t priority(unsigned int intid)
{
	return ((volatile uint8_t *) (GICD_BASE + GICD_IPRIORITYR))[intid];
}

/** What tells list register values apart: INTID, and for SGIs the sender. */
static uint32_t lr_key(uint32_t lr)
{
	return lr & (lr & GICH_LR_HW ? GICH_LR_VIRT_MASK : GICH_LR_SGI_MASK);
}

/** Fills list registers on one pCPU: what flush() works with. */
struct lrs {
	unsigned int count;
	/** Bit n: list register n is free. */
	uint32_t empty;
	/** Something could not be listed for want of a free one. */
	int full;
};

/**
 * Lists `lr` if nothing with its key is listed already. Returns 1 if it is
 * taken care of (listed, or merged into a pending copy), 0 if it must wait:
 * behind an active copy (which then raises a maintenance interrupt when the
 * guest ends it) or for a free list register.
 */
static int list(struct lrs *l, uint32_t lr)
{
	unsigned int i;

	for (i = 0; i < l->count; i++) {
		uint32_t cur;

		if (l->empty >> i & 1)
			continue;
		cur = *gich(GICH_LR0 + 4 * i);
		if (lr_key(cur) != lr_key(lr))
			continue;
		if (cur & GICH_LR_PENDING)
			return 1;
		*gich(GICH_LR0 + 4 * i) = cur | GICH_LR_EOI;
		return 0;
	}
	if (l->empty == 0) {
		l->full = 1;
		return 0;
	}
	i = (unsigned int) __builtin_ctz(l->empty);
	*gich(GICH_LR0 + 4 * i) = lr;
	l->empty &= ~(1u << i);
	this_vcpu_ptr(vgic_vcpu)->injected++;
	return 1;
}

void vgic_flush(void)
{
	struct vgic_vcpu *v = this_vcpu_ptr(vgic_vcpu);
	struct lrs l = {.count = list_registers()};
	uint32_t ended = *gich(GICH_EISR0);
	unsigned int intid, w;

	/* SGIs the guest ended that had another copy waiting: free them. */
	while (ended != 0) {
		*gich(GICH_LR0 + 4 * (unsigned int) __builtin_ctz(ended)) = 0;
		ended &= ended - 1;
	}
	l.empty = *gich(GICH_ELRSR0) & ((1u << l.count) - 1);
	for (intid = 0; intid < GIC_SGIS; intid++) {
		unsigned int from = v->sgi_from[intid];

		while (from != 0) {
			unsigned int src = (unsigned int) __builtin_ctz(from);

			from &= from - 1;
			if (list(&l, GICH_LR_PENDING |
					     GICH_LR_PRIORITY(priority(intid)) |
					     GICH_LR_PHYS(src) | intid))
				v->sgi_from[intid] &= (uint8_t) ~(1u << src);
		}
	}
	for (w = 0; w < sizeof(v->queued) / sizeof(v->queued[0]); w++) {
		uint64_t bits = v->queued[w];

		while (bits != 0) {
			intid = w * 64 + (unsigned int) __builtin_ctzll(bits);
			bits &= bits - 1;
			if (list(&l, GICH_LR_HW | GICH_LR_PENDING |
					     GICH_LR_PRIORITY(priority(intid)) |
					     GICH_LR_PHYS(intid) | intid))
				v->queued[w] &= ~(1ull << (intid % 64));
		}
	}
	/* Out of list registers: a maintenance interrupt once they drain. */
	*gich(GICH_HCR) = GICH_HCR_EN | (l.full ? GICH_HCR_UIE : 0);
}

/** Whether anything is still queued. */
static int queued(const struct vgic_vcpu *v)
{
	unsigned int i;

	for (i = 0; i < GIC_SGIS; i++) {
		if (v->sgi_from[i] != 0)
			return 1;
	}
	for (i = 0; i < sizeof(v->queued) / sizeof(v->queued[0]); i++) {
		if (v->queued[i] != 0)
			return 1;
	}
	return 0;
}

int vgic_pending(void)
{
	unsigned int i, n = list_registers();

	if (queued(this_vcpu_ptr(vgic_vcpu)))
		return 1;
	for (i = 0; i < n; i++) {
		if (*gich(GICH_LR0 + 4 * i) & GICH_LR_PENDING)
			return 1;
	}
	return 0;
}

uint64_t vgic_injected(const void *vcpu_area)
{
	return vcpu_ptr(vcpu_area, vgic_vcpu)->injected;
}

/**
 * Bits of a `size`-byte access at distributor `offset` that configure the
 * host's interrupts (0 outside the per-interrupt registers).
 */
static uint32_t host_bits(uint64_t offset, unsigned int size)
{
	unsigned int width, first, i;
	uint64_t start;
	uint32_t mask = 0;

	if (offset >= GICD_IGROUPR && offset < GICD_IPRIORITYR) {
		width = 1;
		start = offset & ~0x7full;
	} else if (offset >= GICD_IPRIORITYR && offset < GICD_ICFGR) {
		width = 8;
		start = offset < GICD_ITARGETSR ? GICD_IPRIORITYR
						: GICD_ITARGETSR;
	} else if (offset >= GICD_ICFGR && offset < GICD_ICFGR_END) {
		width = 2;
		start = GICD_ICFGR;
	} else {
		return 0;
	}
	first = (unsigned int) (offset - start) * 8 / width;
	for (i = 0; i < size * 8 / width; i++) {
		if (first + i < 64 && (HOST_INTIDS >> (first + i) & 1))
			mask |= ((1u << width) - 1) << (i * width);
	}
	return mask;
}

/** Reads the real distributor with an access of `size` bytes. */
static uint32_t dist_read(uint64_t offset, unsigned int size)
{
	uintptr_t a = GICD_BASE + offset;

	if (size == 1)
		return *(volatile uint8_t *) a;
	if (size == 2)
		return *(volatile uint16_t *) a;
	return *(volatile uint32_t *) a;
}

/** Writes it. */
static void dist_write(uint64_t offset, unsigned int size, uint32_t value)
{
	uintptr_t a = GICD_BASE + offset;

	if (size == 1)
		*(volatile uint8_t *) a = (uint8_t) value;
	else if (size == 2)
		*(volatile uint16_t *) a = (uint16_t) value;
	else
		*(volatile uint32_t *) a = value;
}

int vgic_dist_access(uint64_t offset, int write, unsigned int size,
		     uint64_t *value)
{
	uint32_t v = (uint32_t) *value, mask;

	if (offset >= GICD_SIZE || size > 4 || offset % size != 0)
		return -1;
	if (offset == GICD_CTLR) {
		if (write)
			guest_ctlr = v & 1;
		else
			*value = guest_ctlr;
		return 0;
	}
	if (!write) {
		*value = dist_read(offset, size);
		return 0;
	}
	mask = host_bits(offset, size);
	if (mask != 0) {
		/* Set/clear registers: a 0 bit does nothing. Others: keep. */
		if (offset >= GICD_ISENABLER && offset < GICD_IPRIORITYR)
			v &= ~mask;
		else
			v = (v & ~mask) | (dist_read(offset, size) & mask);
	}
	dist_write(offset, size, v);
	return 0;
}
