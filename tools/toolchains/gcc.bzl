"""gcc_toolchain(): one GCC (or clang) + binutils toolchain, hosted or freestanding, as a Bazel toolchain."""

load("@bazel_tools//tools/cpp:unix_cc_toolchain_config.bzl", "cc_toolchain_config")

_TOOLS = ["ar", "cpp", "gcc", "gcov", "ld", "nm", "objcopy", "objdump", "strip"]

def gcc_toolchain(
        name,
        prefix,
        cpu,
        target_compatible_with,
        include_dirs,
        compile_flags = [],
        link_flags = [],
        link_libs = [],
        libc = "glibc",
        compiler = "gcc",
        tools = {}):
    """Declares `name` (a registered-able toolchain) for the GCC whose tools are `prefix`-*.

    Args:
      name: toolchain name; `name`_cc and `name`_config are declared too.
      prefix: tool path prefix, e.g. "/usr/bin/aarch64-linux-gnu-".
      cpu: Bazel cpu string (names the output directory together with --platform_suffix).
      target_compatible_with: constraint values of the platforms this toolchain builds for.
      include_dirs: the compiler's built-in include directories.
      compile_flags: flags for every compile action.
      link_flags: flags for every link action.
      link_libs: libraries appended to every link.
      libc: target_libc ("glibc" hosted, "none" freestanding).
      compiler: "gcc" or "clang"; the toolchain only serves platforms whose
        //tools/platforms:compiler constraint has this value (gcc by default).
      tools: tool paths that replace `prefix`-TOOL, e.g. {"gcc": "/usr/bin/clang-14"}.
    """
    tool_paths = {tool: prefix + tool for tool in _TOOLS}
    tool_paths.update(tools)
    tool_paths["llvm-cov"] = "/bin/false"
    cc_toolchain_config(
        name = name + "_config",
        cpu = cpu,
        compiler = compiler,
        toolchain_identifier = name,
        host_system_name = "x86_64-linux-gnu",
        target_system_name = cpu,
        target_libc = libc,
        abi_version = "gcc",
        abi_libc_version = libc,
        # GoogleTest's sources are reached through a symlinked repository.
        cxx_builtin_include_directories = include_dirs + ["/usr/src/googletest"],
        tool_paths = tool_paths,
        compile_flags = ["-fno-omit-frame-pointer"] + compile_flags,
        opt_compile_flags = ["-O2", "-DNDEBUG"],
        dbg_compile_flags = ["-g"],
        cxx_flags = ["-std=c++17"],
        link_flags = link_flags,
        link_libs = link_libs,
        opt_link_flags = ["-Wl,--gc-sections"],
        unfiltered_compile_flags = [
            "-no-canonical-prefixes",
            "-Wno-builtin-macro-redefined",
            "-D__DATE__=\"redacted\"",
            "-D__TIMESTAMP__=\"redacted\"",
            "-D__TIME__=\"redacted\"",
        ],
        supports_start_end_lib = False,
    )
    native.filegroup(name = name + "_empty")
    native.cc_toolchain(
        name = name + "_cc",
        all_files = ":" + name + "_empty",
        ar_files = ":" + name + "_empty",
        as_files = ":" + name + "_empty",
        compiler_files = ":" + name + "_empty",
        dwp_files = ":" + name + "_empty",
        linker_files = ":" + name + "_empty",
        objcopy_files = ":" + name + "_empty",
        strip_files = ":" + name + "_empty",
        supports_param_files = 0,
        toolchain_config = ":" + name + "_config",
        toolchain_identifier = name,
    )
    native.toolchain(
        name = name,
        target_compatible_with = target_compatible_with + ["//tools/platforms:" + compiler],
        toolchain = ":" + name + "_cc",
        toolchain_type = "@bazel_tools//tools/cpp:toolchain_type",
    )

def x86_64_linux_toolchain(name, include_dirs, compiler = "gcc", tools = {}):
    """A hosted x86_64 Linux toolchain (GCC or clang) over Debian's binutils.

    Args:
      name: toolchain name.
      include_dirs: the compiler's built-in include directories.
      compiler: "gcc" or "clang".
      tools: tool paths that differ from the x86_64-linux-gnu- ones.
    """
    gcc_toolchain(
        name = name,
        compiler = compiler,
        cpu = "k8",
        include_dirs = include_dirs,
        link_flags = ["-pthread"],
        link_libs = [
            "-lstdc++",
            "-lm",
        ],
        prefix = "/usr/bin/x86_64-linux-gnu-",
        target_compatible_with = [
            "@platforms//cpu:x86_64",
            "@platforms//os:linux",
        ],
        tools = tools,
    )

# What every freestanding (bare-metal) toolchain compiles and links with: no
# libc, no PIE, only the compiler's own headers (-nostdinc + its include
# directory), so nothing can lean on libc by accident.
FREESTANDING_COMPILE_FLAGS = [
    "-ffreestanding",
    "-nostdinc",
    "-fno-pie",
]

FREESTANDING_LINK_FLAGS = [
    "-ffreestanding",
    "-nostdlib",
    "-static",
    "-no-pie",
    "-Wl,--build-id=none",
]

def freestanding_toolchain(name, triple, include, cpu, target_compatible_with, compile_flags = [], link_flags = [], link_libs = []):
    """gcc_toolchain() of `triple`-gcc for bare metal: the freestanding flags plus the target's own.

    Args:
      name: toolchain name.
      triple: the GCC's target triple (its tools are /usr/bin/`triple`-*).
      include: the GCC's built-in include directory.
      cpu: Bazel cpu string.
      target_compatible_with: constraint values of the platforms it builds for.
      compile_flags: the target's own compile flags (ISA, ABI, code model, ...).
      link_flags: the target's own link flags.
      link_libs: libraries appended to every link.
    """
    gcc_toolchain(
        name = name,
        compile_flags = FREESTANDING_COMPILE_FLAGS + ["-isystem", include] + compile_flags,
        cpu = cpu,
        include_dirs = [include],
        libc = "none",
        link_flags = FREESTANDING_LINK_FLAGS + link_flags,
        link_libs = link_libs,
        prefix = "/usr/bin/%s-" % triple,
        target_compatible_with = target_compatible_with,
    )
