/* The SVM host's preemption timer (apic_timer.h). */
#include "hv_demo/x86_64/apic_timer.h"

#include "hv_demo/report.h"
#include "hv_demo/workload.h"
#include "tools/boards/x86_64/x86.h"

/* The timer's registers (the board enables the APIC: x86.h). */
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_TIMER_INITIAL 0x380
#define LAPIC_TIMER_CURRENT 0x390
#define LAPIC_TIMER_DIVIDE 0x3e0
#define LVT_MASKED (1u << 16)
#define TIMER_DIVIDE_BY_1 0xb

/* Legacy PIC data ports (interrupt masks). */
#define PIC1_DATA 0x21
#define PIC2_DATA 0xa1

struct apic_timer_stats apic_timer_stats;
uint64_t apic_timer_irqs;

/* apic_timer.S */
extern char apic_timer_entry[], apic_spurious_entry[];

/** Timer ticks of one STEP's guest work: the fewest of a few tries. */
static uint32_t step_ticks(void)
{
	uint32_t best = UINT32_MAX;
	uint64_t acc = 0;
	unsigned int i;

	for (i = 0; i < 3; i++) {
		uint32_t ticks;

		x86_lapic_write(LAPIC_TIMER_INITIAL, UINT32_MAX);
		acc = hv_work_step(acc, i, 0);
		ticks = UINT32_MAX - x86_lapic_read(LAPIC_TIMER_CURRENT);
		x86_lapic_write(LAPIC_TIMER_INITIAL, 0);
		if (ticks < best)
			best = ticks;
	}
	/* The work must happen. */
	__asm__ volatile("" : : "r"(acc));
	return best;
}

void apic_timer_init(void)
{
	x86_outb(PIC1_DATA, 0xff);
	x86_outb(PIC2_DATA, 0xff);
	x86_idt_set(APIC_TIMER_VECTOR, apic_timer_entry);
	x86_idt_set(LAPIC_SPURIOUS_VECTOR, apic_spurious_entry);

	/* Masked: the measurement must not leave an interrupt pending. */
	x86_lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | APIC_TIMER_VECTOR);
	x86_lapic_write(LAPIC_TIMER_DIVIDE, TIMER_DIVIDE_BY_1);
	apic_timer_stats.step_ticks = step_ticks();
	apic_timer_stats.quantum =
		apic_timer_stats.step_ticks / APIC_TIMER_QUANTA_PER_STEP;
	HV_CHECK(apic_timer_stats.quantum > 0);
}

void apic_timer_pcpu_init(void)
{
	x86_lapic_write(LAPIC_TIMER_INITIAL, 0);
	x86_lapic_write(LAPIC_TIMER_DIVIDE, TIMER_DIVIDE_BY_1);
	/* One-shot (mode 0), not masked. */
	x86_lapic_write(LAPIC_LVT_TIMER, APIC_TIMER_VECTOR);
}

void apic_timer_arm(void)
{
	x86_lapic_write(LAPIC_TIMER_INITIAL, apic_timer_stats.quantum);
}

void apic_timer_stop(void)
{
	x86_lapic_write(LAPIC_TIMER_INITIAL, 0);
}
