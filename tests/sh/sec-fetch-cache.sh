# sec-fetch-cache.sh: the HTTP cache under concurrent writers, and what a
# damaged or old-format cache entry leads to.  The test server's
# versioned feed changes its body and ETag on every request.
. tests/lib.sh
unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy no_proxy

start_server httpd python3 tests/httpd.py tests/data/fetch
U=http://127.0.0.1:$port
F="sec-fetch --retry-delay 10"
FEED="$U/feed?items=5&versioned=1"
CFEED="$U/feed?items=5&versioned=1&cond=1"
TRIES=${CACHE_TRIES:-100}

# check_cache DIR: one line per entry whose ETag and body disagree (or
# that cannot be read), nothing when all is well; old-format pairs
# (.meta and .body) are checked too
check_cache() {
	python3 - "$1" <<'PY'
import os, re, sys
d = sys.argv[1]
def version(body):
    m = re.search(rb"<title>Version (\d+)</title>", body)
    return m.group(1).decode() if m else None
for name in sorted(os.listdir(d)):
    p = os.path.join(d, name)
    if ".tmp" in name:
        continue
    if name.endswith(".meta"):
        meta = open(p, "rb").read().decode()
        tags = re.findall(r"^etag \"v(\d+)\"$", meta, re.M)
        try:
            body = open(p[:-5] + ".body", "rb").read()
        except OSError:
            print("%s: no body" % name)
            continue
    elif name.endswith(".entry"):
        data = open(p, "rb").read()
        head, sep, body = data.partition(b"\n\n")
        tags = re.findall(r"^etag \"v(\d+)\"$", head.decode(), re.M)
    else:
        continue
    if not tags and version(body) is None:
        continue    # a page, not the versioned feed
    if not tags or tags[0] != version(body):
        print("%s: etag %s, body version %s" % (name, tags, version(body)))
PY
}

# --- two writers at once, 100 times ---
bad=0 lost=0 failed=0
i=0
while [ $i -lt "$TRIES" ]; do
	$F --cache "$T/c" "$FEED" >"$T/o1" 2>"$T/e1" &
	p1=$!
	$F --cache "$T/c" "$FEED" >"$T/o2" 2>"$T/e2" &
	p2=$!
	wait $p1 || failed=$((failed + 1))
	wait $p2 || failed=$((failed + 1))
	for o in "$T/o1" "$T/o2"; do
		[ "$(grep -c '^{' "$o")" = 5 ] || lost=$((lost + 1))
	done
	[ -z "$(check_cache "$T/c")" ] || bad=$((bad + 1))
	i=$((i + 1))
done
t_eq "concurrent writers: every cache entry's ETag matches its body" \
    "0 of $TRIES" "$bad of $TRIES"
t_eq "concurrent writers: no record lost" "0 of $TRIES" "$lost of $TRIES"
t_eq "concurrent writers: every run succeeds" "0 of $TRIES" \
    "$failed of $TRIES"

# last_inm: the If-None-Match of the last request for the feed
last_inm() {
	curl -s "$U/log" | python3 -c '
import sys, json
r = [json.loads(l) for l in sys.stdin if "versioned" in l]
print(r[-1]["if_none_match"] if r else "no request")'
}

# --- a damaged entry is fetched again, unconditionally ---
# (each run first stores a fresh entry whose tag is the server's latest,
# so a conditional request would get a 304)
for how in truncated garbage altered empty; do
	rm -rf "$T/c"
	$F --cache "$T/c" "$CFEED" >/dev/null 2>&1
	entry=$(ls "$T"/c/* | head -n 1)
	case $how in
	truncated) head -c 300 "$entry" >"$T/x" ;;
	garbage) { head -c 200 "$entry"; printf 'garbage'; } >"$T/x" ;;
	altered) sed 's/Item 5/Item 6/' "$entry" >"$T/x" ;;
	empty) : >"$T/x" ;;
	esac
	cp "$T/x" "$entry"
	t_run $F --cache "$T/c" "$CFEED"
	t_rc "$how entry: the run succeeds" 0
	t_eq "$how entry: every record comes out" 5 "$(grep -c '^{' "$T/out")"
	t_nogrep "$how entry: no item of the damaged body" 'Item 6' "$T/out"
	t_eq "$how entry: the request is unconditional" None "$(last_inm)"
	t_eq "$how entry: the entry is whole again" "" "$(check_cache "$T/c")"
done

# --- entries of the old format (.meta and .body, which 0.1 wrote) ---
rm -rf "$T/c"
mkdir "$T/c"
curl -s "$U/reset" >/dev/null
$F --no-cache "$CFEED" >/dev/null 2>&1
v=$(curl -s "$U/log" | grep -c versioned)
h=$(python3 -c '
import sys
h = 0xcbf29ce484222325
for c in sys.argv[1].encode():
    h = ((h ^ c) * 0x100000001b3) & 0xffffffffffffffff
print("%016x" % h)' "$CFEED")
printf 'url %s\netag "v%s"\n' "$CFEED" "$v" >"$T/c/$h.meta"
printf 'not the feed' >"$T/c/$h.body"
t_run $F --cache "$T/c" "$CFEED"
t_rc "old-format entry: the run succeeds" 0
t_eq "old-format entry: every record comes out" 5 \
    "$(grep -c '^{' "$T/out")"
t_eq "old-format entry: the request is unconditional" None "$(last_inm)"

# --- two days of daily.mk at once (make -j2), one cache ---
# Both days fetch the versioned feed and its pages through one --cache;
# the first day's window holds the five items, the second's none.
if command -v flock >/dev/null 2>&1; then
	printf 'versioned %s\n' "$FEED" >"$T/vfeeds.conf"
	MKTRIES=${DAILY_CACHE_TRIES:-10}
	bad=0 lost=0 failed=0
	i=0
	while [ $i -lt "$MKTRIES" ]; do
		make -s -j2 -f scripts/daily.mk DATES='2025-11-25 2025-11-26' \
		    OUT="$T/mk$i" CONFIG="$T/vfeeds.conf" ENGINE=extractive \
		    FETCH_FLAGS="--allow-private --retry-delay 10 --cache $T/mc" \
		    BIN="${BINDIR:-$SRCDIR/bin}/" >"$T/mk.out" 2>"$T/mk.err" ||
		    failed=$((failed + 1))
		[ "$(grep -c '^{' "$T/mk$i/work/20251125/feeds.ndjson" 2>/dev/null)" = 5 ] ||
		    lost=$((lost + 1))
		[ -z "$(check_cache "$T/mc")" ] || bad=$((bad + 1))
		i=$((i + 1))
	done
	t_eq "daily.mk -j2 on one cache: every entry's ETag matches its body" \
	    "0 of $MKTRIES" "$bad of $MKTRIES"
	t_eq "daily.mk -j2 on one cache: no record lost" "0 of $MKTRIES" \
	    "$lost of $MKTRIES"
	t_eq "daily.mk -j2 on one cache: every run succeeds" "0 of $MKTRIES" \
	    "$failed of $MKTRIES"
else
	ok "daily.mk -j2 on one cache # SKIP no flock(1)"
fi

# --- a cache that cannot be written is no failure: said once ---
# (a file where the directory should be: root cannot write there either)
: >"$T/notadir"
t_run $F --cache "$T/notadir/c" "$U/feed?items=2&versioned=1" \
    "$U/feed?items=3&versioned=1" "$U/feed?items=4&versioned=1"
t_rc "an unwritable cache: the run still exits 0" 0
t_eq "an unwritable cache: every item comes out (4, once each)" 4 \
    "$(grep -c '^{' "$T/out")"
t_eq "an unwritable cache: one warning for three feeds" 1 \
    "$(grep -c 'cannot write the cache' "$T/err")"
