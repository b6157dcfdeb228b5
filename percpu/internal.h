/* Shared by percpu's own .c files; not part of the API. */
#ifndef PERCPU_INTERNAL_H
#define PERCPU_INTERNAL_H

#include "percpu/percpu.h"

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
