/* defang.h: writing an indicator so that nobody can click or resolve it by
 * accident (the report's form: "hxxps://evil[.]example/x",
 * "192[.]0[.]2[.]1"). */
#ifndef SEC_DEFANG_H
#define SEC_DEFANG_H

#include "buf.h"

/* Append the defanged form of value, an indicator of the given type
 * ("ipv4", "ipv6", "domain", "url", "email", ...; NULL guesses from the
 * value) to out.  URLs: the scheme http/https/ftp becomes hxxp/hxxps/fxp
 * and the dots of the host become [.]; the path is kept.  IPv4 and
 * domains: every dot becomes [.].  IPv6: every colon becomes [:].
 * Email: the @ becomes [@] and the domain's dots [.].  Other types (hashes,
 * CVE ids, ...) are copied unchanged.  A value that is already defanged is
 * not defanged twice. */
void	 defang(struct buf *out, const char *value, const char *type);

#endif
