/* Shared by percpu's own .c files; not part of the API. */
#ifndef PERCPU_INTERNAL_H
#define PERCPU_INTERNAL_H

#include "percpu/percpu.h"

/** Where percpu_init() is: percpu_state.init. */
enum percpu_init_state {
	PERCPU_STATE_UNINIT,
	/** percpu_init() or percpu_set_dyn_size() owns the layout. */
	PERCPU_STATE_BUSY,
	PERCPU_STATE_READY,
};

/** One live dynamic object: bytes [start, start + size) of the region. */
struct percpu_dyn_block {
	size_t start;
	size_t size;
};

/**
 * percpu.c's mutable state besides percpu_layout, in one place so the
 * test-only reset (testing.c, not linked into kernels) can clear it.
 */
struct percpu_state {
	/** enum percpu_init_state. */
	int init;
	/** Dynamic size for the next percpu_init(); then
	 * percpu_layout.dyn_size. */
	size_t dyn_pending;
	/** Live dynamic objects sorted by start; guarded by lock_word. */
	struct percpu_dyn_block blocks[PERCPU_DYN_MAX_ALLOCS];
	unsigned int nblocks;
	size_t dyn_used;
	/**
	 * Serialises hotplug, the allocator and percpu_check(). Taken with
	 * interrupts masked, so an interrupt handler on the CPU that holds it
	 * never spins on it; the accessors and the debug checks never take it.
	 */
	int lock_word;
	/** Live dynamic handles, read without the lock (debug checks); 0 =
	 * free. */
	percpu_handle_t live[PERCPU_DYN_MAX_ALLOCS];
};
extern struct percpu_state percpu_state;

/**
 * One iteration of percpu's slow-path spin loops (its lock, waiting for
 * hotplug readers). Hosted (linux.c): gives the CPU away, since the thread
 * waited for may be preempted. Bare metal (baremetal.c): the backend's relax
 * hint, ARCH_PERCPU_RELAX().
 */
void percpu_spin_wait(void);

/**
 * Reports misuse through the installed reporter as
 * "percpu: FUNC(ARG): reason (N areas)" and returns `err`.
 */
int percpu_fail(const char *func, unsigned long arg, int err);

/**
 * Reports "percpu: WHAT NAME (offset 0x..)WHY" for the variable at offset
 * `off` from template `tmpl`, named by the records [start, end).
 */
void percpu_report_var(const char *what, const struct percpu_var_info *start,
		       const struct percpu_var_info *end, uintptr_t tmpl,
		       uintptr_t off, const char *why);

/**
 * What percpu/ld/ computed when the image was linked (section
 * .percpu.layout), from the constants percpu.c exports: the C code takes
 * alignments from here, never from declared types, so both agree on every
 * area's layout.
 */
struct percpu_linked {
	/** Alignment of every area: the template's, at least 64. */
	uint64_t area_align;
	/** Alignment of every vCPU area: the per-vCPU template's, >= 64. */
	uint64_t vcpu_align;
	/** In-place areas reserved (PERCPU_CPU_NUM). */
	uint64_t reserved_num;
	/** Dynamic region of each reserved area (PERCPU_DYN_SIZE, rounded). */
	uint64_t reserved_dyn;
	/** Distance between reserved areas. */
	uint64_t reserved_stride;
};
extern const struct percpu_linked __percpu_linked;

/**
 * The value of the per-CPU pervcpu_offset when no vCPU is loaded: it points
 * this_vcpu_* at a scratch area (bare metal) or at the read-only template
 * (hosted), never at memory anything else uses.
 */
uintptr_t pervcpu_none_offset(void);

/**
 * Defines a per-CPU variable of the library itself (read by users' inline
 * code too): in section .percpu.head.internal, which percpu/ld/ places right
 * after percpu_head, so it stays within the aarch64 (4 KiB) and riscv64
 * (2 KiB) near reach whatever variables users define.
 */
#define PERCPU_DEFINE_INTERNAL(type, name)                                     \
	PERCPU_DEFINE_IN_(type, name, percpu, ".percpu.head.internal",         \
			  "percpu_vars")

#endif /* PERCPU_INTERNAL_H */
