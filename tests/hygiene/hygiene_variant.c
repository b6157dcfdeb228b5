/*
 * The hygiene cases with the optional forms of the accessors: far accesses
 * (aarch64 and riscv64 bare metal) and the kernel's preemption hooks
 * (defined in tests/cases/preempt_cases.c).
 */
#define HYG_VARIANT
#define PERCPU_AARCH64_FAR
#define PERCPU_RISCV_FAR
#define PERCPU_PREEMPT_HOOKS
#define HYG_LANG c_variant
#include "tests/hygiene/hygiene_body.h"
