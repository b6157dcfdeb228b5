/*
 * Code-generation probes: one function per per-CPU operation and width,
 * compiled at -O2 with the configuration's own toolchain. codegen_test.sh
 * disassembles them and checks each against its instruction budget; the
 * functions are never called.
 *
 * Naming: probe_<operation>_<type>. Operands come from arguments (registers),
 * except inc/dec and the *_imm probes, whose operand is a constant.
 */
#include <stdint.h>

#include "percpu/percpu.h"

#define PROBE __attribute__((noinline, used)) /* keep one symbol each */

/** The accesses every type supports: read, write, xchg, cmpxchg. */
#define PROBE_ACCESS(type, sfx)                                                \
	PERCPU_DEFINE(type, pv_##sfx);                                         \
	PROBE type probe_read_##sfx(void)                                      \
	{                                                                      \
		return this_cpu_read(pv_##sfx);                                \
	}                                                                      \
	PROBE void probe_write_##sfx(type v)                                   \
	{                                                                      \
		this_cpu_write(pv_##sfx, v);                                   \
	}                                                                      \
	PROBE type probe_xchg_##sfx(type v)                                    \
	{                                                                      \
		return this_cpu_xchg(pv_##sfx, v);                             \
	}                                                                      \
	PROBE type probe_cmpxchg_##sfx(type old, type new_)                    \
	{                                                                      \
		return this_cpu_cmpxchg(pv_##sfx, old, new_);                  \
	}

/** Arithmetic and bitwise operations, integers only. */
#define PROBE_ARITH(type, sfx)                                                 \
	PROBE_ACCESS(type, sfx)                                                \
	PROBE void probe_add_##sfx(type v)                                     \
	{                                                                      \
		this_cpu_add(pv_##sfx, v);                                     \
	}                                                                      \
	PROBE void probe_sub_##sfx(type v)                                     \
	{                                                                      \
		this_cpu_sub(pv_##sfx, v);                                     \
	}                                                                      \
	PROBE void probe_subimm_##sfx(void)                                    \
	{                                                                      \
		this_cpu_sub(pv_##sfx, 3);                                     \
	}                                                                      \
	PROBE void probe_and_##sfx(type v)                                     \
	{                                                                      \
		this_cpu_and(pv_##sfx, v);                                     \
	}                                                                      \
	PROBE void probe_or_##sfx(type v)                                      \
	{                                                                      \
		this_cpu_or(pv_##sfx, v);                                      \
	}                                                                      \
	PROBE void probe_inc_##sfx(void)                                       \
	{                                                                      \
		this_cpu_inc(pv_##sfx);                                        \
	}                                                                      \
	PROBE void probe_dec_##sfx(void)                                       \
	{                                                                      \
		this_cpu_dec(pv_##sfx);                                        \
	}

PROBE_ARITH(uint8_t, u8)
PROBE_ARITH(uint16_t, u16)
PROBE_ARITH(uint32_t, u32)
PROBE_ARITH(uint64_t, u64)
PROBE_ACCESS(void *, ptr)

/** Address of this CPU's copy. */
PROBE uint64_t *probe_this_cpu_ptr(void)
{
	return this_cpu_ptr(pv_u64);
}

/** Address of `cpu`'s copy, bounds check included. */
PROBE uint64_t *probe_per_cpu_ptr(unsigned int cpu)
{
	return per_cpu_ptr(pv_u64, cpu);
}
