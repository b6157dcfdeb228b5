// Constant initializers, which C++ accepts for per-CPU and per-vCPU
// variables (a run-time one must not compile: dynamic_init.cc).
#include "percpu/percpu.h"
#include "percpu/pervcpu.h"

constexpr int kThree = 3;

PERCPU_DEFINE(int, answer) = 42;
PERCPU_DEFINE(int, three) = kThree;
PERVCPU_DEFINE(long, seven) = 7;

int read_answer();
int read_answer()
{
	this_cpu_add(three, 1);
	return this_cpu_read(answer) + this_cpu_read(three);
}
