/*
 * The Linux guest's virtual machine, as its parts share it: stage-2
 * translation (stage2.c), the virtual GIC (vgic.c) and the guest's host side
 * (linux.c, hv_demo/hv_guest.h).
 */
#ifndef HV_DEMO_AARCH64_LINUX_VM_H
#define HV_DEMO_AARCH64_LINUX_VM_H

#include <stdint.h>

/** Builds the stage-2 tables (boot pCPU, once). */
void stage2_build(void);

/** Points this pCPU's stage 2 (VTCR_EL2, VTTBR_EL2) at them. */
void stage2_enable_cpu(void);

/** Turns on this pCPU's GIC interface (split EOI) and virtual interface. */
void vgic_init_cpu(void);

/**
 * A physical interrupt `iar` (acknowledged, not ended) arrived for the
 * loaded vCPU: ends the host's part and queues it for the guest. Returns 1
 * for an SGI (an IPI between vCPUs), else 0.
 */
int vgic_irq(unsigned int iar);

/** Moves queued interrupts of the loaded vCPU into free list registers. */
void vgic_flush(void);

/** Whether the loaded vCPU has an interrupt pending (queued or listed). */
int vgic_pending(void);

/**
 * Emulates a guest access to distributor offset `offset` of `size` bytes:
 * reads fill *value, writes take it. Returns 0, or -1 if out of range.
 */
int vgic_dist_access(uint64_t offset, int write, unsigned int size,
		     uint64_t *value);

/** Interrupts put into list registers (all vCPUs, for the report). */
uint64_t vgic_injected(const void *vcpu_area);

#endif /* HV_DEMO_AARCH64_LINUX_VM_H */
