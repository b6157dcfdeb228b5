/*
 * A near access to reach_high, which lies past 4 KiB: linking this file must
 * fail ("relocation truncated to fit: R_AARCH64_ABS16 / R_RISCV_HI20 against
 * symbol `percpu_var_reach_high'"), never produce a truncated offset. Only
 * :reach_overflow_link_fails links it.
 */
#include "percpu/percpu.h"
#include "tests/reach/reach.h"

uint16_t reach_overflow_read(void);

uint16_t reach_overflow_read(void)
{
	return this_cpu_read(reach_high);
}
