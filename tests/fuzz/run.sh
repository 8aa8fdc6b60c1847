#!/bin/sh
# run.sh DIR TARGET...: run each libFuzzer target in DIR for $FUZZ_SECONDS
# seconds on its seed corpus (tests/fuzz/corpus/TARGET), keeping new inputs
# in a scratch copy.  Fails on the first crash, leaving the input in
# build/fuzz/crashes/.
set -eu
dir=$1
shift
secs=${FUZZ_SECONDS:-10}
top=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$top/build/fuzz/crashes"
for t; do
	work=$top/build/fuzz/corpus/$t
	mkdir -p "$work"
	[ -d "$top/tests/fuzz/corpus/$t" ] &&
	    cp -f "$top/tests/fuzz/corpus/$t"/* "$work"/ 2>/dev/null || true
	echo "fuzz: $t for ${secs}s" >&2
	"$dir/$t" -max_total_time="$secs" -print_final_stats=0 \
	    -artifact_prefix="$top/build/fuzz/crashes/$t-" \
	    -max_len=65536 "$work" 2>"$top/build/fuzz/$t.log" || {
		echo "fuzz: $t FAILED; see build/fuzz/$t.log" >&2
		tail -n 30 "$top/build/fuzz/$t.log" >&2
		exit 1
	}
	grep -h 'stat::number_of_executed_units\|#[0-9]*.*DONE' \
	    "$top/build/fuzz/$t.log" | tail -n 1 >&2 || true
done
