/* riscv64 hosted Linux: a thread-local variable stands in for the register
 * (tp is libc's thread pointer there). */
#include "percpu_arch.h"

__thread uintptr_t percpu_riscv64_linux_offset
	__attribute__((tls_model("initial-exec")));

void arch_percpu_set_offset(uintptr_t offset)
{
	percpu_riscv64_linux_offset = offset;
}

uintptr_t arch_percpu_read_register(void)
{
	return percpu_riscv64_linux_offset;
}
