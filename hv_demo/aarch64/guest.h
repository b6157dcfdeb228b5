/*
 * The demo guest: EL1 code in the hypervisor's own image (identity mapped,
 * MMU off), one instance per vCPU with its own stack and data.
 */
#ifndef HV_DEMO_AARCH64_GUEST_H
#define HV_DEMO_AARCH64_GUEST_H

#include <stdint.h>

/**
 * The guest's entry (x0 = vCPU id, x1 = steps, SP_EL1 = guest_stack_top).
 * Makes `steps` STEP hypercalls, then DONE; never returns.
 */
void guest_main(uint64_t id, uint64_t steps);

/** The guest's EL1 vector table: any exception becomes HVC FAULT. */
extern char guest_vectors[];

/** Initial SP_EL1 of vCPU `id`'s guest. */
uintptr_t guest_stack_top(unsigned int id);

#endif /* HV_DEMO_AARCH64_GUEST_H */
