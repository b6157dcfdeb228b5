/*
 * The Linux guest's virtual machine, as its parts share it: stage-2
 * translation (stage2.c), the virtual GIC (vgic.c), the rest of a vCPU's EL1
 * context (context.c) and the guest's host side (linux.c, hv_guest.h).
 */
#ifndef HV_DEMO_AARCH64_LINUX_VM_H
#define HV_DEMO_AARCH64_LINUX_VM_H

#include <stdint.h>

#include "hv_demo/sched.h"

/** Builds the stage-2 tables (boot pCPU, once). */
void stage2_build(void);

/** Points this pCPU's stage 2 (VTCR_EL2, VTTBR_EL2) at them. */
void stage2_enable_cpu(void);

/** Invalidates this pCPU's TLB entries of the guest (its VMID). */
void stage2_flush_local(void);

/** Routes every SPI to pCPU 0, disabled (boot pCPU, once). */
void vgic_init(void);

/** Turns on this pCPU's GIC interface (split EOI) and the host's PPIs. */
void vgic_init_cpu(void);

/**
 * A physical interrupt `iar` (acknowledged, not ended) on this pCPU, with
 * vCPU `loaded` loaded (NULL: none): ends it and queues what it means for
 * the guest on the vCPU it is for.
 */
void vgic_host_irq(unsigned int iar, const struct hv_vcpu *loaded);

/** Lists queued interrupts of the loaded vCPU in free list registers. */
void vgic_flush(void);

/** Whether vCPU `v` (not loaded) has an interrupt queued or listed. */
int vgic_pending(const struct hv_vcpu *v);

/** Saves the loaded vCPU's virtual interface, or puts it back. */
void vgic_save(void);
void vgic_restore(void);

/**
 * Emulates a guest access to distributor offset `offset` of `size` bytes:
 * reads fill *value, writes take it. Returns 0, or -1 if out of range.
 */
int vgic_dist_access(uint64_t offset, int write, unsigned int size,
		     uint64_t *value);

/** Interrupts listed for `v`, and the IPIs among them (the report). */
uint64_t vgic_injected(const struct hv_vcpu *v);
uint64_t vgic_ipis(const struct hv_vcpu *v);
/** The same, per pCPU that listed them. */
uint64_t vgic_pcpu_injected(unsigned int cpu);
uint64_t vgic_pcpu_ipis(unsigned int cpu);

/**
 * The EL1 state vcpu.c does not switch around every entry (FP/SIMD, the
 * virtual timer, the rest of the system registers): saved on put, restored
 * on load. context_check() then compares what the hardware holds with what
 * was saved (0: identical).
 */
void context_save(void);
void context_restore(void);
int context_check(void);

/** Clears `v`'s saved context (a PSCI CPU_ON start). */
void context_reset(const struct hv_vcpu *v);

/** Whether the saved virtual timer of `v` has fired. */
int context_timer_due(const struct hv_vcpu *v);

#endif /* HV_DEMO_AARCH64_LINUX_VM_H */
