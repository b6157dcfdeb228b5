"""The configuration registry: every backend, platform and test configuration is one row.

Generated from it: the `percpu_reg` constraint values, the platforms and the
backend config_settings (tools/platforms/BUILD), the backend select of
//percpu, the codegen budget table select (tests/codegen) and the boards'
system tests (emulator and CPU counts). //tools/platforms:registry_test fails
when .bazelrc or tools/test disagree with CONFIGS.

Adding a backend: a BACKENDS row (and its REGS value if the register is new),
a PLATFORMS row per platform, a CONFIGS row per `--config`; then the
`build:NAME` lines in .bazelrc and NAME in tools/test's list, which the
registry test checks.
"""

# Values of the `percpu_reg` constraint: which register holds the calling
# CPU's per-CPU offset.
REGS = {
    "linux": "Hosted Linux: arch_prctl(ARCH_SET_GS) on x86_64, a thread-local stand-in elsewhere.",
    "tpidr_el2": "aarch64 at EL2 (hypervisors): TPIDR_EL2.",
    "tpidr_el1": "aarch64 at EL1 (kernels): TPIDR_EL1.",
    "gs_msr": "x86_64 ring 0 / VMX root: the GS base MSR (wrmsr, or wrgsbase with CR4.FSGSBASE).",
    "riscv_tp": "riscv64 bare metal (HS-mode, S-mode): tp, free in freestanding code.",
    "riscv_gp": "riscv64 bare metal, gp (compatibility): the backend turns linker relaxation off.",
    "single": "Single CPU (the Rust crate's sp-naive): no register, per-CPU variables are plain globals.",
    "htpidr": "armv7 in HYP mode (hypervisors, PL2): HTPIDR.",
    "tpidrprw": "armv7 at PL1 (kernels, SVC mode): TPIDRPRW.",
}

def _backend(cpu, reg, library, codegen, reach = 0, asm = True):
    """One backend: (cpu, reg) selects `library`.

    Args:
      cpu: @platforms//cpu value, or None for any CPU.
      reg: REGS key.
      library: the percpu_backend() target //percpu depends on.
      codegen: budget table of tests/codegen/codegen_test.sh.
      reach: bytes a one-instruction access reaches from the area base
        (0: the whole address space).
      asm: whether it has the assembly API (percpu/percpu_asm.h): not the
        hosted thread-local stand-ins nor the single-CPU mode.
    """
    return struct(cpu = cpu, reg = reg, library = library, codegen = codegen, reach = reach, asm = asm)

# Backends, keyed by the name of their config_setting in //tools/platforms.
BACKENDS = {
    "x86_64_linux": _backend("x86_64", "linux", "//percpu/arch/x86_64:linux", "x86_64"),
    "x86_64_gs_msr": _backend("x86_64", "gs_msr", "//percpu/arch/x86_64:msr", "x86_64_metal"),
    "aarch64_linux": _backend("aarch64", "linux", "//percpu/arch/aarch64:linux", "aarch64_linux", asm = False),
    "aarch64_el2": _backend("aarch64", "tpidr_el2", "//percpu/arch/aarch64:el2", "aarch64_el", 4096),
    # --config=aarch64_el1 builds for ARMv8.1 (-march=armv8.1-a in .bazelrc):
    # its budgets are the LSE ones; EL2 keeps ARMv8.0's LL/SC.
    "aarch64_el1": _backend("aarch64", "tpidr_el1", "//percpu/arch/aarch64:el1", "aarch64_lse", 4096),
    "riscv64_linux": _backend("riscv64", "linux", "//percpu/arch/riscv64:linux", "riscv64_linux", asm = False),
    "riscv64_tp": _backend("riscv64", "riscv_tp", "//percpu/arch/riscv64:tp", "riscv64_tp", 2048),
    "riscv64_gp": _backend("riscv64", "riscv_gp", "//percpu/arch/riscv64:gp", "riscv64_gp", 2048),
    "armv7_linux": _backend("armv7", "linux", "//percpu/arch/armv7:linux", "armv7_linux", asm = False),
    "armv7_hyp": _backend("armv7", "htpidr", "//percpu/arch/armv7:hyp", "armv7_bare", 4096),
    "armv7_pl1": _backend("armv7", "tpidrprw", "//percpu/arch/armv7:pl1", "armv7_bare", 4096),
    # Budgets measured on x86_64, the only single-CPU configuration.
    "single_cpu": _backend(None, "single", "//percpu/arch/single", "x86_64_single", asm = False),
}

def _platform(backend, os, doc, compiler = "gcc", board = None, cpu = None):
    """One platform.

    Args:
      backend: BACKENDS key.
      cpu: @platforms//cpu value; default: the backend's.
      os: "linux" (hosted) or "none" (bare metal).
      doc: one line describing it, written to :registry.
      compiler: "gcc" or "clang" (//tools/platforms:compiler).
      board: the tools/boards/<board> package whose images it runs.
    """
    return struct(
        backend = backend,
        cpu = cpu or BACKENDS[backend].cpu,
        os = os,
        doc = doc,
        compiler = compiler,
        board = board,
    )

PLATFORMS = {
    "linux_x86_64": _platform("x86_64_linux", "linux", "Hosted x86_64 Linux: GS base through arch_prctl."),
    "linux_x86_64_single": _platform("single_cpu", "linux", "Hosted x86_64, single-CPU mode.", cpu = "x86_64"),
    "linux_x86_64_clang": _platform("x86_64_linux", "linux", "Hosted x86_64 built with clang (libFuzzer).", compiler = "clang"),
    "linux_aarch64": _platform("aarch64_linux", "linux", "Hosted aarch64 Linux (qemu-aarch64)."),
    "baremetal_aarch64_el2": _platform("aarch64_el2", "none", "Bare metal aarch64 at EL2 (QEMU virt, virtualization=on).", board = "aarch64"),
    "baremetal_aarch64_el1": _platform("aarch64_el1", "none", "Bare metal aarch64 at EL1 (QEMU virt), built for ARMv8.1: LSE atomics.", board = "aarch64"),
    "x86_64_metal": _platform("x86_64_gs_msr", "none", "x86_64 ring 0 (VMX root): QEMU system emulation (TCG) and Bochs (a CPU model with VMX).", board = "x86_64"),
    "linux_riscv64": _platform("riscv64_linux", "linux", "Hosted riscv64 Linux (qemu-riscv64)."),
    "baremetal_riscv64_hs": _platform("riscv64_tp", "none", "Bare metal riscv64 in HS-mode (QEMU virt, H extension, OpenSBI): tp.", board = "riscv64"),
    "baremetal_riscv64_hs_gp": _platform("riscv64_gp", "none", "The same machine with gp as the base register.", board = "riscv64"),
    "linux_armv7": _platform("armv7_linux", "linux", "Hosted armv7 Linux (qemu-arm)."),
    "baremetal_armv7_hyp": _platform("armv7_hyp", "none", "Bare metal armv7 in HYP mode (QEMU virt, virtualization=on): HTPIDR.", board = "armv7"),
    "baremetal_armv7_pl1": _platform("armv7_pl1", "none", "Bare metal armv7 at PL1 (QEMU virt, SVC mode): TPIDRPRW.", board = "armv7"),
}

def _run(name, emulator, cpus, machine = None, areas = None, firmware = None):
    """One system test of a board's smp_test image: test `name`_`N`cpu per CPU count.

    Args:
      name: test name prefix.
      emulator: tools/emu/system_test.sh's EMULATOR.
      cpus: CPU counts, one test each.
      machine: system_test.sh's MACHINE.
      areas: in-place areas the image reserves (an image of its own, linked
        with that PERCPU_CPU_NUM); None: the board's PLAT_MAX_CPUS.
      firmware: the firmware QEMU loads instead of its own (-bios).
    """
    return struct(name = name, emulator = emulator, cpus = cpus, machine = machine, areas = areas, firmware = firmware)

def _config(name, platform, runs = []):
    """One `bazel test --config=NAME` of tools/test ("host": no --config).

    Args:
      name: the config name in .bazelrc and tools/test.
      platform: PLATFORMS key its --platforms names (host: the default).
      runs: the board's system tests this configuration runs.
    """
    return struct(name = name, platform = platform, runs = runs)

# Every configuration tools/test runs, in its order.
CONFIGS = [
    _config("host", "linux_x86_64"),
    _config("single_cpu", "linux_x86_64_single"),
    _config("aarch64_linux", "linux_aarch64"),
    _config("riscv64_linux", "linux_riscv64"),
    # Over 8 CPUs: GICv3 (GICv2 stops at 8). 256 CPUs: MPIDR Aff0 0-15 and
    # Aff1 0-15, CPU ids not contiguous.
    _config("aarch64_el2", "baremetal_aarch64_el2", [
        _run("qemu_el2", "qemu-aarch64-el2", [1, 4, 8]),
        _run("qemu_el2_gicv3", "qemu-aarch64-el2", [64, 256], "gic-version=3"),
    ]),
    _config("aarch64_el1", "baremetal_aarch64_el1", [
        _run("qemu_el1", "qemu-aarch64-el1", [1, 4, 8]),
        _run("qemu_el1_gicv3", "qemu-aarch64-el1", [64], "gic-version=3"),
    ]),
    # q35 to 254 CPUs (TCG has no x2APIC: APIC IDs stop at 254). Bochs runs
    # every instruction several times slower and every case initialises
    # every reserved area: its image reserves 16 (256: 6 times longer).
    _config("x86_64_metal", "x86_64_metal", [
        _run("qemu_pc", "qemu-x86_64", [1], "pc"),
        _run("qemu_q35", "qemu-x86_64", [4, 64, 254], "q35"),
        _run("qemu_pc_acpi_off", "qemu-x86_64", [2], "pc,acpi=off"),
        _run("bochs", "bochs-x86_64", [1, 4], areas = 16),
    ]),
    # 128 harts: what OpenSBI 1.1 starts (its hart mask has 128 bits); 256
    # with the board's own firmware (no SBI: every hart starts at the entry).
    _config("riscv64_hs", "baremetal_riscv64_hs", [
        _run("qemu_hs", "qemu-riscv64-hs", [1, 4, 8, 64, 128]),
        _run("qemu_hs_own_fw", "qemu-riscv64-hs", [4, 256], firmware = "//tools/boards/riscv64:firmware"),
    ]),
    _config("riscv64_hs_gp", "baremetal_riscv64_hs_gp", [_run("qemu_hs_gp", "qemu-riscv64-hs", [1, 4, 8, 128])]),
    _config("armv7_linux", "linux_armv7"),
    # Past 8 CPUs GICv3 (the board takes no interrupts): 123 is 32-bit virt's
    # most (its redistributors below 4 GiB).
    _config("armv7_hyp", "baremetal_armv7_hyp", [
        _run("qemu_hyp", "qemu-arm-hyp", [1, 2, 4]),
        _run("qemu_hyp_gicv3", "qemu-arm-hyp", [123], "gic-version=3"),
    ]),
    _config("armv7_pl1", "baremetal_armv7_pl1", [
        _run("qemu_pl1", "qemu-arm-svc", [1, 2, 4]),
        _run("qemu_pl1_gicv3", "qemu-arm-svc", [64], "gic-version=3"),
    ]),
    # TSan + UBSan (trap mode).
    _config("tsan", "linux_x86_64"),
    # clang: ASan + UBSan + libFuzzer + the debug checks, and the misuse
    # tests' clang messages.
    _config("fuzz", "linux_x86_64_clang"),
]

def platform_constraints(name):
    """The constraint values of platform `name`."""
    p = PLATFORMS[name]
    b = BACKENDS[p.backend]
    return ["@platforms//cpu:" + p.cpu] + [
        "@platforms//os:" + p.os,
        "//tools/platforms:" + b.reg,
    ] + ([] if p.compiler == "gcc" else ["//tools/platforms:" + p.compiler])

def backend_select(field):
    """select() of BACKENDS[*].`field` ("library", "codegen") by backend, as a list."""
    return select(dict([
        ("//tools/platforms:" + key, [getattr(b, field)])
        for key, b in BACKENDS.items()
    ]))

def backend_if(field, value):
    """select(): `value` (a list) for backends whose `field` is true, else []."""
    return select(dict([
        ("//tools/platforms:" + key, value if getattr(b, field) else [])
        for key, b in BACKENDS.items()
    ]))

def _board_runs(board):
    """(configuration, run) for every registry run of `board`."""
    return [
        (c, r)
        for c in CONFIGS
        if PLATFORMS[c.platform].board == board
        for r in c.runs
    ]

def board_image_areas(board):
    """The reserved-area counts `board`'s runs ask for (besides the default)."""
    areas = []
    for _, r in _board_runs(board):
        if r.areas and r.areas not in areas:
            areas.append(r.areas)
    return areas

def board_system_tests(board, images, test_rule, **kwargs):
    """Declares, with `test_rule` (percpu_system_test), every registry run of `board`'s images.

    Args:
      board: the tools/boards package.
      images: the image of each run's `areas` (None: the default image).
      test_rule: percpu_system_test.
      **kwargs: passed to every test.
    """
    for c, r in _board_runs(board):
        test_rule(
            name = r.name,
            cpus = r.cpus,
            emulator = r.emulator,
            image = images[r.areas],
            machine = r.machine,
            firmware = r.firmware,
            target_compatible_with = platform_constraints(c.platform),
            **kwargs
        )

def registry_lines():
    """`CONFIG PLATFORM` per configuration, for //tools/platforms:registry_test."""
    return ["%s %s" % (c.name, c.platform) for c in CONFIGS]

# Configurations only included by others (`build:X --config=NAME`), never run
# alone; the registry test allows them in .bazelrc.
FRAGMENTS = [
    "ubsan_trap",
    "asan_qemu_user",
    # Run by tools/test inside fuzz; usable alone or with any config.
    "debug_checks",
    "clang",
]

def _registry_file_impl(ctx):
    out = ctx.actions.declare_file(ctx.label.name + ".txt")
    ctx.actions.write(output = out, content = "\n".join(ctx.attr.lines) + "\n")
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles([out]))]

_registry_file = rule(
    implementation = _registry_file_impl,
    doc = "Writes `lines` to NAME.txt.",
    attrs = {"lines": attr.string_list()},
)

def registry_targets():
    """tools/platforms: the percpu_reg constraint and values, platforms, backend config_settings, :registry."""
    native.constraint_setting(
        name = "percpu_reg",
        default_constraint_value = ":linux",
    )
    for reg in REGS:
        native.constraint_value(
            name = reg,
            constraint_setting = ":percpu_reg",
        )
    for name in PLATFORMS:
        native.platform(
            name = name,
            constraint_values = platform_constraints(name),
        )
    # Each GCC platform's clang sibling (tests/hygiene's clang_build_test,
    # transition.bzl): the same constraints, clang's toolchain.
    for name, p in PLATFORMS.items():
        if p.compiler == "gcc" and name + "_clang" not in PLATFORMS:
            native.platform(
                name = name + "_clang",
                constraint_values = [":clang"],
                parents = [":" + name],
            )
    for key, b in BACKENDS.items():
        native.config_setting(
            name = key,
            constraint_values = ([] if b.cpu == None else ["@platforms//cpu:" + b.cpu]) + [":" + b.reg],
        )

    # CONFIG PLATFORM per configuration, `fragment NAME` per fragment, then
    # `platform NAME: DOC` per platform (bazel build //tools/platforms:registry).
    _registry_file(
        name = "registry",
        lines = registry_lines() + ["fragment " + f for f in FRAGMENTS] + [
            "platform %s: %s" % (name, p.doc)
            for name, p in PLATFORMS.items()
        ],
    )

def reach_defines():
    """select() of REACH_NEAR_BYTES=N for the backends with a near reach (tests/reach)."""
    return select(dict([
        ("//tools/platforms:" + key, ["REACH_NEAR_BYTES=%d" % b.reach])
        for key, b in BACKENDS.items()
        if b.reach
    ] + [("//conditions:default", [])]))
