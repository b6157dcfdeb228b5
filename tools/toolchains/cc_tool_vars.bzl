"""cc_tool_vars(): make variables for binutils of the configuration's C++ toolchain."""

load("@bazel_tools//tools/cpp:toolchain_utils.bzl", "find_cpp_toolchain")

def _cc_tool_vars_impl(ctx):
    cc = find_cpp_toolchain(ctx)
    return [platform_common.TemplateVariableInfo({
        "OBJDUMP": cc.objdump_executable,
        "NM": cc.nm_executable,
    })]

cc_tool_vars = rule(
    implementation = _cc_tool_vars_impl,
    attrs = {
        "_cc_toolchain": attr.label(
            default = "@bazel_tools//tools/cpp:current_cc_toolchain",
        ),
    },
    toolchains = ["@bazel_tools//tools/cpp:toolchain_type"],
    incompatible_use_toolchain_transition = True,
    doc = """Provides $(OBJDUMP) and $(NM) (absolute paths of the current
    configuration's binutils) to rules that list this target in `toolchains`,
    the variables @bazel_tools's current_cc_toolchain does not define.""",
)
