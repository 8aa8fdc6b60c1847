# sec-fetch-addr.sh: page URLs whose host is an IPv6 literal of a private
# address in one of the transition forms are refused before any connect,
# so this needs no network: the refusal names the embedded IPv4 address.
. tests/lib.sh
unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy no_proxy

# refused ADDR PATTERN: a page at http://[ADDR]:9/ gets a refusal
refused() {
	printf '{"url":"http://[%s]:9/x"}\n' "$1" >"$T/in"
	t_run sec-fetch -p --no-cache --retries 0 "$T/in"
	if [ "$rc" = 1 ] && grep -q -- "refused: $2" "$T/err" &&
	    grep -q '"errors":.*refused' "$T/out"; then
		ok "[$1] refused"
	else
		notok "[$1] refused"
		sed 's/^/# /' "$T/err" | head -n 5
	fi
}

refused 64:ff9b::7f00:1 \
    '64:ff9b::7f00:1 is a private address (NAT64 form of 127.0.0.1;'
refused ::127.0.0.1 \
    '::127.0.0.1 is a private address (IPv4-compatible form of 127.0.0.1;'
refused ::ffff:0:127.0.0.1 \
    '::ffff:0:7f00:1 is a private address (IPv4-translated form of 127.0.0.1;'
refused ::ffff:169.254.169.254 \
    '::ffff:169.254.169.254 is a private address (IPv4-mapped form'
refused 2002:7f00:1:: \
    '2002:7f00:1:: is a private address (6to4 form of 127.0.0.1;'
refused 2001:0:4136:e378:8000:63bf:80ff:fffe \
    '2001:0:4136:e378:8000:63bf:80ff:fffe is a private address (Teredo form'
refused 100::1 '100::1 is a private address (see --allow-private)'
refused 64:ff9b:1::a00:1 '64:ff9b:1::a00:1 is a private address'
refused 2001:db8::1 '2001:db8::1 is a private address'
refused fd00::1 'fd00::1 is a private address'
refused fe80::1 'fe80::1 is a private address'
refused ff02::1 'ff02::1 is a private address'
refused :: ':: is a private address'
refused ::1 '::1 is a private address'
