# sec-select.sh: sec-select's output errors, pipes, side files and the
# rule-file directives that change ranking and merging.
. tests/lib.sh

in=tests/cases/sec-select/rules/in
conf=tests/cases/sec-select/rules/conf

sec-select -c "$conf" "$in" >/dev/full 2>"$T/err"
t_eq "a full stdout exits 3" 3 $?
t_grep "a full stdout is reported" '<stdout>' "$T/err"

t_run sec-select -c "$conf" --links /dev/full "$in"
t_rc "a full --links file exits 3" 3
t_grep "a full --links file is named" '/dev/full' "$T/err"

t_run sec-select -c "$conf" -D /dev/full "$in"
t_rc "a full --dropped file exits 3" 3

t_run sec-select -D "$T/no/such/dir/x" "$in"
t_rc "an unwritable --dropped file exits 3" 3

sec-select -c "$conf" "$in" 2>"$T/err" | head -n 1 >"$T/out"
t_eq "| head -n1 gives one line" 1 "$(wc -l <"$T/out" | tr -d ' ')"
t_empty "| head -n1 writes nothing on stderr" "$T/err"

t_run sec-select -c "$conf" -u "$in"
t_rc "-u works" 0
sec-select -c "$conf" "$in" >"$T/buffered"
t_same "-u gives the same output" "$T/buffered" "$T/out"

# files named on the command line are read in order, - is stdin
head -n 5 "$in" >"$T/a"
tail -n +6 "$in" >"$T/b"
sec-select -c "$conf" "$T/a" - <"$T/b" >"$T/out" 2>"$T/err"
t_same "operands and - give the same as one stream" "$T/buffered" "$T/out"

# weights: with exploitation worth nothing and IOCs a lot, the npm story
# leads
printf 'weight exploited 0\nweight iocs 50\n' >"$T/w.conf"
sec-select -c "$T/w.conf" "$in" | head -n 1 >"$T/out"
t_grep "weight changes the ranking" '"id":"b2"' "$T/out"

# similarity 100: only identical word sets merge by title
printf 'similarity 100\n' >"$T/s.conf"
sec-select -c "$T/s.conf" "$in" >"$T/out"
t_grep "similarity 100 keeps near-duplicate titles apart" '"id":"c2"' \
    "$T/out"
sec-select "$in" >"$T/out"
t_nogrep "the default similarity merges them" '"id":"c2"' "$T/out"

# rank: another section is ranked and merged too
printf 'rank news tools\nsection-max tools 2\n' >"$T/r.conf"
sec-select -c "$T/r.conf" "$in" | grep '"section":"tools"' >"$T/out"
t_eq "a section-max line caps a ranked section too" 2 \
    "$(wc -l <"$T/out" | tr -d ' ')"
printf 'rank news tools\nmax 2\n' >"$T/r.conf"
sec-select -c "$T/r.conf" "$in" | grep -c '"select":{"rank"' >"$T/out"
t_eq "max caps every ranked section" 4 "$(cat "$T/out")"

# exploited phrases: the config replaces the built-in ones
printf '{"id":"x","section":"news","url":"http://x.example/a","title":"VPN の脆弱性が悪用される"}\n' >"$T/ja"
sec-select "$T/ja" >"$T/out"
t_grep "Japanese exploitation wording counts" '"exploited"' "$T/out"
printf 'exploited in the wild\n' >"$T/e.conf"
sec-select -c "$T/e.conf" "$T/ja" >"$T/out"
t_nogrep "exploited lines replace the defaults" '"exploited"' "$T/out"

# -n 0: no cap
sec-select -n 0 -s 0 "$in" | wc -l | tr -d ' ' >"$T/out"
sec-select -n 100 -s 100 "$in" | wc -l | tr -d ' ' >"$T/out2"
t_same "-n 0 -s 0 mean no cap" "$T/out2" "$T/out"

t_run sec-select -n -1 "$in"
t_rc "a negative -n is a usage error" 2
t_run sec-select -n abc "$in"
t_rc "a non-numeric -n is a usage error" 2
t_run sec-select -L 0 "$in"
t_rc "-L 0 is a usage error" 2

# config errors name file and line
printf 'max 5\nweight speed 3\n' >"$T/bad.conf"
t_run sec-select -c "$T/bad.conf" "$in"
t_rc "a bad weight name exits 2" 2
t_grep "the message names file and line" "bad.conf:2: weight: unknown name" \
    "$T/err"
head -c 2000000 /dev/zero | tr '\0' '#' >"$T/big.conf"
t_run sec-select -c "$T/big.conf" "$in"
t_rc "an oversized config exits 2" 2

# similar titles merge only when they share a word few titles of the day
# have, and never within one feed
cat >"$T/day" <<'XX'
{"id":"1","feed":"a","section":"news","url":"http://a.example/1","title":"Ransomware attack hits hospital in Ohio"}
{"id":"2","feed":"b","section":"news","url":"http://b.example/2","title":"Ransomware attack hits school district in Ohio"}
{"id":"3","feed":"c","section":"news","url":"http://c.example/3","title":"Ransomware attack hits city council"}
{"id":"4","feed":"d","section":"news","url":"http://d.example/4","title":"Ransomware attack hits water utility in Ohio"}
{"id":"5","feed":"a","section":"news","url":"http://a.example/5","title":"Kuroi ransomware gang claims Harbor Freightline attack"}
{"id":"6","feed":"b","section":"news","url":"http://b.example/6","title":"Harbor Freightline attack claimed by Kuroi ransomware"}
{"id":"7","feed":"c","section":"news","url":"http://c.example/7","title":"Patch Tuesday: Microsoft fixes 60 flaws"}
{"id":"8","feed":"c","section":"news","url":"http://c.example/8","title":"Patch Tuesday: Microsoft fixes 60 flaws (updated)"}
XX
sec-select -n 0 -D "$T/dropped" "$T/day" >"$T/out"
t_eq "common words alone do not merge different victims" 7 \
    "$(wc -l <"$T/out" | tr -d ' ')"
t_grep "a shared rare word merges the same story" \
    '"id":"6".*same story as http://a.example/5' "$T/dropped"
t_grep "one feed's similar titles stay apart" '"id":"8"' "$T/out"

# scale: stories are compared only when their titles share words, so a
# day of 50,000 items takes about a second; comparing every pair took
# minutes.  The bound is generous (a shared, loaded machine, sanitizer
# builds); what it catches is a return to quadratic time.  gen N: N
# synthetic items, a third of them the same story told again.
gen() {
	awk -v n="$1" 'function w(k, s) { s = ""
		do { s = s substr("bcdfghjklmnprstvz", k % 17 + 1, 1) \
		    substr("aeiou", int(k / 17) % 5 + 1, 1); k = int(k / 85) }
		while (k > 0); return s }
	BEGIN { srand(1); nc = split("ransomware attack flaw critical " \
	    "hackers exploit patch update breach data malware phishing " \
	    "botnet backdoor npm package leak windows linux chrome cisco " \
	    "vpn router cloud plugin bug fixes advisory police arrested", c)
	for (i = 0; i < n; i++) { s = int(rand() * (n / 3 + 1))
		t = w(s * 3 + 500) " " w(s * 3 + 501)
		for (k = 0; k < 5; k++) t = t " " c[int(rand() * nc) + 1]
		printf "{\"feed\":\"f%d\",\"url\":\"http://f%d.example/%d\"," \
		    "\"title\":\"%s%s\"}\n", i % 40, i % 40, i, t,
		    s % 4 ? "" : sprintf(" CVE-2026-%d", 10000 + s) } }'
}
# bounded NAME KB SECONDS CMD...: t_run CMD under a time limit and, but
# for sanitizer builds (they reserve terabytes), an address-space limit
bounded() {
	_n=$1 _kb=$2 _s=$3
	shift 3
	t_run sh -c '[ -n "${ASAN_OPTIONS+x}" ] || ulimit -v "$1"; shift
	    exec timeout "$@"' sh "$_kb" "$_s" "$@"
	if [ "$rc" -lt 124 ]; then
		ok "$_n"
	else
		notok "$_n"
		echo "# exit status $rc (124: over ${_s}s)"
	fi
}
gen 50000 >"$T/50k"
bounded "50,000 items are selected in 20 s and 1 GB" 1000000 20 \
    sec-select -n 0 -D "$T/dropped" "$T/50k"
t_rc "50,000 items: exit 0" 0
t_eq "50,000 items: every record is written or left out" 50000 \
    "$(cat "$T/out" "$T/dropped" | wc -l | tr -d ' ')"
t_grep "50,000 items: the same story is merged" 'same story as' \
    "$T/dropped"

# a word in more than 256 titles of a section pairs no titles by itself,
# but titles with the same words are still compared: 300 outlets with one
# title are one story, 30,000 items of one feed with one title are a
# series, and neither takes long
awk 'BEGIN { for (i = 0; i < 300; i++)
	printf "{\"feed\":\"f%d\",\"url\":\"http://f%d.example/x\",\"title\":" \
	    "\"Critical flaw patched\"}\n", i, i }' >"$T/same"
sec-select -n 0 "$T/same" >"$T/out"
t_eq "300 outlets, one title: one story" 1 "$(wc -l <"$T/out" | tr -d ' ')"
t_grep "300 outlets, one title: 300 outlets" '"outlets":300' "$T/out"
awk 'BEGIN { for (i = 0; i < 30000; i++)
	printf "{\"feed\":\"f\",\"url\":\"http://f.example/%d\",\"title\":" \
	    "\"Security update\"}\n", i }' >"$T/same"
bounded "30,000 items of one feed, one title: in 20 s" 1000000 20 \
    sec-select -n 0 "$T/same"
t_eq "30,000 items of one feed, one title: all kept" 30000 \
    "$(wc -l <"$T/out" | tr -d ' ')"

# -m: past the limit records are passed over as they are read, said once
# on stderr and with -D, and the exit status is 1; memory does not grow
# with the input
gen 3000 >"$T/3k"
t_run sec-select --max-records 2000 -n 0 -D "$T/dropped" "$T/3k"
t_rc "over -m: exit 1" 1
t_grep "over -m: counted on stderr" \
    '1000 records after the first 2000 passed over' "$T/err"
head -n 2000 "$T/3k" | sec-select -n 0 >"$T/first"
t_same "over -m: the first records are selected as alone" "$T/first" \
    "$T/out"
t_eq "over -m: the rest are in the -D file" 1000 \
    "$(grep -c '"dropped":"over the input limit of 2000 records"' \
    "$T/dropped")"
t_grep "over -m: the -D file names the records" \
    '"url":"http://f39.example/2999"' "$T/dropped"
t_run sec-select --max-records 0 -n 0 "$T/3k"
t_rc "-m 0: no limit" 0
sec-select --max-records 3000 -n 0 "$T/3k" >"$T/all"
t_same "-m 0 and a limit above the input agree" "$T/all" "$T/out"
awk 'BEGIN { for (i = 0; i < 1000000; i++)
	printf "{\"url\":\"http://t.example/%d\",\"title\":\"t%d\"}\n",
	    i, i }' >"$T/1m"
bounded "a million records under the default -m: 20 s, 400 MB" 400000 20 \
    sec-select "$T/1m"
t_rc "a million records under the default -m: exit 1" 1
t_grep "a million records: the limit is named" \
    '900000 records after the first 100000 passed over' "$T/err"
t_run sec-select --max-records -1 "$in"
t_rc "a negative -m is a usage error" 2
