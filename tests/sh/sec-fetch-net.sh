# sec-fetch-net.sh: sec-fetch against the test HTTP server (tests/httpd.py)
# on 127.0.0.1: formats and encodings over HTTP, the config and OPML,
# retries, Retry-After, the cache, redirects, limits, private addresses,
# page mode, --seen and --since.
. tests/lib.sh
export XDG_CACHE_HOME="$T/xdg"
unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy no_proxy

start_server httpd python3 tests/httpd.py tests/data/fetch
H=127.0.0.1:$port
U=http://$H
F="sec-fetch --retry-delay 10"

# count records
n() { grep -c '^{' "$T/out"; }

# --- feeds, the config and OPML ---
sed "s/HOST/$H/" tests/data/fetch/feeds.conf >"$T/feeds.conf"
t_run $F --cache "$T/c" -c "$T/feeds.conf"
t_rc "a missing feed makes the exit status 1" 1
t_eq "the other feeds still come out" 5 "$(n)"
t_grep "the failure names the URL and the status" \
    "^sec-fetch: $U/f/nope.xml: HTTP 404\$" "$T/err"
t_grep "section from the config" '"feed":"rss20".*"section":"security_report"' "$T/out"
t_grep "Shift_JIS over HTTP, lang from the config" \
    '"feed":"sjis".*"title":"不正アクセスによる情報漏えい（第1報）".*"lang":"ja"' "$T/out"
head -n 4 "$T/out" | cut -d'"' -f8 | tr '\n' ' ' >"$T/order"
t_eq "records come out in config order" "rss20 rss20 rss20 rss20 " \
    "$(cat "$T/order")"
t_grep "relative links resolve against the feed's xml:base" \
    '"url":"http://example.org/news/relative/b.html"' "$T/out"

sed "s/HOST/$H/" tests/data/fetch/feeds.opml >"$T/feeds.opml"
t_run $F --no-cache -c "$T/feeds.opml"
t_rc "OPML feed list" 0
t_grep "OPML: name from the title, section from the enclosing outline" \
    '"feed":"Atom Blog","feed_title":"Atom <1.0> Blog","section":"tools"' "$T/out"
t_grep "OPML: section from the category attribute" \
    '"feed":"Old".*"section":"cybercrime"' "$T/out"

# --- encodings over HTTP ---
t_run $F --no-cache "$U/f/lying.xml?charset=utf-8"
t_grep "the server's charset beats a lying declaration" \
    '"title":"不正アクセスによる情報漏えい（第1報）"' "$T/out"
printf 'lie %s encoding=Shift_JIS\n' "$U/f/sjis.xml?charset=utf-8" >"$T/enc.conf"
t_run $F --no-cache -c "$T/enc.conf"
t_grep "encoding= in the config overrides the server" \
    '"title":"不正アクセスによる情報漏えい（第1報）"' "$T/out"
t_run $F --no-cache "$U/f/sjis.xml?charset=utf-8"
t_nogrep "without it the bytes are repaired, never raw" '第1報' "$T/out"
if LC_ALL=C grep -q "$(printf '\223')" "$T/out"; then
	notok "no raw Shift_JIS byte in the output"
else
	ok "no raw Shift_JIS byte in the output"
fi

# --- compression, User-Agent ---
curl -s "$U/reset" >/dev/null
t_run $F --no-cache "$U/f/rss20.xml?gzip=1"
t_eq "gzip-compressed feed" 4 "$(n)"
curl -s "$U/log" >"$T/log"
t_grep "Accept-Encoding offers gzip" '"accept_encoding": "[^"]*gzip' "$T/log"
t_grep "an honest User-Agent" '"user_agent": "sec-fetch/[0-9.]* libcurl/' "$T/log"

# --- retries, backoff, Retry-After ---
curl -s "$U/reset" >/dev/null
t_run $F --no-cache --retries 1 "$U/f/rss20.xml?status=500"
t_rc "HTTP 500 fails" 1
t_grep "message counts the tries" "$U/f/rss20.xml?status=500: HTTP 500 after 2 tries" "$T/err"
t_run $F --no-cache --retries 2 "$U/f/rss20.xml?fail=2&status=503"
t_rc "two 503s, then success" 0
t_eq "items after the retries" 4 "$(n)"
curl -s "$U/reset" >/dev/null
t_run $F --no-cache "$U/f/rss20.xml?fail=1&status=429&retry_after=1"
t_rc "429 with Retry-After, then success" 0
curl -s "$U/log" | python3 -c '
import sys, json
s = [json.loads(l)["start"] for l in sys.stdin if "retry_after" in l]
print("waited" if len(s) == 2 and s[1] - s[0] >= 0.95 else "did not wait %r" % s)' >"$T/wait"
t_eq "Retry-After: 1 was honoured" waited "$(cat "$T/wait")"
t_run $F --no-cache --max-wait 5 "$U/f/rss20.xml?status=429&retry_after=3600"
t_rc "Retry-After beyond --max-wait gives up" 1
t_grep "and says so" "HTTP 429 after 1 try (Retry-After 3600 s is more than --max-wait)" "$T/err"
t_run $F --no-cache --max-wait 5 "$U/f/rss20.xml?status=429&retry_after=99999999999"
t_rc "a Retry-After past the cap still gives up" 1
t_grep "at once, at the cap" "HTTP 429 after 1 try (Retry-After 1000000000 s is more than --max-wait)" "$T/err"
t_run $F --no-cache -t 1 --retries 1 "$U/f/rss20.xml?delay=3000"
t_rc "a slow server times out" 1
t_grep "timeout message" "Operation timed out.* after 2 tries" "$T/err"

# --- the cache: conditional requests and 304 ---
curl -s "$U/reset" >/dev/null
t_run $F --cache "$T/cache" "$U/f/rss20.xml?etag=v1"
cp "$T/out" "$T/first"
t_run $F --cache "$T/cache" "$U/f/rss20.xml?etag=v1"
t_rc "second run answered by 304" 0
t_same "a 304 serves the cached body" "$T/first" "$T/out"
curl -s "$U/log" >"$T/log"
t_grep "the second request is conditional" '"if_none_match": "\\"v1\\""' "$T/log"
t_grep "with If-Modified-Since too" '"if_modified_since": "Mon, 24 Nov 2025' "$T/log"
t_run $F --cache "$T/cache" --since 2000-01-01T00:00:00Z "$U/f/rss20.xml?etag=v1"
t_eq "items within --since still come from the cache" 4 "$(n)"
for e in "$T"/cache/*.entry; do head -c 100 "$e" >"$e.cut" && mv "$e.cut" "$e"; done
t_run $F --cache "$T/cache" "$U/f/rss20.xml?etag=v1"
t_eq "a cut cached body is fetched again" 4 "$(n)"
t_run $F --cache "$T/cache" --since 24h "$U/f/rss20.xml?etag=v1"
t_eq "--since 24h drops old items" 0 "$(n)"

# --- redirects ---
t_run $F --no-cache "$U/f/rss20.xml?redirect=3"
t_eq "a chain of 3 redirects is followed" 4 "$(n)"
t_run $F --no-cache "$U/f/rss20.xml?redirect=6"
t_rc "6 redirects are too many" 1
t_grep "too many redirects" "too many redirects (more than 5)" "$T/err"
t_run $F --no-cache "$U/f/rss20.xml?loop=1"
t_grep "a redirect loop ends" "too many redirects" "$T/err"
t_run $F --no-cache --allow-file "$U/f/rss20.xml?location=file:///etc/passwd"
t_rc "redirect to file:// refused" 1
t_grep "even with --allow-file" "redirect to file:///etc/passwd refused" "$T/err"
t_run $F --no-cache "$U/f/rss20.xml?location=http://10.1.2.3/"
t_grep "a feed's redirect to a private address is refused" \
    "refused: 10.1.2.3 is a private address" "$T/err"
t_run $F --no-cache "$U/f/rss20.xml?location=http://169.254.169.254/latest/"
t_grep "and to link-local (cloud metadata)" \
    "refused: 169.254.169.254 is a private address" "$T/err"

# --- limits and broken responses ---
t_run $F --no-cache --max-size 10k "$U/f/rss20.xml?size=200000"
t_rc "an oversized body fails" 1
t_grep "the cap is named" "body larger than 10240 bytes" "$T/err"
t_run $F --no-cache --retries 1 "$U/f/rss20.xml?truncate=300"
t_rc "a truncated body fails" 1
t_grep "truncated: retried, then reported" "after 2 tries" "$T/err"
t_eq "no item from a truncated body" 0 "$(n)"
t_run $F --no-cache "$U/f/notfeed.html"
t_rc "an HTML page is no feed" 1
t_grep "with the content type" "not an RSS or Atom feed (root element <html>) (text/html)" "$T/err"
t_run $F --no-cache "$U/f/rss20.xml?type=image/png"
t_eq "a feed with a wrong content type still parses" 4 "$(n)"

# --- file:// ---
t_run $F "file://$SRCDIR/tests/data/fetch/rss20.xml"
t_rc "file:// needs --allow-file" 1
t_grep "and says so" "file:// URL not allowed (see --allow-file)" "$T/err"
t_run $F --allow-file "file://$SRCDIR/tests/data/fetch/rss20.xml"
t_eq "file:// with --allow-file" 4 "$(n)"

# --- proxy ---
curl -s "$U/reset" >/dev/null
t_run $F --no-cache -x "$U" "http://feeds.example.invalid/f/rss20.xml"
t_eq "-x sends the request through the proxy" 4 "$(n)"
t_run env http_proxy="$U" $F --no-cache "http://feeds.example.invalid/f/rss10.rdf"
t_eq "http_proxy is respected" 2 "$(n)"
curl -s "$U/log" >"$T/log"
t_grep "the proxy saw absolute URLs" '"path": "http://feeds.example.invalid/f/rss20.xml"' "$T/log"

# --- credentials in URLs: used for the request, never shown or stored ---
C=http://user:s3cret@$H
curl -s "$U/reset" >/dev/null
t_run $F --no-cache "$C/f/rss20.xml" "$C/f/nope.xml" \
    "$C/f/rss20.xml?location=file://u:s3cret@x/etc/passwd"
t_rc "credentials: the failures count" 1
t_eq "credentials: the good feed comes out" 4 "$(n)"
t_grep "credentials: the failure names the URL without them" \
    "^sec-fetch: $U/f/nope.xml: HTTP 404\$" "$T/err"
t_grep "credentials: a redirect target loses them too" \
    "redirect to file://x/etc/passwd refused" "$T/err"
t_grep "credentials: the feed name is the host alone" '"feed":"127.0.0.1"' \
    "$T/out"
cat "$T/out" "$T/err" >"$T/all"
t_nogrep "credentials: not on stderr nor in a record" 's3cret' "$T/all"
curl -s "$U/log" >"$T/log"
t_grep "credentials: the request still sends them" \
    '"authorization": "Basic dXNlcjpzM2NyZXQ="' "$T/log"
printf '{"id":"a","section":"news","url":"%s/f/page.html"}\n{"id":"b","section":"news","url":"%s/f/nope.html"}\n' \
    "$C" "$C" >"$T/crecs"
t_run $F -p --no-cache --allow-private "$T/crecs"
t_grep "credentials: page mode fetches with them" '"id":"a".*"html":' \
    "$T/out"
t_grep "credentials: the errors entry has the URL without them" \
    "\"id\":\"b\".*\"message\":\"$U/f/nope.html: HTTP 404\"" "$T/out"
cat "$T/out" "$T/err" >"$T/all"
t_nogrep "credentials: page mode shows and stores none" 's3cret' "$T/all"

# --- --seen ---
t_run $F --no-cache --seen "$T/seen" "$U/f/rss20.xml" "$U/f/atom10.atom"
t_eq "first run: every item" 6 "$(n)"
t_eq "the seen file holds them" 6 "$(wc -l <"$T/seen")"
t_run $F --no-cache --seen "$T/seen" "$U/f/rss20.xml" "$U/f/atom10.atom" "$U/f/rss10.rdf"
t_eq "second run: only the new items" 2 "$(n)"
$F --no-cache --seen "$T/seen2" "$U/f/rss20.xml?delay=300" >/dev/null 2>&1 &
p1=$!
$F --no-cache --seen "$T/seen2" "$U/f/atom10.atom?delay=300" >/dev/null 2>&1 &
p2=$!
wait $p1 $p2
t_eq "two overlapping runs lose no id" 6 "$(sort -u "$T/seen2" | cut -f1 | sort -u | wc -l)"
t_run $F --no-cache "$U/f/rss20.xml" "$U/f/rss20.xml?x=1"
t_eq "the same item twice in one run comes out once" 4 "$(n)"
# six runs at once on one feed of 300 items: one line per id
pids=
for i in 1 2 3 4 5 6; do
	$F --no-cache --seen "$T/seen6" "$U/feed?items=300&delay=200" \
	    >"$T/s6.$i" 2>&1 &
	pids="$pids $!"
done
wait $pids
t_eq "six concurrent runs: one line per id" "300 300" \
    "$(wc -l <"$T/seen6" | tr -d ' ') $(cut -f1 "$T/seen6" | sort -u | wc -l | tr -d ' ')"
# a seen file that already has duplicates loses them
{ cat "$T/seen6"; cat "$T/seen6"; head -n 5 "$T/seen6"; } >"$T/seend"
t_run $F --no-cache --seen "$T/seend" "$U/feed?items=300"
t_eq "a run on a file with duplicates: nothing new" 0 "$(n)"
t_eq "and the duplicates are gone" "300 300" \
    "$(wc -l <"$T/seend" | tr -d ' ') $(cut -f1 "$T/seend" | sort -u | wc -l | tr -d ' ')"
{ cat "$T/seen6"; cat "$T/seen6"; } >"$T/seend"
t_run $F --no-cache --seen "$T/seend" --since 1h "$U/f/rss20.xml"
t_eq "also when the run meets none of its ids" "300 300" \
    "$(wc -l <"$T/seend" | tr -d ' ') $(cut -f1 "$T/seend" | sort -u | wc -l | tr -d ' ')"

# --- page mode ---
printf '{"id":"a","section":"news","url":"%s/f/page.html"}\n{"id":"b","section":"news","url":"%s/f/page-sjis.html"}\n{"id":"c","section":"jp_incidents","url":"%s/f/page.html"}\n{"id":"d","section":"news","url":"%s/f/nope.html"}\n{"id":"e","section":"news","url":"%s/f/rss20.xml?type=application/pdf"}\n{"id":"f","section":"news","url":"%s/page/7?gzip=1&etag=p7"}\n' \
    "$U" "$U" "$U" "$U" "$U" "$U" >"$T/recs"
t_run $F -p --cache "$T/pc" --allow-private "$T/recs"
t_rc "a failed page makes the status 1" 1
t_eq "every record flows on, in order" "a b c d e f" \
    "$(cut -d'"' -f4 "$T/out" | tr '\n' ' ' | sed 's/ $//')"
t_grep "the page is added as html" '"id":"a".*"html":"<!DOCTYPE html>.*An article about ransomware' "$T/out"
t_grep "with the http object" '"id":"a".*"http":{"status":200,"final_url":"[^"]*/f/page.html","content_type":"text/html","fetched_at":"' "$T/out"
t_grep "a Shift_JIS page is decoded from its meta charset" '"id":"b".*日本語のページ' "$T/out"
t_grep "jp_incidents records pass untouched" '^{"id":"c","section":"jp_incidents","url":"[^"]*"}$' "$T/out"
t_grep "a 404 page is an errors entry" '"id":"d".*"errors":\[{"tool":"sec-fetch","message":"[^"]*nope.html: HTTP 404"}\]' "$T/out"
t_grep "a non-HTML page is an errors entry" '"id":"e".*not HTML (application/pdf)' "$T/out"
t_grep "gzip page with an ETag" '"id":"f".*"etag":"\\"p7\\"".*Page 7' "$T/out"
t_run $F -p --cache "$T/pc" --allow-private --skip-sections "" "$T/recs"
t_grep "--skip-sections empty fetches every section" '"id":"c".*"html"' "$T/out"
t_grep "a 304 page is served from the cache" '"id":"f".*"status":304.*Page 7' "$T/out"
t_run $F -p --no-cache "$T/recs"
t_grep "pages on loopback are refused without --allow-private" \
    '"id":"a".*refused: 127.0.0.1 is a private address' "$T/out"

# --- concurrency: the per-host cap ---
curl -s "$U/reset" >/dev/null
sec-fetch --no-cache "$U/feed?items=8&delay=300&pass=1" >"$T/f8"
curl -s "$U/reset" >/dev/null
t_run $F -p --no-cache --allow-private -j 8 "$T/f8"
t_eq "8 pages fetched" 8 "$(grep -c '"html"' "$T/out")"
t_grep "at most 2 at once to one host" '"max_concurrent": [12]}' "$(curl -s "$U/stats" >"$T/st"; echo "$T/st")"
curl -s "$U/reset" >/dev/null
t_run $F -p --no-cache --allow-private -j 4 --per-host 8 "$T/f8"
t_grep "-j caps the transfers at once" '"max_concurrent": [34]}' "$(curl -s "$U/stats" >"$T/st"; echo "$T/st")"
