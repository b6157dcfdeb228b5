/*
 * What hv_demo's generic code (hv_demo/hv.c) needs from each architecture
 * (hv_demo/<arch>/). All of it acts on the vCPU loaded on the calling pCPU
 * (pervcpu_load()), except hv_arch_vcpu_init() and hv_arch_report().
 *
 * One slice of a vCPU on a pCPU:
 *   pervcpu_load(); hv_arch_vcpu_load(migrated);
 *   { hv_arch_vcpu_run(); [hv_arch_vcpu_set_result();] } ...
 *   hv_arch_vcpu_put(); pervcpu_put();
 */
#ifndef HV_DEMO_HV_ARCH_H
#define HV_DEMO_HV_ARCH_H

#include <stdint.h>

#include "hv_demo/hv.h"

/**
 * Sets up `v`'s guest state in its per-vCPU area so that its first run
 * starts the demo guest with (id, steps). Called once, before any load, by
 * the demo guest's host side (hv_demo/steps.c).
 */
void hv_arch_vcpu_init(struct hv_vcpu *v, unsigned int steps);

/**
 * Makes the vCPU pervcpu_load() just loaded runnable here; `migrated` is
 * what pervcpu_load() returned (1: it last ran on another pCPU, whose host
 * state it may still carry).
 */
void hv_arch_vcpu_load(int migrated);

/** Detaches the loaded vCPU from this pCPU, before pervcpu_put(). */
void hv_arch_vcpu_put(void);

/**
 * Runs the loaded vCPU until it exits and describes why in *exit. Host
 * per-CPU state must be intact when this returns.
 */
void hv_arch_vcpu_run(struct hv_exit *exit);

/**
 * The run queue has nothing for this pCPU: waits a little (for an
 * interrupt, or about one preemption quantum) without hogging an emulator
 * thread that a running vCPU could use.
 */
void hv_arch_idle(void);

/** Sets the result the loaded vCPU's pending hypercall returns. */
void hv_arch_vcpu_set_result(uint64_t value);

/**
 * After the table, with every pCPU stopped: the architecture's own check
 * lines (hv_check()), reading hv_state and the statistics directly.
 */
void hv_arch_report(void);

/** For the report: the machine ("aarch64 EL2, per-CPU base in TPIDR_EL2"). */
extern const char hv_arch_name[];

/** For the report: the registers demo guests clobber ("TPIDR_EL1, ..."). */
extern const char hv_arch_guest_regs[];

#endif /* HV_DEMO_HV_ARCH_H */
