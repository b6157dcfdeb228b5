#!/usr/bin/env python3
"""buildifier-style tidiness of BUILD, WORKSPACE and .bzl files (no buildifier
offline): 4-space indentation and no tabs or trailing blanks; load()
statements first; multi-line lists and calls end with a trailing comma; the
string lists buildifier sorts (srcs, hdrs, deps, data, ...) sorted its way:
":local" labels first, then "//", then "@" ones, each alphabetically.

    build_tidy.py FILE...     prints each problem, exits 1 if any
"""
import re
import sys

SORTED_ATTRS = {"srcs", "hdrs", "deps", "data", "textual_hdrs", "exports_files",
                "visibility", "tests", "targets", "constraint_values"}


def sort_key(s):
    phase = 0 if s.startswith(":") else 1 if s.startswith("//") else 2 if s.startswith("@") else 3
    return (phase, s.split(":"), s)


def check(path):
    problems = []
    text = open(path).read()
    lines = text.split("\n")
    seen_code = False
    in_doc = False
    for n, line in enumerate(lines, 1):
        # Inside a docstring: text, not code.
        was_doc = in_doc
        if line.count('"""') % 2:
            in_doc = not in_doc
        if was_doc:
            if line != line.rstrip():
                problems.append((n, "trailing blank"))
            continue
        if "\t" in line:
            problems.append((n, "tab"))
        if line != line.rstrip():
            problems.append((n, "trailing blank"))
        stripped = line.lstrip(" ")
        if stripped and (len(line) - len(stripped)) % 4 and not stripped.startswith(('"', "'", "#")):
            problems.append((n, "indentation not a multiple of 4"))
        if line.startswith("load("):
            # A WORKSPACE loads from the repositories it declares first.
            if seen_code and not path.endswith("WORKSPACE"):
                problems.append((n, "load() after other statements"))
        elif line and not line.startswith(("#", '"""', "load(", ")", " ")) and not line.startswith('"'):
            seen_code = True
        # A line closing a multi-line list or call: the previous element
        # line needs a trailing comma (buildifier adds it).
        if stripped in ("]", "],", ")", "),", "}", "},") and n >= 2:
            prev = lines[n - 2].strip()
            if re.match(r'^("[^"]*"|\w+ = .*[^,\[({])$', prev):
                problems.append((n - 1, "multi-line list or call without a trailing comma"))
    # Sorted string lists: ATTR = [ "a", "b", ] on several lines.
    for m in re.finditer(r'^( *)(\w+) = \[\n((?:\1    "[^"\n]*",\n)+)\1\]', text, re.M):
        attr = m.group(2)
        if attr not in SORTED_ATTRS:
            continue
        items = re.findall(r'"([^"]*)"', m.group(3))
        if items != sorted(items, key=sort_key):
            n = text[: m.start()].count("\n") + 1
            problems.append((n, "%s not sorted: %s" % (attr, ", ".join(sorted(items, key=sort_key)))))
    for m in re.finditer(r'^( *)(\w+) = \[([^\]\n]*)\]', text, re.M):
        attr = m.group(2)
        items = re.findall(r'"([^"]*)"', m.group(3))
        if attr in SORTED_ATTRS and len(items) > 1 and items != sorted(items, key=sort_key):
            n = text[: m.start()].count("\n") + 1
            problems.append((n, "%s not sorted" % attr))
    return ["%s:%d: %s" % (path, n, what) for n, what in problems]


def main(paths):
    problems = [p for path in paths for p in check(path)]
    for p in problems:
        print(p)
    if problems:
        print("build_tidy: FAIL: %d problems" % len(problems))
        return 1
    print("build_tidy: PASS: %d files" % len(paths))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
