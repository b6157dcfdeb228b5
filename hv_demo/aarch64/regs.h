/*
 * What exception.S and the C code share. A vCPU's register state is kept in
 * its per-vCPU area (hv_arch_regs): exception.S saves and restores the first
 * part, at offsets generated from these structs (asm_offsets.c, BUILD's
 * percpu_asm_offsets, checked in vcpu.c); vcpu.c switches the EL1 system
 * registers.
 */
#ifndef HV_DEMO_AARCH64_REGS_H
#define HV_DEMO_AARCH64_REGS_H

/* hv_arch_enter's return value: which lower-EL vector the guest left by. */
#define EXIT_SYNC 0
#define EXIT_IRQ 1
#define EXIT_FIQ 2
#define EXIT_SERROR 3
/* Not an exit: the vCPU was not entered, its registers did not survive. */
#define EXIT_LOST 0x400

#ifndef __ASSEMBLER__
#include <stdint.h>

#include "percpu/pervcpu.h"

/** Guest registers of one vCPU. */
struct arch_regs {
	/** General-purpose registers, then ELR_EL2 and SPSR_EL2. */
	uint64_t x[31];
	uint64_t pc;
	uint64_t spsr;
	/** EL1 and EL0 system registers the guest owns. */
	uint64_t sp_el1;
	uint64_t sp_el0;
	uint64_t elr_el1;
	uint64_t spsr_el1;
	uint64_t esr_el1;
	uint64_t far_el1;
	uint64_t vbar_el1;
	uint64_t sctlr_el1;
	uint64_t ttbr0_el1;
	uint64_t tcr_el1;
	uint64_t mair_el1;
	uint64_t tpidr_el1;
	uint64_t tpidr_el0;
	uint64_t tpidrro_el0;
	/** The MPIDR the guest reads (VMPIDR_EL2): the vCPU's own. */
	uint64_t vmpidr;
	/**
	 * The first entry after each load reads the EL1 registers back once
	 * restored and compares them with this copy (what the last exit
	 * saved): entries checked, and registers found different. A
	 * difference stops the entry (HV_EXIT_UNKNOWN, code EXIT_LOST).
	 */
	int check_next_entry;
	uint64_t entries_checked;
	uint64_t registers_lost;
};

/** The host frame hv_arch_enter keeps on SP_EL2 while the guest runs. */
struct arch_frame {
	/** The guest's registers (for a broken per-CPU base only). */
	struct arch_regs *regs;
	uint64_t pad;
	/** The host's callee-saved x19-x30. */
	uint64_t x19_x30[12];
};

/**
 * Enters the guest described by `regs` (EL1, the loaded vCPU's
 * hv_arch_regs) and returns EXIT_* when it exits to EL2. The exit vectors
 * save its x0-x30, pc and SPSR straight into the loaded vCPU's
 * hv_arch_regs, found through the per-CPU register (percpu_asm.h).
 */
uint64_t hv_arch_enter(struct arch_regs *regs);

/** HCR_EL2 bits the images use. */
#define HCR_EL2_VM (1ull << 0)	 /* stage-2 translation */
#define HCR_EL2_FMO (1ull << 3)	 /* physical FIQs to EL2, virtual FIQs on */
#define HCR_EL2_IMO (1ull << 4)	 /* physical IRQs to EL2, virtual IRQs on */
#define HCR_EL2_TWI (1ull << 13) /* trap WFI */
#define HCR_EL2_TSC (1ull << 19) /* trap SMC */
#define HCR_EL2_RW (1ull << 31)	 /* EL1 is AArch64 */

/** SPSR: EL1 using SP_EL1, D, A, I and F masked (a vCPU's first entry). */
#define SPSR_EL1H_MASKED 0x3c5

/** The guest's registers, one copy per vCPU (vcpu.c). */
PERVCPU_DECLARE(struct arch_regs, hv_arch_regs);

/**
 * How long a guest runs before the EL2 timer (CNTHP) preempts it, in
 * microseconds: defined by each image.
 */
extern const unsigned int hv_aarch64_quantum_us;

/**
 * Waits at EL2 for a physical interrupt (WFI), at most about one quantum:
 * the EL2 timer is armed so that a pCPU whose guest waits for nothing still
 * comes back to its run loop.
 */
void hv_aarch64_wait(void);

/**
 * An image's plat_main() after its one-time set-up: per-CPU areas for every
 * pCPU, `setup` on each (the boot pCPU first, then every secondary it
 * starts; it ends with hv_pcpu_init()), hv_init(pcpus, vcpus, arg), the run
 * loop on every pCPU, the report. Returns plat_main()'s result.
 */
int hv_aarch64_main(unsigned int vcpus, unsigned int arg,
		    int (*setup)(unsigned int index));

/** The EL2 vector table (exception.S), for VBAR_EL2. */
extern char hv_vectors[];

/** Called by hv_vectors for an exception taken at EL2: a hypervisor bug. */
__attribute__((noreturn)) void hv_arch_fatal(uint64_t vector);

#endif /* __ASSEMBLER__ */

#endif /* HV_DEMO_AARCH64_REGS_H */
