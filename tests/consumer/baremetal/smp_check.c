/* The consumer's SMP check (see smp_check.h). */
#include "smp_check.h"

#include <stdint.h>

#include "percpu/percpu.h"

#define ROUNDS 10000

PERCPU_DEFINE(unsigned int, my_index);
PERCPU_DEFINE(uint64_t, rounds);

static unsigned int started;
static int failed;

static void put_dec(uint64_t v)
{
	char buf[21];
	int i = 20;

	buf[i] = '\0';
	do {
		buf[--i] = (char) ('0' + v % 10);
		v /= 10;
	} while (v != 0);
	console_puts(&buf[i]);
}

static void check(int ok, const char *what)
{
	if (!ok) {
		failed = 1;
		console_puts("consumer: FAILED: ");
		console_puts(what);
		console_puts("\n");
	}
}

void smp_check_cpu(unsigned int index)
{
	int i;

	if (index == 0)
		check(percpu_init(NULL, 0) == MAX_CPUS, "percpu_init");
	check(percpu_init_cpu(index) == 0, "percpu_init_cpu");
	this_cpu_write(my_index, index);
	for (i = 0; i < ROUNDS; i++)
		this_cpu_inc(rounds);
	check(percpu_cpu_id() == index, "percpu_cpu_id");
	if (index != 0)
		__atomic_fetch_add(&started, 1, __ATOMIC_RELEASE);
}

unsigned int smp_check_started(void)
{
	return __atomic_load_n(&started, __ATOMIC_ACQUIRE);
}

int smp_check_report(unsigned int cpus)
{
	unsigned int c;

	for (c = 0; c < cpus; c++) {
		check(*per_cpu_ptr(my_index, c) == c, "per_cpu_ptr(my_index)");
		check(*per_cpu_ptr(rounds, c) == ROUNDS, "per_cpu_ptr(rounds)");
	}
	console_puts("consumer: ");
	put_dec(cpus);
	console_puts(" CPUs counted in their own areas\nPERCPU-CPUS: ");
	put_dec(cpus);
	console_puts(failed ? "\nPERCPU-VERDICT: FAIL 1\n"
			    : "\nPERCPU-VERDICT: PASS\n");
	return failed;
}
