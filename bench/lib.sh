# shellcheck shell=sh
# lib.sh: what the bench scripts share, sourced by them.
#
#   bench     the script's name, for messages
#   top       the source tree (the directory above bench/)
#   CORPUS    the shared corpus (default: ../shared/corpus beside the tree)
#   BINDIR    the tools under test (default: bin/ of the tree); made
#             absolute, so a bench may change directory
#   bench_need CMD WHAT: stop, naming WHAT, when CMD is not installed
#   bench_corpus DIR: stop when DIR (a part of the corpus) is not there
bench=${0##*/}
top=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${CORPUS:-$top/../shared/corpus}
BINDIR=${BINDIR:-$top/bin}
case $BINDIR in /*) ;; *) BINDIR=$(pwd)/$BINDIR ;; esac
export CORPUS BINDIR

bench_need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	printf '%s: %s is needed (%s; sh scripts/install-deps bench)\n' \
	    "$bench" "$1" "$2" >&2
	exit 2
}

bench_corpus() {
	[ -e "$1" ] && return 0
	printf '%s: %s: no corpus (set CORPUS to the shared corpus)\n' \
	    "$bench" "$1" >&2
	exit 2
}
