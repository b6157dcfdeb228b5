/*
 * aarch64 side of hv_demo's vCPUs (hv_demo/hv_arch.h): guest state in the
 * per-vCPU area, EL1 system register switching, guest entry and exit
 * decoding.
 */
#include <stddef.h>

#include "hv_demo/aarch64/guest.h"
#include "hv_demo/aarch64/regs.h"
#include "hv_demo/aarch64/sysreg.h"
#include "hv_demo/hv_arch.h"

static_assert(offsetof(struct arch_regs, x) == REGS_X0, "exception.S");
static_assert(offsetof(struct arch_regs, x[30]) == REGS_X30, "exception.S");
static_assert(offsetof(struct arch_regs, pc) == REGS_PC, "exception.S");
static_assert(offsetof(struct arch_regs, spsr) == REGS_SPSR, "exception.S");

/** The guest's registers, one copy per vCPU. */
PERVCPU_DEFINE(struct arch_regs, hv_arch_regs);

const char hv_arch_name[] = "aarch64 EL2 (QEMU virt), host per-CPU base in " PERCPU_AARCH64_TPIDR;
const char hv_arch_guest_regs[] = "TPIDR_EL1 (+ its page), TPIDR_EL0, SP_EL0";

/** SPSR: EL1 using SP_EL1, D, A, I and F masked. */
#define SPSR_EL1H_MASKED 0x3c5
/** SCTLR_EL1 RES1 bits (ARMv8.0); MMU and caches off. */
#define SCTLR_EL1_RES1 0x30d00800
/** ESR_ELx exception class of HVC from AArch64, and the HVC immediate. */
#define ESR_EC(esr) ((esr) >> 26)
#define ESR_EC_HVC64 0x16
#define ESR_ISS_IMM16(esr) ((esr) &0xffff)

void hv_arch_vcpu_init(struct hv_vcpu *v, unsigned int steps)
{
	struct arch_regs *r = vcpu_ptr(v->area, hv_arch_regs);

	r->pc = (uintptr_t) guest_main;
	r->spsr = SPSR_EL1H_MASKED;
	r->x[0] = v->id;
	r->x[1] = steps;
	r->sp_el1 = guest_stack_top(v->id);
	r->vbar_el1 = (uintptr_t) guest_vectors;
	r->sctlr_el1 = SCTLR_EL1_RES1;
}

/** Puts the guest's EL1/EL0 system registers in place. */
static void el1_load(const struct arch_regs *r)
{
	write_sysreg(sp_el1, r->sp_el1);
	write_sysreg(sp_el0, r->sp_el0);
	write_sysreg(elr_el1, r->elr_el1);
	write_sysreg(spsr_el1, r->spsr_el1);
	write_sysreg(esr_el1, r->esr_el1);
	write_sysreg(far_el1, r->far_el1);
	write_sysreg(vbar_el1, r->vbar_el1);
	write_sysreg(sctlr_el1, r->sctlr_el1);
	write_sysreg(tpidr_el1, r->tpidr_el1);
	write_sysreg(tpidr_el0, r->tpidr_el0);
	write_sysreg(tpidrro_el0, r->tpidrro_el0);
	isb();
}

/** Saves them back after an exit. */
static void el1_save(struct arch_regs *r)
{
	r->sp_el1 = read_sysreg(sp_el1);
	r->sp_el0 = read_sysreg(sp_el0);
	r->elr_el1 = read_sysreg(elr_el1);
	r->spsr_el1 = read_sysreg(spsr_el1);
	r->esr_el1 = read_sysreg(esr_el1);
	r->far_el1 = read_sysreg(far_el1);
	r->vbar_el1 = read_sysreg(vbar_el1);
	r->sctlr_el1 = read_sysreg(sctlr_el1);
	r->tpidr_el1 = read_sysreg(tpidr_el1);
	r->tpidr_el0 = read_sysreg(tpidr_el0);
	r->tpidrro_el0 = read_sysreg(tpidrro_el0);
}

void hv_arch_vcpu_run(struct hv_exit *exit)
{
	struct arch_regs *r = this_vcpu_ptr(hv_arch_regs);
	uint64_t kind, esr;

	el1_load(r);
	kind = hv_arch_enter(r);
	esr = read_sysreg(esr_el2);
	el1_save(r);

	*exit = (struct hv_exit){.kind = HV_EXIT_UNKNOWN, .code = esr};
	if (kind == EXIT_SYNC && ESR_EC(esr) == ESR_EC_HVC64) {
		exit->kind = HV_EXIT_HYPERCALL;
		exit->call = ESR_ISS_IMM16(esr);
		exit->arg[0] = r->x[0];
		exit->arg[1] = r->x[1];
		exit->arg[2] = r->x[2];
		exit->arg[3] = r->x[3];
	} else if (kind != EXIT_SYNC) {
		/* An asynchronous exit: the syndrome is the vector. */
		exit->code = 0x100 + kind;
	}
}

void hv_arch_vcpu_set_result(uint64_t value)
{
	this_vcpu_ptr(hv_arch_regs)->x[0] = value;
}
