/*
 * The contract between percpu's generic code and its backends.
 *
 * Every backend under percpu/arch/<name>/ ships a header named percpu_arch.h
 * (found on the include path of the backend selected by the `percpu_reg`
 * constraint) that implements what this file declares. Generic code never
 * includes a backend header by path; it includes percpu/percpu.h, which
 * includes this file and then percpu_arch.h.
 *
 * The model, shared by every backend:
 *  - Per-CPU variables live in the `.percpu` sections of the image: the
 *    *template*, linked at virtual address __percpu_start (0 on bare metal,
 *    an ordinary data address on hosted Linux) and loaded, with its initial
 *    values, at __percpu_load_start.
 *  - Each CPU owns an *area*, a copy of the template. The per-CPU register
 *    holds the CPU's *offset*: area base - __percpu_start. The address of a
 *    variable in the calling CPU's area is therefore offset + &variable, which
 *    is what lets x86_64 use one `%gs:var(%rip)` instruction and aarch64 one
 *    `ldr` with the variable's address as immediate.
 *  - Offset 0 means "no area": the reset value on every CPU.
 */
#ifndef PERCPU_ARCH_H
#define PERCPU_ARCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Template bounds (virtual) and load address, defined by percpu/ld/. */
extern char __percpu_start[], __percpu_end[], __percpu_load_start[];
/** Space the linker script reserves for in-place areas. */
extern char __percpu_reserve_start[], __percpu_reserve_end[];

/**
 * The header at the start of every area (and of the template, where offset is
 * 0 and cpu is PERCPU_CPU_NONE). Backends read `offset` with one per-CPU load
 * instead of reading the register itself.
 */
struct percpu_head {
	/** This area's offset: area base - __percpu_start. */
	uintptr_t offset;
	/** The CPU this area belongs to. */
	unsigned int cpu;
	/**
	 * Nonzero while the CPU is online (percpu_cpu_online/offline); read
	 * and written with atomics. 0 in the template.
	 */
	unsigned int online;
};

/** The template's header; defined by percpu.c in section .percpu.head. */
extern struct percpu_head percpu_head;

/** percpu_cpu_id() of a CPU whose register does not point at an area. */
#define PERCPU_CPU_NONE (~0u)

/**
 * Writes the calling CPU's per-CPU register (the offset described above).
 * Backends implement this in their .c file; it is never on a fast path.
 */
void arch_percpu_set_offset(uintptr_t offset);

/**
 * Reads the calling CPU's per-CPU register from the register itself, not from
 * the area (so it is right even when the register is unset or wrong).
 * Slow path: on bare-metal x86_64 this is an MSR read.
 */
uintptr_t arch_percpu_read_register(void);

#ifdef __cplusplus
}
#endif

/*
 * Each percpu_arch.h must also define:
 *
 *  ARCH_PERCPU_PTR(var)    uintptr_t: address of template variable `var` in
 *                          the calling CPU's area.
 *  ARCH_PERCPU_IRQSAFE     1 if every operation below (READ, WRITE, ADD,
 *                          SUB, AND, OR, XCHG, CMPXCHG, the backend's own or
 *                          the fallback) is safe against interrupts on the
 *                          calling CPU: a single instruction, an AMO, or an
 *                          LL/SC loop that restarts when interrupted, so an
 *                          interrupt handler's update of the same variable
 *                          is never lost and it never sees a torn value.
 *                          raw_cpu_* relies on this: percpu.h rejects 0
 *                          (there is no fallback that disables interrupts).
 *  ARCH_PERCPU_MIGRATION_SAFE
 *                          1 if each operation also finds the calling CPU's
 *                          area and accesses it indivisibly with respect to
 *                          preemption and migration (x86_64: one `%gs:`
 *                          instruction; hosted Linux: the register stand-in
 *                          is per thread, so a thread is a CPU). 0 if the
 *                          area's address is computed before the access
 *                          (aarch64 and riscv64 bare metal: the register is
 *                          read first), so a task migrated in between would
 *                          access the previous CPU's copy: this_cpu_* then
 *                          runs the operation between percpu_preempt_disable()
 *                          and percpu_preempt_enable() when the kernel builds
 *                          with PERCPU_PREEMPT_HOOKS (see percpu.h).
 *
 * and may define, for 1-, 2-, 4- and 8-byte scalar `var` (fallbacks built on
 * ARCH_PERCPU_PTR and relaxed atomics are used otherwise):
 *
 *  ARCH_PERCPU_READ(var)               value of var on this CPU
 *  ARCH_PERCPU_WRITE(var, v)           store v
 *  ARCH_PERCPU_ADD(var, v)             var += v (inc is built on it)
 *  ARCH_PERCPU_SUB(var, v)             var -= v (dec is built on it; without
 *                                      it, sub is ADD of the negation)
 *  ARCH_PERCPU_AND(var, v)             var &= v
 *  ARCH_PERCPU_OR(var, v)              var |= v
 *  ARCH_PERCPU_XCHG(var, v)            store v, yield the previous value
 *  ARCH_PERCPU_CMPXCHG(var, old, new)  store new if var == old; yield previous
 *
 * Backends that have no register at all (single-CPU mode) define
 * ARCH_PERCPU_SINGLE to 1: the template itself is the only area.
 */

#endif /* PERCPU_ARCH_H */
