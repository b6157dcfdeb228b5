/* Constants shared by boot.S and platform.c. */
#ifndef TESTS_PLATFORM_ARMV7_LAYOUT_H
#define TESTS_PLATFORM_ARMV7_LAYOUT_H

/** Stack bytes per CPU (plat_stacks holds PLAT_MAX_CPUS of them). */
#define PLAT_STACK_SIZE 16384

/** CPSR mode field and the two modes the platform runs in. */
#define CPSR_MODE_MASK 0x1f
#define CPSR_MODE_SVC 0x13
#define CPSR_MODE_HYP 0x1a

#endif /* TESTS_PLATFORM_ARMV7_LAYOUT_H */
