/*
 * A small EL2 "hypervisor" on percpu: the boot CPU sets up the in-place
 * areas, starts every other CPU with PSCI, and each CPU points TPIDR_EL2 at
 * its area and counts in per-CPU data; the boot CPU then checks every CPU's
 * copy through per_cpu_ptr(). Output for percpu's system-test runner: a
 * "PERCPU-CPUS: N" line and a "PERCPU-VERDICT: PASS" line, then semihosting
 * exit with the status.
 */
#include <stdint.h>

#include "percpu/percpu.h"

#define UART_DR ((volatile uint32_t *) 0x09000000)
#define PSCI_CPU_ON 0xc4000003ul
#define SEMIHOSTING_SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026ul
#define MAX_CPUS 8
#define ROUNDS 10000

void _start(void);
void cpu_main(unsigned int index);

PERCPU_DEFINE(unsigned int, my_index);
PERCPU_DEFINE(uint64_t, rounds);

static unsigned int started;
static int failed;

static void puts_(const char *s)
{
	while (*s != '\0')
		*UART_DR = (uint32_t) (unsigned char) *s++;
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

/* PSCI through SMC (QEMU virt at EL2). Negative: the firmware's error. */
static int64_t psci_cpu_on(uint64_t mpidr, uint64_t entry)
{
	register uint64_t x0 __asm__("x0") = PSCI_CPU_ON;
	register uint64_t x1 __asm__("x1") = mpidr;
	register uint64_t x2 __asm__("x2") = entry;
	register uint64_t x3 __asm__("x3") = 0;

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
			 :
			 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
			   "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return (int64_t) x0;
}

__attribute__((noreturn)) static void semihosting_exit(uint64_t code)
{
	uint64_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, code};

	__asm__ volatile("mov x0, %0\n\tmov x1, %1\n\thlt #0xf000"
			 :
			 : "r"((uint64_t) SEMIHOSTING_SYS_EXIT),
			   "r"((uint64_t) (uintptr_t) block)
			 : "x0", "x1", "memory");
	for (;;)
		__asm__ volatile("wfe");
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
			__asm__ volatile("wfe");
	}
	check(percpu_init(NULL, 0) == MAX_CPUS, "percpu_init");
	count(0);
	/* Every CPU that PSCI knows: CPU_ON fails past the last one. */
	for (cpus = 1; cpus < MAX_CPUS; cpus++) {
		if (psci_cpu_on(cpus, (uint64_t) (uintptr_t) _start) != 0)
			break;
	}
	while (__atomic_load_n(&started, __ATOMIC_ACQUIRE) != cpus - 1)
		;
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
	semihosting_exit((uint64_t) failed);
}
