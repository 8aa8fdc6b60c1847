# sec-ioc.sh: the record filter contract (STYLE.md 4) and the scanner's
# behaviour end to end.
. tests/lib.sh

# --- record mode contract ---
: >"$T/empty"
t_run sec-ioc "$T/empty"
t_rc "empty input: rc 0" 0
t_eq "empty input: no output" "" "$(cat "$T/out")"

printf '{"text":"C2 1.2.3.4"}\n\n{"text":"x"}' >"$T/in"
t_run sec-ioc "$T/in"
t_rc "blank line and no final newline: rc 0" 0
t_eq "two records out" 2 "$(wc -l <"$T/out" | tr -d ' ')"
t_grep "ipv4 found" '"value":"1.2.3.4"' "$T/out"

printf '{"text":"a 1.2.3.4"}\nnot json\n{"text":"b 5.6.7.8"}\n' >"$T/in"
t_run sec-ioc "$T/in"
t_rc "malformed line: rc 1" 1
t_grep "malformed line: file:line" "in:2" "$T/err"
t_eq "malformed line: good records still out" 2 "$(wc -l <"$T/out" | tr -d ' ')"

printf '{"text":"bad \377 1.2.3.4"}\n' >"$T/in"
t_run sec-ioc "$T/in"
t_grep "invalid UTF-8: record still out" '"value":"1.2.3.4"' "$T/out"

printf '{"text":"%0200d"}\n{"text":"9.9.9.9"}\n' 0 >"$T/in"
t_run sec-ioc -L 100 "$T/in"
t_rc "record over -L: rc 1" 1
t_grep "record over -L: next record out" '9.9.9.9' "$T/out"

printf '{"text":"1.2.3.4"}\n' >"$T/in"
sec-ioc "$T/in" >/dev/full 2>"$T/err"
t_eq "/dev/full: rc 3 (a failed write)" 3 $?
t_grep "/dev/full: message" "stdout" "$T/err"

yes '{"text":"1.2.3.4 evil[.]com"}' | head -n 5000 >"$T/many"
sec-ioc "$T/many" 2>"$T/err" | head -n 1 >/dev/null
t_empty "| head -n1: no stderr" "$T/err"
sec-ioc -t "$T/many" 2>"$T/err" | head -n 1 >/dev/null
t_empty "-t | head -n1: no stderr" "$T/err"

t_run sec-ioc --bogus
t_rc "unknown option: rc 2" 2
t_grep "unknown option: usage" "usage: sec-ioc" "$T/err"
t_run sec-ioc --types ipv4,nosuch
t_rc "unknown type: rc 2" 2
t_grep "unknown type named" "nosuch" "$T/err"
printf 'x 192.0.2.1 192.0.2.1\n' >"$T/a1t"
t_run sec-ioc -a "$T/a1t"
t_rc "-a implies -t: rc 0" 0
t_eq "-a implies -t: each occurrence" 2 "$(grep -c '"value":"192.0.2.1"' "$T/out")"
t_run sec-ioc -C value "$T/a1t"
t_rc "-C implies -t: rc 0" 0
t_eq "-C implies -t: the column" "192.0.2.1" "$(cat "$T/out")"
t_run sec-ioc -h
t_rc "-h: rc 0" 0
t_grep "-h: usage on stdout" "usage: sec-ioc" "$T/out"
t_run sec-ioc -V
t_grep "-V" "^sec-ioc [0-9]" "$T/out"

# --- fields pass through, iocs added, --fields ---
printf '{"id":"a","title":"CVE-2024-3400 hits","text":"see hxxps://evil[.]example.com/x and 8.8.8.8","links":[{"url":"https://evil.example.com/x","text":"x"}],"z":1}\n' >"$T/in"
sec-ioc "$T/in" >"$T/out"
t_grep "fields kept in order" '^{"id":"a","title":"CVE-2024-3400 hits","text":' "$T/out"
t_grep "z kept" '"z":1,"iocs"' "$T/out"
t_grep "cve from title" '"type":"cve","value":"CVE-2024-3400","defanged":"CVE-2024-3400","count":1,"field":"title","first_offset":0' "$T/out"
t_grep "url linked" '"value":"https://evil.example.com/x","defanged":"hxxps://evil\[.\]example\[.\]com/x".*"linked":true' "$T/out"
t_grep "8.8.8.8 known" '"value":"8.8.8.8".*"scope":"global","known":true' "$T/out"
sec-ioc --fields text "$T/in" >"$T/out"
t_eq "--fields text: no cve in iocs" "" "$(grep -o '"type":"cve"' "$T/out")"

# --- text mode ---
printf 'サーバー192[.]0[.]2[.]1に接続し、https://evil.example.com/a（詳細）。\nsecond line evil-cdn[.]zip and README.md\n' >"$T/t"
sec-ioc -t -C type,value,line,scope "$T/t" >"$T/out"
printf 'ipv4\t192.0.2.1\t1\tdocumentation\nurl\thttps://evil.example.com/a\t1\t\ndomain\tevil-cdn.zip\t2\t\n' >"$T/want"
t_same "-t columns, Japanese text, file names" "$T/want" "$T/out"
printf '1.2.3.4 1.2.3.4\n' | sec-ioc -t -a -C value,offset >"$T/out"
printf '1.2.3.4\t0\n1.2.3.4\t8\n' >"$T/want"
t_same "-a: every occurrence" "$T/want" "$T/out"
printf '1.2.3.4 1.2.3.4\n' | sec-ioc -t -C value >"$T/out"
t_eq "-t: distinct" "1.2.3.4" "$(cat "$T/out")"
printf 'x 10.0.0.1 y' | sec-ioc -t >"$T/out"
t_grep "-t JSON" '^{"type":"ipv4","value":"10.0.0.1","defanged":"10\[.\]0\[.\]0\[.\]1","line":1,"offset":2,"context":"x 10.0.0.1 y","scope":"private","known":false}$' "$T/out"
printf 'a 1.1.1.1\n' >"$T/f1"; printf 'b 1.1.1.1\n' >"$T/f2"
sec-ioc -t -C file,value "$T/f1" "$T/f2" >"$T/out"
t_eq "-t: per file" "2" "$(wc -l <"$T/out" | tr -d ' ')"

# a long line without newline in bounded memory
awk 'BEGIN { for (i = 0; i < 300000; i++) printf "word 10.%d.%d.%d ", i % 250, (i / 250) % 250, i % 7; }' >"$T/long"
sec-ioc -t -C value "$T/long" >"$T/out"
t_eq "one long line: every address" 300000 "$(sort -u "$T/out" | wc -l | tr -d ' ')"

# --- refang / defang ---
printf 'go to hxxps://evil[.]example[.]com/a and mail bob[at]example[.]org\n' | sec-ioc --refang >"$T/out"
t_eq "--refang" "go to https://evil.example.com/a and mail bob@example.org" "$(cat "$T/out")"
printf 'MEET AT NOON (at) the office [.] then\n' | sec-ioc --refang >"$T/out"
t_eq "--refang leaves prose alone" "MEET AT NOON (at) the office [.] then" "$(cat "$T/out")"
printf 'go to https://Evil.example.com/a, 1.2.3.4 and ab@example.org; md5 d41d8cd98f00b204e9800998ecf8427e\n' | sec-ioc --defang >"$T/out"
t_eq "--defang" "go to hxxps://Evil[.]example[.]com/a, 1[.]2[.]3[.]4 and ab[@]example[.]org; md5 d41d8cd98f00b204e9800998ecf8427e" "$(cat "$T/out")"
t_run sec-ioc --defang --refang
t_rc "--defang --refang: rc 2" 2

# --- allowlist ---
printf '# mine\nevil.example.com\n203.0.113.0/24  # doc net\n' >"$T/allow"
printf 'evil.example.com 203.0.113.9 https://evil.example.com/x\n' | sec-ioc -t -C value,known --allowlist "$T/allow" >"$T/out"
printf 'evil.example.com\tknown\n203.0.113.9\tknown\nhttps://evil.example.com/x\t\n' >"$T/want"
t_same "--allowlist; a path on a known host stays unknown" "$T/want" "$T/out"
printf 'bad entry here\n' >"$T/allow"
t_run sec-ioc --allowlist "$T/allow"
t_rc "bad allowlist: rc 2" 2
t_grep "bad allowlist: file:line" "allow:1" "$T/err"

# --- precision ---
printf 'version 1.2.3.4, Trojan.Win32.Agent.gen, window.location.href, U.S. e.g. setup.exe invoice.pdf README.md fixed.Now {a1b2c3d4-a1b2-c3d4-e5f6-a1b2c3d4e5f6} d41d8cd98f00b204e9800998ecf8427e00\n' | sec-ioc -t -C type,value >"$T/out"
t_empty "no false positives" "$T/out"

# -t -u: each line is handled as it arrives
mkfifo "$T/fifo"
sec-ioc -tu -C value <"$T/fifo" >"$T/live" &
pid=$!
{
	printf 'a 192.0.2.7\n'
	i=0
	while [ $i -lt 50 ] && ! grep -q 192.0.2.7 "$T/live"; do
		sleep 0.1
		i=$((i + 1))
	done
	printf 'b 192.0.2.8\n'
} >"$T/fifo"
wait $pid
t_eq "-t -u: the first line comes out before the input ends" \
    "$(printf '192.0.2.7\n192.0.2.8')" "$(cat "$T/live")"
t_eq "-t -u: seen before the second line was written" yes \
    "$(if [ "$i" -lt 50 ]; then echo yes; else echo no; fi)"

# --types selects; count adds up over the fields
printf 'a 192.0.2.1 evil.example.com CVE-2024-1234 192.0.2.1\n' | sec-ioc -t --types ipv4,cve -C type,value >"$T/out"
printf 'ipv4\t192.0.2.1\ncve\tCVE-2024-1234\n' >"$T/want"
t_same "--types ipv4,cve" "$T/want" "$T/out"
printf '{"title":"192.0.2.1","text":"at 192.0.2.1 and 192.0.2.1"}\n' | sec-ioc >"$T/out"
t_grep "count over fields; first field and offset" '"count":3,"field":"title","first_offset":0' "$T/out"
printf '{"text":"x 192.0.2.1"}\n' | sec-ioc -u --types hash >"$T/out"
t_grep "record mode --types hash: empty iocs" '"iocs":\[\]' "$T/out"
printf 'a.example.org\n' >"$T/a1"; printf '192.0.2.0/24\n' >"$T/a2"
printf 'a.example.org 192.0.2.9\n' | sec-ioc -t -C value,known --allowlist "$T/a1" --allowlist "$T/a2" >"$T/out"
printf 'a.example.org\tknown\n192.0.2.9\tknown\n' >"$T/want"
t_same "--allowlist twice" "$T/want" "$T/out"

# the cap on distinct indicators per record
awk 'BEGIN { printf "{\"text\":\""; for (i = 0; i < 1005; i++) printf "10.0.%d.%d ", int(i / 250), i % 250; print "\"}" }' >"$T/cap"
t_run sec-ioc "$T/cap"
t_rc "over 1000 distinct IOCs: rc 1" 1
t_grep "over 1000 distinct IOCs: errors entry" '"errors":\[{"tool":"sec-ioc","message":"5 more distinct indicators left out (at most 1000 are kept)"}\]' "$T/out"
t_eq "over 1000 distinct IOCs: 1000 kept" 1000 "$(grep -o '"type":"ipv4"' "$T/out" | wc -l | tr -d ' ')"

# --- forms without a scheme, ports, paths in other scripts ---
printf 'update.zip setup.exe obj.method.call() module.exports dir/setup.py/x 127.0.0.1/8\n' | sec-ioc -t --types url -C value >"$T/out"
t_empty "no URL in file names, code, paths, a CIDR" "$T/out"
printf 'get cdn.example-cdn.com/x.zip and 192.0.2.1:8443 now\n' | sec-ioc --defang >"$T/out"
t_eq "--defang: a URL without a scheme stays without" "get cdn[.]example-cdn[.]com/x.zip and 192[.]0[.]2[.]1:8443 now" "$(cat "$T/out")"
awk 'BEGIN { printf "x a[.]example-host.com/"; for (i = 0; i < 3000; i++) printf "\321\204"; print "" }' >"$T/cyr"
sec-ioc -t --types url -C value "$T/cyr" >"$T/out"
t_eq "a long Cyrillic path: one URL" 1 "$(wc -l <"$T/out" | tr -d ' ')"
t_eq "a long Cyrillic path: cut at a character, never past 2048 bytes of text" ok \
    "$(if iconv -f UTF-8 -t UTF-8 "$T/out" >/dev/null 2>&1 && [ "$(wc -c <"$T/out")" -le 2058 ]; then echo ok; else echo bad; fi)"
awk 'BEGIN { printf "x https://a.example-host.com/"; for (i = 0; i < 200000; i++) printf "<id%d>/", i; print "" }' >"$T/ph"
sec-ioc -t --types url -C value "$T/ph" >"$T/out"
t_eq "200000 placeholders: one URL holding them, at most 2048 bytes" ok \
    "$(if [ "$(wc -l <"$T/out")" -eq 1 ] && [ "$(wc -c <"$T/out")" -le 2049 ] &&
    grep -q '^https://a.example-host.com/<id0>/<id1>/' "$T/out"; then echo ok; else echo bad; fi)"
printf '198.51.100.9:8080 and 198.51.100.9:443 and 198.51.100.9\n' | sec-ioc -t -C value,port >"$T/out"
printf '198.51.100.9\t8080\n198.51.100.9\t443\n198.51.100.9\t\n' >"$T/want"
t_same "-t: each address:port once, and the address alone" "$T/want" "$T/out"
printf '198.51.100.9:8080 and 198.51.100.9:443\n' | sec-ioc -t -C type,value >"$T/out"
printf 'ipv4\t198.51.100.9\n' >"$T/want"
t_same "-t -C without port: the address once" "$T/want" "$T/out"
