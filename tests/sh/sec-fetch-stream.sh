# sec-fetch-stream.sh: a feed fetched over file:// or HTTP is parsed as
# it arrives, not held whole: peak memory stays flat on a big feed, the
# records are those of the whole body read at once, and a transfer that
# breaks after its records began to come out is not tried again.
. tests/lib.sh
export XDG_CACHE_HOME="$T/xdg"
unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy no_proxy

# a feed of about 24 MB: 12,000 items of 2 kB
python3 -c '
import sys
w = sys.stdout.write
w("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Big</title>")
for i in range(12000):
    w("<item><title>Item %d</title><link>http://example.com/%d</link>" % (i, i))
    w("<description>" + "word " * 400 + "</description></item>\n")
w("</channel></rss>\n")' >"$T/big.xml"
sec-fetch --max-size 64M - <"$T/big.xml" | sed 's/"feed":"[^"]*",//' \
    >"$T/stdin.out"
# the records of the last run, without the feed's name
recs() { sed 's/"feed":"[^"]*",//' "$T/out"; }

# peak RSS in kB of CMD... ("" when it cannot be measured: no GNU time,
# or a sanitizer build, whose shadow memory says nothing)
peak() {
	if [ -n "${ASAN_OPTIONS+x}" ] ||
	    ! /usr/bin/time -f %M true >/dev/null 2>&1; then
		"$@" >"$T/out" 2>"$T/err"
		rc=$?
		echo >"$T/rss"
		return
	fi
	/usr/bin/time -f %M -o "$T/rss" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}
bounded() {	# bounded NAME MAXKB
	_rss=$(tail -n 1 "$T/rss")
	if [ -z "$_rss" ]; then
		ok "$1 # skipped: peak memory not measured here"
	elif [ "$_rss" -le "$2" ]; then
		ok "$1 (${_rss} kB)"
	else
		notok "$1"
		echo "# peak RSS $_rss kB, limit $2 kB"
	fi
}

peak sec-fetch --allow-file --max-size 64M "file://$T/big.xml"
t_rc "a 24 MB feed over file://" 0
bounded "a 24 MB feed over file://: parsed as it is read" 40000
t_eq "a 24 MB feed over file://: all of its items" 12000 \
    "$(grep -c '^{' "$T/out")"
recs >"$T/recs"
t_same "over file://: the records read from stdin" "$T/stdin.out" "$T/recs"

start_server httpd python3 tests/httpd.py "$T"
U=http://127.0.0.1:$port
peak sec-fetch --max-size 64M --no-cache "$U/f/big.xml"
t_rc "a 24 MB feed over HTTP" 0
bounded "a 24 MB feed over HTTP: parsed as it arrives" 40000
recs >"$T/recs"
t_same "over HTTP: the records read from stdin" "$T/stdin.out" "$T/recs"

# the feed's turn comes while it is read: a small feed before it
cp tests/data/fetch/rss20.xml "$T/small.xml"
t_run sec-fetch --max-size 64M --no-cache "$U/f/small.xml" "$U/f/big.xml" \
    "$U/f/small.xml"
t_eq "feeds in list order around a streamed one" "4 12000 0" \
    "$(grep -c '"feed_title":"Example' "$T/out" | tr '\n' ' ')$(
    grep -c '"feed_title":"Big"' "$T/out") $(tail -n 1 "$T/out" |
    grep -c '"feed_title":"Example')"

# a body cut at the cap after more than a MiB of records came out: those
# stay out (as from stdin), the feed fails and is not tried again
t_run sec-fetch --max-size 4M --retries 2 --retry-delay 10 --no-cache \
    "$U/feed?stream=100000000"
t_rc "cut at the cap after its records began: exit 1" 1
t_grep "cut at the cap: the cap is named" 'body larger than 4194304' \
    "$T/err"
t_eq "cut at the cap: the records before the cut are out" 1 \
    "$(awk 'END { print (NR >= 20 && NR <= 64) }' "$T/out")"
t_eq "cut at the cap: one request, no retry" 1 \
    "$(curl -s "$U/log" | grep -c 'stream=100000000')"
# cut before a MiB of records: none of them, as before
t_run sec-fetch --max-size 512K --no-cache "$U/feed?stream=100000000"
t_rc "cut early: exit 1" 1
t_eq "cut early: no record" 0 "$(grep -c '^{' "$T/out")"
# cut after two whole items, under a MiB: tried again from the start,
# and what the broken tries read never comes out
t_run sec-fetch --retries 1 --retry-delay 10 --no-cache \
    "$U/f/small.xml?truncate=1600"
t_rc "cut after two items: exit 1" 1
t_grep "cut after two items: retried" "after 2 tries" "$T/err"
t_eq "cut after two items: no record" 0 "$(grep -c '^{' "$T/out")"
t_eq "cut after two items: two requests" 2 \
    "$(curl -s "$U/log" | grep -c 'truncate=1600')"
