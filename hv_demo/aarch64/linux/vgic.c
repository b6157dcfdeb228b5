/*
 * The Linux guest's GIC, for vCPUs that move between pCPUs. The guest's CPU
 * interface is the hardware's virtual one (GICV, stage2.c), fed through the
 * list registers of each pCPU's GICH frame; a vCPU's list registers, VMCR
 * and active priorities live in its per-vCPU area while it is not loaded.
 *
 * Every guest interrupt is virtual, whatever pCPU it arrives on: the host
 * acknowledges and ends the physical one, masks its source, and queues the
 * virtual one on the vCPU it is for (kicking that vCPU's pCPU with a host
 * SGI if it runs elsewhere). The list register asks for a maintenance
 * interrupt when the guest ends it; then the source is unmasked, so that a
 * level-triggered interrupt still asserted fires again, as on hardware.
 * Sources: the virtual timer (PPI 27, on whatever pCPU the vCPU runs), SPIs
 * (all routed to pCPU 0, then to the vCPU the guest targets), SGIs (the
 * guest's GICD_SGIR writes, never physical).
 *
 * The distributor traps (stage 2 leaves it unmapped): SGI/PPI registers
 * (bank 0) are emulated per vCPU, SPI registers forwarded except targets,
 * which are virtual; nothing reaches the host's own interrupts.
 */
#include "hv_demo/aarch64/linux/vm.h"

#include "hv_demo/hv_internal.h"
#include "percpu/pervcpu.h"
#include "tools/boards/aarch64/gic.h"

#define GIC_INTIDS 1024
#define GIC_SGIS 16
#define GIC_PRIVATE 32
#define WORDS (GIC_INTIDS / 32)

/** The host's SGI that makes another pCPU look at its vCPU's queue. */
#define KICK_SGI 0

/* GICH registers and list register fields. */
#define GICH_HCR 0x000
#define GICH_VTR 0x004
#define GICH_VMCR 0x008
#define GICH_EISR0 0x020
#define GICH_ELRSR0 0x030
#define GICH_APR 0x0f0
#define GICH_LR0 0x100
#define GICH_HCR_EN (1u << 0)
#define GICH_HCR_UIE (1u << 1)
#define GICH_LR_PENDING (1u << 28)
#define GICH_LR_EOI (1u << 19)
#define GICH_LR_PRIORITY(p) (((uint32_t) (p) >> 3) << 23)
#define GICH_LR_CPUID(id) ((uint32_t) (id) << 10)
#define GICH_LR_VIRT(lr) ((lr) &0x3ffu)
/* What tells list registers apart: INTID and, for SGIs, the sender. */
#define GICH_LR_KEY 0x1c03ffu
#define MAX_LRS 4

/* Distributor registers. */
#define GICD_CTLR 0x000
#define GICD_IGROUPR 0x080
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ISPENDR 0x200
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_ICFGR 0xc00
#define GICD_SGIR 0xf00
#define GICD_SGIR_TARGETS(v) (((v) >> 16) & 0xffu)
#define GICD_SGIR_FILTER(v) (((v) >> 24) & 3u)
#define GICD_SGIR_ALL_BUT_SELF 1
#define GICD_SGIR_SELF 2
#define GICD_SIZE 0x1000

#define BIT(n) (1u << ((n) % 32))

/** One vCPU's virtual interface and bank-0 distributor registers. */
struct vgic_vcpu {
	/** INTIDs >= 16 waiting for a list register (set from any pCPU). */
	uint32_t queued[WORDS];
	/** SGI n: bit s set while one from vCPU s waits. */
	uint8_t sgi_from[GIC_SGIS];
	/** Bank 0 as the guest set it: enables and priorities. */
	uint32_t enabled0;
	uint8_t priority0[GIC_PRIVATE];
	/** The virtual timer's interrupt is listed, not yet ended. */
	int timer_in_flight;
	/** The interface while not loaded. */
	uint32_t lr[MAX_LRS];
	uint32_t vmcr;
	uint32_t apr;
	/** Interrupts listed, and IPIs among them. */
	uint64_t injected;
	uint64_t ipis;
};
PERVCPU_DEFINE(struct vgic_vcpu, vgic_vcpu) = {0};

/** Interrupts this pCPU listed, and the IPIs among them. */
PERCPU_DEFINE(uint64_t, vgic_injected_here) = 0;
PERCPU_DEFINE(uint64_t, vgic_ipis_here) = 0;

/** What the guest set for SPIs, and those listed but not yet ended. */
static struct {
	uint32_t ctlr;
	uint32_t enabled[WORDS];
	uint32_t in_flight[WORDS];
	uint8_t target[GIC_INTIDS];
} vm_gic;

static volatile uint32_t *gich(unsigned int offset)
{
	return (volatile uint32_t *) (GICH_BASE + offset);
}

static volatile uint32_t *gicd32(unsigned int offset)
{
	return (volatile uint32_t *) (GICD_BASE + offset);
}

static unsigned int list_registers(void)
{
	unsigned int n = (*gich(GICH_VTR) & 0x3f) + 1;

	return n < MAX_LRS ? n : MAX_LRS;
}

static struct vgic_vcpu *of(const struct hv_vcpu *v)
{
	return vcpu_ptr(v->area, vgic_vcpu);
}

/** Physically enables or disables interrupt `intid` (PPI: this pCPU's). */
static void source_enable(unsigned int intid, int on)
{
	*gicd32((on ? GICD_ISENABLER : GICD_ICENABLER) + intid / 32 * 4) =
		BIT(intid);
}

void vgic_init(void)
{
	unsigned int i, words = (*gicd32(0x004) & 0x1f) + 1;

	/* Every SPI to pCPU 0, disabled until the guest enables it. */
	for (i = GIC_PRIVATE; i < words * 32; i++) {
		((volatile uint8_t *) (GICD_BASE + GICD_ITARGETSR))[i] = 1;
		vm_gic.target[i] = 1;
	}
	for (i = 1; i < words; i++)
		*gicd32(GICD_ICENABLER + i * 4) = ~0u;
}

void vgic_init_cpu(void)
{
	unsigned int i;

	gic_init_cpu_split();
	for (i = 0; i < list_registers(); i++)
		*gich(GICH_LR0 + 4 * i) = 0;
	gic_enable_ppi(GIC_PPI_MAINTENANCE);
	gic_enable_ppi(GIC_PPI_HYP_TIMER);
	gic_enable_ppi(KICK_SGI);
	/* The virtual timer's PPI: enabled only for a vCPU that wants it. */
	source_enable(GIC_PPI_VIRT_TIMER, 0);
}

/** Makes the other pCPUs look at their vCPU's queue (or the run queue). */
static void kick(void)
{
	/* All but self: cheaper to wake every pCPU than to track them. */
	*gicd32(GICD_SGIR) = (GICD_SGIR_ALL_BUT_SELF << 24) | KICK_SGI;
}

/** Queues `intid` (>= 16) on `v`; from any pCPU. */
static void queue(const struct hv_vcpu *v, unsigned int intid)
{
	__atomic_fetch_or(&of(v)->queued[intid / 32], BIT(intid),
			  __ATOMIC_RELEASE);
}

/** The guest ended virtual interrupt `intid`: unmask its source. */
static void ended(struct vgic_vcpu *g, unsigned int intid)
{
	if (intid == GIC_PPI_VIRT_TIMER) {
		g->timer_in_flight = 0;
		source_enable(intid, (g->enabled0 & BIT(intid)) != 0);
	} else if (intid >= GIC_PRIVATE) {
		__atomic_fetch_and(&vm_gic.in_flight[intid / 32], ~BIT(intid),
				   __ATOMIC_ACQ_REL);
		if (__atomic_load_n(&vm_gic.enabled[intid / 32],
				    __ATOMIC_ACQUIRE) &
		    BIT(intid))
			source_enable(intid, 1);
	}
}

/** Frees the list registers whose interrupt the guest ended. */
static void reap(struct vgic_vcpu *g)
{
	uint32_t done = *gich(GICH_EISR0);

	while (done != 0) {
		unsigned int i = (unsigned int) __builtin_ctz(done);

		ended(g, GICH_LR_VIRT(*gich(GICH_LR0 + 4 * i)));
		*gich(GICH_LR0 + 4 * i) = 0;
		done &= done - 1;
	}
}

/** The priority the guest gave `intid`. */
static uint8_t priority(const struct vgic_vcpu *g, unsigned int intid)
{
	if (intid < GIC_PRIVATE)
		return g->priority0[intid];
	return ((volatile uint8_t *) (GICD_BASE + GICD_IPRIORITYR))[intid];
}

/**
 * Lists `lr` in a free list register unless the same interrupt is listed
 * (then it waits for the guest's end of it). Returns 1 if listed. Sets
 * *full if no list register was free.
 */
static int list(struct vgic_vcpu *g, uint32_t lr, uint32_t *empty, int *full)
{
	unsigned int i, n = list_registers();

	for (i = 0; i < n; i++) {
		if (!(*empty >> i & 1) && (*gich(GICH_LR0 + 4 * i) &
					   GICH_LR_KEY) == (lr & GICH_LR_KEY))
			return 0;
	}
	if (*empty == 0) {
		*full = 1;
		return 0;
	}
	i = (unsigned int) __builtin_ctz(*empty);
	*gich(GICH_LR0 + 4 * i) = lr;
	*empty &= ~(1u << i);
	g->injected++;
	this_cpu_inc(vgic_injected_here);
	return 1;
}

void vgic_flush(void)
{
	struct vgic_vcpu *g = this_vcpu_ptr(vgic_vcpu);
	unsigned int n = list_registers(), intid, w;
	uint32_t empty;
	int full = 0;

	reap(g);
	empty = *gich(GICH_ELRSR0) & ((1u << n) - 1);
	for (intid = 0; intid < GIC_SGIS; intid++) {
		unsigned int from =
			__atomic_load_n(&g->sgi_from[intid], __ATOMIC_ACQUIRE);

		while (from != 0) {
			unsigned int src = (unsigned int) __builtin_ctz(from);
			uint32_t lr = GICH_LR_PENDING | GICH_LR_EOI |
				      GICH_LR_PRIORITY(priority(g, intid)) |
				      GICH_LR_CPUID(src) | intid;

			from &= from - 1;
			if (list(g, lr, &empty, &full)) {
				__atomic_fetch_and(&g->sgi_from[intid],
						   (uint8_t) ~(1u << src),
						   __ATOMIC_ACQ_REL);
				g->ipis++;
				this_cpu_inc(vgic_ipis_here);
			}
		}
	}
	for (w = 0; w < WORDS; w++) {
		uint32_t bits =
			__atomic_load_n(&g->queued[w], __ATOMIC_ACQUIRE);

		while (bits != 0) {
			intid = w * 32 + (unsigned int) __builtin_ctz(bits);
			bits &= bits - 1;
			if (list(g,
				 GICH_LR_PENDING | GICH_LR_EOI |
					 GICH_LR_PRIORITY(priority(g, intid)) |
					 intid,
				 &empty, &full))
				__atomic_fetch_and(&g->queued[w], ~BIT(intid),
						   __ATOMIC_ACQ_REL);
		}
	}
	/* Out of list registers: a maintenance interrupt once they drain. */
	*gich(GICH_HCR) = GICH_HCR_EN | (full ? GICH_HCR_UIE : 0);
}

void vgic_host_irq(unsigned int iar, const struct hv_vcpu *loaded)
{
	unsigned int intid = GIC_IAR_INTID(iar);

	if (intid == GIC_SPURIOUS)
		return;
	gic_eoi(iar);
	if (intid == GIC_PPI_VIRT_TIMER) {
		/* Masked here until the guest ends it (or moves). */
		source_enable(intid, 0);
		if (loaded == NULL)
			return;
		this_vcpu_ptr(vgic_vcpu)->timer_in_flight = 1;
		queue(loaded, intid);
	} else if (intid >= GIC_PRIVATE) {
		const struct hv_vcpu *to;

		source_enable(intid, 0);
		__atomic_fetch_or(&vm_gic.in_flight[intid / 32], BIT(intid),
				  __ATOMIC_ACQ_REL);
		to = &hv_state.vcpus[__builtin_ctz(vm_gic.target[intid] |
						   0x100) %
				     hv_state.vcpu_count];
		queue(to, intid);
		if (to != loaded)
			kick();
	}
	/* Maintenance, kick, host timer: only a reason to look again. */
	if (loaded != NULL)
		vgic_flush();
}

int vgic_pending(const struct hv_vcpu *v)
{
	const struct vgic_vcpu *g = of(v);
	unsigned int i;

	for (i = 0; i < GIC_SGIS; i++) {
		if (__atomic_load_n(&g->sgi_from[i], __ATOMIC_ACQUIRE))
			return 1;
	}
	for (i = 0; i < WORDS; i++) {
		if (__atomic_load_n(&g->queued[i], __ATOMIC_ACQUIRE))
			return 1;
	}
	for (i = 0; i < MAX_LRS; i++) {
		if (g->lr[i] & GICH_LR_PENDING)
			return 1;
	}
	return 0;
}

void vgic_save(void)
{
	struct vgic_vcpu *g = this_vcpu_ptr(vgic_vcpu);
	unsigned int i, n = list_registers();

	reap(g);
	for (i = 0; i < n; i++) {
		g->lr[i] = *gich(GICH_LR0 + 4 * i);
		*gich(GICH_LR0 + 4 * i) = 0;
	}
	g->vmcr = *gich(GICH_VMCR);
	g->apr = *gich(GICH_APR);
	*gich(GICH_HCR) = 0;
	source_enable(GIC_PPI_VIRT_TIMER, 0);
}

void vgic_restore(void)
{
	struct vgic_vcpu *g = this_vcpu_ptr(vgic_vcpu);
	unsigned int i, n = list_registers();

	*gich(GICH_APR) = g->apr;
	*gich(GICH_VMCR) = g->vmcr;
	for (i = 0; i < n; i++)
		*gich(GICH_LR0 + 4 * i) = g->lr[i];
	source_enable(GIC_PPI_VIRT_TIMER,
		      (g->enabled0 & BIT(GIC_PPI_VIRT_TIMER)) &&
			      !g->timer_in_flight);
	vgic_flush();
}

uint64_t vgic_injected(const struct hv_vcpu *v)
{
	return of(v)->injected;
}

uint64_t vgic_ipis(const struct hv_vcpu *v)
{
	return of(v)->ipis;
}

uint64_t vgic_pcpu_injected(unsigned int cpu)
{
	return *per_cpu_ptr(vgic_injected_here, cpu);
}

uint64_t vgic_pcpu_ipis(unsigned int cpu)
{
	return *per_cpu_ptr(vgic_ipis_here, cpu);
}

/** GICD_SGIR: queues SGI n from the loaded vCPU on its targets. */
static void sgi(uint32_t value)
{
	unsigned int self = this_vcpu_read(hv_vcpu_id), t;
	unsigned int targets = GICD_SGIR_TARGETS(value),
		     n = hv_state.vcpu_count;
	int others = 0;

	if (GICD_SGIR_FILTER(value) == GICD_SGIR_ALL_BUT_SELF)
		targets = ((1u << n) - 1) & ~(1u << self);
	else if (GICD_SGIR_FILTER(value) == GICD_SGIR_SELF)
		targets = 1u << self;
	for (t = 0; t < n; t++) {
		if (!(targets >> t & 1))
			continue;
		__atomic_fetch_or(&of(&hv_state.vcpus[t])->sgi_from[value & 15],
				  (uint8_t) (1u << self), __ATOMIC_RELEASE);
		others |= t != self;
	}
	if (others)
		kick();
	vgic_flush();
}

/**
 * Bank 0 (SGIs and PPIs) of the loaded vCPU: enables, priorities, its own
 * CPU interface mask as targets; pending and active state are the virtual
 * interface's (writes ignored, reads 0).
 */
static int bank0(uint64_t offset, int write, unsigned int size, uint64_t *value)
{
	struct vgic_vcpu *g = this_vcpu_ptr(vgic_vcpu);
	uint32_t v = (uint32_t) *value;
	unsigned int i;

	if (offset == GICD_ISENABLER || offset == GICD_ICENABLER) {
		if (size != 4)
			return -1;
		if (write && offset == GICD_ISENABLER)
			g->enabled0 |= v | 0xffff;
		else if (write)
			g->enabled0 &= ~v | 0xffff;
		*value = g->enabled0 | 0xffff;
		if (write && (v & BIT(GIC_PPI_VIRT_TIMER)))
			source_enable(GIC_PPI_VIRT_TIMER,
				      (g->enabled0 & BIT(GIC_PPI_VIRT_TIMER)) &&
					      !g->timer_in_flight);
		return 0;
	}
	if (offset >= GICD_IPRIORITYR && offset < GICD_IPRIORITYR + 32) {
		uint8_t *p = &g->priority0[offset - GICD_IPRIORITYR];

		for (i = 0, v = write ? v : 0; i < size; i++) {
			if (write)
				p[i] = (uint8_t) (v >> (8 * i));
			else
				v |= (uint32_t) p[i] << (8 * i);
		}
		*value = v;
		return 0;
	}
	if (offset >= GICD_ITARGETSR && offset < GICD_ITARGETSR + 32) {
		/* Every byte: this vCPU's own CPU interface. */
		v = 0x01010101u << this_vcpu_read(hv_vcpu_id);
		if (!write)
			*value = size == 4 ? v : v & ((1u << (8 * size)) - 1);
		return 0;
	}
	if (offset >= GICD_ICFGR && offset < GICD_ICFGR + 8) {
		if (!write)
			*value = *gicd32((unsigned int) offset);
		return 0;
	}
	/* IGROUPR0, pending, active: nothing to keep. */
	if (!write)
		*value = 0;
	return 0;
}

/** Which per-interrupt register `offset` is in, and its first INTID. */
static int spi_reg(uint64_t offset, unsigned int *first)
{
	if (offset >= GICD_IGROUPR && offset < GICD_IPRIORITYR) {
		*first = (unsigned int) (offset % 0x80) * 8;
		return 1;
	}
	if (offset >= GICD_IPRIORITYR && offset < GICD_ICFGR) {
		*first = (unsigned int) (offset % 0x400);
		return 8;
	}
	if (offset >= GICD_ICFGR && offset < GICD_ICFGR + 0x100) {
		*first = (unsigned int) (offset - GICD_ICFGR) * 4;
		return 2;
	}
	return 0;
}

int vgic_dist_access(uint64_t offset, int write, unsigned int size,
		     uint64_t *value)
{
	uint32_t v = (uint32_t) *value;
	unsigned int first = 0, i;
	int width;

	if (offset >= GICD_SIZE || size > 4 || offset % size != 0)
		return -1;
	if (offset == GICD_CTLR) {
		if (write)
			vm_gic.ctlr = v & 1;
		else
			*value = vm_gic.ctlr;
		return 0;
	}
	if (offset == GICD_SGIR) {
		if (write)
			sgi(v);
		return 0;
	}
	width = spi_reg(offset, &first);
	if (width != 0 && first < GIC_PRIVATE)
		return bank0(offset, write, size, value);
	if (width == 8 && offset >= GICD_ITARGETSR) {
		/* SPI targets: the guest's choice of vCPU, kept here. */
		for (i = 0, v = write ? v : 0; i < size; i++) {
			if (write)
				vm_gic.target[first + i] =
					(uint8_t) (v >> (8 * i));
			else
				v |= (uint32_t) vm_gic.target[first + i]
				     << (8 * i);
		}
		*value = v;
		return 0;
	}
	if (width == 1 && (offset & ~0x7full) == GICD_ISENABLER && size == 4) {
		/* Set-enable: the guest's wish; the source while not in flight.
		 */
		uint32_t *e = &vm_gic.enabled[first / 32];

		if (write) {
			__atomic_fetch_or(e, v, __ATOMIC_ACQ_REL);
			*gicd32((unsigned int) offset) =
				v &
				~__atomic_load_n(&vm_gic.in_flight[first / 32],
						 __ATOMIC_ACQUIRE);
		} else {
			*value = __atomic_load_n(e, __ATOMIC_ACQUIRE);
		}
		return 0;
	}
	if (width == 1 && (offset & ~0x7full) == GICD_ICENABLER && size == 4) {
		if (write) {
			__atomic_fetch_and(&vm_gic.enabled[first / 32], ~v,
					   __ATOMIC_ACQ_REL);
			*gicd32((unsigned int) offset) = v;
		} else {
			*value = __atomic_load_n(&vm_gic.enabled[first / 32],
						 __ATOMIC_ACQUIRE);
		}
		return 0;
	}
	if (width == 1 && offset >= GICD_ISPENDR && offset < GICD_IPRIORITYR) {
		/* Pending and active state belong to the virtual interface. */
		if (!write)
			*value = 0;
		return 0;
	}
	/* Groups, priorities, configuration of SPIs: the real ones. */
	if (size == 1) {
		volatile uint8_t *b = (volatile uint8_t *) (GICD_BASE + offset);

		if (write)
			*b = (uint8_t) v;
		else
			*value = *b;
	} else if (size == 4) {
		if (write)
			*gicd32((unsigned int) offset) = v;
		else
			*value = *gicd32((unsigned int) offset);
	} else {
		return -1;
	}
	return 0;
}
