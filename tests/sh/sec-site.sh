# sec-site.sh: the site's files, without a browser: what every page
# holds, the escaping of hostile text, the Content-Security-Policy,
# nothing fetched from outside, and a rebuild that rewrites only what
# changed.  tests/sh/sec-site-browser.sh drives the pages in chromium.
. tests/lib.sh

python3 "$SRCDIR/tests/site-days.py" "$T/days" 5 60
t_run sec-site -o "$T/site" "$T"/days/*.ndjson
t_rc "five days: rc 0" 0
t_grep "a summary line on stderr" "5 days, 20 articles" "$T/err"
for f in index.html news.html events.html iocs.html day/20260105.html \
    day/20260109.html assets/site.js assets/site.css data/manifest.js; do
	if [ -s "$T/site/$f" ]; then ok "written: $f"; else notok "written: $f"; fi
done
t_grep "the day page links the next day" 'href="20260106.html" rel="next"' \
    "$T/site/day/20260105.html"
t_grep "the overview has its chart" '<svg class="chart"' "$T/site/index.html"
t_grep "the overview counts the days" '<b>5</b>日' "$T/site/index.html"
t_grep "the manifest lists the quarter" '"iocs":\["2026Q1"\]' \
    "$T/site/data/manifest.js"

# a title with markup is text in the page and in the data
t_grep "hostile title escaped in the day page" \
    '&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;' \
    "$T/site/day/20260105.html"
if grep -q "<script>alert" "$T/site/day/20260105.html" "$T/site/news.html" \
    "$T/site/index.html"; then
	notok "no page holds the title as markup"
else
	ok "no page holds the title as markup"
fi
t_nogrep "the data holds no raw <" "<script" "$T/site/data/news-2026Q1.js"

# indicators are never links, and are defanged in the pages
t_grep "indicator defanged on its day" 'c2-1\[\.\]bad-1\[\.\]example\[\.\]net' \
    "$T/site/day/20260105.html"
t_nogrep "no link to an indicator" 'href="[^"]*bad-[0-9]*\.example' \
    "$T/site/day/20260105.html"

# every page: the policy, and nothing from another site
for f in index.html news.html events.html iocs.html day/20260105.html; do
	t_grep "$f: Content-Security-Policy" \
	    "script-src 'self'; style-src 'self'" "$T/site/$f"
	t_nogrep "$f: no inline script" '<script>' "$T/site/$f"
	t_nogrep "$f: no inline style" ' style=' "$T/site/$f"
	t_nogrep "$f: no script or style from elsewhere" \
	    '<script src="http\|<link[^>]*href="http' "$T/site/$f"
done
t_nogrep "the script fetches nothing" 'fetch(\|XMLHttpRequest\|https\?://[a-z]' \
    "$T/site/assets/site.js"

# a rebuild of the same days writes nothing; a changed day, its pages
t_run sec-site -o "$T/site" "$T"/days/*.ndjson
t_grep "rebuild: nothing rewritten" "0 files written, 15 unchanged" "$T/err"
ls -l --time-style=+%s.%N "$T/site/day/20260105.html" >"$T/before"
sed -i 's/ローダー攻撃 12/ローダー攻撃 十二/' "$T/days/20260109.ndjson"
t_run sec-site -o "$T/site" "$T"/days/*.ndjson
t_grep "one day changed: only its pages and data rewritten" \
    "[1-9] files written" "$T/err"
ls -l --time-style=+%s.%N "$T/site/day/20260105.html" >"$T/after"
t_same "another day's page left alone" "$T/before" "$T/after"
t_grep "the changed title is on its day" "ローダー攻撃 十二" \
    "$T/site/day/20260109.html"

# --since leaves out the days before
t_run sec-site -o "$T/since" --since 2026-01-08 "$T"/days/*.ndjson
t_grep "--since: two days" "2 days" "$T/err"
if [ -e "$T/since/day/20260107.html" ]; then
	notok "--since: no page of an earlier day"
else
	ok "--since: no page of an earlier day"
fi

# bad input: named, the other days still built
printf '{"section":"news","title":"x"}\nnot json\n' >"$T/days/20260201.ndjson"
cp "$T/days/20260105.ndjson" "$T/days/notaday.ndjson"
t_run sec-site -o "$T/bad" "$T"/days/*.ndjson
t_rc "bad lines and a bad name: rc 1" 1
t_grep "the bad line is named" "20260201.ndjson:2" "$T/err"
t_grep "the bad name is named" "notaday.ndjson: not a day" "$T/err"
t_grep "the good days are still built" "6 days" "$T/err"
t_run sec-site "$T"/days/20260105.ndjson
t_rc "no -o: rc 2" 2
: >"$T/ro"
t_run sec-site -o "$T/ro/site" "$T"/days/20260105.ndjson
t_rc "an unwritable directory: rc 3" 3

# from an archive: the days of sec-archive, and the analyst's IOC rows
# with their own columns
if command -v sec-archive >/dev/null 2>&1; then
	export XDG_DATA_HOME="$T/xdg"
	rm -f "$T/days/20260201.ndjson" "$T/days/notaday.ndjson"
	sec-archive -f "$T/a.db" add "$T"/days/2026010[5-7].ndjson 2>/dev/null
	mkdir -p "$T/hist/iocs"
	printf '%s\n' \
	    'ioc_type,ioc_value,date,category,actor,actor_attribute,malware,malware_type,reference,description,author,confidence' \
	    'domain,analyst-row.example.org,2026-01-06,c2,Storm-9,unknown,Loader9,loader,https://vendor.example/r/4,AI generated. x,AI agent,medium' \
	    >"$T/hist/iocs/20260106.csv"
	sec-archive -f "$T/a.db" import "$T/hist" 2>/dev/null
	t_run sec-site -f "$T/a.db" -o "$T/fromdb"
	t_rc "-f archive: rc 0" 0
	t_grep "-f archive: its days" "3 days, 12 articles" "$T/err"
	t_grep "-f archive: a day page" 'ローダー攻撃 4' "$T/fromdb/day/20260106.html"
	t_grep "-f archive: the analyst's row, with its actor" \
	    '"analyst-row.example.org","c2","Storm-9","Loader9"' \
	    "$T/fromdb/data/iocs-2026Q1.js"
	t_grep "-f archive: linked to the article citing its reference" \
	    'analyst-row.example.org.*20260106.html#a2' "$T/fromdb/data/iocs-2026Q1.js"
	t_run sec-site -f "$T/none.db" -o "$T/fromdb"
	t_rc "-f a missing archive: rc 1" 1
fi
