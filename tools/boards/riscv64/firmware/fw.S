/*
 * The riscv64 board's own M-mode firmware, for hart counts OpenSBI 1.1
 * cannot start (it stops at 128). QEMU virt (-bios this) starts every hart
 * here at once with a0 = hart id, a1 = device tree, a2 = its
 * fw_dynamic_info (the next stage's address). Each hart opens all memory to
 * S-mode (one PMP entry), delegates every exception S-mode can take and the
 * supervisor interrupts, lets S-mode read `time` and use stimecmp (Sstc),
 * and enters the next stage in HS-mode with a0 and a1 unchanged: every hart
 * arrives at the image's entry, where the board's hart lottery picks the
 * boot hart and parks the others until they are handed their index.
 *
 * SBI: none. An ecall from S-mode answers the base extension's
 * probe_extension with 0 (not available) and everything else with
 * SBI_ERR_NOT_SUPPORTED; any other trap into M-mode, or a next stage QEMU
 * did not describe, ends the run with a failure through the SiFive test
 * device (fw_fail; no test reaches it: the board's runs do neither).
 */

#define FW_DYNAMIC_INFO_MAGIC 0x4942534f /* "OSBI" */
#define FW_DYNAMIC_INFO_NEXT_ADDR 16

#define CSR_MENVCFG 0x30a
#define MSTATUS_MPP_MASK (3 << 11)
#define MSTATUS_MPP_S (1 << 11)
/* Every exception but the ecalls from S and M: misaligned and access
 * faults, illegal instruction, breakpoint, ecall from VS, page faults,
 * guest page faults, virtual instruction. */
#define MEDELEG 0xf0b5ff
/* SSI, STI, SEI (and with H the VS ones and SGEI, read-only one). */
#define MIDELEG 0x1666
#define PMP_NAPOT_RWX 0x1f
#define MCAUSE_ECALL_FROM_S 9

#define SBI_EXT_BASE 0x10
#define SBI_BASE_PROBE_EXTENSION 3
#define SBI_ERR_NOT_SUPPORTED (-2)

/* QEMU virt's SiFive test device: FAIL with code 2 (a trap). */
#define TEST_BASE 0x100000
#define TEST_FAIL_TRAP ((2 << 16) | 0x3333)

	.section .text.entry, "ax"
	.global _fw_start
_fw_start:
	/* First, so that a trap in what follows is reported too. */
	lla	t0, fw_trap
	csrw	mtvec, t0

	/* All memory, every permission, for S-mode and U-mode. */
	li	t0, -1
	csrw	pmpaddr0, t0
	li	t0, PMP_NAPOT_RWX
	csrw	pmpcfg0, t0

	li	t0, MEDELEG
	csrw	medeleg, t0
	li	t0, MIDELEG
	csrw	mideleg, t0
	csrw	mie, zero
	li	t0, 7		/* cycle, time, instret */
	csrw	mcounteren, t0
	li	t0, 1
	slli	t0, t0, 63	/* menvcfg.STCE: stimecmp for S-mode */
	csrs	CSR_MENVCFG, t0

	/* mret to the next stage in S-mode (MPV clear: HS). */
	li	t0, MSTATUS_MPP_MASK
	csrc	mstatus, t0
	li	t0, MSTATUS_MPP_S
	csrs	mstatus, t0
	lwu	t0, 0(a2)
	li	t1, FW_DYNAMIC_INFO_MAGIC
	bne	t0, t1, fw_fail
	ld	t0, FW_DYNAMIC_INFO_NEXT_ADDR(a2)
	csrw	mepc, t0
	li	a2, 0
	mret

/* Clobbers only a0 and a1, which SBI returns in. */
	.balign	4
fw_trap:
	csrr	a0, mcause
	li	a1, MCAUSE_ECALL_FROM_S
	bne	a0, a1, fw_fail
	csrr	a0, mepc
	addi	a0, a0, 4
	csrw	mepc, a0
	li	a0, SBI_ERR_NOT_SUPPORTED
	li	a1, SBI_EXT_BASE
	bne	a7, a1, 1f
	li	a1, SBI_BASE_PROBE_EXTENSION
	bne	a6, a1, 1f
	li	a0, 0
1:	li	a1, 0
	mret

fw_fail:
	li	a0, TEST_BASE
	li	a1, TEST_FAIL_TRAP
	sw	a1, 0(a0)
2:	wfi
	j	2b
