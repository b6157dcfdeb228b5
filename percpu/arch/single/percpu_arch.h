/*
 * Single-CPU backend: there is no register. The template is the one and only
 * area, so every accessor is a plain access to a global variable and every
 * operation compiles to what the same code on an ordinary global would.
 */
#ifndef PERCPU_ARCH_SINGLE_PERCPU_ARCH_H
#define PERCPU_ARCH_SINGLE_PERCPU_ARCH_H

#include "percpu/arch.h"

/*
 * Bare-metal images link the template at address 0 (percpu/ld/percpu.ld), so
 * plain accesses to it would go to absolute low addresses: refused.
 */
#if !__STDC_HOSTED__
#error "percpu: the single-CPU backend is for hosted builds; bare metal uses a register backend (one CPU works)"
#endif

#define ARCH_PERCPU_SINGLE 1
#define ARCH_PERCPU_IRQSAFE 1
#define ARCH_PERCPU_MIGRATION_SAFE 1

#define ARCH_PERCPU_PTR(var) ((uintptr_t) & (var))

#if defined(__x86_64__)
/*
 * Read-modify-write is one instruction on the global, without the `lock` the
 * generic relaxed atomics would add: an interrupt cannot split it.
 */
#define ARCH_PERCPU_RELAX() __asm__ volatile("pause")
#define ARCH_PERCPU_X86_SEG_ ""
#include "percpu/arch/x86_64/percpu_x86_ops.h"
#endif

#endif /* PERCPU_ARCH_SINGLE_PERCPU_ARCH_H */
