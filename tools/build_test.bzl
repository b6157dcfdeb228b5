"""build_test(): a test that passes when its targets build.

`bazel test` builds only tests (--build_tests_only in .bazelrc), so a target
no test depends on (a library that must compile, a binary run by hand) gets
one of these to stay built in every configuration.
"""

def build_test(name, targets, **kwargs):
    """sh_test `name`: builds `targets`; passes if their outputs exist."""
    native.sh_test(
        name = name,
        size = "small",
        srcs = ["//tools:build_test.sh"],
        args = ["$(rootpaths %s)" % t for t in targets],
        data = targets,
        **kwargs
    )
