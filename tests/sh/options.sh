# options.sh: one option vocabulary.  Reads every tool's --help and fails
# when a letter means two things (two long names) anywhere in the toolkit,
# or one long option has two letters; checks that each letter of a
# synopsis is explained, that the old spellings still work with a warning,
# and that -L has the same cap everywhere.
. tests/lib.sh

tools="sec-fetch sec-select sec-extract sec-ioc sec-summarize sec-render"
missing=
for t in $tools; do
	[ -x "$BINDIR/$t" ] || missing="$missing $t"
done
if [ -n "$missing" ]; then
	ok "options # SKIP not built yet:$missing"
	exit 0
fi

# every tool's help: "TOOL LETTER LONG" for each "-X, --long" line and
# "TOOL - LONG" for each long-only line
: >"$T/pairs"
for t in $tools sec-daily; do
	if [ "$t" = sec-daily ]; then
		sh scripts/sec-daily --help >"$T/help.$t" 2>&1
	else
		"$t" --help >"$T/help.$t" 2>&1
	fi
	t_eq "$t --help exits 0" 0 $?
	sed -n 's/^  *-\([A-Za-z0-9]\), --\([a-z][a-z0-9-]*\).*/\1 \2/p' \
	    "$T/help.$t" | sed "s/^/$t /" >>"$T/pairs"
	sed -n 's/^  *--\([a-z][a-z0-9-]*\).*/- \1/p' "$T/help.$t" |
	    sed "s/^/$t /" >>"$T/pairs"
	# each letter of the synopsis ("[-abc]", "[-x arg]") is listed
	letters=$(sed -n '/^usage:/,/^  *-/p' "$T/help.$t" |
	    grep -o '\[-[A-Za-z0-9]*[] ]' | sed 's/[][ -]//g' | fold -w1 |
	    sort -u)
	unexplained=
	for l in $letters; do
		grep -q "^$t $l " "$T/pairs" ||
		    unexplained="$unexplained -$l"
	done
	t_eq "$t: every letter of the synopsis is in the option list" "" \
	    "$unexplained"
done
n=$(wc -l <"$T/pairs")
t_eq "the help texts list options" 1 "$([ "$n" -gt 60 ] && echo 1)"

# a letter means one thing
awk '$2 != "-" { print $2, $3 }' "$T/pairs" | sort -u |
    awk '{ n[$1]++; l[$1] = l[$1] " --" $2 }
	END { for (k in n) if (n[k] > 1) print "-" k ":" l[k] }' |
    sort >"$T/clash"
t_empty "no letter means two things across the tools" "$T/clash"
# and one long option has one letter, or none
awk '$2 != "-" { print $3, $2 }' "$T/pairs" | sort -u |
    awk '{ n[$1]++; l[$1] = l[$1] " -" $2 }
	END { for (k in n) if (n[k] > 1) print "--" k ":" l[k] }' |
    sort >"$T/clash"
t_empty "no long option has two letters" "$T/clash"

# the test itself: a clash is seen
printf 'sec-a t timeout\nsec-b t text\n' >"$T/fake"
awk '$2 != "-" { print $2, $3 }' "$T/fake" | sort -u |
    awk '{ n[$1]++ } END { for (k in n) if (n[k] > 1) print k }' >"$T/clash"
t_eq "a letter with two meanings is caught" "t" "$(cat "$T/clash")"

# the old spellings: still working, each with a warning on stderr
old() {	# old NAME WANT-RC OLD-SPELLING CMD...
	_n=$1 _rc=$2 _o=$3
	shift 3
	"$@" </dev/null >"$T/out" 2>"$T/err"
	t_eq "$_n: still works" "$_rc" $?
	t_grep "$_n: warns" "$_o is deprecated" "$T/err"
}
printf 'x 192.0.2.1 192.0.2.1\n' >"$T/text"
old "sec-ioc -c" 0 -c sec-ioc -t -c value "$T/text"
t_eq "sec-ioc -c: the columns" "192.0.2.1" "$(cat "$T/out")"
old "sec-ioc -c without -t" 0 -c sec-ioc -c value "$T/text"
t_eq "sec-ioc -c implies -t" "192.0.2.1" "$(cat "$T/out")"
old "sec-ioc -T" 0 -T sec-ioc -t -T cve "$T/text"
t_empty "sec-ioc -T: the types" "$T/out"
printf '{"title":"192.0.2.1","text":"198.51.100.7"}\n' >"$T/rec"
old "sec-ioc -f" 0 -f sec-ioc -f text "$T/rec"
t_nogrep "sec-ioc -f: the fields" '"value":"192\.0\.2\.1"' "$T/out"
old "sec-fetch -t" 0 -t sec-fetch -t 5 -h
old "sec-select -l" 0 -l sec-select -l "$T/links" "$T/rec"
t_eq "sec-select -l: the file" 1 "$([ -f "$T/links" ] && echo 1)"
old "sec-select -m" 0 -m sec-select -m 5 "$T/rec"
printf '<html><a href="/a">a</a><p>text</p></html>\n' >"$T/page.html"
old "sec-extract -u" 0 "-u URL" sec-extract -r -u http://x.example/ \
    "$T/page.html"
t_grep "sec-extract -u: the URL" '"url":"http://x.example/"' "$T/out"
old "sec-extract -s" 0 -s sec-extract -r -s 1M "$T/page.html"
printf '{"url":"http://x.example/","html":"<p>text</p>"}\n' >"$T/page"
old "sec-extract -U" 0 -U sec-extract -U "$T/page"
old "sec-summarize -U" 0 -U sec-summarize -U -e extractive "$T/rec"
old "sec-summarize -u" 2 -u sec-summarize --check -u http://127.0.0.1:9/v1
old "sec-daily -k" 0 -k sh scripts/sec-daily -k -V
old "sec-daily -f" 0 -f sh scripts/sec-daily -f -V
old "sec-daily -n" 0 -n sh scripts/sec-daily -n -V
# the new ones say nothing
for c in "sec-ioc -C value $T/text" "sec-ioc --types cve -t $T/text" \
    "sec-ioc --fields text $T/rec" "sec-fetch -T 5 -h" \
    "sec-select --links $T/links --max-records 5 $T/rec" \
    "sec-extract -r --url http://x.example/ --max-page 1M $T/page.html" \
    "sec-extract --unbuffered $T/page" \
    "sec-summarize --unbuffered -e extractive $T/rec"; do
	# shellcheck disable=SC2086
	$c </dev/null >"$T/out" 2>"$T/err"
	t_eq "$c: exit 0" 0 $?
	t_empty "$c: no warning" "$T/err"
done

# -L: the same cap of 1 GiB in every tool
for t in $tools; do
	"$t" -L 1G -h >/dev/null 2>"$T/err"
	t_eq "$t -L 1G is taken" 0 $?
	"$t" -L 1025M -h >/dev/null 2>"$T/err"
	t_eq "$t -L over 1G is refused" 2 $?
done

# a normal sec-daily run (and daily.mk's stages) says nothing deprecated:
# the scripts use the new spellings
TMPDIR=$T sh scripts/sec-daily -q --keep -d 2026-11-25 --offline data/demo \
    -e extractive -o "$T/day" >"$T/out" 2>"$T/err"
t_eq "sec-daily: a report" 1 "$([ -s "$T/day/20261125.md" ] && echo 1)"
w=$(sed -n 's/^sec-daily: work directory kept: //p' "$T/err")
t_eq "sec-daily --keep: the work directory" 1 "$([ -d "$w" ] && echo 1)"
cat "$T/err" "$w"/*.err >"$T/allerr" 2>/dev/null
t_nogrep "sec-daily: no stage warns of a deprecated spelling" "deprecated" \
    "$T/allerr"
t_nogrep "daily.mk: no old letter of sec-select" 'sec-select.* -l ' \
    scripts/daily.mk

# sec-daily's --since takes what sec-fetch takes
for w in 2w 36h 2026-11-20 '2026-11-20T10:00:00Z'; do
	sh scripts/sec-daily --window -d 2026-11-25 --since "$w" \
	    >"$T/win" 2>"$T/err"
	t_eq "sec-daily --since $w: exit 0" 0 $?
	# one word a line, none with a space: split on purpose
	# shellcheck disable=SC2046
	sec-fetch $(cat "$T/win") -h >/dev/null 2>"$T/err"
	t_eq "sec-daily --since $w: sec-fetch takes the window" 0 $?
done

# sec-fetch reads a local feed file named on the command line, as it
# reads stdin: the same records, the feed named by its path
for f in tests/data/fetch/*.xml; do
	[ -f "$f" ] || continue
	sec-fetch --no-cache - <"$f" 2>"$T/err1" |
	    sed 's/"feed":"stdin"/"feed":"F"/' >"$T/want"
	sec-fetch --no-cache "$f" </dev/null 2>"$T/err2" |
	    sed "s|\"feed\":\"$f\"|\"feed\":\"F\"|" >"$T/got"
	cmp -s "$T/want" "$T/got" || break
done
t_same "sec-fetch FILE gives the records of sec-fetch - <FILE" \
    "$T/want" "$T/got"
t_eq "sec-fetch FILE: some feeds read" 1 "$([ -s "$T/got" ] && echo 1)"
printf 'not a feed' >"$T/junk.xml"
t_run sec-fetch --no-cache "$T/junk.xml" "$f"
t_rc "sec-fetch BAD-FILE GOOD-FILE: exit 1" 1
t_grep "sec-fetch BAD-FILE: named" "^sec-fetch: $T/junk.xml: " "$T/err"
t_eq "sec-fetch BAD-FILE GOOD-FILE: the good one is read" 1 \
    "$([ -s "$T/out" ] && echo 1)"
t_run sec-fetch --no-cache "$T/nosuch.xml"
t_rc "sec-fetch MISSING-FILE: exit 2" 2
t_grep "sec-fetch MISSING-FILE: says so" "nosuch.xml: not a URL, nor a file" \
    "$T/err"

# a directory given as an input file is named as such, in every mode
mkdir "$T/dir"
for c in "sec-ioc" "sec-ioc -t" "sec-select" "sec-extract" "sec-extract -r" \
    "sec-summarize -e extractive" "sec-render" "sec-fetch -p"; do
	# shellcheck disable=SC2086
	$c "$T/dir" </dev/null >/dev/null 2>"$T/err"
	t_eq "$c DIR: exit 1" 1 $?
	t_eq "$c DIR: says it is a directory" \
	    "${c%% *}: $T/dir: Is a directory" "$(head -n 1 "$T/err")"
done

comp() {	# comp TOOL WORD...: bash's completions of the last word
	bash -c '. completions/sec-tools.bash
	COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
	_sec_tools "$1"; printf "%s\n" "${COMPREPLY[@]}"' comp "$@"
}
# sec-ioc -C count: how often each indicator occurs in the file
printf 'a 192.0.2.1 b evil.example.com 192.0.2.1\nc 192.0.2.1 CVE-2024-1234\n' \
    >"$T/c.txt"
printf 'ipv4\t192.0.2.1\t3\t1\ndomain\tevil.example.com\t1\t1\ncve\tCVE-2024-1234\t1\t2\n' \
    >"$T/want"
sec-ioc -C type,value,count,line "$T/c.txt" >"$T/out" 2>"$T/err"
t_same "sec-ioc -C count: each indicator once, with its count" \
    "$T/want" "$T/out"
printf '3\t192.0.2.1\n1\tevil.example.com\n3\t192.0.2.1\n3\t192.0.2.1\n1\tCVE-2024-1234\n' \
    >"$T/want"
sec-ioc -a -C count,value "$T/c.txt" >"$T/out" 2>"$T/err"
t_same "sec-ioc -a -C count: every occurrence, with the total" \
    "$T/want" "$T/out"
cp "$T/c.txt" "$T/c2.txt"
sec-ioc -C value,count "$T/c.txt" - <"$T/c2.txt" >"$T/out" 2>"$T/err"
t_eq "sec-ioc -C count: per file" "3 3" \
    "$(grep '^192' "$T/out" | cut -f2 | paste -sd' ' -)"
t_eq "bash: sec-ioc -C co" "context count" \
    "$(comp sec-ioc -C co | paste -sd' ' -)"

# colour: only on a terminal, never with NO_COLOR or TERM=dumb
ontty() {	# ontty CMD...: run CMD on a pseudo-terminal, its output to stdout
	python3 -c '
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        d = os.read(fd, 65536)
    except OSError:
        break
    if not d:
        break
    out += d
os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
' "$@"
}
if command -v python3 >/dev/null 2>&1; then
	esc=$(printf '\033')
	TERM=xterm ontty sec-ioc -t "$T/text" >"$T/tty"
	t_grep "sec-ioc -t on a terminal: the value coloured" \
	    "\"value\":${esc}\\[1;31m\"192.0.2.1\"" "$T/tty"
	TERM=xterm ontty sec-ioc -C type,value "$T/text" >"$T/tty"
	t_grep "sec-ioc -C on a terminal: the columns coloured" \
	    "${esc}\\[36mipv4${esc}\\[0m	${esc}\\[1;31m192.0.2.1" "$T/tty"
	TERM=xterm NO_COLOR=1 ontty sec-ioc -t "$T/text" >"$T/tty"
	t_nogrep "sec-ioc -t, NO_COLOR: no colour" "$esc" "$T/tty"
	TERM=dumb ontty sec-ioc -t "$T/text" >"$T/tty"
	t_nogrep "sec-ioc -t, TERM=dumb: no colour" "$esc" "$T/tty"
	sec-ioc -t "$T/text" | cat >"$T/tty"
	t_nogrep "sec-ioc -t into a pipe: no colour" "$esc" "$T/tty"
	TERM=xterm ontty sec-select "$T/nosuch" >"$T/tty"
	t_grep "diagnostics on a terminal: the name coloured" \
	    "^${esc}\\[1;31msec-select${esc}\\[0m: " "$T/tty"
	TERM=xterm NO_COLOR=1 ontty sec-select "$T/nosuch" >"$T/tty"
	t_nogrep "diagnostics, NO_COLOR: no colour" "$esc" "$T/tty"
	TERM=xterm ontty sec-extract "$T/rec" >"$T/tty"
	t_grep "errors entries keep the plain name" '"tool":"sec-extract"' \
	    "$T/tty"
	TERM=xterm ontty sec-ioc -V >"$T/tty"
	t_grep "-V keeps the plain name" "^sec-ioc [0-9]" "$T/tty"
else
	ok "colour # SKIP no python3"
fi

# completions: bash and zsh, options read from --help, installed
t_eq "bash: sec-fetch --ti" "--timeout" "$(comp sec-fetch --ti)"
t_eq "bash: sec-render -f" \
    "markdown json ioc-csv events-csv event-tags-csv ioc-log stix misp-feed" \
    "$(comp sec-render -f '' | paste -sd' ' -)"
t_eq "bash: sec-render --confidence f" \
    "fixed:high fixed:medium fixed:low" \
    "$(comp sec-render --confidence f | paste -sd' ' -)"
t_eq "bash: sec-ioc -C t" "type" "$(comp sec-ioc -C t)"
t_eq "bash: sec-daily --dr" "--dry-run" "$(comp sec-daily --dr)"
comp sec-ioc - >"$T/c"
t_grep "bash: sec-ioc - offers -C" '^-C$' "$T/c"
t_nogrep "bash: sec-ioc - leaves out the old -c" '^-c$' "$T/c"
if command -v zsh >/dev/null 2>&1; then
	zsh -fc 'setopt extendedglob
	_call_program() { shift; "$@"; }
	_arguments() { print -rl -- "$@"; }
	eval "_sec() { $(cat completions/_sec-tools) }"
	service=$1 _sec' zcomp sec-render >"$T/z"
	t_grep "zsh: sec-render -f and its values" \
	    '^(-f --format)-f\[.*\]:FORMAT:(markdown json ioc-csv events-csv event-tags-csv ioc-log stix misp-feed)$' \
	    "$T/z"
	t_grep "zsh: sec-render --notes takes a file" \
	    '^--notes\[.*\]:file:_files$' "$T/z"
else
	ok "zsh completion # SKIP no zsh"
fi
make -s install DESTDIR="$T/inst" PREFIX=/x >"$T/out" 2>&1
t_eq "make install: exit 0" 0 $?
for t in $tools sec-daily; do
	[ -f "$T/inst/x/share/bash-completion/completions/$t" ] ||
	    notok "make install: bash completion for $t"
done
t_eq "make install: the zsh completion" 1 \
    "$([ -f "$T/inst/x/share/zsh/site-functions/_sec-tools" ] && echo 1)"
make -s uninstall DESTDIR="$T/inst" PREFIX=/x >"$T/out" 2>&1
t_eq "make uninstall removes them" "" \
    "$(find "$T/inst" -path '*completion*' -type f -o -name '_sec-tools')"

ok "options checked"
