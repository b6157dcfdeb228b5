/*
 * riscv64's 1- and 2-byte add/xchg/cmpxchg (percpu/arch/riscv64/
 * percpu_arch.h) work on the aligned 32-bit word that holds the object and
 * claim to store its neighbours back as loaded. Checked here on a word of
 * 0xa5 bytes, for every byte lane (0-3) and both 16-bit lanes (0 and 2):
 * each call's old value, the object's new value, and every other byte still
 * 0xa5. Elsewhere (other instruction sets, the single-CPU backend) there are
 * no such helpers and the case is skipped.
 */
#include <stdint.h>

#include "percpu/percpu.h"
#include "tests/harness/ptest.h"

#if defined(__riscv) && defined(PERCPU_ARCH_RISCV64_PERCPU_ARCH_H)

#define NARROW_FILL 0xa5u

/** The aligned word, with its byte and 16-bit lanes (little-endian). */
union narrow_word {
	uint32_t w;
	uint8_t b[4];
	uint16_t h[2];
};

/*
 * Failures print `tag` in bits 63:32 of both figures: the lane's byte
 * offset (bits 63:60), its size (59:56) and the value under test (47:32).
 */
#define NARROW_EQ(a, b) PT_EXPECT_EQ(tag | (uint64_t) (a), tag | (uint64_t) (b))

/** The object of `size` bytes at byte `off` of `word` (its current value). */
static uint32_t narrow_get(const union narrow_word *word, unsigned int off,
			   unsigned int size)
{
	return size == 1 ? word->b[off] : word->h[off / 2];
}

/** Every byte of `word` outside [off, off + size) is still the fill. */
static void narrow_expect_neighbours(uint64_t tag,
				     const union narrow_word *word,
				     unsigned int off, unsigned int size)
{
	for (unsigned int i = 0; i < 4; i++)
		if (i < off || i >= off + size)
			NARROW_EQ(((uint64_t) i << 8) | word->b[i],
				  ((uint64_t) i << 8) | NARROW_FILL);
}

/** add, xchg and cmpxchg of value `v` in the lane at `off` of `size`. */
static void narrow_lane(unsigned int off, unsigned int size, uint32_t v)
{
	_Alignas(4) union narrow_word word;
	uint32_t k = size == 1 ? 0xffu : 0xffffu;
	uint32_t fill = size == 1 ? NARROW_FILL : NARROW_FILL * 0x101u;
	uintptr_t a = (uintptr_t) &word + off;
	uint64_t tag = ((uint64_t) off << 60) | ((uint64_t) size << 56) |
		       ((uint64_t) v << 32);

	word.w = NARROW_FILL * 0x01010101u;

	/* xchg: the old value back, the new one in, neighbours kept. */
	NARROW_EQ(percpu_riscv_xchg_small(a, k, v), fill);
	NARROW_EQ(narrow_get(&word, off, size), v);
	narrow_expect_neighbours(tag, &word, off, size);

	/* add 1: 0xff and 0xffff carry out of the object, into no neighbour. */
	percpu_riscv_add_small(a, k, 1);
	NARROW_EQ(narrow_get(&word, off, size), (v + 1) & k);
	narrow_expect_neighbours(tag, &word, off, size);

	/* add all ones (sub 1, as ARCH_PERCPU_SUB_* passes it): bits above. */
	percpu_riscv_add_small(a, k, UINT64_MAX);
	NARROW_EQ(narrow_get(&word, off, size), v);
	narrow_expect_neighbours(tag, &word, off, size);

	/* cmpxchg that does not match: the value stays. */
	NARROW_EQ(percpu_riscv_cmpxchg_small(a, k, v ^ 1u, fill), v);
	NARROW_EQ(narrow_get(&word, off, size), v);
	narrow_expect_neighbours(tag, &word, off, size);

	/* cmpxchg that matches: the fill back, so the whole word is the fill.
	 */
	NARROW_EQ(percpu_riscv_cmpxchg_small(a, k, v, fill), v);
	NARROW_EQ(narrow_get(&word, off, size), fill);
	NARROW_EQ(word.w, NARROW_FILL * 0x01010101u);
}

PTEST(riscv_narrow_rmw_keeps_neighbours)
{
	static const uint32_t v8[] = {0x7f, 0x80, 0xff};
	static const uint32_t v16[] = {0x7f,   0x80,   0xff,
				       0x7fff, 0x8000, 0xffff};

	for (unsigned int off = 0; off < 4; off++)
		for (unsigned int i = 0; i < sizeof(v8) / sizeof(v8[0]); i++)
			narrow_lane(off, 1, v8[i]);
	for (unsigned int off = 0; off < 4; off += 2)
		for (unsigned int i = 0; i < sizeof(v16) / sizeof(v16[0]); i++)
			narrow_lane(off, 2, v16[i]);
}

#else

PTEST(riscv_narrow_rmw_keeps_neighbours)
{
	ptest_skip("riscv64 backend only (its 1- and 2-byte LR/SC helpers)");
}

#endif
