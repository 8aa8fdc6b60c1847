/* misp.h: a day's records as a MISP event, and a MISP feed directory
 * (the layout MISP's "feed" import reads: one <uuid>.json per event,
 * manifest.json and hashes.csv). */
#ifndef SEC_MISP_H
#define SEC_MISP_H

#include <jansson.h>

#include "buf.h"

struct misp_opts {
	const char *org;	/* the creating organisation (default
				 * sec-tools) */
	const char *tlp;	/* NULL, or a TLP level: an event tag */
	const char *day;	/* YYYY-MM-DD: the event's date */
};

/* The day's event {"Event": {...}} of the records in recs (an array,
 * borrowed): an attribute per indicator (to_ids set), per CVE and per
 * article or primary source link (to_ids not set).  Its uuid is a
 * version 5 UUID of the organisation and the day. */
json_t	*misp_event(const json_t *recs, const struct misp_opts *);
/* Write event into the feed directory dir (made when missing): its
 * <uuid>.json, and manifest.json and hashes.csv with its entries
 * replaced and every other event's kept.  Each file is replaced
 * atomically.  Returns 0, or -1 with a message in *err. */
int	 misp_feed_write(const char *dir, const json_t *event,
	    struct buf *err);

#endif
