# bash completion for sec-tools: sec-fetch, sec-select, sec-extract,
# sec-ioc, sec-summarize, sec-render, sec-archive and sec-daily.  The options come from
# each tool's --help, so they never drift from the tool; the values of a
# few options are listed here.

# _sec_tools_opts TOOL: the tool's options, one a line (cached)
_sec_tools_opts()
{
	local v=_sec_tools_cache_${1//-/_}
	if [[ -z ${!v-} ]]; then
		printf -v "$v" '%s' "$("$1" --help 2>/dev/null |
		    grep -o -e '^  *-[A-Za-z0-9]' -e '--[a-z][a-z0-9-]*' |
		    tr -d ' ' | sort -u)"
	fi
	printf '%s\n' "${!v}"
}

_sec_tools()
{
	local cur prev words
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	words=
	case $1:$prev in
	sec-render:-f | sec-render:--format)
		words="markdown json ioc-csv events-csv event-tags-csv ioc-log stix misp-feed" ;;
	sec-render:--confidence)
		words="auto card fixed:high fixed:medium fixed:low" ;;
	sec-archive:-F | sec-archive:--format)
		words="ioc-csv events-csv event-tags-csv stix misp-feed" ;;
	sec-archive:-w | sec-archive:--wait | sec-archive:-u)
		COMPREPLY=()
		return ;;
	sec-render:--taxonomy)
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return ;;
	sec-summarize:-e | sec-summarize:--engine | sec-daily:-e | \
	sec-daily:--engine)
		words="extractive openai anthropic" ;;
	sec-summarize:-l | sec-summarize:--lang)
		words="ja en" ;;
	sec-ioc:-C | sec-ioc:--columns)
		words="type value defanged line offset scope known context file"
		words+=" count port"
		;;
	sec-ioc:--fields)
		words="title summary text" ;;
	sec-ioc:--types)
		words="all ip hash ipv4 ipv6 cidr domain url email md5 sha1"
		words+=" sha256 sha512 cve asn attack btc xmr onion eth"
		;;
	*:-j | *:--jobs | *:-L | *:--max-line | *:-T | *:--timeout | \
	*:-n | *:--max | *:-s | *:--section-max | *:-m | *:--model | \
	*:-d | *:--date | *:--since | *:--until | *:-x | *:--proxy | \
	*:--base-url | *:--url | *:--user-agent | *:--budget | \
	*:--max-*)
		COMPREPLY=()
		return ;;
	esac
	# sec-archive's first word that is not an option is its command
	if [[ $1 == sec-archive && $cur != -* && -z $words ]] &&
	    ! printf '%s\n' "${COMP_WORDS[@]:1:COMP_CWORD-1}" |
	    grep -qx -e add -e import -e parse-report -e ioc -e search \
	    -e days -e export -e check; then
		[[ $prev == -f || $prev == --file ]] ||
		    words="add import parse-report ioc search days export check"
	fi
	if [[ -n $words ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
		return
	fi
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$(_sec_tools_opts "$1")" \
		    -- "$cur")
		return
	fi
	mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}

complete -o filenames -F _sec_tools sec-fetch sec-select sec-extract \
    sec-ioc sec-summarize sec-render sec-archive sec-site sec-daily
