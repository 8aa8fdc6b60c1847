/* iocinfo.h: what the report needs to know about an indicator: its type,
 * its Japanese label, its CSV type, whether an IP address is global, and
 * whether it is noise in the IOC CSV. */
#ifndef SEC_RENDER_IOCINFO_H
#define SEC_RENDER_IOCINFO_H

#include <stddef.h>

#include "buf.h"

enum ri_ip_class {
	RI_IP_NONE,	/* not an IP address */
	RI_IP_GLOBAL,
	RI_IP_PRIVATE,	/* RFC 1918, fc00::/7 */
	RI_IP_LOOPBACK,
	RI_IP_LINKLOCAL,
	RI_IP_SHARED,	/* 100.64.0.0/10 */
	RI_IP_DOC,		/* documentation and benchmarking ranges */
	RI_IP_MULTICAST,
	RI_IP_RESERVED	/* "this network", 240/4, broadcast, ... */
};

/* Classify an IPv4 or IPv6 address, optionally with a ":port" (IPv4),
 * "[v6]:port", or a "/prefix" (the network address is classified).
 * Defanged forms ("[.]", "[:]") are accepted. */
enum ri_ip_class ri_ip_classify(const char *s);
/* The sec-ioc(1) scope word of a class: "global", "private", ... */
const char *ri_ip_class_name(enum ri_ip_class);
/* Is s one of the well-known public DNS resolvers? */
int	 ri_public_resolver(const char *s);

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

/* Append the refanged, canonical value for the CSV: hxxp -> http,
 * [.] (.) {.} -> ., [:] -> :, [@] -> @, surrounding white space and
 * trailing punctuation removed; a domain is the lower-case host alone; an
 * IPv4 address loses its port. */
void	 ri_refang(struct buf *out, const char *value, const char *type);
/* Is a well-known service host (github.com, t.me, ...) or one of its
 * subdomains? */
int	 ri_well_known_host(const char *host);
/* Is the refanged indicator noise for the CSV?  scope is the scope the
 * record states (NULL when none); known the record's "known" flag. */
int	 ri_noise(const char *type, const char *value, const char *scope,
	    int known);

#endif
