#!/bin/sh
# run.sh DIR TARGET...: run each libFuzzer target in DIR for $FUZZ_SECONDS
# seconds on its seed corpus (tests/fuzz/corpus/TARGET), keeping new inputs
# in a scratch copy.  Fails on the first crash, leaving the input in
# build/fuzz/crashes/.
#
# run.sh -m DIR TARGET...: minimise each seed corpus in the tree instead
# (libFuzzer -merge=1).  The seeds written by hand, the ones not named by
# their SHA-1, are all kept: each shows a form or a fixed bug.  Of the
# others, only those that add coverage to them stay.
set -eu
merge=0
if [ "${1:-}" = -m ]; then
	merge=1
	shift
fi
dir=$1
shift
secs=${FUZZ_SECONDS:-10}
top=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$top/build/fuzz/crashes"
hex40='[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
hex40=$hex40$hex40$hex40$hex40$hex40
for t; do
	seeds=$top/tests/fuzz/corpus/$t
	if [ "$merge" = 1 ]; then
		[ -d "$seeds" ] || continue
		m=$top/build/fuzz/merge/$t
		rm -rf "$m"
		mkdir -p "$m/keep" "$m/gen"
		for f in "$seeds"/*; do
			[ -f "$f" ] || continue
			# shellcheck disable=SC2254 # $hex40 is a pattern
			case ${f##*/} in
			$hex40)	cp "$f" "$m/gen/" ;;
			*)	cp "$f" "$m/keep/" ;;
			esac
		done
		"$dir/$t" -merge=1 -max_len=65536 "$m/keep" "$m/gen" \
		    2>"$top/build/fuzz/$t.merge.log" || {
			echo "fuzz: $t: merge FAILED; see build/fuzz/$t.merge.log" >&2
			exit 1
		}
		before=$(find "$seeds" -type f | wc -l)
		rm -f "$seeds"/*
		cp "$m/keep"/* "$seeds"/
		after=$(find "$seeds" -type f | wc -l)
		echo "fuzz: $t: $before seeds, $after after -merge=1" >&2
		continue
	fi
	work=$top/build/fuzz/corpus/$t
	mkdir -p "$work"
	if [ -d "$seeds" ]; then
		cp -f "$seeds"/* "$work"/ 2>/dev/null || true
	fi
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
