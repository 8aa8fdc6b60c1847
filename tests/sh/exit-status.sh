# exit-status.sh: every tool tells its failures apart by exit status, as
# sec-record(5) says: 1 a bad input line, 2 a usage error, 3 a failed
# write.  A script must be able to tell a full disk from a bad record.
. tests/lib.sh

rec='{"title":"CVE-2026-1234 in EdgeGate","url":"http://a.example/1","text":"Exploited from 198.51.100.7.","feed":"x","published":"2026-11-24T01:00:00Z"}'
printf '%s\n' "$rec" >"$T/good.ndjson"
printf '%s\nnot json\n' "$rec" >"$T/bad.ndjson"

# tool [args]: the filters that take records on stdin and write records
for tool in "sec-ioc" "sec-select" "sec-extract" "sec-summarize -e extractive" \
    "sec-render" "sec-render -f json" "sec-render -f ioc-csv"; do
	# shellcheck disable=SC2086
	$tool "$T/good.ndjson" >/dev/full 2>"$T/err"
	t_eq "$tool: a full stdout exits 3" 3 $?
	t_grep "$tool: a full stdout is named" '<stdout>' "$T/err"
	# shellcheck disable=SC2086
	$tool "$T/bad.ndjson" >"$T/out" 2>"$T/err"
	t_eq "$tool: a bad line exits 1" 1 $?
	t_grep "$tool: the bad line is named" 'bad.ndjson:2' "$T/err"
	# shellcheck disable=SC2086
	$tool --no-such-option </dev/null >"$T/out" 2>"$T/err"
	t_eq "$tool: an unknown option exits 2" 2 $?
done

# sec-fetch: a feed on stdin
printf '<rss version="2.0"><channel><title>t</title><item><title>a</title><link>http://a.example/1</link></item></channel></rss>\n' >"$T/feed.xml"
sec-fetch - <"$T/feed.xml" >/dev/full 2>"$T/err"
t_eq "sec-fetch: a full stdout exits 3" 3 $?
sec-fetch --no-such-option </dev/null >"$T/out" 2>"$T/err"
t_eq "sec-fetch: an unknown option exits 2" 2 $?

# sec-archive: the records of a day into a database
sec-archive -f "$T/a.db" add -d 2026-11-24 "$T/good.ndjson" 2>"$T/err"
t_eq "sec-archive add: exits 0" 0 $?
sec-archive -f "$T/a.db" days >/dev/full 2>"$T/err"
t_eq "sec-archive: a full stdout exits 3" 3 $?
t_grep "sec-archive: a full stdout is named" '<stdout>' "$T/err"
sec-archive -f "$T/a.db" add -d 2026-11-24 "$T/bad.ndjson" >"$T/out" \
    2>"$T/err"
t_eq "sec-archive: a bad line exits 1" 1 $?
t_grep "sec-archive: the bad line is named" 'bad.ndjson:2' "$T/err"
sec-archive --no-such-option </dev/null >"$T/out" 2>"$T/err"
t_eq "sec-archive: an unknown option exits 2" 2 $?
sec-archive -f /dev/full/a.db add -d 2026-11-24 "$T/good.ndjson" \
    >"$T/out" 2>"$T/err"
t_eq "sec-archive: a database that cannot be made exits 3" 3 $?

# a side output that cannot be written is a failed write too
sec-select -c tests/cases/sec-select/rules/conf --links /dev/full \
    tests/cases/sec-select/rules/in >"$T/out" 2>"$T/err"
t_eq "sec-select --links onto a full disk exits 3" 3 $?
mkdir "$T/ro"
chmod 555 "$T/ro"
if [ -w "$T/ro" ]; then
	ok "sec-render -o into a read-only directory # skipped: running as root"
else
	sec-render -o "$T/ro/r.md" "$T/good.ndjson" >"$T/out" 2>"$T/err"
	t_eq "sec-render -o into a read-only directory exits 3" 3 $?
fi
sec-render -o /dev/full/r.md "$T/good.ndjson" >"$T/out" 2>"$T/err"
t_eq "sec-render -o where no file can be made exits 3" 3 $?
