# pipeline.sh: the daily pipeline end to end: sec-daily and daily.mk on the
# bundled sample web (data/demo, served offline by scripts/demo-server.py),
# with the extractive engine and with the fake LLM server
# (tests/llmserver.py), compared with golden reports in tests/data/pipeline.
# UPDATE_GOLDEN=1 rewrites the golden files from this run instead.
. tests/lib.sh

G=tests/data/pipeline
DAY=2026-11-25
STAMP=20261125

missing=
for t in sec-fetch sec-ioc sec-select sec-extract sec-summarize sec-render; do
	command -v "$t" >/dev/null 2>&1 || missing="$missing $t"
done
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
if [ -n "$missing" ]; then
	ok "pipeline # SKIP not built yet:$missing"
	exit 0
fi

# everything the tools would keep goes under $T, nothing to $HOME
export XDG_CACHE_HOME="$T/cache" XDG_CONFIG_HOME="$T/config"
export TMPDIR="$T/tmp"
mkdir -p "$TMPDIR"
unset OPENAI_API_KEY ANTHROPIC_API_KEY SEC_SUMMARIZE_ENGINE \
    SEC_SUMMARIZE_MODEL OPENAI_BASE_URL ANTHROPIC_BASE_URL 2>/dev/null
export TZ=JST-9
# the tools under test, not whatever bin/ holds
export SEC_BINDIR="${BINDIR:-$SRCDIR/bin}"
daily="sh scripts/sec-daily"

# golden NAME FILE: compare FILE with $G/NAME (or write it)
golden() {
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp "$2" "$G/$1"
		ok "golden $1 updated"
	else
		t_same "$3" "$G/$1" "$2"
	fi
}

# ---------------------------------------------------------------- usage
t_run $daily -h
t_rc "sec-daily -h exits 0" 0
t_grep "sec-daily -h shows the usage" '^usage: sec-daily' "$T/out"
mandoc -Tutf8 man/sec-daily.1 2>/dev/null | col -b >"$T/man"
missing=
for o in $(grep -o -- '--[a-z][a-z0-9-]*\|[[ ]-[A-Za-z]\b' "$T/out" |
    sed 's/^[[ ]//' | sort -u); do
	grep -q -- "$o" "$T/man" || missing="$missing $o"
done
t_eq "every option of sec-daily -h is in sec-daily(1)" "" "$missing"
t_grep "sec-daily(1) has the same synopsis" \
    'sec-daily \[-hqV\] \[-c config\] \[-d YYYY-MM-DD\] \[-e engine\] \[-m model\]' \
    "$T/man"
t_run $daily --frobnicate
t_rc "an unknown option exits 2" 2
t_grep "an unknown option shows the usage" '^usage: sec-daily' "$T/err"
t_run $daily -d 2026-02-30 --offline data/demo -o "$T/x"
t_rc "an impossible date exits 2" 2
t_run $daily -d 2026-11-25 --since yesterday --offline data/demo -o "$T/x"
t_rc "a bad --since exits 2" 2
t_run $daily -d 2026-11-25 --max ten --offline data/demo -o "$T/x"
t_rc "a bad --max exits 2" 2
t_run $daily -d 2026-11-25 -c "$T/none.conf" -o "$T/x"
t_rc "a missing config exits 2" 2
t_grep "a missing config is named" 'none.conf' "$T/err"
mkdir -p "$T/ro"
chmod 555 "$T/ro"
if [ ! -w "$T/ro" ]; then	# root writes anywhere
	t_run $daily -d 2026-11-25 --offline data/demo -o "$T/ro"
	t_rc "an unwritable output directory exits 2" 2
fi
t_run $daily -V
t_grep "sec-daily -V prints the version" '^sec-daily [0-9]' "$T/out"

# ---------------------------------------------------------------- extractive
out=$T/ext
$daily -d $DAY --offline data/demo -e extractive \
    --notes data/demo/notes.md -o "$out" >"$T/out" 2>"$T/err"
rc=$?
t_eq "a page that failed makes the status 1" 1 $rc
t_empty "nothing on stdout" "$T/out"
t_grep "stderr names the failed page" \
    'openharbor-mft-critical-rce/: HTTP 404' "$T/err"
t_grep "stderr counts what failed and what made it" \
    "0 feed(s) failed, 1 page(s) failed, 0 summary(ies) failed; 7 article(s)" \
    "$T/err"
t_nogrep "no progress when stderr is not a terminal" 'fetching' "$T/err"
golden extractive.md "$out/$STAMP.md" "the extractive report matches"
golden extractive.csv "$out/$STAMP.csv" "the IOC CSV matches"
t_nogrep "the sources stages do not fail" 'sources\|source-iocs' "$T/err"
t_eq "the cited sources: the primary source and its 2 IOC pages" 3 \
    "$(grep -o '"kind":"[a-z-]*","parent"' "$out/$STAMP.ndjson" | wc -l |
    tr -d ' ')"
t_grep "the second sec-ioc pass reads them" \
    '"found_in":"http://advisories.corvane.example/CVE-2026-41234/indicators.json"' \
    "$out/$STAMP.ndjson"
for s in Tools "malware campaign" "security report" "cybercrime topics" \
    日々のニュース要約 日本のインシデント事例 その他のメモ; do
	t_grep "section $s is there" "^### $s\$" "$out/$STAMP.md"
done
t_nogrep "no section is empty" '^N/A$' "$out/$STAMP.md"
t_eq "7 summarised articles" 7 "$(grep -c '^#### ' "$out/$STAMP.md")"
t_grep "the Shift_JIS feed is decoded" '病院でランサムウェア' "$out/$STAMP.md"
t_nogrep "old items are outside the window" 'old-release\|169880' \
    "$out/$STAMP.md"
t_nogrep "deals, webinars and sponsored posts are dropped" \
    'Webinar\|Deal:\|Sponsored' "$out/$STAMP.md"
t_eq "the duplicate story is told once" 1 \
    "$(grep -c '^#### .*EdgeGate' "$out/$STAMP.md")"
t_nogrep "comments do not leak into the report" '192\[\.\]0\[\.\]2\[\.\]200' \
    "$out/$STAMP.md"
t_nogrep "the hidden injection does not reach the report" \
    'Ignore all previous' "$out/$STAMP.md"
t_grep "the CSV has the author's header" \
    '^ioc_type,ioc_value,date,category,actor,actor_attribute,malware,malware_type,reference,description,author,confidence$' \
    "$out/$STAMP.csv"
t_eq "the archive holds the stories and the links" 24 \
    "$(wc -l <"$out/$STAMP.ndjson" | tr -d ' ')"
t_grep "the archive keeps the merged outlet's URL" \
    '"also":\["http://threatdesk.example/2026/11/24/edgegate' \
    "$out/$STAMP.ndjson"
t_eq "only the six outputs (and the day's lock) are in the output directory" \
    6 "$(find "$out" -mindepth 1 -maxdepth 1 ! -name ".$STAMP.lock" | wc -l |
    tr -d ' ')"
t_eq "the work directory is removed" "" "$(ls -A "$TMPDIR")"

# the quick start of sec-daily(1) shows the demo report's first lines
sed -n '/^\$ head -n 6 out\/demo/,/^\$ sed/p' man/sec-daily.1 |
    sed '1d;$d' >"$T/manhead"
head -n 6 "$out/$STAMP.md" >"$T/head"
t_same "sec-daily(1) quotes the demo report as it is" "$T/head" "$T/manhead"

# the demo script is this run
DEMO_OUT=$T/demo sh scripts/demo >"$T/out" 2>"$T/err"
t_eq "scripts/demo succeeds despite the missing page" 0 $?
t_grep "scripts/demo prints the report's path" "$T/demo/$STAMP.md" \
    "$T/out"
t_same "scripts/demo writes the same report" "$out/$STAMP.md" \
    "$T/demo/$STAMP.md"

# a run with nothing failing exits 0 and is silent
mkdir -p "$T/web"
cp -R data/demo/. "$T/web/"
grep -v 'securitynews' data/demo/feeds.conf >"$T/web/feeds.conf"
$daily -d $DAY --offline "$T/web" -e extractive -o "$T/ok" >"$T/out" \
    2>"$T/err"
t_eq "a run without failures exits 0" 0 $?
t_empty "a run without failures is silent" "$T/err"

# a feed that fails still gives a report
cp data/demo/feeds.conf "$T/web/feeds.conf"
echo 'gone http://gone.example/feed.xml section=news' >>"$T/web/feeds.conf"
$daily -d $DAY --offline "$T/web" -e extractive -o "$T/feedfail" \
    --notes data/demo/notes.md >"$T/out" 2>"$T/err"
t_eq "a failed feed makes the status 1" 1 $?
t_grep "stderr counts the failed feed" '1 feed(s) failed' "$T/err"
t_grep "stderr names the failed feed" 'gone.example' "$T/err"
t_same "the other feeds still make the same report" "$out/$STAMP.md" \
    "$T/feedfail/$STAMP.md"

# a stage that crashes is skipped, and the report is still written
mkdir -p "$T/fakebin"
for t in sec-fetch sec-ioc sec-select sec-extract sec-render; do
	ln -s "$(command -v $t)" "$T/fakebin/$t"
done
printf '#!/bin/sh\nkill -SEGV $$\n' >"$T/fakebin/sec-summarize"
chmod +x "$T/fakebin/sec-summarize"
SEC_BINDIR=$T/fakebin $daily -d $DAY --offline data/demo -o "$T/crash" \
    >"$T/out" 2>"$T/err"
t_eq "a crashed stage makes the status 1" 1 $?
t_grep "stderr names the crashed stage" 'summarize killed by signal 11' \
    "$T/err"
t_eq "the report still lists the seven stories" 7 \
    "$(grep -c '^#### ' "$T/crash/$STAMP.md")"

# --max and -k
$daily -d $DAY --offline data/demo -e extractive --max 2 --keep -o "$T/max" \
    >"$T/out" 2>"$T/err"
t_eq "--max 2 keeps two articles" 2 "$(grep -c '^#### ' "$T/max/$STAMP.md")"
w=$(sed -n 's/^sec-daily: work directory kept: //p' "$T/err")
t_grep "-k keeps the stage files" '"dropped"' "$w/dropped.ndjson"
rm -rf "$w"

# ---------------------------------------------------------------- the proxy
start_server proxy python3 scripts/demo-server.py data/demo
proxy_port=$port
python3 - "$proxy_port" >"$T/proxy.out" 2>&1 <<'EOF'
import http.client, sys
port = int(sys.argv[1])
def get(method, target, host=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.putrequest(method, target, skip_host=host is not None)
    if host is not None:
        c.putheader("Host", host)
    c.endheaders()
    r = c.getresponse()
    body = r.read()
    print(method, target, r.status, r.getheader("Content-Type"),
          r.getheader("Location"), len(body))
get("GET", "http://www.securitynews.example/feed/")
get("GET", "http://www.security-next.example/feed.xml")
get("GET", "http://threatdesk.example/2026/11/24/northlink-telecom-breach")
get("GET", "http://www.securitynews.example/2026/11/openharbor-mft-critical-rce/")
get("GET", "http://threatdesk.example/../../../etc/passwd")
get("GET", "http://threatdesk.example/%2e%2e/%2e%2e/README")
get("GET", "/feeds/all.atom", host="threatdesk.example")
get("HEAD", "http://toolwatch.example/index.rdf")
get("CONNECT", "threatdesk.example:443")
EOF
cat >"$T/proxy.want" <<'EOF'
GET http://www.securitynews.example/feed/ 200 application/xml None 5305
GET http://www.security-next.example/feed.xml 200 application/xml None 2235
GET http://threatdesk.example/2026/11/24/northlink-telecom-breach 301 None http://threatdesk.example/2026/11/24/northlink-telecom-breach/ 0
GET http://www.securitynews.example/2026/11/openharbor-mft-critical-rce/ 404 text/html; charset=utf-8 None 146
GET http://threatdesk.example/../../../etc/passwd 404 text/html; charset=utf-8 None 146
GET http://threatdesk.example/%2e%2e/%2e%2e/README 404 text/html; charset=utf-8 None 146
GET /feeds/all.atom 200 application/atom+xml None 3540
HEAD http://toolwatch.example/index.rdf 200 application/rdf+xml None 0
CONNECT threatdesk.example:443 501 None None 0
EOF
t_same "demo-server.py answers from the files, 404s and refuses CONNECT" \
    "$T/proxy.want" "$T/proxy.out"

# ---------------------------------------------------------------- daily.mk
mk="make -s -f scripts/daily.mk"
(
	export http_proxy=http://127.0.0.1:$proxy_port
	$mk DATE=$DAY OUT="$T/mk" CONFIG=data/demo/feeds.conf ENGINE=extractive \
	    FETCH_FLAGS='--allow-private --no-cache' \
	    RENDER_FLAGS='--notes data/demo/notes.md' BIN= \
	    >"$T/mk.out" 2>"$T/mk.err"
)
t_eq "daily.mk succeeds (failed pages are kept as records)" 0 $?
t_same "daily.mk writes the same report as sec-daily" "$out/$STAMP.md" \
    "$T/mk/$STAMP.md"
t_same "daily.mk writes the same CSV" "$out/$STAMP.csv" "$T/mk/$STAMP.csv"
for f in feeds feeds-iocs selected links pages text iocs digest; do
	[ -s "$T/mk/work/$STAMP/$f.ndjson" ]
	t_eq "daily.mk keeps $f.ndjson" 0 $?
done

# a rerun resumes at the stage whose file is gone
before=$(stat -c %Y "$T/mk/work/$STAMP/feeds.ndjson")
sleep 1
rm -f "$T/mk/work/$STAMP/digest.ndjson"
(
	export http_proxy=http://127.0.0.1:1	# nothing listens: no refetch
	$mk DATE=$DAY OUT="$T/mk" CONFIG=data/demo/feeds.conf ENGINE=extractive \
	    FETCH_FLAGS='--allow-private --no-cache' \
	    RENDER_FLAGS='--notes data/demo/notes.md' BIN= \
	    >"$T/mk.out" 2>"$T/mk.err"
)
t_eq "the rerun succeeds without the network" 0 $?
t_eq "the rerun kept the fetched feeds" "$before" \
    "$(stat -c %Y "$T/mk/work/$STAMP/feeds.ndjson")"
t_same "the rerun gives the same report" "$out/$STAMP.md" "$T/mk/$STAMP.md"

# several days at once
(
	export http_proxy=http://127.0.0.1:$proxy_port
	$mk -j2 DATES="2026-11-25 2026-11-26" OUT="$T/mk2" \
	    CONFIG=data/demo/feeds.conf ENGINE=extractive \
	    FETCH_FLAGS='--allow-private --no-cache' BIN= \
	    >"$T/mk.out" 2>"$T/mk.err"
)
t_eq "make -j2 over two days succeeds" 0 $?
t_eq "the 25th has its seven articles" 7 \
    "$(grep -c '^#### ' "$T/mk2/20261125.md" 2>/dev/null)"
t_grep "the 26th (no news in its window) is still a report" '^N/A$' \
    "$T/mk2/20261126.md"
t_run $mk DATE=2026-13-01 OUT="$T/bad"
t_rc "daily.mk refuses a bad date" 2

# ---------------------------------------------------------------- LLM
if [ ! -f tests/llmserver.py ]; then
	ok "LLM run # SKIP tests/llmserver.py not there yet"
	exit 0
fi
start_server llm python3 tests/llmserver.py --key test-key \
    --log "$T/llm.log"
llm_port=$port
OPENAI_API_KEY=test-key OPENAI_BASE_URL=http://127.0.0.1:$llm_port/v1 \
    SEC_SUMMARIZE_FLAGS=--no-cache \
    $daily -d $DAY --offline data/demo -e openai -m test-model \
    --notes data/demo/notes.md -o "$T/llm" >"$T/out" 2>"$T/err"
t_eq "the LLM run exits 1 (the missing page)" 1 $?
t_grep "the LLM run counts no failed summary" '0 summary(ies) failed' \
    "$T/err"
t_grep "the LLM run's summary names the engine and model" \
    '; engine openai, model test-model$' "$T/err"
golden llm.md "$T/llm/$STAMP.md" "the LLM report matches"
t_grep "the LLM day has the cited sources too" \
    '"url":"http://advisories.corvane.example/CVE-2026-41234/iocs.txt","kind":"ioc-page"' \
    "$T/llm/$STAMP.ndjson"
t_eq "one request per article" 7 "$(grep -c '"path"' "$T/llm.log")"
# the 2026 day of an enriched model's cards: the IOC CSV and the
# events/tags pair pass the analyst's rules (sec-render --check)
OPENAI_API_KEY=test-key OPENAI_BASE_URL=http://127.0.0.1:$llm_port/v1 \
    SEC_SUMMARIZE_FLAGS=--no-cache \
    $daily -d $DAY --offline data/demo -e openai -m enriched \
    -o "$T/enr" >/dev/null 2>"$T/err"
t_run sec-render --check "$T/enr/$STAMP.csv" "$T/enr/$STAMP.events.csv" \
    "$T/enr/$STAMP.event_tags.csv"
t_rc "the enriched day's three CSVs pass the checker" 0
t_grep "the checker saw every file" '3 files checked, 3 passed, 0 failed, 0 errors' \
    "$T/out"
t_grep "the enriched day's CSV carries the model's provenance" \
    ',AI agent,medium$' "$T/enr/$STAMP.csv"
t_nogrep "the key never reaches the report" 'test-key' "$T/llm/$STAMP.md"
t_nogrep "the key never reaches stderr" 'test-key' "$T/err"

# a signal stops the run at once, cleans up and exits 128+15
start_server slow python3 tests/llmserver.py --delay 20
OPENAI_API_KEY=k OPENAI_BASE_URL=http://127.0.0.1:$port/v1 \
    SEC_SUMMARIZE_FLAGS=--no-cache \
    $daily -d $DAY --offline data/demo -e openai -m test-model \
    -o "$T/sig" >"$T/out" 2>"$T/err" &
pid=$!
i=0
while [ $i -lt 100 ] && ! ls "$TMPDIR"/sec-daily.*/digest.ndjson.tmp \
    >/dev/null 2>&1; do
	sleep 0.1
	i=$((i + 1))
done
kill -TERM $pid
wait $pid
t_eq "SIGTERM exits 143" 143 $?
t_eq "SIGTERM leaves no work directory" "" "$(ls -A "$TMPDIR")"
t_eq "SIGTERM leaves no partial report" "" \
    "$(find "$T/sig" -mindepth 1 -maxdepth 1 ! -name ".$STAMP.lock" \
    2>/dev/null)"
