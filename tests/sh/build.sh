# build.sh: the build habits.  A plain make asks only for what the tools
# need; make lint checks the man pages and the shell scripts, and CI runs
# it with a -Werror build; the benches find the corpus and the tools
# through bench/lib.sh.
. tests/lib.sh

# ------------------------------------------------- what each target needs
sh scripts/install-deps -n build >"$T/build" 2>"$T/err"
t_eq "install-deps -n build lists packages" 0 $?
t_grep "the build needs the libraries" '^libjansson-dev$' "$T/build"
t_nogrep "the build needs no clang, mandoc, shellcheck, python3 or sfeed" \
    '^\(clang\|libclang-rt.*\|mandoc\|shellcheck\|python3\|sfeed\)$' \
    "$T/build"
sh scripts/install-deps -n fuzz >"$T/fuzz"
t_grep "make fuzz's purpose has clang" '^clang$' "$T/fuzz"
sh scripts/install-deps -n lint >"$T/lint"
t_grep "make lint's has shellcheck" '^shellcheck$' "$T/lint"
sh scripts/install-deps -n check >"$T/check"
t_grep "make check's has python3 and mandoc" '^mandoc$' "$T/check"
sh scripts/install-deps -n bench >"$T/bench"
t_grep "the benches' has sfeed" '^sfeed$' "$T/bench"
t_run sh scripts/install-deps --frobnicate
t_rc "install-deps: an unknown option exits 2" 2
make -n all 2>/dev/null | grep 'install-deps' >"$T/all"
t_eq "a plain make asks install-deps for build only" \
    "sh scripts/install-deps --auto build" "$(cat "$T/all")"
make -n check 2>/dev/null | grep 'install-deps' >"$T/chk"
t_eq "make check asks for build and check" \
    "sh scripts/install-deps --auto build check" "$(cat "$T/chk")"

# ------------------------------------------------- lint and CI
t_grep ".ci/run runs make lint" '^make lint$' .ci/run
t_grep ".ci/run builds with -Werror apart" \
    '^make O=build/werror BINDIR=build/werror/bin WERROR=-Werror build$' \
    .ci/run
t_grep ".ci/run runs the README's test command" '^make check$' .ci/run
if command -v shellcheck >/dev/null 2>&1 && command -v mandoc >/dev/null 2>&1
then
	make -s lint >"$T/out" 2>&1
	t_eq "make lint passes: mandoc and shellcheck are clean" 0 $?
	sed 's/^/# /' "$T/out" | head -n 20
else
	ok "make lint # SKIP no shellcheck or mandoc"
fi

# ------------------------------------------------- bench/lib.sh
t_eq "no bench names an absolute corpus path" "" \
    "$(grep -l '/work/' bench/* 2>/dev/null)"
CORPUS=$T/none sh bench/fetch-speed >"$T/out" 2>"$T/err"
t_eq "a bench without its corpus exits 2" 2 $?
t_grep "and names the corpus part it looked for" \
    "^fetch-speed: $T/none/feeds/real: no corpus" "$T/err"
for b in bench/*; do
	[ "$b" = bench/lib.sh ] && continue
	head -n 1 "$b" | grep -q '^#!/bin/sh' || continue
	t_grep "$b uses bench/lib.sh" '^\. "$(dirname "$0")/lib.sh"$' "$b"
done
