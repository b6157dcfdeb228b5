/*
 * hv_demo's generic hypervisor: vCPUs on per-vCPU areas, a shared run queue,
 * exit accounting on per-pCPU and per-vCPU data, host-state checks after
 * every exit, and the final report. Nothing here is architecture specific:
 * hv_demo/<arch>/ boots the pCPUs, enters guests and decodes their exits
 * through hv_demo/hv_arch.h; what the vCPUs run (the STEP demo guest, a
 * Linux kernel) answers their exits through hv_demo/hv_guest.h.
 *
 * Boot pCPU, once:  percpu_init(); hv_init(pcpus, vcpus, arg);
 * Every pCPU:       hv_pcpu_init(index); hv_pcpu_loop();
 * Boot pCPU, last:  hv_wait_idle(); hv_report();
 */
#ifndef HV_DEMO_HV_H
#define HV_DEMO_HV_H

#include <stdint.h>

#include "percpu/percpu.h"
#include "percpu/pervcpu.h"
#include "hv_demo/sched.h"
#include "tools/boards/platform.h"

/** Most vCPUs hv_init() creates, and pCPUs it runs them on. */
#define HV_MAX_VCPUS 256
#define HV_MAX_PCPUS PLAT_MAX_CPUS

/**
 * Hypercalls the demo guests make (hv_demo/steps.c): the number is the call
 * (aarch64 `HVC #n`, x86_64 VMCALL with RAX = n), arguments and the result
 * in the first argument registers (aarch64 x0-x3, x0 returns; x86_64 RBX,
 * RCX, RDX, RAX returns).
 */
enum hv_call {
	/** STEP(i, acc, reg_errors): progress; returns the reply to mix in. */
	HV_CALL_STEP = 1,
	/** DONE(acc, reg_errors): the guest's final result; never returns. */
	HV_CALL_DONE = 2,
	/** FAULT(syndrome, pc): the guest took an exception it cannot handle.
	 */
	HV_CALL_FAULT = 3,
};

/** Why a guest stopped running (filled by hv_arch_vcpu_run()). */
struct hv_exit {
	enum hv_exit_kind {
		/** The guest made hypercall `call` with `arg` (aarch64: HVC
		 * #call, or HVC/SMC #0 with the function id in `call`: PSCI).
		 */
		HV_EXIT_HYPERCALL,
		/** The hypervisor's timer fired: the guest was preempted. */
		HV_EXIT_PREEMPT,
		/** A physical interrupt for the guest; `code` is its INTID. */
		HV_EXIT_IRQ,
		/** The guest waits for an interrupt (WFI, HLT). */
		HV_EXIT_WFI,
		/** The guest touched unmapped guest-physical address `addr`;
		 * `code` is the syndrome. */
		HV_EXIT_MMIO,
		/** Anything else; `code` is the architecture's syndrome. */
		HV_EXIT_UNKNOWN,
	} kind;
	uint64_t call;
	uint64_t arg[4];
	uint64_t code;
	uint64_t addr;
};

/** What the pCPU does with the loaded vCPU after an exit. */
enum hv_next {
	/** Runs it on (until the slice ends). */
	HV_NEXT_RUN,
	/** Puts it back on the run queue. */
	HV_NEXT_YIELD,
	/**
	 * Puts it back on the run queue, waiting for an interrupt: no pCPU
	 * takes it until hv_guest_vcpu_ready() says it has one.
	 */
	HV_NEXT_WAIT,
	/** It finished: never runs again. */
	HV_NEXT_DONE,
	/** It is off until hv_vcpu_wake() (PSCI CPU_OFF, not started yet). */
	HV_NEXT_OFF,
	/** The guest turned the machine off: every pCPU stops. */
	HV_NEXT_SHUTDOWN,
};

/** Per-pCPU state (PERCPU_DEFINE in hv.c). */
PERCPU_DECLARE(unsigned int, hv_host_cpu);
PERCPU_DECLARE(struct hv_vcpu *, hv_current);

/**
 * Creates `vcpus` vCPUs (at most HV_MAX_VCPUS) for `pcpus` pCPUs; the guest
 * (hv_guest.h) sets each up with `arg` and says which are runnable at once,
 * and those are queued. Call on the boot pCPU after percpu_init() and before
 * any hv_pcpu_loop(). 0 or a negative value (reported).
 */
int hv_init(unsigned int pcpus, unsigned int vcpus, unsigned int arg);

/**
 * vCPUs a demo creates on `pcpus` pCPUs: `least`, or twice the pCPUs where
 * that is more (every pCPU has guests to run), at most HV_MAX_VCPUS.
 */
unsigned int hv_demo_vcpus(unsigned int pcpus, unsigned int least);

/** Queues vCPU `id`, which was off (HV_NEXT_OFF, or not runnable yet). */
void hv_vcpu_wake(unsigned int id);

/** Points this pCPU's per-CPU register at area `index` and sets sentinels. */
int hv_pcpu_init(unsigned int index);

/**
 * Waits until every pCPU has called it (so that all of them compete for the
 * run queue from the start), then runs queued vCPUs on this pCPU until every
 * vCPU is done, the guest shut down, or a pCPU found its host state broken.
 */
void hv_pcpu_loop(void);

/** Waits until every pCPU has left hv_pcpu_loop(). */
void hv_wait_idle(void);

/**
 * Prints the table of exits, migrations and checks. Returns the number of
 * failed checks (0: everything holds).
 */
int hv_report(void);

#endif /* HV_DEMO_HV_H */
