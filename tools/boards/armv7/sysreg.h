/* CP15 system register access for the armv7 test platform. */
#ifndef TESTS_PLATFORM_ARMV7_SYSREG_H
#define TESTS_PLATFORM_ARMV7_SYSREG_H

#include <stdint.h>

#include "tools/boards/armv7/layout.h"

/*
 * 32-bit registers as (opc1, CRn, CRm, opc2), 64-bit ones as (opc1, CRm).
 * HYP-mode registers have opc1 4.
 */
#define MPIDR 0, c0, c0, 5
#define SCTLR 0, c1, c0, 0
#define HSCTLR 4, c1, c0, 0
#define TTBCR 0, c2, c0, 2
#define HTCR 4, c2, c0, 2
#define DFSR 0, c5, c0, 0
#define IFSR 0, c5, c0, 1
#define HSR 4, c5, c2, 0
#define DFAR 0, c6, c0, 0
#define IFAR 0, c6, c0, 2
#define HDFAR 4, c6, c0, 0
#define HIFAR 4, c6, c0, 2
#define TLBIALL 0, c8, c7, 0
#define TLBIALLH 4, c8, c7, 0
#define MAIR0 0, c10, c2, 0
#define HMAIR0 4, c10, c2, 0
#define VBAR 0, c12, c0, 0
#define HVBAR 4, c12, c0, 0
#define CNTFRQ 0, c14, c0, 0
#define TPIDRURW 0, c13, c0, 2
#define TPIDRURO 0, c13, c0, 3
#define TPIDRPRW 0, c13, c0, 4
#define HTPIDR 4, c13, c0, 2
#define TTBR0 0, c2
#define HTTBR 4, c2

#define CP15_STR_(x) #x

/** Reads 32-bit register `reg` (one of the names above). */
#define READ_CP15(reg) READ_CP15_(reg)
#define READ_CP15_(opc1, crn, crm, opc2)                                       \
	__extension__({                                                        \
		uint32_t v_;                                                   \
		__asm__ volatile(                                              \
			"mrc p15, " CP15_STR_(opc1) ", %0, " CP15_STR_(        \
				crn) ", " CP15_STR_(crm) ", " CP15_STR_(opc2)  \
			: "=r"(v_));                                           \
		v_;                                                            \
	})

/** Writes 32-bit register `reg` (a TLB operation's value is ignored). */
#define WRITE_CP15(reg, v) WRITE_CP15_(reg, v)
#define WRITE_CP15_(opc1, crn, crm, opc2, v)                                   \
	__asm__ volatile("mcr p15, " CP15_STR_(opc1) ", %0, " CP15_STR_(       \
				 crn) ", " CP15_STR_(crm) ", " CP15_STR_(opc2) \
			 :                                                     \
			 : "r"((uint32_t) (v))                                 \
			 : "memory")

/** Writes 64-bit register `reg`. */
#define WRITE_CP15_64(reg, v) WRITE_CP15_64_(reg, v)
#define WRITE_CP15_64_(opc1, crm, v)                                           \
	__asm__ volatile(                                                      \
		"mcrr p15, " CP15_STR_(opc1) ", %Q0, %R0, " CP15_STR_(crm)     \
		:                                                              \
		: "r"((uint64_t) (v))                                          \
		: "memory")

/** The processor mode (CPSR.M): CPSR_MODE_HYP or CPSR_MODE_SVC. */
static inline unsigned int current_mode(void)
{
	uint32_t cpsr;

	__asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
	return cpsr & CPSR_MODE_MASK;
}

/** True in HYP mode (PL2). */
static inline int in_hyp(void)
{
	return current_mode() == CPSR_MODE_HYP;
}

#endif /* TESTS_PLATFORM_ARMV7_SYSREG_H */
