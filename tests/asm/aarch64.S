/* The assembly API's test functions (asm_test.h), aarch64. */
#include "percpu/percpu_asm.h"
#include "tests/asm/offsets.h"

	.text
	.globl	asm_test_base
asm_test_base:
	percpu_base x0
	ret

	.globl	asm_test_addr
asm_test_addr:
	percpu_addr x0, asm_test_word, x1
	ret

	.globl	asm_test_load
asm_test_load:
	percpu_load x0, asm_test_word, x1
	ret

	.globl	asm_test_store
asm_test_store:
	percpu_store x0, asm_test_word, x1
	ret

	.globl	asm_test_vcpu_addr
asm_test_vcpu_addr:
	pervcpu_addr x0, asm_test_vcpu, x1
	ret

	.globl	asm_test_vcpu_second
asm_test_vcpu_second:
	pervcpu_addr x1, asm_test_vcpu, x2
	ldr	x0, [x1, #ASM_TEST_VCPU_SECOND]
	ret
