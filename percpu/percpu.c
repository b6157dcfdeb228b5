/* percpu: generic code (areas, registers, misuse reporting). */
#include "percpu/percpu.h"

#include "percpu/internal.h"
#include "percpu/percpu_testing.h"

/** The template's header; every area's copy is filled in by percpu_init(). */
__attribute__((section(".percpu.head"))) struct percpu_head percpu_head = {
	0,
	PERCPU_CPU_NONE,
};

/* Backends' assembly and the VMX host-state code rely on this layout. */
PERCPU_STATIC_ASSERT_(offsetof(struct percpu_head, offset) == 0,
		      "percpu_head.offset must be the area's first word");

struct percpu_layout percpu_layout;

/** Records emitted by PERCPU_DEFINE, gathered by percpu/ld/. */
extern const struct percpu_var_info __percpu_vars_start[], __percpu_vars_end[];

enum init_state { STATE_UNINIT, STATE_BUSY, STATE_READY };

static int state = STATE_UNINIT;
static void (*reporter)(const char *line);

#define AREA_MIN_ALIGN 64

void percpu_set_reporter(void (*puts_fn)(const char *line))
{
	reporter = puts_fn;
}

const char *percpu_strerror(int err)
{
	switch (err < 0 ? -err : err) {
	case 0:
		return "success";
	case PERCPU_EALREADY:
		return "already initialised";
	case PERCPU_ENOTINIT:
		return "percpu_init() has not completed";
	case PERCPU_ERANGE:
		return "cpu id out of range";
	case PERCPU_EALIGN:
		return "base not aligned to percpu_required_align()";
	case PERCPU_EINVAL:
		return "invalid argument";
	case PERCPU_ENOSPC:
		return "more CPUs than reserved areas";
	case PERCPU_EBUSY:
		return "vCPU area busy (current on another pCPU, or one "
		       "loaded)";
	case PERCPU_ENOVCPU:
		return "no vCPU area loaded, or area not initialised";
	default:
		return "unknown error";
	}
}

/** Appends `s` to the line being built at *pos (bounded by end). */
static void put_str(char **pos, char *end, const char *s)
{
	while (*s != '\0' && *pos < end)
		*(*pos)++ = *s++;
}

/** Appends `v` in decimal. */
static void put_num(char **pos, char *end, unsigned long v)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = (char) ('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n > 0 && *pos < end)
		*(*pos)++ = digits[--n];
}

int percpu_fail(const char *func, unsigned long arg, int err)
{
	char line[128];
	char *pos = line;
	char *end = line + sizeof(line) - 1;

	if (reporter == NULL)
		return err;
	put_str(&pos, end, "percpu: ");
	put_str(&pos, end, func);
	put_str(&pos, end, "(");
	put_num(&pos, end, arg);
	put_str(&pos, end, "): ");
	put_str(&pos, end, percpu_strerror(err));
	put_str(&pos, end, " (");
	put_num(&pos, end, percpu_area_num());
	put_str(&pos, end, " areas)");
	*pos = '\0';
	reporter(line);
	return err;
}

size_t percpu_area_size(void)
{
	return (size_t) (__percpu_end - __percpu_start);
}

size_t percpu_max_align(const struct percpu_var_info *start,
			const struct percpu_var_info *end)
{
	size_t align = AREA_MIN_ALIGN;
	const struct percpu_var_info *v;

	for (v = start; v < end; v++) {
		if (v->align > align)
			align = v->align;
	}
	return align;
}

size_t percpu_required_align(void)
{
	return percpu_max_align(__percpu_vars_start, __percpu_vars_end);
}

size_t percpu_area_stride(void)
{
	size_t align = percpu_required_align();

	return (percpu_area_size() + align - 1) & ~(align - 1);
}

size_t percpu_required_size(unsigned int cpu_count)
{
	size_t stride = percpu_area_stride();

	if (cpu_count != 0 && stride > SIZE_MAX / cpu_count)
		return 0;
	return stride * cpu_count;
}

unsigned int percpu_area_num(void)
{
	return __atomic_load_n(&percpu_layout.num, __ATOMIC_ACQUIRE);
}

/**
 * Picks and checks the memory for `*count` areas (in place if base is NULL).
 * Returns the first area's address, or 0 with *err set.
 */
static uintptr_t choose_areas(void *base, unsigned int *count, int *err)
{
	size_t stride = percpu_area_stride();
	uintptr_t area = (uintptr_t) base;

	if (ARCH_PERCPU_SINGLE) {
		*err = *count > 1 ? -PERCPU_ENOSPC : 0;
		*count = 1;
		return (uintptr_t) __percpu_start;
	}
	if (base == NULL) {
		size_t avail = (size_t) (__percpu_reserve_end -
					 __percpu_reserve_start) /
			       stride;

		area = (uintptr_t) __percpu_reserve_start;
		if (*count == 0)
			*count = (unsigned int) avail;
		if (*count == 0 || *count > avail) {
			*err = -PERCPU_ENOSPC;
			return 0;
		}
	} else if (*count == 0 || percpu_required_size(*count) == 0) {
		*err = -PERCPU_EINVAL;
		return 0;
	}
	if (area % percpu_required_align() != 0) {
		*err = -PERCPU_EALIGN;
		return 0;
	}
	*err = 0;
	return area;
}

/** Copies the pristine template into `count` areas from `area` on. */
static void fill_areas(uintptr_t area, unsigned int count)
{
	size_t stride = percpu_area_stride();
	uintptr_t offset0 = area - (uintptr_t) __percpu_start;
	unsigned int cpu;

	for (cpu = 0; cpu < count; cpu++) {
		uintptr_t base = area + (uintptr_t) cpu * stride;
		struct percpu_head *head = (struct percpu_head *) base;

		if (!ARCH_PERCPU_SINGLE) {
			__builtin_memcpy((void *) base, __percpu_load_start,
					 percpu_area_size());
			head->offset = offset0 + (uintptr_t) cpu * stride;
		}
		head->cpu = cpu;
	}
	percpu_layout.offset0 = offset0;
	percpu_layout.stride = stride;
	__atomic_store_n(&percpu_layout.num, count, __ATOMIC_RELEASE);
}

int percpu_init(void *base, unsigned int cpu_count)
{
	int expected = STATE_UNINIT;
	uintptr_t area;
	int err;

	while (!__atomic_compare_exchange_n(&state, &expected, STATE_BUSY, 0,
					    __ATOMIC_ACQUIRE,
					    __ATOMIC_ACQUIRE)) {
		if (expected == STATE_READY)
			return percpu_fail("percpu_init", cpu_count,
					   -PERCPU_EALREADY);
		expected = STATE_UNINIT; /* another CPU is busy: wait */
	}
	area = choose_areas(base, &cpu_count, &err);
	if (err == 0)
		fill_areas(area, cpu_count);
	__atomic_store_n(&state, err == 0 ? STATE_READY : STATE_UNINIT,
			 __ATOMIC_RELEASE);
	return err == 0 ? (int) cpu_count
			: percpu_fail("percpu_init", cpu_count, err);
}

int percpu_init_cpu(unsigned int cpu)
{
	if (percpu_area_num() == 0)
		return percpu_fail("percpu_init_cpu", cpu, -PERCPU_ENOTINIT);
	if (!percpu_cpu_valid(cpu))
		return percpu_fail("percpu_init_cpu", cpu, -PERCPU_ERANGE);
	if (!ARCH_PERCPU_SINGLE)
		arch_percpu_set_offset(percpu_cpu_offset(cpu));
	return 0;
}

uintptr_t percpu_read_reg(void)
{
	uintptr_t offset;

	if (ARCH_PERCPU_SINGLE)
		return percpu_area_base(0);
	offset = arch_percpu_read_register();
	return offset != 0 ? offset + (uintptr_t) __percpu_start : 0;
}

void percpu_write_reg(uintptr_t area_base)
{
	if (!ARCH_PERCPU_SINGLE)
		arch_percpu_set_offset(
			area_base != 0 ? area_base - (uintptr_t) __percpu_start
				       : 0);
}

unsigned int percpu_cpu_id(void)
{
	uintptr_t base = percpu_read_reg();
	unsigned int num = percpu_area_num();
	uintptr_t first = percpu_area_base(0);
	size_t stride = percpu_layout.stride;

	if (num == 0 || base < first || (base - first) % stride != 0 ||
	    (base - first) / stride >= num)
		return PERCPU_CPU_NONE;
	return ((const struct percpu_head *) base)->cpu;
}

void percpu_test_reset(void)
{
	__atomic_store_n(&percpu_layout.num, 0, __ATOMIC_RELEASE);
	percpu_layout.offset0 = 0;
	percpu_layout.stride = 0;
	percpu_write_reg(0);
	__atomic_store_n(&state, STATE_UNINIT, __ATOMIC_RELEASE);
}
