# sec-archive.sh: the archive database: add a day (twice: it is replaced),
# the queries, the exports, the checks and the schema's migration.
. tests/lib.sh

D=tests/data/archive
DB=$T/a.db
q() { sqlite3 "$DB" "$1"; }

# add: the day from the file name
t_run sec-archive -f "$DB" add $D/20261125.ndjson
t_rc "add a day exits 0" 0
t_empty "add writes nothing" "$T/out"
t_eq "add: the day's articles" 3 "$(q 'SELECT count(*) FROM articles')"
t_eq "add: the schema's version" 2 "$(q 'PRAGMA user_version')"
t_eq "add: WAL" wal "$(q 'PRAGMA journal_mode')"
# the digest's indicators that are kept, the record's own that are neither
# linked nor known
t_eq "add: the indicators kept" \
    "198.51.100.23 update-check.example wallet-verify.example" \
    "$(q "SELECT group_concat(value, ' ') FROM (SELECT value FROM indicators
    ORDER BY id)")"
t_eq "add: the enrichment of an indicator" \
    "2026-11-20|c2|Tidewater|china (suspected)|GlassDoor|backdoor|https://vendor.example/advisories/SG-2026-011|medium" \
    "$(q "SELECT date, category, actor, actor_attribute, malware,
    malware_type, reference, confidence FROM indicators
    WHERE value = '198.51.100.23'")"
t_eq "add: the record's reference wins over the primary source" \
    "malware|https://vendor.example/advisories/SG-2026-011|2026-11-25" \
    "$(q "SELECT category, reference, date FROM indicators
    WHERE value = 'update-check.example'")"
# the day's events and tags are sec-render's (its events-csv and
# event-tags-csv of the same records): an event per article
t_eq "add: the card's event" \
    "2026-11-25_stormglass_vpn_flaw_exploited_drop_backdoor|active_exploitation|2026-W48|false|yes" \
    "$(q 'SELECT event_key, event_type, week, needs_review, followup
    FROM events ORDER BY id LIMIT 1')"
t_eq "add: its tags" "event_type=active_exploitation actor=tidewater malware=glassdoor" \
    "$(q "SELECT group_concat(dimension || '=' || value, ' ') FROM tags")"
sec-render -f events-csv -d 2026-11-25 $D/20261125.ndjson | sed 1d |
    cut -d, -f1 >"$T/keys.render"
q 'SELECT event_key FROM events ORDER BY id' >"$T/keys.archive"
t_same "add: the events are sec-render's, one an article" "$T/keys.render" \
    "$T/keys.archive"
t_eq "add: the card fields" \
    '["修正版8.4.2へ更新する"]|["https://vendor.example/advisories/SG-2026-011"]|china (suspected)' \
    "$(q "SELECT recommendations, primary_sources, actor_attribute
    FROM articles WHERE seq = 1")"

# the same file again changes nothing; a new version of the day replaces
# the old one, and the other days stay
q 'SELECT * FROM articles; SELECT * FROM indicators' >"$T/before"
t_run sec-archive -v -f "$DB" add $D/20261125.ndjson
t_rc "add the same day again exits 0" 0
t_grep "-v says it is unchanged" '"result":"unchanged"' "$T/out"
q 'SELECT * FROM articles; SELECT * FROM indicators' >"$T/after"
t_same "the same day again changes nothing" "$T/before" "$T/after"
t_run sec-archive -f "$DB" add $D/20261126.ndjson
t_rc "add a second day exits 0" 0
head -n 1 $D/20261125.ndjson >"$T/20261125.ndjson"
t_run sec-archive -f "$DB" add "$T/20261125.ndjson"
t_rc "add a new version of a day exits 0" 0
t_eq "the new version replaced the old one" "2026-11-25|1 2026-11-26|1" \
    "$(q "SELECT day || '|' || count(*) FROM articles GROUP BY day" |
    tr '\n' ' ' | sed 's/ $//')"
t_eq "no indicator of the old version is left" 0 \
    "$(q "SELECT count(*) FROM indicators WHERE value = 'wallet-verify.example'")"
t_eq "nor its search row" 2 "$(q 'SELECT count(*) FROM search')"
t_run sec-archive -f "$DB" add -d 2026-11-27 "$T/20261125.ndjson"
t_rc "add -d names the day" 0
t_eq "add -d: the day" 1 \
    "$(q "SELECT count(*) FROM articles WHERE day = '2026-11-27'")"
t_run sec-archive -f "$DB" add -d 2026-11-27 a b
t_rc "add -d with two files is a usage error" 2
cp $D/20261126.ndjson "$T/day.ndjson"
t_run sec-archive -f "$DB" add "$T/day.ndjson"
t_rc "add a file without a day in its name exits 1" 1
t_grep "the file is named" 'day.ndjson: no day in the name' "$T/err"

# a bad line is named, the other records are added
{ head -n 1 $D/20261125.ndjson; echo 'not json'
    sed -n 3p $D/20261125.ndjson; } >"$T/20261201.ndjson"
t_run sec-archive -f "$DB" add "$T/20261201.ndjson"
t_rc "add with a bad line exits 1" 1
t_grep "the bad line is named" '20261201.ndjson:2' "$T/err"
t_eq "the other records are added" 2 \
    "$(q "SELECT count(*) FROM articles WHERE day = '2026-12-01'")"

# ioc: any case, defanged or not, with a port
t_run sec-archive -f "$DB" ioc '198[.]51[.]100[.]23'
t_rc "ioc exits 0" 0
t_eq "ioc: every sighting, with a port too" \
    '4|2026-11-25|2026-12-01|["2026-11-25","2026-11-26","2026-11-27","2026-12-01"]' \
    "$(jq -r '"\(.sightings)|\(.first_seen)|\(.last_seen)|\(.days|tojson)"' \
    "$T/out")"
t_eq "ioc: actors, malware, references" \
    '["Tidewater"]|["GlassDoor"]|["https://vendor.example/advisories/SG-2026-011","https://news.example/2026/11/stormglass-again"]' \
    "$(jq -r '"\(.actors|tojson)|\(.malware|tojson)|\(.references|tojson)"' \
    "$T/out")"
t_eq "ioc: the articles" \
    "StormGlass VPNの脆弱性が悪用されバックドアが設置される" \
    "$(jq -r '.articles[0].title' "$T/out")"
t_run sec-archive -f "$DB" ioc 'UPDATE-CHECK[.]EXAMPLE' nowhere.example
t_eq "ioc: in any case" 3 "$(jq -r 'select(.value ==
    "update-check.example") | .sightings' "$T/out")"
t_eq "ioc: a value never seen" 0 "$(jq -r 'select(.value ==
    "nowhere.example") | .sightings' "$T/out")"
t_run sec-archive -f "$DB" -t ioc 198.51.100.23
t_grep "ioc -t: a table" '^DAY  *TYPE  *VALUE' "$T/out"
t_eq "ioc -t: a row per sighting" 5 "$(wc -l <"$T/out" | tr -d ' ')"

# search: words inside Japanese text, short words too
t_run sec-archive -f "$DB" search バックドア
t_rc "search exits 0" 0
t_eq "search: the articles that say it, newest first" \
    "2026-12-01 2026-11-27 2026-11-26 2026-11-25" \
    "$(jq -r .day "$T/out" | tr '\n' ' ' | sed 's/ $//')"
t_run sec-archive -f "$DB" search 'C2'
t_eq "search: a word of two characters (an IOC context)" 4 \
    "$(wc -l <"$T/out" | tr -d ' ')"
t_run sec-archive -f "$DB" search 'no such "words'
t_rc "search: a quote in the text is not syntax" 0
t_empty "search: nothing found" "$T/out"

# days
t_run sec-archive -f "$DB" days
t_eq "days: one line a day" 4 "$(wc -l <"$T/out" | tr -d ' ')"
t_eq "days: the counts" '{"day":"2026-11-26","week":"2026-W48","articles":1,"indicators":1,"events":1,"tags":1,"sources":["ndjson"]}' \
    "$(sed -n 2p "$T/out")"

# export: the IOC CSV is the one sec-render writes for the day, but that
# it leaves out what the card does not keep, and gives each indicator the
# card's actor and malware
rm -f "$DB"*
{ sed -n '2,3p' $D/20261125.ndjson; cat $D/20261126.ndjson; } \
    >"$T/20261128.ndjson"
sec-archive -f "$DB" add "$T/20261128.ndjson"
t_run sec-archive -f "$DB" export -F ioc-csv --since 2026-11-28 \
    --until 2026-11-28
t_rc "export exits 0" 0
sec-render -f ioc-csv -d 2026-11-28 "$T/20261128.ndjson" >"$T/render.csv"
t_same "export ioc-csv = sec-render -f ioc-csv" "$T/render.csv" "$T/out"
sec-archive -f "$DB" add $D/20261125.ndjson
t_run sec-archive -f "$DB" export -F ioc-csv -s 2026-11-25 -u 2026-11-25
# the day's CSVs are sec-render's, written by its own code from the
# stored records: enrichment and provenance included
sec-render -f ioc-csv -d 2026-11-25 $D/20261125.ndjson >"$T/render.csv"
t_same "export ioc-csv of a day = sec-render's" "$T/render.csv" "$T/out"
t_grep "export ioc-csv: the card's actor, with its alias and confidence" \
    '^domain,update-check.example,2026-11-25,malware,Tidewater (aka Storm-0999) (medium confidence),china (suspected),GlassDoor,backdoor,' \
    "$T/out"
t_run sec-archive -f "$DB" export -F events-csv
t_eq "export events-csv: the header" \
    "event_key,date,week,month,event_type,title,summary,source_file,source_url,confidence,needs_review,monthly_followup_candidate" \
    "$(head -n 1 "$T/out")"
t_grep "export events-csv: the event" \
    '^2026-11-25_stormglass_vpn_flaw_exploited_drop_backdoor,2026-11-25,2026-W48,2026-11,active_exploitation,' \
    "$T/out"
sec-render -f events-csv -d 2026-11-25 $D/20261125.ndjson >"$T/render.csv"
grep '^2026-11-25' "$T/out" >"$T/export.csv"
t_same "export events-csv of a day = sec-render's" \
    "$(sed 1d "$T/render.csv" >"$T/render2.csv"; echo "$T/render2.csv")" \
    "$T/export.csv"
t_run sec-archive -f "$DB" export -F event-tags-csv -u 2026-11-24
t_eq "export --until: nothing after it" \
    "event_key,dimension,raw_value,normalized_value,confidence,note" \
    "$(cat "$T/out")"
t_run sec-archive -f "$DB" export -F html
t_rc "export: an unknown format is a usage error" 2
t_run sec-archive -f "$DB" export -s 2026-13-01
t_rc "export: a bad date is a usage error" 2

# check: clean, and each broken rule is named
t_run sec-archive -f "$DB" check
t_rc "check: clean" 0
q "UPDATE indicators SET value = 'evil[.]example' WHERE id = 1;
    DELETE FROM search WHERE rowid = 2"
t_run sec-archive -f "$DB" check
t_rc "check: a broken rule exits 1" 1
t_grep "check: an indicator not refanged" 'indicator not refanged: 1 evil\[.\]example' \
    "$T/err"
t_grep "check: an article without its search row" \
    'article without its search row: 2' "$T/err"

# the schema is migrated in place: a version 1 database gets its search
# table, filled from the articles it has
rm -f "$DB"*
SEC_ARCHIVE_SCHEMA=1 sec-archive -f "$DB" add $D/20261125.ndjson
t_eq "an old database: version 1" 1 "$(q 'PRAGMA user_version')"
t_run sec-archive -f "$DB" search GlassDoor
t_rc "search on a version 1 database migrates it" 0
t_eq "migrated: version 2" 2 "$(q 'PRAGMA user_version')"
t_eq "migrated: the old articles are found" 1 \
    "$(wc -l <"$T/out" | tr -d ' ')"
t_run sec-archive -f "$DB" check
t_rc "migrated: check clean" 0
q 'PRAGMA user_version = 99'
t_run sec-archive -f "$DB" days
t_rc "a newer schema is refused" 1
t_grep "a newer schema is named" 'schema version 99 is newer' "$T/err"

# the queries need a database; they never create one
t_run sec-archive -f "$T/none.db" days
t_rc "days without a database exits 1" 1
t_eq "days does not create it" no "$([ -e "$T/none.db" ] && echo yes ||
    echo no)"
# the default database is under XDG_DATA_HOME
XDG_DATA_HOME=$T/xdg sec-archive add $D/20261126.ndjson
t_eq "the default database" yes \
    "$([ -s "$T/xdg/sec-tools/archive.db" ] && echo yes || echo no)"
t_run sec-archive frobnicate
t_rc "an unknown command is a usage error" 2
t_run sec-archive -f "$DB" search
t_rc "search without text is a usage error" 2

# on a terminal a table, into a pipe JSON lines
rm -f "$DB"*
sec-archive -f "$DB" add $D/20261125.ndjson
# script(1) runs it on a pseudo-terminal
script -qec "sec-archive -f '$DB' days" /dev/null >"$T/tty"
t_grep "days on a terminal: a table" '^DAY  *WEEK  *ARTICLES' "$T/tty"
t_run sec-archive -f "$DB" -j days
t_grep "days -j: JSON lines" '^{"day":"2026-11-25"' "$T/out"

# completions: the commands and the export formats
comp() {	# comp TOOL WORD...: bash's completions of the last word
	bash -c '. completions/sec-tools.bash
	COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
	_sec_tools "$1"; printf "%s\n" "${COMPREPLY[@]}"' comp "$@"
}
t_eq "bash: sec-archive -f db i" "import ioc" \
    "$(comp sec-archive -f db i | paste -sd' ' -)"
t_eq "bash: sec-archive export -F e" "events-csv event-tags-csv" \
    "$(comp sec-archive export -F e | paste -sd' ' -)"
t_eq "bash: sec-archive export --si" "--since" \
    "$(comp sec-archive export --si)"

# well known: the digest entry's verdict, its model's or its list's, else
# the record's
printf '%s\n' '{"url":"https://k.example/1","iocs":[{"value":"a.bignet.net","known":true},{"value":"b.bignet.net","known":true}],"digest":{"iocs":[{"value":"a.bignet.net","known":false},{"value":"b.bignet.net"},{"value":"c.bignet.net","model_known":true},{"value":"d.bignet.net","list_known":true},{"value":"e.bignet.net"}]}}' \
    >"$T/20261202.ndjson"
sec-archive -f "$DB" add "$T/20261202.ndjson"
t_eq "known: the entry's, the model's, the list's, the record's" \
    "a.bignet.net=0 b.bignet.net=1 c.bignet.net=1 d.bignet.net=1 e.bignet.net=0" \
    "$(q "SELECT group_concat(value || '=' || known, ' ') FROM (SELECT
    value, known FROM indicators WHERE day = '2026-12-02' ORDER BY id)")"

# an empty file is an empty day when the day is new, but never replaces a
# day that has records
rm -f "$DB"*
: >"$T/20261203.ndjson"
t_run sec-archive -f "$DB" add "$T/20261203.ndjson"
t_rc "an empty new day exits 0" 0
t_eq "an empty new day is a day" 1 \
    "$(q "SELECT count(*) FROM days WHERE day = '2026-12-03'")"
sec-archive -f "$DB" add $D/20261125.ndjson
: >"$T/20261125.ndjson"
t_run sec-archive -f "$DB" add "$T/20261125.ndjson"
t_rc "an empty file for a day with records exits 1" 1
t_grep "it says why" 'not added: no records, and 2026-11-25 has some' \
    "$T/err"
t_eq "the day keeps its records" 3 \
    "$(q "SELECT count(*) FROM articles WHERE day = '2026-11-25'")"

# seen: an indicator held from an earlier day is marked, not one of the
# same day
rm -f "$DB"*
sec-archive -f "$DB" add $D/20261125.ndjson 2>/dev/null
t_run sec-archive -f "$DB" seen -d 2026-12-01 $D/20261126.ndjson
t_rc "seen: rc 0" 0
t_grep "seen: the address (on another port) held from 2026-11-25" \
    '"seen":{"first":"2026-11-25","last":"2026-11-25","days":1}' "$T/out"
t_eq "seen: every record out" "$(grep -c . $D/20261126.ndjson)" \
    "$(grep -c . "$T/out")"
t_run sec-archive -f "$DB" seen -d 2026-11-25 $D/20261125.ndjson
t_nogrep "seen: not from the day itself" '"seen"' "$T/out"
t_run sec-archive -f "$DB" seen $D/20261126.ndjson
t_rc "seen without -d: rc 2" 2
