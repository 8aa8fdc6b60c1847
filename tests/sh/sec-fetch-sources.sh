# sec-fetch-sources.sh: sec-fetch --sources against the test HTTP server
# (tests/httpd.py) on 127.0.0.1: an article's digest names its primary
# source, the primary source links an IOC page (raw text), a CSV, a STIX
# bundle and pages that are not IOC pages; the IOC pages are fetched,
# the others not, within --max-sources and --max-sources-total; then
# sec-ioc finds the indicators of each page with found_in = that page.
. tests/lib.sh
export XDG_CACHE_HOME="$T/xdg"
unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy no_proxy

W=$T/www
mkdir -p "$W"
start_server httpd python3 tests/httpd.py "$W"
U=http://127.0.0.1:$port
F="sec-fetch --sources --allow-private --no-cache --retries 0"

H1=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
cat >"$W/primary.html" <<EOF
<!DOCTYPE html>
<html lang="en"><head><title>Loader campaign: technical analysis</title>
<meta property="article:published_time" content="2026-11-18T09:00:00Z">
</head><body><nav><a href="$U/f/home.html">Home</a></nav>
<article><h1>Loader campaign: technical analysis</h1>
<p>Our team tracked a loader campaign over three weeks. The first stage
beacons to 45.77.10.20 over HTTPS and then downloads its second stage
from a host that changes every few days.</p>
<p>The operators reuse infrastructure across waves, which let us link
the campaign to earlier activity we reported in the spring.</p>
<p>The full list of indicators is in <a href="$U/f/iocs.txt">our IOC
file</a>, the network indicators as <a href="$U/f/list.csv?type=text/csv">a
CSV list</a>, and all of them as <a href="$U/f/bundle.json">a STIX 2.1
bundle</a>. See also <a href="$U/f/about.html">our research team</a> and
<a href="$U/f/gone.txt?status=404">the old list</a>.</p>
</article></body></html>
EOF
cat >"$W/iocs.txt" <<EOF
# Loader campaign indicators
update-check[.]cloud-cdn-mirror[.]net
hxxps://cloud-cdn-mirror[.]net/stage2.bin
$H1
EOF
printf 'type,value,role\nip,91.210.0.33,c2\nip,45.77.10.20,c2\n' >"$W/list.csv"
cat >"$W/bundle.json" <<'EOF'
{"type":"bundle","id":"bundle--7a1b","objects":[
 {"type":"indicator","spec_version":"2.1","id":"indicator--1",
  "name":"Loader C2","pattern_type":"stix",
  "pattern":"[ipv4-addr:value = '185.220.101.44'] OR [domain-name:value = 'beacon.loader-c2.org']",
  "valid_from":"2026-11-02T00:00:00Z"}]}
EOF
echo '<html><body><p>About us.</p></body></html>' >"$W/about.html"
echo '<html><body><p>Home.</p></body></html>' >"$W/home.html"
printf 'not text' >"$W/pic.png"
printf 'MZ\000\001\002 203.0.113.5' >"$W/blob.bin"

rec() { # rec ID [DIGEST-JSON] [LINKS-JSON]
	printf '{"id":"%s","url":"%s/f/article-%s.html","title":"t"' \
	    "$1" "$U" "$1"
	[ -n "${3:-}" ] && printf ',"links":%s' "$3"
	[ -n "${2:-}" ] && printf ',"digest":%s' "$2"
	printf '}\n'
}
D1="{\"primary_sources\":[\"$U/f/primary.html\"]}"
# requests to the server since the last reset, one path a line
log() { curl -s "$U/log" | sed -n 's/.*"path": *"\([^"]*\)".*/\1/p' | grep -v "^/reset$\|^/log$"; }
reset() { curl -s "$U/reset" >/dev/null; }

# --- the whole chain ---
reset
rec a1 "$D1" >"$T/in"
rec a2 >>"$T/in"
t_run $F "$T/in"
t_rc "sources mode: exit 0 although one IOC page is gone" 0
cp "$T/out" "$T/day"
python3 - "$T/out" >"$T/got" <<'EOF'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    for s in r.get("sources", []):
        print(r["id"], s["kind"], s["url"].split("/f/")[-1],
              s.get("format", "-"), s.get("parent", "").split("/f/")[-1],
              "error" if "error" in s else "text" if s.get("text") else "-",
              s.get("published", "-"))
    if "sources" not in r:
        print(r["id"], "none")
EOF
cat >"$T/want" <<'EOF'
a1 primary primary.html html article-a1.html text 2026-11-18T09:00:00Z
a1 ioc-page iocs.txt text primary.html text -
a1 ioc-page bundle.json stix primary.html text -
a1 ioc-page list.csv?type=text/csv csv primary.html text -
a2 none
EOF
t_same "the primary source, then its IOC pages by rank, within 4" \
    "$T/want" "$T/got"
log | sort >"$T/log"
t_eq "pages fetched for the article: 4 (primary + 3 IOC pages)" 4 \
    "$(wc -l <"$T/log" | tr -d ' ')"
t_nogrep "a link that is no IOC page is not followed" 'about\|home' "$T/log"
t_nogrep "the article itself is not fetched again" 'article' "$T/log"
t_grep "the primary source's links are kept" \
    '"links":\[{"url":"[^"]*/f/iocs.txt","text":"our IOC file"}' "$T/out"

# the gone appendix is reached with a larger budget, as an error entry
reset
t_run $F --max-sources 10 "$T/in"
t_rc "an unreachable IOC page does not fail the run" 0
t_grep "an unreachable page is an entry with its error" \
    '"url":"[^"]*/f/gone.txt?status=404","kind":"ioc-page","parent":"[^"]*/f/primary.html","error":"HTTP 404"' \
    "$T/out"
t_grep "... and is named on stderr" 'gone.txt?status=404: HTTP 404' \
    "$T/err"
t_eq "5 pages fetched with --max-sources 10" 5 \
    "$(log | wc -l | tr -d ' ')"

# --- sec-ioc: each indicator says where it was published ---
t_run sec-ioc "$T/day"
t_rc "sec-ioc reads the sources" 0
python3 - "$T/out" >"$T/got" <<'EOF'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    for i in r.get("iocs", []):
        print(r["id"], i["type"], i["value"],
              i.get("found_in", "article").split("/f/")[-1],
              i.get("origin", "text"), i.get("observed", "-"))
EOF
cat >"$T/want" <<EOF
a1 ipv4 45.77.10.20 primary.html text -
a1 domain update-check.cloud-cdn-mirror.net iocs.txt text -
a1 url https://cloud-cdn-mirror.net/stage2.bin iocs.txt text -
a1 sha256 $H1 iocs.txt text -
a1 ipv4 185.220.101.44 bundle.json stix 2026-11-02
a1 domain beacon.loader-c2.org bundle.json stix 2026-11-02
a1 ipv4 91.210.0.33 list.csv?type=text/csv text -
EOF
t_same "the indicators of the IOC page, CSV and STIX bundle, found_in each" \
    "$T/want" "$T/got"

# the IOC CSV names the page as reference (once sec-render uses found_in)
sec-render -f ioc-csv -d 2026-11-20 <"$T/out" >"$T/csv" 2>"$T/err"
if command -v t_csv_ok >/dev/null 2>&1; then
	t_csv_ok "the CSV of the sources passes the checker" "$T/csv"
else
	ok "CSV checker # skipped: tests/lib.sh has no t_csv_ok yet"
fi
if grep -q "/f/bundle.json" "$T/csv"; then
	t_grep "CSV: a STIX indicator's reference is the bundle" \
	    '^ip,185\.220\.101\.44,.*/f/bundle\.json' "$T/csv"
	t_grep "CSV: an IOC page's indicator has the page as reference" \
	    '^file_hash_sha256,'"$H1"',.*/f/iocs\.txt' "$T/csv"
else
	ok "CSV reference from found_in # skipped: sec-render does not read found_in yet"
fi

# --- the limits ---
reset
t_run $F --max-sources 2 "$T/in"
t_eq "--max-sources 2: the primary and the best IOC page" \
    "/f/iocs.txt /f/primary.html" "$(log | sort | tr '\n' ' ' | sed 's/ $//')"
t_grep "--max-sources: what was left is counted on stderr" \
    'pages not fetched: over --max-sources 2' "$T/err"
reset
{ rec b1 "$D1"; rec b2 "$D1"; rec b3 "$D1"; } >"$T/in3"
t_run $F --max-sources-total 5 "$T/in3"
t_eq "--max-sources-total 5 over three articles: 5 pages" 5 \
    "$(log | wc -l | tr -d ' ')"
t_eq "... 3 primary sources and 2 IOC pages" 2 \
    "$(grep -o '"kind":"ioc-page"' "$T/out" | wc -l | tr -d ' ')"
t_grep "--max-sources-total: what was left is counted on stderr" \
    'pages not fetched: over --max-sources-total 5' "$T/err"
reset
t_run $F --max-sources-total 2 "$T/in3"
t_eq "--max-sources-total 2: 2 pages" 2 "$(log | wc -l | tr -d ' ')"
t_grep "a primary source over the day's limit is listed, not fetched" \
    '"kind":"primary","parent":"[^"]*","error":"not fetched: over --max-sources-total"' \
    "$T/out"
t_eq "every record still comes out" 3 "$(grep -c '^{' "$T/out")"
reset
t_run $F --max-sources 0 "$T/in"
t_eq "--max-sources 0 fetches nothing" 0 "$(log | wc -l | tr -d ' ')"

# --- where the primary sources come from ---
reset
{ rec c1 "{\"primary_source\":\"$U/f/about.html\"}"
  rec c2 '{"summary":[]}' "[{\"url\":\"$U/f/home.html\",\"text\":\"x\",\"primary\":true},{\"url\":\"$U/f/pic.png\",\"text\":\"y\"}]"
  rec c3 '' "[{\"url\":\"$U/f/home.html\",\"primary\":true}]"
  rec c4 "{\"primary_sources\":[\"$U/f/pic.png?type=image/png\",\"file:///etc/passwd\",\"$U/f/blob.bin?type=application/octet-stream\",\"$U/f/blob.bin?type=\"]}"
} >"$T/in4"
rec c5 '{"summary":[]}' "[{\"url\":\"$U/f/iocs.txt\",\"text\":\"the IoCs\"},{\"url\":\"$U/f/about.html\",\"text\":\"the report\"},{\"url\":\"$U/f/x\",\"text\":\"code on GitHub\"}]" >>"$T/in4"
t_run $F "$T/in4"
t_grep "an IOC page the article links itself is fetched, the article its parent" \
    '"id":"c5".*"sources":\[{"url":"[^"]*/f/iocs.txt","kind":"ioc-page","parent":"[^"]*/f/article-c5.html","format":"text"' \
    "$T/out"
t_nogrep "... and not its other links" '"id":"c5".*"sources":.*\(about\|/f/x"\)' "$T/out"
t_grep "digest.primary_source when there is no list" \
    '"id":"c1".*"sources":\[{"url":"[^"]*/f/about.html","kind":"primary"' "$T/out"
t_grep "else the links marked primary" \
    '"id":"c2".*"sources":\[{"url":"[^"]*/f/home.html","kind":"primary"' "$T/out"
t_nogrep "a record without a digest gets none" '"id":"c3".*"sources"' "$T/out"
t_grep "a page that is not text is an entry with an error" \
    '"id":"c4".*"error":"not a page of text (image/png)"' "$T/out"
t_grep "bytes with NULs sent as octet-stream are not text" \
    '"id":"c4".*"error":"not a page of text (application/octet-stream)"' "$T/out"
t_grep "... and neither are they without a Content-Type" \
    '"id":"c4".*"error":"not a page of text (no Content-Type)"' "$T/out"
t_nogrep "only http(s) sources are fetched" '"sources":.*etc/passwd' "$T/out"

# --- the same limits as every page ---
reset
rec p1 "$D1" >"$T/in5"
t_run sec-fetch --sources --no-cache --retries 0 "$T/in5"
t_grep "a private address is refused" \
    '"kind":"primary".*"error":"[^"]*private' "$T/out"
t_eq "... before any request" 0 "$(log | wc -l | tr -d ' ')"
t_run $F --max-size 100 "$T/in5"
t_grep "a page over --max-size is an entry with an error" \
    '"kind":"primary".*"error":"[^"]*' "$T/out"
t_nogrep "... and none of its links is followed" 'ioc-page' "$T/out"
rec p2 "{\"primary_sources\":[\"$U/f/about.html?etag=v1\"]}" >"$T/in7"
t_run sec-fetch --sources --allow-private --cache "$T/c" "$T/in7"
reset
t_run sec-fetch --sources --allow-private --cache "$T/c" "$T/in7"
curl -s "$U/log" >"$T/log2"
t_grep "the cache is used: the second run sends a conditional request" \
    '"if_none_match": *"[^"]' "$T/log2"
t_grep "... and the page still comes out" '"text":"About us."' "$T/out"

# a record never grows past -L: a page over half of it is an error entry
t_run $F -L 600 "$T/in5"
t_grep "a page that would make the record too long is left out" \
    '"kind":"primary".*"error":"too large for the record (-L)"' "$T/out"
# bytes that are not UTF-8 are repaired, hostile markup stays text
printf '203.0.113.9 \377\376 <script>alert(1)</script>\n' >"$W/bad.txt"
rec h1 "{\"primary_sources\":[\"$U/f/bad.txt\"]}" >"$T/in8"
t_run $F "$T/in8"
t_rc "a page of invalid UTF-8: exit 0" 0
python3 -c 'import json,sys
r = json.loads(open(sys.argv[1], "rb").read().decode("utf-8", "strict"))
print(r["sources"][0]["format"], r["sources"][0]["text"].split()[0])' \
    "$T/out" >"$T/txt" 2>&1
t_eq "... its text is decoded to valid UTF-8" "text 203.0.113.9" \
    "$(cat "$T/txt")"

# --- GitHub and Gist pages: their raw text is fetched (through a proxy
# that answers for those hosts from files) ---
P=$T/web
mkdir -p "$P/vendor.example/post" "$P/raw.githubusercontent.com/acme/iocs/main" \
    "$P/gist.github.com/anna/0a1b2c/raw"
cat >"$P/vendor.example/post/index.html" <<'EOF2'
<html><head><title>Loader</title></head><body><article>
<p>We analysed a loader that spreads through fake updates and keeps its
configuration encrypted in the registry of the machines it infects.</p>
<p>The indicators are on <a href="http://github.com/acme/iocs/blob/main/loader.txt#L3">GitHub</a>
and, for the second wave, in <a href="http://gist.github.com/anna/0a1b2c">a Gist</a>.</p>
</article></body></html>
EOF2
echo 203.0.113.77 >"$P/raw.githubusercontent.com/acme/iocs/main/loader.txt"
echo 198.51.100.77 >"$P/gist.github.com/anna/0a1b2c/raw/index.txt"
start_server proxy python3 scripts/demo-server.py "$P"
rec r1 '{"primary_sources":["http://vendor.example/post/"]}' >"$T/in11"
t_run env http_proxy="http://127.0.0.1:$port" sec-fetch --sources \
    --allow-private --no-cache "$T/in11"
t_grep "a GitHub file page is read as its raw file" \
    '"url":"http://github.com/acme/iocs/blob/main/loader.txt#L3","kind":"ioc-page","parent":"http://vendor.example/post/","format":"text","text":"203.0.113.77\\n"' \
    "$T/out"
t_grep "a Gist as its raw text" \
    '"url":"http://gist.github.com/anna/0a1b2c","kind":"ioc-page","parent":"http://vendor.example/post/","format":"text","text":"198.51.100.77\\n"' \
    "$T/out"

# --- real STIX 2.1 bundles (../shared, when it is there) ---
X=$SRCDIR/../shared/corpus/stix2/examples
if [ -r "$X/threat-reports/apt1.json" ] && [ -r "$X/threat-reports/poisonivy.json" ]; then
	start_server stix python3 tests/httpd.py "$X/threat-reports"
	rec s1 "{\"primary_sources\":[\"http://127.0.0.1:$port/f/apt1.json\",\"http://127.0.0.1:$port/f/poisonivy.json\"]}" >"$T/in9"
	$F "$T/in9" 2>"$T/err" | sec-ioc >"$T/out" 2>>"$T/err"
	python3 - "$T/out" >"$T/got" <<'PY'
import json, sys
r = json.loads(open(sys.argv[1]).read())
print(" ".join(s["format"] for s in r["sources"]))
for name in ("apt1.json", "poisonivy.json"):
    v = [i for i in r["iocs"] if i.get("found_in", "").endswith(name)]
    print(name, len(v), sorted(set(i["origin"] for i in v)),
          sorted(set(i["type"] for i in v)))
PY
	cat >"$T/want" <<'EOF2'
stix stix
apt1.json 10 ['stix'] ['cidr', 'domain', 'md5']
poisonivy.json 42 ['stix'] ['domain', 'ipv4']
EOF2
	t_same "the shared corpus' bundles: every typed equality read" \
	    "$T/want" "$T/got"
	t_grep "... and the one value that is no domain is counted" \
	    'poisonivy.json: 1 left out: not values of their type' "$T/err"
else
	ok "real STIX bundles # skipped: ../shared/corpus/stix2 is not there"
fi

# two runs at once on one cache: both complete, the same records
rm -rf "$T/cc"
rec q1 "{\"primary_sources\":[\"$U/f/primary.html?etag=q\"]}" >"$T/in10"
sec-fetch --sources --allow-private --cache "$T/cc" "$T/in10" \
    >"$T/q1" 2>"$T/q1.err" &
qp=$!
sec-fetch --sources --allow-private --cache "$T/cc" "$T/in10" \
    >"$T/q2" 2>"$T/q2.err"
q2=$?
wait $qp
t_eq "two runs on one cache both succeed" "0 0" "$? $q2"
t_same "... with the same record" "$T/q1" "$T/q2"
t_eq "... with its IOC pages" 4 "$(grep -o '"kind":"' "$T/q1" | wc -l |
    tr -d ' ')"

# --- bad input, a full disk, usage ---
{ rec d1 "$D1"; echo '{"id":'; rec d2; } >"$T/in6"
t_run $F "$T/in6"
t_rc "a malformed line: exit 1" 1
t_grep "... named by file and line" "in6:2: " "$T/err"
t_eq "... and the other records still come out" 2 "$(grep -c '^{' "$T/out")"
$F "$T/in" >/dev/full 2>"$T/err"
t_eq "a full disk: exit 3" 3 "$?"
t_run sec-fetch --sources -p "$T/in"
t_rc "--sources and -p exclude each other" 2
t_run sec-fetch --max-sources 3 -p "$T/in"
t_rc "--max-sources outside --sources is a usage error" 2
t_run sec-fetch --sources --since 1d "$T/in"
t_rc "--since is for feed mode" 2
