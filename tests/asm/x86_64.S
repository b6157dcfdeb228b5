/* The assembly API's test functions (asm_test.h), x86_64 (System V ABI). */
#include "percpu/percpu_asm.h"
#include "tests/asm/offsets.h"

	.text
	.globl	asm_test_base
asm_test_base:
	percpu_base %rax
	ret

	.globl	asm_test_addr
asm_test_addr:
	percpu_addr %rax, asm_test_word
	ret

	.globl	asm_test_load
asm_test_load:
	percpu_load %rax, asm_test_word
	ret

	.globl	asm_test_store
asm_test_store:
	percpu_store %rdi, asm_test_word
	ret

	.globl	asm_test_vcpu_addr
asm_test_vcpu_addr:
	pervcpu_addr %rax, asm_test_vcpu, %rcx
	ret

	.globl	asm_test_vcpu_second
asm_test_vcpu_second:
	pervcpu_addr %rcx, asm_test_vcpu, %rdx
	movq	ASM_TEST_VCPU_SECOND(%rcx), %rax
	ret

	.section .note.GNU-stack, "", @progbits
