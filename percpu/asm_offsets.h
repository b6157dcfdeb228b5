/*
 * For the C sources of percpu_asm_offsets() (percpu/asm_offsets.bzl): inside
 * a function, PERCPU_ASM_OFFSET(NAME, value) makes the generated header say
 * `#define NAME value`. value must be an integer constant expression, e.g.
 * offsetof(struct arch_regs, pc) or sizeof(struct frame).
 *
 *   #include <stddef.h>
 *   #include "percpu/asm_offsets.h"
 *
 *   void asm_offsets(void)
 *   {
 *           PERCPU_ASM_OFFSET(REGS_PC, offsetof(struct arch_regs, pc));
 *   }
 */
#ifndef PERCPU_ASM_OFFSETS_H
#define PERCPU_ASM_OFFSETS_H

/** Emits the marker `->NAME value` into the compiler's assembly output. */
#define PERCPU_ASM_OFFSET(name, value)                                         \
	__asm__ volatile("\n.ascii \"->" #name " %c0\"" : : "i"(value))

#endif /* PERCPU_ASM_OFFSETS_H */
