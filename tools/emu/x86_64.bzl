"""x86_64 boot images (run them with system_test.bzl)."""

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
    //tools/boards/x86_64: a boot sector followed by the image, which QEMU
    boots with -kernel (multiboot header) and Bochs from a disk.""",
    implementation = _x86_64_image_impl,
    attrs = {
        "elf": attr.label(allow_single_file = True, mandatory = True),
        "_cc_toolchain": attr.label(default = "@bazel_tools//tools/cpp:current_cc_toolchain"),
    },
    toolchains = ["@bazel_tools//tools/cpp:toolchain_type"],
    incompatible_use_toolchain_transition = True,
)
