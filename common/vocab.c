/* vocab.c: the closed values (vocab.h). */
#include <stddef.h>

#include "vocab.h"

const char *const vocab_categories[] = { "c2", "srcip", "phishing-site",
	"malware", "tool", "abusefile", "related-file", "unknown", NULL };
const char *const vocab_malware_types[] = { "ransomware", "stealer",
	"backdoor", "RAT", "loader", "dropper", "worm", "trojan", "spyware",
	"webshell", "botnet", "miner", "rootkit", "downloader", "phishing-kit",
	"N/A", "unknown", NULL };
const char *const vocab_event_types[] = { "incident", "malware_campaign",
	"active_exploitation", "security_research", "vulnerability_advisory",
	"supply_chain", "takedown", "cybercrime_trend", "tool_release", NULL };
const char *const vocab_levels[] = { "high", "medium", "low", NULL };
const char *const vocab_followups[] = { "yes", "maybe", "no", NULL };
