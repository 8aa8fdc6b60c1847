# sec-archive-safety.sh: the archive survives what users meet: two
# writers at once, a writer killed half way, a full disk.  The database
# stays consistent and holds each day old or new, never half of one.
. tests/lib.sh

D=tests/data/archive
DB=$T/a.db
q() { sqlite3 "$DB" "$1"; }

# big DAY N: a day of N articles with two indicators each
big() {
	awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "{\"url\":" \
	    "\"https://big.example/%d\",\"title\":\"Story %d\",\"digest\":" \
	    "{\"title\":\"記事 %d\",\"summary\":[\"要約 %d\"],\"iocs\":" \
	    "[{\"value\":\"10.%d.%d.1\",\"type\":\"ipv4\",\"context\":" \
	    "\"C2 %d\"},{\"value\":\"h%d.example\",\"type\":\"domain\"}]}}\n",
	    i, i, i, i, int(i / 250) % 250, i % 250, i, i }' >"$T/$1.ndjson"
}

# two writers at once: the second waits for the first, both days are in
big 20261201 3000
big 20261202 3000
sec-archive -f "$DB" add "$T/20261201.ndjson" 2>"$T/err1" &
p1=$!
sec-archive -f "$DB" add "$T/20261202.ndjson" 2>"$T/err2" &
p2=$!
wait $p1
r1=$?
wait $p2
r2=$?
t_eq "two writers at once: both exit 0" "0 0" "$r1 $r2"
[ "$r1 $r2" = "0 0" ] || sed 's/^/# stderr: /' "$T/err1" "$T/err2"
t_eq "two writers at once: both days are in" "3000 3000" \
    "$(q "SELECT count(*) FROM articles GROUP BY day ORDER BY day" |
    tr '\n' ' ' | sed 's/ $//')"
t_run sec-archive -f "$DB" check
t_rc "two writers at once: check clean" 0
# and on the same day: one replaces the other, whole
sec-archive -f "$DB" add -d 2026-12-03 "$T/20261201.ndjson" 2>"$T/err1" &
p1=$!
sec-archive -f "$DB" add -d 2026-12-03 $D/20261125.ndjson 2>"$T/err2" &
p2=$!
wait $p1
r1=$?
wait $p2
r2=$?
t_eq "two writers of one day: both exit 0" "0 0" "$r1 $r2"
n=$(q "SELECT count(*) FROM articles WHERE day = '2026-12-03'")
case $n in
3|3000)	ok "two writers of one day: one of them, whole ($n articles)" ;;
*)	notok "two writers of one day: one of them, whole"
	echo "# $n articles" ;;
esac
# another process holding the write lock: -w 0 gives up at once and says
# so; the default waits for it
python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(2)
c.execute("ROLLBACK")' "$DB" >"$T/lock" &
holder=$!
while ! [ -s "$T/lock" ]; do sleep 0.1; done
t_run sec-archive -w 0 -f "$DB" add $D/20261126.ndjson
t_rc "a locked database with -w 0 exits 1" 1
t_grep "a locked database is named" 'a.db: database is locked' "$T/err"
t_run sec-archive -f "$DB" add $D/20261126.ndjson
t_rc "a locked database: the writer waits, then adds" 0
wait $holder
t_eq "the waiting writer's day is in" 1 \
    "$(q "SELECT count(*) FROM articles WHERE day = '2026-11-26'")"

# kill -9 in the middle of an add: the day is the old one or the new one
rm -f "$DB"*
sec-archive -f "$DB" add -d 2026-12-01 $D/20261125.ndjson
big 20261201 60000
sec-archive -f "$DB" add "$T/20261201.ndjson" 2>"$T/err" &
pid=$!
sleep 0.5
if kill -9 $pid 2>/dev/null; then
	killed=yes
else
	killed="no (it had finished)"
fi
wait $pid 2>/dev/null
t_run sec-archive -f "$DB" check
t_rc "kill -9 during add: check clean" 0
n=$(q "SELECT count(*) FROM articles WHERE day = '2026-12-01'")
case $n in
3|60000) ok "kill -9 during add (killed: $killed): the old or the new day ($n)" ;;
*)	notok "kill -9 during add: the old or the new day"
	echo "# $n articles" ;;
esac
t_eq "kill -9 during add: the search rows match" "$n" \
    "$(q "SELECT count(*) FROM search")"
# the next writer goes on from there
t_run sec-archive -f "$DB" add -d 2026-12-01 $D/20261126.ndjson
t_rc "after kill -9: the next add exits 0" 0
t_eq "after kill -9: the day is the new one" 1 \
    "$(q "SELECT count(*) FROM articles WHERE day = '2026-12-01'")"

# a full disk (a file size limit): exit 3, the old database intact
rm -f "$DB"*
sec-archive -f "$DB" add $D/20261125.ndjson
q 'SELECT * FROM articles; SELECT * FROM indicators' >"$T/before"
big 20261125 20000
(ulimit -f 400; sec-archive -f "$DB" add "$T/20261125.ndjson") \
    >"$T/out" 2>"$T/err"
rc=$?
t_rc "a full disk exits 3" 3
t_grep "a full disk is named" 'a.db: write' "$T/err"
q 'SELECT * FROM articles; SELECT * FROM indicators' >"$T/after"
t_same "a full disk: the old day is intact" "$T/before" "$T/after"
t_run sec-archive -f "$DB" check
t_rc "a full disk: check clean" 0
# a database that cannot be made at all
t_run sec-archive -f /dev/full/a.db add $D/20261125.ndjson
t_rc "no place for the database exits 3" 3
# a full stdout
sec-archive -f "$DB" days >/dev/full 2>"$T/err"
t_eq "a full stdout exits 3" 3 $?
t_grep "a full stdout is named" '<stdout>' "$T/err"
