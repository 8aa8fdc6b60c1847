/* section.h: the sections of the report, in the order the report gives
 * them, with their headings (sec-record(5), "section"). */
#ifndef SEC_SECTION_H
#define SEC_SECTION_H

enum section {
	SECTION_TOOLS, SECTION_MALWARE, SECTION_REPORT, SECTION_CRIME,
	SECTION_NEWS, SECTION_JP, SECTION_MEMO, NSECTIONS
};

struct section_info {
	const char	*key;	/* as records and configs name it */
	const char	*title;	/* the report's heading */
};

extern const struct section_info report_sections[NSECTIONS];

/* The section that s names: its key in any case, with "-" or " " for
 * "_" ("JP-Incidents" is jp_incidents); -1 when none. */
int	 section_find(const char *s);

#endif
