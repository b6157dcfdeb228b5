/*
 * A small ring-0 "hypervisor" on percpu (x86_64, GS base MSR): the boot CPU
 * sets up the in-place areas and starts the other CPUs with INIT/SIPI, each
 * CPU points its GS base at its area and counts in per-CPU data, and the boot
 * CPU checks every CPU's copy through per_cpu_ptr(). Output for percpu's
 * system-test runner ("PERCPU-CPUS: N", "PERCPU-VERDICT: PASS") on COM1,
 * then QEMU's isa-debug-exit.
 */
#include <stddef.h>
#include <stdint.h>

#include "percpu/percpu.h"

#define COM1 0x3f8
#define DEBUG_EXIT_PORT 0xf4
#define LAPIC 0xfee00000ul
#define LAPIC_SVR 0xf0
#define LAPIC_ICR_LO 0x300
#define LAPIC_ICR_HI 0x310
#define ICR_INIT 0x4500
#define ICR_STARTUP 0x4600
#define TRAMPOLINE 0x8000
#define MAX_CPUS 8
#define ROUNDS 10000
/* Pause loops a started CPU gets to check in (about a second on TCG). */
#define START_SPINS 5000000ul

void cpu_main(unsigned int index);
void *memcpy(void *dst, const void *src, size_t n);
extern const char trampoline_start[], trampoline_end[];

PERCPU_DEFINE(unsigned int, my_index);
PERCPU_DEFINE(uint64_t, rounds);

static unsigned int started;
static int failed;

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

static void puts_(const char *s)
{
	for (; *s != '\0'; s++) {
		while (!(inb(COM1 + 5) & 0x20)) /* transmitter empty */
			;
		outb(COM1, (uint8_t) *s);
	}
}

static void put_dec(uint64_t v)
{
	char buf[21];
	int i = 20;

	buf[i] = '\0';
	do {
		buf[--i] = (char) ('0' + v % 10);
		v /= 10;
	} while (v != 0);
	puts_(&buf[i]);
}

static void check(int ok, const char *what)
{
	if (!ok) {
		failed = 1;
		puts_("consumer: FAILED: ");
		puts_(what);
		puts_("\n");
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
		if (__atomic_load_n(&started, __ATOMIC_ACQUIRE) == expected)
			return 0;
		__asm__ volatile("pause");
	}
	return -1;
}

/* What every CPU does on its own area. */
static void count(unsigned int index)
{
	int i;

	check(percpu_init_cpu(index) == 0, "percpu_init_cpu");
	this_cpu_write(my_index, index);
	for (i = 0; i < ROUNDS; i++)
		this_cpu_inc(rounds);
	check(percpu_cpu_id() == index, "percpu_cpu_id");
}

void cpu_main(unsigned int index)
{
	unsigned int cpus, c;

	if (index != 0) {
		count(index);
		__atomic_fetch_add(&started, 1, __ATOMIC_RELEASE);
		for (;;)
			__asm__ volatile("cli; hlt");
	}
	check(percpu_init(NULL, 0) == MAX_CPUS, "percpu_init");
	count(0);
	memcpy((void *) TRAMPOLINE, trampoline_start,
	       (size_t) (trampoline_end - trampoline_start));
	lapic_write(LAPIC_SVR, 0x1ff); /* software-enable the local APIC */
	/* QEMU numbers the CPUs' APIC IDs 0, 1, ...: start until one is
	 * missing. */
	for (cpus = 1; cpus < MAX_CPUS; cpus++) {
		if (start_cpu(cpus, cpus) != 0)
			break;
	}
	for (c = 0; c < cpus; c++) {
		check(*per_cpu_ptr(my_index, c) == c, "per_cpu_ptr(my_index)");
		check(*per_cpu_ptr(rounds, c) == ROUNDS, "per_cpu_ptr(rounds)");
	}
	puts_("consumer: ");
	put_dec(cpus);
	puts_(" CPUs counted in their own areas\nPERCPU-CPUS: ");
	put_dec(cpus);
	puts_(failed ? "\nPERCPU-VERDICT: FAIL 1\n"
		     : "\nPERCPU-VERDICT: PASS\n");
	outb(DEBUG_EXIT_PORT, (uint8_t) failed); /* QEMU exits 2 * v + 1 */
	for (;;)
		__asm__ volatile("cli; hlt");
}
