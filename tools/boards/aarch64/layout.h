/* Constants shared by boot.S and platform.c. */
#ifndef TESTS_PLATFORM_AARCH64_LAYOUT_H
#define TESTS_PLATFORM_AARCH64_LAYOUT_H

/** Stack bytes per CPU (plat_stacks holds PLAT_MAX_CPUS of them). */
#define PLAT_STACK_SIZE 16384

#endif /* TESTS_PLATFORM_AARCH64_LAYOUT_H */
