# charset.sh: the page charset, decided once in common/charset.c for
# sec-fetch -p and sec-extract -r: the same page decodes the same
# through both tools.
. tests/lib.sh
D=$SRCDIR/tests/data/extract/charset

# html_of TOOL FILE: the html field the tool makes of the page FILE
html_of() {
	case $1 in
	fetch)
		printf '{"url":"file://%s"}\n' "$2" |
		    sec-fetch -p --allow-file --no-cache 2>"$T/err.$1" ;;
	extract)
		sec-extract -r -k "$2" 2>"$T/err.$1" ;;
	esac | sed -n 's/.*"html":"\(.*\)"}$/\1/p'
}

html_of fetch "$D/eucjp-nec.html" >"$T/fetch"
html_of extract "$D/eucjp-nec.html" >"$T/extract"
t_same "EUC-JP: the same html through sec-fetch -p and sec-extract -r" \
    "$T/fetch" "$T/extract"
t_grep "EUC-JP: the NEC rows decode (①, ㈱)" '①管理画面.*㈱髙橋' "$T/extract"

# A wrong or missing charset: each page holds the same Japanese article
# (written for these tests, encoded with iconv).  Both tools recover it,
# say so on stderr naming the page and both charsets, and exit 0.
TITLE='不正アクセスによる個人情報漏えいのお知らせ'
# recovered FILE DECLARED USED
recovered() {
	for tool in fetch extract; do
		html_of $tool "$D/$1.html" >"$T/html"
		if [ $tool = fetch ]; then
			name="file://$D/$1.html"
		else
			name="$D/$1.html"
		fi
		case $2 in
		-)	want="sec-$tool: $name: no charset declared; the bytes decode as $3, not as" ;;
		*)	want="sec-$tool: $name: declared charset $2 does not decode the page; decoded as $3 instead" ;;
		esac
		if grep -q "<title>$TITLE</title>" "$T/html" &&
		    grep -qF "$want" "$T/err.$tool" &&
		    ! grep -q '\\ufffd\|�' "$T/html"; then
			ok "$1: sec-$tool decodes it as $3"
		else
			notok "$1: sec-$tool decodes it as $3"
			echo "# want on stderr: $want"
			sed 's/^/# stderr: /' "$T/err.$tool"
			head -c 300 "$T/html" | sed 's/^/# html: /'; echo
		fi
	done
}
recovered sjis-as-utf8 UTF-8 CP932
recovered sjis-undeclared - CP932
recovered sjis-as-eucjp EUC-JP CP932
recovered eucjp-as-sjis Shift_JIS EUC-JP-MS
recovered eucjp-as-utf8 utf-8 EUC-JP-MS
recovered eucjp-undeclared - EUC-JP-MS
recovered eucjp-as-iso2022jp ISO-2022-JP EUC-JP-MS
recovered iso2022jp-undeclared - ISO-2022-JP
recovered iso2022jp-as-utf8 utf-8 ISO-2022-JP
recovered iso2022jp-as-sjis shift_jis ISO-2022-JP
recovered utf8-as-sjis Shift_JIS UTF-8
recovered utf8-as-eucjp euc-jp UTF-8

# the Japanese pages of the other tests, rightly declared: nothing said
for f in "$SRCDIR"/tests/data/extract/ja-sjis.html \
    "$SRCDIR"/tests/data/fetch/page-sjis.html "$D/eucjp-nec.html"; do
	html_of extract "$f" >/dev/null
	t_eq "$(basename "$f"): a right charset is not questioned" "" \
	    "$(cat "$T/err.extract")"
done

# Shift_JIS and EUC-JP in one page declared UTF-8: nothing decodes it;
# the record says so and the exit status is 1, through both tools
printf '{"url":"file://%s"}\n' "$D/mixed-as-utf8.html" >"$T/in"
t_run sec-fetch -p --allow-file --no-cache "$T/in"
t_rc "mixed page: sec-fetch -p exits 1" 1
t_grep "mixed page: sec-fetch -p puts it in errors" \
    '"errors":\[{"tool":"sec-fetch","message":"file://[^"]*mixed-as-utf8.html: declared charset utf-8 does not decode the page, nor does UTF-8 or a Japanese charset: [0-9]* bytes replaced by U+FFFD"}\]' \
    "$T/out"
t_grep "mixed page: and warns" 'mixed-as-utf8.html: declared charset utf-8 does not decode the page, nor' "$T/err"
t_run sec-extract -r "$D/mixed-as-utf8.html"
t_rc "mixed page: sec-extract -r exits 1" 1
t_grep "mixed page: sec-extract -r puts it in errors" \
    '"errors":\[{"tool":"sec-extract","message":"declared charset utf-8 does not decode the page, nor does UTF-8 or a Japanese charset' \
    "$T/out"
t_grep "mixed page: and warns" 'mixed-as-utf8.html: declared charset utf-8 does not decode the page, nor' "$T/err"

# one decoder for both tools: even what cannot be recovered comes out
# the same, U+FFFD for U+FFFD, and a page's stray controls are dropped
# by both rather than shown as U+FFFD
for f in "$D/mixed-as-utf8.html" "$T/controls.html"; do
	[ -f "$f" ] || printf '\001<meta charset=utf-8><p>a\002b\000c\fd</p>\n' >"$f"
	html_of fetch "$f" >"$T/fetch"
	html_of extract "$f" >"$T/extract"
	t_same "$(basename "$f"): the same html through both tools" \
	    "$T/fetch" "$T/extract"
done
t_eq "controls: dropped, a form feed is a space" '<meta charset=utf-8><p>abc d</p>\n' \
    "$(cat "$T/extract")"
