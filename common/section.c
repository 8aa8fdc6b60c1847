/* section.c: the one list of the report's sections. */
#include "section.h"
#include "util.h"

const struct section_info report_sections[NSECTIONS] = {
	{ "tools", "Tools" },
	{ "malware_campaign", "malware campaign" },
	{ "security_report", "security report" },
	{ "cybercrime", "cybercrime topics" },
	{ "news", "日々のニュース要約" },
	{ "jp_incidents", "日本のインシデント事例" },
	{ "memo", "その他のメモ" },
};

/* Nonzero when s names key, in any case and with "-" or " " for "_". */
static int
same(const char *s, const char *key)
{
	for (; *s && *key; s++, key++) {
		int a = ascii_lower((unsigned char)*s);

		if (a == '-' || a == ' ')
			a = '_';
		if (a != *key)
			return 0;
	}
	return *s == '\0' && *key == '\0';
}

int
section_find(const char *s)
{
	int i;

	for (i = 0; i < NSECTIONS; i++)
		if (same(s, report_sections[i].key))
			return i;
	return -1;
}
