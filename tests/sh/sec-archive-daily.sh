# sec-archive-daily.sh: sec-daily adds each finished day to the archive
# when one is configured (--archive FILE or SEC_ARCHIVE), and says so when
# it cannot; the report is written all the same.
. tests/lib.sh

export TZ=JST-9
export SEC_BINDIR="${BINDIR:-$SRCDIR/bin}"
daily="sh scripts/sec-daily"
unset SEC_ARCHIVE

$daily -q -d 2026-11-25 --offline data/demo -e extractive -o "$T/out" \
    --archive "$T/a.db" >/dev/null 2>"$T/err"
t_eq "sec-daily --archive: the demo day (one page missing) exits 1" 1 $?
t_eq "sec-daily --archive: the day is in the archive" \
    "$(grep -c . "$T/out/20261125.ndjson")" \
    "$(sqlite3 "$T/a.db" "SELECT count(*) FROM articles
    WHERE day = '2026-11-25'")"
t_nogrep "sec-daily --archive: no stage failed" 'stages failed' "$T/err"

SEC_ARCHIVE=$T/b.db $daily -q -d 2026-11-25 --offline data/demo \
    -e extractive -o "$T/out2" >/dev/null 2>"$T/err"
t_eq "SEC_ARCHIVE: the day is in the archive" 1 \
    "$(sqlite3 "$T/b.db" "SELECT count(*) FROM days")"

$daily -q -d 2026-11-25 --offline data/demo -e extractive -o "$T/out3" \
    >/dev/null 2>"$T/err"
t_eq "no archive: none is made" "" "$(find "$T/out3" -name '*.db')"

$daily -q -d 2026-11-25 --offline data/demo -e extractive -o "$T/out4" \
    --archive /dev/full/a.db >/dev/null 2>"$T/err"
t_eq "an archive that cannot be written exits 1" 1 $?
t_grep "it is named" 'stages failed: sec-archive' "$T/err"
t_eq "the report is written all the same" yes \
    "$([ -s "$T/out4/20261125.md" ] && echo yes || echo no)"

# --site: the archive's web site rebuilt after the day is added
unset SEC_SITE
$daily -q -d 2026-11-25 --offline data/demo -e extractive -o "$T/out5" \
    --archive "$T/c.db" --site "$T/site" >/dev/null 2>"$T/err"
t_eq "--site: the demo day exits 1 (its missing page), as without it" 1 $?
t_nogrep "--site: no stage failed" 'stages failed' "$T/err"
t_eq "--site: the day's page is built" yes \
    "$([ -s "$T/site/day/20261125.html" ] && echo yes || echo no)"
t_grep "--site: with the day's articles" '<article class="card"' \
    "$T/site/day/20261125.html"
$daily -q -d 2026-11-25 --offline data/demo -e extractive -o "$T/out6" \
    --site "$T/site2" >/dev/null 2>"$T/err"
t_eq "--site without an archive: a usage error" 2 $?
t_grep "--site without an archive: said" 'give --archive too' "$T/err"

# an indicator of an earlier day says so in the report: the demo day's
# own records stored as a day before, then the day made again
sec-archive -f "$T/d.db" add -d 2026-11-20 "$T/out/20261125.ndjson" 2>/dev/null
$daily -q -d 2026-11-25 --offline data/demo -e extractive -o "$T/out7" \
    --archive "$T/d.db" >/dev/null 2>"$T/err"
t_nogrep "seen: no stage failed" 'stages failed' "$T/err"
t_grep "seen: an indicator of 2026-11-20 says so in its IOC row" \
    '（過去にも観測: 2026-11-20 から 1日）' "$T/out7/20261125.md"
t_grep "seen: and the day's records carry it" \
    '"seen":{"first":"2026-11-20","last":"2026-11-20","days":1}' \
    "$T/out7/20261125.ndjson"
t_nogrep "seen: the first run's report has no such note" '過去にも観測' \
    "$T/out/20261125.md"
