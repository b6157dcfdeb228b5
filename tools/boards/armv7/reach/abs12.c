/*
 * The other near form: a 1-byte variable past 4 KiB (this file's .percpu has
 * alignment 1, lower than every other file's, so the linker places it after
 * tests/reach/far.c's reach_high) read with `ldrb rV, [rB, #var]`, whose
 * R_ARM_ABS12 the linker range-checks itself. Linking it must fail with
 * "relocation truncated to fit: R_ARM_ABS12 against symbol
 * `percpu_var_reach_byte'". The access is in a test case, so that the image
 * keeps it (--gc-sections drops unreferenced code, and its relocations with
 * it). Only :reach_abs12_link_fails links it.
 */
#include "percpu/percpu.h"
#include "tests/harness/ptest.h"
#include "tests/reach/reach.h"

PERCPU_DEFINE(uint8_t, reach_byte);

PTEST(reach_abs12_read)
{
	PT_EXPECT_EQ(this_cpu_read(reach_byte), 0);
}
