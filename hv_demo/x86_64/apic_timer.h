/*
 * The SVM host's preemption timer: each pCPU's local APIC timer in one-shot
 * mode, armed before every VMRUN. Its interrupt exits the guest (INTR
 * intercept, V_INTR_MASKING: the host's RFLAGS.IF decides); the host then
 * takes it through its own IDT entry, which only counts it and sends EOI.
 * The legacy PIC is masked: no other interrupt reaches the host.
 */
#ifndef HV_DEMO_X86_64_APIC_TIMER_H
#define HV_DEMO_X86_64_APIC_TIMER_H

#include <stdint.h>

/**
 * The timer's interrupt vector (the IDT's only entry above 31 but the
 * APIC's spurious vector, LAPIC_SPURIOUS_VECTOR).
 */
#define APIC_TIMER_VECTOR 0x40

/** Quanta per STEP's guest work: preemptions a guest sees between steps. */
#define APIC_TIMER_QUANTA_PER_STEP 3

/** What apic_timer_init() measured and the interrupt stub counted. */
struct apic_timer_stats {
	/** Timer ticks one STEP's guest work (workload.h) takes here. */
	uint32_t step_ticks;
	/** Ticks per quantum: step_ticks / APIC_TIMER_QUANTA_PER_STEP. */
	uint32_t quantum;
};
extern struct apic_timer_stats apic_timer_stats;

/** Timer interrupts the host took (apic_timer.S; every pCPU). */
extern uint64_t apic_timer_irqs;

/**
 * Boot pCPU, once: masks the legacy PIC, points the board's IDT (shared by
 * every CPU) at the timer's entry and the APIC's spurious one, and measures
 * one STEP's guest work in timer ticks, so that the quantum means the same
 * share of guest work on every emulator.
 */
void apic_timer_init(void);

/**
 * Every pCPU: sets its local APIC timer (the board enabled the APIC) up
 * one-shot, stopped.
 */
void apic_timer_pcpu_init(void);

/** Starts one quantum (interrupts stay masked until the caller allows). */
void apic_timer_arm(void);

/** Stops it; an interrupt it already raised stays pending. */
void apic_timer_stop(void);

/**
 * Opens a one-instruction interrupt window (STI; NOP; CLI): a pending timer
 * interrupt is taken and acknowledged there. Call with GIF set.
 */
static inline void apic_timer_take(void)
{
	__asm__ volatile("sti; nop; cli" ::: "memory");
}

#endif /* HV_DEMO_X86_64_APIC_TIMER_H */
