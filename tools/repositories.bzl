"""percpu_dependencies(): everything a workspace needs to build @percpu, fully offline.

Bazel 4.2.3 tries to download rules_cc, rules_java and remote_coverage_tools even for a
C-only build. This file declares small local stand-ins for them (forwarders to the native
rules) and GoogleTest from Debian's sources (/usr/src/googletest, package `googletest`).
Every repository is declared only if the calling workspace has not declared it already.
"""

def _forwarders(rules):
    """A .bzl text defining each of `rules` as a forwarder to the native rule."""
    return "\n".join([
        "def %s(**kwargs):\n    native.%s(**kwargs)\n" % (r, r)
        for r in rules
    ])

_RULES_CC_DEFS = _forwarders([
    "cc_binary",
    "cc_import",
    "cc_library",
    "cc_proto_library",
    "cc_test",
    "cc_toolchain",
    "cc_toolchain_suite",
    "fdo_prefetch_hints",
    "fdo_profile",
    "objc_import",
    "objc_library",
])

_RULES_JAVA_DEFS = _forwarders([
    "java_binary",
    "java_import",
    "java_library",
    "java_lite_proto_library",
    "java_package_configuration",
    "java_plugin",
    "java_proto_library",
    "java_runtime",
    "java_test",
    "java_toolchain",
])

_COVERAGE_BUILD = """
# Stand-ins: `bazel coverage` is not supported offline; these only satisfy cc_test's
# implicit dependencies.
sh_binary(name = "coverage_report_generator", srcs = ["unsupported.sh"], visibility = ["//visibility:public"])
sh_binary(name = "lcov_merger", srcs = ["unsupported.sh"], visibility = ["//visibility:public"])
"""

def _stand_in_impl(rctx):
    rctx.file("WORKSPACE", "workspace(name = \"%s\")\n" % rctx.name)
    for path, content in rctx.attr.files.items():
        rctx.file(path, content, executable = path.endswith(".sh"))

_stand_in = repository_rule(
    implementation = _stand_in_impl,
    attrs = {"files": attr.string_dict()},
    doc = "A repository made of the given files (path -> content).",
)

def _maybe(rule, name, **kwargs):
    if name not in native.existing_rules():
        rule(name = name, **kwargs)

def percpu_dependencies():
    """Declares what @percpu needs and registers its toolchains.

    Call once from your WORKSPACE; build with
    --incompatible_enable_cc_toolchain_resolution (see README.md).
    """
    native.register_toolchains("@percpu//tools/toolchains:all")
    _maybe(_stand_in, "rules_cc", files = {
        "BUILD": "",
        "cc/BUILD": "",
        "cc/defs.bzl": _RULES_CC_DEFS,
    })
    _maybe(_stand_in, "rules_java", files = {
        "BUILD": "",
        "java/BUILD": "",
        "java/defs.bzl": _RULES_JAVA_DEFS,
    })
    _maybe(_stand_in, "remote_coverage_tools", files = {
        "BUILD": _COVERAGE_BUILD,
        "unsupported.sh": "#!/bin/sh\necho 'coverage is not supported offline' >&2\nexit 1\n",
    })
    _maybe(
        native.new_local_repository,
        "com_google_googletest",
        path = "/usr/src/googletest",
        build_file = "@percpu//tools/third_party:googletest.BUILD",
    )
