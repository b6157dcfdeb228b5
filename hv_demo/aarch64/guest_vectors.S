/*
 * The guest's EL1 vectors: it expects no exception at all, so every entry
 * reports HVC FAULT(ESR_EL1, ELR_EL1) to the hypervisor.
 */
	.text
	.balign	0x800
	.global	guest_vectors
guest_vectors:
	.rept	16
	.balign	0x80
	mrs	x0, esr_el1
	mrs	x1, elr_el1
	hvc	#3
	b	.
	.endr
