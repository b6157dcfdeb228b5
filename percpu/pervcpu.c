/* Per-vCPU areas: template copies made current on one pCPU at a time. */
#include "percpu/pervcpu.h"

#include "percpu/internal.h"

/** Header at the start of every vCPU area. */
struct pervcpu_head {
	/** PERVCPU_MAGIC once pervcpu_area_init() has filled the area. */
	uint32_t magic;
	/** pCPU the area is current on, PERCPU_CPU_NONE if none. */
	unsigned int loaded_on;
	/** pCPU the area was last loaded on, PERCPU_CPU_NONE if never. */
	unsigned int last_cpu;
};

#define PERVCPU_MAGIC 0x76637075u /* "vcpu" */

__attribute__((section(".pervcpu.head")))
PERCPU_NO_REDZONE_ struct pervcpu_head pervcpu_head = {
	0,
	PERCPU_CPU_NONE,
	PERCPU_CPU_NONE,
};

/* percpu_init() sets every area's copy to pervcpu_none_offset(). */
PERCPU_DEFINE_INTERNAL(uintptr_t, pervcpu_offset) = 0;

/** Records emitted by PERVCPU_DEFINE, gathered by percpu/ld/. */
extern const struct percpu_var_info __pervcpu_vars_start[],
	__pervcpu_vars_end[];

/**
 * Where this_vcpu_* goes with no vCPU loaded (percpu/ld/): bare metal, a
 * scratch copy nothing else uses; hosted, the read-only template itself.
 */
extern char __pervcpu_sink[];

uintptr_t pervcpu_none_offset(void)
{
	return (uintptr_t) __pervcpu_sink - (uintptr_t) __pervcpu_start;
}

/** The header of the vCPU area at `area`. */
static struct pervcpu_head *head_of(const void *area)
{
	return (struct pervcpu_head *) ((uintptr_t) area +
					((uintptr_t) &pervcpu_head -
					 (uintptr_t) __pervcpu_start));
}

size_t pervcpu_area_size(void)
{
	return (size_t) (__pervcpu_end - __pervcpu_start);
}

size_t pervcpu_area_align(void)
{
	return (size_t) __percpu_linked.vcpu_align;
}

int pervcpu_area_init(void *area)
{
	if (area == NULL)
		return percpu_fail("pervcpu_area_init", 0, -PERCPU_EINVAL);
	if ((uintptr_t) area % pervcpu_area_align() != 0)
		return percpu_fail("pervcpu_area_init", (uintptr_t) area,
				   -PERCPU_EALIGN);
	__builtin_memcpy(area, __pervcpu_load_start, pervcpu_area_size());
	head_of(area)->magic = PERVCPU_MAGIC;
	return 0;
}

int pervcpu_load(void *area)
{
	unsigned int cpu = percpu_cpu_id();
	unsigned int none = PERCPU_CPU_NONE;
	struct pervcpu_head *head;
	int migrated;

	if (cpu == PERCPU_CPU_NONE)
		return percpu_fail("pervcpu_load", 0, -PERCPU_ENOTINIT);
	if (area == NULL || head_of(area)->magic != PERVCPU_MAGIC)
		return percpu_fail("pervcpu_load", cpu, -PERCPU_ENOVCPU);
	if (this_cpu_read(pervcpu_offset) != pervcpu_none_offset())
		return percpu_fail("pervcpu_load", cpu, -PERCPU_EBUSY);
	head = head_of(area);
	if (!__atomic_compare_exchange_n(&head->loaded_on, &none, cpu, 0,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return percpu_fail("pervcpu_load", cpu, -PERCPU_EBUSY);
	migrated = head->last_cpu != PERCPU_CPU_NONE && head->last_cpu != cpu;
	head->last_cpu = cpu;
	this_cpu_write(pervcpu_offset,
		       (uintptr_t) area - (uintptr_t) __pervcpu_start);
	return migrated;
}

int pervcpu_put(void)
{
	uintptr_t offset = this_cpu_read(pervcpu_offset);

	if (offset == pervcpu_none_offset())
		return percpu_fail("pervcpu_put", 0, -PERCPU_ENOVCPU);
	this_cpu_write(pervcpu_offset, pervcpu_none_offset());
	__atomic_store_n(
		&head_of((void *) (offset + (uintptr_t) __pervcpu_start))
			 ->loaded_on,
		PERCPU_CPU_NONE, __ATOMIC_RELEASE);
	return 0;
}

void *pervcpu_current(void)
{
	uintptr_t offset = this_cpu_read(pervcpu_offset);

	return offset != pervcpu_none_offset()
		       ? (void *) (offset + (uintptr_t) __pervcpu_start)
		       : NULL;
}

unsigned int pervcpu_last_cpu(const void *area)
{
	return head_of(area)->last_cpu;
}

void pervcpu_debug_access(const volatile void *tmpl)
{
	if (percpu_cpu_id() != PERCPU_CPU_NONE &&
	    this_cpu_read(pervcpu_offset) == pervcpu_none_offset())
		percpu_report_var(
			"this_vcpu access to ", __pervcpu_vars_start,
			__pervcpu_vars_end, (uintptr_t) __pervcpu_start,
			(uintptr_t) tmpl - (uintptr_t) __pervcpu_start,
			" with no vCPU loaded on this CPU");
}
