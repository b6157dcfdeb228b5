/* System register access for hv_demo's aarch64 code. */
#ifndef HV_DEMO_AARCH64_SYSREG_H
#define HV_DEMO_AARCH64_SYSREG_H

#include <stdint.h>

#define SYSREG_STR_(x) #x

/** Reads system register `reg` (a bare name: tpidr_el1). */
#define read_sysreg(reg)                                                       \
	__extension__({                                                        \
		uint64_t v_;                                                   \
		__asm__ volatile("mrs %0, " SYSREG_STR_(reg) : "=r"(v_));      \
		v_;                                                            \
	})

/** Writes `v` to system register `reg`. */
#define write_sysreg(reg, v)                                                   \
	__asm__ volatile("msr " SYSREG_STR_(reg) ", %0"                        \
			 :                                                     \
			 : "r"((uint64_t) (v))                                 \
			 : "memory")

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

#endif /* HV_DEMO_AARCH64_SYSREG_H */
