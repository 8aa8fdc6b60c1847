/* iocinfo.h: what the report needs to know about an indicator: its type,
 * its Japanese label, its CSV type, whether an IP address is global, and
 * whether it is noise in the IOC CSV. */
#ifndef SEC_RENDER_IOCINFO_H
#define SEC_RENDER_IOCINFO_H

#include <stddef.h>

#include "buf.h"

/* The scope of an IP address, a network, or an address with a port
 * (defanged or not), as common/ioc.h's ioc_scope() names it: "global",
 * "private", "loopback", "link-local", "cgnat", "documentation",
 * "multicast", "reserved"; NULL when type is not an IP type or value is
 * not an address. */
const char *ri_scope(const char *type, const char *value);

/* The canonical type of an indicator: type normalised ("IPv4" -> "ipv4",
 * "fqdn" -> "domain", "hash" -> by length, ...) or, when type is NULL or
 * empty, guessed from value.  Returns a static string; "other" when
 * nothing fits. */
const char *ri_type(const char *type, const char *value);
/* Is the canonical type an IP address type? */
int	 ri_type_is_ip(const char *type);
/* The report's label of a canonical type ("IPアドレス", "FQDN名", ...);
 * unknown types are returned as they are. */
const char *ri_type_label(const char *type);
/* The IOC CSV's ioc_type of a canonical type ("ip", "domain", "url",
 * "file_hash_md5", "file_hash_sha1", "file_hash_sha256"), or NULL when
 * the type has no place in the CSV (email, sha512, CVE ids, AS numbers,
 * ...). */
const char *ri_csv_type(const char *type);

/* Append the refanged, canonical value for the CSV: every defanged form
 * common/ioc.h knows turned back (hxxp -> http, [.] (.) -> ., [:] -> :,
 * [@] -> @, ...), surrounding white space and trailing punctuation removed; a domain is the lower-case host alone; an
 * IPv4 address loses its port. */
void	 ri_refang(struct buf *out, const char *value, const char *type);
/* Why the refanged indicator is noise for the CSV, or NULL when it is
 * not.  scope is the scope the record states (NULL: none), known the
 * record's "known" flag.  Noise: a public resolver; an IP address that
 * is not global (the address decides: a stated "global" does not make a
 * documentation address one; a stated other scope makes it noise); a URL
 * on such an address; a host on common/ioc.h's allowlist, or a URL that
 * names nothing more specific; anything else known, but for a specific
 * page of a code, package or chat host (a GitHub repository, a Gist, an
 * npm, RubyGems or Go package, a Telegram post), which is kept. */
const char *ri_noise(const char *type, const char *value, const char *scope,
	    int known);
/* Why the value v of the CSV type csvtype breaks the validator's rules
 * (WORKFLOW.md 1), or NULL when it passes: ip a bare address without a
 * port; domain the validator's host pattern; url an http, https, ftp or
 * wss URL with a host; hashes hex of their length; nothing defanged or
 * blank. */
const char *ri_csv_invalid(const char *csvtype, const char *v);

#endif
