# sec-archive-import.sh: a published report read back into records, in
# its three layouts; sec-render's report read back gives the same cards;
# the analyst's history imported, and imported again without a change.
. tests/lib.sh

D=tests/data/archive
H=$D/history
DB=$T/a.db
q() { sqlite3 "$DB" "$1"; }

# parse-report: the 2023 layout (numbered articles), the #### layout
# (FORMAT.md), the 2026 one (一次ソース, nested notes, malware campaign
# items with defanged indicators)
for day in 20230615 20240510 20260806; do
	t_run sec-archive parse-report $H/news/$day.md
	t_same "parse-report $day: the records" $D/parsed/$day.ndjson \
	    "$T/out"
	t_same "parse-report $day: the problems, by file and line" \
	    $D/parsed/$day.err "$T/err"
done
t_run sec-archive parse-report $H/news/20230615.md
t_rc "parse-report: a line it cannot read exits 1" 1
t_run sec-archive parse-report $H/news/20260806.md
t_rc "parse-report: a clean report exits 0" 0
t_run sec-archive parse-report $H/news/20230615.md "$T/none.md" \
    $H/news/20260806.md
t_rc "parse-report: a missing file exits 1" 1
t_grep "parse-report: the missing file is named" 'none.md' "$T/err"
t_eq "parse-report: the files around it are read" 6 \
    "$(wc -l <"$T/out" | tr -d ' ')"

# hostile text: CR LF, invalid UTF-8, a NUL, a line of 1 MiB, no final
# newline: every record still comes out, valid
{
	printf '# Daily Security Info\r\n\r\n### 日々のニュース要約\r\n\r\n'
	printf '#### bad \377\376 title\r\nhttps://x.example/a\r\n\r\n'
	printf -- '- 要約\r\n    - a\000b\r\n    - '
	head -c 1048576 /dev/zero | tr '\0' 'x'
	printf '\r\n- IOCの列挙\r\n'
	printf '    - 1[.]2[.]3[.]4,IPアドレス,知られていない,x,グローバル'
} >"$T/hostile.md"
t_run sec-archive parse-report "$T/hostile.md"
t_rc "hostile report: exits 1" 1
t_grep "hostile report: invalid UTF-8 is named" 'hostile.md:5: invalid UTF-8' \
    "$T/err"
t_grep "hostile report: the NUL is named" 'hostile.md:9: NUL' "$T/err"
t_eq "hostile report: the record, valid JSON" \
    "https://x.example/a 1.2.3.4 1048576" \
    "$(jq -r '"\(.url) \(.digest.iocs[0].value) \(.digest.summary[0]|length)"' \
    "$T/out")"

# sec-render -> parse-report: the same cards; and rendered again, the
# same report byte for byte
sec-render -d 2026-11-25 tests/data/render/day.ndjson >"$T/day.md"
t_run sec-archive parse-report "$T/day.md"
t_rc "round trip: parse-report exits 0" 0
sec-render -d 2026-11-25 "$T/out" >"$T/day2.md"
t_same "round trip: render, parse, render gives the same report" \
    "$T/day.md" "$T/day2.md"
# the card fields, as the report shows them: the title on one line, at
# most 5/3/3 items, 一次ソース under その他, indicators without links
cat >"$T/card.jq" <<'EOF'
def ws: gsub("\\s+"; " ") | sub("^ "; "") | sub(" $"; "");
select(.digest) |
{ section: (.section // "news"), url,
  title: ((.digest.title // .title) | ws),
  summary: (.digest.summary // [])[:5], recs: (.digest.recommendations // [])[:3],
  action: .digest.action,
  iocs: [(.digest.iocs // [])[] | select(type == "object") |
    {value, type, known: (.known // false)}] }
EOF
jq -c -f "$T/card.jq" tests/data/render/day.ndjson |
    jq -c 'select(.section == "news")' >"$T/want"
jq -c -f "$T/card.jq" "$T/out" | jq -c --slurpfile w "$T/want" \
    'select(.url as $u | $w | map(.url) | index($u))' >"$T/got"
t_same "round trip: the cards' fields" "$T/want" "$T/got"
t_eq "round trip: the primary source" \
    "https://vendor.example/advisories/SG-2026-011" \
    "$(jq -r 'select(.digest.primary_source) | .digest.primary_source' \
    "$T/out")"
t_eq "round trip: the link sections" \
    "tools https://tools.example/release/2.0" \
    "$(jq -r 'select(.section == "tools") | "\(.section) \(.url)"' \
    "$T/out")"

# import: the analyst's layout, one transaction per file
t_run sec-archive -v -f "$DB" import $H
t_rc "import with problems exits 1" 1
t_grep "import: a CSV row with too few fields is named" \
    'iocs/20260806.csv:4: 3 fields, the header has 12' "$T/err"
t_grep "import: a tag without a value is named" \
    'event_tags/20260806.csv:3: no normalized_value' "$T/err"
t_grep "import: a report's problem is named" \
    'news/20240510.md:33: article without a URL' "$T/err"
t_grep "import: how many files had problems" '4 files with problems' \
    "$T/err"
t_eq "import: one line per file" 7 "$(grep -c '"result":"stored"' "$T/out")"
t_eq "import: the counts" "10 8 2 1 3" "$(q "SELECT
    (SELECT count(*) FROM articles), (SELECT count(*) FROM indicators),
    (SELECT count(*) FROM events), (SELECT count(*) FROM tags),
    (SELECT count(*) FROM taxonomy_values)" | tr '|' ' ')"
t_eq "import: each event is the article's it names, or whose primary source it names" \
    "https://news.example/2026/08/toolkit https://news.example/2026/08/two-sources" \
    "$(q "SELECT a.url FROM events e JOIN articles a ON a.id = e.article_id
    ORDER BY e.id" | paste -sd' ' -)"
t_eq "import: an IOC row is the article's that cites its reference" \
    "192.0.2.10 例示データベースで侵害後ツールキットが実行される, dl.badcdn-sample.net 1 - 例示ローダー" \
    "$(q "SELECT i.value, a.title FROM indicators i JOIN articles a ON
    a.id = i.article_id JOIN sources s ON s.id = i.source_id
    WHERE s.kind = 'ioc-csv' ORDER BY i.id" | tr '|' ' ' |
    sed 'N; s/\n/, /')"
t_eq "import: the report's and the CSV's sightings" \
    '2 ["2026-08-06"] ["https://research.example/blog/toolkit"]' \
    "$(sec-archive -f "$DB" ioc '192[.]0[.]2[.]10' |
    jq -c -r '"\(.sightings) \(.days) \(.references)"')"
t_run sec-archive -f "$DB" check
t_rc "import: check clean" 0

# import again: nothing changes, and each file says so
q '.dump' >"$T/before"
t_run sec-archive -v -f "$DB" import $H
t_eq "import again: every file unchanged" 7 \
    "$(grep -c '"result":"unchanged"' "$T/out")"
q '.dump' >"$T/after"
t_same "import again: the database is the same" "$T/before" "$T/after"
# a changed file replaces what it gave, and only that
sed 's/攻撃元/SQLインジェクションの攻撃元/' $H/news/20260806.md \
    >"$T/20260806.md"
mkdir -p "$T/h2/news"
mv "$T/20260806.md" "$T/h2/news/"
t_run sec-archive -f "$DB" import "$T/h2"
t_rc "import of a changed report exits 0" 0
t_eq "the changed report replaced the old one" "SQLインジェクションの攻撃元" \
    "$(q "SELECT context FROM indicators WHERE value = '192.0.2.10:8080'")"
t_eq "the day's CSV rows stay" 3 \
    "$(q "SELECT count(*) FROM indicators i JOIN sources s ON
    s.id = i.source_id WHERE s.kind = 'ioc-csv'")"
t_eq "and are the new articles'" 2 \
    "$(q "SELECT count(*) FROM indicators i JOIN sources s ON
    s.id = i.source_id WHERE s.kind = 'ioc-csv' AND
    i.article_id IS NOT NULL")"
t_run sec-archive -f "$DB" check
t_rc "after the change: check clean" 0
t_run sec-archive -f "$DB" import "$T/none"
t_rc "import of a missing directory exits 1" 1
mkdir "$T/empty"
t_run sec-archive -f "$DB" import "$T/empty"
t_rc "import of a directory in another layout exits 1" 1
t_grep "import: the layout is named" 'none of news/' "$T/err"

# a CSV that is not UTF-8 is repaired, and said; its rows are in
mkdir -p "$T/h3/iocs"
{ head -n 1 $H/iocs/20260806.csv
    printf 'domain,bad\377host.bignet.net,2026-08-07,c2,unknown,unknown,unknown,unknown,https://r.example/1,x,AI agent,medium\n'
} >"$T/h3/iocs/20260807.csv"
t_run sec-archive -f "$DB" import "$T/h3"
t_rc "a CSV that is not UTF-8 exits 1" 1
t_grep "it is named" '20260807.csv: invalid UTF-8 replaced' "$T/err"
t_eq "its row is in, repaired" "bad�host.bignet.net" \
    "$(q "SELECT value FROM indicators WHERE day = '2026-08-07'")"

# the analyst's tree keeps the reports in subdirectories by quarter
mkdir -p "$T/h4/news/2023_04-06"
cp $H/news/20230615.md "$T/h4/news/2023_04-06/"
rm -f "$DB"*
sec-archive -f "$DB" import "$T/h4" 2>"$T/err"
t_eq "import: a report in a subdirectory" 2 \
    "$(q "SELECT count(*) FROM articles WHERE day = '2023-06-15'")"
