/* What fpsimd.S and context.c share: the FP/SIMD save area's layout. */
#ifndef HV_DEMO_AARCH64_LINUX_CONTEXT_H
#define HV_DEMO_AARCH64_LINUX_CONTEXT_H

#define FPSIMD_FPSR 512
#define FPSIMD_FPCR 520
#define FPSIMD_SIZE 528

#ifndef __ASSEMBLER__
#include <stdint.h>

/** V0-V31 (two 64-bit halves each), FPSR, FPCR. */
struct fpsimd {
	uint64_t v[32][2];
	uint64_t fpsr;
	uint64_t fpcr;
};

void fpsimd_save(struct fpsimd *f);
void fpsimd_restore(const struct fpsimd *f);

#endif /* __ASSEMBLER__ */

#endif /* HV_DEMO_AARCH64_LINUX_CONTEXT_H */
