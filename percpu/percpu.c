/*
 * percpu: generic code (areas, registers, hotplug, the dynamic region, checks
 * and misuse reporting). Freestanding: only compiler builtins.
 */
#include "percpu/percpu.h"

#include "percpu/internal.h"
#include "percpu/percpu_testing.h"

/** The template's header; every area's copy is filled in by percpu_init(). */
#if defined(__clang__)
__attribute__((no_sanitize("address")))
#endif
__attribute__((section(".percpu.head")))
PERCPU_NO_REDZONE_ struct percpu_head percpu_head = {
	0,
	PERCPU_CPU_NONE,
	0,
};

/* Backends' assembly and the VMX host-state code rely on this layout. */
PERCPU_STATIC_ASSERT(offsetof(struct percpu_head, offset) == 0,
		     "percpu_head.offset must be the area's first word");

struct percpu_layout percpu_layout;

/** Records emitted by PERCPU_DEFINE, gathered by percpu/ld/. */
extern const struct percpu_var_info __percpu_vars_start[], __percpu_vars_end[];

enum init_state { STATE_UNINIT, STATE_BUSY, STATE_READY };

static int state = STATE_UNINIT;
static percpu_reporter_fn reporter;

#define AREA_MIN_ALIGN 64
/** Alignment of the dynamic region's start and of its size. */
#define DYN_ALIGN 64
/*
 * The guard word after each area's dynamic region. percpu/ld/ reserves
 * GUARD_BYTES per in-place area too: keep them in step.
 */
#define GUARD_BYTES 8
#define GUARD_MAGIC 0x6472617567757063ull /* "cpuguard" */

/** Dynamic size for the next percpu_init(); then percpu_layout.dyn_size. */
static size_t dyn_pending;

/** One live dynamic object: bytes [start, start + size) of the region. */
struct dyn_block {
	size_t start;
	size_t size;
};

/* Live dynamic objects sorted by start; guarded by `lock_word`. */
static struct dyn_block blocks[PERCPU_DYN_MAX_ALLOCS];
static unsigned int nblocks;
static size_t dyn_used;

/** Serialises hotplug, the allocator and percpu_check(). */
static int lock_word;

static void lock(void)
{
	while (__atomic_exchange_n(&lock_word, 1, __ATOMIC_ACQUIRE) != 0) {
		while (__atomic_load_n(&lock_word, __ATOMIC_RELAXED) != 0) {
#if defined(__x86_64__)
			__asm__ volatile("pause");
#elif defined(__aarch64__)
			__asm__ volatile("yield");
#endif
		}
	}
}

static void unlock(void)
{
	__atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE);
}

static size_t round_up(size_t v, size_t align)
{
	return (v + align - 1) & ~(align - 1);
}

/* Misuse messages. */

percpu_reporter_fn percpu_set_reporter(percpu_reporter_fn puts_fn)
{
	return __atomic_exchange_n(&reporter, puts_fn, __ATOMIC_ACQ_REL);
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
	case PERCPU_EONLINE:
		return "cpu is already online";
	case PERCPU_EOFFLINE:
		return "cpu is offline";
	case PERCPU_ENOMEM:
		return "dynamic region exhausted";
	case PERCPU_EBADHANDLE:
		return "handle not allocated (double free or bogus handle)";
	case PERCPU_ENOTSUP:
		return "not supported in single-CPU mode";
	case PERCPU_ECORRUPT:
		return "per-CPU memory corrupted";
	default:
		return "unknown error";
	}
}

/** A message line being built: bounded, terminated by msg_emit(). */
struct msg {
	char buf[192];
	char *pos;
};

static void msg_str(struct msg *m, const char *s)
{
	char *end = m->buf + sizeof(m->buf) - 1;

	while (*s != '\0' && m->pos < end)
		*m->pos++ = *s++;
}

/** Appends `v` in decimal, or in hex with 0x when `hex`. */
static void msg_num(struct msg *m, unsigned long v, int hex)
{
	unsigned int base = hex ? 16 : 10;
	char digits[24];
	int n = 0;

	if (hex)
		msg_str(m, "0x");
	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v != 0);
	while (n > 0) {
		char c[2] = {digits[--n], '\0'};

		msg_str(m, c);
	}
}

static void msg_begin(struct msg *m)
{
	m->pos = m->buf;
	msg_str(m, "percpu: ");
}

static void msg_emit(struct msg *m)
{
	percpu_reporter_fn fn = __atomic_load_n(&reporter, __ATOMIC_ACQUIRE);

	*m->pos = '\0';
	if (fn != NULL)
		fn(m->buf);
}

int percpu_fail(const char *func, unsigned long arg, int err)
{
	struct msg m;

	msg_begin(&m);
	msg_str(&m, func);
	msg_str(&m, "(");
	msg_num(&m, arg, 0);
	msg_str(&m, "): ");
	msg_str(&m, percpu_strerror(err));
	msg_str(&m, " (");
	msg_num(&m, percpu_area_num(), 0);
	msg_str(&m, " areas)");
	msg_emit(&m);
	return err;
}

/**
 * Appends what lives at offset `off` of an area: "NAME (offset 0x48)",
 * "NAME+0x4 (...)", "dynamic region +0x40 (...)", "percpu_head (...)".
 */
static void msg_where(struct msg *m, uintptr_t off)
{
	const struct percpu_var_info *v;
	uintptr_t dyn = off - percpu_layout.dyn_offset;

	for (v = __percpu_vars_start; v < __percpu_vars_end; v++) {
		uintptr_t voff =
			(uintptr_t) v->addr - (uintptr_t) __percpu_start;

		if (off >= voff && off - voff < v->size) {
			msg_str(m, v->name);
			if (off != voff) {
				msg_str(m, "+");
				msg_num(m, off - voff, 1);
			}
			break;
		}
	}
	if (v == __percpu_vars_end) {
		if (off < sizeof(struct percpu_head)) {
			msg_str(m, "percpu_head");
		} else if (dyn < percpu_layout.dyn_size) {
			msg_str(m, "dynamic region +");
			msg_num(m, dyn, 1);
		} else {
			msg_str(m, "padding");
		}
	}
	msg_str(m, " (offset ");
	msg_num(m, off, 1);
	msg_str(m, ")");
}

/* Layout. */

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

/** Where the dynamic region starts in an area's memory. */
static size_t dyn_start(void)
{
	return round_up(percpu_area_size(), DYN_ALIGN);
}

size_t percpu_area_stride(void)
{
	return round_up(dyn_start() + dyn_pending + GUARD_BYTES,
			percpu_required_align());
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

/** Base of `cpu`'s area without the range check (during percpu_init()). */
static uintptr_t area_at(unsigned int cpu)
{
	return percpu_layout.offset0 + (uintptr_t) cpu * percpu_layout.stride +
	       (uintptr_t) __percpu_start;
}

static uint64_t *guard_at(unsigned int cpu)
{
	return (uint64_t *) (area_at(cpu) + percpu_layout.dyn_offset +
			     percpu_layout.dyn_size);
}

/** The CPU whose area starts at `base`, or PERCPU_CPU_NONE. */
static unsigned int area_index(uintptr_t base)
{
	unsigned int num = percpu_area_num();
	uintptr_t first = percpu_area_base(0);
	size_t stride = percpu_layout.stride;

	if (num == 0 || base < first || (base - first) % stride != 0 ||
	    (base - first) / stride >= num)
		return PERCPU_CPU_NONE;
	return (unsigned int) ((base - first) / stride);
}

/**
 * Picks and checks the memory for `*count` areas (in place if base is NULL).
 * In single-CPU mode the template is the only area and this memory holds
 * just its dynamic region and guard. Returns the first area's address, or 0
 * with *err set.
 */
static uintptr_t choose_areas(void *base, unsigned int *count, int *err)
{
	size_t stride = percpu_area_stride();
	size_t avail =
		(size_t) (__percpu_reserve_end - __percpu_reserve_start) /
		stride;
	uintptr_t area = base != NULL ? (uintptr_t) base
				      : (uintptr_t) __percpu_reserve_start;

	*err = 0;
	if (ARCH_PERCPU_SINGLE) {
		if (*count > 1 || (base == NULL && avail == 0))
			*err = -PERCPU_ENOSPC;
		*count = 1;
	} else if (base == NULL) {
		if (avail > ~0u)
			avail = ~0u;
		if (*count == 0)
			*count = (unsigned int) avail;
		if (*count == 0 || *count > avail)
			*err = -PERCPU_ENOSPC;
	} else if (*count == 0 || percpu_required_size(*count) == 0) {
		*err = -PERCPU_EINVAL;
	}
	if (*err == 0 && area % percpu_required_align() != 0)
		*err = -PERCPU_EALIGN;
	return *err == 0 ? area : 0;
}

/**
 * Makes `cpu`'s area fresh: a copy of the pristine template (except in
 * single-CPU mode, where the template is the area), its header, a zeroed
 * dynamic region and the guard word; then marks it online (release).
 */
static void area_setup(unsigned int cpu)
{
	uintptr_t base = area_at(cpu);
	struct percpu_head *head = (struct percpu_head *) base;

	if (!ARCH_PERCPU_SINGLE) {
		/* The header's `online` word is only written atomically. */
		__builtin_memcpy((void *) (base + sizeof(*head)),
				 __percpu_load_start + sizeof(*head),
				 percpu_area_size() - sizeof(*head));
		head->offset = base - (uintptr_t) __percpu_start;
	}
	head->cpu = cpu;
	__builtin_memset((void *) (base + percpu_layout.dyn_offset), 0,
			 percpu_layout.dyn_size);
	*guard_at(cpu) = GUARD_MAGIC;
	__atomic_store_n(&head->online, 1, __ATOMIC_RELEASE);
}

int percpu_init(void *base, unsigned int cpu_count)
{
	int expected = STATE_UNINIT;
	uintptr_t area;
	unsigned int cpu;
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
	if (err == 0) {
		uintptr_t offset = area - (uintptr_t) __percpu_start;

		percpu_layout.offset0 = ARCH_PERCPU_SINGLE ? 0 : offset;
		percpu_layout.stride = percpu_area_stride();
		percpu_layout.dyn_size = dyn_pending;
		percpu_layout.dyn_offset =
			(ARCH_PERCPU_SINGLE ? offset : 0) + dyn_start();
		for (cpu = 0; cpu < cpu_count; cpu++)
			area_setup(cpu);
		__atomic_store_n(&percpu_layout.num, cpu_count,
				 __ATOMIC_RELEASE);
	}
	__atomic_store_n(&state, err == 0 ? STATE_READY : STATE_UNINIT,
			 __ATOMIC_RELEASE);
	return err == 0 ? (int) cpu_count
			: percpu_fail("percpu_init", cpu_count, err);
}

/** 0 if `cpu` names an area, else the error (not reported). */
static int check_cpu(unsigned int cpu)
{
	if (percpu_area_num() == 0)
		return -PERCPU_ENOTINIT;
	if (!percpu_cpu_valid(cpu))
		return -PERCPU_ERANGE;
	return 0;
}

int percpu_init_cpu(unsigned int cpu)
{
	int err = check_cpu(cpu);

	if (err == 0 && !percpu_cpu_is_online(cpu))
		err = -PERCPU_EOFFLINE;
	if (err != 0)
		return percpu_fail("percpu_init_cpu", cpu, err);
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
	unsigned int cpu = area_index(percpu_read_reg());

	if (cpu == PERCPU_CPU_NONE || !percpu_cpu_is_online(cpu))
		return PERCPU_CPU_NONE;
	return ((const struct percpu_head *) percpu_area_base(cpu))->cpu;
}

/* Hotplug. */

int percpu_cpu_online(unsigned int cpu)
{
	int err = check_cpu(cpu);

	if (err == 0) {
		lock();
		if (percpu_cpu_is_online(cpu))
			err = -PERCPU_EONLINE;
		else
			area_setup(cpu);
		unlock();
	}
	return err == 0 ? 0 : percpu_fail("percpu_cpu_online", cpu, err);
}

int percpu_cpu_offline(unsigned int cpu)
{
	int err = check_cpu(cpu);

	if (err == 0 && ARCH_PERCPU_SINGLE)
		err = -PERCPU_ENOTSUP;
	if (err == 0) {
		uintptr_t base = area_at(cpu);
		size_t head = sizeof(struct percpu_head);

		lock();
		if (!percpu_cpu_is_online(cpu)) {
			err = -PERCPU_EOFFLINE;
		} else {
			__atomic_store_n(&((struct percpu_head *) base)->online,
					 0, __ATOMIC_RELEASE);
			__builtin_memset((void *) (base + head), PERCPU_POISON,
					 percpu_layout.dyn_offset +
						 percpu_layout.dyn_size - head);
		}
		unlock();
	}
	return err == 0 ? 0 : percpu_fail("percpu_cpu_offline", cpu, err);
}

/* The dynamic region. */

int percpu_set_dyn_size(size_t bytes)
{
	if (__atomic_load_n(&state, __ATOMIC_ACQUIRE) != STATE_UNINIT)
		return percpu_fail("percpu_set_dyn_size", bytes,
				   -PERCPU_EALREADY);
	if (bytes > SIZE_MAX / 4)
		return percpu_fail("percpu_set_dyn_size", bytes,
				   -PERCPU_EINVAL);
	dyn_pending = round_up(bytes, DYN_ALIGN);
	return 0;
}

size_t percpu_dyn_size(void)
{
	return dyn_pending;
}

size_t percpu_dyn_used(void)
{
	return __atomic_load_n(&dyn_used, __ATOMIC_RELAXED);
}

/** Index of the block starting at region offset `rel`, or -1. Locked. */
static int dyn_find(size_t rel)
{
	unsigned int lo = 0, hi = nblocks;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (blocks[mid].start == rel)
			return (int) mid;
		if (blocks[mid].start < rel)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/**
 * First fit: the lowest offset in the region where `size` bytes aligned to
 * `align` fit between live blocks. Returns the index to insert at and sets
 * *rel, or returns -1. Locked.
 */
static int dyn_fit(size_t size, size_t align, size_t *rel)
{
	/* Every area's region has the same alignment as CPU 0's. */
	uintptr_t ref = percpu_area_base(0) + percpu_layout.dyn_offset;
	size_t at = 0;
	unsigned int i;

	for (i = 0; i <= nblocks; i++) {
		size_t limit =
			i < nblocks ? blocks[i].start : percpu_layout.dyn_size;

		at = ((ref + at + align - 1) & ~(uintptr_t) (align - 1)) - ref;
		if (at <= limit && limit - at >= size) {
			*rel = at;
			return (int) i;
		}
		if (i < nblocks)
			at = blocks[i].start + blocks[i].size;
	}
	return -1;
}

percpu_handle_t percpu_alloc(size_t size, size_t align)
{
	unsigned int num = percpu_area_num();
	size_t rel = 0;
	unsigned int cpu;
	int at = -1;
	int err = 0;

	if (num == 0)
		err = -PERCPU_ENOTINIT;
	else if (size == 0 || align == 0 || (align & (align - 1)) != 0 ||
		 align > percpu_required_align())
		err = -PERCPU_EINVAL;
	if (err != 0) {
		percpu_fail("percpu_alloc", size, err);
		return PERCPU_HANDLE_NONE;
	}
	lock();
	if (nblocks < PERCPU_DYN_MAX_ALLOCS)
		at = dyn_fit(size, align, &rel);
	if (at >= 0) {
		for (cpu = nblocks; cpu > (unsigned int) at; cpu--)
			blocks[cpu] = blocks[cpu - 1];
		blocks[at].start = rel;
		blocks[at].size = size;
		nblocks++;
		__atomic_store_n(&dyn_used, dyn_used + size, __ATOMIC_RELAXED);
		for (cpu = 0; cpu < num; cpu++) {
			uintptr_t base = percpu_online_base(cpu);

			if (base != 0)
				__builtin_memset(
					(void *) (base +
						  percpu_layout.dyn_offset +
						  rel),
					0, size);
		}
	}
	unlock();
	if (at < 0) {
		percpu_fail("percpu_alloc", size, -PERCPU_ENOMEM);
		return PERCPU_HANDLE_NONE;
	}
	return percpu_layout.dyn_offset + rel;
}

int percpu_free(percpu_handle_t handle)
{
	unsigned int i;
	int at;

	if (percpu_area_num() == 0)
		return percpu_fail("percpu_free", handle, -PERCPU_ENOTINIT);
	lock();
	at = handle != PERCPU_HANDLE_NONE
		     ? dyn_find(handle - percpu_layout.dyn_offset)
		     : -1;
	if (at >= 0) {
		__atomic_store_n(&dyn_used, dyn_used - blocks[at].size,
				 __ATOMIC_RELAXED);
		nblocks--;
		for (i = (unsigned int) at; i < nblocks; i++)
			blocks[i] = blocks[i + 1];
	}
	unlock();
	return at >= 0 ? 0
		       : percpu_fail("percpu_free", handle, -PERCPU_EBADHANDLE);
}

/* Checks. */

/** Checks one area (see percpu_check()); returns the problems found. */
static unsigned int check_area(unsigned int cpu)
{
	uintptr_t base = area_at(cpu);
	const struct percpu_head *head = (const struct percpu_head *) base;
	uintptr_t guard_off = percpu_layout.dyn_offset + percpu_layout.dyn_size;
	unsigned int bad = 0;
	struct msg m;
	uintptr_t off;

	if (head->cpu != cpu ||
	    (!ARCH_PERCPU_SINGLE &&
	     head->offset != base - (uintptr_t) __percpu_start)) {
		msg_begin(&m);
		msg_str(&m, "percpu_check: cpu ");
		msg_num(&m, cpu, 0);
		msg_str(&m, ": area header overwritten");
		msg_emit(&m);
		bad++;
	}
	if (*guard_at(cpu) != GUARD_MAGIC) {
		msg_begin(&m);
		msg_str(&m, "percpu_check: cpu ");
		msg_num(&m, cpu, 0);
		msg_str(&m, ": guard word overwritten (");
		msg_num(&m, (unsigned long) *guard_at(cpu), 1);
		msg_str(&m, "): write past the end of ");
		msg_where(&m, guard_off - 1);
		msg_emit(&m);
		bad++;
	}
	if (ARCH_PERCPU_SINGLE ||
	    __atomic_load_n(&head->online, __ATOMIC_ACQUIRE))
		return bad;
	for (off = sizeof(*head); off < guard_off; off++) {
		if (*(const uint8_t *) (base + off) != PERCPU_POISON) {
			msg_begin(&m);
			msg_str(&m, "percpu_check: cpu ");
			msg_num(&m, cpu, 0);
			msg_str(&m, " is offline but ");
			msg_where(&m, off);
			msg_str(&m, " was written (stale access)");
			msg_emit(&m);
			return bad + 1;
		}
	}
	return bad;
}

int percpu_check(void)
{
	unsigned int num = percpu_area_num();
	unsigned int bad = 0;
	unsigned int cpu;

	if (num == 0)
		return percpu_fail("percpu_check", 0, -PERCPU_ENOTINIT);
	lock();
	for (cpu = 0; cpu < num; cpu++)
		bad += check_area(cpu);
	unlock();
	return bad == 0 ? 0 : -PERCPU_ECORRUPT;
}

/**
 * Reports an access to `off` (a variable's or handle's offset) if the calling
 * CPU's register does not point at an online area.
 */
static void check_register(uintptr_t off)
{
	unsigned int num = percpu_area_num();
	unsigned int cpu = PERCPU_CPU_NONE;
	uintptr_t reg = 0;
	struct msg m;

	if (ARCH_PERCPU_SINGLE && num != 0)
		return;
	if (num != 0) {
		reg = percpu_read_reg();
		cpu = area_index(reg);
		if (cpu != PERCPU_CPU_NONE && percpu_cpu_is_online(cpu))
			return;
	}
	msg_begin(&m);
	if (cpu != PERCPU_CPU_NONE) {
		msg_str(&m, "cpu ");
		msg_num(&m, cpu, 0);
		msg_str(&m, ": ");
	}
	msg_str(&m, "this_cpu access to ");
	msg_where(&m, off);
	if (num == 0) {
		msg_str(&m, " before percpu_init()");
	} else if (reg == 0) {
		msg_str(&m, " before percpu_init_cpu() on this CPU (register "
			    "unset)");
	} else if (cpu == PERCPU_CPU_NONE) {
		msg_str(&m, " through foreign base ");
		msg_num(&m, reg, 1);
		msg_str(&m, " (not an area)");
	} else {
		msg_str(&m, " through a stale base: the cpu is offline");
	}
	msg_emit(&m);
}

void percpu_debug_access(const void *tmpl)
{
	check_register((uintptr_t) tmpl - (uintptr_t) __percpu_start);
}

void percpu_debug_dyn(percpu_handle_t handle, int local)
{
	struct msg m;
	int found;

	if (local)
		check_register(handle);
	if (percpu_area_num() == 0)
		return;
	lock();
	found = dyn_find(handle - percpu_layout.dyn_offset) >= 0;
	unlock();
	if (found)
		return;
	msg_begin(&m);
	msg_str(&m, "dynamic handle ");
	msg_num(&m, handle, 1);
	msg_str(&m, " is not allocated (freed or bogus)");
	msg_emit(&m);
}

void percpu_test_reset(void)
{
	__atomic_store_n(&percpu_layout.num, 0, __ATOMIC_RELEASE);
	percpu_layout.offset0 = 0;
	percpu_layout.stride = 0;
	percpu_layout.dyn_offset = 0;
	percpu_layout.dyn_size = 0;
	dyn_pending = 0;
	nblocks = 0;
	__atomic_store_n(&dyn_used, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&lock_word, 0, __ATOMIC_RELEASE);
	percpu_write_reg(0);
	__atomic_store_n(&state, STATE_UNINIT, __ATOMIC_RELEASE);
}
