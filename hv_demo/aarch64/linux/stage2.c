/*
 * The Linux guest's stage-2 translation. Guest-physical == host-physical
 * for the guest's RAM and the PL011; the GIC's virtual CPU interface (GICV)
 * appears where the guest's device tree puts the CPU interface. Nothing else
 * is mapped: the distributor traps (vgic.c emulates it), and the
 * hypervisor's own RAM and the GICH frame are out of the guest's reach.
 * 4 KiB granule, 32-bit guest-physical space (T0SZ 32), walks from level 1.
 */
#include "hv_demo/aarch64/linux/layout.h"
#include "hv_demo/aarch64/linux/vm.h"
#include "hv_demo/report.h"
#include "tools/boards/aarch64/sysreg.h"

/** Stage-2 descriptor bits (block at levels 1-2, page at level 3). */
#define S2_TABLE 3ull
#define S2_BLOCK 1ull
#define S2_PAGE 3ull
#define S2_AF (1ull << 10)
#define S2_SH_INNER (3ull << 8)
#define S2_AP_RW (3ull << 6)
#define S2_NORMAL ((0xfull << 2) | S2_SH_INNER) /* write-back */
#define S2_DEVICE (0x1ull << 2)			/* Device-nGnRE */
#define S2_ADDR_MASK 0x0000fffffffff000ull

#define SIZE_4K 0x1000ull
#define SIZE_2M 0x200000ull

/**
 * VTCR_EL2: T0SZ 32, SL0 1 (start at level 1), inner/outer write-back,
 * inner shareable, 4 KiB granule, 32-bit physical addresses; bit 31 RES1.
 */
#define VTCR_VALUE                                                             \
	((1ull << 31) | (3ull << 12) | (1ull << 10) | (1ull << 8) |            \
	 (1ull << 6) | 32ull)
/** The guest's VMID (VTTBR_EL2 bits 63:48). */
#define VMID 1ull

/** Table pool: level 1, two level 2, two level 3 (GIC and UART). */
#define TABLES 6
static uint64_t tables[TABLES][512] __attribute__((aligned(4096)));
static unsigned int tables_used;

/** The table `entry` points to, made (empty) if it points nowhere. */
static uint64_t *next_table(uint64_t *entry)
{
	uint64_t *t;

	if (*entry & 1)
		return (uint64_t *) (uintptr_t) (*entry & S2_ADDR_MASK);
	HV_CHECK(tables_used < TABLES);
	t = tables[tables_used++];
	*entry = (uintptr_t) t | S2_TABLE;
	return t;
}

/** Maps [ipa, ipa + size) to pa with `attr`, 2 MiB blocks where possible. */
static void map(uint64_t ipa, uint64_t pa, uint64_t size, uint64_t attr)
{
	while (size != 0) {
		uint64_t *l2 = next_table(&tables[0][(ipa >> 30) & 511]);
		uint64_t *l2e = &l2[(ipa >> 21) & 511];

		if (((ipa | pa) & (SIZE_2M - 1)) == 0 && size >= SIZE_2M) {
			*l2e = pa | attr | S2_AF | S2_AP_RW | S2_BLOCK;
			ipa += SIZE_2M;
			pa += SIZE_2M;
			size -= SIZE_2M;
		} else {
			next_table(l2e)[(ipa >> 12) & 511] =
				pa | attr | S2_AF | S2_AP_RW | S2_PAGE;
			ipa += SIZE_4K;
			pa += SIZE_4K;
			size -= SIZE_4K;
		}
	}
}

void stage2_build(void)
{
	tables_used = 1; /* tables[0]: level 1 */
	map(LINUX_RAM_BASE, LINUX_RAM_BASE, LINUX_RAM_SIZE, S2_NORMAL);
	/* GICV_CTLR .. GICV_DIR: two pages. */
	map(LINUX_GICC_BASE, LINUX_GICV_BASE, 2 * SIZE_4K, S2_DEVICE);
	map(LINUX_UART_BASE, LINUX_UART_BASE, SIZE_4K, S2_DEVICE);
	__asm__ volatile("dsb ish" ::: "memory");
}

void stage2_enable_cpu(void)
{
	WRITE_SYSREG(vtcr_el2, VTCR_VALUE);
	WRITE_SYSREG(vttbr_el2, (uintptr_t) tables[0] | (VMID << 48));
	__asm__ volatile("isb; tlbi vmalls12e1; dsb ish; isb" ::: "memory");
}

void stage2_flush_local(void)
{
	__asm__ volatile("dsb nshst; tlbi vmalls12e1; dsb nsh; isb" ::
				 : "memory");
}
