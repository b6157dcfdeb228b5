/*
 * What the accessors accept, so that the misuse tests cannot pass by the
 * library refusing everything: every operation on 1-, 2-, 4- and 8-byte
 * integers (enums and volatile ones too); read/write/xchg/cmpxchg on
 * pointers and _Bool. This must compile.
 */
#include "percpu/percpu.h"

/*
 * Defines `name` of type T and name_ops(), which writes, reads, exchanges
 * and compare-exchanges it (results to r[0..2]), then does more(name, x).
 */
#define OPS_(name, T, more)                                                    \
	PERCPU_DEFINE(T, name) = 0;                                            \
	void name##_ops(T x, T *r);                                            \
	void name##_ops(T x, T *r)                                             \
	{                                                                      \
		this_cpu_write(name, x);                                       \
		r[0] = this_cpu_read(name);                                    \
		r[1] = this_cpu_xchg(name, x);                                 \
		r[2] = this_cpu_cmpxchg(name, x, r[0]);                        \
		more(name, x);                                                 \
	}
#define ARITH_(name, x)                                                        \
	do {                                                                   \
		this_cpu_add(name, x);                                         \
		this_cpu_sub(name, x);                                         \
		this_cpu_and(name, x);                                         \
		this_cpu_or(name, x);                                          \
		this_cpu_inc(name);                                            \
		this_cpu_dec(name);                                            \
	} while (0)
#define NOTHING_(name, x) ((void) 0)

/* Integers: every operation. */
#define INT_OPS(name, T) OPS_(name, T, ARITH_)
/* Pointers and _Bool: no arithmetic. */
#define ACCESS_OPS(name, T) OPS_(name, T, NOTHING_)

enum colour { RED, GREEN, BLUE };

INT_OPS(i8, int8_t)
INT_OPS(u8, uint8_t)
INT_OPS(i16, int16_t)
INT_OPS(u16, uint16_t)
INT_OPS(i32, int32_t)
INT_OPS(u32, uint32_t)
INT_OPS(i64, int64_t)
INT_OPS(u64, uint64_t)
INT_OPS(uns, unsigned)
INT_OPS(colour, enum colour)
INT_OPS(vol, volatile int)
ACCESS_OPS(ptr, int *)
ACCESS_OPS(flag, _Bool)
