/*
 * Extreme values: every operation at every width, on values at the type's
 * limits, with operands of every integer type at theirs, compared with the
 * same statement on an ordinary variable. Where plain C has signed overflow
 * (undefined) the library wraps, as its atomics do; the expected value is
 * then the wrapped result. Built with UBSan (the *ubsan configurations), an
 * operation that overflows inside the library traps.
 */
#include <stdint.h>

#include "percpu/percpu.h"
#include "tests/harness/ptest.h"

/* <limits.h> is no header of freestanding GCC (-nostdinc): its macros. */
#define LONG_MAX_ __LONG_MAX__
#define LONG_MIN_ (-__LONG_MAX__ - 1L)
#ifdef __CHAR_UNSIGNED__
#define CHAR_MIN_ ((char) 0)
#define CHAR_MAX_ ((char) (__SCHAR_MAX__ * 2 + 1))
#else
#define CHAR_MIN_ ((char) (-__SCHAR_MAX__ - 1))
#define CHAR_MAX_ ((char) __SCHAR_MAX__)
#endif

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

/* `name` (of type T) from start value `s`, then `op` with operand `a`. */
#define CHECK_OPERAND(name, T, s, a)                                           \
	do {                                                                   \
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

/*
 * Operands: every integer type at its limits, and small values. Each type's
 * values go through one function per variable type (code size: bare-metal
 * images with UBSan must stay small).
 */
static const int8_t ops_s8[] = {INT8_MIN, INT8_MAX, 0, 1, -1};
static const uint8_t ops_u8[] = {UINT8_MAX, 1};
static const int16_t ops_s16[] = {INT16_MIN, INT16_MAX};
static const uint16_t ops_u16[] = {UINT16_MAX};
static const int32_t ops_s32[] = {INT32_MIN, INT32_MAX, 0, 1, -1, 'a'};
static const uint32_t ops_u32[] = {UINT32_MAX, 0x80000000u, 1};
static const int64_t ops_s64[] = {INT64_MIN, INT64_MAX, -1};
static const uint64_t ops_u64[] = {UINT64_MAX, (uint64_t) 1 << 63};
static const _Bool ops_bool[] = {0, 1};

#define EACH_OPERAND_TYPE(F, name, T)                                          \
	F(name, T, s8, int8_t)                                                 \
	F(name, T, u8, uint8_t)                                                \
	F(name, T, s16, int16_t)                                               \
	F(name, T, u16, uint16_t)                                              \
	F(name, T, s32, int32_t)                                               \
	F(name, T, u32, uint32_t)                                              \
	F(name, T, s64, int64_t)                                               \
	F(name, T, u64, uint64_t)                                              \
	F(name, T, bool, _Bool)

#define DEFINE_CHECK(name, T, oname, O)                                        \
	static __attribute__((noinline)) void check_##name##_##oname(T s, O a) \
	{                                                                      \
		CHECK_OPERAND(name, T, s, a);                                  \
	}
#define CALL_CHECKS(name, T, oname, O)                                         \
	for (j = 0; j < sizeof(ops_##oname) / sizeof(ops_##oname[0]); j++)     \
		check_##name##_##oname(s, ops_##oname[j]);

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

/*
 * check_type_NAME(): every start value at and next to T's limits, against
 * every operand.
 */
#define DEFINE_TYPE(name, T, min, max)                                         \
	EACH_OPERAND_TYPE(DEFINE_CHECK, name, T)                               \
	static void check_type_##name(void)                                    \
	{                                                                      \
		const T starts[] = {(min), (T) ((min) + 1), (T) -1, 0,         \
				    1,	   (T) ((max) -1),  (max)};            \
		unsigned int i, j;                                             \
		for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {     \
			T s = starts[i];                                       \
			EACH_OPERAND_TYPE(CALL_CHECKS, name, T)                \
			CHECK_INC_DEC(name, T, s);                             \
		}                                                              \
	}

DEFINE_TYPE(x_s8, int8_t, INT8_MIN, INT8_MAX)
DEFINE_TYPE(x_u8, uint8_t, 0, UINT8_MAX)
DEFINE_TYPE(x_char, char, CHAR_MIN_, CHAR_MAX_)
DEFINE_TYPE(x_s16, int16_t, INT16_MIN, INT16_MAX)
DEFINE_TYPE(x_u16, uint16_t, 0, UINT16_MAX)
DEFINE_TYPE(x_s32, int32_t, INT32_MIN, INT32_MAX)
DEFINE_TYPE(x_u32, uint32_t, 0, UINT32_MAX)
DEFINE_TYPE(x_s64, int64_t, INT64_MIN, INT64_MAX)
DEFINE_TYPE(x_u64, uint64_t, 0, UINT64_MAX)
DEFINE_TYPE(x_long, long, LONG_MIN_, LONG_MAX_)

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
	check_type_x_s8();
	check_type_x_u8();
	check_type_x_char();
	PT_EXPECT_EQ(mismatches, 0);
}

PTEST(extreme_values_16_bit)
{
	PT_ASSERT_EQ(setup(), 0);
	check_type_x_s16();
	check_type_x_u16();
	PT_EXPECT_EQ(mismatches, 0);
}

PTEST(extreme_values_32_bit)
{
	PT_ASSERT_EQ(setup(), 0);
	check_type_x_s32();
	check_type_x_u32();
	PT_EXPECT_EQ(mismatches, 0);
}

PTEST(extreme_values_64_bit)
{
	PT_ASSERT_EQ(setup(), 0);
	check_type_x_s64();
	check_type_x_u64();
	check_type_x_long();
	PT_EXPECT_EQ(mismatches, 0);
}
