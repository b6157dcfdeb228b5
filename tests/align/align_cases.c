/*
 * Alignment written on a definition (the usual way to page-align one
 * variable) is the alignment of every area: the linker sees it, and the C
 * code takes it from the linker (audit item 1). Its own test image: a
 * page-aligned variable changes every other variable's offset.
 *
 * The image reserves ALIGN_RESERVED in-place areas with a 4 KiB dynamic
 * region each (tests/BUILD): percpu_init(NULL, 0) creates exactly that many.
 */
#include "percpu/percpu.h"
#include "percpu/pervcpu.h"
#include "tests/harness/ptest.h"

PERCPU_DEFINE(unsigned char[4096], al_page) __attribute__((aligned(4096)));
PERCPU_DEFINE(uint32_t, al_small) = 9;
PERVCPU_DEFINE(unsigned char[4096], al_vpage) __attribute__((aligned(4096)));

/** Every area, and al_page in it, is page-aligned; values are initial. */
static void expect_aligned_areas(unsigned int n)
{
	unsigned int cpu;

	for (cpu = 0; cpu < n; cpu++) {
		PT_EXPECT_EQ(percpu_area_base(cpu) % 4096, 0);
		PT_EXPECT_EQ((uintptr_t) per_cpu_ptr(al_page, cpu) % 4096, 0);
		PT_EXPECT_EQ(*per_cpu_ptr(al_small, cpu), 9);
	}
	PT_EXPECT_EQ(percpu_check(), 0);
}

PTEST(align_attribute_sets_the_area_alignment)
{
	PT_EXPECT_EQ(percpu_required_align(), 4096);
	PT_EXPECT_EQ(percpu_area_stride() % 4096, 0);
	PT_EXPECT_EQ(pervcpu_area_align(), 4096);
}

PTEST(align_in_place_creates_exactly_the_reserved_areas)
{
	/* Single-CPU mode: the template is the only area. */
	unsigned int want = ARCH_PERCPU_SINGLE ? 1 : ALIGN_RESERVED;

	PT_ASSERT_EQ(percpu_init(NULL, 0), want);
	expect_aligned_areas(want);
}

PTEST(align_in_caller_memory)
{
	PT_SKIP_IF(ARCH_PERCPU_SINGLE, "one area: the template");
	PT_ASSERT_TRUE(percpu_required_size(3) <= sizeof(ptest_memory));
	PT_EXPECT_EQ(percpu_init(ptest_memory + 64, 3), -PERCPU_EALIGN);
	PT_ASSERT_EQ(percpu_init(ptest_memory, 3), 3);
	expect_aligned_areas(3);
}

PTEST(align_vcpu_areas)
{
	void *area = ptest_memory;

	PT_EXPECT_EQ(pervcpu_area_init(ptest_memory + 64), -PERCPU_EALIGN);
	PT_ASSERT_EQ(pervcpu_area_init(area), 0);
	PT_EXPECT_EQ((uintptr_t) vcpu_ptr(area, al_vpage) % 4096, 0);
}
