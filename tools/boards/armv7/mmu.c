/*
 * Identity map for QEMU virt, so that stray accesses fault instead of
 * landing in flash: a per-CPU register left at 0 makes every per-CPU access
 * hit the first 2 MiB, which is unmapped, and the fatal exception vector
 * reports it at once. Also makes RAM Normal memory (exclusives and unaligned
 * accesses behave as on real systems).
 *
 *   0x00000000 - 0x3fffffff  unmapped, except QEMU virt's GIC (2 MiB
 *                            Device-nGnRnE block at 0x08000000) and PL011
 *                            (same, at 0x09000000)
 *   0x40000000 - 0x7fffffff  RAM, Normal write-back (one 1 GiB block)
 *
 * Long-descriptor (LPAE) tables: the only format in HYP mode, and the one
 * PL1 uses too (TTBCR.EAE), so both modes share the tables. 32-bit input
 * addresses (T0SZ = 0), walks start at level 1 (4 entries of 1 GiB).
 */
#include "tools/boards/armv7/mmu.h"

#include "tools/boards/armv7/sysreg.h"

#define DESC_TABLE 3ull
#define DESC_BLOCK 1ull
#define DESC_AF (1ull << 10)
#define DESC_SH_INNER (3ull << 8)
/* AP[1]: PL0 access at PL1; should-be-one in HYP mode's translation. */
#define DESC_AP1 (1ull << 6)
#define DESC_ATTR(i) ((uint64_t) (i) << 2)

/** MAIR0 / HMAIR0: attribute 0 Device-nGnRnE, attribute 1 Normal write-back. */
#define ATTR_DEVICE 0
#define ATTR_NORMAL 1
#define MAIR_VALUE 0xff00u

/*
 * HTCR and TTBCR alike: T0SZ 0, inner/outer write-back, inner shareable;
 * bit 31 (HTCR: RES1; TTBCR: EAE, long descriptors), bit 23 (HTCR: RES1;
 * TTBCR: EPD1, no TTBR1 walks).
 */
#define TCR_VALUE                                                              \
	((1u << 31) | (1u << 23) | (3u << 12) | (1u << 10) | (1u << 8))

#define SCTLR_M (1u << 0)
#define SCTLR_A (1u << 1)
#define SCTLR_C (1u << 2)
#define SCTLR_I (1u << 12)

#define GIC_BLOCK 0x08000000u
#define UART_BLOCK 0x09000000u
#define RAM_BLOCK 0x40000000u

static uint64_t level1[4] __attribute__((aligned(32)));
static uint64_t level2_low[512] __attribute__((aligned(4096)));

void mmu_build_tables(void)
{
	uint64_t ap = in_hyp() ? DESC_AP1 : 0;

	level2_low[GIC_BLOCK >> 21] =
		GIC_BLOCK | DESC_AF | ap | DESC_ATTR(ATTR_DEVICE) | DESC_BLOCK;
	level2_low[UART_BLOCK >> 21] =
		UART_BLOCK | DESC_AF | ap | DESC_ATTR(ATTR_DEVICE) | DESC_BLOCK;
	level1[0] = (uint64_t) (uintptr_t) level2_low | DESC_TABLE;
	level1[1] = RAM_BLOCK | DESC_AF | DESC_SH_INNER | ap |
		    DESC_ATTR(ATTR_NORMAL) | DESC_BLOCK;
	__asm__ volatile("dsb ish" ::: "memory");
}

void mmu_enable(void)
{
	uint64_t ttbr = (uint64_t) (uintptr_t) level1;

	if (in_hyp()) {
		WRITE_CP15(HMAIR0, MAIR_VALUE);
		WRITE_CP15(HTCR, TCR_VALUE);
		WRITE_CP15_64(HTTBR, ttbr);
		__asm__ volatile("isb" ::: "memory");
		WRITE_CP15(TLBIALLH, 0);
		__asm__ volatile("dsb ish\n\tisb" ::: "memory");
		WRITE_CP15(HSCTLR,
			   (READ_CP15(HSCTLR) | SCTLR_M | SCTLR_C | SCTLR_I) &
				   ~SCTLR_A);
	} else {
		WRITE_CP15(MAIR0, MAIR_VALUE);
		WRITE_CP15(TTBCR, TCR_VALUE);
		WRITE_CP15_64(TTBR0, ttbr);
		__asm__ volatile("isb" ::: "memory");
		WRITE_CP15(TLBIALL, 0);
		__asm__ volatile("dsb ish\n\tisb" ::: "memory");
		WRITE_CP15(SCTLR,
			   (READ_CP15(SCTLR) | SCTLR_M | SCTLR_C | SCTLR_I) &
				   ~SCTLR_A);
	}
	__asm__ volatile("isb" ::: "memory");
}
