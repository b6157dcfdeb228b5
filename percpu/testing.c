/* Test-only entry points (percpu_testing.h); never linked into a kernel. */
#include "percpu/percpu_testing.h"

#include "percpu/internal.h"

void percpu_test_reset(void)
{
	unsigned int i;

	__atomic_store_n(&percpu_layout.num, 0, __ATOMIC_RELEASE);
	percpu_layout.offset0 = 0;
	percpu_layout.stride = 0;
	percpu_layout.dyn_offset = 0;
	percpu_layout.dyn_size = 0;
	percpu_state.dyn_pending = 0;
	percpu_state.nblocks = 0;
	for (i = 0; i < PERCPU_DYN_MAX_ALLOCS; i++)
		percpu_state.live[i] = PERCPU_HANDLE_NONE;
	__atomic_store_n(&percpu_state.dyn_used, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&percpu_state.lock_word, 0, __ATOMIC_RELEASE);
	percpu_write_reg(0);
	__atomic_store_n(&percpu_state.init, PERCPU_STATE_UNINIT,
			 __ATOMIC_RELEASE);
}
