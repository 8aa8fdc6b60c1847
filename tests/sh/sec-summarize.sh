# sec-summarize.sh: the extractive engine's promises, beyond the golden
# cases: nothing instruction-like reaches a digest, indicators are
# extracted when a record has none, the engine choice from the
# environment, -u.
. tests/lib.sh

D=$SRCDIR/tests/data/summarize
unset SEC_SUMMARIZE_ENGINE SEC_SUMMARIZE_MODEL 2>/dev/null

# py EXPR FILE: a Python expression over d, the digests of FILE
py() {
	python3 - "$1" "$2" <<'PYEOF'
import json, sys
r = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
d = [x.get("digest") for x in r]
def text(x):
    """every string of a digest a reader sees, but the original title"""
    return json.dumps([x[k] for k in ("summary", "iocs", "recommendations",
                       "other", "action")], ensure_ascii=False).lower()
print(eval(sys.argv[1]))
PYEOF
}
t_py() {
	_v=$(py "$2" "$3" 2>&1)
	if [ "$_v" = True ]; then ok "$1"; else notok "$1"; echo "# $2 -> $_v"; fi
}

t_run sec-summarize "$D/hostile-text.json" "$D/hostile-hidden.json" \
    "$D/hostile-title.json" "$D/ja-article.json" "$D/en-vuln.json"
t_rc "hostile articles: exit 0" 0
for p in 'ignore' 'you are now' 'system:' 'ai systems' 'botfix' \
    'botnet is fake' 'kitx[.]example' 'free scanner' 'evil' '以前の指示' \
    'all clear' 'nothing happened'; do
	t_py "no digest carries \"$p\"" \
	    'not any("'"$p"'" in text(x) for x in d)' "$T/out"
done
t_py "every hostile article is flagged" \
    'all(any("prompt injection" in w for w in x["warnings"]) for x in d)' "$T/out"
t_py "every digest has a summary and an action" \
    'all(x["summary"] and x["action"] for x in d)' "$T/out"
t_py "at most 5 / 3 / 3" \
    'all(len(x["summary"]) <= 5 and len(x["recommendations"]) <= 3 and len(x["other"]) <= 3 for x in d)' "$T/out"
t_py "the action is the strongest recommendation" \
    'd[4]["action"] == "Acme urges customers to upgrade to version 7.2.1 immediately."' "$T/out"
t_py "Japanese: sentences split on 。, lang ja" \
    'd[3]["lang"] == "ja" and all(s.endswith("。") for s in d[3]["summary"])' "$T/out"
t_py "Japanese: 推奨 makes a recommendation" \
    'any("推奨" in s for s in d[3]["recommendations"])' "$T/out"
t_py "exploitation status goes to other" \
    'any("actively exploited" in s for s in d[4]["other"])' "$T/out"
t_py "the primary link is the primary source" \
    'd[4]["primary_source"] == "https://acme.example/advisory/2026-1"' "$T/out"

# a record without iocs: they are extracted from its text
printf '{"section":"news","title":"C2 found","text":"The implant beacons to 198.51.100.77 every minute. Block it at the firewall."}\n' |
    sec-summarize >"$T/scan" 2>"$T/err"
t_py "no iocs in the record: extracted from the text" \
    '[i["value"] for i in d[0]["iocs"]] == ["198.51.100.77"] and d[0]["iocs"][0]["type"] == "ipv4"' "$T/scan"
t_empty "no iocs in the record: nothing on stderr" "$T/err"

# the engine from the environment
SEC_SUMMARIZE_ENGINE=openai OPENAI_API_KEY= OPENAI_API_KEY_FILE= \
    OPENAI_BASE_URL= OPENAI_API_BASE= sec-summarize </dev/null \
    >"$T/out" 2>"$T/err"
t_eq "SEC_SUMMARIZE_ENGINE=openai without a key: exit 2" 2 $?
t_grep "SEC_SUMMARIZE_ENGINE=openai without a key: says which" \
    'OPENAI_API_KEY' "$T/err"
sec-summarize -e extractive "$D/en-vuln.json" >"$T/a" 2>&1
sec-summarize -U "$D/en-vuln.json" >"$T/b" 2>&1
t_same "-U and -e extractive: the same records" "$T/a" "$T/b"
printf '%s\n' "$(cat "$D/en-vuln.json")" "$(cat "$D/ja-article.json")" |
    sec-summarize | head -n 1 >/dev/null 2>"$T/err"
t_empty "| head -n1: quiet" "$T/err"
