/*
 * The part of a Linux vCPU's EL1 context that only matters when vCPUs share
 * a pCPU: saved into its per-vCPU area on put, restored on load, then
 * compared with what the put saved. (vcpu.c switches the general registers
 * and the EL1 registers the host must never hold a guest's value in around
 * every entry, and checks them at the first entry after a load.)
 */
#include <stddef.h>

#include "hv_demo/aarch64/linux/context.h"
#include "hv_demo/aarch64/linux/vm.h"
#include "hv_demo/aarch64/regs.h"
#include "tools/boards/aarch64/sysreg.h"

_Static_assert(offsetof(struct fpsimd, fpsr) == FPSIMD_FPSR, "fpsimd.S");
_Static_assert(offsetof(struct fpsimd, fpcr) == FPSIMD_FPCR, "fpsimd.S");
_Static_assert(sizeof(struct fpsimd) == FPSIMD_SIZE, "fpsimd.S");

/** CNTV_CTL_EL0: ENABLE, IMASK (ISTATUS is the hardware's to say). */
#define CNTV_ENABLE 1ull
#define CNTV_IMASK 2ull
#define CNTV_CTL_BITS (CNTV_ENABLE | CNTV_IMASK)

/** Everything context_save() takes. */
struct el1_context {
	uint64_t ttbr1_el1;
	uint64_t contextidr_el1;
	uint64_t amair_el1;
	uint64_t cpacr_el1;
	uint64_t cntkctl_el1;
	uint64_t par_el1;
	uint64_t mdscr_el1;
	uint64_t afsr0_el1;
	uint64_t afsr1_el1;
	uint64_t csselr_el1;
	uint64_t actlr_el1;
	/** The virtual timer: stopped on this pCPU while the vCPU is out. */
	uint64_t cntv_ctl;
	uint64_t cntv_cval;
	struct fpsimd fp __attribute__((aligned(16)));
};
PERVCPU_DEFINE(struct el1_context, el1_context) = {0};

/* One list of the registers, for save, restore and check alike. */
#define EL1_SYSREGS(X)                                                         \
	X(ttbr1_el1)                                                           \
	X(contextidr_el1)                                                      \
	X(amair_el1)                                                           \
	X(cpacr_el1)                                                           \
	X(cntkctl_el1)                                                         \
	X(par_el1)                                                             \
	X(mdscr_el1)                                                           \
	X(afsr0_el1)                                                           \
	X(afsr1_el1)                                                           \
	X(csselr_el1)                                                          \
	X(actlr_el1)

void context_save(void)
{
	struct el1_context *c = this_vcpu_ptr(el1_context);

#define SAVE(reg) c->reg = READ_SYSREG(reg);
	EL1_SYSREGS(SAVE)
#undef SAVE
	c->cntv_ctl = READ_SYSREG(cntv_ctl_el0) & CNTV_CTL_BITS;
	c->cntv_cval = READ_SYSREG(cntv_cval_el0);
	/* Its interrupt must not fire for the next vCPU here. */
	WRITE_SYSREG(cntv_ctl_el0, 0);
	fpsimd_save(&c->fp);
}

void context_restore(void)
{
	const struct el1_context *c = this_vcpu_ptr(el1_context);

#define RESTORE(reg) WRITE_SYSREG(reg, c->reg);
	EL1_SYSREGS(RESTORE)
#undef RESTORE
	WRITE_SYSREG(cntv_cval_el0, c->cntv_cval);
	WRITE_SYSREG(cntv_ctl_el0, c->cntv_ctl);
	fpsimd_restore(&c->fp);
	__asm__ volatile("isb" ::: "memory");
}

int context_check(void)
{
	const struct el1_context *c = this_vcpu_ptr(el1_context);
	struct fpsimd now;
	int differ = 0;
	unsigned int i;

#define CHECK(reg) differ += READ_SYSREG(reg) != c->reg;
	EL1_SYSREGS(CHECK)
#undef CHECK
	differ += (READ_SYSREG(cntv_ctl_el0) & CNTV_CTL_BITS) != c->cntv_ctl;
	differ += READ_SYSREG(cntv_cval_el0) != c->cntv_cval;
	fpsimd_save(&now);
	for (i = 0; i < 32; i++)
		differ += now.v[i][0] != c->fp.v[i][0] ||
			  now.v[i][1] != c->fp.v[i][1];
	differ += now.fpsr != c->fp.fpsr || now.fpcr != c->fp.fpcr;
	return differ;
}

int context_timer_due(const struct hv_vcpu *v)
{
	const struct el1_context *c = vcpu_ptr(v->area, el1_context);

	/* CNTVOFF_EL2 is 0: the virtual count is the physical one. */
	return (c->cntv_ctl & CNTV_CTL_BITS) == CNTV_ENABLE &&
	       READ_SYSREG(cntpct_el0) >= c->cntv_cval;
}

void context_reset(const struct hv_vcpu *v)
{
	*vcpu_ptr(v->area, el1_context) = (struct el1_context){0};
}
