/*
 * The assembly API's test functions (asm_test.h), riscv64; also the codegen
 * probes of the macros (tests/codegen).
 */
#include "percpu/percpu_asm.h"
#include "tests/asm/offsets.h"

	.text
	.globl	asm_test_base
	.type	asm_test_base, %function
asm_test_base:
	percpu_base a0
	ret
	.size	asm_test_base, . - asm_test_base

	.globl	asm_test_addr
	.type	asm_test_addr, %function
asm_test_addr:
	percpu_addr a0, asm_test_word
	ret
	.size	asm_test_addr, . - asm_test_addr

	.globl	asm_test_load
	.type	asm_test_load, %function
asm_test_load:
	percpu_load a0, asm_test_word
	ret
	.size	asm_test_load, . - asm_test_load

	.globl	asm_test_store
	.type	asm_test_store, %function
asm_test_store:
	percpu_store a0, asm_test_word
	ret
	.size	asm_test_store, . - asm_test_store

	.globl	asm_test_vcpu_addr
	.type	asm_test_vcpu_addr, %function
asm_test_vcpu_addr:
	pervcpu_addr a0, asm_test_vcpu, a1
	ret
	.size	asm_test_vcpu_addr, . - asm_test_vcpu_addr

	.globl	asm_test_vcpu_second
	.type	asm_test_vcpu_second, %function
asm_test_vcpu_second:
	pervcpu_addr a1, asm_test_vcpu, a2
	ld	a0, ASM_TEST_VCPU_SECOND(a1)
	ret
	.size	asm_test_vcpu_second, . - asm_test_vcpu_second
