"""toolchain_check(): fails the analysis when the C toolchain cannot build percpu for the platform.

Without --incompatible_enable_cc_toolchain_resolution Bazel 4 ignores the
platform when it picks the C toolchain: a bare-metal or cross build would
compile with the host's gcc, and a hosted one links with the auto-configured
toolchain's gold (with --start-lib), which cannot read percpu_linux.ld's
INSERT AFTER. Both would fail much later with obscure errors.
"""

load("@bazel_tools//tools/cpp:toolchain_utils.bzl", "find_cpp_toolchain")

_FLAG = "--incompatible_enable_cc_toolchain_resolution"

def _toolchain_check_impl(ctx):
    if not cc_common.is_cc_toolchain_resolution_enabled_do_not_use(ctx = ctx):
        fail(("percpu needs the platform to pick the C toolchain (percpu's are " +
              "registered by percpu_dependencies()): add `build %s` to " +
              ".bazelrc.") % _FLAG)
    cc = find_cpp_toolchain(ctx)
    if ctx.attr.freestanding and cc.libc != "none":
        fail(("percpu: the platform is bare metal (@platforms//os:none) but the C " +
              "toolchain is a hosted one (cpu %s, libc %s): add `build %s` to " +
              ".bazelrc so the platform picks the toolchain.") % (cc.cpu, cc.libc, _FLAG))
    if ctx.attr.cross and cc.cpu == ctx.attr.host_cpu:
        fail(("percpu: the platform's CPU is not the host's but the C toolchain " +
              "is the host's (cpu %s): add `build %s` to .bazelrc so the platform " +
              "picks the toolchain.") % (cc.cpu, _FLAG))
    return [CcInfo()]

toolchain_check = rule(
    implementation = _toolchain_check_impl,
    doc = "A CcInfo-less dependency of //percpu that checks the toolchain choice.",
    attrs = {
        "cross": attr.bool(doc = "The platform's CPU is not x86_64 (the host's)."),
        "freestanding": attr.bool(doc = "The platform is bare metal."),
        "host_cpu": attr.string(default = "k8", doc = "The auto-configured host toolchain's cpu."),
        "_cc_toolchain": attr.label(
            default = Label("@bazel_tools//tools/cpp:current_cc_toolchain"),
        ),
    },
    fragments = ["cpp"],
    toolchains = ["@bazel_tools//tools/cpp:toolchain_type"],
    incompatible_use_toolchain_transition = True,
)
