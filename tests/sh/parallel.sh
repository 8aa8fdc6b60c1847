# parallel.sh: the bulk recipe of sec-record(5) holds: the filters keep
# no state between records, so GNU parallel can cut a large NDJSON file
# into blocks, run a filter on each (on this machine, or on others with
# --sshlogin), and give the same output in the same order as one run.
. tests/lib.sh

if ! command -v parallel >/dev/null 2>&1; then
	echo "ok - skipped: GNU parallel is not installed" \
	    "(scripts/install-deps check)"
	exit 0
fi
export XDG_CACHE_HOME="$T/cache"

# 6,000 records of three kinds, about 4 MB: pages for sec-extract, texts
# with indicators for sec-ioc and sec-summarize
python3 - "$T/big.ndjson" <<'PY'
import json, sys
out = open(sys.argv[1], "w", encoding="utf-8")
for i in range(6000):
    host = "c2-%d.example-bad.net" % i
    text = ("Researchers found a loader that beacons to %s and to "
            "45.%d.%d.%d over port 443. The payload hash is %064x. "
            "CISA urges administrators to patch CVE-2026-%04d now. "
            "研究者は%sへの通信を確認した。" %
            (host, i % 200 + 1, i % 250, i % 7 + 1, i * 7919, i % 9999,
             host))
    rec = {"id": "r%05d" % i, "section": "news",
           "url": "https://news.example/%d" % i,
           "title": "Loader campaign %d" % i,
           "html": "<html><body><nav>menu</nav><article><h1>Loader %d"
                   "</h1><p>%s</p><p>%s</p></article></body></html>" %
                   (i, text, text),
           "text": text}
    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
PY

for tool in "sec-ioc" "sec-extract" "sec-summarize -e extractive"; do
	name=${tool%% *}
	# shellcheck disable=SC2086
	$tool <"$T/big.ndjson" >"$T/seq.$name" 2>"$T/seq.$name.err"
	seqrc=$?
	# blocks of 256 kB: about 16 of them, two jobs at a time
	# shellcheck disable=SC2086
	parallel --pipe --block 256k --keep-order -j 2 $tool \
	    <"$T/big.ndjson" >"$T/par.$name" 2>"$T/par.$name.err"
	parrc=$?
	t_eq "$name: sequential run succeeds" 0 "$seqrc"
	t_eq "$name: parallel run succeeds" 0 "$parrc"
	t_eq "$name: 6000 records out" 6000 \
	    "$(wc -l <"$T/par.$name" | tr -d ' ')"
	t_same "$name: parallel output = sequential output, in order" \
	    "$T/seq.$name" "$T/par.$name"
done

# the blocks really were cut: more than one sec-ioc ran
parallel --pipe --block 256k --keep-order -j 2 'wc -l' \
    <"$T/big.ndjson" >"$T/counts"
n=$(wc -l <"$T/counts" | tr -d ' ')
if [ "$n" -gt 4 ]; then
	ok "the input was cut into $n blocks"
else
	notok "the input was cut into $n blocks, expected more than 4"
fi
# and never inside a record: every block holds whole lines
t_eq "blocks hold whole records" 6000 "$(awk '{ s += $1 } END { print s }' \
    "$T/counts")"
