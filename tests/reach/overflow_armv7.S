/*
 * overflow.c's near access past reach, through the assembly API
 * (percpu/percpu_asm.h): linking it must fail the same way.
 */
#include "percpu/percpu_asm.h"

	.text
	.globl	reach_overflow_asm
reach_overflow_asm:
	percpu_addr r0, reach_high, r1
	bx	lr
