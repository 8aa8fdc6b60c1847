/* test_addr.c: the private-address classifier of sec-fetch, on IPv4,
 * IPv6 and the IPv6 forms that carry an IPv4 address. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "check.h"
#include "../../cmd/sec-fetch/fetch.h"
#include "../../cmd/sec-fetch/http.h"

/* addr_private() of a literal; -1 when it does not parse. */
static int
priv(const char *s)
{
	struct sockaddr_in6 s6;
	struct sockaddr_in s4;

	memset(&s6, 0, sizeof(s6));
	memset(&s4, 0, sizeof(s4));
	if (inet_pton(AF_INET, s, &s4.sin_addr) == 1) {
		s4.sin_family = AF_INET;
		return addr_private(&s4) != 0;
	}
	if (inet_pton(AF_INET6, s, &s6.sin6_addr) == 1) {
		s6.sin6_family = AF_INET6;
		return addr_private(&s6) != 0;
	}
	return -1;
}

int
main(void)
{
	static const char *const refused[] = {
		"127.0.0.1", "10.1.2.3", "169.254.169.254", "192.168.0.1",
		"172.16.0.1", "100.64.0.1", "0.0.0.0", "224.0.0.1",
		"255.255.255.255", "198.18.0.1", "192.0.0.8",
		"::", "::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
		"64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::808:808",
		"::127.0.0.1", "::10.0.0.1", "::ffff:0:127.0.0.1",
		"::ffff:0:a00:1", "2002:7f00:1::", "2002:a9fe:a9fe::1",
		"2001:0:4136:e378:8000:63bf:80ff:fffe",	/* Teredo, 127.0.0.1 */
		"2001:0:4136:e378:8000:63bf:f5ff:fffe",	/* Teredo, 10.0.0.1 */
		"100::1", "100::ffff:1", "2001:db8::1", "2001:2::1",
		"2001:10::1", "2001:20::1", "3fff::1", "5f00::1",
		"fc00::1", "fd12:3456::1", "fe80::1", "fec0::1", "ff02::1",
		"ff0e::1", "4000::1", "1::1",
	};
	static const char *const allowed[] = {
		"8.8.8.8", "93.184.216.34", "1.1.1.1", "100.63.255.255",
		"172.32.0.1", "2606:4700::1111", "2001:4860:4860::8888",
		"::ffff:8.8.8.8", "64:ff9b::808:808", "::8.8.8.8",
		"::ffff:0:808:808", "2002:808:808::1",
		"2001:0:4136:e378:8000:63bf:f7f7:f7f7",	/* Teredo, 8.8.8.8 */
		"2a00:1450::1", "2001:3::1",
	};
	size_t i;

	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		CHECK(priv(refused[i]) == 1);
		if (priv(refused[i]) != 1)
			printf("#   refused: %s\n", refused[i]);
	}
	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
		CHECK(priv(allowed[i]) == 0);
		if (priv(allowed[i]) != 0)
			printf("#   allowed: %s\n", allowed[i]);
	}
	return check_failed;
}
