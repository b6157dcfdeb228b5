/*
 * aarch64 side of hv_demo's vCPUs (hv_demo/hv_arch.h): guest state in the
 * per-vCPU area, EL1 system registers switched around every entry, guest
 * entry and exit decoding. Shared by every aarch64 image, whatever the guest.
 */
#include <stddef.h>

#include "hv_demo/aarch64/asm_offsets.h"
#include "hv_demo/aarch64/regs.h"
#include "hv_demo/hv_arch.h"
#include "tools/boards/platform.h"
#include "tools/boards/aarch64/gic.h"
#include "tools/boards/aarch64/sysreg.h"

/* The generated offsets exception.S uses, against this compile's layout. */
_Static_assert(offsetof(struct arch_regs, x) == REGS_X0, "exception.S");
_Static_assert(offsetof(struct arch_regs, x[30]) == REGS_X30, "exception.S");
_Static_assert(offsetof(struct arch_regs, pc) == REGS_PC, "exception.S");
_Static_assert(offsetof(struct arch_regs, spsr) == REGS_SPSR, "exception.S");
_Static_assert(offsetof(struct arch_frame, regs) == FRAME_REGS, "exception.S");
_Static_assert(offsetof(struct arch_frame, x19_x30) == FRAME_X19,
	       "exception.S");
_Static_assert(sizeof(struct arch_frame) == FRAME_SIZE && FRAME_SIZE % 16 == 0,
	       "exception.S: SP_EL2 stays 16-byte aligned");

PERVCPU_DEFINE(struct arch_regs, hv_arch_regs);

const char hv_arch_name[] =
	"aarch64 EL2 (QEMU virt), host per-CPU base in " PERCPU_AARCH64_TPIDR;

/** ESR_EL2: exception class, instruction length, HVC/SMC immediate. */
#define ESR_EC(esr) ((esr) >> 26)
#define ESR_EC_WFX 0x01
#define ESR_EC_HVC64 0x16
#define ESR_EC_SMC64 0x17
#define ESR_EC_DABT_LOW 0x24
#define ESR_ISS_IMM16(esr) ((esr) &0xffff)
/** HPFAR_EL2 holds bits 47:12 of the faulting guest-physical address. */
#define HPFAR_IPA(hpfar) (((hpfar) >> 4) << 12)

#define CNTHP_CTL_ENABLE 1

void hv_arch_fatal(uint64_t vector)
{
	plat_console_lock();
	plat_puts("\nhv: exception at EL2, vector ");
	plat_put_dec(vector);
	plat_puts(", ESR_EL2 ");
	plat_put_hex(READ_SYSREG(esr_el2));
	plat_puts(", ELR_EL2 ");
	plat_put_hex(READ_SYSREG(elr_el2));
	plat_puts(", FAR_EL2 ");
	plat_put_hex(READ_SYSREG(far_el2));
	plat_puts("\n");
	plat_exit(PLAT_EXIT_TRAP);
}

/*
 * The EL1/EL0 system registers struct arch_regs holds (its fields are
 * named after them): one list for load, save and compare.
 */
#define EL1_REGS(X)                                                            \
	X(sp_el1)                                                              \
	X(sp_el0)                                                              \
	X(elr_el1)                                                             \
	X(spsr_el1)                                                            \
	X(esr_el1)                                                             \
	X(far_el1)                                                             \
	X(vbar_el1)                                                            \
	X(ttbr0_el1)                                                           \
	X(tcr_el1)                                                             \
	X(mair_el1)                                                            \
	X(sctlr_el1)                                                           \
	X(tpidr_el1)                                                           \
	X(tpidr_el0)                                                           \
	X(tpidrro_el0)

/** Puts the guest's EL1/EL0 system registers in place. */
static void el1_load(const struct arch_regs *r)
{
#if HV_DEMO_BREAK_SP_EL0
	/* Broken on purpose: SP_EL0 keeps what the pCPU last held. */
	uint64_t stale_sp_el0 = READ_SYSREG(sp_el0);
#endif
#define LOAD(reg) WRITE_SYSREG(reg, r->reg);
	EL1_REGS(LOAD)
#undef LOAD
#if HV_DEMO_BREAK_SP_EL0
	WRITE_SYSREG(sp_el0, stale_sp_el0);
#endif
	WRITE_SYSREG(vmpidr_el2, r->vmpidr);
	__asm__ volatile("isb" ::: "memory");
}

/** Saves them back after an exit. */
static void el1_save(struct arch_regs *r)
{
#define SAVE(reg) r->reg = READ_SYSREG(reg);
	EL1_REGS(SAVE)
#undef SAVE
}

/** Fills *exit for a synchronous exception from the guest. */
static void decode_sync(struct arch_regs *r, uint64_t esr, struct hv_exit *exit)
{
	switch (ESR_EC(esr)) {
	case ESR_EC_SMC64:
		/* A trapped SMC returns past itself; an HVC already is. */
		r->pc += 4;
		/* Fall through. */
	case ESR_EC_HVC64:
		exit->kind = HV_EXIT_HYPERCALL;
		exit->call = ESR_ISS_IMM16(esr);
		exit->arg[0] = r->x[0];
		exit->arg[1] = r->x[1];
		exit->arg[2] = r->x[2];
		exit->arg[3] = r->x[3];
		break;
	case ESR_EC_WFX:
		r->pc += 4;
		/* Only WFI traps (HCR_EL2.TWI); WFE runs in the guest. */
		exit->kind = HV_EXIT_WFI;
		break;
	case ESR_EC_DABT_LOW:
		/* The guest emulates and steps past it (the access may fail).
		 */
		exit->kind = HV_EXIT_MMIO;
		exit->addr = HPFAR_IPA(READ_SYSREG(hpfar_el2)) |
			     (READ_SYSREG(far_el2) & 0xfff);
		break;
	default:
		exit->code = esr;
		break;
	}
}

/** Registers the hardware holds differently from `saved`. */
static uint64_t el1_differs(const struct arch_regs *saved)
{
	uint64_t n = 0;

#define DIFFERS(reg) n += READ_SYSREG(reg) != saved->reg;
	EL1_REGS(DIFFERS)
#undef DIFFERS
	return n;
}

/** Arms the EL2 timer (CNTHP) to fire in one quantum. */
static void timer_arm(void)
{
	WRITE_SYSREG(cnthp_tval_el2,
		     READ_SYSREG(cntfrq_el0) * hv_aarch64_quantum_us / 1000000);
	WRITE_SYSREG(cnthp_ctl_el2, CNTHP_CTL_ENABLE);
}

void hv_arch_idle(void)
{
	hv_aarch64_wait();
}

void hv_aarch64_wait(void)
{
	timer_arm();
	__asm__ volatile("dsb sy; wfi" ::: "memory");
	/* Disarmed, its interrupt is gone too (a level-triggered PPI). */
	WRITE_SYSREG(cnthp_ctl_el2, 0);
}

void hv_arch_vcpu_run(struct hv_exit *exit)
{
	struct arch_regs *r = this_vcpu_ptr(hv_arch_regs);
	uint64_t kind, esr;

	el1_load(r);
	if (r->check_next_entry) {
		uint64_t lost = el1_differs(r);

		r->check_next_entry = 0;
		r->entries_checked++;
		r->registers_lost += lost;
		if (lost != 0) {
			*exit = (struct hv_exit){.kind = HV_EXIT_UNKNOWN,
						 .code = EXIT_LOST};
			return;
		}
	}
	timer_arm();
	kind = hv_arch_enter(r);
	WRITE_SYSREG(cnthp_ctl_el2, 0);
	esr = READ_SYSREG(esr_el2);
	el1_save(r);

	*exit = (struct hv_exit){.kind = HV_EXIT_UNKNOWN, .code = esr};
	if (kind == EXIT_IRQ) {
		unsigned int iar = gic_ack();
		unsigned int intid = GIC_IAR_INTID(iar);

		/* The timer, or an interrupt gone before we looked. */
		if (intid == GIC_PPI_HYP_TIMER || intid == GIC_SPURIOUS) {
			if (intid != GIC_SPURIOUS)
				gic_eoi(iar);
			exit->kind = HV_EXIT_PREEMPT;
		} else {
			/* The guest's to end (hv_guest_exit()). */
			exit->kind = HV_EXIT_IRQ;
			exit->code = iar;
		}
	} else if (kind == EXIT_SYNC) {
		decode_sync(r, esr, exit);
	} else {
		/* FIQ or SError: the syndrome is the vector. */
		exit->code = 0x200 + kind;
	}
}

void hv_arch_vcpu_set_result(uint64_t value)
{
	this_vcpu_ptr(hv_arch_regs)->x[0] = value;
}

/*
 * Nothing to attach or detach: hv_arch_vcpu_run() switches the EL1 state
 * around every entry, so that host code between exits never runs with a
 * guest's registers in place (a host wrongly based in TPIDR_EL1 then fails
 * its checks instead of faulting). A load only asks the next entry to check
 * the restored registers against the saved ones.
 */
void hv_arch_vcpu_load(int migrated)
{
	(void) migrated;
	this_vcpu_ptr(hv_arch_regs)->check_next_entry = 1;
}

void hv_arch_vcpu_put(void) {}

void hv_arch_report(void) {}

/** The image's per-pCPU set-up, for hv_aarch64_main()'s secondaries. */
static int (*pcpu_setup)(unsigned int index);

static void secondary(unsigned int index, void *arg)
{
	(void) arg;
	if (pcpu_setup(index) == 0)
		hv_pcpu_loop();
	else
		plat_exit(PLAT_EXIT_FAIL);
	plat_park();
}

int hv_aarch64_main(unsigned int vcpus, unsigned int arg,
		    int (*setup)(unsigned int index))
{
	unsigned int pcpus = plat_cpu_count();
	unsigned int i;
	int rc;

	pcpu_setup = setup;
	rc = percpu_init(NULL, pcpus);
	if (rc < 0 || setup(0) != 0)
		return 1;
	if (hv_init(pcpus, vcpus, arg) != 0)
		return 1;
	for (i = 1; i < pcpus; i++) {
		if (plat_start_cpu(i, secondary, NULL) != 0)
			return 1;
	}
	hv_pcpu_loop();
	hv_wait_idle();
	return hv_report() == 0 ? 0 : 1;
}
