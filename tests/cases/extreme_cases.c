/*
 * Extreme values: every operation at every width, on values at the type's
 * limits, with operands of every integer type at theirs, compared with the
 * same statement on an ordinary variable. Where plain C has signed overflow
 * (undefined) the library wraps, as its atomics do; the expected value is
 * then the wrapped result. Built with UBSan (the *ubsan configurations), an
 * operation that overflows inside the library traps.
 */
#include <limits.h>
#include <stdint.h>

#include "percpu/percpu.h"
#include "tests/harness/ptest.h"

PERCPU_DEFINE(int8_t, x_s8);
PERCPU_DEFINE(uint8_t, x_u8);
PERCPU_DEFINE(int16_t, x_s16);
PERCPU_DEFINE(uint16_t, x_u16);
PERCPU_DEFINE(int32_t, x_s32);
PERCPU_DEFINE(uint32_t, x_u32);
PERCPU_DEFINE(int64_t, x_s64);
PERCPU_DEFINE(uint64_t, x_u64);
PERCPU_DEFINE(long, x_long);
PERCPU_DEFINE(char, x_char);

/** Mismatches so far in the running case (only the first few are shown). */
static unsigned int mismatches;

static void mismatch(int line, const char *what, uint64_t got, uint64_t want)
{
	if (mismatches++ < 8)
		ptest_fail(__FILE__, line, what, got, want);
}

#define EXPECT_SAME(got, want, what)                                           \
	do {                                                                   \
		if ((got) != (want))                                           \
			mismatch(__LINE__, what, (uint64_t) (got),             \
				 (uint64_t) (want));                           \
	} while (0)

/* 1 if `e` (an arithmetic result: int or wider) has a signed type. */
#define IS_SIGNED(e)                                                           \
	_Generic((e), int : 1, long : 1, long long : 1, default : 0)

/*
 * `y op= a` as plain C computes it: in the common type of y and a (the
 * builtin gives the wrapped result and whether it overflowed), then
 * converted back to y's type. The plain statement itself runs where C
 * defines it, and must agree.
 */
#define PLAIN_ARITH(builtin, op, T, s, a)                                      \
	__extension__({                                                        \
		__typeof__((s) + (a)) common_;                                 \
		T y_ = (s);                                                    \
		int ovf_ = builtin(y_, a, &common_);                           \
		if (!ovf_ || !IS_SIGNED(common_)) {                            \
			y_ op(a);                                              \
			EXPECT_SAME(y_, (T) common_, "plain C " #op);          \
		}                                                              \
		(T) common_;                                                   \
	})

/*
 * One operand against start value `s` of variable `name` of type T. The
 * operand is copied to a variable (of its own type): as a constant, plain C's
 * conversions would warn.
 */
#define CHECK_OPERAND(name, T, s, operand)                                     \
	do {                                                                   \
		__typeof__(operand) a = (operand);                             \
		T want_, y_;                                                   \
		this_cpu_write(name, s);                                       \
		this_cpu_add(name, a);                                         \
		want_ = PLAIN_ARITH(__builtin_add_overflow, +=, T, s, a);      \
		EXPECT_SAME(this_cpu_read(name), want_, "this_cpu_add");       \
		raw_cpu_write(name, s);                                        \
		raw_cpu_sub(name, a);                                          \
		want_ = PLAIN_ARITH(__builtin_sub_overflow, -=, T, s, a);      \
		EXPECT_SAME(raw_cpu_read(name), want_, "raw_cpu_sub");         \
		this_cpu_write(name, s);                                       \
		this_cpu_sub(name, a);                                         \
		EXPECT_SAME(this_cpu_read(name), want_, "this_cpu_sub");       \
		this_cpu_write(name, s);                                       \
		this_cpu_and(name, a);                                         \
		y_ = (s);                                                      \
		y_ &= (a);                                                     \
		EXPECT_SAME(this_cpu_read(name), y_, "this_cpu_and");          \
		this_cpu_write(name, s);                                       \
		this_cpu_or(name, a);                                          \
		y_ = (s);                                                      \
		y_ |= (a);                                                     \
		EXPECT_SAME(this_cpu_read(name), y_, "this_cpu_or");           \
		this_cpu_write(name, s);                                       \
		y_ = (T) (a);                                                  \
		EXPECT_SAME(this_cpu_xchg(name, a), (T) (s), "xchg's old");    \
		EXPECT_SAME(this_cpu_read(name), y_, "this_cpu_xchg");         \
		EXPECT_SAME(this_cpu_cmpxchg(name, s, a), y_,                  \
			    "cmpxchg's old (mismatch)");                       \
		this_cpu_write(name, s);                                       \
		EXPECT_SAME(this_cpu_cmpxchg(name, s, a), (T) (s),             \
			    "cmpxchg's old (match)");                          \
		EXPECT_SAME(this_cpu_read(name), y_, "this_cpu_cmpxchg");      \
		this_cpu_write(name, a);                                       \
		EXPECT_SAME(this_cpu_read(name), y_, "this_cpu_write");        \
	} while (0)

/* Operands: every integer type at its limits, and small values. */
#define EACH_OPERAND(F, name, T, s)                                            \
	do {                                                                   \
		F(name, T, s, (int8_t) INT8_MIN);                              \
		F(name, T, s, (int8_t) INT8_MAX);                              \
		F(name, T, s, (uint8_t) UINT8_MAX);                            \
		F(name, T, s, (int16_t) INT16_MIN);                            \
		F(name, T, s, (int16_t) INT16_MAX);                            \
		F(name, T, s, (uint16_t) UINT16_MAX);                          \
		F(name, T, s, (int32_t) INT32_MIN);                            \
		F(name, T, s, (int32_t) INT32_MAX);                            \
		F(name, T, s, (uint32_t) UINT32_MAX);                          \
		F(name, T, s, (uint32_t) 0x80000000u);                         \
		F(name, T, s, (int64_t) INT64_MIN);                            \
		F(name, T, s, (int64_t) INT64_MAX);                            \
		F(name, T, s, (uint64_t) UINT64_MAX);                          \
		F(name, T, s, (uint64_t) 1 << 63);                             \
		F(name, T, s, 0);                                              \
		F(name, T, s, 1);                                              \
		F(name, T, s, -1);                                             \
		F(name, T, s, 1u);                                             \
		F(name, T, s, (_Bool) 1);                                      \
		F(name, T, s, 'a');                                            \
	} while (0)

/* inc and dec from start value `s`. */
#define CHECK_INC_DEC(name, T, s)                                              \
	do {                                                                   \
		this_cpu_write(name, s);                                       \
		this_cpu_inc(name);                                            \
		EXPECT_SAME(this_cpu_read(name),                               \
			    PLAIN_ARITH(__builtin_add_overflow, +=, T, s, 1),  \
			    "this_cpu_inc");                                   \
		this_cpu_write(name, s);                                       \
		this_cpu_dec(name);                                            \
		EXPECT_SAME(this_cpu_read(name),                               \
			    PLAIN_ARITH(__builtin_sub_overflow, -=, T, s, 1),  \
			    "this_cpu_dec");                                   \
	} while (0)

/* Every start value at and next to T's limits, against every operand. */
#define CHECK_TYPE(name, T, min, max)                                          \
	do {                                                                   \
		const T starts_[] = {(min), (T) ((min) + 1), (T) -1, 0,        \
				     1,	    (T) ((max) -1),  (max)};           \
		unsigned int i_;                                               \
		for (i_ = 0; i_ < sizeof(starts_) / sizeof(starts_[0]);        \
		     i_++) {                                                   \
			EACH_OPERAND(CHECK_OPERAND, name, T, starts_[i_]);     \
			CHECK_INC_DEC(name, T, starts_[i_]);                   \
		}                                                              \
	} while (0)

static int setup(void)
{
	mismatches = 0;
	PT_CHECK(percpu_init(NULL, 0) >= 1, 1, return -1);
	PT_CHECK(percpu_init_cpu(0), 0, return -1);
	return 0;
}

PTEST(extreme_values_8_bit)
{
	PT_ASSERT_EQ(setup(), 0);
	CHECK_TYPE(x_s8, int8_t, INT8_MIN, INT8_MAX);
	CHECK_TYPE(x_u8, uint8_t, 0, UINT8_MAX);
	CHECK_TYPE(x_char, char, CHAR_MIN, CHAR_MAX);
	PT_EXPECT_EQ(mismatches, 0);
}

PTEST(extreme_values_16_bit)
{
	PT_ASSERT_EQ(setup(), 0);
	CHECK_TYPE(x_s16, int16_t, INT16_MIN, INT16_MAX);
	CHECK_TYPE(x_u16, uint16_t, 0, UINT16_MAX);
	PT_EXPECT_EQ(mismatches, 0);
}

PTEST(extreme_values_32_bit)
{
	PT_ASSERT_EQ(setup(), 0);
	CHECK_TYPE(x_s32, int32_t, INT32_MIN, INT32_MAX);
	CHECK_TYPE(x_u32, uint32_t, 0, UINT32_MAX);
	PT_EXPECT_EQ(mismatches, 0);
}

PTEST(extreme_values_64_bit)
{
	PT_ASSERT_EQ(setup(), 0);
	CHECK_TYPE(x_s64, int64_t, INT64_MIN, INT64_MAX);
	CHECK_TYPE(x_u64, uint64_t, 0, UINT64_MAX);
	CHECK_TYPE(x_long, long, LONG_MIN, LONG_MAX);
	PT_EXPECT_EQ(mismatches, 0);
}
