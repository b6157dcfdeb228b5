/*
 * The demo guest every x86_64 vCPU runs: the generic workload
 * (hv_demo/workload.h) through VMCALL hypercalls (hv_demo/hv.h).
 */
#ifndef HV_DEMO_X86_64_GUEST_H
#define HV_DEMO_X86_64_GUEST_H

#include <stdint.h>

/** What a guest's GS base (and, swapped in, KERNEL_GS_BASE) points at. */
struct guest_gs {
	uint64_t tag;
};

/** Tags the host stores in a vCPU's two guest_gs blocks. */
#define GUEST_GS_TAG(id) (0x6753000000000000ull | (id))
#define GUEST_KGS_TAG(id) (0x4b47000000000000ull | (id))

/**
 * Guest entry (VMX non-root, 64-bit ring 0, host page tables, RSP =
 * guest_stack_top(id)): points its GS base at `gs` and KERNEL_GS_BASE at
 * `kgs`, then makes `steps` STEP hypercalls and DONE, checking after every
 * VM exit that its GS base and (through swapgs) KERNEL_GS_BASE are intact.
 */
__attribute__((noreturn)) void guest_main(uint64_t id, uint64_t steps,
					  struct guest_gs *gs,
					  struct guest_gs *kgs);

/** Initial RSP of vCPU `id`'s guest. */
uintptr_t guest_stack_top(unsigned int id);

#endif /* HV_DEMO_X86_64_GUEST_H */
