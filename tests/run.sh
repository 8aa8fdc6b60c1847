#!/bin/sh
# run.sh: the test driver.  Runs, in order:
#   - the C unit tests named in $UNIT_TESTS, built in $UNITDIR;
#   - every case directory tests/cases/<tool>/<name>/ holding
#       cmd   a shell command line (tools are on PATH),
#       in    its standard input (else /dev/null),
#       out   the expected standard output,
#       err   the expected standard error (optional; else not compared),
#       rc    the expected exit status (optional; else 0),
#     once under LC_ALL=C and once under LC_ALL=C.UTF-8, which must agree;
#   - every script tests/sh/*.sh, which prints "ok - ..." and
#     "not ok - ..." lines (see tests/lib.sh).
# Arguments filter by substring of the test's path.  The last line is
# "N passed, N failed".  SEC_WRAP="valgrind -q --error-exitcode=99" runs
# every tool under that command.
set -u
LC_ALL=C
export LC_ALL
# the tests never reach a real API with the keys of whoever runs them
unset SEC_SUMMARIZE_ENGINE SEC_SUMMARIZE_MODEL OPENAI_API_KEY \
    OPENAI_API_KEY_FILE AZURE_OPENAI_API_KEY AZURE_OPENAI_API_KEY_FILE \
    ANTHROPIC_API_KEY ANTHROPIC_API_KEY_FILE ANTHROPIC_AUTH_TOKEN \
    ANTHROPIC_AUTH_TOKEN_FILE OPENAI_BASE_URL OPENAI_API_BASE \
    ANTHROPIC_BASE_URL 2>/dev/null || true

SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "${BINDIR:-$SRCDIR/bin}" 2>/dev/null
BINDIR=$(cd "${BINDIR:-$SRCDIR/bin}" && pwd)
UNITDIR=${UNITDIR:-$SRCDIR/build/tests/unit}
case $UNITDIR in /*) ;; *) UNITDIR=$SRCDIR/$UNITDIR ;; esac
UNIT_TESTS=${UNIT_TESTS:-}
TESTTMP=$(mktemp -d "${TMPDIR:-/tmp}/sec-tests.XXXXXX")
trap 'rm -rf "$TESTTMP"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

TOOLPATH=$BINDIR
if [ -n "${SEC_WRAP:-}" ]; then
	TOOLPATH=$TESTTMP/wrap
	mkdir -p "$TOOLPATH"
	for t in "$BINDIR"/*; do
		[ -x "$t" ] || continue
		printf '#!/bin/sh\nexec %s %s "$@"\n' "$SEC_WRAP" "$t" \
		    >"$TOOLPATH/${t##*/}"
		chmod +x "$TOOLPATH/${t##*/}"
	done
fi
PATH=$TOOLPATH:$SRCDIR/scripts:$PATH
export PATH SRCDIR BINDIR TESTTMP

pass=0
fail=0

selected() {
	[ $# -gt 1 ] || return 0
	_name=$1
	shift
	for _pat; do
		case $_name in *"$_pat"*) return 0 ;; esac
	done
	return 1
}

# tally FILE NAME: count the ok/not ok lines a test program printed
tally() {
	_p=$(grep -c '^ok' "$1")
	_f=$(grep -c '^not ok' "$1")
	pass=$((pass + _p))
	fail=$((fail + _f))
	if [ "$_f" -gt 0 ]; then
		echo "FAIL: $2"
		grep -v '^ok' "$1" | sed 's/^/    /' | head -n 60
	fi
}

for u in $UNIT_TESTS; do
	selected "unit/$u" "$@" || continue
	out=$TESTTMP/unit.out
	(cd "$SRCDIR" && "$UNITDIR/$u") >"$out" 2>&1
	rc=$?
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$out"; then
		echo "not ok - $u exited $rc" >>"$out"
	fi
	tally "$out" "unit/$u"
done

runcase() {	# runcase DIR LOCALE -> output in $TESTTMP/case.{out,err,rc}
	rm -rf "$TESTTMP/work"
	mkdir -p "$TESTTMP/work"
	_in=/dev/null
	[ -f "$1/in" ] && _in=$1/in
	(cd "$TESTTMP/work" && CASEDIR=$1 LC_ALL=$2 sh -c "$(cat "$1/cmd")" \
	    <"$_in" >"$TESTTMP/case.out" 2>"$TESTTMP/case.err")
	echo $? >"$TESTTMP/case.rc"
}

for d in "$SRCDIR"/tests/cases/*/*/; do
	[ -f "$d/cmd" ] || continue
	d=${d%/}
	name=${d#"$SRCDIR"/tests/}
	selected "$name" "$@" || continue
	want_rc=0
	[ -f "$d/rc" ] && want_rc=$(cat "$d/rc")
	problems=
	for loc in C C.UTF-8; do
		runcase "$d" "$loc"
		got_rc=$(cat "$TESTTMP/case.rc")
		[ "$got_rc" = "$want_rc" ] ||
		    problems="$problems
    [$loc] exit status $got_rc, expected $want_rc"
		if [ -f "$d/out" ] && ! cmp -s "$d/out" "$TESTTMP/case.out"; then
			problems="$problems
    [$loc] stdout differs:
$(diff -u "$d/out" "$TESTTMP/case.out" | head -n 40 | sed 's/^/      /')"
		fi
		if [ -f "$d/err" ] && ! cmp -s "$d/err" "$TESTTMP/case.err"; then
			problems="$problems
    [$loc] stderr differs:
$(diff -u "$d/err" "$TESTTMP/case.err" | head -n 20 | sed 's/^/      /')"
		fi
		if [ -n "${SEC_WRAP:-}" ] && [ "$got_rc" = 99 ]; then
			problems="$problems
    [$loc] $SEC_WRAP reported errors"
		fi
	done
	if [ -z "$problems" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name$problems"
		[ -s "$TESTTMP/case.err" ] && [ ! -f "$d/err" ] &&
		    sed 's/^/    stderr: /' "$TESTTMP/case.err" | head -n 10
	fi
done

for s in "$SRCDIR"/tests/sh/*.sh; do
	[ -f "$s" ] || continue
	name=${s#"$SRCDIR"/tests/}
	selected "$name" "$@" || continue
	out=$TESTTMP/sh.out
	(cd "$SRCDIR" && sh "$s") >"$out" 2>&1
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "not ok - $name exited $rc" >>"$out"
	fi
	if ! grep -q '^ok\|^not ok' "$out"; then
		echo "not ok - $name ran no check" >>"$out"
	fi
	tally "$out" "$name"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
