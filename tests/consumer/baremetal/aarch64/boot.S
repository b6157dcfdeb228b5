/*
 * Every CPU enters here at EL2: the boot CPU from QEMU, the others from PSCI
 * CPU_ON. Each takes the stack of its MPIDR Aff0 and calls cpu_main(index).
 */
#define STACK_SIZE 16384
#define MAX_CPUS 8

	.section .text.boot, "ax"
	.globl _start
_start:
	mrs x0, mpidr_el1
	and x0, x0, #0xff
	cmp x0, #MAX_CPUS
	b.hs 2f
	adrp x1, stacks
	add x1, x1, :lo12:stacks
	add x2, x0, #1
	mov x3, #STACK_SIZE
	madd x1, x2, x3, x1
	mov sp, x1
	bl cpu_main
2:	wfe
	b 2b

	.bss
	.balign 16
stacks:
	.space STACK_SIZE * MAX_CPUS
