/*
 * The SVM host's interrupt entries (apic_timer.h). Neither touches %gs: a
 * host that lost its GS base (the broken build without the host VMLOAD)
 * still takes its timer interrupt.
 */
#include "tools/boards/x86_64/x86.h"

	.text
	/* The local APIC timer: count it, EOI. */
	.globl apic_timer_entry
	.type apic_timer_entry, @function
apic_timer_entry:
	push %rax
	lock incq apic_timer_irqs(%rip)
	mov x86_lapic_base(%rip), %rax
	movl $0, LAPIC_EOI(%rax)
	pop %rax
	iretq
	.size apic_timer_entry, . - apic_timer_entry

	/* The local APIC's spurious vector: no EOI. */
	.globl apic_spurious_entry
	.type apic_spurious_entry, @function
apic_spurious_entry:
	iretq
	.size apic_spurious_entry, . - apic_spurious_entry

	.section .note.GNU-stack, "", @progbits
