/*
 * percpu from assembly: exception vectors and VM-exit paths reach per-CPU and
 * per-vCPU data before any C runs. Include it from a .S file:
 *
 *   #include "percpu/percpu_asm.h"
 *
 *   percpu_base  REG                 REG = this CPU's offset (area - template)
 *   percpu_addr  REG, NAME [, TMP]   REG = address of this CPU's NAME
 *   percpu_load  REG, NAME [, TMP]   REG = this CPU's NAME (REG's width)
 *   percpu_store REG, NAME, TMP      this CPU's NAME = REG (REG's width)
 *   pervcpu_addr REG, NAME, TMP      REG = address of NAME in the vCPU
 *                                    loaded on this CPU (pervcpu_load())
 *
 * NAME is the variable as PERCPU_DEFINE / PERVCPU_DEFINE named it. TMP is a
 * scratch register of the architecture's full width that the macro may
 * clobber (x86_64 needs none for the percpu_* macros and ignores it). A
 * field of a C struct is then `[REG, #offset]` with the offset from a
 * generated header (percpu_asm_offsets(), percpu/asm_offsets.bzl).
 *
 * What each expands to, with the near encodings' link-time reach checks of
 * the C accessors (a variable out of reach fails the link, never aliases
 * another; assembly reaches near variables only, C also far ones):
 *   x86_64   percpu_load: mov %gs:var(%rip), REG (one instruction, no
 *            reach limit); percpu_addr: lea + add %gs:percpu_head.offset
 *   aarch64  percpu_load: mrs TMP, tpidr_elN; ldr REG, [TMP, #:lo12:var]
 *            (first 4 KiB)
 *   riscv64  percpu_load: ld REG, %lo(var)(tp|gp) (first 2 KiB)
 *   armv7    percpu_load: mrc TMP, HTPIDR|TPIDRPRW; ldr REG, [TMP, #var]
 *            (first 4 KiB)
 * The hosted stand-ins (aarch64, riscv64 and armv7 Linux keep the "register"
 * in a thread-local variable) and the single-CPU backend have no assembly
 * API: including this header there is an error.
 */
#ifndef PERCPU_PERCPU_ASM_H
#define PERCPU_PERCPU_ASM_H

/** Offset of percpu_head.offset (static_assert in percpu.c). */
#define PERCPU_ASM_HEAD_OFFSET 0

/* The macros are assembler macros; C sees only the constants above. */
#ifdef __ASSEMBLER__
#include "percpu_asm_arch.h"
#endif

#endif /* PERCPU_PERCPU_ASM_H */
