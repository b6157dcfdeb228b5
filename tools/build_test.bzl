"""build_test(): a test that passes when its targets build.

`bazel test` builds only tests (--build_tests_only in .bazelrc), so a target
no test depends on (a library that must compile, a binary run by hand) gets
one of these to stay built in every configuration.
"""

def _build_test_impl(ctx):
    files = depset(transitive = [t[DefaultInfo].files for t in ctx.attr.targets])
    script = ctx.actions.declare_file(ctx.label.name + ".sh")
    paths = " ".join(["'%s'" % f.short_path for f in files.to_list()])
    ctx.actions.write(
        output = script,
        content = """#!/usr/bin/env bash
for f in {paths}; do
	[[ -e $f ]] || {{ echo "build_test: FAIL: $f was not built"; exit 1; }}
done
echo "build_test: PASS: every output of {targets} was built"
""".format(
            paths = paths,
            targets = ", ".join([str(t.label) for t in ctx.attr.targets]),
        ),
        is_executable = True,
    )
    return [DefaultInfo(executable = script, runfiles = ctx.runfiles(transitive_files = files))]

build_test = rule(
    implementation = _build_test_impl,
    doc = "Passes when every output of `targets` was built (a failed build fails it).",
    attrs = {"targets": attr.label_list(mandatory = True)},
    test = True,
)
