#!/bin/sh
# The consumer program runs and prints the expected totals.
set -eu
out=$(./counters)
echo "$out"
[ "$out" = "4 CPUs, 14 events" ]
