/* The hosted thread-local register stand-in (percpu_tls.h). */
#include "percpu/arch.h"
#include "percpu/arch/hosted_tls/percpu_tls.h"

__thread uintptr_t percpu_tls_offset __attribute__((tls_model("initial-exec")));

void arch_percpu_set_offset(uintptr_t offset)
{
	percpu_tls_offset = offset;
}

uintptr_t arch_percpu_read_register(void)
{
	return percpu_tls_offset;
}
