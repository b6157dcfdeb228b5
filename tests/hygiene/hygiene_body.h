/*
 * Consumer hygiene: every public macro and function of percpu.h and
 * pervcpu.h (and percpu_vmx.h and percpu_svm.h on x86_64), on every width,
 * signedness, qualifier and kind the accessors take, nested, with caller
 * variables named like every identifier the macros use (or used)
 * internally. A macro that declared one of them would shadow the caller's
 * (-Wshadow, an error here: tests/hygiene/BUILD) and compute with the wrong
 * value (the checks below).
 *
 * Included by hygiene.c (C11), hygiene.cc (C++17) and hygiene_variant.c
 * (the far and preemption-hook forms); HYG_LANG names each one's variables
 * and cases apart.
 */
#include <stddef.h>
#include <stdint.h>

#include "percpu/percpu.h"
#include "percpu/pervcpu.h"
#include "tests/harness/ptest.h"
#ifdef HYG_VMX
#include "percpu_svm.h"
#include "percpu_vmx.h"
#endif

#ifdef __cplusplus
#define HYG_BOOL bool
#else
#define HYG_BOOL _Bool
#endif

#define HYG_CAT3_(a, b, c) a##b##c
#define HYG_CAT3(a, b, c) HYG_CAT3_(a, b, c)
/** This file's name for variable `n`: hyg_<lang>_n (no clash at link). */
#define V(n) HYG_CAT3(hyg_, HYG_LANG, _##n)
#define HYG_CASE__(lang, n) PTEST(hygiene_##lang##_##n)
#define HYG_CASE_(lang, n) HYG_CASE__(lang, n)
#define HYG_CASE(n) HYG_CASE_(HYG_LANG, n)

/*
 * X(name, value): the caller names, each with a distinct value (1..127).
 * The accessors' temporaries as they were named before they moved to
 * reserved identifiers, every backend's locals, the short names older
 * versions used, and the macros' parameter names.
 */
#ifdef __cplusplus
#define HYG_NAMES_C_ONLY(X)
#else
#define HYG_NAMES_C_ONLY(X) X(new, 66)
#endif
#define HYG_NAMES(X)                                                           \
	X(percpu_arg_0, 1)                                                     \
	X(percpu_arg_1, 2)                                                     \
	X(percpu_arg_2, 3)                                                     \
	X(percpu_arg_3, 4)                                                     \
	X(percpu_arg_4, 5)                                                     \
	X(percpu_arg_5, 6)                                                     \
	X(percpu_guarded_r_, 7)                                                \
	X(percpu_cx_old_, 8)                                                   \
	X(arch_a64_t_, 9)                                                      \
	X(arch_a64_v_, 10)                                                     \
	X(arch_a64_b_, 11)                                                     \
	X(arch_a64_s_, 12)                                                     \
	X(arch_a64_r_, 13)                                                     \
	X(arch_a64_w_, 14)                                                     \
	X(arch_a64_p_, 15)                                                     \
	X(arch_a64_o_, 16)                                                     \
	X(arch_a64_n_, 17)                                                     \
	X(arch_x86_p_, 18)                                                     \
	X(arch_x86_v_, 19)                                                     \
	X(arch_x86_o_, 20)                                                     \
	X(arch_rv_ptr_, 21)                                                    \
	X(arch_rv_r_, 22)                                                      \
	X(arch_rv_t_, 23)                                                      \
	X(arch_rv_w_, 24)                                                      \
	X(arch_rv_v_, 25)                                                      \
	X(arch_rv_p_, 26)                                                      \
	X(arch_rv_o_, 27)                                                      \
	X(arch_rv_n_, 28)                                                      \
	X(arch_rv_o32_, 29)                                                    \
	X(o_, 30)                                                              \
	X(r_, 31)                                                              \
	X(p_, 32)                                                              \
	X(v_, 33)                                                              \
	X(t_, 34)                                                              \
	X(b_, 35)                                                              \
	X(s_, 36)                                                              \
	X(w_, 37)                                                              \
	X(n_, 38)                                                              \
	X(old_, 39)                                                            \
	X(new_, 40)                                                            \
	X(ret_, 41)                                                            \
	X(tmp_, 42)                                                            \
	X(val_, 43)                                                            \
	X(ptr_, 44)                                                            \
	X(tmp, 45)                                                             \
	X(tmp_old, 46)                                                         \
	X(tmp_new, 47)                                                         \
	X(ret, 48)                                                             \
	X(val, 49)                                                             \
	X(var, 50)                                                             \
	X(v, 51)                                                               \
	X(old, 52)                                                             \
	X(name, 53)                                                            \
	X(expr, 54)                                                            \
	X(stmt, 55)                                                            \
	X(cpu, 56)                                                             \
	X(handle, 57)                                                          \
	X(area, 58)                                                            \
	X(base, 59)                                                            \
	X(offset, 60)                                                          \
	X(sym, 61)                                                             \
	X(insn, 62)                                                            \
	X(op, 63)                                                              \
	X(x, 64)                                                               \
	X(r, 65)                                                               \
	HYG_NAMES_C_ONLY(X)

/** Expects a == b, both converted to T (compared as 64-bit values). */
#define HYG_EQ(T, a, b) PT_CHECK_((T) (a), (T) (b), #a " == " #b, (void) 0)

/*
 * Every operation with a value argument, on integer per-CPU variable `var`
 * of (unqualified) type T, with the caller's a and b (a != b) as values.
 */
#define HYG_INT_OPS(T, var, a, b)                                              \
	do {                                                                   \
		this_cpu_write(var, a);                                        \
		HYG_EQ(T, this_cpu_read(var), a);                              \
		this_cpu_add(var, b);                                          \
		HYG_EQ(T, this_cpu_read(var), a + b);                          \
		this_cpu_sub(var, a);                                          \
		HYG_EQ(T, this_cpu_read(var), b);                              \
		this_cpu_or(var, a);                                           \
		HYG_EQ(T, this_cpu_read(var), a | b);                          \
		this_cpu_and(var, a);                                          \
		HYG_EQ(T, this_cpu_read(var), a);                              \
		this_cpu_dec(var);                                             \
		HYG_EQ(T, this_cpu_read(var), a - 1);                          \
		this_cpu_inc(var);                                             \
		HYG_EQ(T, this_cpu_xchg(var, b), a);                           \
		HYG_EQ(T, this_cpu_cmpxchg(var, a, a), b);                     \
		HYG_EQ(T, this_cpu_cmpxchg(var, b, a), b);                     \
		HYG_EQ(T, this_cpu_read(var), a);                              \
		raw_cpu_write(var, b);                                         \
		HYG_EQ(T, raw_cpu_read(var), b);                               \
		raw_cpu_add(var, a);                                           \
		HYG_EQ(T, raw_cpu_read(var), a + b);                           \
		raw_cpu_sub(var, b);                                           \
		HYG_EQ(T, raw_cpu_read(var), a);                               \
		raw_cpu_or(var, b);                                            \
		HYG_EQ(T, raw_cpu_read(var), a | b);                           \
		raw_cpu_and(var, b);                                           \
		HYG_EQ(T, raw_cpu_read(var), b);                               \
		raw_cpu_inc(var);                                              \
		HYG_EQ(T, raw_cpu_read(var), b + 1);                           \
		raw_cpu_dec(var);                                              \
		HYG_EQ(T, raw_cpu_xchg(var, a), b);                            \
		HYG_EQ(T, raw_cpu_cmpxchg(var, b, b), a);                      \
		HYG_EQ(T, raw_cpu_cmpxchg(var, a, b), a);                      \
		HYG_EQ(T, *this_cpu_ptr(var), b);                              \
		HYG_EQ(T, *raw_cpu_ptr(var), b);                               \
		HYG_EQ(T, *per_cpu_ptr(var, 0u), b);                           \
	} while (0)

/* read/write/xchg/cmpxchg: pointers and bool. */
#define HYG_ACCESS_OPS(T, var, a, b)                                           \
	do {                                                                   \
		this_cpu_write(var, a);                                        \
		HYG_EQ(T, this_cpu_read(var), a);                              \
		HYG_EQ(T, this_cpu_xchg(var, b), a);                           \
		HYG_EQ(T, this_cpu_cmpxchg(var, a, a), b);                     \
		HYG_EQ(T, this_cpu_cmpxchg(var, b, a), b);                     \
		raw_cpu_write(var, b);                                         \
		HYG_EQ(T, raw_cpu_read(var), b);                               \
		HYG_EQ(T, raw_cpu_xchg(var, a), b);                            \
		HYG_EQ(T, raw_cpu_cmpxchg(var, b, b), a);                      \
		HYG_EQ(T, raw_cpu_cmpxchg(var, a, b), a);                      \
		HYG_EQ(T, *this_cpu_ptr(var), b);                              \
		HYG_EQ(T, *per_cpu_ptr(var, 0u), b);                           \
	} while (0)

enum hyg_colour { HYG_RED = 1, HYG_GREEN = 2, HYG_BLUE = 0x40 };

struct hyg_pair {
	uint32_t lo, hi;
};

static int hyg_ints[4];

/* Every width, signed and unsigned, qualified or not, every kind. */
PERCPU_DEFINE(int8_t, V(i8)) = 0;
PERCPU_DEFINE(uint8_t, V(u8)) = 0;
PERCPU_DEFINE(char, V(ch)) = 0;
PERCPU_DEFINE(int16_t, V(i16)) = 0;
PERCPU_DEFINE(uint16_t, V(u16)) = 0;
PERCPU_DEFINE(int32_t, V(i32)) = 0;
PERCPU_DEFINE(uint32_t, V(u32)) = 0;
PERCPU_DEFINE(int64_t, V(i64)) = 0;
PERCPU_DEFINE(uint64_t, V(u64)) = 0;
PERCPU_DEFINE(long, V(lng)) = 0;
PERCPU_DEFINE(unsigned long long, V(ull)) = 0;
PERCPU_DEFINE(enum hyg_colour, V(colour)) = HYG_RED;
PERCPU_DEFINE(volatile int8_t, V(vi8)) = 0;
PERCPU_DEFINE(volatile uint16_t, V(vu16)) = 0;
PERCPU_DEFINE(volatile int32_t, V(vi32)) = 0;
PERCPU_DEFINE(volatile uint64_t, V(vu64)) = 0;
PERCPU_DEFINE(volatile enum hyg_colour, V(vcolour)) = HYG_RED;
PERCPU_DEFINE(HYG_BOOL, V(flag)) = 0;
PERCPU_DEFINE(volatile HYG_BOOL, V(vflag)) = 0;
PERCPU_DEFINE(int *, V(ptr)) = NULL;
PERCPU_DEFINE(const int *, V(cptr)) = NULL;
PERCPU_DEFINE(volatile int *, V(vptr)) = NULL;
PERCPU_DEFINE(int *volatile, V(ptrv)) = NULL;
PERCPU_DEFINE(struct hyg_pair, V(pair)) = {1, 2};
PERCPU_DEFINE(uint16_t[3], V(array)) = {4, 5, 6};
PERCPU_DEFINE(volatile struct hyg_pair, V(vpair)) = {7, 8};
/* Declared again, as a header would. */
PERCPU_DECLARE(uint32_t, V(u32));
PERCPU_DECLARE(volatile uint64_t, V(vu64));

PERVCPU_DEFINE(uint64_t, V(v_u64)) = 3;
PERVCPU_DEFINE(volatile int16_t, V(v_vi16)) = -3;
PERVCPU_DEFINE(struct hyg_pair, V(v_pair)) = {9, 10};
PERVCPU_DECLARE(uint64_t, V(v_u64));

/** Per-CPU areas in ptest_memory, 64 bytes of dynamic region, on CPU 0. */
static int hyg_setup(void)
{
	unsigned int n = ARCH_PERCPU_SINGLE ? 1 : 2;

	PT_CHECK(percpu_set_dyn_size(64), 0, return -1);
	/* The second half holds a vCPU area. */
	PT_CHECK(percpu_required_size(n) <= sizeof(ptest_memory) / 2, 1,
		 return -1);
	PT_CHECK(percpu_init(ptest_memory, n), (int) n, return -1);
	PT_CHECK(percpu_init_cpu(0), 0, return -1);
	return 0;
}

/*
 * Steps of HYG_NAME_OPS: `op` on the variable, `by_hand` on hyg_x, then both
 * values (and what the operation returned, if anything) mixed into hyg_got
 * and hyg_want, so that every step's outcome is compared.
 */
#define HYG_MIX_(var)                                                          \
	do {                                                                   \
		hyg_got = hyg_got * 31u + raw_cpu_read(var);                   \
		hyg_want = hyg_want * 31u + hyg_x;                             \
	} while (0)
#define HYG_STEP_(var, op, by_hand)                                            \
	do {                                                                   \
		op;                                                            \
		by_hand;                                                       \
		HYG_MIX_(var);                                                 \
	} while (0)
#define HYG_RET_(var, op, old, by_hand)                                        \
	do {                                                                   \
		hyg_got = hyg_got * 31u + (op);                                \
		hyg_want = hyg_want * 31u + (old);                             \
		by_hand;                                                       \
		HYG_MIX_(var);                                                 \
	} while (0)

/*
 * Every operation that takes a value, on uint16_t variable `var`, with the
 * caller's `a` (a caller name) and `b` (a != b) as the values.
 */
#define HYG_NAME_OPS(var, a, b)                                                \
	do {                                                                   \
		uint16_t hyg_x = 0;                                            \
		uint32_t hyg_got = 0, hyg_want = 0;                            \
		HYG_STEP_(var, this_cpu_write(var, a), hyg_x = a);             \
		HYG_STEP_(var, this_cpu_add(var, a),                           \
			  hyg_x = (uint16_t) (hyg_x + a));                     \
		HYG_STEP_(var, this_cpu_sub(var, b),                           \
			  hyg_x = (uint16_t) (hyg_x - b));                     \
		HYG_STEP_(var, this_cpu_or(var, a), hyg_x |= a);               \
		HYG_STEP_(var, this_cpu_and(var, b), hyg_x &= b);              \
		HYG_RET_(var, this_cpu_xchg(var, a), hyg_x, hyg_x = a);        \
		HYG_RET_(var, this_cpu_cmpxchg(var, a, b), a, hyg_x = b);      \
		HYG_RET_(var, this_cpu_cmpxchg(var, a, a), b, (void) 0);       \
		HYG_STEP_(var, raw_cpu_write(var, a), hyg_x = a);              \
		HYG_STEP_(var, raw_cpu_add(var, b),                            \
			  hyg_x = (uint16_t) (hyg_x + b));                     \
		HYG_STEP_(var, raw_cpu_sub(var, a),                            \
			  hyg_x = (uint16_t) (hyg_x - a));                     \
		HYG_STEP_(var, raw_cpu_or(var, a), hyg_x |= a);                \
		HYG_STEP_(var, raw_cpu_and(var, a), hyg_x &= a);               \
		HYG_RET_(var, raw_cpu_xchg(var, b), hyg_x, hyg_x = b);         \
		HYG_RET_(var, raw_cpu_cmpxchg(var, b, a), b, hyg_x = a);       \
		HYG_RET_(var, raw_cpu_cmpxchg(var, b, b), a, (void) 0);        \
		PT_CHECK_(hyg_got, hyg_want, #a " as every value", (void) 0);  \
	} while (0)

#ifndef HYG_VARIANT
/* Each caller name as a local, all in scope together, as every value. */
#define HYG_LOCAL(name, value) const uint16_t name = (uint16_t) (value);
#define HYG_LOCAL_OPS(name, value) HYG_NAME_OPS(V(u16), name, partner);
HYG_CASE(caller_locals_are_not_captured)
{
	const uint16_t partner = 0x5a5a;
	HYG_NAMES(HYG_LOCAL)

	PT_ASSERT_EQ(hyg_setup(), 0);
	HYG_NAMES(HYG_LOCAL_OPS)
}
#endif

HYG_CASE(every_width_kind_and_qualifier)
{
	const int8_t i8a = -100, i8b = 27;
	const uint8_t u8a = 0xf0, u8b = 0x0f;
	const char cha = 'a', chb = 'Z';
	volatile int16_t i16a = -30000, i16b = 1234;
	volatile uint16_t u16a = 0xfedc, u16b = 0x1357;
	const volatile int32_t i32a = -2000000000, i32b = 123456;
	const uint32_t u32a = 0xdeadbeefu, u32b = 0x01020304u;
	const int64_t i64a = -5000000000ll, i64b = 0x123456789ll;
	const uint64_t u64a = 0xfedcba9876543210ull;
	const uint64_t u64b = 0x0f0f0f0f0f0f0f0full;
	const long lnga = -7, lngb = 1L << 20; /* long is 32-bit on armv7 */
	const unsigned long long ulla = ~0ull, ullb = 12;
	const enum hyg_colour cola = HYG_GREEN, colb = HYG_BLUE;
	const HYG_BOOL fa = 1, fb = 0;
	int *const pa = &hyg_ints[1], *const pb = &hyg_ints[2];
	const int *const cpa = &hyg_ints[3], *const cpb = &hyg_ints[0];
	volatile int *const vpa = &hyg_ints[0], *const vpb = &hyg_ints[3];

	PT_ASSERT_EQ(hyg_setup(), 0);
	HYG_INT_OPS(int8_t, V(i8), i8a, i8b);
	HYG_INT_OPS(uint8_t, V(u8), u8a, u8b);
	HYG_INT_OPS(char, V(ch), cha, chb);
	HYG_INT_OPS(int16_t, V(i16), i16a, i16b);
	HYG_INT_OPS(uint16_t, V(u16), u16a, u16b);
	HYG_INT_OPS(int32_t, V(i32), i32a, i32b);
	HYG_INT_OPS(uint32_t, V(u32), u32a, u32b);
	HYG_INT_OPS(int64_t, V(i64), i64a, i64b);
	HYG_INT_OPS(uint64_t, V(u64), u64a, u64b);
	HYG_INT_OPS(long, V(lng), lnga, lngb);
	HYG_INT_OPS(unsigned long long, V(ull), ulla, ullb);
	HYG_INT_OPS(enum hyg_colour, V(colour), cola, colb);
	HYG_INT_OPS(int8_t, V(vi8), i8b, i8a);
	HYG_INT_OPS(uint16_t, V(vu16), u16b, u16a);
	HYG_INT_OPS(int32_t, V(vi32), i32b, i32a);
	HYG_INT_OPS(uint64_t, V(vu64), u64b, u64a);
	HYG_INT_OPS(enum hyg_colour, V(vcolour), colb, cola);
	HYG_ACCESS_OPS(HYG_BOOL, V(flag), fa, fb);
	HYG_ACCESS_OPS(HYG_BOOL, V(vflag), fb, fa);
	/* A stored `true` is the byte 1 (clang made it 0xff on x86_64). */
	this_cpu_write(V(flag), 1);
	raw_cpu_write(V(vflag), fa);
	HYG_EQ(unsigned, *(const volatile uint8_t *) this_cpu_ptr(V(flag)), 1);
	HYG_EQ(unsigned, *(const volatile uint8_t *) this_cpu_ptr(V(vflag)), 1);
	HYG_ACCESS_OPS(int *, V(ptr), pa, pb);
	HYG_ACCESS_OPS(const int *, V(cptr), cpa, cpb);
	HYG_ACCESS_OPS(volatile int *, V(vptr), vpa, vpb);
	HYG_ACCESS_OPS(int *, V(ptrv), pb, pa);
	/* Structs and arrays: the pointers. */
	this_cpu_ptr(V(pair))->hi = 20;
	(*raw_cpu_ptr(V(array)))[2] = 21;
	per_cpu_ptr(V(vpair), 0u)->lo = 22;
	HYG_EQ(uint32_t, per_cpu_ptr(V(pair), 0u)->hi, 20);
	HYG_EQ(uint16_t, (*per_cpu_ptr(V(array), 0u))[2], 21);
	HYG_EQ(uint32_t, this_cpu_ptr(V(vpair))->lo, 22);
	HYG_EQ(uint32_t, raw_cpu_ptr(V(vpair))->hi, 8);
}

HYG_CASE(nested_operations)
{
	PT_ASSERT_EQ(hyg_setup(), 0);
	this_cpu_write(V(u8), 5);
	this_cpu_write(V(i16), -7);
	this_cpu_write(V(u16), 40);
	this_cpu_write(V(u64), 100);
	this_cpu_add(V(u64), this_cpu_read(V(u8)));
	HYG_EQ(uint64_t, this_cpu_read(V(u64)), 105);
	this_cpu_write(V(i32), this_cpu_xchg(V(i16), this_cpu_read(V(u8))));
	HYG_EQ(int32_t, this_cpu_read(V(i32)), -7);
	HYG_EQ(int16_t, this_cpu_read(V(i16)), 5);
	HYG_EQ(uint64_t,
	       this_cpu_cmpxchg(
		       V(u64), this_cpu_read(V(u64)),
		       this_cpu_xchg(V(u8), this_cpu_read(V(i16)) + 1)),
	       105);
	HYG_EQ(uint64_t, this_cpu_read(V(u64)), 5);
	HYG_EQ(uint8_t, this_cpu_read(V(u8)), 6);
	raw_cpu_add(V(u32), raw_cpu_xchg(V(u16), raw_cpu_cmpxchg(V(u8), 6, 9)));
	HYG_EQ(uint32_t, raw_cpu_read(V(u32)), 40);
	HYG_EQ(uint16_t, raw_cpu_read(V(u16)), 6);
	HYG_EQ(uint8_t, raw_cpu_read(V(u8)), 9);
	this_cpu_write(
		V(u64),
		this_cpu_xchg(V(u32),
			      this_cpu_xchg(V(u16),
					    this_cpu_xchg(V(u8),
							  this_cpu_read(V(i8)) +
								  1))));
	HYG_EQ(uint64_t, this_cpu_read(V(u64)), 40);
	HYG_EQ(uint32_t, this_cpu_read(V(u32)), 6);
	HYG_EQ(uint16_t, this_cpu_read(V(u16)), 9);
	HYG_EQ(uint8_t, this_cpu_read(V(u8)), 1);
	this_cpu_sub(V(vi32), this_cpu_read(V(vu16)) + this_cpu_read(V(u8)));
	HYG_EQ(int32_t, this_cpu_read(V(vi32)), -1);
	this_cpu_write(V(flag), this_cpu_read(V(u8)) == 1);
	HYG_EQ(HYG_BOOL, this_cpu_read(V(flag)), 1);
	this_cpu_write(V(ptr), per_cpu_ptr(V(i32), this_cpu_read(V(u8)) - 1u));
	HYG_EQ(int *, this_cpu_read(V(ptr)), per_cpu_ptr(V(i32), 0u));
	HYG_EQ(int, *this_cpu_read(V(ptr)), -7);
	this_cpu_or(V(u64), *per_cpu_ptr(V(u8), this_cpu_read(V(u8)) - 1u));
	HYG_EQ(uint64_t, this_cpu_read(V(u64)), 41);
}

static unsigned int hyg_calls;

/** `value`, counting the calls. */
static uint32_t hyg_counted(uint32_t value)
{
	hyg_calls++;
	return value;
}

/** Runs `stmt`, expecting hyg_counted() to be called `n` times. */
#define HYG_CALLS(n, stmt)                                                     \
	do {                                                                   \
		hyg_calls = 0;                                                 \
		stmt;                                                          \
		PT_EXPECT_EQ(hyg_calls, n);                                    \
	} while (0)

HYG_CASE(arguments_are_evaluated_once)
{
	void *area = ptest_memory + sizeof(ptest_memory) / 2;

	PT_ASSERT_EQ(hyg_setup(), 0);
	HYG_CALLS(1, this_cpu_write(V(u32), hyg_counted(10)));
	HYG_CALLS(1, this_cpu_add(V(u32), hyg_counted(1)));
	HYG_CALLS(1, this_cpu_sub(V(u32), hyg_counted(2)));
	HYG_CALLS(1, this_cpu_and(V(u32), hyg_counted(0xff)));
	HYG_CALLS(1, this_cpu_or(V(u32), hyg_counted(0x100)));
	HYG_CALLS(1, (void) this_cpu_xchg(V(u32), hyg_counted(3)));
	HYG_CALLS(2, (void) this_cpu_cmpxchg(V(u32), hyg_counted(3),
					     hyg_counted(4)));
	HYG_CALLS(1, raw_cpu_write(V(u8), hyg_counted(10)));
	HYG_CALLS(1, raw_cpu_add(V(u8), hyg_counted(1)));
	HYG_CALLS(1, raw_cpu_sub(V(u8), hyg_counted(2)));
	HYG_CALLS(1, raw_cpu_and(V(u8), hyg_counted(0xff)));
	HYG_CALLS(1, raw_cpu_or(V(u8), hyg_counted(0x10)));
	HYG_CALLS(1, (void) raw_cpu_xchg(V(u8), hyg_counted(3)));
	HYG_CALLS(2, (void) raw_cpu_cmpxchg(V(u8), hyg_counted(3),
					    hyg_counted(4)));
	HYG_EQ(uint32_t, this_cpu_read(V(u32)), 4);
	HYG_EQ(uint8_t, this_cpu_read(V(u8)), 4);
	HYG_CALLS(1, (void) per_cpu_ptr(V(u32), hyg_counted(0)));
	HYG_CALLS(1,
		  (void) per_cpu_dyn_ptr(PERCPU_HANDLE_NONE, hyg_counted(0)));
	HYG_CALLS(1, (void) vcpu_ptr(ptest_memory + hyg_counted(0), V(v_u64)));
	PT_ASSERT_EQ(pervcpu_area_init(area), 0);
	PT_ASSERT_EQ(pervcpu_load(area), 0);
	HYG_CALLS(1, this_vcpu_write(V(v_u64), hyg_counted(8)));
	HYG_EQ(uint64_t, this_vcpu_read(V(v_u64)), 8);
	PT_EXPECT_EQ(pervcpu_put(), 0);
}

HYG_CASE(per_vcpu_accessors)
{
	void *area = ptest_memory + sizeof(ptest_memory) / 2;

	PT_ASSERT_EQ(hyg_setup(), 0);
	PT_EXPECT_TRUE(pervcpu_area_align() >= 64);
	PT_EXPECT_TRUE(pervcpu_area_size() >= sizeof(struct hyg_pair));
	PT_ASSERT_EQ(pervcpu_area_init(area), 0);
	PT_EXPECT_EQ(pervcpu_last_cpu(area), PERCPU_CPU_NONE);
	PT_ASSERT_EQ(pervcpu_load(area), 0);
	PT_EXPECT_EQ(pervcpu_current(), area);
	PT_EXPECT_EQ(pervcpu_last_cpu(area), 0);
	HYG_EQ(uint64_t, this_vcpu_read(V(v_u64)), 3);
	HYG_EQ(int16_t, this_vcpu_read(V(v_vi16)), -3);
	this_cpu_write(V(u8), 4);
	this_vcpu_write(V(v_u64),
			this_vcpu_read(V(v_u64)) + this_cpu_read(V(u8)));
	this_vcpu_write(V(v_vi16), -9);
	this_cpu_write(V(i16), this_vcpu_read(V(v_vi16)));
	HYG_EQ(int16_t, this_cpu_read(V(i16)), -9);
	this_vcpu_ptr(V(v_pair))->hi = 11;
	HYG_EQ(uint64_t, *vcpu_ptr(area, V(v_u64)), 7);
	HYG_EQ(uint32_t, vcpu_ptr(area, V(v_pair))->hi, 11);
	HYG_EQ(uint32_t, this_vcpu_ptr(V(v_pair))->lo, 9);
	pervcpu_debug_access(&PERVCPU_SYM(V(v_u64)));
	PT_EXPECT_EQ(pervcpu_put(), 0);
	PT_EXPECT_TRUE(pervcpu_current() == NULL);
}

static void hyg_reporter(const char *line)
{
	(void) line;
}

HYG_CASE(every_function)
{
	unsigned int n = ARCH_PERCPU_SINGLE ? 1 : 2;
	unsigned int c, online = 0, rd;
	percpu_handle_t h;
	percpu_reporter_fn prev;
	uintptr_t reg;

	PT_EXPECT_TRUE(percpu_strerror(-PERCPU_EINVAL) != NULL);
	PT_ASSERT_EQ(hyg_setup(), 0);
	ptest_capture_begin();
	PT_EXPECT_EQ(percpu_init(NULL, 0), -PERCPU_EALREADY);
	PT_EXPECT_EQ(percpu_set_dyn_size(128), -PERCPU_EALREADY);
	PT_EXPECT_TRUE(ptest_captured("already initialised"));
	ptest_capture_end();
	PT_EXPECT_EQ(percpu_dyn_size(), 64);
	PT_EXPECT_TRUE(percpu_area_size() >= sizeof(struct percpu_head));
	PT_EXPECT_TRUE(percpu_area_stride() >= percpu_area_size() + 64);
	PT_EXPECT_EQ(percpu_area_num(), n);
	PT_EXPECT_EQ(percpu_layout.num, n);
	PT_EXPECT_TRUE(percpu_required_align() >= 64);
	PT_EXPECT_TRUE(percpu_required_size(1) >= percpu_area_stride());
	PT_EXPECT_TRUE(percpu_cpu_valid(0));
	PT_EXPECT_TRUE(!percpu_cpu_valid(n));
	PT_EXPECT_TRUE(percpu_area_base(0) != 0);
	PT_EXPECT_EQ(percpu_online_base(0), percpu_area_base(0));
	PT_EXPECT_EQ(percpu_cpu_offset(0),
		     ARCH_PERCPU_SINGLE ? 0
					: percpu_area_base(0) -
						  (uintptr_t) __percpu_start);
	PT_EXPECT_TRUE(percpu_cpu_is_online(0));
	PT_EXPECT_EQ(percpu_next_online(0), 0);
	PT_EXPECT_EQ(percpu_remote_addr((uintptr_t) &PERCPU_SYM(V(u32)), 0),
		     per_cpu_ptr(V(u32), 0));
	PT_EXPECT_EQ(percpu_area_base(0) + PERCPU_OFFSET(V(u32)),
		     per_cpu_ptr(V(u32), 0));
	PT_EXPECT_EQ(percpu_cpu_id(), 0);
	reg = percpu_read_reg();
	PT_EXPECT_EQ(reg, percpu_area_base(0));
	percpu_write_reg(reg);
	PT_EXPECT_EQ(percpu_read_reg(), reg);
	prev = percpu_set_reporter(hyg_reporter);
	PT_EXPECT_TRUE(percpu_set_reporter(prev) == hyg_reporter);

	rd = percpu_hotplug_read_lock();
	percpu_for_each_online_cpu(c)
	{
		online++;
	}
	percpu_hotplug_read_unlock(rd);
	PT_EXPECT_EQ(online, n);

	h = percpu_alloc(16, 8);
	PT_ASSERT_TRUE(h != PERCPU_HANDLE_NONE);
	PT_EXPECT_TRUE(percpu_dyn_used() >= 16);
	*(uint32_t *) this_cpu_dyn_ptr(h) = 7;
	PT_EXPECT_EQ(*(const uint32_t *) per_cpu_dyn_ptr(h, 0u), 7);
	PT_EXPECT_EQ(percpu_this_dyn_ptr(h), this_cpu_dyn_ptr(h));
	PT_EXPECT_EQ(percpu_dyn_remote_ptr(h, 0), per_cpu_dyn_ptr(h, 0u));
	percpu_debug_dyn(h, 1);
	percpu_debug_access(&PERCPU_SYM(V(u32)));
	PT_EXPECT_EQ(percpu_free(h), 0);
	PT_EXPECT_EQ(percpu_check(), 0);
	PT_EXPECT_TRUE(PERCPU_DYN_MAX_ALLOCS > 0 && PERCPU_POISON == 0xdb);

	percpu_preempt_disable();
	percpu_preempt_enable();
	if (ARCH_PERCPU_SINGLE) {
		PT_EXPECT_EQ(percpu_cpu_offline(0), -PERCPU_ENOTSUP);
	} else {
		PT_EXPECT_EQ(percpu_cpu_offline(1), 0);
		PT_EXPECT_TRUE(per_cpu_ptr(V(u32), 1) == NULL);
		PT_EXPECT_EQ(percpu_cpu_online(1), 0);
		PT_EXPECT_TRUE(per_cpu_ptr(V(u32), 1) != NULL);
	}
#ifdef HYG_VMX
	PT_EXPECT_EQ(percpu_vmx_host_gs_base(), percpu_cpu_offset(0));
	PT_EXPECT_EQ(PERCPU_VMCS_HOST_GS_BASE + PERCPU_VMCS_GUEST_GS_BASE +
			     PERCPU_MSR_KERNEL_GS_BASE,
		     0x6c08u + 0x6810u + 0xc0000102u);
	{
		/* A host area whose VMSAVE captured this pCPU's offset. */
		static uint64_t V(svm_area)[PERCPU_SVM_VMCB_GS_BASE / 8 + 1];

		V(svm_area)[PERCPU_SVM_VMCB_GS_BASE / 8] = percpu_cpu_offset(0);
		PT_EXPECT_EQ(percpu_svm_saved_gs_base(V(svm_area)),
			     percpu_cpu_offset(0));
	}
	PT_EXPECT_EQ(sizeof(struct percpu_svm_host), 8192);
	PT_EXPECT_EQ(__alignof__(struct percpu_svm_host), 4096);
	PT_EXPECT_EQ(offsetof(struct percpu_svm_host, vmsave), 4096);
	PT_EXPECT_EQ(PERCPU_MSR_VM_HSAVE_PA + PERCPU_SVM_VMCB_KERNEL_GS_BASE,
		     0xc0010117u + 0x620u);
#endif
}

#ifndef HYG_VARIANT
/*
 * Last (no code after them may reuse the names): the caller names as
 * globals, which every macro local would shadow.
 */
#define HYG_GLOBAL(name, value)                                                \
	static volatile uint16_t name = (uint16_t) (value);
#define HYG_GLOBAL_OPS(name, value) HYG_NAME_OPS(V(u16), name, hyg_partner);
static volatile uint16_t hyg_partner = 0x5a5a;
HYG_NAMES(HYG_GLOBAL)

HYG_CASE(caller_globals_are_not_captured)
{
	PT_ASSERT_EQ(hyg_setup(), 0);
	HYG_NAMES(HYG_GLOBAL_OPS)
}
#endif
