"""platform_binary(): a binary built for another platform than the command line's."""

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
