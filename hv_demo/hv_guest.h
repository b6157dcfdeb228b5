/*
 * What the vCPUs run, as the generic hypervisor (hv_demo/hv.c, table.c) sees
 * it: one implementation per image. hv_demo/steps.c is the demo guest of
 * every architecture (STEP hypercalls with checked results);
 * hv_demo/aarch64/linux/ is an unmodified Linux kernel. Every function acts
 * on the vCPU loaded on the calling pCPU, except the set-up and report ones.
 */
#ifndef HV_DEMO_HV_GUEST_H
#define HV_DEMO_HV_GUEST_H

#include "hv_demo/hv.h"

/**
 * Sets up vCPU `v` (from hv_init(), with its `arg`). Returns 1 if it is
 * runnable at once, 0 if it waits for hv_vcpu_wake(), negative on error.
 */
int hv_guest_vcpu_init(struct hv_vcpu *v, unsigned int arg);

/** How pCPUs take vCPUs from the run queue, for `pcpus` pCPUs. */
enum hv_runq_policy hv_guest_policy(unsigned int pcpus);

/** Acts on an exit other than a preemption; says what happens next. */
enum hv_next hv_guest_exit(const struct hv_exit *exit);

/**
 * After hv_arch_vcpu_load() / before hv_arch_vcpu_put(): the guest's own
 * part of switching the loaded vCPU in and out (`migrated` as there). A
 * load returns 0, or -1 if the vCPU's state did not survive (every pCPU
 * stops).
 */
int hv_guest_vcpu_load(int migrated);
void hv_guest_vcpu_put(void);

/** Whether vCPU `v`, waiting (HV_NEXT_WAIT, not loaded), may run now. */
int hv_guest_vcpu_ready(const struct hv_vcpu *v);

/** The run queue has nothing for this pCPU: waits a little. */
void hv_guest_idle(void);

/** Report header, after "N pCPUs, M vCPUs": what they run. */
void hv_guest_describe(void);

/** vCPU table: the guest's column titles, then vCPU `v`'s cells. */
extern const char hv_guest_columns[];
void hv_guest_vcpu_cells(const struct hv_vcpu *v);

/** The guest's own tables, after the vCPU table (may print nothing). */
void hv_guest_tables(void);

/** The guest's own check lines (hv_check()), after the generic ones. */
void hv_guest_checks(void);

#endif /* HV_DEMO_HV_GUEST_H */
