/*
 * A small ring-0 "hypervisor" on percpu (x86_64, GS base MSR): starts every
 * CPU with INIT/SIPI and runs the SMP check (smp_check.h) on COM1, then
 * QEMU's isa-debug-exit with its status.
 */
#include <stddef.h>
#include <stdint.h>

#include "smp_check.h"

#define COM1 0x3f8
#define DEBUG_EXIT_PORT 0xf4
#define LAPIC 0xfee00000ul
#define LAPIC_SVR 0xf0
#define LAPIC_ICR_LO 0x300
#define LAPIC_ICR_HI 0x310
#define ICR_INIT 0x4500
#define ICR_STARTUP 0x4600
#define TRAMPOLINE 0x8000
/* Pause loops a started CPU gets to check in (about a second on TCG). */
#define START_SPINS 5000000ul

void cpu_main(unsigned int index);
void *memcpy(void *dst, const void *src, size_t n);
extern const char trampoline_start[], trampoline_end[];

static void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

void console_puts(const char *s)
{
	for (; *s != '\0'; s++) {
		while (!(inb(COM1 + 5) & 0x20)) /* transmitter empty */
			;
		outb(COM1, (uint8_t) *s);
	}
}

static void lapic_write(unsigned int reg, uint32_t v)
{
	*(volatile uint32_t *) (LAPIC + reg) = v;
}

static void spin(unsigned long n)
{
	while (n--)
		__asm__ volatile("pause");
}

/* INIT, then SIPI at the trampoline; 0 once CPU `apic_id` checked in. */
static int start_cpu(unsigned int apic_id, unsigned int expected)
{
	unsigned long i;

	lapic_write(LAPIC_ICR_HI, apic_id << 24);
	lapic_write(LAPIC_ICR_LO, ICR_INIT);
	spin(100000);
	lapic_write(LAPIC_ICR_HI, apic_id << 24);
	lapic_write(LAPIC_ICR_LO, ICR_STARTUP | (TRAMPOLINE >> 12));
	for (i = 0; i < START_SPINS; i++) {
		if (smp_check_started() == expected)
			return 0;
		__asm__ volatile("pause");
	}
	return -1;
}

/* boot.S: every CPU, in long mode on its own stack, with its APIC ID. */
void cpu_main(unsigned int index)
{
	unsigned int cpus;

	smp_check_cpu(index);
	if (index != 0) {
		for (;;)
			__asm__ volatile("cli; hlt");
	}
	memcpy((void *) TRAMPOLINE, trampoline_start,
	       (size_t) (trampoline_end - trampoline_start));
	lapic_write(LAPIC_SVR, 0x1ff); /* software-enable the local APIC */
	/* QEMU numbers the CPUs' APIC IDs 0, 1, ...: start until one is
	 * missing. */
	for (cpus = 1; cpus < MAX_CPUS; cpus++) {
		if (start_cpu(cpus, cpus) != 0)
			break;
	}
	/* QEMU exits with 2 * v + 1. */
	outb(DEBUG_EXIT_PORT, (uint8_t) smp_check_report(cpus));
	for (;;)
		__asm__ volatile("cli; hlt");
}
