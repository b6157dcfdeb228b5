#!/usr/bin/env bash
# build_test (build_test.bzl): every file given must exist in the runfiles.
set -u
for f in "$@"; do
	if [[ ! -e $f ]]; then
		echo "build_test: FAIL: $f was not built"
		exit 1
	fi
done
echo "build_test: PASS: $# outputs built"
