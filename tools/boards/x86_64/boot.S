/*
 * x86_64 test platform boot code. One image boots two ways:
 *  - QEMU -kernel: the multiboot header (a.out kludge: load addresses in the
 *    header, so no ELF64 is involved) enters entry32 in protected mode;
 *  - a disk (Bochs): the BIOS runs the boot sector at 0x7c00, which loads the
 *    image with INT 13h AH=42h a chunk at a time into BOOT_BUFFER, copies
 *    each chunk to its place from IMAGE_BASE up (unreal mode), enters
 *    protected mode and jumps to entry32.
 * entry32 clears .bss, builds identity-mapped page tables (4 GiB: 2 MiB pages,
 * the first 2 MiB in 4 KiB pages) and enters long mode. Application
 * processors come through the real-mode trampoline (copied to
 * TRAMPOLINE_ADDR) and share the long-mode switch.
 * Everything but the boot sector runs where it is linked (IMAGE_BASE up).
 */
#include "tools/boards/x86_64/x86.h"

#define MB_MAGIC 0x1badb002
#define MB_AOUT_KLUDGE (1 << 16)
#define BOOT_CHUNK 64 /* sectors per INT 13h call */

/* Real mode -> 32-bit protected mode (interrupts off), then jump to target. */
.macro enter_protected_mode gdtr, target
	cli
	lgdtl \gdtr
	mov %cr0, %eax
	or $CR0_PE, %eax
	mov %eax, %cr0
	ljmpl $GDT_CODE32, $\target
.endm

/* The physical layout for image.ld, from x86.h (its one definition). */
	.globl plat_image_base, plat_trampoline_addr
	.set plat_image_base, IMAGE_BASE
	.set plat_trampoline_addr, TRAMPOLINE_ADDR

/* ---------------------------------------------------------------------- */
	.section .boot_sector, "ax"
	.code16
	.globl boot_sector
boot_sector:
	cli
	xor %ax, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov $0x7c00, %sp
	ljmp $0, $1f
1:	sti
	mov %dl, boot_drive
	movw $__boot_sectors, boot_left
	/* Fast A20, before anything is copied above 1 MiB. */
	in $0x92, %al
	or $2, %al
	and $0xfe, %al
	out %al, $0x92
	/*
	 * BOOT_CHUNK sectors at a time into BOOT_BUFFER, each chunk copied on
	 * to its place from IMAGE_BASE up: the image may be larger than low
	 * memory.
	 */
2:	mov boot_left, %ax
	cmp $BOOT_CHUNK, %ax
	jbe 3f
	mov $BOOT_CHUNK, %ax
3:	mov %ax, dap_count
	mov $dap, %si
	mov boot_drive, %dl
	mov $0x42, %ah
	int $0x13
	jc boot_fail
	call unreal_mode
	movzwl dap_count, %ecx
	shl $9, %ecx
	mov $BOOT_BUFFER, %esi
	mov boot_dest, %edi
	cld
	addr32 rep movsb
	mov %edi, boot_dest
	mov dap_count, %ax
	add %ax, dap_lba
	sub %ax, boot_left
	jnz 2b
	enter_protected_mode boot_gdtr, boot_pm32

	/*
	 * Unreal mode: DS and ES keep a 4 GiB limit back in real mode, so the
	 * copy can use 32-bit addresses. Again after every INT 13h, which may
	 * have reloaded them through protected mode.
	 */
unreal_mode:
	cli
	push %ds
	push %es
	lgdtl unreal_gdtr
	mov %cr0, %eax
	or $CR0_PE, %eax
	mov %eax, %cr0
	mov $8, %bx
	mov %bx, %ds
	mov %bx, %es
	and $~CR0_PE, %eax
	mov %eax, %cr0
	pop %es
	pop %ds
	sti
	ret

	.code32
boot_pm32:
	mov $GDT_DATA, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	xor %eax, %eax /* not multiboot */
	jmp entry32

	.code16
boot_fail:
	/* Bochs' shutdown port: the runner sees no verdict. */
	mov $shutdown_msg, %si
	mov $8, %cx
	mov $0x8900, %dx
	rep outsb
4:	hlt
	jmp 4b

shutdown_msg:
	.ascii "Shutdown"
	/* The image's own GDT, copied to where it is linked by now. */
boot_gdtr:
	.word gdt_end - gdt - 1
	.long gdt
	/* Unreal mode's: a flat 4 GiB data segment (selector 8). */
	.balign 8
unreal_gdt:
	.quad 0
	.quad 0x00cf92000000ffff
unreal_gdtr:
	.word 15
	.long unreal_gdt
	.balign 4
dap:
	.byte 16, 0
dap_count:
	.word 0
	.word 0 /* buffer offset */
dap_seg:
	.word BOOT_BUFFER >> 4
dap_lba:
	.quad 1
boot_dest:
	.long IMAGE_BASE
boot_left:
	.word 0
boot_drive:
	.byte 0
	.org 510
	.word 0xaa55

/* ---------------------------------------------------------------------- */
	.section .multiboot, "a"
	.balign 4
multiboot_header:
	.long MB_MAGIC
	.long MB_AOUT_KLUDGE
	.long -(MB_MAGIC + MB_AOUT_KLUDGE)
	.long multiboot_header /* header_addr */
	.long IMAGE_BASE /* load_addr */
	.long __image_load_end /* load_end_addr */
	.long __image_end /* bss_end_addr */
	.long entry32 /* entry_addr */

/* ---------------------------------------------------------------------- */
	.section .text.boot, "ax"
	.code32
	/* eax: 0x2badb002 from a multiboot loader, 0 from the boot sector. */
	.globl entry32
entry32:
	cli
	cld
	mov %eax, %esi
	lgdt gdtr
	ljmp $GDT_CODE32, $1f
1:	mov $GDT_DATA, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov %ax, %fs
	mov %ax, %gs
	/* Clear .bss (page tables, stacks); image.ld aligns both ends to 8. */
	mov $__bss_start, %edi
	mov $__bss_end, %ecx
	sub %edi, %ecx
	shr $2, %ecx
	xor %eax, %eax
	rep stosl
	/* PML4[0] -> PDPT; PDPT[0..3] -> 4 page directories. */
	movl $(pdpt + PTE_P + PTE_W), pml4
	mov $pdpt, %edi
	mov $(page_dirs + PTE_P + PTE_W), %eax
	mov $4, %ecx
2:	mov %eax, (%edi)
	add $4096, %eax
	add $8, %edi
	loop 2b
	/* 2048 x 2 MiB identity pages: 0 .. 4 GiB. */
	mov $page_dirs, %edi
	mov $(PTE_P + PTE_W + PTE_PS), %eax
	mov $2048, %ecx
3:	mov %eax, (%edi)
	add $0x200000, %eax
	add $8, %edi
	loop 3b
	/* The first 2 MiB in 4 KiB pages, so low pages can be unmapped. */
	movl $(low_pt + PTE_P + PTE_W), page_dirs
	mov $low_pt, %edi
	mov $(PTE_P + PTE_W), %eax
	mov $512, %ecx
4:	mov %eax, (%edi)
	add $4096, %eax
	add $8, %edi
	loop 4b
	mov $bsp_entry64, %ebx
	jmp long_mode32

	/* Application processors, from the trampoline (kernel GDT loaded). */
	.globl ap_entry32
ap_entry32:
	mov $GDT_DATA, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov %ax, %fs
	mov %ax, %gs
	mov $ap_entry64, %ebx
	/* fall through */

	/* Protected mode -> long mode; continues at the 64-bit address in ebx. */
long_mode32:
	mov %cr4, %eax
	or $CR4_PAE, %eax
	mov %eax, %cr4
	mov $pml4, %eax
	mov %eax, %cr3
	mov $MSR_EFER, %ecx
	rdmsr
	or $EFER_LME, %eax
	wrmsr
	mov %cr0, %eax
	or $(CR0_PG + CR0_WP + CR0_PE), %eax
	mov %eax, %cr0
	ljmp $GDT_CODE64, $long_mode64

	.code64
long_mode64:
	mov %ebx, %ebx /* upper halves are undefined after the switch */
	jmp *%rbx

bsp_entry64:
	mov $(plat_stacks + PLAT_STACK_SIZE), %rsp
	xor %ebp, %ebp
	mov %esi, %edi
	call plat_x86_boot
	jmp halt

ap_entry64:
	mov ap_boot_stack(%rip), %rsp
	xor %ebp, %ebp
	call plat_x86_ap_entry
halt:
	cli
	hlt
	jmp halt

/*
 * Exception stubs, 16 bytes apart: push a zero error code where the CPU
 * pushes none, push the vector, and hand the frame to plat_x86_exception.
 */
	.balign 16
	.globl exc_stubs
exc_stubs:
	.set vec, 0
	.rept 32
	.balign 16
	.if (vec == 8) || (vec == 10) || (vec == 11) || (vec == 12) || (vec == 13) || (vec == 14) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
	.else
	pushq $0
	.endif
	pushq $vec
	jmp exc_common
	.set vec, vec + 1
	.endr

exc_common:
	mov %rsp, %rdi
	and $-16, %rsp
	call plat_x86_exception
	jmp halt

/* ---------------------------------------------------------------------- */
	/*
	 * AP trampoline, copied to TRAMPOLINE_ADDR: SIPI starts it in real mode
	 * at CS = TRAMPOLINE_ADDR >> 4, IP = 0, so it addresses itself through
	 * CS with offsets from trampoline_start.
	 */
	.code16
	.globl trampoline_start, trampoline_end
trampoline_start:
	enter_protected_mode %cs:(tramp_gdtr - trampoline_start), ap_entry32
	.balign 4
tramp_gdtr:
	.word gdt_end - gdt - 1
	.long gdt
trampoline_end:

/* ---------------------------------------------------------------------- */
	.data
	.balign 16
gdt:
	.quad 0
	.quad 0x00cf9a000000ffff /* GDT_CODE32 */
	.quad 0x00cf92000000ffff /* GDT_DATA */
	.quad 0x00af9a000000ffff /* GDT_CODE64 */
gdt_end:
	.balign 8
gdtr:
	.word gdt_end - gdt - 1
	.quad gdt

	.bss
	.balign 4096
	.globl low_pt
pml4:
	.skip 4096
pdpt:
	.skip 4096
page_dirs:
	.skip 4 * 4096
low_pt:
	.skip 4096
	.section .note.GNU-stack, "", @progbits
