/* stix.h: a day's records as a STIX 2.1 bundle.
 *
 * Every id is a version 5 UUID over the object's content (the value of an
 * indicator, the URL of a report, the name of a malware family), so a
 * second export of the same records gives the same ids and a platform
 * that imports both (OpenCTI, MISP) updates its objects instead of
 * duplicating them. */
#ifndef SEC_STIX_H
#define SEC_STIX_H

#include <jansson.h>

#include "buf.h"

struct stix_opts {
	const char *producer;	/* the identity's name (default sec-tools) */
	const char *tlp;	/* NULL, or clear white green amber red */
	const char *day;	/* YYYY-MM-DD for records without a date */
};

/* Call fn for each indicator of rec an export shares: the card's
 * entries it keeps (not set aside by the card, not well known, not a
 * private or documentation address), then the record's own entries
 * found on the pages it cites and the CVEs the article names, under
 * the same rule.  The MISP event shares the same ones. */
void	 cti_iocs(const json_t *rec, void (*fn)(const json_t *, void *),
	    void *arg);
/* Whether name is a TLP level stix_bundle() knows. */
int	 stix_tlp_ok(const char *name);
/* Append the STIX pattern matching the indicator (type as sec-ioc
 * names it, value canonical): "[ipv4-addr:value = '192.0.2.1']".
 * Returns 0, or -1 when the type has no pattern (cve, asn ...). */
int	 stix_pattern(struct buf *out, const char *type, const char *value);
/* The bundle of the records in recs (an array, borrowed): a report per
 * record with a digest, an indicator per indicator, malware,
 * threat-actor, vulnerability and relationship objects, the producer's
 * identity and the TLP marking.  Returns a new reference. */
json_t	*stix_bundle(const json_t *recs, const struct stix_opts *);

#endif
