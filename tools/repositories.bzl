"""percpu_dependencies(): everything a workspace needs to build @percpu, fully offline.

Bazel 4.2.3 tries to download rules_cc, rules_java and remote_coverage_tools even for a
C-only build. This file declares small local stand-ins for them (forwarders to the native
rules) and GoogleTest from Debian's sources (/usr/src/googletest, package `googletest`).
Every repository is declared only if the calling workspace has not declared it already.
"""

_RULES_CC_DEFS = """
def cc_binary(**kwargs):
    native.cc_binary(**kwargs)

def cc_import(**kwargs):
    native.cc_import(**kwargs)

def cc_library(**kwargs):
    native.cc_library(**kwargs)

def cc_proto_library(**kwargs):
    native.cc_proto_library(**kwargs)

def cc_test(**kwargs):
    native.cc_test(**kwargs)

def cc_toolchain(**kwargs):
    native.cc_toolchain(**kwargs)

def cc_toolchain_suite(**kwargs):
    native.cc_toolchain_suite(**kwargs)

def fdo_prefetch_hints(**kwargs):
    native.fdo_prefetch_hints(**kwargs)

def fdo_profile(**kwargs):
    native.fdo_profile(**kwargs)

def objc_import(**kwargs):
    native.objc_import(**kwargs)

def objc_library(**kwargs):
    native.objc_library(**kwargs)
"""

_RULES_JAVA_DEFS = """
def java_binary(**kwargs):
    native.java_binary(**kwargs)

def java_import(**kwargs):
    native.java_import(**kwargs)

def java_library(**kwargs):
    native.java_library(**kwargs)

def java_lite_proto_library(**kwargs):
    native.java_lite_proto_library(**kwargs)

def java_package_configuration(**kwargs):
    native.java_package_configuration(**kwargs)

def java_plugin(**kwargs):
    native.java_plugin(**kwargs)

def java_proto_library(**kwargs):
    native.java_proto_library(**kwargs)

def java_runtime(**kwargs):
    native.java_runtime(**kwargs)

def java_test(**kwargs):
    native.java_test(**kwargs)

def java_toolchain(**kwargs):
    native.java_toolchain(**kwargs)
"""

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
