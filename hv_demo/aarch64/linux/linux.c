/*
 * The host side of an unmodified Linux kernel as hv_demo's guest
 * (hv_demo/hv_guest.h): vCPUs scheduled over the pCPUs from the shared run
 * queue (or pinned, one per pCPU, with -DHV_DEMO_LINUX_PINNED), preempted by
 * the EL2 timer and put back on the queue when they wait for an interrupt;
 * PSCI over HVC (and trapped SMC); the GIC virtualised (vgic.c); the whole
 * EL1 context in the per-vCPU area between put and load (context.c, vcpu.c).
 * After every exit it records the registers Linux owns as Linux left them -
 * never writing them - so the report shows Linux's per-CPU offsets
 * (TPIDR_EL1) next to the host's per-CPU checks (TPIDR_EL2).
 */
#include "hv_demo/aarch64/linux/layout.h"
#include "hv_demo/aarch64/linux/vm.h"
#include "hv_demo/aarch64/regs.h"
#include "hv_demo/hv_arch.h"
#include "hv_demo/hv_guest.h"
#include "hv_demo/hv_internal.h"
#include "hv_demo/report.h"
#include "tools/boards/aarch64/gic.h"

/** PSCI 1.0 functions (SMC Calling Convention ids) and results. */
#define PSCI_VERSION 0x84000000u
#define PSCI_CPU_SUSPEND 0xc4000001u
#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON 0xc4000003u
#define PSCI_AFFINITY_INFO 0xc4000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_FEATURES 0x8400000au
#define PSCI_VERSION_1_0 0x10000u
#define PSCI_SUCCESS 0
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)
#define PSCI_ALREADY_ON (-4)
#define PSCI_TOS_NOT_PRESENT 2
#define PSCI_AFFINITY_ON 0
#define PSCI_AFFINITY_OFF 1

/** ESR_EL2 data abort syndrome: valid, access size, register, write. */
#define ESR_ISV (1u << 24)
#define ESR_SAS(esr) (((esr) >> 22) & 3u)
#define ESR_SRT(esr) ((unsigned int) ((esr) >> 16) & 31u)
#define ESR_WNR (1u << 6)
#define XZR 31

/** SCTLR_EL1 at reset: RES1 bits only (MMU and caches off). */
#define SCTLR_EL1_RESET 0x30d00800ull
#define MPIDR_RES1 (1ull << 31)
#define MPIDR_AFF0 0xffull

/** The arm64 Image header's magic ("ARM\x64" at offset 0x38). */
#define IMAGE_MAGIC_OFFSET 0x38
#define IMAGE_MAGIC 0x644d5241u

/** TPIDR_EL1 values remembered per vCPU. */
#define TPIDR_KEEP 3

/** One vCPU as the guest's host side sees it. */
struct linux_vcpu {
	/** PSCI: 1 from CPU_ON (or boot) to CPU_OFF. */
	int on;
	/** Times it was started (boot vCPU: at hv_init). */
	uint64_t starts;
	uint64_t psci;
	/** Loads compared with the put before them, and those that differed. */
	uint64_t compared;
	uint64_t differed;
	/** Local TLB invalidations for its VMID when it came to a pCPU. */
	uint64_t tlb_flushes;
	/** Loads on each pCPU. */
	uint32_t loads_on[HV_MAX_PCPUS];
	/** TPIDR_EL1 as Linux left it: the first values, and changes. */
	uint64_t tpidr[TPIDR_KEEP];
	unsigned int tpidr_seen;
	uint64_t tpidr_last;
	uint64_t tpidr_changes;
	/** SP_EL0 (Linux's `current`): changes seen between exits. */
	uint64_t sp_el0_last;
	uint64_t sp_el0_changes;
	/** An exit the hypervisor cannot handle: syndrome and pc. */
	uint64_t fault;
	uint64_t fault_pc;
};
PERVCPU_DEFINE(struct linux_vcpu, linux_vcpu) = {0};

/** The vCPU that last ran on this pCPU (NULL: none yet). */
PERCPU_DEFINE(const struct hv_vcpu *, linux_last_vcpu) = NULL;

/** How the machine ended. */
static struct {
	int off;
	int reset;
	int faulted;
	/** A load did not give back what the put took. */
	int lost;
} vm;

/** Resets `v`'s registers to a PSCI start at `pc` with `x0`. */
static void vcpu_start(struct hv_vcpu *v, uint64_t pc, uint64_t x0)
{
	struct arch_regs *r = vcpu_ptr(v->area, hv_arch_regs);
	struct linux_vcpu *l = vcpu_ptr(v->area, linux_vcpu);

	*r = (struct arch_regs){0};
	r->pc = pc;
	r->x[0] = x0;
	r->spsr = SPSR_EL1H_MASKED;
	r->sctlr_el1 = SCTLR_EL1_RESET;
	r->vmpidr = MPIDR_RES1 | v->id;
	context_reset(v);
	l->tpidr_last = 0;
	l->starts++;
}

int hv_guest_vcpu_init(struct hv_vcpu *v, unsigned int arg)
{
	(void) arg;
	if (v->id != 0)
		return 0;
	if (*(volatile uint32_t *) (LINUX_IMAGE_ADDR + IMAGE_MAGIC_OFFSET) !=
	    IMAGE_MAGIC) {
		plat_puts("hv: no arm64 Linux Image at ");
		plat_put_hex(LINUX_IMAGE_ADDR);
		plat_puts("\n");
		return -1;
	}
	/* Linux's boot protocol: x0 = device tree, x1-x3 = 0, MMU off. */
	vcpu_start(v, LINUX_IMAGE_ADDR, LINUX_DTB_ADDR);
	vcpu_ptr(v->area, linux_vcpu)->on = 1;
	return 1;
}

enum hv_runq_policy hv_guest_policy(unsigned int pcpus)
{
#if HV_DEMO_LINUX_PINNED
	(void) pcpus;
	return HV_RUNQ_PINNED;
#else
	return pcpus == 1 ? HV_RUNQ_ANY : HV_RUNQ_MIGRATE_ONCE;
#endif
}

/** PSCI CPU_ON(target, entry, context id). */
static int64_t cpu_on(uint64_t target, uint64_t entry, uint64_t context)
{
	struct hv_vcpu *v;
	int off = 0;

	if ((target & ~MPIDR_AFF0) != 0 ||
	    (target & MPIDR_AFF0) >= hv_state.vcpu_count)
		return PSCI_INVALID_PARAMETERS;
	v = &hv_state.vcpus[target & MPIDR_AFF0];
	if (!__atomic_compare_exchange_n(&vcpu_ptr(v->area, linux_vcpu)->on,
					 &off, 1, 0, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		return PSCI_ALREADY_ON;
	vcpu_start(v, entry, context);
	hv_vcpu_wake(v->id);
	return PSCI_SUCCESS;
}

/** Whether PSCI_FEATURES reports `fid` as implemented. */
static int implemented(uint64_t fid)
{
	switch (fid) {
	case PSCI_VERSION:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON:
	case PSCI_AFFINITY_INFO:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
		return 1;
	default:
		return 0;
	}
}

/** A PSCI call (HVC #0 or SMC #0, function id in x0). */
static enum hv_next psci(struct linux_vcpu *l, const struct hv_exit *e)
{
	int64_t ret = PSCI_NOT_SUPPORTED;

	l->psci++;
	switch (e->call == 0 ? (uint32_t) e->arg[0] : 0) {
	case PSCI_VERSION:
		ret = PSCI_VERSION_1_0;
		break;
	case PSCI_CPU_ON:
		ret = cpu_on(e->arg[1], e->arg[2], e->arg[3]);
		break;
	case PSCI_CPU_OFF:
		__atomic_store_n(&l->on, 0, __ATOMIC_RELEASE);
		return HV_NEXT_OFF;
	case PSCI_AFFINITY_INFO:
		if (e->arg[2] != 0 || (e->arg[1] & ~MPIDR_AFF0) != 0 ||
		    (e->arg[1] & MPIDR_AFF0) >= hv_state.vcpu_count)
			ret = PSCI_INVALID_PARAMETERS;
		else
			ret = __atomic_load_n(
				      &vcpu_ptr(hv_state.vcpus[e->arg[1]].area,
						linux_vcpu)
					       ->on,
				      __ATOMIC_ACQUIRE)
				      ? PSCI_AFFINITY_ON
				      : PSCI_AFFINITY_OFF;
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = PSCI_TOS_NOT_PRESENT;
		break;
	case PSCI_FEATURES:
		ret = implemented(e->arg[1]) ? PSCI_SUCCESS
					     : PSCI_NOT_SUPPORTED;
		break;
	case PSCI_SYSTEM_RESET:
		/* This demo ends either way; the check fails on a reset. */
		vm.reset = 1;
		/* Fall through. */
	case PSCI_SYSTEM_OFF:
		vm.off = 1;
		return HV_NEXT_SHUTDOWN;
	default:
		break;
	}
	hv_arch_vcpu_set_result((uint64_t) ret);
	return HV_NEXT_RUN;
}

/** A trapped distributor access: emulated, then the guest steps past it. */
static enum hv_next mmio(struct arch_regs *r, const struct hv_exit *e)
{
	uint64_t esr = e->code, value = 0;
	unsigned int reg = ESR_SRT(esr), size = 1u << ESR_SAS(esr);
	int write = (esr & ESR_WNR) != 0;

	if (!(esr & ESR_ISV) || e->addr < LINUX_GICD_BASE)
		return HV_NEXT_SHUTDOWN;
	if (write && reg != XZR)
		value = r->x[reg];
	if (vgic_dist_access(e->addr - LINUX_GICD_BASE, write, size, &value))
		return HV_NEXT_SHUTDOWN;
	if (!write && reg != XZR)
		r->x[reg] = value;
	r->pc += 4;
	return HV_NEXT_RUN;
}

/** Notes TPIDR_EL1 and SP_EL0 as Linux left them at this exit. */
static void record_guest_regs(struct linux_vcpu *l, const struct arch_regs *r)
{
	if (r->tpidr_el1 != l->tpidr_last) {
		l->tpidr_changes++;
		l->tpidr_last = r->tpidr_el1;
		if (l->tpidr_seen < TPIDR_KEEP)
			l->tpidr[l->tpidr_seen++] = r->tpidr_el1;
	}
	if (r->sp_el0 != l->sp_el0_last) {
		l->sp_el0_changes++;
		l->sp_el0_last = r->sp_el0;
	}
}

enum hv_next hv_guest_exit(const struct hv_exit *e)
{
	struct linux_vcpu *l = this_vcpu_ptr(linux_vcpu);
	struct arch_regs *r = this_vcpu_ptr(hv_arch_regs);
	enum hv_next next = HV_NEXT_SHUTDOWN;

	record_guest_regs(l, r);
	switch (e->kind) {
	case HV_EXIT_HYPERCALL:
		next = psci(l, e);
		break;
	case HV_EXIT_IRQ:
		vgic_host_irq((unsigned int) e->code,
			      this_cpu_read(hv_current));
		next = HV_NEXT_RUN;
		break;
	case HV_EXIT_WFI:
		/*
		 * Off the pCPU until an interrupt is queued or listed for it,
		 * or its timer fires (hv_guest_vcpu_ready()).
		 */
		next = HV_NEXT_WAIT;
		break;
	case HV_EXIT_MMIO:
		next = mmio(r, e);
		break;
	case HV_EXIT_UNKNOWN:
		if (e->code == EXIT_LOST) {
			/* The entry after a load found registers lost. */
			l->differed++;
			vm.lost = 1;
		}
		break;
	case HV_EXIT_PREEMPT:
		break;
	}
	if (next == HV_NEXT_SHUTDOWN && !vm.off && !vm.lost) {
		l->fault = e->code;
		l->fault_pc = r->pc;
		vm.faulted = 1;
	}
	return next;
}

/*
 * Load: the vCPU's EL1 context and virtual GIC interface back in place,
 * then what a vCPU coming from elsewhere needs on this pCPU:
 * - TLB: the guest's local (non-broadcast) TLB invalidations reached only
 *   the pCPU it ran on; entries this pCPU still holds for the guest's VMID
 *   may be ones the vCPU believes gone. So when another vCPU (or none) ran
 *   here last, invalidate this pCPU's stage-1+2 entries for the VMID
 *   (KVM's last_vcpu_ran).
 * - The virtual timer's PPI is this pCPU's: vgic_restore() enables it here
 *   if the vCPU wants it (the old pCPU disabled it on put).
 * - VMPIDR_EL2 is the vCPU's (vcpu.c writes it with the EL1 registers).
 * Then every register is compared with what the put saved.
 */
int hv_guest_vcpu_load(int migrated)
{
	const struct hv_vcpu *v = this_cpu_read(hv_current);
	struct linux_vcpu *l = this_vcpu_ptr(linux_vcpu);

	l->loads_on[this_cpu_read(hv_host_cpu)]++;
	context_restore();
	if (migrated || this_cpu_read(linux_last_vcpu) != v) {
		stage2_flush_local();
		l->tlb_flushes++;
		this_cpu_write(linux_last_vcpu, v);
	}
	vgic_restore();
	l->compared++;
	if (context_check() != 0) {
		l->differed++;
		vm.lost = 1;
		return -1;
	}
	return 0;
}

void hv_guest_vcpu_put(void)
{
	vgic_save();
	context_save();
}

int hv_guest_vcpu_ready(const struct hv_vcpu *v)
{
	return vgic_pending(v) || context_timer_due(v);
}

void hv_guest_idle(void)
{
	unsigned int iar;

	hv_aarch64_wait();
	/* What woke it: SPIs for some vCPU, kicks, the EL2 timer. */
	while (GIC_IAR_INTID(iar = gic_ack()) != GIC_SPURIOUS)
		vgic_host_irq(iar, NULL);
}

void hv_guest_describe(void)
{
	plat_puts(hv_state.policy == HV_RUNQ_PINNED ? " (pinned)" : "");
	plat_puts(" running the Linux kernel Image at ");
	plat_put_hex(LINUX_IMAGE_ADDR);
	plat_puts(", ");
	plat_put_dec(LINUX_RAM_SIZE >> 20);
	plat_puts(" MiB");
}

const char hv_guest_columns[] =
	"    PSCI  injected    IPIs  TLB flushes  load == put  PSCI state";

void hv_guest_vcpu_cells(const struct hv_vcpu *v)
{
	const struct linux_vcpu *l = vcpu_ptr(v->area, linux_vcpu);

	plat_put_dec_width(l->psci, 8);
	plat_put_dec_width(vgic_injected(v), 10);
	plat_put_dec_width(vgic_ipis(v), 8);
	plat_put_dec_width(l->tlb_flushes, 13);
	plat_put_dec_width(l->compared - l->differed, 7);
	plat_puts("/");
	plat_put_dec(l->compared);
	plat_puts(l->fault != 0 ? "  FAULT " : l->on ? "  on" : "  off");
	if (l->fault != 0) {
		plat_put_hex(l->fault);
		plat_puts(" at ");
		plat_put_hex(l->fault_pc);
	}
}

void hv_guest_tables(void)
{
	unsigned int i, k;

	plat_puts("\n pCPU  IRQs injected  of which IPIs"
		  "  (list registers filled here)\n");
	for (i = 0; i < hv_state.pcpu_count; i++) {
		plat_put_dec_width(i, 5);
		plat_put_dec_width(vgic_pcpu_injected(i), 15);
		plat_put_dec_width(vgic_pcpu_ipis(i), 15);
		plat_puts("\n");
	}

	plat_puts("\n vCPU  loads on pCPU 0, 1, ...  TPIDR_EL1 as Linux set it "
		  "(its per-CPU offset)  changes  SP_EL0 (current) changes\n");
	for (i = 0; i < hv_state.vcpu_count; i++) {
		const struct linux_vcpu *l =
			vcpu_ptr(hv_state.vcpus[i].area, linux_vcpu);

		plat_put_dec_width(i, 5);
		plat_puts("  ");
		for (k = 0; k < hv_state.pcpu_count; k++)
			plat_put_dec_width(l->loads_on[k], 6);
		plat_puts("  0");
		for (k = 0; k < l->tpidr_seen; k++) {
			plat_puts(" -> ");
			plat_put_hex(l->tpidr[k]);
		}
		plat_puts("  ");
		plat_put_dec_width(l->tpidr_changes, 7);
		plat_put_dec_width(l->sp_el0_changes, 10);
		plat_puts("\n");
	}
}

/** Whether vCPU `i` set one per-CPU offset of its own and kept it. */
static int offset_kept(unsigned int i)
{
	const struct linux_vcpu *l =
		vcpu_ptr(hv_state.vcpus[i].area, linux_vcpu);
	unsigned int j;

	if (l->tpidr_changes != 1 || l->tpidr[0] == 0)
		return 0;
	for (j = 0; j < i; j++) {
		if (vcpu_ptr(hv_state.vcpus[j].area, linux_vcpu)->tpidr[0] ==
		    l->tpidr[0])
			return 0;
	}
	return 1;
}

void hv_guest_checks(void)
{
	unsigned int n = hv_state.vcpu_count, i, started = 0, kept = 0;
	unsigned int everywhere = 0;
	uint64_t injected = 0, ipis = 0, compared = 0, differed = 0;
	uint64_t pcpu_injected = 0, pcpu_ipis = 0;

	for (i = 0; i < n; i++) {
		const struct hv_vcpu *v = &hv_state.vcpus[i];
		const struct linux_vcpu *l = vcpu_ptr(v->area, linux_vcpu);
		everywhere += hv_pcpus_used(vcpu_ptr(v->area, hv_vstats)) ==
			      hv_state.pcpu_count;
		started += l->starts != 0;
		kept += offset_kept(i);
		injected += vgic_injected(v);
		ipis += vgic_ipis(v);
		compared += l->compared;
		differed += l->differed;
	}
	hv_check(vm.off && !vm.reset && !vm.faulted,
		 "Linux powered the machine off (PSCI SYSTEM_OFF; ");
	plat_puts(vm.reset     ? "it asked for a reset"
		  : vm.faulted ? "an exit the hypervisor cannot handle"
			       : "no reset, no fault");
	plat_puts(")\n");
	hv_check(started == n, "every vCPU started (boot, then PSCI CPU_ON: ");
	plat_put_dec(started);
	plat_puts("/");
	plat_put_dec(n);
	plat_puts(")\n");
	hv_check(kept == n, "guest-owned TPIDR_EL1: Linux set one per-CPU "
			    "offset per vCPU, distinct, never changed after (");
	plat_put_dec(kept);
	plat_puts("/");
	plat_put_dec(n);
	plat_puts(")\n");
	hv_check(differed == 0 && compared > 0 && !vm.lost,
		 "guest-owned registers (general, EL1 system, FP/SIMD, virtual "
		 "timer) identical after every load to what the put saved (");
	plat_put_dec(compared);
	plat_puts(" loads, ");
	plat_put_dec(differed);
	plat_puts(" different)\n");
	if (hv_state.policy != HV_RUNQ_PINNED) {
		hv_check(everywhere == n, "every vCPU ran on every pCPU (");
		plat_put_dec(everywhere);
		plat_puts("/");
		plat_put_dec(n);
		plat_puts(")\n");
	}
	for (i = 0; i < hv_state.pcpu_count; i++) {
		pcpu_injected += vgic_pcpu_injected(i);
		pcpu_ipis += vgic_pcpu_ipis(i);
	}
	hv_check(injected > 0 && (n == 1 || ipis > 0) &&
			 injected == pcpu_injected && ipis == pcpu_ipis,
		 "interrupts injected through list registers (");
	plat_put_dec(injected);
	plat_puts(", of which IPIs ");
	plat_put_dec(ipis);
	plat_puts("; per-pCPU totals the same: ");
	plat_put_dec(pcpu_injected);
	plat_puts(", ");
	plat_put_dec(pcpu_ipis);
	plat_puts(")\n");
}
