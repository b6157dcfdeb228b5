/* System register access for the aarch64 test platform. */
#ifndef TESTS_PLATFORM_AARCH64_SYSREG_H
#define TESTS_PLATFORM_AARCH64_SYSREG_H

#include <stdint.h>

#define SYSREG_STR_(x) #x

/** Reads system register `reg` (a bare name: tpidr_el2, CurrentEL, ...). */
#define READ_SYSREG(reg)                                                       \
	__extension__({                                                        \
		uint64_t v_;                                                   \
		__asm__ volatile("mrs %0, " SYSREG_STR_(reg) : "=r"(v_));      \
		v_;                                                            \
	})

/** Writes system register `reg`. */
#define WRITE_SYSREG(reg, v)                                                   \
	__asm__ volatile("msr " SYSREG_STR_(reg) ", %0"                        \
			 :                                                     \
			 : "r"((uint64_t) (v))                                 \
			 : "memory")

/** The exception level we run at: 2 or 1. */
static inline unsigned int current_el(void)
{
	return (unsigned int) (READ_SYSREG(CurrentEL) >> 2) & 3;
}

#endif /* TESTS_PLATFORM_AARCH64_SYSREG_H */
