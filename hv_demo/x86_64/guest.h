/*
 * The demo guest every x86_64 vCPU runs, VMX or SVM: the generic workload
 * (hv_demo/workload.h) through hypercalls (hv_demo/hv.h).
 */
#ifndef HV_DEMO_X86_64_GUEST_H
#define HV_DEMO_X86_64_GUEST_H

#include <stdint.h>

#include "hv_demo/hv.h"
#include "hv_demo/x86_64/regs.h"
#include "percpu/pervcpu.h"

/** What a guest's GS base (and, swapped in, KERNEL_GS_BASE) points at. */
struct guest_gs {
	uint64_t tag;
};

/** Tags the host stores in a vCPU's two guest_gs blocks. */
#define GUEST_GS_TAG(id) (0x6753000000000000ull | (id))
#define GUEST_KGS_TAG(id) (0x4b47000000000000ull | (id))

/** Each vCPU's two blocks, in its per-vCPU area. */
PERVCPU_DECLARE(struct guest_gs, guest_gs);
PERVCPU_DECLARE(struct guest_gs, guest_kgs);

/**
 * Each vCPU's general registers, which the image's entry path loads and
 * saves (regs.h); hv_arch_vcpu_set_result() (guest.c) writes RAX.
 */
PERVCPU_DECLARE(struct guest_regs, guest_regs);

/**
 * Host side, for vCPU `id` on per-vCPU area `area`: tags its guest_gs
 * blocks and puts guest_main()'s arguments in its guest_regs (RDI, RSI,
 * RDX, RCX).
 */
void guest_vcpu_init(void *area, unsigned int id, unsigned int steps);

/**
 * The exit of a guest_hypercall() that left the guest with registers *r:
 * call RAX, arguments (RBX, RCX, RDX).
 */
static inline struct hv_exit guest_hypercall_exit(const struct guest_regs *r)
{
	return (struct hv_exit){
		.kind = HV_EXIT_HYPERCALL,
		.call = r->rax,
		.arg = {r->rbx, r->rcx, r->rdx, 0},
	};
}

/**
 * Guest entry (64-bit ring 0, host page tables, RSP =
 * guest_stack_top(id)): points its GS base at `gs` and KERNEL_GS_BASE at
 * `kgs`, then makes `steps` STEP hypercalls and DONE, checking after every
 * VM exit that its GS base and (through swapgs) KERNEL_GS_BASE are intact.
 */
__attribute__((noreturn)) void guest_main(uint64_t id, uint64_t steps,
					  struct guest_gs *gs,
					  struct guest_gs *kgs);

/**
 * Hypercall `nr` with arguments (RBX, RCX, RDX) = (a, b, c); returns RAX.
 * The image's entry path defines it: VMCALL (vmx_entry.S) or VMMCALL
 * (svm_entry.S).
 */
uint64_t guest_hypercall(uint64_t nr, uint64_t a, uint64_t b, uint64_t c);

/** Initial RSP of vCPU `id`'s guest. */
uintptr_t guest_stack_top(unsigned int id);

#endif /* HV_DEMO_X86_64_GUEST_H */
