/* The guest program every vCPU runs, and its hypercall interface. */
#ifndef HV_DEMO_X86_64_GUEST_H
#define HV_DEMO_X86_64_GUEST_H

#include <stdint.h>

/* VMCALL: rax = number, rbx and rcx = arguments; the result comes in rax. */
/** Adds rbx to the host's per-vCPU total and returns the new total. */
#define HC_ADD 1
/** Final report: rbx = the guest's own total, rcx = its failed checks. */
#define HC_DONE 2

/** Hypercalls each guest makes before HC_DONE. */
#define GUEST_ROUNDS 48

/** What a guest's GS base (and, swapped in, KERNEL_GS_BASE) points at. */
struct guest_gs {
	uint64_t tag;
};

/** Tags the host stores in a vCPU's two guest_gs blocks. */
#define GUEST_GS_TAG(id) (0x6753000000000000ull | (id))
#define GUEST_KGS_TAG(id) (0x4b47000000000000ull | (id))

/** The sum the guest reports, computed in closed form by the host. */
static inline uint64_t guest_expected_result(uint64_t id)
{
	return (id + 1) * GUEST_ROUNDS * (GUEST_ROUNDS + 1) / 2;
}

/**
 * Guest entry (VMX non-root, 64-bit ring 0, host page tables): points its
 * GS base at `gs` and KERNEL_GS_BASE at `kgs`, then adds i * (id + 1) for
 * i = 1..GUEST_ROUNDS through HC_ADD, checking after every VM exit that the
 * host's total, its GS base and (through swapgs) KERNEL_GS_BASE are intact.
 */
__attribute__((noreturn)) void guest_main(uint64_t id, struct guest_gs *gs,
					  struct guest_gs *kgs);

#endif /* HV_DEMO_X86_64_GUEST_H */
