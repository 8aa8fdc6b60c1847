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
/* The IOC CSV's ioc_type of a canonical type, or NULL when the type has
 * no place in the CSV (CVE ids, AS numbers, ...). */
const char *ri_csv_type(const char *type);

/* Append the refanged, canonical value for the CSV: every defanged form
 * common/ioc.h knows turned back (hxxp -> http, [.] (.) -> ., [:] -> :,
 * [@] -> @, ...), surrounding white space and trailing punctuation removed; a domain is the lower-case host alone; an
 * IPv4 address loses its port. */
void	 ri_refang(struct buf *out, const char *value, const char *type);
/* Is the refanged indicator noise for the CSV?  scope is the scope the
 * record states (NULL: ri_scope() decides); known the record's "known"
 * flag.  Noise: anything known (the record's flag, or common/ioc.h's
 * allowlist: public resolvers, bare well-known service hosts); an IP
 * address that is not global; a URL on such an address. */
int	 ri_noise(const char *type, const char *value, const char *scope,
	    int known);

#endif
