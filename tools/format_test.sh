#!/usr/bin/env bash
# Every C, C++ and header file in the repository is clang-format clean
# (.clang-format at the root), and every BUILD, WORKSPACE and .bzl file is
# tidy the way buildifier leaves it (tools/build_tidy.py). Reads the working
# tree (the script's real location), so it is tagged `external`: never
# cached.
set -uo pipefail
root=$(dirname "$(dirname "$(readlink -f "$0")")")
cd "$root" || exit 1
mapfile -t files < <(git ls-files '*.c' '*.h' '*.cc' 2>/dev/null ||
	find percpu hv_demo tests tools -name '*.[ch]' -o -name '*.cc')
if ! command -v clang-format >/dev/null; then
	echo "format_test: FAIL: clang-format not found (tools/setup installs it)"
	exit 1
fi
if ! clang-format --dry-run -Werror "${files[@]}"; then
	echo "format_test: FAIL: run clang-format -i on the files above"
	exit 1
fi
mapfile -t build_files < <(git ls-files 'BUILD' '*/BUILD' 'WORKSPACE' '*/WORKSPACE' '*.bzl' '*.BUILD')
if ! python3 tools/build_tidy.py "${build_files[@]}"; then
	echo "format_test: FAIL: tidy the BUILD files above"
	exit 1
fi
echo "format_test: PASS: ${#files[@]} C files formatted, ${#build_files[@]} BUILD files tidy"
