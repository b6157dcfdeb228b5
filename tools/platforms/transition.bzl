"""platform_binary(): a binary built for another platform than the command line's;
clang_build_test(): targets built with clang for the command line's platform."""

def _platform_transition_impl(settings, attr):
    return {"//command_line_option:platforms": str(attr.platform)}

_platform_transition = transition(
    implementation = _platform_transition_impl,
    inputs = [],
    outputs = ["//command_line_option:platforms"],
)

def _platform_binary_impl(ctx):
    src = ctx.attr.binary[0][DefaultInfo].files.to_list()
    if len(src) != 1:
        fail("platform_binary: %s must produce exactly one file" % ctx.attr.binary[0].label)
    out = ctx.actions.declare_file(ctx.label.name)
    ctx.actions.symlink(output = out, target_file = src[0])
    return [DefaultInfo(files = depset([out]), runfiles = ctx.runfiles([out]))]

platform_binary = rule(
    implementation = _platform_binary_impl,
    doc = """`binary` (one output file, e.g. a cc_binary image) built for `platform`.

Used for images that must be built with another percpu backend than the
configuration's, e.g. an EL2 hypervisor deliberately using TPIDR_EL1, to
prove its checks catch it.""",
    attrs = {
        "binary": attr.label(mandatory = True, cfg = _platform_transition),
        "platform": attr.label(mandatory = True),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
)

def _clang_transition_impl(settings, attr):
    platform = str(settings["//command_line_option:platforms"][0])
    if not platform.endswith("_clang"):
        platform += "_clang"
    return {"//command_line_option:platforms": platform}

# The configuration's platform with clang instead of GCC: its `_clang`
# sibling (//tools/platforms:BUILD declares one for every platform).
_clang_transition = transition(
    implementation = _clang_transition_impl,
    inputs = ["//command_line_option:platforms"],
    outputs = ["//command_line_option:platforms"],
)

_PASS = "#!/bin/sh\necho 'built with clang: {}'\n"

def _clang_build_test_impl(ctx):
    # One archive per library (not both the PIC and the non-PIC one).
    files = []
    for target in ctx.attr.targets:
        for linker_input in target[CcInfo].linking_context.linker_inputs.to_list():
            for lib in linker_input.libraries:
                archive = lib.static_library or lib.pic_static_library
                if archive != None:
                    files.append(archive)
    script = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.write(
        output = script,
        content = _PASS.format(" ".join([str(t.label) for t in ctx.attr.targets])),
        is_executable = True,
    )
    return [DefaultInfo(executable = script, runfiles = ctx.runfiles(files = files))]

clang_build_test = rule(
    implementation = _clang_build_test_impl,
    test = True,
    doc = """Passes if `targets` build with clang for the configuration's platform.

The test itself does nothing: building it builds `targets` for the `_clang`
sibling of the configuration's platform (the same backend and CPU, clang's
toolchain), so a compile error or warning (-Werror) fails the build.""",
    attrs = {
        "targets": attr.label_list(mandatory = True, cfg = _clang_transition, providers = [CcInfo]),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
)
