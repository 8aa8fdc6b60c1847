/* defang.h: writing an indicator so that nobody can click or resolve it by
 * accident (the report's form: "hxxps://evil[.]example/x",
 * "192[.]0[.]2[.]1"). */
#ifndef SEC_DEFANG_H
#define SEC_DEFANG_H

#include "buf.h"

/* Append the defanged form of value, an indicator of the given type
 * ("ipv4", "ipv6", "domain", "url", "email", ...; NULL: the type
 * ioc_guess_type() tells from the value) to out.  URLs: the scheme
 * http/https/ftp becomes hxxp/hxxps/fxp and the dots of the host become
 * [.]; the path is kept.  IPv4 and
 * domains: every dot becomes [.].  IPv6: every colon becomes [:].
 * Email: the @ becomes [@] and the domain's dots [.].  Other types (hashes,
 * CVE ids, ...) are copied unchanged.  A value that is already defanged is
 * not defanged twice. */
void	 defang(struct buf *out, const char *value, const char *type);

/* The type of an indicator told from its value (refanged): "url",
 * "ipv4" or "ipv6" (an address, with a port or a prefix or not), "cve",
 * "asn", "md5", "sha1", "sha256", "sha512", "email", "domain" or
 * "other". */
const char *ioc_guess_type(const char *value);
/* "ipv4" or "ipv6" when s (refanged) is an IP address, with a port or a
 * prefix or not; else NULL. */
const char *ioc_addr_type(const char *s);
/* Append the address of s to out: without "[...]" around an IPv6
 * address, a ":port" after an IPv4 one, or a "/prefix". */
void	 ioc_addr_bare(struct buf *out, const char *s);

#endif
