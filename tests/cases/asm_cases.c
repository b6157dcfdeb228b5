/*
 * The assembly API (percpu/percpu_asm.h) against the C accessors: the
 * functions of tests/asm/<arch>.S must see and change exactly what
 * this_cpu_* and this_vcpu_* do. Built only where the backend has the API.
 */
#include "tests/asm/asm_test.h"
#include "percpu/percpu_testing.h"
#include "tests/harness/ptest.h"

PERCPU_DEFINE(uintptr_t, asm_test_word) = 0;
PERVCPU_DEFINE(struct asm_test_vcpu, asm_test_vcpu) = {0, 0};

PTEST(asm_percpu_matches_c)
{
	uintptr_t magic = (uintptr_t) 0x5a5a0123u;

	PT_ASSERT_EQ(percpu_init(NULL, 0) >= 1, 1);
	PT_ASSERT_EQ(percpu_init_cpu(0), 0);
	PT_EXPECT_EQ(asm_test_addr(), (uintptr_t) this_cpu_ptr(asm_test_word));
	/* The offset: an address minus the variable's template address. */
	PT_EXPECT_EQ(asm_test_base(),
		     asm_test_addr() - (uintptr_t) &PERCPU_SYM(asm_test_word));
	this_cpu_write(asm_test_word, magic);
	PT_EXPECT_EQ(asm_test_load(), magic);
	asm_test_store(~magic);
	PT_EXPECT_EQ(this_cpu_read(asm_test_word), ~magic);
	/* Another CPU's copy (if there is one) is untouched. */
	if (per_cpu_ptr(asm_test_word, 1) != NULL)
		PT_EXPECT_EQ(*per_cpu_ptr(asm_test_word, 1) == ~magic, 0);
}

PTEST(asm_pervcpu_matches_c)
{
	void *area = ptest_memory;

	PT_ASSERT_EQ(percpu_init(NULL, 0) >= 1, 1);
	PT_ASSERT_EQ(percpu_init_cpu(0), 0);
	PT_ASSERT_EQ(pervcpu_area_init(area), 0);
	PT_ASSERT_EQ(pervcpu_load(area) >= 0, 1);
	this_vcpu_ptr(asm_test_vcpu)->second = (uintptr_t) 0xc0de;
	PT_EXPECT_EQ(asm_test_vcpu_addr(),
		     (uintptr_t) this_vcpu_ptr(asm_test_vcpu));
	PT_EXPECT_EQ(asm_test_vcpu_second(), (uintptr_t) 0xc0de);
	PT_EXPECT_EQ(pervcpu_put(), 0);
}
