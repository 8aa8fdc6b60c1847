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
