/*
 * Debug checks. This file always builds its accessors with PERCPU_DEBUG (the
 * check functions are in every library build), so the checks are tested in
 * every configuration; --config=debug_checks turns them on everywhere.
 * The bad accesses use this_cpu_ptr(), which checks without dereferencing.
 */
#undef PERCPU_DEBUG
#define PERCPU_DEBUG 1

#include "percpu/percpu.h"
#include "percpu/percpu_testing.h"
#include "percpu/pervcpu.h"
#include "tests/harness/ptest.h"

PERCPU_DEFINE(uint64_t, dbg_counter) = 5;
PERCPU_DEFINE(uint32_t[4], dbg_array);
PERVCPU_DEFINE(uint64_t, dbg_vcpu_value) = 11;

#define SKIP_IF_SINGLE() PT_SKIP_IF(ARCH_PERCPU_SINGLE, "needs a register")

/*
 * 1 where an access through an unset register faults right after the report
 * (bare-metal x86_64: low memory is unmapped); set by tests/BUILD.
 */
#ifndef PTEST_UNSET_ACCESS_FAULTS
#define PTEST_UNSET_ACCESS_FAULTS 0
#endif

PTEST(debug_correct_use_is_silent)
{
	percpu_handle_t h;
	unsigned int cpu;

	PT_ASSERT_TRUE(percpu_set_dyn_size(64) == 0);
	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 1);
	h = percpu_alloc(8, 8);
	PT_ASSERT_TRUE(h != PERCPU_HANDLE_NONE);
	ptest_capture_begin();
	percpu_for_each_online_cpu(cpu)
	{
		PT_ASSERT_EQ(percpu_init_cpu(cpu), 0);
		PT_EXPECT_EQ(this_cpu_read(dbg_counter), 5);
		this_cpu_write(dbg_counter, 6);
		this_cpu_add(dbg_counter, 2);
		this_cpu_sub(dbg_counter, 1);
		this_cpu_inc(dbg_counter);
		this_cpu_dec(dbg_counter);
		this_cpu_and(dbg_counter, 0xf);
		this_cpu_or(dbg_counter, 0x10);
		PT_EXPECT_EQ(this_cpu_xchg(dbg_counter, 1), 0x17);
		PT_EXPECT_EQ(this_cpu_cmpxchg(dbg_counter, 1, 2), 1);
		PT_EXPECT_EQ(raw_cpu_read(dbg_counter), 2);
		(*this_cpu_ptr(dbg_array))[3] = 9;
		*(uint64_t *) this_cpu_dyn_ptr(h) = cpu;
		PT_EXPECT_EQ(*(uint64_t *) per_cpu_dyn_ptr(h, cpu), cpu);
	}
	PT_EXPECT_EQ(ptest_captured_count(), 0);
	ptest_capture_end();
}

PTEST(debug_access_before_init)
{
	PT_SKIP_IF(PTEST_UNSET_ACCESS_FAULTS,
		   "the access faults after the report");
	ptest_capture_begin();
	(void) this_cpu_ptr(dbg_counter);
	PT_EXPECT_TRUE(ptest_captured("this_cpu access to dbg_counter (offset ",
				      "before percpu_init()"));
	ptest_capture_end();
}

PTEST(debug_access_before_init_cpu)
{
	SKIP_IF_SINGLE();
	/* Bare-metal x86_64 reads its base through the (unmapped) unset area
	 * right after the report: the access itself faults, as it should. */
	PT_SKIP_IF(PTEST_UNSET_ACCESS_FAULTS,
		   "the access faults after the report");
	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 1);
	ptest_capture_begin();
	(void) this_cpu_ptr(dbg_array);
	PT_EXPECT_TRUE(ptest_captured("this_cpu access to dbg_array",
				      "before percpu_init_cpu() on this CPU"));
	ptest_capture_end();
}

PTEST(debug_access_through_foreign_base)
{
	SKIP_IF_SINGLE();
	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 1);
	/* Inside area 0 but not its start, as a miscomputed base would be. */
	percpu_write_reg(percpu_area_base(0) + 64);
	ptest_capture_begin();
	(void) this_cpu_ptr(dbg_counter);
	PT_EXPECT_TRUE(ptest_captured("this_cpu access to dbg_counter",
				      "through foreign base 0x",
				      "(not an area)"));
	ptest_capture_end();
}

PTEST(debug_access_through_stale_base)
{
	SKIP_IF_SINGLE();
	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 2);
	PT_ASSERT_EQ(percpu_init_cpu(1), 0);
	PT_ASSERT_EQ(percpu_cpu_offline(1), 0);
	ptest_capture_begin();
	(void) this_cpu_ptr(dbg_counter);
	PT_EXPECT_TRUE(ptest_captured("cpu 1: this_cpu access to dbg_counter",
				      "stale base: the cpu is offline"));
	ptest_capture_end();
}

PTEST(debug_dynamic_handle_not_allocated)
{
	percpu_handle_t h;

	PT_ASSERT_TRUE(percpu_set_dyn_size(128) == 0);
	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 1);
	PT_ASSERT_EQ(percpu_init_cpu(0), 0);
	h = percpu_alloc(16, 16);
	PT_ASSERT_TRUE(h != PERCPU_HANDLE_NONE);
	PT_ASSERT_EQ(percpu_free(h), 0);
	ptest_capture_begin();
	(void) this_cpu_dyn_ptr(h);
	PT_EXPECT_TRUE(ptest_captured("dynamic handle 0x", "not allocated"));
	PT_EXPECT_EQ(ptest_captured_count(), 1);
	(void) per_cpu_dyn_ptr(h + 8, 0);
	PT_EXPECT_EQ(ptest_captured_count(), 2);
	ptest_capture_end();
}

PTEST(debug_dynamic_access_through_stale_base)
{
	percpu_handle_t h;

	SKIP_IF_SINGLE();
	PT_ASSERT_TRUE(percpu_set_dyn_size(128) == 0);
	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 2);
	h = percpu_alloc(16, 16);
	PT_ASSERT_TRUE(h != PERCPU_HANDLE_NONE);
	PT_ASSERT_EQ(percpu_init_cpu(1), 0);
	PT_ASSERT_EQ(percpu_cpu_offline(1), 0);
	ptest_capture_begin();
	(void) this_cpu_dyn_ptr(h);
	PT_EXPECT_TRUE(ptest_captured("cpu 1: this_cpu access to dynamic "
				      "region +0x0",
				      "stale base"));
	ptest_capture_end();
}

/* What the reporter saw when percpu_check() called it under the lock. */
static percpu_handle_t under_lock_handle;
static int under_lock_calls;

/** A reporter that uses the accessors and debug checks (lock-free). */
static void report_under_lock(const char *line)
{
	(void) line;
	under_lock_calls++;
	*(uint64_t *) this_cpu_dyn_ptr(under_lock_handle) += 1;
	percpu_debug_dyn(under_lock_handle, 0);
	this_cpu_inc(dbg_counter);
}

/*
 * The debug checks never take percpu's lock: a reporter (or an interrupt
 * handler) running while the lock is held may use dynamic objects without
 * deadlocking (audit item 6).
 */
PTEST(debug_checks_take_no_lock)
{
	percpu_reporter_fn old;

	PT_ASSERT_TRUE(percpu_set_dyn_size(64) == 0);
	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 1);
	PT_ASSERT_EQ(percpu_init_cpu(0), 0);
	under_lock_handle = percpu_alloc(8, 8);
	PT_ASSERT_TRUE(under_lock_handle != PERCPU_HANDLE_NONE);
	under_lock_calls = 0;
	/* A corrupt guard word makes percpu_check() report under its lock. */
	*(uint64_t *) ((uintptr_t) per_cpu_dyn_ptr(under_lock_handle, 0) +
		       percpu_dyn_size() -
		       (under_lock_handle - percpu_layout.dyn_offset)) = 0;
	old = percpu_set_reporter(report_under_lock);
	PT_EXPECT_EQ(percpu_check(), -PERCPU_ECORRUPT);
	percpu_set_reporter(old);
	PT_EXPECT_EQ(under_lock_calls, 1);
	PT_EXPECT_EQ(*(uint64_t *) this_cpu_dyn_ptr(under_lock_handle), 1);
	PT_EXPECT_EQ(this_cpu_read(dbg_counter), 6);
}

/* this_vcpu_* with no vCPU loaded is reported (audit item 12). */
PTEST(debug_this_vcpu_without_a_loaded_vcpu)
{
	PT_ASSERT_TRUE(percpu_init(NULL, 0) >= 1);
	PT_ASSERT_EQ(percpu_init_cpu(0), 0);
	ptest_capture_begin();
	(void) this_vcpu_ptr(dbg_vcpu_value);
	PT_EXPECT_TRUE(ptest_captured("this_vcpu access to dbg_vcpu_value",
				      "with no vCPU loaded on this CPU"));
	ptest_capture_end();
}
