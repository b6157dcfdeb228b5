"""The C compiler of the target's toolchain, run the way a cc_library would, for rules that need its output itself (assembly, a log of the diagnostics)."""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load("@bazel_tools//tools/cpp:toolchain_utils.bzl", "find_cpp_toolchain")

CXX_EXTENSIONS = ["cc", "cpp", "cxx", "c++", "C"]

def cc_features(ctx, cc_toolchain):
    """The feature configuration of `ctx`'s target."""
    return cc_common.configure_features(
        ctx = ctx,
        cc_toolchain = cc_toolchain,
        requested_features = ctx.features,
        unsupported_features = ctx.disabled_features,
    )

def cc_compile_command(ctx, src, deps, copts, output_path, extra_flags = []):
    """How a cc_library with `deps` and `copts` would compile `src`.

    Flags in a cc_library's order: --copt, then --cxxopt or --conlyopt, then
    copts (with $(location) expanded and Bourne shell tokenization), then
    `extra_flags`.

    Returns:
      struct(tool, arguments, inputs): the compiler, its arguments (writing
      `output_path`), and the action's inputs (source, headers, toolchain).
    """
    cc_toolchain = find_cpp_toolchain(ctx)
    features = cc_features(ctx, cc_toolchain)
    cxx = src.extension in CXX_EXTENSIONS
    action = ACTION_NAMES.cpp_compile if cxx else ACTION_NAMES.c_compile
    deps_ctx = cc_common.merge_cc_infos(cc_infos = [dep[CcInfo] for dep in deps]).compilation_context
    cpp = ctx.fragments.cpp
    flags = cpp.copts + (cpp.cxxopts if cxx else cpp.conlyopts)
    for copt in copts:
        flags += ctx.tokenize(ctx.expand_location(copt, deps))
    variables = cc_common.create_compile_variables(
        cc_toolchain = cc_toolchain,
        feature_configuration = features,
        source_file = src.path,
        output_file = output_path,
        user_compile_flags = flags + extra_flags,
        include_directories = deps_ctx.includes,
        quote_include_directories = depset(
            [".", ctx.genfiles_dir.path, ctx.bin_dir.path],
            transitive = [deps_ctx.quote_includes],
        ),
        system_include_directories = deps_ctx.system_includes,
        framework_include_directories = deps_ctx.framework_includes,
        preprocessor_defines = deps_ctx.defines,
        use_pic = cc_toolchain.needs_pic_for_dynamic_libraries(feature_configuration = features),
    )
    return struct(
        tool = cc_common.get_tool_for_action(feature_configuration = features, action_name = action),
        arguments = cc_common.get_memory_inefficient_command_line(
            feature_configuration = features,
            action_name = action,
            variables = variables,
        ),
        inputs = depset([src], transitive = [deps_ctx.headers, cc_toolchain.all_files]),
    )
