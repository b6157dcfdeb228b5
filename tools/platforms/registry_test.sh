#!/usr/bin/env bash
# The registry (registry.bzl, written out as REGISTRY) against .bazelrc and
# tools/test: the same configurations, tools/test in the registry's order,
# each configuration's --platforms as its row says (host and configurations
# without a --platforms line: .bazelrc's default), and no configuration in
# .bazelrc that is neither a row nor a fragment.
#
#   registry_test.sh REGISTRY BAZELRC TOOLS_TEST
set -uo pipefail
registry=$1 bazelrc=$2 tools_test=$3
errors=0
fail() {
	echo "registry_test: $*"
	errors=$((errors + 1))
}

mapfile -t rows < <(grep -vE '^(fragment|platform) ' "$registry")
mapfile -t fragments < <(sed -n 's/^fragment //p' "$registry")
names=("${rows[@]%% *}")

# tools/test's all_configs=( ... ), comments dropped.
listed=$(sed -n '/^all_configs=(/,/^)/p' "$tools_test" | sed '1d;$d;s/#.*//' | tr -s ' \t\n' ' ')
read -ra listed <<<"$listed"
[[ ${listed[*]} == "${names[*]}" ]] ||
	fail "tools/test runs (${listed[*]}), the registry has (${names[*]})"

default=$(sed -n 's|^build --platforms=//tools/platforms:||p' "$bazelrc")
for row in "${rows[@]}"; do
	name=${row%% *} platform=${row#* }
	if [[ $name == host ]]; then
		got=$default
	else
		grep -qE "^(build|test):$name " "$bazelrc" || {
			fail "config $name is in the registry but not in .bazelrc"
			continue
		}
		got=$(sed -n "s|^build:$name --platforms=//tools/platforms:||p" "$bazelrc")
		[[ -n $got ]] || got=$default
	fi
	[[ $got == "$platform" ]] ||
		fail "config $name builds for '$got' in .bazelrc, the registry says '$platform'"
done

known=" ${names[*]} ${fragments[*]} "
while read -r name; do
	[[ $known == *" $name "* ]] ||
		fail "config $name is in .bazelrc but not in the registry (tools/platforms/registry.bzl)"
done < <(sed -nE 's/^(build|test):([A-Za-z0-9_]+) .*/\2/p' "$bazelrc" | sort -u)

if ((errors)); then
	echo "registry_test: FAIL ($errors problems)"
	exit 1
fi
echo "registry_test: PASS: ${#names[@]} configurations, ${#fragments[@]} fragments agree"
