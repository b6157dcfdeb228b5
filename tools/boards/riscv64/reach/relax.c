/*
 * Linker relaxation, checked on the linked image itself: decodes the load
 * instruction of two accesses to reach_low and looks at its base register.
 *  - relax_probe_naive: the Rust crate's form, `ld a0, %lo(var)(REG)`
 *    assembled with relaxation allowed. Where the image is linked with
 *    relaxation (the tp configuration), GNU ld rewrites its base to x0: an
 *    absolute load from near address 0, the crate's bug, shown to happen
 *    with this toolchain. Where the gp backend's -Wl,--no-relax reached the
 *    link, it keeps gp.
 *  - relax_probe_ours: this_cpu_read(), which must keep REG either way.
 */
#include "percpu/percpu.h"
#include "tests/harness/ptest.h"
#include "tests/reach/reach.h"

/* The crate's form: relaxable. Never called, only decoded. */
__asm__(".pushsection .text.relax_probe_naive, \"ax\", @progbits\n"
	".option push\n"
	".option relax\n"
	".globl relax_probe_naive\n"
	"relax_probe_naive:\n"
	"ld a0, %lo(percpu_var_reach_low)(" PERCPU_RISCV_REG ")\n"
	"ret\n"
	".option pop\n"
	".popsection");
void relax_probe_naive(void);

uint64_t relax_probe_ours(void);

__attribute__((noinline)) uint64_t relax_probe_ours(void)
{
	return this_cpu_read(reach_low);
}

#define REG_X0 0
#define REG_GP 3
#define REG_TP 4
#define REG_SP 2
#define REG_S0 8
#define NOT_FOUND 99

/**
 * Base register (rs1) of the first `ld rd, imm(rs1)` with imm == offset in
 * the function at `fn` (decoded up to its return), leaving out stack and
 * frame accesses (rs1 sp or s0, as at -O0); NOT_FOUND if none.
 */
static unsigned int ld_base(const void *fn, uint32_t offset)
{
	const uint16_t *p = fn;
	unsigned int i, rs1;

	for (i = 0; i < 64; i++) {
		uint32_t insn = p[0];

		if (insn == 0x8082) /* c.jr ra (ret) */
			break;
		if ((insn & 3) != 3) { /* compressed: 16 bits */
			p++;
			continue;
		}
		insn |= (uint32_t) p[1] << 16;
		p += 2;
		if (insn == 0x00008067) /* jalr x0, 0(ra) (ret) */
			break;
		rs1 = (insn >> 15) & 0x1f;
		if ((insn & 0x7f) == 0x03 && ((insn >> 12) & 7) == 3 &&
		    (insn >> 20) == offset && rs1 != REG_SP && rs1 != REG_S0)
			return rs1;
	}
	return NOT_FOUND;
}

PTEST(riscv_relaxation_cannot_rewrite_accesses)
{
	unsigned int reg = PERCPU_RISCV_REG[0] == 't' ? REG_TP : REG_GP;
	uint32_t offset = (uint32_t) PERCPU_OFFSET(reach_low);

	PT_ASSERT_TRUE(offset < 2048);
	PT_EXPECT_EQ(ld_base((const void *) relax_probe_ours, offset), reg);
	/* tp: the image is linked with relaxation; gp: with --no-relax. */
	PT_EXPECT_EQ(ld_base((const void *) relax_probe_naive, offset),
		     reg == REG_TP ? REG_X0 : REG_GP);
}
