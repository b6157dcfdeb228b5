/*
 * aarch64 side of hv_demo's vCPUs (hv_demo/hv_arch.h): guest state in the
 * per-vCPU area, EL1 system register switching, guest entry and exit
 * decoding.
 */
#include <stddef.h>

#include "hv_demo/aarch64/guest.h"
#include "hv_demo/aarch64/regs.h"
#include "hv_demo/hv_arch.h"
#include "tools/boards/aarch64/gic.h"
#include "tools/boards/aarch64/sysreg.h"

_Static_assert(offsetof(struct arch_regs, x) == REGS_X0, "exception.S");
_Static_assert(offsetof(struct arch_regs, x[30]) == REGS_X30, "exception.S");
_Static_assert(offsetof(struct arch_regs, pc) == REGS_PC, "exception.S");
_Static_assert(offsetof(struct arch_regs, spsr) == REGS_SPSR, "exception.S");

/** The guest's registers, one copy per vCPU. */
PERVCPU_DEFINE(struct arch_regs, hv_arch_regs);

const char hv_arch_name[] =
	"aarch64 EL2 (QEMU virt), host per-CPU base in " PERCPU_AARCH64_TPIDR;
const char hv_arch_guest_regs[] = "TPIDR_EL1 (+ its page), TPIDR_EL0, SP_EL0";

/** SPSR: EL1 using SP_EL1, D, A, I and F masked. */
#define SPSR_EL1H_MASKED 0x3c5
/** SCTLR_EL1: RES1 bits (ARMv8.0), MMU, data and instruction caches on. */
#define SCTLR_EL1_MMU_ON (0x30d00800 | (1u << 0) | (1u << 2) | (1u << 12))
/** TCR_EL1.EPD1: no TTBR1 walks. */
#define TCR_EL1_EPD1 (1ull << 23)
/** TCR fields EL1 and EL2 share: T0SZ, IRGN0, ORGN0, SH0, TG0. */
#define TCR_TTBR0_FIELDS 0xffffull
/** ESR_ELx exception class of HVC from AArch64, and the HVC immediate. */
#define ESR_EC(esr) ((esr) >> 26)
#define ESR_EC_HVC64 0x16
#define ESR_ISS_IMM16(esr) ((esr) &0xffff)

/** How long a guest runs before the EL2 timer (CNTHP) preempts it. */
#define QUANTUM_US 10
#define CNTHP_CTL_ENABLE 1

void hv_arch_vcpu_init(struct hv_vcpu *v, unsigned int steps)
{
	struct arch_regs *r = vcpu_ptr(v->area, hv_arch_regs);

	r->pc = (uintptr_t) guest_main;
	r->spsr = SPSR_EL1H_MASKED;
	r->x[0] = v->id;
	r->x[1] = steps;
	r->sp_el1 = guest_stack_top(v->id);
	r->vbar_el1 = (uintptr_t) guest_vectors;
	/* The guest sees memory as the host does: the platform's map. */
	r->sctlr_el1 = SCTLR_EL1_MMU_ON;
	r->ttbr0_el1 = READ_SYSREG(ttbr0_el2);
	r->tcr_el1 = (READ_SYSREG(tcr_el2) & TCR_TTBR0_FIELDS) | TCR_EL1_EPD1;
	r->mair_el1 = READ_SYSREG(mair_el2);
}

/** Puts the guest's EL1/EL0 system registers in place. */
static void el1_load(const struct arch_regs *r)
{
	WRITE_SYSREG(sp_el1, r->sp_el1);
	WRITE_SYSREG(sp_el0, r->sp_el0);
	WRITE_SYSREG(elr_el1, r->elr_el1);
	WRITE_SYSREG(spsr_el1, r->spsr_el1);
	WRITE_SYSREG(esr_el1, r->esr_el1);
	WRITE_SYSREG(far_el1, r->far_el1);
	WRITE_SYSREG(vbar_el1, r->vbar_el1);
	WRITE_SYSREG(ttbr0_el1, r->ttbr0_el1);
	WRITE_SYSREG(tcr_el1, r->tcr_el1);
	WRITE_SYSREG(mair_el1, r->mair_el1);
	WRITE_SYSREG(sctlr_el1, r->sctlr_el1);
	WRITE_SYSREG(tpidr_el1, r->tpidr_el1);
	WRITE_SYSREG(tpidr_el0, r->tpidr_el0);
	WRITE_SYSREG(tpidrro_el0, r->tpidrro_el0);
	__asm__ volatile("isb" ::: "memory");
}

/** Saves them back after an exit. */
static void el1_save(struct arch_regs *r)
{
	r->sp_el1 = READ_SYSREG(sp_el1);
	r->sp_el0 = READ_SYSREG(sp_el0);
	r->elr_el1 = READ_SYSREG(elr_el1);
	r->spsr_el1 = READ_SYSREG(spsr_el1);
	r->esr_el1 = READ_SYSREG(esr_el1);
	r->far_el1 = READ_SYSREG(far_el1);
	r->vbar_el1 = READ_SYSREG(vbar_el1);
	r->sctlr_el1 = READ_SYSREG(sctlr_el1);
	r->ttbr0_el1 = READ_SYSREG(ttbr0_el1);
	r->tcr_el1 = READ_SYSREG(tcr_el1);
	r->mair_el1 = READ_SYSREG(mair_el1);
	r->tpidr_el1 = READ_SYSREG(tpidr_el1);
	r->tpidr_el0 = READ_SYSREG(tpidr_el0);
	r->tpidrro_el0 = READ_SYSREG(tpidrro_el0);
}

void hv_arch_vcpu_run(struct hv_exit *exit)
{
	struct arch_regs *r = this_vcpu_ptr(hv_arch_regs);
	uint64_t kind, esr;

	el1_load(r);
	WRITE_SYSREG(cnthp_tval_el2,
		     READ_SYSREG(cntfrq_el0) * QUANTUM_US / 1000000);
	WRITE_SYSREG(cnthp_ctl_el2, CNTHP_CTL_ENABLE);
	kind = hv_arch_enter(r);
	WRITE_SYSREG(cnthp_ctl_el2, 0);
	esr = READ_SYSREG(esr_el2);
	el1_save(r);

	*exit = (struct hv_exit){.kind = HV_EXIT_UNKNOWN, .code = esr};
	if (kind == EXIT_IRQ) {
		unsigned int intid = gic_ack();

		if (intid != GIC_SPURIOUS)
			gic_eoi(intid);
		/* The timer, or an interrupt gone before we looked. */
		if (intid == GIC_PPI_HYP_TIMER || intid == GIC_SPURIOUS)
			exit->kind = HV_EXIT_PREEMPT;
		else
			exit->code = 0x100 + intid;
	} else if (kind == EXIT_SYNC && ESR_EC(esr) == ESR_EC_HVC64) {
		exit->kind = HV_EXIT_HYPERCALL;
		exit->call = ESR_ISS_IMM16(esr);
		exit->arg[0] = r->x[0];
		exit->arg[1] = r->x[1];
		exit->arg[2] = r->x[2];
		exit->arg[3] = r->x[3];
	} else if (kind != EXIT_SYNC) {
		/* FIQ or SError: the syndrome is the vector. */
		exit->code = 0x200 + kind;
	}
}

void hv_arch_vcpu_set_result(uint64_t value)
{
	this_vcpu_ptr(hv_arch_regs)->x[0] = value;
}

/* Nothing to attach or detach: hv_arch_vcpu_run() switches everything. */
void hv_arch_vcpu_load(int migrated)
{
	(void) migrated;
}

void hv_arch_vcpu_put(void) {}

void hv_arch_report(void) {}
