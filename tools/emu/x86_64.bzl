"""x86_64 bare-metal images and their system tests under QEMU and Bochs."""

load("@bazel_tools//tools/cpp:toolchain_utils.bzl", "find_cpp_toolchain")

def _x86_64_image_impl(ctx):
    cc = find_cpp_toolchain(ctx)
    out = ctx.actions.declare_file(ctx.label.name + ".img")
    ctx.actions.run(
        executable = cc.objcopy_executable,
        arguments = ["-O", "binary", ctx.file.elf.path, out.path],
        inputs = depset([ctx.file.elf], transitive = [cc.all_files]),
        outputs = [out],
        mnemonic = "X86Image",
        progress_message = "Making boot image %s" % out.short_path,
    )
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles(files = [out]))]

x86_64_image = rule(
    doc = """Flat boot image (objcopy -O binary) of an ELF image linked against
    //tests/platform/x86_64: a boot sector followed by the image, which QEMU
    boots with -kernel (multiboot header) and Bochs from a disk.""",
    implementation = _x86_64_image_impl,
    attrs = {
        "elf": attr.label(allow_single_file = True, mandatory = True),
        "_cc_toolchain": attr.label(default = "@bazel_tools//tools/cpp:current_cc_toolchain"),
    },
    toolchains = ["@bazel_tools//tools/cpp:toolchain_type"],
    incompatible_use_toolchain_transition = True,
)

def x86_64_system_test(name, image, qemu = [], bochs = [], **kwargs):
    """One sh_test per emulator run of `image`.

    Each test passes only if the serial log holds "PERCPU-VERDICT: PASS" and
    "PERCPU-CPUS: <cpus>" and the emulator's exit status means pass.

    Args:
      name: prefix: NAME_qemu_<cpus>cpu[_<machine>], NAME_bochs_<cpus>cpu.
      image: an x86_64_image target.
      qemu: list of (cpus, machine) pairs, e.g. (4, "q35"); QEMU targets
        are compatible with //tools/platforms:qemu only.
      bochs: list of CPU counts; compatible with //tools/platforms:bochs only.
      **kwargs: passed to every sh_test.
    """
    runs = [
        ("%s_qemu_%dcpu_%s" % (name, cpus, machine.replace(",", "_").replace("=", "_")), "qemu", cpus, machine)
        for cpus, machine in qemu
    ] + [
        ("%s_bochs_%dcpu" % (name, cpus), "bochs", cpus, "-")
        for cpus in bochs
    ]
    for test_name, emulator, cpus, machine in runs:
        native.sh_test(
            name = test_name,
            size = "small",
            srcs = ["//tools/emu:x86_64_system.sh"],
            args = [emulator, "$(rootpath %s)" % image, str(cpus), machine],
            data = [image, "//tools/emu:verdict.sh"],
            target_compatible_with = [
                "@platforms//cpu:x86_64",
                "@platforms//os:none",
                "//tools/platforms:" + emulator,
            ],
            **kwargs
        )
