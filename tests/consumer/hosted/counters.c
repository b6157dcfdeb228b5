/* Counts events per CPU with percpu, then sums them: the README's example. */
#include <stdio.h>

#include "percpu/percpu.h"

PERCPU_DEFINE(unsigned long, events) = 0;

int main(void)
{
	unsigned long total = 0;
	unsigned int cpu;
	int n = percpu_init(NULL, 4);

	if (n < 0) {
		fprintf(stderr, "percpu_init: %s\n", percpu_strerror(n));
		return 1;
	}
	for (cpu = 0; cpu < (unsigned int) n; cpu++) {
		percpu_init_cpu(cpu); /* a kernel does this once on each CPU */
		this_cpu_add(events, cpu + 1);
		this_cpu_inc(events);
	}
	for (cpu = 0; cpu < (unsigned int) n; cpu++)
		total += *per_cpu_ptr(events, cpu);
	printf("%d CPUs, %lu events\n", n, total);
	return total == 14 ? 0 : 1;
}
