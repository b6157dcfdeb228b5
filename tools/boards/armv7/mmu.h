/* The armv7 test platform's identity map (mmu.c). */
#ifndef TESTS_PLATFORM_ARMV7_MMU_H
#define TESTS_PLATFORM_ARMV7_MMU_H

/** Fills the translation tables; boot CPU, once, before mmu_enable(). */
void mmu_build_tables(void);

/** Turns the MMU and caches on for the calling CPU in its current mode. */
void mmu_enable(void);

#endif /* TESTS_PLATFORM_ARMV7_MMU_H */
