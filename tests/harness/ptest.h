/*
 * ptest: the test cases' tiny C interface. Cases are written once, in C, and
 * run by every runner: GoogleTest on the host (tests/host/gtest_runner.cc)
 * and the bare-metal runners. A runner calls percpu_test_reset() before each
 * case and implements ptest_fail() / ptest_skip().
 */
#ifndef TESTS_HARNESS_PTEST_H
#define TESTS_HARNESS_PTEST_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One registered case; aligned so records pack without padding. */
struct ptest_case {
	const char *name;
	void (*fn)(void);
} __attribute__((aligned(16)));

/** Records a failed expectation (runner-specific output). */
void ptest_fail(const char *file, int line, const char *expr, uint64_t actual,
		uint64_t expected);

/** Marks the running case as skipped, with a reason. */
void ptest_skip(const char *reason);

/**
 * A 64-bit hash (FNV-1a) of `n` bytes at `p`: proves memory unchanged
 * without a copy, however many areas there are.
 */
uint64_t ptest_hash(const void *p, uint64_t n);

/** Caller memory for init tests: aligned for any area, 4 MiB. */
extern uint8_t ptest_memory[1 << 22];

/**
 * Captures percpu's misuse messages instead of printing them, until
 * ptest_capture_end() (which runners also call after every case).
 */
void ptest_capture_begin(void);
void ptest_capture_end(void);

/** Lines captured since ptest_capture_begin(). */
unsigned int ptest_captured_count(void);

/**
 * 1 if one captured line contains every string of the NULL-terminated list,
 * else 0 (and the captured lines go to the previous reporter, to explain).
 */
int ptest_captured_(const char *first, ...);
#define ptest_captured(...) ptest_captured_(__VA_ARGS__, (const char *) 0)

#ifdef __cplusplus
}
#endif

#define PTEST(name)                                                            \
	static void ptest_fn_##name(void);                                     \
	static const struct ptest_case ptest_case_##name __attribute__((       \
		section("ptest_cases"), used)) = {#name, ptest_fn_##name};     \
	static void ptest_fn_##name(void)

/*
 * `text` is the check as written, stringified by the outer macro: here, after
 * macro expansion, a this_cpu_* call would be pages of text.
 */
#define PT_CHECK_(a, b, text, on_fail)                                         \
	do {                                                                   \
		uint64_t ptest_a_ = (uint64_t) (uintptr_t) (a);                \
		uint64_t ptest_b_ = (uint64_t) (uintptr_t) (b);                \
		if (ptest_a_ != ptest_b_) {                                    \
			ptest_fail(__FILE__, __LINE__, text, ptest_a_,         \
				   ptest_b_);                                  \
			on_fail;                                               \
		}                                                              \
	} while (0)

/** Checks a == b (compared as 64-bit integers) and goes on. */
#define PT_EXPECT_EQ(a, b) PT_CHECK_(a, b, #a " == " #b, (void) 0)
/** Checks a == b and ends the case if not. */
#define PT_ASSERT_EQ(a, b) PT_CHECK_(a, b, #a " == " #b, return )
#define PT_EXPECT_TRUE(c) PT_CHECK_(!!(c), 1, #c, (void) 0)
#define PT_ASSERT_TRUE(c) PT_CHECK_(!!(c), 1, #c, return )
/** Checks a == b and runs `on_fail` if not (`return -1` in a helper). */
#define PT_CHECK(a, b, on_fail) PT_CHECK_(a, b, #a " == " #b, on_fail)

/** Ends the case as skipped when `cond` holds. */
#define PT_SKIP_IF(cond, reason)                                               \
	do {                                                                   \
		if (cond) {                                                    \
			ptest_skip(reason);                                    \
			return;                                                \
		}                                                              \
	} while (0)

#endif /* TESTS_HARNESS_PTEST_H */
