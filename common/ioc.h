/* ioc.h: finding indicators of compromise in text, defanged or not, in one
 * pass and bounded memory (sec-ioc(1)). */
#ifndef SEC_IOC_H
#define SEC_IOC_H

#include <stddef.h>
#include <jansson.h>

#include "buf.h"

enum ioc_type {
	IOC_IPV4, IOC_IPV6, IOC_CIDR, IOC_DOMAIN, IOC_URL, IOC_EMAIL,
	IOC_MD5, IOC_SHA1, IOC_SHA256, IOC_SHA512, IOC_CVE, IOC_ASN,
	IOC_ATTACK, IOC_BTC, IOC_XMR, IOC_ONION, IOC_ETH,
	IOC_NTYPES
};

#define IOC_ALL		((1u << IOC_NTYPES) - 1)
/* Distinct indicators kept per scanned text by ioc_scan_json(); the
 * occurrences of those are still counted. */
#define IOC_MAX_UNIQUE	1000
/* Longest indicator considered (a URL longer than this is cut there). */
#define IOC_MAX_LEN	2048

/* One occurrence found by ioc_scan(). */
struct ioc_hit {
	enum ioc_type	 type;
	const char	*value;	/* canonical, NUL-terminated (borrowed) */
	size_t		 vlen;
	size_t		 off;	/* where it starts in the text scanned */
	size_t		 len;	/* how many bytes of that text it spans */
	int		 defanged;	/* it was written defanged */
	unsigned	 port;	/* IP or host: the ":port" written after it,
				 * or 0 */
	int		 schemeless;	/* URL written without a scheme:
				 * value starts with IOC_SCHEME_ADDED */
};

/* The scheme a URL written without one is given in its value
 * ("cdn.example[.]com/x.zip" is https://cdn.example.com/x.zip). */
#define IOC_SCHEME_ADDED	"https://"

/* Called for every occurrence in text order; returning nonzero stops the
 * scan. */
typedef int (*ioc_fn)(const struct ioc_hit *, const char *text, size_t len,
    void *arg);

/* The name of a type ("ipv4", ...). */
const char *ioc_type_name(enum ioc_type);
/* Parse a comma-separated list of type names ("ipv4,url"; "all"; "hash"
 * for the four hash types; "ip" for ipv4,ipv6,cidr) into a bit mask of
 * (1 << type).  Returns 0, or -1 and sets *bad to the first unknown name
 * (borrowed from list, up to the next comma). */
int	 ioc_types_parse(const char *list, unsigned *mask, const char **bad);

/* Append the defanged form of an indicator's value to out: defang(3)'s,
 * except that a URL written without a scheme (schemeless) is written
 * without it again. */
void	 ioc_defang(struct buf *out, enum ioc_type, const char *value,
	    int schemeless);

/* Scan text[0..len) for the types in mask and call fn for each
 * occurrence.  Returns the value fn stopped with, or 0. */
int	 ioc_scan(const char *text, size_t len, unsigned mask, ioc_fn fn,
	    void *arg);

/* The scope of an IP address or CIDR value: "global", "private",
 * "loopback", "link-local", "cgnat", "documentation", "multicast" or
 * "reserved"; NULL for other types. */
const char *ioc_scope(enum ioc_type, const char *value);
/* Nonzero when value is a well-known legitimate host or address: on the
 * bundled allowlist or one loaded with ioc_allowlist_load().  A URL is
 * known only when it names nothing more specific than a known host. */
int	 ioc_known(enum ioc_type, const char *value);
/* Add the entries of an allowlist file (sec-ioc(1) describes the format).
 * Returns 0, or -1 with a message in err (at most errlen bytes) naming
 * path:line. */
int	 ioc_allowlist_load(const char *path, char *err, size_t errlen);
/* Free the loaded allowlists and the public suffix list. */
void	 ioc_cleanup(void);

/* The other form of an internationalized host name: the punycode of a
 * Unicode name, or the Unicode of a punycode one (new, caller frees);
 * NULL when name has no other form. */
char	*ioc_idn_other(const char *name);

/* The sentence of text[0..len) around [off, off+n): its start in *cs and
 * its length in *cn (at most about 300 bytes, cut at UTF-8 boundaries). */
void	 ioc_context(const char *text, size_t len, size_t off, size_t n,
	    size_t *cs, size_t *cn);

/* Scan text[0..len) for indicators.  Returns a new JSON array of IOC
 * objects as in sec-record(5): {"type","value","defanged","count",
 * "first_offset","context","scope" (IPs only),"known","linked"}, one per
 * distinct (type, value), in order of first occurrence, at most
 * IOC_MAX_UNIQUE.  links (borrowed, may be NULL) is a record's "links"
 * array [{"url","text"}]: an IOC that was a hyperlink target gets "linked":
 * true.  types NULL = all types, else a comma-separated list like
 * "ipv4,url" (unknown names are ignored). */
json_t	*ioc_scan_json(const char *text, size_t len, const json_t *links,
	    const char *types);

/* A set of distinct indicators, in order of first occurrence, gathered
 * from one or more texts (the fields of a record). */
struct ioc_set;
/* A new set that keeps at most max distinct indicators. */
struct ioc_set *ioc_set_new(size_t max);
/* Scan text[0..len) for the types in mask into set; field (borrowed, must
 * outlive the set, may be NULL) is reported as the "field" of the
 * indicators first seen here. */
void	 ioc_set_scan(struct ioc_set *, const char *text, size_t len,
	    unsigned mask, const char *field);
/* The set as a JSON array of IOC objects (new); links as for
 * ioc_scan_json(). */
json_t	*ioc_set_json(const struct ioc_set *, const json_t *links);
/* How many distinct indicators were left out for want of room. */
size_t	 ioc_set_dropped(const struct ioc_set *);
void	 ioc_set_free(struct ioc_set *);

/* Append the refanged form of s[0..n) to out (every defanged form the
 * scanner understands turned back). */
void	 ioc_refang(struct buf *out, const char *s, size_t n);

#endif
