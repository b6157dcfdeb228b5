/*
 * Every CPU ends up in cpu_main(APIC ID) in long mode on its own stack: the
 * boot CPU from QEMU's multiboot loader (32-bit protected mode), the others
 * from the real-mode trampoline main.c copies to 0x8000 and starts them at
 * with INIT/SIPI. Identity-mapped 4 GiB in 2 MiB pages.
 */
#define STACK_SIZE 16384
#define MAX_CPUS 8
#define MB_MAGIC 0x1badb002
#define MB_AOUT_KLUDGE (1 << 16)

	.section .multiboot, "a"
	.balign 4
multiboot_header:
	.long MB_MAGIC
	.long MB_AOUT_KLUDGE
	.long -(MB_MAGIC + MB_AOUT_KLUDGE)
	.long multiboot_header /* header_addr */
	.long 0x100000 /* load_addr */
	.long image_load_end /* load_end_addr */
	.long image_end /* bss_end_addr: the loader zeroes the .bss */
	.long entry32 /* entry_addr */

	.text
	.code32
	.globl entry32
entry32:
	cli
	lgdt gdtr
	ljmp $0x08, $1f
1:	mov $0x10, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	/* PML4[0] -> PDPT, PDPT[0..3] -> 4 directories of 2 MiB pages. */
	movl $(pdpt + 3), pml4
	mov $pdpt, %edi
	mov $(dirs + 3), %eax
	mov $4, %ecx
2:	mov %eax, (%edi)
	add $4096, %eax
	add $8, %edi
	loop 2b
	mov $dirs, %edi
	mov $0x83, %eax /* present, writable, 2 MiB */
	mov $2048, %ecx
3:	mov %eax, (%edi)
	add $0x200000, %eax
	add $8, %edi
	loop 3b
	/* fall through: the boot CPU and the others from here on */
	.globl long_mode32
long_mode32:
	mov $0x10, %ax
	mov %ax, %ds
	mov %ax, %es
	mov %ax, %ss
	mov %cr4, %eax
	or $0x20, %eax /* PAE */
	mov %eax, %cr4
	mov $pml4, %eax
	mov %eax, %cr3
	mov $0xc0000080, %ecx /* EFER */
	rdmsr
	or $0x100, %eax /* LME */
	wrmsr
	mov %cr0, %eax
	or $0x80000001, %eax /* PG, PE */
	mov %eax, %cr0
	ljmp $0x18, $long_mode64

	.code64
long_mode64:
	/* The stack of this CPU's APIC ID (CPUID 1: EBX[31:24]). */
	mov $1, %eax
	cpuid
	shr $24, %ebx
	cmp $MAX_CPUS, %ebx
	jae 4f
	lea 1(%rbx), %rax
	imul $STACK_SIZE, %rax
	lea stacks(%rip), %rsp
	add %rax, %rsp
	mov %ebx, %edi
	call cpu_main
4:	cli
	hlt
	jmp 4b

	/*
	 * The AP trampoline: SIPI starts it in real mode at 0x8000 (CS =
	 * 0x800, IP = 0); it reaches protected mode on the GDT above.
	 */
	.code16
	.globl trampoline_start, trampoline_end
trampoline_start:
	cli
	lgdtl %cs:(trampoline_gdtr - trampoline_start)
	mov %cr0, %eax
	or $1, %eax
	mov %eax, %cr0
	ljmpl $0x08, $long_mode32
	.balign 4
trampoline_gdtr:
	.word gdt_end - gdt - 1
	.long gdt
trampoline_end:

	.data
	.balign 16
gdt:
	.quad 0
	.quad 0x00cf9a000000ffff /* 0x08: 32-bit code */
	.quad 0x00cf92000000ffff /* 0x10: data */
	.quad 0x00af9a000000ffff /* 0x18: 64-bit code */
gdt_end:
gdtr:
	.word gdt_end - gdt - 1
	.long gdt

	.bss
	.balign 4096
pml4:
	.skip 4096
pdpt:
	.skip 4096
dirs:
	.skip 4 * 4096
	.balign 16
stacks:
	.skip STACK_SIZE * MAX_CPUS
	.section .note.GNU-stack, "", @progbits
