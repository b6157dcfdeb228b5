/*
 * The assembly API's test functions (asm_test.h), armv7 (A32); also the codegen
 * probes of the macros (tests/codegen).
 */
#include "percpu/percpu_asm.h"
#include "tests/asm/offsets.h"

	.syntax	unified
	.arm
	.text
	.globl	asm_test_base
	.type	asm_test_base, %function
asm_test_base:
	percpu_base r0
	bx	lr
	.size	asm_test_base, . - asm_test_base

	.globl	asm_test_addr
	.type	asm_test_addr, %function
asm_test_addr:
	percpu_addr r0, asm_test_word, r1
	bx	lr
	.size	asm_test_addr, . - asm_test_addr

	.globl	asm_test_load
	.type	asm_test_load, %function
asm_test_load:
	percpu_load r0, asm_test_word, r1
	bx	lr
	.size	asm_test_load, . - asm_test_load

	.globl	asm_test_store
	.type	asm_test_store, %function
asm_test_store:
	percpu_store r0, asm_test_word, r1
	bx	lr
	.size	asm_test_store, . - asm_test_store

	.globl	asm_test_vcpu_addr
	.type	asm_test_vcpu_addr, %function
asm_test_vcpu_addr:
	pervcpu_addr r0, asm_test_vcpu, r1
	bx	lr
	.size	asm_test_vcpu_addr, . - asm_test_vcpu_addr

	.globl	asm_test_vcpu_second
	.type	asm_test_vcpu_second, %function
asm_test_vcpu_second:
	pervcpu_addr r1, asm_test_vcpu, r2
	ldr	r0, [r1, #ASM_TEST_VCPU_SECOND]
	bx	lr
	.size	asm_test_vcpu_second, . - asm_test_vcpu_second
