#!/usr/bin/env bash
# Code-generation budgets: disassembles the probe functions of probes.c (built
# at -O2 by the configuration's own toolchain) and checks every one against
# the budget table of the configuration below. Fails if any access grows by
# one instruction, touches memory it should not, or uses an instruction
# outside its row's list (a `lock` prefix, a call, ...).
#
#   codegen_test.sh CONFIG OBJDUMP PROBES.o [ASM.o]
#   codegen_test.sh --dump CONFIG OBJDUMP PROBES.o [ASM.o]   # figures only
#
# ASM.o: the assembly API's functions (tests/asm/<cpu>.S, asm_test_<macro>),
# checked as probes asm_<macro>, where the backend has the API.
set -euo pipefail

dump=0
if [[ ${1-} == --dump ]]; then
	dump=1
	shift
fi
if [[ $# -ne 3 && $# -ne 4 ]]; then
	echo "usage: $0 [--dump] CONFIG OBJDUMP PROBES.o [ASM.o]" >&2
	exit 2
fi
config=$1 objdump=$2 obj=$3 asm_obj=${4-}

# How the per-CPU base is reached (BASE column) and what counts as another
# memory access (MEM column), per instruction set. Matched against
# "mnemonic operands" with comments stripped.
#   x86_64: BASE = instructions with a %gs: operand; MEM = other instructions
#           with a memory operand (lea and nop never access memory).
#   aarch64: BASE = reads of the register holding the offset (tpidr_el2/el1
#           on bare metal; tpidr_el0, libc's thread pointer, where hosted
#           Linux keeps its thread-local stand-in); MEM = loads, stores,
#           exclusives and atomics.
#   armv7: BASE = the mrc of the register (HTPIDR, TPIDRPRW; TPIDRURO, libc's
#           thread pointer, on hosted Linux); MEM = loads, stores (exclusives,
#           pairs), push and pop. The return is `bx lr` (RET below).
# RET: the return instruction, not counted. Data in the text (literal pool
# words, `.word`) is never counted either.
table_name=$config
ret_re='^ret( |$)'
case $config in
x86_64 | x86_64_metal | x86_64_single)
	base_re='%gs:'
	mem_re='^[a-z0-9]+ .*\('
	;;
aarch64_el | aarch64_lse)
	base_re='^mrs [a-z0-9]+, tpidr_el[12]$'
	mem_re='^(ld|st|cas|swp)'
	;;
aarch64_linux)
	base_re='^mrs [a-z0-9]+, tpidr_el0$'
	mem_re='^(ld|st|cas|swp)'
	;;
riscv64_tp | riscv64_gp | riscv64_linux)
	# The per-CPU base register (tp or gp) as an operand; hosted Linux
	# keeps its stand-in in a thread-local, reached from tp (libc's).
	reg=${config#riscv64_}
	[[ $config == riscv64_linux ]] && reg=tp
	base_re="[ ,(]$reg([,)]|\$)"
	mem_re='^(l[bhwd]u?|s[bhwd]|amo[a-z]+[.][wd]|lr[.][wd]|sc[.][wd]) '
	# tp and gp compile to the same code: one table.
	[[ $config == riscv64_linux ]] || table_name=riscv64_bare
	;;
armv7_bare | armv7_linux)
	# mrc p15, {4, c13, c0, 2 | 0, c13, c0, 4 | 0, c13, c0, 3}, as objdump
	# prints it; HTPIDR and TPIDRPRW compile to the same code: one table.
	base_re='^mrc 15, [04], [a-z0-9]+, cr13, cr0, [{][234][}]'
	[[ $config == armv7_linux ]] && base_re='^mrc 15, 0, [a-z0-9]+, cr13, cr0, [{]3[}]'
	mem_re='^(ldr|str|ldm|stm|push|pop)'
	ret_re='^bx lr$'
	;;
*)
	echo "FAIL: no budget table for configuration '$config'" >&2
	exit 1
	;;
esac

# The budget tables. One row per group of probes (probe_<op>_<type>):
#   CONFIG  PROBES  INSNS  BASE  MEM  OPS
# PROBES  extended regex matched against <op>_<type>; the first row that
#         matches a probe is its budget, every probe needs one.
# INSNS   exactly this many instructions in the function (its symbol size,
#         so alignment padding is not counted), not counting `ret`.
# BASE    exactly this many per-CPU base accesses (see above).
# MEM     exactly this many other memory accesses.
# Exact, not "at most": one instruction more fails, and so does one fewer
# (then tighten the table).
# OPS     the only mnemonics allowed besides `ret` (comma-separated).
budgets() {
	cat <<'EOF'
# x86_64, hosted Linux (GS base via arch_prctl) and bare metal (GS base MSR):
# every access is one %gs: instruction, no lock, no call. xchg is a cmpxchg
# loop (xchg with memory is implicitly locked).
x86_64  read_.*                           1  1  0  mov
x86_64  write_.*                          1  1  0  mov
x86_64  (add|sub|and|or)_.*               1  1  0  add,sub,and,or
x86_64  inc_.*                            1  1  0  addb,addw,addl,addq
x86_64  (dec|subimm)_.*                   1  1  0  subb,subw,subl,subq
x86_64  cmpxchg_.*                        2  1  0  mov,cmpxchg
x86_64  xchg_.*                           3  2  0  mov,cmpxchg,jne
x86_64  this_cpu_ptr                      2  1  0  lea,add
x86_64  per_cpu_ptr                       14  0  4  mov,xor,cmp,jb,nopl,imul,lea,add,test,je
# x86_64 bare metal (GS base MSR, no PIE): the same accesses; addresses of
# variables are absolute immediates (mov) instead of RIP-relative lea.
x86_64_metal  read_.*                     1  1  0  mov
x86_64_metal  write_.*                    1  1  0  mov
x86_64_metal  (add|sub|and|or)_.*         1  1  0  add,sub,and,or
x86_64_metal  inc_.*                      1  1  0  addb,addw,addl,addq
x86_64_metal  (dec|subimm)_.*             1  1  0  subb,subw,subl,subq
x86_64_metal  cmpxchg_.*                  2  1  0  mov,cmpxchg
x86_64_metal  xchg_.*                     3  2  0  mov,cmpxchg,jne
x86_64_metal  this_cpu_ptr                2  1  0  mov,add
x86_64_metal  per_cpu_ptr                 12  0  4  mov,xor,cmp,jb,nopl,imul,add,test,je
# x86_64 single-CPU mode: per-CPU variables are plain globals, reached
# RIP-relative. Read-modify-write is one instruction on the global without
# `lock` (the backend's, not GCC's atomics); xchg with memory is implicitly
# locked, which costs nothing more here.
x86_64_single  read_.*                    1  0  1  mov,movzbl,movzwl
x86_64_single  write_.*                   1  0  1  mov
x86_64_single  (add|sub|and|or)_.*        1  0  1  add,sub,and,or
x86_64_single  inc_.*                     1  0  1  addb,addw,addl,addq
x86_64_single  (dec|subimm)_.*            1  0  1  subb,subw,subl,subq
x86_64_single  cmpxchg_.*                 2  0  1  mov,cmpxchg
x86_64_single  xchg_.*                    2  0  1  mov,xchg
x86_64_single  this_cpu_ptr               1  0  0  lea
x86_64_single  per_cpu_ptr                14  0  4  mov,xor,cmp,jb,nopl,imul,lea,add,test,je
# aarch64 bare metal (EL2/EL1), variables in the first 4 KiB: read is mrs +
# one ldr, write mrs + one str. Read-modify-write is mrs + add + an LL/SC
# loop (ldxr, op, stxr, cbnz); cmpxchg compares with the narrow operand's own
# extend (cmp w, w, uxtb). Operands keep their own type, so nothing is
# zero-extended first; xchg and cmpxchg move the result to the return
# register. Measured with aarch64-linux-gnu-gcc 12 -O2 -ffreestanding
# -mgeneral-regs-only -mno-outline-atomics.
aarch64_el  read_.*                       2  1  1  mrs,ldr,ldrb,ldrh
aarch64_el  write_.*                      2  1  1  mrs,str,strb,strh
aarch64_el  (add|sub|and|or|inc|dec|subimm)_.*  6  1  2  mrs,add,sub,and,orr,ldxr,ldxrb,ldxrh,stxr,stxrb,stxrh,cbnz
aarch64_el  xchg_.*                       6  1  2  mrs,add,ldxr,ldxrb,ldxrh,stxr,stxrb,stxrh,cbnz,mov
aarch64_el  cmpxchg_.*                    8  1  2  mrs,add,ldxr,ldxrb,ldxrh,cmp,b.ne,stxr,stxrb,stxrh,cbnz,mov
aarch64_el  this_cpu_ptr                  2  1  0  mrs,add
aarch64_el  per_cpu_ptr                  20  0  4  adrp,add,ldar,cmp,b.cc,mov,ldr,madd,cbz
# aarch64 built for ARMv8.1 (EL1, --config=aarch64_el1): read-modify-write
# is mrs + add + one LSE instruction, no loop (stadd; stclr of the complement
# for and; stset; swp; cas); sub and and first negate or complement the
# operand (1- and 2-byte ones zero-extend it too), inc/dec/subimm load the
# constant.
aarch64_lse read_.*                       2  1  1  mrs,ldr,ldrb,ldrh
aarch64_lse write_.*                      2  1  1  mrs,str,strb,strh
aarch64_lse (add|or)_.*                   3  1  1  mrs,add,stadd,staddb,staddh,stset,stsetb,stseth
aarch64_lse (sub|and)_u(8|16)             5  1  1  and,neg,mvn,mrs,add,staddb,staddh,stclrb,stclrh
aarch64_lse (sub|and)_.*                  4  1  1  neg,mvn,mrs,add,stadd,stclr
aarch64_lse (subimm|inc|dec)_.*           4  1  1  mov,mrs,add,stadd,staddb,staddh
aarch64_lse xchg_.*                       3  1  1  mrs,add,swp,swpb,swph
aarch64_lse cmpxchg_.*                    3  1  1  mrs,add,cas,casb,cash
aarch64_lse this_cpu_ptr                  2  1  0  mrs,add
aarch64_lse per_cpu_ptr                  20  0  4  adrp,add,ldar,cmp,b.cc,mov,ldr,madd,cbz
# aarch64 hosted Linux (a stand-in; kernels use the bare-metal backend): EL0
# cannot use TPIDR_EL1/EL2, so the offset is an initial-exec thread-local:
# adrp+ldr (its TLS offset), mrs tpidr_el0, ldr (the offset), adrp+add (the
# variable's section anchor; +1 add unless the variable is at the anchor,
# as u8 is here), add, then the access. GCC's default -moutline-atomics
# turns read-modify-write into a call to libgcc's __aarch64_* helpers.
aarch64_linux  read_u8                    8  1  3  adrp,ldr,mrs,add,ldrb
aarch64_linux  read_.*                    9  1  3  adrp,ldr,mrs,add,ldrh
aarch64_linux  write_u16                 10  1  3  adrp,ldr,mrs,add,and,strh
aarch64_linux  write_.*                   9  1  3  adrp,ldr,mrs,add,and,str,strb
aarch64_linux  (add|or|xchg|cmpxchg)_u8  11  1  4  adrp,ldr,mrs,stp,add,mov,bl,ldp
aarch64_linux  (inc|dec|subimm)_u8       12  1  4  adrp,ldr,mrs,stp,add,mov,bl,ldp
aarch64_linux  (add|or|xchg|cmpxchg)_.*  12  1  4  adrp,ldr,mrs,stp,add,mov,bl,ldp
aarch64_linux  (inc|dec|subimm)_.*       13  1  4  adrp,ldr,mrs,stp,add,mov,bl,ldp
aarch64_linux  (and|sub)_u16             14  1  4  adrp,ldr,mrs,stp,add,and,mvn,neg,mov,bl,ldp
aarch64_linux  (and|sub)_.*              13  1  4  adrp,ldr,mrs,stp,add,and,mvn,neg,mov,bl,ldp
aarch64_linux  this_cpu_ptr               8  1  2  adrp,ldr,mrs,add
aarch64_linux  per_cpu_ptr               20  0  5  adrp,ldr,add,ldar,cmp,b.cc,ldp,mov,madd,cbz
# riscv64 bare metal, tp or gp (one table: the same code). Every count
# includes 5 instructions (2 of them memory accesses) of frame set-up and
# tear-down that -fno-omit-frame-pointer adds to every function here (GCC 12
# cannot leave it out of leaf functions on RISC-V). Variables in the first
# 2 KiB: read and write are one ld/sd relative to the base register (narrow
# reads: plus the ABI's zero/sign extension of the return value); this_cpu_ptr
# one addi (shown as mv: its %lo is 0 before the link); 4- and 8-byte
# add/and/or/xchg addi + one AMO; cmpxchg addi + an LR/SC loop. 1- and 2-byte
# and/or are one masked AMO on the containing word. 1- and 2-byte
# add/xchg/cmpxchg (GCC 12 has no inline narrow atomics) are the backend's
# inline-assembly LR/SC loop on the containing word: addi, then andi (word
# address), slli (shift: sllw/srlw use its bits 4:0), li 0xff (lui+addiw for
# 0xffff), sllw (mask), sllw (operand; cmpxchg: both operands), then the loop:
# lr.w, (cmpxchg: and + bne, the compare), (add: add), the merge xor/and/xor,
# sc.w, bnez. xchg/cmpxchg shift the old value down (srlw) and zero-extend it
# for the return (zext.b; 16 bits: sll+srl). sub negates the operand first
# (neg), inc/dec/subimm load the constant (li). From the base register on
# (the count less the 5 frame instructions): add 13 (u16: 14), xchg 14 (16),
# cmpxchg 17 (19).
riscv64_bare  read_(u64|ptr)              6  1  2  add,sd,ld
riscv64_bare  read_u8                     7  1  2  add,sd,lbu,ld,zext.b
riscv64_bare  read_u16                    8  1  2  add,sd,lhu,ld,sll,srl
riscv64_bare  read_u32                    7  1  2  add,sd,lw,ld,sext.w
riscv64_bare  write_.*                    6  1  2  add,sd,sb,sh,sw,ld
riscv64_bare  this_cpu_ptr                6  1  2  add,sd,mv,ld
riscv64_bare  (add|and|or)_(u32|u64)      7  1  3  add,sd,mv,amoadd.w,amoadd.d,amoand.w,amoand.d,amoor.w,amoor.d,ld
riscv64_bare  (inc|dec|subimm)_(u32|u64)  8  1  3  add,sd,mv,li,amoadd.w,amoadd.d,ld
riscv64_bare  sub_(u32|u64)               8  1  3  add,sd,mv,neg,negw,amoadd.w,amoadd.d,ld
riscv64_bare  xchg_(u64|ptr)              7  1  3  add,sd,mv,amoswap.d,ld
riscv64_bare  xchg_u32                    8  1  3  add,sd,mv,amoswap.w,ld,sext.w
riscv64_bare  cmpxchg_(u64|ptr)          11  1  4  add,sd,mv,lr.d,bne,sc.d,bnez,ld
riscv64_bare  cmpxchg_u32                11  1  4  add,sd,mv,lr.w,bne,sc.w,bnez,ld,sext.w
riscv64_bare  and_u8                     15  1  3  add,sd,mv,and,sll,li,sllw,not,or,amoand.w,ld
riscv64_bare  or_u8                      14  1  3  add,sd,mv,and,sll,li,sllw,amoor.w,ld
riscv64_bare  and_u16                    16  1  3  add,sd,mv,lui,and,sll,addw,sllw,not,or,amoand.w,ld
riscv64_bare  or_u16                     15  1  3  add,sd,mv,lui,and,sll,addw,sllw,amoor.w,ld
riscv64_bare  add_u8                     18  1  4  add,sd,mv,li,and,sll,sllw,lr.w,xor,sc.w,bnez,ld
riscv64_bare  (sub|subimm|inc|dec)_u8    19  1  4  add,sd,mv,li,neg,and,sll,sllw,lr.w,xor,sc.w,bnez,ld
riscv64_bare  add_u16                    19  1  4  add,sd,mv,lui,addw,and,sll,sllw,lr.w,xor,sc.w,bnez,ld
riscv64_bare  (sub|subimm|inc|dec)_u16   20  1  4  add,sd,mv,lui,addw,li,neg,and,sll,sllw,lr.w,xor,sc.w,bnez,ld
riscv64_bare  xchg_u8                    19  1  4  add,sd,mv,li,and,sll,sllw,lr.w,xor,sc.w,bnez,srlw,ld,zext.b
riscv64_bare  xchg_u16                   21  1  4  add,sd,mv,lui,addw,and,sll,sllw,lr.w,xor,sc.w,bnez,srlw,ld,srl
riscv64_bare  cmpxchg_u8                 22  1  4  add,sd,mv,li,and,sll,sllw,lr.w,bne,xor,sc.w,bnez,srlw,ld,zext.b
riscv64_bare  cmpxchg_u16                24  1  4  add,sd,mv,lui,addw,and,sll,sllw,lr.w,bne,xor,sc.w,bnez,srlw,ld,srl
riscv64_bare  per_cpu_ptr                29  0  7  add,sd,auipc,lw,fence,bltu,beqz,mv,ld,sll,srl,mul,li
# riscv64 hosted Linux (a stand-in; kernels use the bare-metal backend): tp
# is libc's thread pointer, so the offset is an initial-exec thread-local:
# auipc+ld (its TLS offset), add tp, ld (the offset), auipc+addi (the
# variable), add, then the access: 6 instructions before it. Plus the same
# 5 frame instructions as above. Read-modify-write as on bare metal.
riscv64_linux  read_.*                   13  1  5  auipc,ld,add,sd,mv,lbu,lhu,lw
riscv64_linux  write_.*                  13  1  5  auipc,ld,add,sd,mv,sb,sh,sw
riscv64_linux  this_cpu_ptr              12  1  4  auipc,ld,add,sd,mv
riscv64_linux  (add|and|or)_(u32|u64)    14  1  5  auipc,ld,add,sd,mv,amoadd.w,amoadd.d,amoand.w,amoand.d,amoor.w,amoor.d
riscv64_linux  (inc|dec|subimm)_(u32|u64)  15  1  5  auipc,ld,add,sd,mv,li,amoadd.w,amoadd.d
riscv64_linux  sub_(u32|u64)             15  1  5  auipc,ld,add,sd,mv,neg,negw,amoadd.w,amoadd.d
riscv64_linux  xchg_(u64|ptr)            14  1  5  auipc,ld,add,sd,mv,amoswap.d
riscv64_linux  xchg_u32                  15  1  5  auipc,ld,add,sd,mv,amoswap.w,sext.w
riscv64_linux  cmpxchg_(u64|ptr)         18  1  6  auipc,ld,add,sd,mv,lr.d,bne,sc.d,bnez
riscv64_linux  cmpxchg_u32               18  1  6  auipc,ld,add,sd,mv,lr.w,bne,sc.w,bnez,sext.w
riscv64_linux  and_u8                    21  1  5  auipc,ld,add,sd,mv,and,sll,li,sllw,not,or,amoand.w
riscv64_linux  or_u8                     20  1  5  auipc,ld,add,sd,mv,and,sll,li,sllw,amoor.w
riscv64_linux  and_u16                   22  1  5  auipc,ld,add,sd,mv,and,lui,sll,addw,sllw,not,or,amoand.w
riscv64_linux  or_u16                    21  1  5  auipc,ld,add,sd,mv,and,lui,sll,addw,sllw,amoor.w
riscv64_linux  add_u8                    24  1  6  auipc,ld,add,sd,mv,li,and,sll,sllw,lr.w,xor,sc.w,bnez
riscv64_linux  (sub|subimm|inc|dec)_u8   25  1  6  auipc,ld,add,sd,mv,li,neg,and,sll,sllw,lr.w,xor,sc.w,bnez
riscv64_linux  add_u16                   25  1  6  auipc,ld,add,sd,mv,lui,addw,and,sll,sllw,lr.w,xor,sc.w,bnez
riscv64_linux  (sub|subimm|inc|dec)_u16  26  1  6  auipc,ld,add,sd,mv,lui,addw,li,neg,and,sll,sllw,lr.w,xor,sc.w,bnez
riscv64_linux  xchg_u8                   25  1  6  auipc,ld,add,sd,mv,li,and,sll,sllw,lr.w,xor,sc.w,bnez,srlw,zext.b
riscv64_linux  xchg_u16                  27  1  6  auipc,ld,add,sd,mv,lui,addw,and,sll,sllw,lr.w,xor,sc.w,bnez,srlw,srl
riscv64_linux  cmpxchg_u8                28  1  6  auipc,ld,add,sd,mv,li,and,sll,sllw,lr.w,bne,xor,sc.w,bnez,srlw,zext.b
riscv64_linux  cmpxchg_u16               30  1  6  auipc,ld,add,sd,mv,lui,addw,and,sll,sllw,lr.w,bne,xor,sc.w,bnez,srlw,srl
riscv64_linux  per_cpu_ptr               29  0  9  add,sd,auipc,ld,lw,fence,bltu,beqz,sll,srl,mul,mv,li
# armv7 bare metal, HYP (HTPIDR) or PL1 (TPIDRPRW): one table, the same
# code. ARM (A32) code. Every count includes 4 instructions (2 of them memory
# accesses: push/pop) of frame set-up and tear-down that
# -fno-omit-frame-pointer adds to every function here (GCC 12 keeps the frame
# in leaf functions on Arm); `bx lr` is the return. Variables in the first
# 4 KiB: 1- and 4-byte read and write are mrc + one ldr/ldrb/str/strb with
# the variable as its 12-bit immediate (R_ARM_ABS12); 2- and 8-byte ones
# (ldrh/ldrd have an 8-bit immediate only) mrc + movw + one ldrh/ldrd/strh/
# strd. Narrow results are zero-extended for the return (uxtb/uxth: the
# AAPCS wants it; inlined, the load's own zero extension serves). this_cpu_ptr
# is mrc + movw + add. Read-modify-write is mrc + movw + add + an LL/SC loop
# (ldrex, op, strex, teq, bne; 8 bytes: ldrexd/strexd on a register pair,
# adds/adc). Measured with arm-linux-gnueabihf-gcc 12 -O2 -marm
# -march=armv7-a+fp -mfloat-abi=hard -mgeneral-regs-only.
armv7_bare  read_(u32|ptr)                6  1  3  push,add,mrc,ldr,pop
armv7_bare  read_u8                       7  1  3  push,add,mrc,ldrb,uxtb,pop
armv7_bare  read_u16                      8  1  3  push,add,mrc,movw,ldrh,uxth,pop
armv7_bare  read_u64                      7  1  3  push,add,mrc,movw,ldrd,pop
armv7_bare  write_(u8|u32|ptr)            6  1  3  push,add,mrc,str,strb,pop
armv7_bare  write_(u16|u64)               7  1  3  push,add,mrc,movw,strh,strd,pop
armv7_bare  (add|sub|subimm|and|or|inc|dec)_(u8|u16|u32)  12  1  4  push,add,mrc,movw,ldrexb,ldrexh,ldrex,sub,and,orr,strexb,strexh,strex,teq,bne,pop
armv7_bare  xchg_(u8|u16)                12  1  4  push,add,mrc,movw,ldrexb,ldrexh,strexb,strexh,teq,bne,uxtb,uxth,pop
armv7_bare  xchg_(u32|ptr)               12  1  4  push,mov,add,mrc,movw,ldrex,strex,teq,bne,pop
armv7_bare  cmpxchg_(u8|u16|u32|ptr)     14  1  4  push,mov,add,mrc,movw,ldrexb,ldrexh,ldrex,cmp,bne,strexb,strexh,strex,teq,uxtb,uxth,pop
armv7_bare  (add|sub|and|or)_u64         12  1  4  push,add,mrc,movw,ldrexd,adds,adc,subs,sbc,and,orr,strexd,teq,bne,pop
armv7_bare  (subimm|inc|dec)_u64         13  1  4  push,add,mrc,movw,ldrexd,adds,adc,subs,sbc,strexd,teq,bne,pop
armv7_bare  xchg_u64                     12  1  4  push,mov,add,mrc,movw,ldrexd,strexd,teq,bne,pop
armv7_bare  cmpxchg_u64                  15  1  4  push,add,mrc,movw,ldrexd,cmp,cmpeq,bne,strexd,teq,mov,pop
armv7_bare  this_cpu_ptr                  7  1  2  push,add,mrc,movw,pop
armv7_bare  per_cpu_ptr                  23  0  9  ldr,push,add,dmb,cmp,bcc,mov,pop,mla,beq,movw,movt
# armv7 hosted Linux (a stand-in; kernels use the bare-metal backend):
# Debian's default Thumb-2, position-independent code. The offset is an
# initial-exec thread-local: its TLS offset from the literal pool (ldr + add
# pc), mrc TPIDRURO (libc's thread pointer), ldr (the offset), the variable
# from the literal pool (ldr + add pc), then the access; 4 frame instructions
# (push, add, mov, ldr.w) and literal pool alignment (nop) besides. Reads and
# writes of 1, 2 and 4 bytes are single loads and stores, 8 bytes ldrexd (and
# a strexd loop): GCC's relaxed atomics for armv7-a without LPAE, as is all
# read-modify-write (the generic fallbacks).
armv7_linux  read_(u8|u32|ptr)           13  1  7  push,mrc,ldr,add,ldrb,mov,ldr.w,nop
armv7_linux  read_u16                    15  1  7  push,mrc,ldr,add,ldrh,uxth,mov,ldr.w,nop
armv7_linux  read_u64                    14  1  7  push,mrc,ldr,add,adds,ldrexd,mov,ldr.w
armv7_linux  write_(u8|u16|u32|ptr)      13  1  7  push,mrc,ldr,add,strb,strh,str,mov,ldr.w,nop
armv7_linux  write_u64                   17  1  8  push,mrc,ldr,ldr.w,add,adds,ldrexd,strexd,cmp,bne.n,mov,pop
armv7_linux  (add|sub|subimm|and|or|inc|dec)_u8  17  1  8  push,mrc,ldr,add,ldrexb,adds,subs,ands,orrs,strexb,cmp,bne.n,mov,ldr.w
armv7_linux  xchg_u8                     17  1  8  push,mrc,ldr,add,ldrexb,strexb,cmp,bne.n,uxtb,mov,ldr.w
armv7_linux  cmpxchg_u8                  19  1  8  push,mrc,ldr,ldr.w,add,mov,ldrexb,cmp,bne.n,strexb,cmp.w,ldr.w
armv7_linux  (add|sub|subimm|and|or|inc|dec)_(u16|u32)  19  1  8  push,mrc,ldr,add,adds,ldrexh,ldrex,subs,ands,orrs,strexh,strex,cmp,bne.n,mov,ldr.w,nop
armv7_linux  xchg_u16                    19  1  8  push,mrc,ldr,add,adds,ldrexh,strexh,cmp,bne.n,uxth,mov,ldr.w,nop
armv7_linux  xchg_(u32|ptr)              19  1  8  push,mrc,ldr,add,mov,adds,ldrex,strex,cmp,bne.n,ldr.w,nop
armv7_linux  cmpxchg_(u16|u32|ptr)       21  1  8  push,mrc,ldr,ldr.w,add,mov,adds,ldrexh,ldrex,cmp,bne.n,strexh,strex,cmp.w,nop
armv7_linux  xchg_u64                    19  1  8  stmdb,mrc,ldr,ldr.w,add,mov,adds,ldrexd,strexd,cmp,bne.n,ldmia.w
armv7_linux  cmpxchg_u64                 26  1  8  stmdb,mrc,ldr,ldr.w,add,add.w,mov,adds,ldrexd,cmp,it,cmpeq,bne.n,strexd,ldmia.w,nop
armv7_linux  (add|and|or)_u64            20  1  8  push,mrc,ldr,ldr.w,add,adds,ldrexd,adcs,ands,orrs,strexd,cmp.w,bne.n,mov,pop,nop
armv7_linux  sub_u64                     19  1  8  push,mrc,ldr,ldr.w,add,adds,ldrexd,subs,sbc.w,strexd,cmp.w,bne.n,mov,pop
armv7_linux  (subimm|dec)_u64            21  1  8  push,mrc,ldr,ldr.w,add,movs,adds,ldrexd,subs,sbc.w,strexd,cmp.w,bne.n,mov,pop
armv7_linux  inc_u64                     22  1  8  push,mrc,ldr,ldr.w,add,movs,adds,ldrexd,adcs,strexd,cmp.w,bne.n,mov,pop,nop
armv7_linux  this_cpu_ptr                13  1  6  push,mrc,ldr,add,adds,mov,ldr.w
armv7_linux  per_cpu_ptr                 26  0 11  ldr,add,dmb,cmp,bcc.n,movs,push,ldrd,mla,adds,cbz,mov,pop
# The assembly API (percpu/percpu_asm.h, functions of tests/asm/<cpu>.S):
# percpu_base, percpu_addr, percpu_load, percpu_store, pervcpu_addr, and a
# field of the loaded vCPU's struct at a generated offset. x86_64: every
# percpu_* one %gs: instruction but percpu_addr (lea + add %gs:).
x86_64  asm_(base|load|store)             1  1  0  mov
x86_64  asm_addr                          2  1  0  lea,add
x86_64  asm_vcpu_addr                     3  1  0  mov,lea,add
x86_64  asm_vcpu_second                   4  1  1  mov,lea,add
x86_64_metal  asm_(base|load|store)       1  1  0  mov
x86_64_metal  asm_addr                    2  1  0  lea,add
x86_64_metal  asm_vcpu_addr               3  1  0  mov,lea,add
x86_64_metal  asm_vcpu_second             4  1  1  mov,lea,add
# aarch64: mrs, then the access with the #:lo12: offset.
aarch64_el  asm_base                      1  1  0  mrs
aarch64_el  asm_addr                      2  1  0  mrs,add
aarch64_el  asm_(load|store)              2  1  1  mrs,ldr,str
aarch64_el  asm_vcpu_addr                 5  1  1  mrs,ldr,adrp,add
aarch64_el  asm_vcpu_second               6  1  2  mrs,ldr,adrp,add
aarch64_lse  asm_base                     1  1  0  mrs
aarch64_lse  asm_addr                     2  1  0  mrs,add
aarch64_lse  asm_(load|store)             2  1  1  mrs,ldr,str
aarch64_lse  asm_vcpu_addr                5  1  1  mrs,ldr,adrp,add
aarch64_lse  asm_vcpu_second              6  1  2  mrs,ldr,adrp,add
# riscv64: one instruction off tp/gp (objdump shows addi with a 0 offset,
# unlinked, as mv); pervcpu_addr adds lla (auipc + addi).
riscv64_bare  asm_(base|addr)             1  1  0  mv,addi
riscv64_bare  asm_load                    1  1  0  ld
riscv64_bare  asm_store                   1  1  0  sd
riscv64_bare  asm_vcpu_addr               4  1  0  ld,auipc,mv,addi,add
riscv64_bare  asm_vcpu_second             5  1  1  ld,auipc,mv,addi,add
# armv7: mrc, then the access with a 12-bit immediate (movw for an address).
armv7_bare  asm_base                      1  1  0  mrc
armv7_bare  asm_addr                      3  1  0  mrc,movw,add
armv7_bare  asm_(load|store)              2  1  1  mrc,ldr,str
armv7_bare  asm_vcpu_addr                 5  1  1  mrc,ldr,movw,movt,add
armv7_bare  asm_vcpu_second               6  1  2  mrc,ldr,movw,movt,add
EOF
}

# Number of probe functions probes.c defines (catches an empty or stale
# object), and of asm_test_* functions in ASM.o.
expected_probes=50
[[ -z $asm_obj ]] || expected_probes=$((expected_probes + 6))

table=$(budgets | awk -v c="$table_name" '$1 == c')

# Each object's symbols and disassembly in turn (their own sections and
# addresses: the second object's are told apart by a file marker).
for o in "$obj" $asm_obj; do
	echo "FILE $o"
	"$objdump" -t "$o"
done >"${TEST_TMPDIR:-/tmp}/syms.$$"
for o in "$obj" $asm_obj; do
	echo "FILE $o"
	"$objdump" -d --no-show-raw-insn "$o"
done >"${TEST_TMPDIR:-/tmp}/dis.$$"
trap 'rm -f "${TEST_TMPDIR:-/tmp}"/{syms,dis}.$$' EXIT

awk -v dump="$dump" -v table="$table" -v base_re="$base_re" \
	-v mem_re="$mem_re" -v ret_re="$ret_re" -v expected="$expected_probes" \
	-v config="$config" '
function hex(s,    i, c, v) {
	v = 0
	s = tolower(s)
	sub(/^0x/, "", s)
	for (i = 1; i <= length(s); i++) {
		c = index("0123456789abcdef", substr(s, i, 1))
		v = v * 16 + c - 1
	}
	return v
}
# Pass 1: function symbols probe_* (asm_test_* of ASM.o: asm_*) -> object,
# section, start, end.
FNR == NR {
	if ($1 == "FILE") {
		file = $2
		next
	}
	if (($NF ~ /^probe_/ || $NF ~ /^asm_test_/) && / F /) {
		name = $NF ~ /^probe_/ ? substr($NF, 7) : "asm_" substr($NF, 10)
		fileof[name] = file
		sec[name] = $(NF - 2)
		lo[name] = hex($1)
		hi[name] = hex($1) + hex($(NF - 1))
		probes[++nprobes] = name
	}
	next
}
# Pass 2: the disassembly.
$1 == "FILE" {
	curfile = $2
	next
}
/^Disassembly of section / {
	cursec = $4
	sub(/:$/, "", cursec)
	next
}
/^ *[0-9a-f]+:\t/ {
	split($0, f, "\t")
	addr = f[1]
	sub(/^ */, "", addr)
	sub(/:$/, "", addr)
	addr = hex(addr)
	text = f[2]
	for (i = 3; i in f; i++)
		text = text " " f[i]
	sub(/[ \t]*(#|\/\/).*$/, "", text)
	gsub(/[ \t]+/, " ", text)
	sub(/ $/, "", text)
	for (p = 1; p <= nprobes; p++) {
		n = probes[p]
		if (fileof[n] == curfile && sec[n] == cursec && addr >= lo[n] &&
		    addr < hi[n]) {
			nw = split(text, w, " ")
			if (text ~ ret_re || w[1] ~ /^[.]/)
				break
			insns[n]++
			# A lock prefix is listed like a mnemonic of its own.
			if (w[1] == "lock" && nw > 1)
				ops[n] = ops[n] (ops[n] == "" ? "" : ",") w[1]
			mn = w[1] == "lock" && nw > 1 ? w[2] : w[1]
			ops[n] = ops[n] (ops[n] == "" ? "" : ",") mn
			listing[n] = listing[n] "\n\t" text
			if (text ~ base_re)
				base[n]++
			else if (text ~ mem_re && w[1] !~ /^(lea|nop)/)
				mem[n]++
			break
		}
	}
}
END {
	nrows = split(table, rows, "\n")
	fails = 0
	passes = 0
	if (nprobes != expected) {
		printf "FAIL: found %d probe functions, expected %d\n", \
			nprobes, expected
		fails++
	}
	for (p = 1; p <= nprobes; p++) {
		n = probes[p]
		if (dump) {
			printf "%-16s %3d %2d %2d  %s\n", n, insns[n], \
				base[n], mem[n], ops[n]
			continue
		}
		row = 0
		for (r = 1; r <= nrows; r++) {
			split(rows[r], c, " ")
			if (n ~ ("^(" c[2] ")$")) {
				row = r
				break
			}
		}
		if (!row) {
			printf "FAIL %s: no budget row in table %s\n", n, config
			fails++
			continue
		}
		used[row] = 1
		err = ""
		if (insns[n] + 0 != c[3])
			err = err sprintf("; %d instructions, budget %d", \
				insns[n], c[3])
		if (base[n] + 0 != c[4])
			err = err sprintf("; %d per-CPU base accesses, want %d", \
				base[n], c[4])
		if (mem[n] + 0 != c[5])
			err = err sprintf("; %d other memory accesses, want %d", \
				mem[n], c[5])
		split(ops[n], o, ",")
		for (i in o)
			if (index("," c[6] ",", "," o[i] ",") == 0)
				err = err sprintf("; \"%s\" not allowed (%s)", \
					o[i], c[6])
		if (err != "") {
			printf "FAIL %s%s%s\n", n, err, listing[n]
			fails++
		} else {
			printf "ok   %-16s %2d insns (budget %2d), base %d, mem %d\n", \
				n, insns[n], c[3], base[n], mem[n]
			passes++
		}
	}
	if (dump)
		exit 0
	for (r = 1; r <= nrows; r++) {
		if (!(r in used)) {
			split(rows[r], c, " ")
			printf "FAIL: budget row \"%s\" matches no probe\n", c[2]
			fails++
		}
	}
	printf "%d passed, %d failed\n", passes, fails
	exit fails != 0
}' "${TEST_TMPDIR:-/tmp}/syms.$$" "${TEST_TMPDIR:-/tmp}/dis.$$"
