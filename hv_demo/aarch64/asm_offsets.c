/* The offsets exception.S uses (percpu_asm_offsets in BUILD). */
#include <stddef.h>

#include "hv_demo/aarch64/regs.h"
#include "percpu/asm_offsets.h"

void hv_asm_offsets(void);

void hv_asm_offsets(void)
{
	PERCPU_ASM_OFFSET(REGS_X0, offsetof(struct arch_regs, x));
	PERCPU_ASM_OFFSET(REGS_X30, offsetof(struct arch_regs, x[30]));
	PERCPU_ASM_OFFSET(REGS_PC, offsetof(struct arch_regs, pc));
	PERCPU_ASM_OFFSET(REGS_SPSR, offsetof(struct arch_regs, spsr));
	PERCPU_ASM_OFFSET(FRAME_REGS, offsetof(struct arch_frame, regs));
	PERCPU_ASM_OFFSET(FRAME_X19, offsetof(struct arch_frame, x19_x30));
	PERCPU_ASM_OFFSET(FRAME_SIZE, sizeof(struct arch_frame));
}
