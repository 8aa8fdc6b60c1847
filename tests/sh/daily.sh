# daily.sh: what sec-daily and daily.mk must never do to a day: replace a
# good report with a worse one, lose records to a second run, leave
# processes and files behind when killed, fetch before the engine is known
# to work, or disagree on the day's window.  Offline, on data/demo.
. tests/lib.sh

DAY=2026-11-25
STAMP=20261125

missing=
for t in sec-fetch sec-ioc sec-select sec-extract sec-summarize sec-render; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
if [ -n "$missing" ]; then
	ok "daily # SKIP not built yet:$missing"
	exit 0
fi

export XDG_CACHE_HOME="$T/cache" XDG_CONFIG_HOME="$T/config"
export TMPDIR="$T/tmp"
mkdir -p "$TMPDIR"
unset OPENAI_API_KEY ANTHROPIC_API_KEY SEC_SUMMARIZE_ENGINE \
    SEC_SUMMARIZE_MODEL OPENAI_BASE_URL ANTHROPIC_BASE_URL \
    SEC_FETCH_FLAGS SEC_SUMMARIZE_FLAGS SEC_SOURCES_FLAGS 2>/dev/null
export TZ=JST-9
BIN=${BINDIR:-$SRCDIR/bin}
export SEC_BINDIR="$BIN"
daily="sh scripts/sec-daily"
mk="make -s -f scripts/daily.mk"

# fakebin DIR: the real tools, linked, to be overridden one by one
fakebin() {
	mkdir -p "$1"
	for t in sec-fetch sec-ioc sec-select sec-extract sec-summarize \
	    sec-render; do
		ln -sf "$BIN/$t" "$1/$t"
	done
}

# a good day to start from
out=$T/day
$daily -q -d $DAY --offline data/demo -e extractive -o "$out" \
    >/dev/null 2>"$T/err"
t_eq "the demo day is made (one page missing)" 1 $?
t_grep "the summary line names the engine" '; engine extractive$' "$T/err"
# the stage after sec-summarize: the cited sources and their IOC pages
t_grep "the EdgeGate card's primary source is fetched" \
    '"sources":\[{"url":"http://advisories.corvane.example/CVE-2026-41234","kind":"primary"' \
    "$out/$STAMP.ndjson"
t_grep "... and the IOC page it links" \
    '"url":"http://advisories.corvane.example/CVE-2026-41234/iocs.txt","kind":"ioc-page"' \
    "$out/$STAMP.ndjson"
t_grep "an indicator of the IOC page only is in the records, found_in it" \
    '"value":"203.0.113.201",[^}]*"found_in":"http://advisories.corvane.example/CVE-2026-41234/iocs.txt"' \
    "$out/$STAMP.ndjson"
t_grep "one of the STIX bundle, with origin and observed" \
    '"value":"edgegate-telemetry.net",[^}]*"observed":"2026-11-19","origin":"stix","found_in":"http://advisories.corvane.example/CVE-2026-41234/indicators.json"' \
    "$out/$STAMP.ndjson"
$mk DATE=$DAY OUT="$T/lim" ENGINE=extractive SOURCES_FLAGS='--max-sources 1' \
    DAILY_FLAGS='--offline data/demo' >/dev/null 2>&1
t_grep "daily.mk SOURCES_FLAGS bound the stage: the primary source only" \
    '"sources":\[{"url":"http://advisories.corvane.example/CVE-2026-41234","kind":"primary","parent":"[^"]*","format":"html"[^]]*\]}\]' \
    "$T/lim/$STAMP.ndjson"
t_nogrep "... and no IOC page" '"kind":"ioc-page"' "$T/lim/$STAMP.ndjson"
cp "$out/$STAMP.md" "$T/good.md"
cp "$out/$STAMP.ndjson" "$T/good.ndjson"
cp "$out/$STAMP.csv" "$T/good.csv"
for f in events.csv event_tags.csv log.md; do
	cp "$out/$STAMP.$f" "$T/good.$f" 2>/dev/null
done
t_grep "the demo day has its events beside the report" \
    "^${DAY}_[a-z0-9_]*,$DAY,2026-W48,2026-11," "$out/$STAMP.events.csv"
t_grep "and its events' source_file is the report" ",$STAMP.md," \
    "$out/$STAMP.events.csv"
t_grep "and the tags file its header" \
    '^event_key,dimension,raw_value,normalized_value,confidence,note$' \
    "$out/$STAMP.event_tags.csv"
t_grep "and the day log its counts" '^- articles: [1-9]' "$out/$STAMP.log.md"

# ------------------------------------------------- (1) an outage
mkdir -p "$T/dead"
i=0
while [ $i -lt 23 ]; do
	printf 'gone%d http://gone%d.example/feed.xml section=news\n' $i $i
	i=$((i + 1))
done >"$T/dead/feeds.conf"
t_run $daily -q -d $DAY --offline "$T/dead" -e extractive -o "$out"
t_rc "every feed failing exits 2" 2
t_grep "it says no feed could be fetched" 'no feed could be fetched' \
    "$T/err"
t_same "the day's report is left as it was" "$T/good.md" "$out/$STAMP.md"
t_same "the day's archive is left as it was" "$T/good.ndjson" \
    "$out/$STAMP.ndjson"
t_same "the day's CSV is left as it was" "$T/good.csv" "$out/$STAMP.csv"
for f in events.csv event_tags.csv log.md; do
	t_same "the day's $f is left as it was" "$T/good.$f" "$out/$STAMP.$f"
done
t_eq "no .new report either" "" "$(find "$out" -maxdepth 1 -name '*new*')"
t_grep "23 failed feeds: the count" '23 feed(s) failed' "$T/err"
t_eq "23 failed feeds: 20 are listed" 20 "$(grep -c '^    feed: ' "$T/err")"
t_grep "23 failed feeds: and the 3 left out are counted" \
    '^    \.\.\. and 3 more$' "$T/err"

# a run whose every summary fails is worse than the day's report: kept
fakebin "$T/crash"
printf '#!/bin/sh\ncase "$1" in --help|-h) exit 0 ;; esac\nkill -SEGV $$\n' \
    >"$T/crash/sec-summarize.new"
rm -f "$T/crash/sec-summarize"
mv "$T/crash/sec-summarize.new" "$T/crash/sec-summarize"
chmod +x "$T/crash/sec-summarize"
SEC_BINDIR=$T/crash $daily -q -d $DAY --offline data/demo -o "$out" \
    >"$T/out" 2>"$T/err"
rc=$?
t_rc "a run with no summary exits 1" 1
t_same "it leaves the better report in place" "$T/good.md" "$out/$STAMP.md"
t_same "and its archive" "$T/good.ndjson" "$out/$STAMP.ndjson"
t_grep "it writes its own beside it" '^#### ' "$out/$STAMP.new.md"
t_grep "it says which report it kept and how to replace it" \
    "kept .*$STAMP.md (7 summarised articles, this run 0).*--force" \
    "$T/err"
SEC_BINDIR=$T/crash $daily -q --force -d $DAY --offline data/demo -o "$out" \
    >"$T/out" 2>"$T/err"
rc=$?
t_rc "--force replaces it (still status 1: the crash)" 1
t_eq "the forced report is this run's" 1 \
    "$(cmp -s "$T/good.md" "$out/$STAMP.md" || echo 1)"
t_eq "the stale .new files are gone" "" "$(find "$out" -maxdepth 1 -name '*new*')"
# a good run replaces a worse one without --force
t_run $daily -q -d $DAY --offline data/demo -e extractive -o "$out"
t_same "a better run replaces the worse report" "$T/good.md" "$out/$STAMP.md"

# ------------------------------------------------- (17) --check first
fakebin "$T/chk"
rm -f "$T/chk/sec-fetch" "$T/chk/sec-summarize"
cat >"$T/chk/sec-fetch" <<EOF
#!/bin/sh
case "\$1" in --help|-h) exec "$BIN/sec-fetch" "\$@" ;; esac
echo "\$*" >>"$T/fetch.log"
exec "$BIN/sec-fetch" "\$@"
EOF
cat >"$T/chk/sec-summarize" <<EOF
#!/bin/sh
case "\$1" in
--help|-h)	echo '      --check          check the engine and key, and exit'
		exit 0 ;;
--check)	echo "check \$*" >>"$T/sum.log"
		[ -n "\${FAKE_CHECK_FAIL:-}" ] &&
		    { echo 'sec-summarize: openai: no OPENAI_API_KEY' >&2; exit 2; }
		echo 'engine=fake model=fake-model-1'; exit 0 ;;
esac
echo "run \$*" >>"$T/sum.log"
exec "$BIN/sec-summarize" -e extractive
EOF
chmod +x "$T/chk/sec-fetch" "$T/chk/sec-summarize"
: >"$T/fetch.log"
: >"$T/sum.log"
FAKE_CHECK_FAIL=1 SEC_BINDIR=$T/chk \
    $daily -q -d $DAY --offline data/demo -e openai -m gpt-x -o "$T/c" \
    >"$T/out" 2>"$T/err"
rc=$?
t_rc "a failed sec-summarize --check exits 2" 2
t_grep "its message is shown" 'no OPENAI_API_KEY' "$T/err"
t_empty "nothing was fetched" "$T/fetch.log"
t_grep "--check got the same -e and -m" '^check --check -e openai -m gpt-x$' \
    "$T/sum.log"
t_eq "no report" "" "$(find "$T/c" -mindepth 1 -maxdepth 1 ! -name '*lock*' 2>/dev/null)"
SEC_BINDIR=$T/chk \
    $daily -q -d $DAY --offline data/demo -e openai -m gpt-x -o "$T/c" \
    >"$T/out" 2>"$T/err"
rc=$?
t_rc "with --check passing the run goes on" 1
t_grep "the summary line names the engine and model --check gave" \
    '; engine fake, model fake-model-1$' "$T/err"
t_grep "-e and -m reach sec-summarize unchanged" '^run -e openai -m gpt-x$' \
    "$T/sum.log"

: >"$T/fetch.log"
: >"$T/sum.log"
FAKE_CHECK_FAIL=1 $mk DATE=$DAY OUT="$T/cmk" CONFIG=data/demo/feeds.conf \
    ENGINE=openai MODEL=gpt-x BIN="$T/chk/" >"$T/out" 2>"$T/err"
t_eq "daily.mk stops too when --check fails" 1 "$([ $? -ne 0 ] && echo 1)"
t_grep "and says so" '--check failed.*nothing fetched' "$T/err"
t_nogrep "having fetched nothing" '^-c ' "$T/fetch.log"
t_grep "daily.mk's --check has its -e and -m" \
    '^check --check -e openai -m gpt-x$' "$T/sum.log"

# ------------------------------------------------- (19) --dry-run
: >"$T/fetch.log"
: >"$T/sum.log"
SEC_BINDIR=$T/chk $daily --dry-run -d $DAY --offline data/demo -o "$T/dry" \
    >"$T/out" 2>"$T/err"
rc=$?
t_rc "--dry-run exits 0" 0
t_eq "it lists the 7 stories, title, url and feed" 7 \
    "$(grep -c '^[^#	][^	]*	http://[^	]*	[a-z-]*$' "$T/out")"
t_grep "the EdgeGate story is among them" \
    '^Attackers exploit EdgeGate.*	http://www.securitynews.example/.*	securitynews$' \
    "$T/out"
t_grep "it estimates the tokens and says it is an estimate" \
    '^# estimated tokens: about [0-9]* in for 7 prompts (an estimate' \
    "$T/out"
t_eq "it fetched the feeds and no page" "1 0" \
    "$(grep -c -- '^-c ' "$T/fetch.log") $(grep -c -- '^-p' "$T/fetch.log")"
t_nogrep "it called no model" '^run' "$T/sum.log"
t_eq "it wrote no report" "" "$(ls -A "$T/dry" 2>/dev/null)"

# ------------------------------------------------- one policy
# daily.mk is sec-daily -w per day: a stage that fails is passed over in
# both (its input goes on, the report is made), and a rerun on the same
# work directory resumes at that stage.
fakebin "$T/noext"
rm -f "$T/noext/sec-extract"
printf '#!/bin/sh\nkill -SEGV $$\n' >"$T/noext/sec-extract"
chmod +x "$T/noext/sec-extract"
$mk DATE=$DAY OUT="$T/pol" ENGINE=extractive BIN="$T/noext/" \
    DAILY_FLAGS='--offline data/demo' >"$T/out" 2>"$T/err"
t_eq "daily.mk: a crashed stage does not stop the day" 0 $?
t_grep "it names the stage" 'extract killed by signal 11' "$T/err"
t_eq "the report is made from what was fetched" 7 \
    "$(grep -c '^#### ' "$T/pol/$STAMP.md" 2>/dev/null)"
w=$T/pol/work/$STAMP
t_eq "the failed stage is not done (status 139 kept)" 139 \
    "$(cat "$w/extract.rc" 2>/dev/null)"
before=$(stat -c %Y "$w/pages.ndjson")
fakebin "$T/nonet"
rm -f "$T/nonet/sec-fetch"
cat >"$T/nonet/sec-fetch" <<EOF
#!/bin/sh
case "\$1" in --help|-h) exec "$BIN/sec-fetch" "\$@" ;; esac
# the cited sources follow the digests: redone when they are
case " \$* " in *" --sources "*) exec "$BIN/sec-fetch" "\$@" ;; esac
echo "\$*" >>"$T/nonet.log"
exit 2
EOF
chmod +x "$T/nonet/sec-fetch"
# older than the stage files: a tool newer than its stage's file redoes it
touch -t 200001010000 "$T/nonet/sec-fetch"
: >"$T/nonet.log"
sleep 1
$mk DATE=$DAY OUT="$T/pol" ENGINE=extractive BIN="$T/nonet/" \
    DAILY_FLAGS='--offline data/demo' >"$T/out" 2>"$T/err"
t_eq "the rerun succeeds" 0 $?
t_empty "the rerun fetched nothing (feeds and pages were done)" \
    "$T/nonet.log"
t_eq "it kept the pages" "$before" "$(stat -c %Y "$w/pages.ndjson")"
t_eq "it redid the failed stage" 0 "$(cat "$w/extract.rc")"
t_same "and made the good report" "$T/good.md" "$T/pol/$STAMP.md"
# sec-daily -w on its own: the same files, the same resume
$daily -q -d $DAY --offline data/demo -e extractive -o "$T/pol2" \
    -w "$T/pol2w" >/dev/null 2>&1
for f in feeds feeds-iocs selected links dropped pages text iocs digest \
    sources sourced; do
	[ -s "$T/pol2w/$f.ndjson" ]
	t_eq "sec-daily -w keeps $f.ndjson" 0 $?
done
rm -f "$T/pol2w/iocs.ndjson"
: >"$T/nonet.log"
SEC_BINDIR=$T/nonet $daily -q -d $DAY --offline data/demo -e extractive \
    -o "$T/pol2" -w "$T/pol2w" >/dev/null 2>"$T/err"
t_empty "sec-daily -w resumes at the stage whose file is gone" \
    "$T/nonet.log"
t_same "with the same report" "$T/good.md" "$T/pol2/$STAMP.md"
# a changed feeds config is an input of the feeds stage
cp data/demo/feeds.conf "$T/pol2.conf"
$daily -q -d $DAY --offline data/demo -c "$T/pol2.conf" -e extractive \
    -o "$T/pol2" -w "$T/pol2w" >/dev/null 2>&1
sleep 1
touch "$T/pol2.conf"
: >"$T/nonet.log"
SEC_BINDIR=$T/nonet $daily -q -d $DAY --offline data/demo \
    -c "$T/pol2.conf" -e extractive -o "$T/pol2" -w "$T/pol2w" \
    >/dev/null 2>&1
t_grep "a newer config fetches the feeds again" '^-c ' "$T/nonet.log"

# ------------------------------------------------- (18) the day's window
t_run $daily --window -d $DAY
t_eq "--window: the 24 hours before the day's midnight, JST" \
    "--since 2026-11-24T00:00:00+09:00" "$(head -n 2 "$T/out" | tr '\n' ' ' |
    sed 's/ $//')"
t_run $daily --window -d $DAY --since 2w
t_eq "--since 2w counts back from the same midnight" \
    "2026-11-11T00:00:00+09:00" "$(sed -n 2p "$T/out")"
TZ=UTC0 $daily --window -d $DAY --since 36h >"$T/out" 2>"$T/err"
rc=$?
t_eq "the report's zone follows TZ" "2026-11-23T12:00:00+00:00" \
    "$(sed -n 2p "$T/out")"
t_run $daily --window -d $DAY --since 'Mon, 23 Nov 2026 10:00:00 +0000'
t_eq "other --since forms go to sec-fetch as they are" \
    "Mon, 23 Nov 2026 10:00:00 +0000" "$(sed -n 2p "$T/out")"
# with a sec-fetch that has --until, the window is closed at midnight
fakebin "$T/until"
rm -f "$T/until/sec-fetch"
cat >"$T/until/sec-fetch" <<EOF
#!/bin/sh
case "\$1" in
--help|-h)	"$BIN/sec-fetch" -h; echo '      --until when       items before'
		exit 0 ;;
esac
echo "\$*" >>"$T/until.log"
exit 0
EOF
chmod +x "$T/until/sec-fetch"
: >"$T/until.log"
SEC_BINDIR=$T/until $daily -q -d $DAY -c data/demo/feeds.conf \
    -e extractive -o "$T/u" >"$T/out" 2>"$T/err"
t_grep "sec-daily passes --since and --until" \
    '^-c data/demo/feeds.conf --since 2026-11-24T00:00:00+09:00 --until 2026-11-25T00:00:00+09:00$' \
    "$T/until.log"
: >"$T/until.log"
$mk DATES="2026-11-24 2026-11-25" OUT="$T/mku" CONFIG=data/demo/feeds.conf \
    ENGINE=extractive BIN="$T/until/" >/dev/null 2>&1
grep -- '^-c ' "$T/until.log" | sort >"$T/until.sorted"
cat >"$T/until.want" <<'EOF'
-c data/demo/feeds.conf --since 2026-11-23T00:00:00+09:00 --until 2026-11-24T00:00:00+09:00
-c data/demo/feeds.conf --since 2026-11-24T00:00:00+09:00 --until 2026-11-25T00:00:00+09:00
EOF
t_same "daily.mk's days have the same windows, end to start" \
    "$T/until.want" "$T/until.sorted"
# the real sec-fetch, once it has --until: an item at midnight belongs to
# the new day only
if sec-fetch -h 2>/dev/null | grep -q -- --until; then
	mkdir -p "$T/win/win.example"
	cat >"$T/win/feeds.conf" <<'EOF'
win	http://win.example/feed.xml	section=news lang=en
EOF
	cat >"$T/win/win.example/feed.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>win</title><link>http://win.example/</link>
<item><title>Ransomware attack one second before midnight</title>
<link>http://win.example/a</link><pubDate>Mon, 24 Nov 2026 14:59:59 +0000</pubDate>
<description>A ransomware attack on a hospital.</description></item>
<item><title>Ransomware attack at midnight</title>
<link>http://win.example/b</link><pubDate>Mon, 24 Nov 2026 15:00:00 +0000</pubDate>
<description>A ransomware attack on a school.</description></item>
</channel></rss>
EOF
	$daily --dry-run -d 2026-11-25 --offline "$T/win" -e extractive >"$T/w25" 2>&1
	$daily --dry-run -d 2026-11-26 --offline "$T/win" -e extractive >"$T/w26" 2>&1
	n25="$(grep -c 'before midnight' "$T/w25") $(grep -c 'at midnight' \
	    "$T/w25")"
	n26="$(grep -c 'before midnight' "$T/w26") $(grep -c 'at midnight' \
	    "$T/w26")"
	t_eq "the 25th holds the item before its midnight, not the one at it" \
	    "1 0" "$n25"
	t_eq "the 26th holds the item at the 25th's midnight" "0 1" "$n26"
else
	ok "the real window # SKIP sec-fetch has no --until yet"
fi

start_server proxy python3 scripts/demo-server.py data/demo
proxy=http://127.0.0.1:$port
# ------------------------------------------------- (19) the README's pipeline
# the hand-run pipeline of README.md, on the demo web through the proxy,
# makes the report sec-daily makes
sed -n '/^The pipeline by hand/,/^```$/p' README.md | sed '1,/^```sh$/d;$d' \
    >"$T/readme.sh"
t_grep "README.md shows the pipeline by hand" '^sec-ioc feeds.ndjson' \
    "$T/readme.sh"
sed -e "s|etc/feeds.conf|$SRCDIR/data/demo/feeds.conf|" \
    -e "s|etc/select.conf|$SRCDIR/etc/select.conf|" \
    -e 's|sec-fetch |sec-fetch --allow-private --no-cache |' \
    -e 's|-e openai -m gpt-4o-mini|-e extractive|' "$T/readme.sh" \
    >"$T/readme-demo.sh"
mkdir -p "$T/readme"
(cd "$T/readme" && http_proxy=$proxy sh "$T/readme-demo.sh") \
    >"$T/out" 2>"$T/err"
t_same "README.md's pipeline makes sec-daily's report on the demo" \
    "$T/good.md" "$T/readme/$STAMP.md"

# ------------------------------------------------- (20) make install
make -s install DESTDIR="$T/inst" PREFIX=/x >"$T/out" 2>"$T/err"
t_eq "make install DESTDIR PREFIX=/x succeeds" 0 $?
u=$T/inst/x/share/systemd/user
t_grep "it installs sec-daily.service naming /x/bin/sec-daily" \
    '^ExecStart=/x/bin/sec-daily ' "$u/sec-daily.service"
t_grep "and sec-daily.timer" '^OnCalendar=' "$u/sec-daily.timer"
t_nogrep "no placeholder is left" '@[A-Z]*@' "$u/sec-daily.service"
t_eq "sec-daily itself is in /x/bin" 1 \
    "$([ -x "$T/inst/x/bin/sec-daily" ] && echo 1)"
make -s uninstall DESTDIR="$T/inst" PREFIX=/x >/dev/null 2>&1
t_eq "make uninstall removes the units" "" "$(ls -A "$u" 2>/dev/null)"

# ------------------------------------------------- (3) one run per day
command -v flock >/dev/null 2>&1 || { ok "locks # SKIP no flock(1)"; exit 0; }
mkrun() {	# mkrun N: a daily.mk run of the demo day into $T/two
	http_proxy=$proxy $mk DATE=$DAY OUT="$T/two" CONFIG=data/demo/feeds.conf \
	    ENGINE=extractive FETCH_FLAGS='--allow-private --no-cache' \
	    BIN="$BIN/" >"$T/mk$1.out" 2>"$T/mk$1.err"
	echo $? >"$T/mk$1.rc"
}
mkrun 1 &
p1=$!
mkrun 2 &
p2=$!
wait $p1 $p2
t_eq "two daily.mk runs on one OUT both succeed" "0 0" \
    "$(cat "$T/mk1.rc") $(cat "$T/mk2.rc")"
t_eq "the archive has all 24 records" 24 \
    "$(wc -l <"$T/two/$STAMP.ndjson" | tr -d ' ')"
t_eq "the report has all 7 articles" 7 "$(grep -c '^#### ' "$T/two/$STAMP.md")"
t_eq "no temporary file is left" "" "$(find "$T/two" -name '*.tmp*')"

# daily.mk keeps the better archive too (a sec-summarize that summarises
# nothing)
fakebin "$T/nosum"
rm -f "$T/nosum/sec-summarize"
printf '#!/bin/sh\ncat "$@"\n' >"$T/nosum/sec-summarize"
chmod +x "$T/nosum/sec-summarize"
rm -f "$T/two/work/$STAMP/digest.ndjson"
http_proxy=$proxy $mk DATE=$DAY OUT="$T/two" CONFIG=data/demo/feeds.conf \
    FETCH_FLAGS='--allow-private --no-cache' BIN="$T/nosum/" \
    >"$T/out" 2>"$T/err"
t_eq "daily.mk fails rather than keep a worse archive" 1 \
    "$([ $? -ne 0 ] && echo 1)"
t_eq "the archive keeps its 7 digests" 7 \
    "$(grep -c '"digest":' "$T/two/$STAMP.ndjson")"
t_grep "daily.mk says what it kept" \
    "kept .*$STAMP.md (7 summarised articles, this run 0)" "$T/err"
t_grep "and how to replace it" "$DAY: the day's better report was kept; FORCE=1" \
    "$T/err"
t_eq "and the report still has the 7 articles" 7 \
    "$(grep -c '^#### ' "$T/two/$STAMP.md")"

# sec-daily waits for a daily.mk (or any holder) of the same day, and says so
mkdir -p "$T/held"
flock "$T/held/.$STAMP.lock" sleep 3 &
holder=$!
sleep 0.5
start=$(date +%s)
t_run $daily -q -d $DAY --offline data/demo -e extractive -o "$T/held"
end=$(date +%s)
wait $holder
t_grep "sec-daily says it waits for the day's lock" \
    "another run holds .*/\.$STAMP\.lock; waiting" "$T/err"
t_eq "and waited for it" 1 "$([ $((end - start)) -ge 2 ] && echo 1)"
t_eq "then made the report" 7 "$(grep -c '^#### ' "$T/held/$STAMP.md")"
flock "$T/held/.$STAMP.lock" sleep 3 &
holder=$!
sleep 0.5
http_proxy=$proxy $mk DATE=$DAY OUT="$T/held" CONFIG=data/demo/feeds.conf \
    ENGINE=extractive FETCH_FLAGS='--allow-private --no-cache' \
    BIN="$BIN/" WORK="$T/held/w" >/dev/null 2>"$T/err"
wait $holder
t_grep "daily.mk says it waits for the same lock" \
    "$DAY: another run holds .*/\.$STAMP\.lock; waiting" "$T/err"

# ------------------------------------------------- (6) kill -9
if [ ! -f tests/llmserver.py ]; then
	ok "kill -9 # SKIP no tests/llmserver.py"
	exit 0
fi
start_server slow python3 tests/llmserver.py --delay 30
mark=sec-daily-test-$$
mkdir -p "$T/web"
cp -R data/demo/. "$T/web/"
rm -rf "${TMPDIR:?}"/*
SEC_TEST_MARK=$mark OPENAI_API_KEY=k OPENAI_BASE_URL=http://127.0.0.1:$port/v1 \
    SEC_SUMMARIZE_FLAGS=--no-cache \
    $daily -d $DAY --offline "$T/web" -e openai -m test-model \
    -o "$T/k9" >/dev/null 2>&1 &
pid=$!
i=0
while [ $i -lt 200 ] && ! ls "$TMPDIR"/sec-daily.*/digest.ndjson.tmp \
    >/dev/null 2>&1; do
	sleep 0.1
	i=$((i + 1))
done
# marked: every process the run started
marked() {
	grep -l "SEC_TEST_MARK=$mark" /proc/[0-9]*/environ 2>/dev/null |
	    sed 's|/proc/\([0-9]*\)/environ|\1|' | grep -vx "$$" || true
}
t_eq "the run is summarising, with its proxy up" 1 \
    "$([ "$(marked | wc -l)" -ge 3 ] && echo 1)"
kill -KILL $pid
wait $pid 2>/dev/null
i=0
while [ $i -lt 50 ] && { [ -n "$(marked)" ] || [ -n "$(ls -A "$TMPDIR")" ]; }
do
	sleep 0.1
	i=$((i + 1))
done
t_eq "within 5 s of kill -9 no process of the run is left" "" \
    "$(marked | tr '\n' ' ')"
t_eq "and no work directory" "" "$(ls -A "$TMPDIR")"
t_eq "and no report" "" "$(find "$T/k9" -mindepth 1 -maxdepth 1 ! -name '*lock*' 2>/dev/null)"

# a work directory whose run is dead is removed by the next run
mkdir "$TMPDIR/sec-daily.stale1"
sh -c 'echo $$' >"$TMPDIR/sec-daily.stale1/pid"	# a pid now gone
t_run $daily --dry-run -d $DAY --offline data/demo -e extractive
t_eq "the next run removes a dead run's work directory" "" \
    "$(ls -A "$TMPDIR")"


# a day without news is a report of N/A sections, and a rerun of it is no
# failure: sec-daily decided what may be replaced, so sec-render writes
# the empty day again
mkdir "$T/empty"
t_run $daily -q -d 2026-12-10 --offline data/demo -e extractive -o "$T/empty"
t_rc "a day without news exits 0" 0
t_run $daily -q -d 2026-12-10 --offline data/demo -e extractive -o "$T/empty"
t_rc "and so does its rerun" 0
t_eq "which leaves the day's files" "20261210.csv 20261210.event_tags.csv 20261210.events.csv 20261210.log.md 20261210.md 20261210.ndjson" \
    "$(cd "$T/empty" && echo 20261210.*)"
t_eq "an empty day's events file is its header" \
    "event_key,date,week,month,event_type,title,summary,source_file,source_url,confidence,needs_review,monthly_followup_candidate" \
    "$(cat "$T/empty/20261210.events.csv")"
