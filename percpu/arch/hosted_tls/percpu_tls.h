/*
 * The hosted stand-in for a per-CPU register that user mode cannot use
 * (aarch64: TPIDR_EL1/EL2 trap at EL0 and TPIDR_EL0 is libc's thread
 * pointer; riscv64: tp is libc's, gp the ABI's): a thread-local variable, so
 * each thread acts as one CPU. A new thread starts with offset 0, i.e. no
 * CPU, until it calls percpu_init_cpu(). Included by the hosted branch of
 * such a backend's percpu_arch.h; the address is computed in C.
 */
#ifndef PERCPU_ARCH_HOSTED_TLS_PERCPU_TLS_H
#define PERCPU_ARCH_HOSTED_TLS_PERCPU_TLS_H

#include <stdint.h>

#define ARCH_PERCPU_IRQSAFE 1
#define ARCH_PERCPU_MIGRATION_SAFE 1

#ifdef __cplusplus
extern "C" {
#endif
/** The register stand-in: this thread's offset. */
extern __thread uintptr_t percpu_tls_offset
	__attribute__((tls_model("initial-exec")));
#ifdef __cplusplus
}
#endif

#define ARCH_PERCPU_PTR(var) (percpu_tls_offset + (uintptr_t) & (var))

#endif /* PERCPU_ARCH_HOSTED_TLS_PERCPU_TLS_H */
