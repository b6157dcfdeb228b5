/*
 * Per-vCPU data: variables a hypervisor keeps once per virtual CPU (guest
 * registers, VMCS, exit statistics), accessed like per-CPU data through the
 * vCPU currently loaded on the calling physical CPU.
 *
 *   PERVCPU_DEFINE(uint64_t, exits) = 0;
 *
 *   void *area = alloc(pervcpu_area_size(), pervcpu_area_align());
 *   pervcpu_area_init(area);             // fresh copy of the template
 *   migrated = pervcpu_load(area);       // make it current on this pCPU
 *   this_vcpu_write(exits, this_vcpu_read(exits) + 1);
 *   pervcpu_put();                       // before another pCPU may load it
 *
 * The template is section .pervcpu (loaded with its initial values). The
 * calling pCPU's per-CPU data holds the loaded area's offset (area - template),
 * so this_vcpu_ptr is one per-CPU load plus an add. An area can be current on
 * at most one pCPU at a time; pervcpu_load reports whether the vCPU last ran
 * on a different pCPU, which is when a VMX hypervisor must rewrite the VMCS
 * host-state fields (see percpu/vmx.h).
 */
#ifndef PERCPU_PERVCPU_H
#define PERCPU_PERVCPU_H

#include "percpu/percpu.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Template bounds and load address, defined by percpu/ld/. */
extern char __pervcpu_start[], __pervcpu_end[], __pervcpu_load_start[];

/**
 * Offset of the loaded vCPU area on this pCPU (area - template). With none
 * loaded it points this_vcpu_* at memory nothing else uses (a scratch copy
 * on bare metal, the read-only template on hosted Linux), so a stray access
 * corrupts no vCPU; debug builds report it.
 */
PERCPU_DECLARE(uintptr_t, pervcpu_offset);

#define PERVCPU_SYM(name) PERCPU_CAT_(pervcpu_var_, name)

/** Declares per-vCPU variable `name` of `type` defined in another file. */
#define PERVCPU_DECLARE(type, name) extern __typeof__(type) PERVCPU_SYM(name)

/** Defines per-vCPU variable `name`; may be followed by `= initializer`. */
#define PERVCPU_DEFINE(type, name)                                             \
	PERCPU_DEFINE_IN_(type, name, pervcpu, ".pervcpu", "pervcpu_vars")

/** Bytes of one vCPU area. */
size_t pervcpu_area_size(void);

/** Alignment every vCPU area needs: the largest variable alignment, >= 64. */
size_t pervcpu_area_align(void);

/**
 * Fills `area` (pervcpu_area_size() bytes, pervcpu_area_align()-aligned) with
 * a fresh copy of the template. 0, -PERCPU_EINVAL (NULL) or -PERCPU_EALIGN.
 * Never call it on an area that is loaded.
 */
int pervcpu_area_init(void *area);

/**
 * Makes `area` current on the calling pCPU. Returns 1 if the vCPU last ran on
 * another pCPU (migrated), 0 if not (or first load), or -PERCPU_ENOVCPU (not
 * initialised), -PERCPU_EBUSY (current on another pCPU, or this pCPU already
 * has one loaded), -PERCPU_ENOTINIT (this pCPU's per-CPU register not set).
 */
int pervcpu_load(void *area);

/** Makes the loaded area no longer current. 0 or -PERCPU_ENOVCPU. */
int pervcpu_put(void);

/** The area loaded on this pCPU, NULL if none. */
void *pervcpu_current(void);

/** pCPU the area was last loaded on, PERCPU_CPU_NONE if never. */
unsigned int pervcpu_last_cpu(const void *area);

/** Pointer to `name` in the vCPU area `area`. */
#define vcpu_ptr(area, name)                                                   \
	((__typeof__(PERVCPU_SYM(name)) *) ((uintptr_t) (area) +               \
					    ((uintptr_t) &PERVCPU_SYM(name) -  \
					     (uintptr_t) __pervcpu_start)))

/**
 * Reports (never stops) an access to per-vCPU template object `tmpl` on a
 * pCPU with no vCPU loaded; called by this_vcpu_* in debug builds.
 */
void pervcpu_debug_access(const volatile void *tmpl);

#if defined(PERCPU_DEBUG) && PERCPU_DEBUG
#define PERVCPU_CHECK_(name) pervcpu_debug_access(&PERVCPU_SYM(name)),
#else
#define PERVCPU_CHECK_(name)
#endif

/** Pointer to `name` in the vCPU loaded on this pCPU. */
#define this_vcpu_ptr(name)                                                    \
	((__typeof__(PERVCPU_SYM(name)) *) (PERVCPU_CHECK_(name)               \
						    this_cpu_read(             \
							    pervcpu_offset) +  \
					    (uintptr_t) &PERVCPU_SYM(name)))
#define this_vcpu_read(name) (*this_vcpu_ptr(name))
#define this_vcpu_write(name, v) ((void) (*this_vcpu_ptr(name) = (v)))

#ifdef __cplusplus
}
#endif

#endif /* PERCPU_PERVCPU_H */
