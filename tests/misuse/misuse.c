/*
 * One misuse of a per-CPU accessor, which must not compile. The case is
 * picked by two -D flags (see BUILD): the variable's type (T_DOUBLE, ...) and
 * the operation on it (OP_ADD, ...).
 */
#include "percpu/percpu.h"

#if defined(T_INT)
typedef int T;
#elif defined(T_DOUBLE)
typedef double T;
#elif defined(T_FLOAT)
typedef float T;
#elif defined(T_INT128)
__extension__ typedef __int128 T;
#elif defined(T_POINTER)
typedef int *T;
#elif defined(T_BOOL)
typedef _Bool T;
#elif defined(T_CONST)
typedef const int T;
#else
#error "misuse.c: no T_* case selected"
#endif

PERCPU_DEFINE(T, v) = 0;

void misuse(void);
void misuse(void)
{
#if defined(OP_ADD)
	this_cpu_add(v, 1);
#elif defined(OP_SUB)
	this_cpu_sub(v, 1);
#elif defined(OP_AND)
	this_cpu_and(v, 1);
#elif defined(OP_OR)
	this_cpu_or(v, 1);
#elif defined(OP_INC)
	this_cpu_inc(v);
#elif defined(OP_DEC)
	this_cpu_dec(v);
#elif defined(OP_ADD_DOUBLE_OPERAND)
	this_cpu_add(v, 1.5);
#elif defined(OP_SUB_POINTER_OPERAND)
	static int x;
	raw_cpu_sub(v, &x);
#elif defined(OP_READ)
	(void) this_cpu_read(v);
#elif defined(OP_WRITE)
	this_cpu_write(v, (T) 0);
#elif defined(OP_XCHG)
	(void) this_cpu_xchg(v, (T) 0);
#elif defined(OP_CMPXCHG)
	(void) this_cpu_cmpxchg(v, (T) 0, (T) 0);
#else
#error "misuse.c: no OP_* case selected"
#endif
}
