/*
 * What the bare-metal runner asks of the target beyond platform.h: the ways
 * the target can drive its per-CPU register (each one runs every test), and
 * an independent check of that register.
 */
#ifndef TESTS_BAREMETAL_X86_VARIANT_H
#define TESTS_BAREMETAL_X86_VARIANT_H

#include <stdint.h>

/** Number of variants (at least 1). */
unsigned int test_variant_count(void);

/** Short name of variant `v`. */
const char *test_variant_name(unsigned int v);

/**
 * Switches the calling CPU to variant `v`. Returns NULL, or why this
 * machine cannot run it (then no CPU runs it).
 */
const char *test_variant_enter(unsigned int v);

/**
 * Checks with ptest expectations, reading the hardware directly rather than
 * through percpu, that the calling CPU's per-CPU register holds `offset`
 * and that the registers percpu must not touch are untouched.
 */
void test_variant_check_register(uintptr_t offset);

#endif /* TESTS_BAREMETAL_X86_VARIANT_H */
