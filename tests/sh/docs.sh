# docs.sh: every man page lints clean, and every tool's -h agrees with its
# man page: each option the help shows is in the page and each option the
# page's SYNOPSIS names is in the help.
. tests/lib.sh

for m in man/*.[0-9]; do
	[ -f "$m" ] || continue
	if command -v mandoc >/dev/null 2>&1; then
		mandoc -Tlint -W warning "$m" >"$T/lint" 2>&1
		t_empty "mandoc -Tlint $m" "$T/lint"
	fi
done

for t in "$BINDIR"/sec-* scripts/sec-daily; do
	[ -x "$t" ] || [ "$t" = scripts/sec-daily ] || continue
	n=${t##*/}
	m=man/$n.1
	if [ ! -f "$m" ]; then
		notok "$n has a man page"
		continue
	fi
	if [ "$t" = scripts/sec-daily ]; then
		t="sh $t"
	fi
	$t -h >"$T/help" 2>"$T/err"
	t_eq "$n -h exits 0" 0 $?
	t_empty "$n -h writes nothing on stderr" "$T/err"
	t_grep "$n -h starts with usage:" "^usage: $n" "$T/help"
	mandoc -Tutf8 "$m" 2>/dev/null | col -b >"$T/man"
	missing=
	for o in $(grep -o -- '--[a-z][a-z0-9-]*\|[[ ]-[A-Za-z]\b' "$T/help" |
	    sed 's/^[[ ]//' | sort -u); do
		grep -q -- "$o" "$T/man" || missing="$missing $o"
	done
	t_eq "$n: every option of -h is in $m" "" "$missing"
	# and each option the page's SYNOPSIS names is in -h
	sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' "$T/man" >"$T/syn"
	missing=
	for o in $(grep -o -- '--[a-z][a-z0-9-]*' "$T/syn" | sort -u) \
	    $(grep -o '\[-[A-Za-z0-9]*[] ]' "$T/syn" | sed 's/[][ -]//g' |
	    fold -w1 | sort -u | sed 's/^/-/'); do
		grep -q -- "$o\b" "$T/help" || missing="$missing $o"
	done
	t_eq "$n: every option of the SYNOPSIS of $m is in -h" "" "$missing"
	$t -V >"$T/ver" 2>&1
	t_grep "$n -V prints its version" "^$n [0-9]" "$T/ver"
	$t --no-such-option </dev/null >"$T/out" 2>"$T/err"
	t_eq "$n: an unknown option exits 2" 2 $?
	t_grep "$n: an unknown option shows the usage" "usage: $n" "$T/err"
done
ok "docs checked"
