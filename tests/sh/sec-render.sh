# sec-render.sh: output errors, atomic -o, the default date, and the
# man page's example.
. tests/lib.sh
D=$SRCDIR/tests/data/render

# a full disk is an error with a message
sec-render "$D/day.ndjson" >/dev/full 2>"$T/err"
t_eq "write to /dev/full exits 3" 3 $?
t_grep "write to /dev/full says so" "sec-render: <stdout>" "$T/err"

# the streamed JSON too
sec-render -f json "$D/day.ndjson" >/dev/full 2>"$T/err"
t_eq "-f json to /dev/full exits 3" 3 $?
t_grep "-f json to /dev/full says so" "sec-render: <stdout>" "$T/err"

# a closed pipe ends it quietly
sec-render "$D/day.ndjson" 2>"$T/err" | head -n 1 >"$T/out"
t_empty "| head -n1 writes nothing on stderr" "$T/err"
t_eq "| head -n1 gets the title" "# Daily Security Info" "$(cat "$T/out")"

# -o writes the same bytes as stdout, atomically, with no temporary left
sec-render "$D/day.ndjson" >"$T/stdout.md"
t_run sec-render -o "$T/report.md" "$D/day.ndjson"
t_rc "-o exits 0" 0
t_empty "-o writes nothing on stdout" "$T/out"
t_same "-o file equals stdout" "$T/stdout.md" "$T/report.md"
t_eq "-o leaves no temporary file" "report.md" \
    "$(cd "$T" && ls report.md* 2>/dev/null | tr '\n' ' ' | sed 's/ $//')"

# a run that cannot write keeps the old report
printf 'old report\n' >"$T/keep.md"
mkdir "$T/ro" && cp "$T/keep.md" "$T/ro/keep.md" && chmod 555 "$T/ro"
if [ ! -w "$T/ro" ]; then
	t_run sec-render -o "$T/ro/keep.md" "$D/day.ndjson"
	t_rc "-o into a read-only directory exits 3" 3
	t_grep "-o failure names the file" "ro/keep.md" "$T/err"
	t_same "-o failure leaves the old file alone" "$T/keep.md" \
	    "$T/ro/keep.md"
else
	ok "-o read-only case skipped: root ignores directory permissions"
fi
chmod 755 "$T/ro"
mkdir "$T/isdir"
t_run sec-render -o "$T/isdir" "$D/day.ndjson"
t_rc "-o onto a directory exits 3" 3
t_eq "-o onto a directory leaves no temporary file" "isdir" \
    "$(cd "$T" && ls -d isdir* | tr '\n' ' ' | sed 's/ $//')"
t_run sec-render -o "$T/no/such/dir/x.md" "$D/day.ndjson"
t_rc "-o into a missing directory exits 3" 3
t_eq "-o failure creates nothing" "" "$(ls "$T/no" 2>/dev/null)"

# an input that cannot be read, or no record at all, keeps the old report
for f in md json ioc-csv; do
	printf 'good report\n' >"$T/keep.md"
	t_run sec-render -f $f -o "$T/keep.md" "$T/typo.ndjson" "$D/day.ndjson"
	t_rc "-o -f $f with a missing input exits 1" 1
	t_grep "-o -f $f with a missing input names it" "typo.ndjson: No such" \
	    "$T/err"
	t_eq "-o -f $f with a missing input keeps the file" "good report" \
	    "$(cat "$T/keep.md")"
	t_run sec-render -f $f -o "$T/keep.md" "$D/day.ndjson" "$T"
	t_rc "-o -f $f with a directory operand exits 1" 1
	t_eq "-o -f $f with a directory operand keeps the file" "good report" \
	    "$(cat "$T/keep.md")"
	# opened, then a read fails part-way (EIO): still not a whole day
	t_run sec-render -f $f -o "$T/keep.md" "$D/day.ndjson" /proc/self/mem
	t_rc "-o -f $f with a read error exits 1" 1
	t_eq "-o -f $f with a read error keeps the file" "good report" \
	    "$(cat "$T/keep.md")"
	t_run sec-render -f $f -o "$T/keep.md" </dev/null
	t_rc "-o -f $f without records exits 1" 1
	t_grep "-o -f $f without records says so" "keep.md: not written" \
	    "$T/err"
	t_eq "-o -f $f without records keeps the file" "good report" \
	    "$(cat "$T/keep.md")"
	printf 'nope\n' >"$T/junk.ndjson"
	t_run sec-render -f $f -o "$T/keep.md" "$T/junk.ndjson"
	t_rc "-o -f $f with no good record exits 1" 1
	t_eq "-o -f $f with no good record keeps the file" "good report" \
	    "$(cat "$T/keep.md")"
	t_run sec-render -E -f $f -o "$T/keep.md" </dev/null
	t_rc "-E -o -f $f without records exits 0" 0
	sec-render -f $f </dev/null >"$T/empty.$f"
	t_same "-E -o -f $f writes the empty report" "$T/empty.$f" "$T/keep.md"
done
t_run sec-render --allow-empty -o "$T/keep.md" </dev/null
t_rc "--allow-empty is -E" 0
# with no file yet there is nothing to lose: the empty report is written
t_run sec-render -o "$T/new.md" </dev/null
t_rc "-o without records and without a file exits 0" 0
sec-render </dev/null >"$T/empty.md"
t_same "-o without records and without a file writes the empty report" \
    "$T/empty.md" "$T/new.md"

# bad records: the report is still written to -o, and the status is 1
printf '{"section":"tools","title":"a","url":"https://a.example/"}\nnope\n' |
    sec-render -o "$T/bad.md" 2>"$T/err"
t_eq "-o with a bad line exits 1" 1 $?
t_grep "-o with a bad line still writes the good record" \
    '^- \[a\](https://a.example/)$' "$T/bad.md"
t_grep "-o with a bad line names it" "<stdin>:2:" "$T/err"

# -o - is stdout
t_run sec-render -o - "$D/day.ndjson"
t_same "-o - writes stdout" "$T/stdout.md" "$T/out"

# the default date is today in local time; TZ decides which day that is
now=$(date +%s)
for tz in UTC Pacific/Kiritimati Etc/GMT+12; do
	want=$(TZ=$tz date +%Y-%m-%d)
	got=$(TZ=$tz sec-render -f json </dev/null |
	    sed -n 's/^  "date": "\(.*\)",$/\1/p')
	[ "$(date +%s)" -lt $((now + 5)) ] || continue
	t_eq "default date in TZ=$tz" "$want" "$got"
done
# without TZ (or with an empty one) the day is Japan's, as in sec-daily
for tz in unset empty; do
	want=$(TZ=JST-9 date +%Y-%m-%d)
	if [ $tz = unset ]; then
		got=$(env -u TZ sec-render -f json </dev/null)
	else
		got=$(TZ='' sec-render -f json </dev/null)
	fi
	got=$(printf '%s\n' "$got" | sed -n 's/^  "date": "\(.*\)",$/\1/p')
	[ "$(date +%s)" -lt $((now + 5)) ] || continue
	t_eq "default date with TZ $tz is Japan's" "$want" "$got"
done
t_run sec-render -f ioc-csv "$D/day.ndjson"
t_grep "the CSV uses the default date" ",$(TZ=${TZ:-JST-9} date +%Y-%m-%d)," \
    "$T/out"

# the JSON document parses and agrees with the Markdown
sec-render -f json -d 2026-11-25 "$D/day.ndjson" >"$T/day.json"
if command -v python3 >/dev/null 2>&1; then
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
news = [s for s in d["sections"] if s["key"] == "news"][0]
print(len(d["sections"]), len(news["articles"]),
      sum(len(a["iocs"]) for a in news["articles"]))
' "$T/day.json" >"$T/counts"
	t_eq "JSON has 7 sections, 3 articles, 6 IOCs" "7 3 6" \
	    "$(cat "$T/counts")"
	t_eq "Markdown has the same 6 IOC rows" 6 \
	    "$(grep -c ',NA(IP以外)$\|,グローバル$\|,プライベート$' "$T/stdout.md")"
fi

# the man page's EXAMPLES pipeline runs as written
sed -n '/^\.Sh EXAMPLES/,/^\.Sh/p' man/sec-render.1 |
    sed -n '/^\.Bd/,/^\.Ed/p' | grep -v '^\.' |
    grep '^\$ sec-render' | sed 's/^\$ //' >"$T/examples"
t_eq "the man page has sec-render examples" 1 \
    "$([ -s "$T/examples" ] && echo 1 || echo 0)"
mkdir "$T/ex" && cp "$D/day.ndjson" "$D/preamble.md" "$D/notes.md" "$T/ex/"
(cd "$T/ex" && while IFS= read -r cmd; do
	case $cmd in
	*"| jq"*) command -v jq >/dev/null 2>&1 || continue ;;
	esac
	sh -c "$cmd" >/dev/null 2>&1 </dev/null || echo "failed: $cmd"
done <"$T/examples") >"$T/exfail"
t_empty "the man page's examples run" "$T/exfail"

# -f json streams: 300,000 tiny records (4 MB) took 1 GB when the whole
# document was built in memory; now the articles go through temporary
# files and the document to stdout as it is written, so 100 MB of
# address space is plenty (no cap under ASan, which reserves terabytes)
awk 'BEGIN { for (i = 0; i < 300000; i++)
	printf "{\"id\":\"r%d\",\"section\":\"%s\"}\n", i,
	    i % 3 ? "tools" : "news" }' >"$T/many.ndjson"
sh -c '[ -n "${ASAN_OPTIONS+x}" ] || ulimit -v 100000
    exec sec-render -f json -d 2026-11-25 "$1"' sh "$T/many.ndjson" \
    2>"$T/err" | awk '/^          "id": "r[0-9]*",$/ { n++ }
	END { print n + 0 } { last = $0 } END { print last }' >"$T/counts"
t_empty "-f json of 300,000 records under ulimit -v: no error" "$T/err"
t_eq "-f json of 300,000 records under ulimit -v: every record, whole" \
    "300000 }" "$(tr '\n' ' ' <"$T/counts" | sed 's/ $//')"
# -o -f json goes through a temporary file: the same bytes as stdout
sec-render -f json -d 2026-11-25 "$T/many.ndjson" >"$T/many.json"
# and so does -o: streamed into a temporary beside the file, which the
# document (80 MB) would not fit beside in 50 MB of address space
sh -c '[ -n "${ASAN_OPTIONS+x}" ] || ulimit -v 50000
    exec sec-render -f json -d 2026-11-25 -o "$1" "$2"' sh "$T/many-o.json" \
    "$T/many.ndjson" >"$T/out" 2>"$T/err"
rc=$?
t_rc "-o -f json of 300,000 records under ulimit -v exits 0" 0
t_eq "-o -f json leaves no temporary beside the file" "many-o.json" \
    "$(cd "$T" && ls -d many-o.json*)"
t_same "-o -f json writes what stdout gets" "$T/many.json" "$T/many-o.json"

# no user:pass@ leaves sec-render, not even from --preamble or --notes
printf 'archive: https://me:secret@archive.example/x\n' >"$T/pre.md"
printf -- '- ftp://u:pw@files.example/y\n' >"$T/notes.md"
for f in md json; do
	t_run sec-render -f $f --preamble "$T/pre.md" --notes "$T/notes.md" \
	    "$D/day.ndjson"
	t_nogrep "-f $f: --preamble and --notes lose their userinfo" \
	    'secret@\|pw@' "$T/out"
	t_grep "-f $f: --preamble keeps the URL" 'https://archive.example/x' \
	    "$T/out"
done
