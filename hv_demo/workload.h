/*
 * The computation every demo guest performs, one STEP hypercall per step,
 * and what the hypervisor replies. Pure functions: guests call them at their
 * own privilege level, the hypervisor to check the results.
 */
#ifndef HV_DEMO_WORKLOAD_H
#define HV_DEMO_WORKLOAD_H

#include <stdint.h>

/** 64-bit finaliser (MurmurHash3 fmix64). */
static inline uint64_t hv_work_mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	x ^= x >> 33;
	return x;
}

/** A guest's accumulator before step 0. */
static inline uint64_t hv_work_seed(uint64_t id)
{
	return hv_work_mix64(0x6876646d6fULL + id); /* "hvdmo" */
}

/** The hypervisor's reply to STEP(i) from vCPU `id`. */
static inline uint64_t hv_work_reply(uint64_t id, uint64_t i)
{
	return hv_work_mix64((id << 32) ^ i ^ 0x5265706c79ULL); /* "Reply" */
}

/**
 * Mixing rounds per step: enough guest work between hypercalls for the
 * hypervisor's timer to preempt guests in the middle of it.
 */
#define HV_WORK_ROUNDS 4000

/** The accumulator after step `i`, given the hypervisor's reply. */
static inline uint64_t hv_work_step(uint64_t acc, uint64_t i, uint64_t reply)
{
	unsigned int r;

	acc ^= reply + i;
	for (r = 0; r < HV_WORK_ROUNDS; r++)
		acc = hv_work_mix64(acc + r);
	return acc;
}

/**
 * Value a guest puts in register `reg` (0, 1, 2: one per register it
 * clobbers) before step `i`.
 */
static inline uint64_t hv_work_tag(uint64_t id, uint64_t i, unsigned int reg)
{
	return hv_work_mix64((id << 40) ^ (i << 8) ^ reg ^ 0x546167ULL);
}

#endif /* HV_DEMO_WORKLOAD_H */
