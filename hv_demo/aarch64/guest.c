/*
 * The demo guest, run at EL1 by every vCPU. It behaves like a small kernel
 * that owns its registers: TPIDR_EL1 points at its own per-CPU page (as
 * Linux does), and before every hypercall it puts fresh values in TPIDR_EL1's
 * page, TPIDR_EL0 and SP_EL0 (as a scheduler switching threads would). After
 * the hypercall returns - possibly on another pCPU - it checks that all of
 * them still hold what it left. Nothing here may touch per-CPU data of the
 * hypervisor: TPIDR_EL2 does not exist at EL1. hv_arch_vcpu_init() (for
 * hv_demo/steps.c) sets a vCPU up to run it.
 */
#include "hv_demo/aarch64/guest.h"

#include "hv_demo/aarch64/regs.h"
#include "hv_demo/hv_arch.h"
#include "hv_demo/workload.h"
#include "tools/boards/aarch64/sysreg.h"

#define GUEST_STACK_SIZE 2048

/* The hypercall numbers below and in guest_vectors.S are literals. */
_Static_assert(HV_CALL_STEP == 1 && HV_CALL_DONE == 2 && HV_CALL_FAULT == 3,
	       "hv_demo/aarch64 guests hard-code the hypercall numbers");

/** One guest's memory: its stack and its "kernel per-CPU page". */
struct guest_mem {
	uint8_t stack[GUEST_STACK_SIZE];
	uint64_t percpu_page[512];
} __attribute__((aligned(4096)));

static struct guest_mem guest_mem[HV_MAX_VCPUS];

uintptr_t guest_stack_top(unsigned int id)
{
	return (uintptr_t) (guest_mem[id].stack + GUEST_STACK_SIZE);
}

const char hv_arch_guest_regs[] = "TPIDR_EL1 (+ its page), TPIDR_EL0, SP_EL0";

/** SCTLR_EL1: RES1 bits (ARMv8.0), MMU, data and instruction caches on. */
#define SCTLR_EL1_MMU_ON (0x30d00800 | (1u << 0) | (1u << 2) | (1u << 12))
/** TCR_EL1.EPD1: no TTBR1 walks. */
#define TCR_EL1_EPD1 (1ull << 23)
/** TCR fields EL1 and EL2 share: T0SZ, IRGN0, ORGN0, SH0, TG0. */
#define TCR_TTBR0_FIELDS 0xffffull
/** MPIDR bit 31 is RES1. */
#define MPIDR_RES1 (1ull << 31)

void hv_arch_vcpu_init(struct hv_vcpu *v, unsigned int steps)
{
	struct arch_regs *r = vcpu_ptr(v->area, hv_arch_regs);

	r->pc = (uintptr_t) guest_main;
	r->spsr = SPSR_EL1H_MASKED;
	r->x[0] = v->id;
	r->x[1] = steps;
	r->sp_el1 = guest_stack_top(v->id);
	r->vbar_el1 = (uintptr_t) guest_vectors;
	r->vmpidr = MPIDR_RES1 | v->id;
	/* The guest sees memory as the host does: the platform's map. */
	r->sctlr_el1 = SCTLR_EL1_MMU_ON;
	r->ttbr0_el1 = READ_SYSREG(ttbr0_el2);
	r->tcr_el1 = (READ_SYSREG(tcr_el2) & TCR_TTBR0_FIELDS) | TCR_EL1_EPD1;
	r->mair_el1 = READ_SYSREG(mair_el2);
}

/** HVC #call with up to three arguments; returns x0. */
#define hypercall(call, a0, a1, a2)                                            \
	__extension__({                                                        \
		register uint64_t x0_ __asm__("x0") = (a0);                    \
		register uint64_t x1_ __asm__("x1") = (a1);                    \
		register uint64_t x2_ __asm__("x2") = (a2);                    \
		__asm__ volatile("hvc #" SYSREG_STR_(call)                     \
				 : "+r"(x0_), "+r"(x1_), "+r"(x2_)             \
				 :                                             \
				 : "x3", "memory");                            \
		x0_;                                                           \
	})

/** Sets the registers and page the guest owns to their values for step i. */
static void clobber(uint64_t *page, uint64_t id, uint64_t i)
{
	WRITE_SYSREG(tpidr_el1, (uintptr_t) page);
	page[i % 512] = hv_work_tag(id, i, 0);
	WRITE_SYSREG(tpidr_el0, hv_work_tag(id, i, 1));
	WRITE_SYSREG(sp_el0, hv_work_tag(id, i, 2) & ~15ull);
}

/** Number of the guest's registers or page words no longer as it left them. */
static uint64_t changes(const uint64_t *page, uint64_t id, uint64_t i)
{
	uint64_t n = 0;

	n += READ_SYSREG(tpidr_el1) != (uintptr_t) page;
	n += page[i % 512] != hv_work_tag(id, i, 0);
	n += READ_SYSREG(tpidr_el0) != hv_work_tag(id, i, 1);
	n += READ_SYSREG(sp_el0) != (hv_work_tag(id, i, 2) & ~15ull);
	return n;
}

void guest_main(uint64_t id, uint64_t steps)
{
	uint64_t *page = guest_mem[id].percpu_page;
	uint64_t acc = hv_work_seed(id);
	uint64_t errors = 0;
	uint64_t i;

	for (i = 0; i < 512; i++)
		page[i] = 0;
	for (i = 0; i < steps; i++) {
		uint64_t reply;

		clobber(page, id, i);
		reply = hypercall(1, i, acc, errors);
		errors += changes(page, id, i);
		acc = hv_work_step(acc, i, reply);
	}
	for (;;)
		hypercall(2, acc, errors, 0);
}
