# sec-archive-week.sh: the weekly review from the archive: its period,
# its counts against what the archive holds, the IOC analysis finding an
# indicator seen on an earlier day, and the analyst's own week when
# ../shared has their data.
. tests/lib.sh

D=$SRCDIR/tests/data/archive
DB=$T/a.db
export XDG_DATA_HOME="$T/data"

sec-archive -f "$DB" add "$D/20261125.ndjson" "$D/20261126.ndjson" \
    2>/dev/null
# a day of the next week names an indicator of 2026-11-25 again, and
# another URL on a host seen before
python3 - "$D/20261125.ndjson" "$T/20261201.ndjson" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
r = recs[0]
r["url"] = "https://news.example/2026/12/stormglass-again"
r["title"] = "StormGlass backdoor seen again"
d = r["digest"]
d["title"] = "GlassDoorバックドアが再び見つかる"
d["iocs"] = [i for i in d["iocs"] if i["value"] == "update-check.example"]
d["iocs"].append({"type": "url", "value": "http://update-check.example/new.bin",
                  "category": "malware"})
r["iocs"] = d["iocs"]
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(r, ensure_ascii=False) + "\n")
PY
sec-archive -f "$DB" add "$T/20261201.ndjson" 2>/dev/null

t_run sec-archive -f "$DB" week 2026-W47
t_rc "week: rc 0" 0
t_grep "week: Sunday to Saturday, ending ISO week 47" \
    '^- 期間: 2026-11-22 〜 2026-11-28$' "$T/out"
n=$(sec-archive -f "$DB" export -F events-csv -s 2026-11-22 -u 2026-11-28 |
    sed 1d | wc -l | tr -d ' ')
t_grep "week: the events the archive holds for the week ($n)" \
    "^- 対象イベント数: ${n}件$" "$T/out"
t_grep "week: the days without data are listed" '^  - `2026-11-24`$' \
    "$T/out"
for s in "## 1. 今週の要点" "## 2. イベント種別サマリ" "## 3. 主要イベント" \
    "## 4. コア傾向" "## 6. IOC分析" "## 7. 月次深掘り候補" \
    "## 8. レビュー保留・タグカバレッジ"; do
	t_grep "week: section $s" "^$s" "$T/out"
done
t_grep "week: the event types with the taxonomy's labels" \
    '^| active_exploitation | 悪用の確認 | 1 |' "$T/out"

t_run sec-archive -f "$DB" week -o "$T/w48" 2026-W48
t_rc "week -o: rc 0" 0
for f in 2026-W48.md 2026-W48_current_iocs.csv 2026-W48_ioc_matches.csv \
    2026-W48_ioc_summary.csv; do
	if [ -s "$T/w48/$f" ]; then ok "week -o: $f"; else notok "week -o: $f"; fi
done
t_grep "week: the indicator of 2026-11-25 found again (exact)" \
    '^exact,[a-z]*,[a-z]*,[a-z]*,2026-12-01,.*,domain,update-check.example,.*,2026-11-25,' \
    "$T/w48/2026-W48_ioc_matches.csv"
t_grep "week: the new URL on the same host (host_overlap)" \
    '^host_overlap,.*http://update-check.example/new.bin' \
    "$T/w48/2026-W48_ioc_matches.csv"
t_grep "week: the summary counts it" '^matched_ioc_distinct,total,2$' \
    "$T/w48/2026-W48_ioc_summary.csv"
t_grep "week: the review says so" 'past matches=2' "$T/w48/2026-W48.md"
t_run sec-archive -f "$DB" week 2026-W54
t_rc "week: no such week: rc 2" 2
t_run sec-archive -f "$DB" week
t_rc "week: no week named: rc 2" 2

# the analyst's week, from their own files
TM=$SRCDIR/../shared/corpus/techmemo
if [ ! -d "$TM/events" ]; then
	ok "the analyst's week: skipped (no ../shared/corpus/techmemo)"
	exit 0
fi
sec-archive -f "$T/tm.db" import "$TM" 2>/dev/null
t_run sec-archive -f "$T/tm.db" week -o "$T/tmw" --taxonomy "$TM/taxonomy" \
    --shared-hosts "$TM/weekly/ioc_shared_service_hosts.json" 2026-W19
t_rc "the analyst's week: rc 0" 0
python3 - "$TM" >"$T/want" <<'PY'
import csv, glob, os, sys
tm = sys.argv[1]
ev = sum(1 for f in glob.glob(os.path.join(tm, "events", "*.csv"))
         for r in csv.DictReader(open(f, encoding="utf-8"))
         if "2026-05-10" <= r["date"] <= "2026-05-16")
print("events", ev)
PY
t_grep "the analyst's week: every event of the sample's days" \
    "^- 対象イベント数: $(sed -n 's/^events //p' "$T/want")件$" "$T/tmw/2026-W19.md"
t_grep "the analyst's week: their labels" "| 悪用確認済み |" "$T/tmw/2026-W19.md"
