/*
 * Fuzz target: random sequences of percpu_alloc / percpu_free / writes /
 * percpu_cpu_online / percpu_cpu_offline / percpu_init_cpu, each checked
 * against a simple model after every step:
 *  - the allocator: a byte map of the dynamic region searched first fit,
 *    which must give exactly the handle percpu_alloc() returns (so no
 *    overlap, no out-of-bounds object, right alignment, same failures);
 *  - the contents: what the driver wrote to each object on each CPU, zero
 *    for a new object on every online CPU and for every object on a CPU that
 *    came online; static variables fresh after online;
 *  - hotplug: which CPUs are online, NULL pointers for the offline ones;
 *  - no leak: at the end everything frees and the whole region allocates.
 * Any difference aborts with a message naming the step.
 *
 * Input: byte 0 picks the mode (in place or caller memory) and CPU count,
 * bytes 1-2 the dynamic region size; then one operation per 4 bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"

#define MAX_CPUS 8
#define MAX_DYN 4096

PERCPU_DEFINE(uint64_t, fz_value) = 0x1122334455667788ull;
PERCPU_DEFINE(uint8_t[24], fz_bytes) = {9, 8, 7};

/** One live object in the model. */
struct obj {
	percpu_handle_t handle;
	size_t rel; /* offset in the dynamic region */
	size_t size;
	size_t align;
	uint8_t fill[MAX_CPUS]; /* every byte on each CPU */
};

static struct model {
	unsigned int num;
	size_t dyn;
	int online[MAX_CPUS];
	uint64_t value[MAX_CPUS]; /* fz_value on each CPU */
	uint8_t used[MAX_DYN];	  /* region byte map */
	struct obj objs[PERCPU_DYN_MAX_ALLOCS];
	unsigned int nobjs;
	size_t bytes;
	percpu_handle_t freed[16]; /* recently freed handles */
	unsigned int nfreed;
} m;

static uint8_t memory[MAX_CPUS * (MAX_DYN + 4096) + 8192]
	__attribute__((aligned(4096)));

static unsigned long step;

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "dyn_fuzz: step %lu: %s:%d: %s\n",     \
				step, __FILE__, __LINE__, #cond);              \
			abort();                                               \
		}                                                              \
	} while (0)

/** Reads the input a byte at a time; zeros once it runs out. */
struct input {
	const uint8_t *p;
	size_t n;
};

static unsigned int get8(struct input *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

static unsigned int get16(struct input *in)
{
	unsigned int lo = get8(in);

	return lo | get8(in) << 8;
}

/** Free bytes from each offset on (model_fit's scratch). */
static size_t run_from[MAX_DYN + 1];

/** Model first fit: lowest `rel` with `size` free bytes, aligned; or -1. */
static long model_fit(size_t size, size_t align)
{
	/* Alignment is of the address; every CPU's region aligns alike. */
	uintptr_t ref = percpu_area_base(0) + percpu_layout.dyn_offset;
	size_t rel;

	if (m.nobjs == PERCPU_DYN_MAX_ALLOCS || size > m.dyn)
		return -1;
	run_from[m.dyn] = 0;
	for (rel = m.dyn; rel-- > 0;)
		run_from[rel] = m.used[rel] ? 0 : run_from[rel + 1] + 1;
	for (rel = 0; rel + size <= m.dyn; rel++) {
		if ((ref + rel) % align == 0 && run_from[rel] >= size)
			return (long) rel;
	}
	return -1;
}

static void model_take(size_t rel, size_t size, int used)
{
	memset(m.used + rel, used, size);
}

/** Checks everything the library shows against the model. */
static void verify(void)
{
	size_t bytes = 0;
	unsigned int cpu, i, j;

	for (i = 0; i < m.nobjs; i++)
		bytes += m.objs[i].size;
	CHECK(bytes == m.bytes);
	CHECK(percpu_dyn_used() == m.bytes);
	CHECK(percpu_area_num() == m.num);
	for (cpu = 0; cpu < m.num; cpu++) {
		CHECK(percpu_cpu_is_online(cpu) == m.online[cpu]);
		if (!m.online[cpu]) {
			CHECK(per_cpu_ptr(fz_value, cpu) == NULL);
			for (i = 0; i < m.nobjs; i++)
				CHECK(per_cpu_dyn_ptr(m.objs[i].handle, cpu) ==
				      NULL);
			continue;
		}
		CHECK(*per_cpu_ptr(fz_value, cpu) == m.value[cpu]);
		CHECK((*per_cpu_ptr(fz_bytes, cpu))[2] == 7);
		for (i = 0; i < m.nobjs; i++) {
			const struct obj *o = &m.objs[i];
			const uint8_t *p = (const uint8_t *) per_cpu_dyn_ptr(
				o->handle, cpu);

			CHECK(p != NULL);
			CHECK((uintptr_t) p % o->align == 0);
			CHECK(p == (const uint8_t *) percpu_area_base(cpu) +
					   o->handle);
			for (j = 0; j < o->size; j++)
				CHECK(p[j] == o->fill[cpu]);
		}
	}
	CHECK(percpu_cpu_is_online(m.num) == 0);
}

static void op_alloc(struct input *in, int tiny)
{
	size_t size = tiny ? 1 + get8(in) % 4 : get16(in) % (m.dyn + 65);
	unsigned int a = get8(in);
	size_t align = (size_t) 1 << (a % 7);
	int bad = size == 0 || a == 255;
	percpu_handle_t h;
	long rel;
	unsigned int cpu;

	if (a == 255)
		align = 3;
	rel = bad ? -1 : model_fit(size, align);
	h = percpu_alloc(size, align);
	if (rel < 0) {
		CHECK(h == PERCPU_HANDLE_NONE);
		return;
	}
	CHECK(h == percpu_layout.dyn_offset + (size_t) rel);
	model_take((size_t) rel, size, 1);
	m.objs[m.nobjs].handle = h;
	m.objs[m.nobjs].rel = (size_t) rel;
	m.objs[m.nobjs].size = size;
	m.objs[m.nobjs].align = align;
	for (cpu = 0; cpu < MAX_CPUS; cpu++)
		m.objs[m.nobjs].fill[cpu] = 0;
	m.nobjs++;
	m.bytes += size;
}

static void forget(unsigned int i)
{
	model_take(m.objs[i].rel, m.objs[i].size, 0);
	m.bytes -= m.objs[i].size;
	m.freed[m.nfreed++ % 16] = m.objs[i].handle;
	m.objs[i] = m.objs[--m.nobjs];
}

static void op_free(struct input *in)
{
	unsigned int i = get8(in);

	if (m.nobjs == 0)
		return;
	i %= m.nobjs;
	CHECK(percpu_free(m.objs[i].handle) == 0);
	forget(i);
}

/** Frees something that may not be allocated: stale, bogus or inside. */
static void op_bad_free(struct input *in)
{
	unsigned int kind = get8(in) % 3;
	unsigned int x = get16(in);
	percpu_handle_t h = x;
	unsigned int i;

	if (kind == 0 && m.nfreed > 0)
		h = m.freed[x % (m.nfreed < 16 ? m.nfreed : 16)];
	else if (kind == 1 && m.nobjs > 0)
		h = m.objs[x % m.nobjs].handle + 1 + x % 7;
	for (i = 0; i < m.nobjs; i++) {
		if (m.objs[i].handle == h) {
			CHECK(percpu_free(h) == 0);
			forget(i);
			return;
		}
	}
	CHECK(percpu_free(h) == -PERCPU_EBADHANDLE);
}

/** Writes an object (or fz_value) on a CPU, directly or via this_cpu. */
static void op_write(struct input *in)
{
	unsigned int cpu = get8(in) % m.num;
	unsigned int i = get8(in);
	unsigned int v = get8(in);

	if (!m.online[cpu])
		return;
	if (m.nobjs == 0 || i == 255) {
		CHECK(percpu_init_cpu(cpu) == 0);
		this_cpu_write(fz_value, v * 0x0101010101010101ull);
		m.value[cpu] = v * 0x0101010101010101ull;
		return;
	}
	i %= m.nobjs;
	if (v & 1) {
		CHECK(percpu_init_cpu(cpu) == 0);
		memset(this_cpu_dyn_ptr(m.objs[i].handle), (int) v,
		       m.objs[i].size);
	} else {
		memset(per_cpu_dyn_ptr(m.objs[i].handle, cpu), (int) v,
		       m.objs[i].size);
	}
	m.objs[i].fill[cpu] = (uint8_t) v;
}

static void op_offline(struct input *in)
{
	unsigned int cpu = get8(in) % (m.num + 1);
	int want = cpu >= m.num		? -PERCPU_ERANGE
		   : ARCH_PERCPU_SINGLE ? -PERCPU_ENOTSUP
		   : !m.online[cpu]	? -PERCPU_EOFFLINE
					: 0;

	CHECK(percpu_cpu_offline(cpu) == want);
	if (want == 0)
		m.online[cpu] = 0;
}

static void op_online(struct input *in)
{
	unsigned int cpu = get8(in) % (m.num + 1);
	int want = cpu >= m.num	   ? -PERCPU_ERANGE
		   : m.online[cpu] ? -PERCPU_EONLINE
				   : 0;
	unsigned int i;

	CHECK(percpu_cpu_online(cpu) == want);
	if (want != 0)
		return;
	m.online[cpu] = 1;
	m.value[cpu] = 0x1122334455667788ull;
	for (i = 0; i < m.nobjs; i++)
		m.objs[i].fill[cpu] = 0;
}

/** percpu_init_cpu on any CPU; the this_cpu view must match the remote one. */
static void op_init_cpu(struct input *in)
{
	unsigned int cpu = get8(in) % (m.num + 1);
	int want = cpu >= m.num	    ? -PERCPU_ERANGE
		   : !m.online[cpu] ? -PERCPU_EOFFLINE
				    : 0;
	unsigned int i;

	CHECK(percpu_init_cpu(cpu) == want);
	if (want != 0)
		return;
	CHECK(percpu_cpu_id() == cpu);
	CHECK(this_cpu_read(fz_value) == m.value[cpu]);
	for (i = 0; i < m.nobjs; i++)
		CHECK(this_cpu_dyn_ptr(m.objs[i].handle) ==
		      per_cpu_dyn_ptr(m.objs[i].handle, cpu));
}

/** Sets up percpu from the input's first bytes; 0 if it cannot run. */
static int setup(struct input *in)
{
	unsigned int mode = get8(in);
	unsigned int want = 1 + (mode >> 1) % MAX_CPUS;
	size_t dyn = get16(in) % (MAX_DYN + 1);
	size_t fit;
	int n;

	percpu_test_reset();
	memset(&m, 0, sizeof(m));
	CHECK(percpu_set_dyn_size(dyn) == 0);
	m.dyn = percpu_dyn_size();
	CHECK(m.dyn <= MAX_DYN && m.dyn >= dyn);
	if (ARCH_PERCPU_SINGLE)
		want = 1;
	if (mode & 1) {
		fit = (size_t) (__percpu_reserve_end - __percpu_reserve_start) /
		      percpu_area_stride();
		n = percpu_init(NULL, want);
		if (fit < want) {
			CHECK(n == -PERCPU_ENOSPC);
			return 0;
		}
	} else {
		CHECK(percpu_required_size(want) <= sizeof(memory));
		n = percpu_init(memory, want);
	}
	CHECK(n == (int) want);
	m.num = want;
	for (n = 0; n < (int) want; n++) {
		m.online[n] = 1;
		/* Single-CPU mode: the template is the live data. */
		m.value[n] = ARCH_PERCPU_SINGLE ? *per_cpu_ptr(fz_value, 0)
						: 0x1122334455667788ull;
	}
	return 1;
}

/** The end: everything frees, nothing leaked, the whole region fits. */
static void teardown(void)
{
	unsigned int i;
	percpu_handle_t all;

	CHECK(percpu_check() == 0);
	while (m.nobjs > 0) {
		CHECK(percpu_free(m.objs[0].handle) == 0);
		forget(0);
	}
	for (i = 0; i < m.nfreed && i < 16; i++)
		CHECK(percpu_free(m.freed[i]) == -PERCPU_EBADHANDLE);
	CHECK(percpu_dyn_used() == 0);
	if (m.dyn > 0) {
		all = percpu_alloc(m.dyn, 1);
		CHECK(all == percpu_layout.dyn_offset);
		CHECK(percpu_free(all) == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = {data, size};

	percpu_set_reporter(NULL);
	step = 0;
	if (!setup(&in))
		return 0;
	verify();
	while (in.n > 0) {
		unsigned int op = get8(&in);

		step++;
		switch (op % 10) {
		case 0:
		case 1:
			op_alloc(&in, 0);
			break;
		case 2:
			op_alloc(&in, 1);
			break;
		case 3:
		case 4:
			op_free(&in);
			break;
		case 5:
			op_bad_free(&in);
			break;
		case 6:
			op_write(&in);
			break;
		case 7:
			op_offline(&in);
			break;
		case 8:
			op_online(&in);
			break;
		default:
			op_init_cpu(&in);
			break;
		}
		verify();
		if (op >= 250)
			CHECK(percpu_check() == 0);
	}
	teardown();
	return 0;
}
