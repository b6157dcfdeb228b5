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

# The GCCs percpu's toolchains use (tools/toolchains/BUILD), by target triple.
_GCC_TRIPLES = [
    "x86_64-linux-gnu",
    "aarch64-linux-gnu",
    "riscv64-linux-gnu",
    "arm-linux-gnueabihf",
]

def _compiler_paths_impl(rctx):
    """Asks each compiler for its built-in include directory."""
    gcc = {}
    for triple in _GCC_TRIPLES:
        cc = rctx.which(triple + "-gcc")
        res = rctx.execute([cc, "-print-file-name=include"]) if cc else None
        gcc[triple] = res.stdout.strip() if res and res.return_code == 0 else "/missing/%s-gcc/include" % triple
    clang = rctx.which("clang-14")
    res = rctx.execute([clang, "-print-resource-dir"]) if clang else None
    clang_include = ["/missing/clang-14/include"]
    if res and res.return_code == 0:
        # Debian's clang reports its headers under both spellings.
        resource = res.stdout.strip()
        clang_include = [resource + "/include", "/usr/lib/clang/%s/include" % resource.split("/")[-1]]
    rctx.file("BUILD", "")
    rctx.file("paths.bzl", "\n".join([
        '"""Built-in include directories of the compilers found on this machine."""',
        "",
        "GCC_INCLUDE = %r" % gcc,
        "",
        "CLANG_INCLUDE = %r" % clang_include,
        "",
    ]))

_compiler_paths = repository_rule(
    implementation = _compiler_paths_impl,
    doc = "@percpu_compiler_paths//:paths.bzl: GCC_INCLUDE[triple], CLANG_INCLUDE (a missing compiler gets a /missing/... path).",
    environ = ["PATH"],
    local = True,
)

def percpu_dependencies():
    """Declares what @percpu needs and registers its toolchains.

    Call once from your WORKSPACE; build with
    --incompatible_enable_cc_toolchain_resolution (see README.md).
    """
    native.register_toolchains("@percpu//tools/toolchains:all")
    _maybe(_compiler_paths, "percpu_compiler_paths")
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
