// A per-CPU (or, with PERVCPU, per-vCPU) variable whose initial value is
// computed at run time: the template is copied before any constructor runs,
// so it must not compile.
#include "percpu/percpu.h"
#include "percpu/pervcpu.h"

int compute();

#if defined(PERVCPU)
PERVCPU_DEFINE(int, dyn) = compute();
#else
PERCPU_DEFINE(int, dyn) = compute();
#endif
