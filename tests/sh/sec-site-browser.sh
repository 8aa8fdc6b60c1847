# sec-site-browser.sh: the site in a real browser (Debian's chromium,
# headless): the pages run their script from file://, and the state in
# the URL drives search, filters and the defang toggle, so each check is
# a page opened with a query and its DOM read back.  The screenshots are
# kept in build/site-screens for a person to look at.
. tests/lib.sh

CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
	echo "ok - skipped: chromium is not installed" \
	    "(sh scripts/install-deps check installs it)"
	exit 0
fi
SHOTS=${SITE_SHOTS:-$SRCDIR/build/site-screens}
mkdir -p "$SHOTS"

# chromium without its own traffic (updates, sync, metrics), so that
# the network log holds only what the pages asked for
chrome() {
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	    --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --disable-default-apps \
	    --disable-domain-reliability --disable-breakpad \
	    --user-data-dir="$T/profile" --virtual-time-budget=8000 "$@" \
	    2>>"$T/chrome.err"
}
dom() {	# dom URL: the page's DOM after its script ran
	chrome --dump-dom "$1" >"$T/dom"
}

python3 "$SRCDIR/tests/site-days.py" "$T/days" 40 2000
sec-site -o "$T/site" "$T"/days/*.ndjson 2>"$T/err" ||
    notok "sec-site failed: $(cat "$T/err")"
S="file://$T/site"

# the overview: its chart, a bar a month (2026-01 and 2026-02)
dom "$S/index.html"
t_eq "overview: a bar per month" 2 "$(grep -o '<rect ' "$T/dom" | wc -l | tr -d ' ')"
chrome --window-size=1200,1600 --screenshot="$SHOTS/index.png" "$S/index.html"
if [ -s "$SHOTS/index.png" ]; then ok "overview: screenshot"; else notok "overview: screenshot"; fi

# the IOC page: a search for one value shows exactly its rows
dom "$S/iocs.html?q=c2-777.bad-10.example.net"
t_grep "iocs: the script ran" 'data-ready="1"' "$T/dom"
t_grep "iocs: one row for the value" 'data-shown="1"' "$T/dom"
t_grep "iocs: defanged by default" 'c2-777\[\.\]bad-10\[\.\]example\[\.\]net' "$T/dom"
dom "$S/iocs.html?q=c2-777.bad-10.example.net&defang=0"
t_grep "iocs: the toggle shows the value itself" \
    '<td class="ioc">c2-777.bad-10.example.net</td>' "$T/dom"
# a filter: the category and the type together
dom "$S/iocs.html?category=srcip&type=ipv4"
n=$(grep -o '<td>srcip</td>' "$T/dom" | wc -l | tr -d ' ')
t_eq "iocs: category and type filter (40 days, one address each)" 40 "$n"
t_grep "iocs: the status says so" 'data-shown="40"' "$T/dom"
chrome --window-size=1400,1000 --screenshot="$SHOTS/iocs.png" \
    "$S/iocs.html?category=srcip&type=ipv4"

# the CSV export holds the filtered rows, in the IOC CSV's columns
dom "$S/iocs.html?q=bad-3.example"
python3 - "$T/dom" >"$T/csv" <<'PY'
import html, re, sys, urllib.parse
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'id="export"[^>]*href="data:text/csv;charset=utf-8,([^"]*)"', dom) \
    or re.search(r'href="data:text/csv;charset=utf-8,([^"]*)"[^>]*id="export"', dom)
if m:
    sys.stdout.write(urllib.parse.unquote(html.unescape(m.group(1))))
PY
t_eq "export: the IOC CSV header" \
    "ioc_type,ioc_value,date,category,actor,actor_attribute,malware,malware_type,reference,description,author,confidence" \
    "$(head -n 1 "$T/csv")"
shown=$(sed -n 's/.*data-shown="\([0-9]*\)".*/\1/p' "$T/dom")
t_eq "export: a row per shown indicator" "$shown" "$(($(wc -l <"$T/csv") - 1))"
if [ "${shown:-0}" -gt 10 ] && ! tail -n +2 "$T/csv" | grep -qv 'bad-3\.example'; then
	ok "export: only the filtered rows ($shown)"
else
	notok "export: only the filtered rows"
fi

# the news page: a hostile title stays text after the script drew it
dom "$S/news.html?q=script"
t_grep "news: the hostile title found" 'data-shown="1"' "$T/dom"
t_grep "news: shown as text" '&lt;script&gt;alert' "$T/dom"
t_nogrep "news: never as markup" "<script>alert" "$T/dom"
dom "$S/news.html?cve=1&year=2026&month=02"
t_grep "news: filters by month and CVE" 'data-shown="' "$T/dom"
n=$(sed -n 's/.*data-shown="\([0-9]*\)".*/\1/p' "$T/dom")
# February: days 27 to 39 of 0 to 39, three articles each with a CVE
t_eq "news: February's articles with a CVE" 39 "$n"

# the events page: the type and follow-up filters
dom "$S/events.html?type=incident&followup=yes"
t_grep "events: filtered" 'data-ready="1"' "$T/dom"
if ! grep -o '<td>[a-z_]*</td><td><a' "$T/dom" | grep -qv '<td>incident</td>'; then
	ok "events: only incidents"
else
	notok "events: only incidents"
fi

# a day page holds the day's articles, as the Markdown does
day=20260110
sec-render -d 2026-01-10 "$T/days/$day.ndjson" >"$T/day.md" 2>/dev/null
grep '^#### ' "$T/day.md" | sed 's/^#### //' | sort >"$T/md.titles"
dom "$S/day/$day.html"
python3 - "$T/dom" <<'PY' | sort >"$T/html.titles"
import html, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
for t in re.findall(r'<article class="card"[^>]*><h4>(.*?)</h4>', dom):
    print(html.unescape(t))
PY
t_same "day page: the Markdown's articles" "$T/md.titles" "$T/html.titles"
t_grep "day page: embedded without navigation" 'class="embed"' \
    "$(dom "$S/day/$day.html?embed=1"; echo "$T/dom")"
chrome --window-size=1200,1600 --screenshot="$SHOTS/day.png" "$S/day/$day.html"

# no page asks for anything outside the site's directory: file:// reads
# are not in chromium's network log, so every network request of a page
# there (its initiator is the page, not "not an origin": the browser's
# own) left it.  A control page that loads an image from 127.0.0.1
# shows the check can fail.
netcheck() {	# netcheck LOG...: the URLs pages asked the network for
	python3 - "$@" <<'PY'
import json, sys
for f in sys.argv[1:]:
    d = json.load(open(f, encoding="utf-8"))
    names = {v: k for k, v in d["constants"]["logEventTypes"].items()}
    for e in d["events"]:
        p = e.get("params", {})
        if names.get(e["type"]) == "URL_REQUEST_START_JOB" and \
                p.get("initiator", "not an origin") != "not an origin":
            print(p.get("url"))
PY
}
chrome --log-net-log="$T/net1.json" --dump-dom "$S/iocs.html?q=x" >/dev/null
chrome --log-net-log="$T/net2.json" --dump-dom "$S/index.html" >/dev/null
chrome --log-net-log="$T/net3.json" --dump-dom "$S/day/$day.html" >/dev/null
netcheck "$T/net1.json" "$T/net2.json" "$T/net3.json" >"$T/outside"
t_empty "no request outside the site's directory" "$T/outside"
printf '<!DOCTYPE html><img src="http://127.0.0.1:9/x.png">\n' >"$T/site/control.html"
chrome --log-net-log="$T/net4.json" --dump-dom "$S/control.html" >/dev/null
t_grep "the check sees a request that leaves" "127.0.0.1:9" \
    "$(netcheck "$T/net4.json" >"$T/control"; echo "$T/control")"
