/*
 * The assembly API's test functions (asm_test.h), x86_64 (System V ABI); also the codegen
 * probes of the macros (tests/codegen).
 */
#include "percpu/percpu_asm.h"
#include "tests/asm/offsets.h"

	.text
	.globl	asm_test_base
	.type	asm_test_base, %function
asm_test_base:
	percpu_base %rax
	ret
	.size	asm_test_base, . - asm_test_base

	.globl	asm_test_addr
	.type	asm_test_addr, %function
asm_test_addr:
	percpu_addr %rax, asm_test_word
	ret
	.size	asm_test_addr, . - asm_test_addr

	.globl	asm_test_load
	.type	asm_test_load, %function
asm_test_load:
	percpu_load %rax, asm_test_word
	ret
	.size	asm_test_load, . - asm_test_load

	.globl	asm_test_store
	.type	asm_test_store, %function
asm_test_store:
	percpu_store %rdi, asm_test_word
	ret
	.size	asm_test_store, . - asm_test_store

	.globl	asm_test_vcpu_addr
	.type	asm_test_vcpu_addr, %function
asm_test_vcpu_addr:
	pervcpu_addr %rax, asm_test_vcpu, %rcx
	ret
	.size	asm_test_vcpu_addr, . - asm_test_vcpu_addr

	.globl	asm_test_vcpu_second
	.type	asm_test_vcpu_second, %function
asm_test_vcpu_second:
	pervcpu_addr %rcx, asm_test_vcpu, %rdx
	movq	ASM_TEST_VCPU_SECOND(%rcx), %rax
	ret
	.size	asm_test_vcpu_second, . - asm_test_vcpu_second

	.section .note.GNU-stack, "", @progbits
