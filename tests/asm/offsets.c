/* Offsets the assembly test takes from percpu_asm_offsets() (BUILD). */
#include <stddef.h>

#include "percpu/asm_offsets.h"
#include "tests/asm/asm_test.h"

void asm_test_offsets(void);

void asm_test_offsets(void)
{
	PERCPU_ASM_OFFSET(ASM_TEST_VCPU_SECOND,
			  offsetof(struct asm_test_vcpu, second));
}
