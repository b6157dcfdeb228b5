/*
 * The assembly API's test (tests/cases/asm_cases.c): what the functions in
 * <arch>.S do with percpu/percpu_asm.h, on the variables below.
 */
#ifndef TESTS_ASM_ASM_TEST_H
#define TESTS_ASM_ASM_TEST_H

#include <stdint.h>

#include "percpu/pervcpu.h"

/** A per-vCPU struct whose field offsets assembly takes from offsets.c. */
struct asm_test_vcpu {
	uint64_t first;
	uintptr_t second;
};

/** A word of the register's width, per CPU; a struct per vCPU. */
PERCPU_DECLARE(uintptr_t, asm_test_word);
PERVCPU_DECLARE(struct asm_test_vcpu, asm_test_vcpu);

/** percpu_base. */
uintptr_t asm_test_base(void);
/** percpu_addr asm_test_word. */
uintptr_t asm_test_addr(void);
/** percpu_load asm_test_word. */
uintptr_t asm_test_load(void);
/** percpu_store asm_test_word. */
void asm_test_store(uintptr_t v);
/** pervcpu_addr asm_test_vcpu, then the field `second` at its offset. */
uintptr_t asm_test_vcpu_addr(void);
uintptr_t asm_test_vcpu_second(void);

#endif /* TESTS_ASM_ASM_TEST_H */
