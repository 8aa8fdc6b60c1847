# lib.sh: helpers for tests/sh/*.sh scripts, sourced by them.  Each check
# prints "ok - NAME" or "not ok - NAME" followed by "# " detail lines; run.sh
# counts them.  $T is a scratch directory removed on exit; the tools are on
# PATH.
set -u
T=$(mktemp -d "${TESTTMP:-/tmp}/t.XXXXXX")
trap 'rm -rf "$T"' EXIT
SRCDIR=${SRCDIR:-$(pwd)}

ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; }

# t_eq NAME EXPECTED ACTUAL
t_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		notok "$1"
		printf '# expected: %s\n# got:      %s\n' "$2" "$3"
	fi
}

# t_run CMD...: run a command; stdout in $T/out, stderr in $T/err, status
# in $rc.  Standard input is inherited, so redirect it at the call.
t_run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}

# t_rc NAME EXPECTED: check the status of the last t_run
t_rc() {
	if [ "$rc" = "$2" ]; then
		ok "$1"
	else
		notok "$1"
		echo "# exit status $rc, expected $2"
		sed 's/^/# stderr: /' "$T/err" | head -n 10
	fi
}

# t_same NAME EXPECTED_FILE ACTUAL_FILE
t_same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		notok "$1"
		diff -u "$2" "$3" | head -n 40 | sed 's/^/# /'
	fi
}

# t_grep NAME PATTERN FILE: FILE has a line matching the basic regex
t_grep() {
	if grep -q -- "$2" "$3"; then
		ok "$1"
	else
		notok "$1"
		echo "# no line matches: $2"
		head -n 10 "$3" | sed 's/^/# /'
	fi
}

# t_nogrep NAME PATTERN FILE: no line of FILE matches
t_nogrep() {
	if grep -q -- "$2" "$3"; then
		notok "$1"
		grep -- "$2" "$3" | head -n 5 | sed 's/^/# matched: /'
	else
		ok "$1"
	fi
}

# t_empty NAME FILE
t_empty() {
	if [ -s "$2" ]; then
		notok "$1"
		head -n 10 "$2" | sed 's/^/# /'
	else
		ok "$1"
	fi
}

# t_csv_ok NAME FILE...: the CSV files pass sec-render --check, the
# report author's rules for the IOC, events and event-tags CSVs
t_csv_ok() {
	_n=$1
	shift
	if sec-render --check "$@" >"$T/check.out" 2>&1; then
		ok "$_n"
	else
		notok "$_n"
		grep -v ' checked, \|: ok$' "$T/check.out" | head -n 10 |
		    sed 's/^/# /'
	fi
}

# free_port: a TCP port that nothing listens on now
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# start_server NAME CMD...: start a background server that prints its
# port as its first line of output; sets $port and ${NAME}_pid.  The
# server is killed on exit.
start_server() {
	_n=$1
	shift
	"$@" >"$T/$_n.port" 2>"$T/$_n.log" &
	eval "${_n}_pid=$!"
	_i=0
	while [ ! -s "$T/$_n.port" ] && [ $_i -lt 600 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	# shellcheck disable=SC2034 # the caller reads it
	port=$(head -n 1 "$T/$_n.port")
	_pids="${_pids:-} $(eval echo \$${_n}_pid)"
	trap 'kill $_pids 2>/dev/null; rm -rf "$T"' EXIT
}
