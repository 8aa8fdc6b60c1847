/* report.h: reading a published daily report (Markdown) back into
 * records, the inverse of sec-render(1).  Three layouts are read: the
 * 2023 one with numbered articles ("1. <url>", "- タイトル: ..."), the
 * "###"/"####" one of FORMAT.md, and the 2026 one with "一次ソース:"
 * lines under その他 (WORKFLOW.md section 5). */
#ifndef SEC_ARCHIVE_REPORT_H
#define SEC_ARCHIVE_REPORT_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"

/* Called for each record in report order; rec is borrowed (the parser
 * releases it after the call).  A nonzero return stops the parse. */
typedef int (*report_fn)(json_t *rec, void *arg);

/* Parse data[0..len), the report named fname (used in messages and as
 * each record's "file").  Each problem is reported on stderr as
 * "fname:line: reason" and the parse goes on.  Returns the number of
 * problems reported, or -1 when fn stopped the parse. */
long	 report_parse(const char *fname, const char *data, size_t len,
	    report_fn fn, void *arg);

/* Append the canonical form of the indicator v of type (a canonical
 * type name) to out: refanged; hosts, addresses and hashes lower-case,
 * CVE ids and AS numbers upper-case; URLs and email addresses as they
 * are. */
void	 report_canonical(struct buf *out, const char *v, const char *type);

#endif
