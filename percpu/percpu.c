/*
 * percpu: generic code (areas, registers, hotplug, the dynamic region, checks
 * and misuse reporting). Freestanding: only compiler builtins.
 */
#include "percpu/percpu.h"

#include "percpu/internal.h"
#include "percpu/percpu_asm.h"
#include "percpu/pervcpu.h"

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

/*
 * Backends' assembly, the assembly API (percpu_asm.h) and the VMX host-state
 * code rely on this layout.
 */
PERCPU_STATIC_ASSERT(offsetof(struct percpu_head, offset) ==
			     PERCPU_ASM_HEAD_OFFSET,
		     "percpu_head.offset must be the area's first word");

struct percpu_layout percpu_layout;

/** Records emitted by PERCPU_DEFINE, gathered by percpu/ld/. */
extern const struct percpu_var_info __percpu_vars_start[], __percpu_vars_end[];

static percpu_reporter_fn reporter;

/*
 * Layout constants, defined here only: percpu/ld/ reads them as the absolute
 * symbols below, so the linker's reservation and this file cannot disagree.
 */
/** Smallest area alignment (a cache line). */
#define AREA_MIN_ALIGN 64
/** Alignment of the dynamic region's start and of its size. */
#define DYN_ALIGN 64
/** The guard word after each area's dynamic region. */
#define GUARD_BYTES 8
#define GUARD_MAGIC 0x6472617567757063ull /* "cpuguard" */
/** Fills the padding of every area (checked by percpu_check()). */
#define PAD_BYTE 0xa5

#define STR2_(x) #x
#define STR_(x) STR2_(x)
#define LD_CONSTANT_(sym, value)                                               \
	__asm__(".globl " #sym "\n\t.set " #sym ", " STR_(value))
LD_CONSTANT_(__percpu_area_min_align, AREA_MIN_ALIGN);
LD_CONSTANT_(__percpu_dyn_align, DYN_ALIGN);
LD_CONSTANT_(__percpu_guard_bytes, GUARD_BYTES);

struct percpu_state percpu_state;

/* Hotplug readers (percpu_hotplug_read_lock()), in two epochs. */
static unsigned long hp_readers[2];
static unsigned int hp_epoch;

static unsigned long lock(void)
{
	unsigned long flags = arch_percpu_irq_save();

	while (__atomic_exchange_n(&percpu_state.lock_word, 1,
				   __ATOMIC_ACQUIRE) != 0) {
		while (__atomic_load_n(&percpu_state.lock_word,
				       __ATOMIC_RELAXED) != 0)
			percpu_spin_wait();
	}
	return flags;
}

static void unlock(unsigned long flags)
{
	__atomic_store_n(&percpu_state.lock_word, 0, __ATOMIC_RELEASE);
	arch_percpu_irq_restore(flags);
}

/**
 * Takes the layout (PERCPU_STATE_BUSY) from PERCPU_STATE_UNINIT, waiting while
 * another CPU has it. 0, or -PERCPU_EALREADY once percpu_init() has completed.
 */
static int state_enter(void)
{
	int expected = PERCPU_STATE_UNINIT;

	while (!__atomic_compare_exchange_n(
		&percpu_state.init, &expected, PERCPU_STATE_BUSY, 0,
		__ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)) {
		if (expected == PERCPU_STATE_READY)
			return -PERCPU_EALREADY;
		expected = PERCPU_STATE_UNINIT;
		percpu_spin_wait();
	}
	return 0;
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
	/* Negated in unsigned arithmetic: INT_MIN has no positive int. */
	switch (err < 0 ? 0u - (unsigned int) err : (unsigned int) err) {
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
 * Appends "NAME" or "NAME+0x4" if offset `off` from `tmpl` falls in one of
 * the variables [start, end) describe; returns 0 if none.
 */
static int msg_var(struct msg *m, const struct percpu_var_info *start,
		   const struct percpu_var_info *end, uintptr_t tmpl,
		   uintptr_t off)
{
	const struct percpu_var_info *v;

	for (v = start; v < end; v++) {
		uintptr_t voff = (uintptr_t) v->addr - tmpl;

		if (off >= voff && off - voff < v->size) {
			msg_str(m, v->name);
			if (off != voff) {
				msg_str(m, "+");
				msg_num(m, off - voff, 1);
			}
			return 1;
		}
	}
	return 0;
}

/**
 * Appends what lives at offset `off` of an area: "NAME (offset 0x48)",
 * "NAME+0x4 (...)", "dynamic region +0x40 (...)", "percpu_head (...)".
 */
static void msg_where(struct msg *m, uintptr_t off)
{
	uintptr_t dyn = off - percpu_layout.dyn_offset;

	if (msg_var(m, __percpu_vars_start, __percpu_vars_end,
		    (uintptr_t) __percpu_start, off)) {
	} else if (off < sizeof(struct percpu_head)) {
		msg_str(m, "percpu_head");
	} else if (dyn < percpu_layout.dyn_size) {
		msg_str(m, "dynamic region +");
		msg_num(m, dyn, 1);
	} else {
		msg_str(m, "padding");
	}
	msg_str(m, " (offset ");
	msg_num(m, off, 1);
	msg_str(m, ")");
}

void percpu_report_var(const char *what, const struct percpu_var_info *start,
		       const struct percpu_var_info *end, uintptr_t tmpl,
		       uintptr_t off, const char *why)
{
	struct msg m;

	msg_begin(&m);
	msg_str(&m, what);
	if (!msg_var(&m, start, end, tmpl, off))
		msg_str(&m, "?");
	msg_str(&m, " (offset ");
	msg_num(&m, off, 1);
	msg_str(&m, ")");
	msg_str(&m, why);
	msg_emit(&m);
}

/* Layout. */

size_t percpu_area_size(void)
{
	return (size_t) (__percpu_end - __percpu_start);
}

size_t percpu_required_align(void)
{
	return (size_t) __percpu_linked.area_align;
}

/** Where the dynamic region starts in an area's memory. */
static size_t dyn_start(void)
{
	return round_up(percpu_area_size(), DYN_ALIGN);
}

/** Distance between areas with a `dyn`-byte dynamic region. */
static size_t stride_for(size_t dyn)
{
	return round_up(dyn_start() + dyn + GUARD_BYTES,
			percpu_required_align());
}

size_t percpu_area_stride(void)
{
	return stride_for(
		__atomic_load_n(&percpu_state.dyn_pending, __ATOMIC_RELAXED));
}

/** Bytes for `cpu_count` areas of `stride`; 0 if that overflows. */
static size_t size_for(size_t stride, unsigned int cpu_count)
{
	if (cpu_count != 0 && stride > SIZE_MAX / cpu_count)
		return 0;
	return stride * cpu_count;
}

size_t percpu_required_size(unsigned int cpu_count)
{
	return size_for(percpu_area_stride(), cpu_count);
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

/** Offset of the guard word from an area's base. */
static uintptr_t guard_offset(void)
{
	return percpu_layout.dyn_offset + percpu_layout.dyn_size;
}

static uint64_t *guard_at(unsigned int cpu)
{
	return (uint64_t *) (area_at(cpu) + guard_offset());
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
 * Picks and checks the memory for `*count` areas of `stride` bytes (in place
 * if base is NULL). The same checks apply in every mode; in single-CPU mode
 * the template is the only area and this memory holds just its dynamic
 * region and guard. Returns the first area's address, or 0 with *err set.
 */
static uintptr_t choose_areas(void *base, unsigned int *count, size_t stride,
			      int *err)
{
	uintptr_t area = base != NULL ? (uintptr_t) base
				      : (uintptr_t) __percpu_reserve_start;

	*err = 0;
	if (base != NULL) {
		if (*count == 0 || size_for(stride, *count) == 0)
			*err = -PERCPU_EINVAL;
	} else {
		/* The linker reserved reserved_num areas of reserved_stride. */
		size_t avail = (size_t) (__percpu_reserve_end -
					 __percpu_reserve_start) /
			       stride;

		if (stride_for(__percpu_linked.reserved_dyn) !=
		    __percpu_linked.reserved_stride)
			*err = -PERCPU_EINVAL; /* a stale linker script */
		if (avail > __percpu_linked.reserved_num)
			avail = (size_t) __percpu_linked.reserved_num;
		if (*count == 0)
			*count = ARCH_PERCPU_SINGLE ? 1 : (unsigned int) avail;
		if (*err == 0 && (*count == 0 || *count > avail))
			*err = -PERCPU_ENOSPC;
	}
	if (*err == 0 && ARCH_PERCPU_SINGLE && *count > 1)
		*err = -PERCPU_ENOSPC;
	if (*err == 0 && area % percpu_required_align() != 0)
		*err = -PERCPU_EALIGN;
	return *err == 0 ? area : 0;
}

/** Fills [from, to) of the area at `base` with PAD_BYTE. */
static void pad_fill(uintptr_t base, uintptr_t from, uintptr_t to)
{
	if (to > from)
		__builtin_memset((void *) (base + from), PAD_BYTE, to - from);
}

/**
 * Makes `cpu`'s area fresh: a copy of the pristine template (except in
 * single-CPU mode, where the template is the area), its header, no vCPU
 * loaded, padding, a zeroed dynamic region and the guard word; then marks it
 * online (release).
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
		pad_fill(base, percpu_area_size(), percpu_layout.dyn_offset);
		pad_fill(base, guard_offset() + GUARD_BYTES,
			 percpu_layout.stride);
	}
	head->cpu = cpu;
	*(uintptr_t *) (base + ((uintptr_t) &PERCPU_SYM(pervcpu_offset) -
				(uintptr_t) __percpu_start)) =
		pervcpu_none_offset();
	__builtin_memset((void *) (base + percpu_layout.dyn_offset), 0,
			 percpu_layout.dyn_size);
	*guard_at(cpu) = GUARD_MAGIC;
	__atomic_store_n(&head->online, 1, __ATOMIC_RELEASE);
}

int percpu_init(void *base, unsigned int cpu_count)
{
	uintptr_t area;
	unsigned int cpu;
	size_t dyn;
	int err = state_enter();

	if (err != 0)
		return percpu_fail("percpu_init", cpu_count, err);
	/* One reading: percpu_set_dyn_size() waits while the state is BUSY. */
	dyn = percpu_state.dyn_pending;
	area = choose_areas(base, &cpu_count, stride_for(dyn), &err);
	if (err == 0) {
		uintptr_t offset = area - (uintptr_t) __percpu_start;

		percpu_layout.offset0 = ARCH_PERCPU_SINGLE ? 0 : offset;
		percpu_layout.stride = stride_for(dyn);
		percpu_layout.dyn_size = dyn;
		percpu_layout.dyn_offset =
			(ARCH_PERCPU_SINGLE ? offset : 0) + dyn_start();
		for (cpu = 0; cpu < cpu_count; cpu++)
			area_setup(cpu);
		__atomic_store_n(&percpu_layout.num, cpu_count,
				 __ATOMIC_RELEASE);
	}
	__atomic_store_n(&percpu_state.init,
			 err == 0 ? PERCPU_STATE_READY : PERCPU_STATE_UNINIT,
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

unsigned int percpu_hotplug_read_lock(void)
{
	unsigned int epoch = __atomic_load_n(&hp_epoch, __ATOMIC_RELAXED) & 1;

	/*
	 * Sequentially consistent with the writer's clearing of `online` and
	 * its reading of the counts: either the writer sees this reader, or
	 * this reader sees the CPU offline. (A full barrier on x86_64 and
	 * riscv64; ldaxr/stlxr on aarch64, ordered before the ldar of
	 * `online`. No standalone fence: ThreadSanitizer has none.)
	 */
	__atomic_fetch_add(&hp_readers[epoch], 1, __ATOMIC_SEQ_CST);
	return epoch;
}

void percpu_hotplug_read_unlock(unsigned int cookie)
{
	__atomic_fetch_sub(&hp_readers[cookie & 1], 1, __ATOMIC_RELEASE);
}

/**
 * Waits for every hotplug reader that may have seen an `online` word before
 * the caller cleared it: both epochs are drained once, each after being
 * retired (new readers count in the other one). Locked.
 */
static void wait_for_readers(void)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		unsigned int old =
			__atomic_fetch_add(&hp_epoch, 1, __ATOMIC_SEQ_CST) & 1;

		while (__atomic_load_n(&hp_readers[old], __ATOMIC_SEQ_CST) != 0)
			percpu_spin_wait();
	}
}

int percpu_cpu_online(unsigned int cpu)
{
	int err = check_cpu(cpu);

	if (err == 0) {
		unsigned long flags = lock();

		if (percpu_cpu_is_online(cpu))
			err = -PERCPU_EONLINE;
		else
			area_setup(cpu);
		unlock(flags);
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
		unsigned long flags = lock();

		if (!percpu_cpu_is_online(cpu)) {
			err = -PERCPU_EOFFLINE;
		} else {
			__atomic_store_n(&((struct percpu_head *) base)->online,
					 0, __ATOMIC_SEQ_CST);
			wait_for_readers();
			__builtin_memset((void *) (base + head), PERCPU_POISON,
					 guard_offset() - head);
		}
		unlock(flags);
	}
	return err == 0 ? 0 : percpu_fail("percpu_cpu_offline", cpu, err);
}

/* The dynamic region. */

int percpu_set_dyn_size(size_t bytes)
{
	int err = bytes > SIZE_MAX / 4 ? -PERCPU_EINVAL : state_enter();

	if (err != 0)
		return percpu_fail("percpu_set_dyn_size", bytes, err);
	__atomic_store_n(&percpu_state.dyn_pending, round_up(bytes, DYN_ALIGN),
			 __ATOMIC_RELAXED);
	__atomic_store_n(&percpu_state.init, PERCPU_STATE_UNINIT,
			 __ATOMIC_RELEASE);
	return 0;
}

size_t percpu_dyn_size(void)
{
	return __atomic_load_n(&percpu_state.dyn_pending, __ATOMIC_RELAXED);
}

size_t percpu_dyn_used(void)
{
	return __atomic_load_n(&percpu_state.dyn_used, __ATOMIC_RELAXED);
}

/** Index of the block starting at region offset `rel`, or -1. Locked. */
static int dyn_find(size_t rel)
{
	unsigned int lo = 0, hi = percpu_state.nblocks;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (percpu_state.blocks[mid].start == rel)
			return (int) mid;
		if (percpu_state.blocks[mid].start < rel)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/** Replaces live handle `from` by `to` (0: a free slot). Locked. */
static void live_replace(percpu_handle_t from, percpu_handle_t to)
{
	unsigned int i;

	for (i = 0; i < PERCPU_DYN_MAX_ALLOCS; i++) {
		if (__atomic_load_n(&percpu_state.live[i], __ATOMIC_RELAXED) ==
		    from) {
			__atomic_store_n(&percpu_state.live[i], to,
					 __ATOMIC_RELEASE);
			return;
		}
	}
}

/** True if `handle` is allocated; lock-free (any context). */
static int live_find(percpu_handle_t handle)
{
	unsigned int i;

	for (i = 0; i < PERCPU_DYN_MAX_ALLOCS && handle != 0; i++) {
		if (__atomic_load_n(&percpu_state.live[i], __ATOMIC_ACQUIRE) ==
		    handle)
			return 1;
	}
	return 0;
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

	for (i = 0; i <= percpu_state.nblocks; i++) {
		size_t limit = i < percpu_state.nblocks
				       ? percpu_state.blocks[i].start
				       : percpu_layout.dyn_size;

		at = ((ref + at + align - 1) & ~(uintptr_t) (align - 1)) - ref;
		if (at <= limit && limit - at >= size) {
			*rel = at;
			return (int) i;
		}
		if (i < percpu_state.nblocks)
			at = percpu_state.blocks[i].start +
			     percpu_state.blocks[i].size;
	}
	return -1;
}

percpu_handle_t percpu_alloc(size_t size, size_t align)
{
	unsigned int num = percpu_area_num();
	unsigned long flags;
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
	flags = lock();
	if (percpu_state.nblocks < PERCPU_DYN_MAX_ALLOCS)
		at = dyn_fit(size, align, &rel);
	if (at >= 0) {
		for (cpu = percpu_state.nblocks; cpu > (unsigned int) at; cpu--)
			percpu_state.blocks[cpu] = percpu_state.blocks[cpu - 1];
		percpu_state.blocks[at].start = rel;
		percpu_state.blocks[at].size = size;
		percpu_state.nblocks++;
		__atomic_store_n(&percpu_state.dyn_used,
				 percpu_state.dyn_used + size,
				 __ATOMIC_RELAXED);
		for (cpu = 0; cpu < num; cpu++) {
			uintptr_t base = percpu_online_base(cpu);

			if (base != 0)
				__builtin_memset(
					(void *) (base +
						  percpu_layout.dyn_offset +
						  rel),
					0, size);
		}
		live_replace(PERCPU_HANDLE_NONE,
			     percpu_layout.dyn_offset + rel);
	}
	unlock(flags);
	if (at < 0) {
		percpu_fail("percpu_alloc", size, -PERCPU_ENOMEM);
		return PERCPU_HANDLE_NONE;
	}
	return percpu_layout.dyn_offset + rel;
}

int percpu_free(percpu_handle_t handle)
{
	unsigned long flags;
	unsigned int i;
	int at;

	if (percpu_area_num() == 0)
		return percpu_fail("percpu_free", handle, -PERCPU_ENOTINIT);
	flags = lock();
	at = handle != PERCPU_HANDLE_NONE
		     ? dyn_find(handle - percpu_layout.dyn_offset)
		     : -1;
	if (at >= 0) {
		live_replace(handle, PERCPU_HANDLE_NONE);
		__atomic_store_n(&percpu_state.dyn_used,
				 percpu_state.dyn_used -
					 percpu_state.blocks[at].size,
				 __ATOMIC_RELAXED);
		percpu_state.nblocks--;
		for (i = (unsigned int) at; i < percpu_state.nblocks; i++)
			percpu_state.blocks[i] = percpu_state.blocks[i + 1];
	}
	unlock(flags);
	return at >= 0 ? 0
		       : percpu_fail("percpu_free", handle, -PERCPU_EBADHANDLE);
}

/* Checks. */

/** Starts a percpu_check() line: "percpu_check: cpu N". */
static void check_begin(struct msg *m, unsigned int cpu)
{
	msg_begin(m);
	msg_str(m, "percpu_check: cpu ");
	msg_num(m, cpu, 0);
}

/**
 * Offset of the first byte in [from, to) of the area at `base` that differs
 * from `expect` (or, if `expect` is NULL, from PAD_BYTE); `to` if none.
 */
static uintptr_t first_changed(uintptr_t base, uintptr_t from, uintptr_t to,
			       const char *expect)
{
	for (; from < to; from++) {
		uint8_t want = expect != NULL ? (uint8_t) expect[from]
					      : (uint8_t) PAD_BYTE;

		if (*(const uint8_t *) (base + from) != want)
			break;
	}
	return from;
}

/** Reports padding written at `off` (after whatever ends at `end`). */
static unsigned int report_padding(unsigned int cpu, uintptr_t off,
				   uintptr_t end)
{
	struct msg m;

	check_begin(&m, cpu);
	msg_str(&m, ": padding at offset ");
	msg_num(&m, off, 1);
	msg_str(&m, " written: write past the end of ");
	msg_where(&m, end - 1);
	msg_emit(&m);
	return 1;
}

/**
 * Checks the padding of online `cpu`'s copy of the template: after each
 * variable (up to the next one, as in the pristine template) and between the
 * template and the dynamic region (PAD_BYTE).
 */
static unsigned int check_template_padding(unsigned int cpu, uintptr_t base)
{
	const struct percpu_var_info *v, *w;
	uintptr_t size = percpu_area_size();
	uintptr_t off;

	for (v = __percpu_vars_start; v < __percpu_vars_end; v++) {
		uintptr_t end = (uintptr_t) v->addr -
				(uintptr_t) __percpu_start + v->size;
		uintptr_t next = size;

		for (w = __percpu_vars_start; w < __percpu_vars_end; w++) {
			uintptr_t woff = (uintptr_t) w->addr -
					 (uintptr_t) __percpu_start;

			if (woff >= end && woff < next)
				next = woff;
		}
		off = first_changed(base, end, next, __percpu_load_start);
		if (off < next)
			return report_padding(cpu, off, end);
	}
	off = first_changed(base, size, percpu_layout.dyn_offset, NULL);
	if (off < percpu_layout.dyn_offset)
		return report_padding(cpu, off, size);
	return 0;
}

/** Checks one area (see percpu_check()); returns the problems found. */
static unsigned int check_area(unsigned int cpu)
{
	uintptr_t base = area_at(cpu);
	const struct percpu_head *head = (const struct percpu_head *) base;
	unsigned int online = __atomic_load_n(&head->online, __ATOMIC_ACQUIRE);
	uintptr_t guard_off = guard_offset();
	unsigned int bad = 0;
	struct msg m;
	uintptr_t off;

	if (head->cpu != cpu ||
	    (!ARCH_PERCPU_SINGLE &&
	     head->offset != base - (uintptr_t) __percpu_start)) {
		check_begin(&m, cpu);
		msg_str(&m, ": area header overwritten");
		msg_emit(&m);
		bad++;
	}
	if (online > 1) {
		check_begin(&m, cpu);
		msg_str(&m, ": area header's online word overwritten (");
		msg_num(&m, online, 1);
		msg_str(&m, ")");
		msg_emit(&m);
		return bad + 1; /* neither online nor offline: nothing else */
	}
	if (*guard_at(cpu) != GUARD_MAGIC) {
		check_begin(&m, cpu);
		msg_str(&m, ": guard word overwritten (");
		msg_num(&m, (unsigned long) *guard_at(cpu), 1);
		msg_str(&m, "): write past the end of ");
		msg_where(&m, guard_off - 1);
		msg_emit(&m);
		bad++;
	}
	if (ARCH_PERCPU_SINGLE)
		return bad;
	off = first_changed(base, guard_off + GUARD_BYTES, percpu_layout.stride,
			    NULL);
	if (off < percpu_layout.stride)
		bad += report_padding(cpu, off, guard_off + GUARD_BYTES);
	if (online)
		return bad + check_template_padding(cpu, base);
	for (off = sizeof(*head); off < guard_off; off++) {
		if (*(const uint8_t *) (base + off) != PERCPU_POISON) {
			check_begin(&m, cpu);
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
	unsigned long flags;
	unsigned int cpu;

	if (num == 0)
		return percpu_fail("percpu_check", 0, -PERCPU_ENOTINIT);
	flags = lock();
	for (cpu = 0; cpu < num; cpu++)
		bad += check_area(cpu);
	unlock(flags);
	return bad == 0 ? 0 : -PERCPU_ECORRUPT;
}

/**
 * Reports an access to `off` (a variable's or handle's offset) if the calling
 * CPU's register does not point at an online area. Lock-free.
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
			    "unset; a new thread does not inherit its "
			    "creator's CPU)");
	} else if (cpu == PERCPU_CPU_NONE) {
		msg_str(&m, " through foreign base ");
		msg_num(&m, reg, 1);
		msg_str(&m, " (not an area)");
	} else {
		msg_str(&m, " through a stale base: the cpu is offline");
	}
	msg_emit(&m);
}

void percpu_debug_access(const volatile void *tmpl)
{
	check_register((uintptr_t) tmpl - (uintptr_t) __percpu_start);
}

void percpu_debug_dyn(percpu_handle_t handle, int local)
{
	struct msg m;

	if (local)
		check_register(handle);
	if (percpu_area_num() == 0 || live_find(handle))
		return;
	msg_begin(&m);
	msg_str(&m, "dynamic handle ");
	msg_num(&m, handle, 1);
	msg_str(&m, " is not allocated (freed or bogus)");
	msg_emit(&m);
}
