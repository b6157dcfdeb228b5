/*
 * Identity map for QEMU virt, so that stray accesses fault instead of
 * landing in flash: a per-CPU register left at 0 makes every per-CPU access
 * hit the first 2 MiB, which is unmapped, and the fatal exception vector
 * reports it at once. Also makes RAM Normal memory (exclusives and unaligned
 * accesses behave as on real systems).
 *
 *   0x00000000 - 0x3fffffff  unmapped, except QEMU virt's GIC (Device-
 *                            nGnRnE 2 MiB blocks from 0x08000000 to
 *                            0x08ffffff: distributor, CPU interfaces,
 *                            GICv3 redistributors) and PL011 (one block
 *                            at 0x09000000)
 *   0x40000000 - 0x7fffffff  RAM, Normal write-back (one 1 GiB block)
 *   256 GiB + 1 GiB          QEMU virt's high MMIO (Device-nGnRnE, one 1
 *                            GiB block): the redistributors past 123 CPUs
 *
 * 4 KiB granule, 39-bit VA (T0SZ = 25, walks start at level 1), 40-bit PA.
 */
#include "tools/boards/aarch64/mmu.h"

#include "tools/boards/aarch64/sysreg.h"

#define DESC_TABLE 3ul
#define DESC_BLOCK 1ul
#define DESC_AF (1ul << 10)
#define DESC_SH_INNER (3ul << 8)
#define DESC_ATTR(i) ((uint64_t) (i) << 2)

/** MAIR: attribute 0 Device-nGnRnE, attribute 1 Normal write-back. */
#define ATTR_DEVICE 0
#define ATTR_NORMAL 1
#define MAIR_VALUE 0xff00ul

/* TCR: T0SZ 25, inner/outer write-back, inner shareable, 4 KiB granule. */
#define TCR_COMMON ((3ul << 12) | (1ul << 10) | (1ul << 8) | 25ul)
/* TCR_EL2 bits 31 and 23 are RES1, PS = 40 bits; TCR_EL1: EPD1 (no TTBR1
 * walks), IPS = 40 bits. */
#define TCR_EL2_VALUE (TCR_COMMON | (1ul << 31) | (1ul << 23) | (2ul << 16))
#define TCR_EL1_VALUE (TCR_COMMON | (1ul << 23) | (2ul << 32))

#define SCTLR_M (1ul << 0)
#define SCTLR_A (1ul << 1)
#define SCTLR_C (1ul << 2)
#define SCTLR_I (1ul << 12)

#define GIC_BLOCK 0x08000000ul
#define GIC_BLOCKS 8
#define UART_BLOCK 0x09000000ul
#define RAM_BLOCK 0x40000000ul
#define HIGH_MMIO_BLOCK 0x4000000000ul

static uint64_t level1[512] __attribute__((aligned(4096)));
static uint64_t level2_low[512] __attribute__((aligned(4096)));

void mmu_build_tables(void)
{
	unsigned int i;

	for (i = 0; i < GIC_BLOCKS; i++) {
		uint64_t b = GIC_BLOCK + ((uint64_t) i << 21);

		level2_low[b >> 21] =
			b | DESC_AF | DESC_ATTR(ATTR_DEVICE) | DESC_BLOCK;
	}
	level2_low[UART_BLOCK >> 21] =
		UART_BLOCK | DESC_AF | DESC_ATTR(ATTR_DEVICE) | DESC_BLOCK;
	level1[0] = (uint64_t) (uintptr_t) level2_low | DESC_TABLE;
	level1[1] = RAM_BLOCK | DESC_AF | DESC_SH_INNER |
		    DESC_ATTR(ATTR_NORMAL) | DESC_BLOCK;
	level1[HIGH_MMIO_BLOCK >> 30] =
		HIGH_MMIO_BLOCK | DESC_AF | DESC_ATTR(ATTR_DEVICE) | DESC_BLOCK;
	__asm__ volatile("dsb ish" ::: "memory");
}

void mmu_enable(void)
{
	uint64_t ttbr = (uint64_t) (uintptr_t) level1;

	if (current_el() == 2) {
		WRITE_SYSREG(mair_el2, MAIR_VALUE);
		WRITE_SYSREG(tcr_el2, TCR_EL2_VALUE);
		WRITE_SYSREG(ttbr0_el2, ttbr);
		__asm__ volatile("isb; tlbi alle2; dsb ish; isb" ::: "memory");
		WRITE_SYSREG(sctlr_el2, (READ_SYSREG(sctlr_el2) | SCTLR_M |
					 SCTLR_C | SCTLR_I) &
						~SCTLR_A);
	} else {
		WRITE_SYSREG(mair_el1, MAIR_VALUE);
		WRITE_SYSREG(tcr_el1, TCR_EL1_VALUE);
		WRITE_SYSREG(ttbr0_el1, ttbr);
		__asm__ volatile("isb; tlbi vmalle1; dsb ish; isb" ::
					 : "memory");
		WRITE_SYSREG(sctlr_el1, (READ_SYSREG(sctlr_el1) | SCTLR_M |
					 SCTLR_C | SCTLR_I) &
						~SCTLR_A);
	}
	__asm__ volatile("isb" ::: "memory");
}
