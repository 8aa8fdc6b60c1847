/* vocab.h: the closed values of the card and the analyst's CSVs
 * (WORKFLOW.md sections 1 and 2, man/sec-record.5), written once for
 * the tools that make them, render them and check them. */
#ifndef SEC_VOCAB_H
#define SEC_VOCAB_H

/* Each list ends in NULL. */
extern const char *const vocab_categories[];	/* IOC roles, "unknown" */
extern const char *const vocab_malware_types[];	/* with "N/A", "unknown" */
extern const char *const vocab_event_types[];
extern const char *const vocab_levels[];	/* high medium low */
extern const char *const vocab_followups[];	/* yes maybe no */

#endif
