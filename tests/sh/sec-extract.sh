# sec-extract.sh: what golden cases cannot show: broken output streams,
# hostile pages (deep nesting, a 20 MB page, NUL bytes, no <body>),
# encodings, and that boilerplate stays out of the text.
. tests/lib.sh
D=tests/data/extract
U=https://threatwire.example/2024/05/new-loader-exchange

# text FILE: the "text" field of the one record in FILE
text() {
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["text"])' "$1"
}
# field FILE EXPR: a Python expression over the record r
field() {
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"
}

t_run sec-extract -r --url "$U" "$D/ioc-article.html" </dev/null
t_rc "ioc article: exit 0" 0
text "$T/out" >"$T/text"
t_grep "the IOC table keeps its cells tab-separated" \
    "$(printf 'IPv4\t203.0.113.45\tsecond-stage server')" "$T/text"
t_grep "the <pre> hashes stay verbatim" \
    '^2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae  driver.sys$' \
    "$T/text"
t_grep "the defanged URL list is one per line" \
    '^hxxp://198.51.100\[.\]23/aspnet_client/system_web/y.aspx$' "$T/text"
for junk in "Great write-up" "YARA rule" "Ransomware gang leaks" \
    "Patch Tuesday" "We use cookies" "Share on Twitter" "Most read" \
    "All rights reserved" "Hidden teaser" "tracking" "Advertisement" \
    "covers cybercrime" "About us" "Post comment"; do
	t_nogrep "no boilerplate in the text: $junk" "$junk" "$T/text"
done
t_eq "the title is og:title" \
    "New loader targets Exchange servers with signed drivers" \
    "$(field "$T/out" 'r["title"]')"
t_eq "the h1 is not repeated in the text" 0 \
    "$(grep -c '^New loader targets' "$T/text")"
t_eq "published is UTC" "2024-05-10T13:05:00Z" \
    "$(field "$T/out" 'r["published"]')"
t_eq "the report link is the primary source" \
    "https://research.example-labs.com/blog/2024/05/ghostloader-analysis" \
    "$(field "$T/out" '" ".join(l["url"] for l in r["links"] if l.get("primary"))')"
t_eq "relative links are made absolute" \
    "https://threatwire.example/2023/11/exchange-proxyshell-explained" \
    "$(field "$T/out" 'r["links"][1]["url"]')"

# The Japanese page: no lang attribute, so the language is detected.
t_run sec-extract -r "$D/ja-article.html" </dev/null
t_eq "Japanese is detected" ja "$(field "$T/out" 'r["lang"]')"
t_eq "the JSON-LD author is the byline" "山田 太郎" \
    "$(field "$T/out" 'r["byline"]')"
text "$T/out" >"$T/ja"
t_nogrep "no related articles in the Japanese text" "関連記事" "$T/ja"
t_grep "the Japanese text is there" "多要素認証を有効に" "$T/ja"
t_run sec-extract -r "$D/ja-sjis.html" </dev/null
text "$T/out" >"$T/sjis"
t_same "a Shift_JIS page gives the same text" "$T/ja" "$T/sjis"

# Encodings in raw mode: a BOM, windows-1252 without a declaration.
printf '\357\273\277<p>caf\303\251 cr\303\250me br\303\273l\303\251e</p>' |
    sec-extract -r >"$T/out" 2>"$T/err"
t_eq "UTF-8 BOM" "café crème brûlée" "$(text "$T/out")"
printf '<p>caf\351 cr\350me \223quoted\224</p>' | sec-extract -r >"$T/out"
t_eq "undeclared windows-1252" 'café crème “quoted”' "$(text "$T/out")"
printf '\377\376<\000p\000>\000h\000i\000 \000t\000h\000e\000r\000e\000' |
    sec-extract -r >"$T/out"
t_eq "UTF-16LE with a BOM" "hi there" "$(text "$T/out")"
printf '<meta charset="utf-8"><p>bad \377\376 bytes</p>' |
    sec-extract -r >"$T/out"
t_eq "invalid UTF-8 is repaired" "bad �� bytes" "$(text "$T/out")"

# Hostile pages: a record with errors or best-effort text, never a crash.
printf '<p>before\000after</p><p>second' | sec-extract -r >"$T/out"
t_eq "NUL bytes are dropped" "beforeafter

second" "$(text "$T/out")"
awk 'BEGIN { printf "<html><body><p>Start of the page text here.</p>";
    for (i = 0; i < 100000; i++) printf "<div>"; printf "deep</body></html>" }' \
    >"$T/deep.html"
t_run sec-extract -r "$T/deep.html" </dev/null
t_rc "100,000 nested elements: exit 1 (an error entry)" 1
t_eq "100,000 nested elements: the text before is kept" \
    "Start of the page text here." "$(text "$T/out")"
t_grep "100,000 nested elements: errors says so" "nested too deeply" "$T/out"
awk 'BEGIN { printf "<html><body><article>";
    for (i = 0; i < 120000; i++)
	printf "<p>Paragraph %d, with commas, words and a <a href=\"/l%d\">link</a> in it.</p>\n", i, i;
    printf "</article></body></html>" }' >"$T/big.html"
t_run sec-extract -r --url http://big.example/ "$T/big.html" </dev/null
t_rc "a 17 MB page: exit 0" 0
t_grep "a 17 MB page: the last paragraph is there" \
    "Paragraph 119999, with commas" "$T/out"
t_run sec-extract -r --max-page 1M "$T/big.html" </dev/null
t_rc "a page over --max-page: exit 1" 1
t_grep "a page over --max-page: errors says so" "see --max-page" "$T/out"
printf 'Just text, no tags at all, but a sentence.' | sec-extract -r >"$T/out"
t_eq "no <html>, no <body>" "Just text, no tags at all, but a sentence." \
    "$(text "$T/out")"
printf '<html><body></body></html>' | sec-extract -r >"$T/out"
t_rc_=$?
t_eq "empty body: exit 1" 1 "$t_rc_"
t_grep "empty body: errors says so" "no article text" "$T/out"
printf '<div><p>unclosed <b>bold <i>both</p></div></span></table><p>next &amp; &bogus; &#0; &#x110000;' |
    sec-extract -r >"$T/out" 2>"$T/err"
t_grep "malformed HTML: best-effort text" "unclosed bold both" "$T/out"
t_empty "malformed HTML: nothing on stderr" "$T/err"

# Several raw files: one record each.
sec-extract -r "$D/ioc-article.html" "$D/ja-article.html" >"$T/out"
t_eq "one record per raw file" 2 "$(wc -l <"$T/out" | tr -d ' ')"
sec-extract -r "$D/ioc-article.html" /nonexistent >"$T/out" 2>"$T/err"
t_eq "a missing file: exit 1" 1 $?
t_grep "a missing file is named" "sec-extract: /nonexistent:" "$T/err"
t_eq "a missing file: the other record keeps its file" "$D/ioc-article.html" \
    "$(field "$T/out" 'r["file"]')"

# -r FILE...: each record says the file it came from, as named; the
# records of stdin and of other records have none
cp "$D/ja-article.html" "$T/a page.html"
sec-extract -r "$D/ioc-article.html" "$T/a page.html" - <"$D/ja-sjis.html" \
    >"$T/out"
t_eq "-r: each record carries its file" \
    "$D/ioc-article.html|$T/a page.html|None" \
    "$(python3 -c 'import json,sys
print("|".join(str(json.loads(l).get("file")) for l in open(sys.argv[1])))' \
    "$T/out")"
printf '{"url":"https://a.example/1","html":"<p>x</p>"}\n' >"$T/rec"
sec-extract "$T/rec" >"$T/out"
t_eq "records read as records get no file" False \
    "$(field "$T/out" '"file" in r')"

# a short paragraph that cites the story's source is kept with its
# link, in both languages; one that does not cite is still left out
cat >"$T/cite.html" <<'EOF2'
<html><body><article>
<p>The attackers exploited the flaw for weeks before a fix came out, and
they used it against many organisations, according to the people who
responded to the intrusions, who spoke to us this week.</p>
<p>Read the <a href="https://research.example-labs.com/blog/x">full report</a>.</p>
<p>Follow <a href="https://other.example/people/jane">our writer Jane</a>.</p>
<p>Details: <a href="https://www.cisa.gov/news-events/alerts/2026/06/01/x">CISA advisory</a></p>
</article></body></html>
EOF2
t_run sec-extract -r --url https://news.example/2026/06/x "$T/cite.html"
text "$T/out" >"$T/text"
t_grep "an English citing paragraph stays" "^Read the full report.$" "$T/text"
t_grep "a citing paragraph without a full stop stays" \
    "^Details: CISA advisory$" "$T/text"
t_nogrep "a short link paragraph that cites nothing is left out" Follow \
    "$T/text"
t_eq "the citing links are primary" \
    "https://research.example-labs.com/blog/x https://www.cisa.gov/news-events/alerts/2026/06/01/x" \
    "$(field "$T/out" '" ".join(l["url"] for l in r["links"] if l.get("primary"))')"

# Output errors and pipes.
sec-extract -r "$D/ioc-article.html" >/dev/full 2>"$T/err"
t_eq ">/dev/full: exit 3 (a failed write)" 3 $?
t_grep ">/dev/full: a message" "sec-extract: <stdout>" "$T/err"
python3 -c '
import json
p = open("tests/data/extract/ioc-article.html").read()
for i in range(200):
    print(json.dumps({"id": str(i), "html": p}))' >"$T/many"
sec-extract <"$T/many" 2>"$T/err" | head -n 1 >/dev/null
t_empty "| head -n1: nothing on stderr" "$T/err"
sec-extract --unbuffered <"$T/many" 2>"$T/err" | head -n 1 >/dev/null
t_empty "-U | head -n1: nothing on stderr" "$T/err"

t_run sec-extract -V </dev/null
t_rc "-V: exit 0" 0
t_grep "-V names the version and libxml2" "^sec-extract [0-9].*" "$T/out"
t_grep "-V names libxml2" "^libxml2 " "$T/out"

# Inputs the fuzzer found: candidates outside <body> once crashed.
for f in tests/fuzz/corpus/fuzz_extract/crash-*; do
	sec-extract -r "$f" >"$T/out" 2>"$T/err"
	rc=$?
	t_eq "fuzz regression ${f##*/}: no crash" yes \
	    "$([ $rc -le 1 ] && echo yes || echo "no (exit $rc)")"
done
