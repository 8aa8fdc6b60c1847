# check.sh: sec-render --check, the analyst's rules for the IOC CSV and
# the events / event-tags pair: good files pass, each broken rule is
# reported as file:line: column: message, and the analyst's own samples
# pass (when ../shared is there).
. tests/lib.sh
D=$SRCDIR/tests/data/check
HI=ioc_type,ioc_value,date,category,actor,actor_attribute,malware,malware_type,reference,description,author,confidence
HE=event_key,date,week,month,event_type,title,summary,source_file,source_url,confidence,needs_review,monthly_followup_candidate
HT=event_key,dimension,raw_value,normalized_value,confidence,note
REF=https://vendor.example/report
# a good IOC row with one field replaced: ioc FIELD VALUE
ioc() {
	awk -F, -v OFS=, -v f="$1" -v v="$2" 'BEGIN {
	    split("ip,45.77.10.20,2026-05-07,c2,unknown,unknown,unknown," \
	    "unknown,'$REF',AI generated. C2.,AI agent,medium", r, ",");
	    r[f] = v; s = r[1]; for (i = 2; i <= 12; i++) s = s OFS r[i];
	    print s }'
}
EV1='2026-05-09_a,2026-05-09,2026-W19,2026-05,incident,題,要約。,news/20260509.md,https://news.example/a,high,false,yes'

# expect NAME FILE PATTERN [option ...]: --check FILE exits 1 and says
# PATTERN
expect() {
	_n=$1 _f=$2 _p=$3
	shift 3
	t_run sec-render --check "$@" "$_f"
	if [ "$rc" = 1 ] && grep -q -- "$_p" "$T/out"; then
		ok "$_n"
	else
		notok "$_n"
		echo "# exit status $rc; expected 1 and: $_p"
		sed 's/^/# out: /' "$T/out" | head -n 5
	fi
}
# bad_ioc NAME ROW PATTERN: one row after the header
bad_ioc() {
	printf '%s\n%s\n' "$HI" "$2" >"$T/iocs.csv"
	expect "$1" "$T/iocs.csv" "^$T/iocs.csv:2: $3"
}
bad_ev() {
	printf '%s\n%s\n' "$HE" "$2" >"$T/20260509.events.csv"
	expect "$1" "$T/20260509.events.csv" "^$T/20260509.events.csv:2: $3"
}
bad_tag() {
	printf '%s\n%s\n' "$HE" "$EV1" >"$T/20260509.events.csv"
	printf '%s\n%s\n' "$HT" "$2" >"$T/20260509.event_tags.csv"
	expect "$1" "$T/20260509.event_tags.csv" \
	    "^$T/20260509.event_tags.csv:2: $3"
}

# ---- good files pass ----
t_csv_ok "t_csv_ok takes good files" "$D/20260509.csv" "$D/20260509.events.csv"
printf '%s\n%s\n' "$HI" "$(ioc 2 10.0.0.1)" >"$T/private.csv"
t_csv_ok "t_csv_ok on a bad file (must be not ok)" "$T/private.csv" |
    sed 's/^not ok - \(.*\) (must be not ok)$/ok - \1 rejects it/;
    s/^ok - \(.*\) (must be not ok)$/not ok - \1 took a bad file/' >"$T/tc"
cat "$T/tc"
t_grep "t_csv_ok shows the error" "private.csv:2: ioc_value: noise" "$T/tc"
t_run sec-render --check "$D/20260509.csv" "$D/20260510.csv" \
    "$D/20260509.events.csv" "$D/20260509.event_tags.csv"
t_rc "good IOC, events and tags files pass" 0
t_grep "the summary counts the files" \
    "^4 files checked, 4 passed, 0 failed, 0 errors$" "$T/out"
t_grep "the tags are checked against the same day's events" \
    "20260509.event_tags.csv: event-tags CSV, 9 rows (events: .*20260509.events.csv): ok" \
    "$T/out"
t_grep "a header-only IOC file passes" "20260510.csv: IOC CSV, 0 rows: ok" \
    "$T/out"
t_run sec-render --check <"$D/20260509.csv"
t_rc "the standard input is checked" 0
t_grep "the standard input is named" "^<stdin>: IOC CSV, 21 rows: ok" "$T/out"

# ---- the IOC CSV, rule by rule ----
bad_ioc "ioc_type: email is not a CSV type" \
    "$(ioc 1 email)" "ioc_type: email: not one of ip domain url"
bad_ioc "ioc_type: sha512 is not a CSV type" "$(ioc 1 file_hash_sha512)" \
    "ioc_type: file_hash_sha512: not one of"
bad_ioc "ioc_value: [.] left" "$(ioc 2 '45.77.10[.]20')" \
    "ioc_value: defanged (\[.\] left)"
bad_ioc "ioc_value: (.) left" "domain,evil(.)example,2026-05-07,c2,unknown,unknown,unknown,unknown,$REF,d,AI agent,medium" \
    "ioc_value: defanged ((.) left)"
bad_ioc "ioc_value: [:] left" "url,https[:]//evil.example/x,2026-05-07,c2,unknown,unknown,unknown,unknown,$REF,d,AI agent,medium" \
    "ioc_value: defanged (\[:\] left)"
bad_ioc "ioc_value: hxxp left" "url,hXXps://evil.example/x,2026-05-07,c2,unknown,unknown,unknown,unknown,$REF,d,AI agent,medium" \
    "ioc_value: defanged (hxxp left)"
bad_ioc "ip: a port" "$(ioc 2 45.77.10.20:8080)" \
    "ioc_value: an address with a port"
bad_ioc "ip: IPv6 in brackets with a port" "$(ioc 2 '[2a01:4f8::1]:443')" \
    "ioc_value: an address in brackets"
bad_ioc "ip: a network" "$(ioc 2 45.77.10.0/24)" \
    "ioc_value: a network, not an address"
bad_ioc "ip: not an address" "$(ioc 2 45.77.10.256)" \
    "ioc_value: not a valid IP address"
bad_ioc "ip: leading zeros" "$(ioc 2 45.77.010.20)" \
    "ioc_value: not a valid IP address"
bad_ioc "ip: a host name" "$(ioc 2 evil.example)" \
    "ioc_value: not a valid IP address"
for a in 1.1.1.1 8.8.8.8 8.8.4.4 127.0.0.1 0.0.0.0; do
	bad_ioc "ip: $a is noise" "$(ioc 2 $a)" "ioc_value: noise: "
done
for a in 10.1.2.3=private 172.16.5.4=private 192.168.1.1=private \
    127.0.0.2=loopback 169.254.1.1=link-local 224.0.0.5=multicast \
    240.1.2.3=reserved 0.1.2.3=reserved 192.0.2.7=documentation \
    198.51.100.7=documentation 203.0.113.7=documentation \
    2001:db8::7=documentation ::1=loopback ::=reserved fe80::1=link-local \
    fd00::1=private ff02::1=multicast; do
	bad_ioc "ip: ${a%=*} is noise (${a#*=})" "$(ioc 2 "${a%=*}")" \
	    "ioc_value: noise: ${a#*=} address"
done
for d in -evil.example evil.c0m evil.e evil..example .evil.example \
    evil_host.example example 'evil .example' 'evil.example/x' \
    "$(printf 'l%.0s' $(seq 64)).example" ùnicode.example; do
	bad_ioc "domain: $d does not match the pattern" \
	    "domain,$d,2026-05-07,c2,unknown,unknown,unknown,unknown,$REF,d,AI agent,medium" \
	    "ioc_value: not a host name the validator's pattern takes"
done
long=$(printf 'a%.0s' $(seq 60))
bad_ioc "domain: over 253 characters" \
    "domain,$long.$long.$long.$long.$long.example,2026-05-07,c2,unknown,unknown,unknown,unknown,$REF,d,AI agent,medium" \
    "ioc_value: not a host name"
printf '%s\ndomain,%s.%s.%s.%s.a.example,2026-05-07,c2,unknown,unknown,unknown,unknown,%s,d,AI agent,medium\n' \
    "$HI" "$long" "$long" "$long" "$long" "$REF" >"$T/ok253.csv"
t_run sec-render --check "$T/ok253.csv"
t_rc "domain: 253 characters pass" 0
# the pattern by hand agrees with the validator's regular expression
python3 - "$T/dom.csv" "$T/dom.want" <<'EOF2'
import random, re, sys
rx = re.compile(r'^(?=.{1,253}$)(?!-)(?:[A-Za-z0-9-]{1,63}\.)+'
                r'[A-Za-z]{2,63}\.?$')
random.seed(15)
vals = set()
while len(vals) < 5000:
    vals.add(''.join(random.choice('ab-.0Z') for _ in
                     range(random.randint(1, 12))))
vals |= {'a' * 63 + '.com', 'a' * 64 + '.com', 'a.' + 'b' * 63,
         'a.' + 'b' * 64, ('a' * 61 + '.') * 4 + 'ab',
         ('a' * 61 + '.') * 4 + 'abc'}
vals = sorted(vals)
with open(sys.argv[1], 'w') as f, open(sys.argv[2], 'w') as w:
    f.write('ioc_type,ioc_value,date,category,actor,actor_attribute,'
            'malware,malware_type,reference,description,author,'
            'confidence\n')
    for i, v in enumerate(vals):
        f.write('domain,%s,2026-05-07,c2,u,u,u,unknown,'
                'https://r.example/a,d,A,medium\n' % v)
        if not rx.match(v):
            w.write('%d\n' % (i + 2))
EOF2
sec-render --check "$T/dom.csv" |
    sed -n 's/^.*dom\.csv:\([0-9]*\): ioc_value: not a host name.*/\1/p' \
    >"$T/dom.got"
t_same "domain: the same verdict as the regular expression on 5006 names" \
    "$T/dom.want" "$T/dom.got"
for h in google.com microsoft.com github.com npmjs.com t.me telegram.org \
    GitHub.com github.com.; do
	bad_ioc "domain: the bare host $h is noise" \
	    "domain,$h,2026-05-07,c2,unknown,unknown,unknown,unknown,$REF,d,AI agent,medium" \
	    "ioc_value: noise: the bare host"
done
for u in https://github.com https://github.com/ http://t.me/ \
    https://telegram.org HTTPS://Google.com/; do
	bad_ioc "url: $u without a path is noise" \
	    "url,$u,2026-05-07,c2,unknown,unknown,unknown,unknown,$REF,d,AI agent,medium" \
	    "ioc_value: noise: .* without a path"
done
bad_ioc "url: on a private address is noise" \
    "url,http://192.168.1.10/x.sh,2026-05-07,c2,unknown,unknown,unknown,unknown,$REF,d,AI agent,medium" \
    "ioc_value: noise: a URL on private address"
bad_ioc "url: another scheme" \
    "url,file:///etc/passwd,2026-05-07,c2,unknown,unknown,unknown,unknown,$REF,d,AI agent,medium" \
    "ioc_value: scheme file: not http, https, ftp or wss"
bad_ioc "url: no scheme" \
    "url,evil.example/x.zip,2026-05-07,c2,unknown,unknown,unknown,unknown,$REF,d,AI agent,medium" \
    "ioc_value: not a URL (no scheme://)"
bad_ioc "url: no host" \
    "url,https:///x.zip,2026-05-07,c2,unknown,unknown,unknown,unknown,$REF,d,AI agent,medium" \
    "ioc_value: a URL without a host"
bad_ioc "md5: 31 digits" "$(ioc 1 file_hash_md5 | awk -F, -v OFS=, '{ $2 = "0123456789abcdef0123456789abcde"; print }')" \
    "ioc_value: not 32 hex digits"
bad_ioc "sha1: not hex" "$(ioc 1 file_hash_sha1 | awk -F, -v OFS=, '{ $2 = "g123456789abcdef0123456789abcdef01234567"; print }')" \
    "ioc_value: not 40 hex digits"
bad_ioc "sha256: an md5" "$(ioc 1 file_hash_sha256 | awk -F, -v OFS=, '{ $2 = "0123456789abcdef0123456789abcdef"; print }')" \
    "ioc_value: not 64 hex digits"
bad_ioc "date: not YYYY-MM-DD" "$(ioc 3 2026/05/07)" \
    "date: 2026/05/07: not a date"
bad_ioc "date: not a real day" "$(ioc 3 2026-02-30)" \
    "date: 2026-02-30: not a date"
bad_ioc "category: closed" "$(ioc 4 'c&c')" "category: c&c: not one of c2"
bad_ioc "malware_type: closed" "$(ioc 8 infostealer)" \
    "malware_type: infostealer: not one of"
bad_ioc "confidence: high medium low" "$(ioc 12 certain)" \
    "confidence: certain: not one of high medium low"
bad_ioc "reference: a URL" "$(ioc 9 'see the report')" \
    "reference: not an http(s) URL"
bad_ioc "every field non-empty" "$(ioc 5 '')" "actor: empty"
bad_ioc "no blank before a field" "$(ioc 7 ' ShadowPad')" \
    "malware: blank at the start"
bad_ioc "no blank after a field" "$(ioc 10 'AI generated. C2. ')" \
    "description: blank at the end"
bad_ioc "no ideographic space around a field" "$(ioc 5 'Storm-9999　')" \
    "actor: blank at the end"
bad_ioc "no line break in a field" "$(ioc 10 '"AI generated.\nC2."')" \
    "description: a line break inside the field"
printf '%s\n%s\n%s\n' "$HI" "$(ioc 2 45.77.10.21)" "$(ioc 2 45.77.10.21)" \
    >"$T/dup.csv"
expect "rows unique on (ioc_type, ioc_value, reference)" "$T/dup.csv" \
    "dup.csv:3: ioc_value: the same ioc_type, ioc_value and reference as line 2"
bad_ioc "a row of 11 fields" "$(ioc 2 45.77.10.20 | cut -d, -f1-11)" \
    "row: 11 fields, the header has 12"
bad_ioc "a quote inside an unquoted field" "$(ioc 6 'chi"na')" \
    "row: a quote inside an unquoted field"

# a hostile value cannot forge an error line of its own
printf '%s\n%s\n' "$HI" "$(ioc 4 '"c2
/etc/passwd:1: ioc_type: fake"')" >"$T/forge.csv"
t_run sec-render --check "$T/forge.csv"
t_grep "a line break in a value is shown escaped" \
    'category: c2\\n/etc/passwd:1: ioc_type: fake: not one of' "$T/out"
t_nogrep "a line break in a value starts no line" '^/etc/passwd' "$T/out"

# ---- the file ----
printf '\357\273\277%s\n%s\n' "$HI" "$(ioc 2 45.77.10.22)" >"$T/bom.csv"
expect "a UTF-8 BOM" "$T/bom.csv" "bom.csv:1: file: a UTF-8 byte order mark"
printf '%s\r\n%s\r\n' "$HI" "$(ioc 2 45.77.10.22)" >"$T/crlf.csv"
expect "CRLF line ends" "$T/crlf.csv" "crlf.csv:2: file: a CRLF line end"
printf '%s\n%s\n' "$HI" "$(ioc 5 'St\377rm')" >"$T/latin.csv"
expect "not UTF-8" "$T/latin.csv" "latin.csv:2: file: not UTF-8"
printf '%s\n\n%s\n' "$HI" "$(ioc 2 45.77.10.22)" >"$T/blank.csv"
expect "a blank line" "$T/blank.csv" "blank.csv:2: row: a blank line"
: >"$T/empty.csv"
expect "an empty file lacks its header" "$T/empty.csv" \
    "empty.csv:1: header: an empty file"
printf '%s\n' "$HI" | sed 's/date,category/category,date/' >"$T/order.csv"
expect "the header is exact" "$T/order.csv" "order.csv:1: header: not exactly"
printf 'ioc_type,ioc_value\n' >"$T/short.csv"
expect "a header with columns missing" "$T/short.csv" \
    "short.csv:1: header: not exactly $HI"
printf 'a,b,c\n1,2,3\n' >"$T/other.csv"
expect "another CSV is not taken for one of ours" "$T/other.csv" \
    "other.csv:1: header: not the header of an IOC, events or event-tags CSV"
# the errors come in line order and the rest of the file is still checked
printf '%s\n%s\n%s\n%s\n' "$HI" "$(ioc 2 '1.2.3[.]4')" "$(ioc 2 45.77.10.30)" \
    "$(ioc 4 bad)" >"$T/two.csv"
t_run sec-render --check "$T/two.csv"
t_eq "every error of a file is reported" \
    "$T/two.csv:2: ioc_value: defanged ([.] left): refang it
$T/two.csv:4: category: bad: not one of c2 srcip phishing-site malware tool abusefile related-file unknown" \
    "$(grep ':[0-9]*: ' "$T/out")"

# ---- events ----
printf '%s\n%s\n' "$HE" "$EV1" >"$T/20260509.events.csv"
t_run sec-render --check "$T/20260509.events.csv"
t_rc "events: the row the bad ones are made from passes" 0
bad_ev "event_key: not snake_case" \
    "$(echo "$EV1" | sed 's/^2026-05-09_a/2026-05-09_Vendor-VPN/')" \
    "event_key: 2026-05-09_Vendor-VPN: not YYYY-MM-DD_snake_case"
bad_ev "event_key: no slug" \
    "$(echo "$EV1" | sed 's/^2026-05-09_a/2026-05-09/')" \
    "event_key: 2026-05-09: not YYYY-MM-DD_snake_case"
bad_ev "event_key: another day's prefix" \
    "$(echo "$EV1" | sed 's/^2026-05-09_a/2026-05-08_a/')" \
    "event_key: 2026-05-08_a: does not start with the date 2026-05-09"
printf '%s\n%s\n%s\n' "$HE" "$EV1" "$EV1" >"$T/20260509.events.csv"
expect "event_key: unique" "$T/20260509.events.csv" \
    "20260509.events.csv:3: event_key: 2026-05-09_a: also on line 2"
printf '%s\n%s\n' "$HE" "$(echo "$EV1" | sed 's/2026-05-09/2026-05-10/g')" \
    >"$T/20260509.events.csv"
expect "date: the file's own day" "$T/20260509.events.csv" \
    "20260509.events.csv:2: date: 2026-05-10: not the day of the file's name, 2026-05-09"
bad_ev "week: the ISO week" "$(echo "$EV1" | sed 's/W19/W20/')" \
    "week: 2026-W20: the ISO week of 2026-05-09 is 2026-W19"
bad_ev "month: of the date" "$(echo "$EV1" | sed 's/,2026-05,/,2026-06,/')" \
    "month: 2026-06: the month of 2026-05-09 is 2026-05"
bad_ev "event_type: closed" "$(echo "$EV1" | sed 's/incident/breach/')" \
    "event_type: breach: not an event type of the taxonomy"
bad_ev "event_type: unknown is not an event type" \
    "$(echo "$EV1" | sed 's/incident/unknown/')" \
    "event_type: unknown: not an event type"
bad_ev "confidence: closed" "$(echo "$EV1" | sed 's/,high,/,sure,/')" \
    "confidence: sure: not one of high medium low"
bad_ev "needs_review: true or false" "$(echo "$EV1" | sed 's/,false,/,no,/')" \
    "needs_review: no: not one of true false"
bad_ev "needs_review: true when source_url is empty" \
    "$(echo "$EV1" | sed 's|https://news.example/a||')" \
    "needs_review: must be true when source_url is empty"
bad_ev "monthly_followup_candidate: yes maybe no" \
    "$(echo "$EV1" | sed 's/,yes$/,true/')" \
    "monthly_followup_candidate: true: not one of yes maybe no"
bad_ev "title: not empty" "$(echo "$EV1" | sed 's/,題,/,,/')" "title: empty"
bad_ev "source_url: a URL when given" \
    "$(echo "$EV1" | sed 's|https://news.example/a|news.example/a|')" \
    "source_url: not an http(s) URL"
bad_ev "events: a field of 11" "$(echo "$EV1" | cut -d, -f1-11)" \
    "row: 11 fields, the header has 12"
# a file whose name has no day: its rows must share the first row's day
printf '%s\n%s\n%s\n' "$HE" "$EV1" \
    "$(echo "$EV1" | sed 's/2026-05-09/2026-05-10/g;s/_a,/_b,/')" \
    >"$T/events.csv"
expect "date: one day in a file named without one" "$T/events.csv" \
    "events.csv:3: date: 2026-05-10: not the day of the file's name, 2026-05-09"

# ---- event tags ----
bad_tag "event_key: in the day's events" \
    "2026-05-09_zzz,actor,X,x,high," \
    "event_key: 2026-05-09_zzz: not an event of the day's events file"
bad_tag "dimension: of the taxonomy" "2026-05-09_a,country,Japan,japan,high," \
    "dimension: country: not a dimension of the taxonomy"
bad_tag "closed dimension: a listed value" \
    "2026-05-09_a,attack_method,SQLi,sqli,high," \
    "normalized_value: sqli: not a value of attack_method in the taxonomy"
bad_tag "dynamic dimension: snake_case" \
    "2026-05-09_a,actor,Storm-1175,Storm-1175,high," \
    "normalized_value: Storm-1175: not snake_case"
bad_tag "event_type does not allow not_applicable" \
    "2026-05-09_a,event_type,なし,not_applicable,low," \
    "normalized_value: event_type does not allow not_applicable"
bad_tag "confidence: closed" "2026-05-09_a,actor,X,x,maybe," \
    "confidence: maybe: not one of high medium low"
bad_tag "raw_value: not empty" "2026-05-09_a,actor,,x,high," \
    "raw_value: empty"
printf '%s\n%s\n' "$HE" "$EV1" >"$T/20260509.events.csv"
printf '%s\n%s\n%s\n' "$HT" "2026-05-09_a,actor,Storm-1175,storm_1175,high," \
    "2026-05-09_a,actor,STORM 1175,storm_1175,low," >"$T/20260509.event_tags.csv"
expect "tags unique on (event_key, dimension, normalized_value)" \
    "$T/20260509.event_tags.csv" \
    "20260509.event_tags.csv:3: normalized_value: the same event_key, dimension and normalized_value as line 2"

# a gap in the shipped taxonomy, filled by --taxonomy
printf '%s\n%s\n' "$HT" "2026-05-09_new_scanner,crime_trend,通話料詐欺,toll_fraud,low," \
    >"$T/gap.event_tags.csv"
expect "a value the taxonomy lacks is a gap" "$T/gap.event_tags.csv" \
    "normalized_value: toll_fraud: not a value of crime_trend" \
    --events "$D/20260509.events.csv"
t_run sec-render --check --taxonomy "$D/taxonomy" \
    --events "$D/20260509.events.csv" "$T/gap.event_tags.csv"
t_rc "--taxonomy DIR replaces the shipped taxonomy" 0
t_run sec-render --check --taxonomy "$T/nowhere" "$D/20260509.csv"
t_rc "--taxonomy on a missing directory exits 2" 2
t_grep "--taxonomy on a missing directory says so" nowhere "$T/err"

# ---- pairing a tags file with its events ----
mkdir -p "$T/day/events" "$T/day/event_tags"
cp "$D/20260509.events.csv" "$T/day/events/20260509.csv"
cp "$D/20260509.event_tags.csv" "$T/day/event_tags/20260509.csv"
t_run sec-render --check "$T/day/event_tags/20260509.csv"
t_rc "events/ beside event_tags/ pairs them" 0
t_grep "the pair is named" "(events: $T/day/events/20260509.csv)" "$T/out"
(cd "$T/day/event_tags" && sec-render --check 20260509.csv) >"$T/out"
t_grep "a bare name in event_tags/ finds events/" \
    "(events: .*/day/events/20260509.csv): ok" "$T/out"
cp "$D/20260509.event_tags.csv" "$T/day/x.csv"
t_run sec-render --check "$T/day/x.csv"
t_rc "a tags file without its events fails" 1
t_grep "a tags file without its events says how to give it" \
    "x.csv: event_key: no events file of its day .*--events" "$T/out"
t_run sec-render --check --events "$T/day/events/20260509.csv" "$T/day/x.csv"
t_rc "--events names the events file" 0
printf '%s\n%s\n' "$HE" "$EV1" >"$T/other.events.csv"
t_run sec-render --check --events "$T/other.events.csv" "$T/day/x.csv"
t_rc "--events of another day fails the keys" 1
t_grep "--events of another day names the missing keys" \
    "x.csv:2: event_key: 2026-05-09_vendor_vpn_exploited: not an event" \
    "$T/out"

# ---- the command ----
t_run sec-render --check "$T/nonexistent.csv" "$D/20260509.csv"
t_rc "a file that cannot be read exits 1" 1
t_grep "a file that cannot be read is named on stderr" nonexistent.csv \
    "$T/err"
t_grep "the other files are still checked" "20260509.csv: IOC CSV, 21 rows: ok" \
    "$T/out"
t_run sec-render --check -f markdown "$D/20260509.csv"
t_rc "an option of the report with --check exits 2" 2
t_grep "an option of the report with --check shows the usage" \
    "usage: sec-render" "$T/err"
sec-render --check "$D/20260509.csv" >/dev/full 2>"$T/err"
t_eq "--check to /dev/full exits 3" 3 $?
t_run sec-render "$D/20260509.csv" --check
t_rc "--check after the operands" 0

# the man page's example, on a good day
mkdir -p "$T/archive/2026/11/25"
cp "$D/20260509.csv" "$D/20260509.events.csv" "$D/20260509.event_tags.csv" \
    "$T/archive/2026/11/25/"
ex=$(sed -n '/^\.Sh EXAMPLES/,/^\.Sh/p' man/sec-render.1 |
    grep '^\$ .*sec-render --check' | sed 's/^\$ //')
t_eq "the man page has a --check example" 1 "$([ -n "$ex" ] && echo 1)"
(cd "$T" && sh -c "$ex") >"$T/out" 2>"$T/err"
t_eq "the man page's --check example passes a good day" \
    "3 files checked, 3 passed, 0 failed, 0 errors" "$(tail -n 1 "$T/out")"

# ---- the analyst's own files ----
C=$SRCDIR/../shared/corpus/techmemo
if [ ! -d "$C/iocs" ]; then
	ok "the analyst's samples # SKIP skipped: no ../shared"
else
	t_run sec-render --check --taxonomy "$C/taxonomy" "$C"/iocs/*.csv
	t_rc "every sample IOC CSV passes" 0
	t_run sec-render --check --taxonomy "$C/taxonomy" "$C"/event_tags/*.csv
	t_rc "every sample event-tags CSV passes against its events" 0
	t_run sec-render --check "$C"/event_tags/*.csv
	t_rc "every sample event-tags CSV passes the shipped taxonomy" 0
	t_run sec-render --check --taxonomy "$C/taxonomy" "$C"/events/*.csv
	# one file named 20260708 holds the events of 2026-07-09 (their
	# source_file is 20260709.md): a real error of the sample
	grep ':[0-9]*: ' "$T/out" | grep -v \
	    "/events/20260708.csv:[0-9]*: date: 2026-07-09: not the day of the file's name, 2026-07-08$" \
	    >"$T/other"
	t_empty "the sample events pass but for their misnamed day" "$T/other"
	t_grep "the misnamed sample day is reported" \
	    "events/20260708.csv: events CSV, 8 rows: 8 errors" "$T/out"
fi
