# sec-fetch-cachedir.sh: where sec-fetch keeps its cache by default
# ($XDG_CACHE_HOME/sec-tools/fetch, else ~/.cache/sec-tools/fetch, the
# rule of every tool), and that the entries 0.1.0 left in
# $XDG_CACHE_HOME/sec-fetch are still read.
. tests/lib.sh
unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy no_proxy

start_server httpd python3 tests/httpd.py tests/data/fetch
U=http://127.0.0.1:$port
FEED="$U/feed?items=3&versioned=1&cond=1"

# last_inm: the If-None-Match of the last request for the feed
last_inm() {
	curl -s "$U/log" | python3 -c '
import sys, json
r = [json.loads(l) for l in sys.stdin if "versioned" in l]
print(r[-1]["if_none_match"] if r else "no request")'
}
# entries DIR: how many cache entries DIR holds
entries() {
	find "$1" -name '*.entry' 2>/dev/null | wc -l | tr -d ' '
}

# --- HOME only ---
mkdir -p "$T/h"
t_run env -u XDG_CACHE_HOME HOME=$T/h sec-fetch "$FEED"
t_rc "HOME: the run succeeds" 0
t_eq "HOME: the entry is in ~/.cache/sec-tools/fetch" 1 \
    "$(entries "$T/h/.cache/sec-tools/fetch")"
t_eq "HOME: nothing in the directory of 0.1.0" 0 \
    "$(entries "$T/h/.cache/sec-fetch")"

# --- XDG_CACHE_HOME, absolute and relative ---
curl -s "$U/reset" >/dev/null
t_run env XDG_CACHE_HOME=$T/x HOME=$T/h2 sec-fetch "$FEED"
t_eq "XDG_CACHE_HOME: the entry is below it in sec-tools/fetch" 1 \
    "$(entries "$T/x/sec-tools/fetch")"
t_eq "XDG_CACHE_HOME: nothing below HOME" 0 "$(entries "$T/h2")"
curl -s "$U/reset" >/dev/null
mkdir -p "$T/h3" "$T/wd"
(cd "$T/wd" && env XDG_CACHE_HOME=rel HOME=$T/h3 sec-fetch "$FEED") \
    >/dev/null 2>&1
t_eq "a relative XDG_CACHE_HOME is ignored" "1 0" \
    "$(entries "$T/h3/.cache/sec-tools/fetch") $(entries "$T/wd")"

# --- an entry of 0.1.0 in its old directory is read ---
curl -s "$U/reset" >/dev/null
rm -rf "$T/h"
mkdir -p "$T/h"
env -u XDG_CACHE_HOME HOME=$T/h sec-fetch "$FEED" >"$T/first" \
    2>/dev/null
mkdir -p "$T/h/.cache/sec-fetch"
mv "$T"/h/.cache/sec-tools/fetch/*.entry "$T/h/.cache/sec-fetch/"
t_run env -u XDG_CACHE_HOME HOME=$T/h sec-fetch "$FEED"
t_rc "old directory: the run succeeds" 0
t_eq "old directory: its validators are sent" '"v1"' "$(last_inm)"
t_same "old directory: the 304 serves its body" "$T/first" "$T/out"
t_eq "old directory: the new one gets no entry (nothing new)" 0 \
    "$(entries "$T/h/.cache/sec-tools/fetch")"
# --cache names one directory: the old one is not looked at
curl -s "$U/reset" >/dev/null
t_run env -u XDG_CACHE_HOME HOME=$T/h sec-fetch --cache "$T/other" "$FEED"
t_eq "--cache: the old directory is not read" None "$(last_inm)"
