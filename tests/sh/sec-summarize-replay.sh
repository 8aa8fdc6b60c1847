# sec-summarize-replay.sh: the imperfect answers real models give, replayed
# by tests/llmserver.py on records made like real feed items
# (tests/replay-records.py through sec-ioc): every repairable answer is
# repaired and the model's Japanese card used, at one request per record;
# every unrepairable one is visible (digest.fallback or an errors entry);
# names absent from the article and indicators in advice are dropped with
# a warning.  No answer degrades silently.
. tests/lib.sh

start_server llm python3 "$SRCDIR/tests/llmserver.py" --log "$T/llm.log"
: >"$T/llm.log"
BASE=http://127.0.0.1:$port
unset OPENAI_BASE_URL OPENAI_API_BASE OPENAI_API_KEY_FILE \
    ANTHROPIC_API_KEY_FILE ANTHROPIC_BASE_URL ANTHROPIC_AUTH_TOKEN \
    SEC_SUMMARIZE_ENGINE SEC_SUMMARIZE_MODEL 2>/dev/null
export OPENAI_API_KEY=sk-test-replay ANTHROPIC_API_KEY=sk-test-replay

python3 "$SRCDIR/tests/replay-records.py" | sec-ioc >"$T/recs.ndjson"
t_eq "the advisory has 76 or more IOC candidates" True "$(python3 -c '
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
n = [len([i for i in x.get("iocs", []) if i["type"] not in ("cve", "asn", "attack")]) for x in r if x["id"] == "adv1"][0]
print(n >= 76)' "$T/recs.ndjson")"

REPAIRABLE="fenced trailing-commas wrong-shapes too-many reformatted-iocs
obeyed-injection enriched ungrounded-actor"
for api in openai anthropic; do
	case $api in
	openai) url=$BASE/v1 ;;
	*) url=$BASE ;;
	esac
	for m in $REPAIRABLE cut prose-refusal; do
		n0=$(wc -l <"$T/llm.log")
		sec-summarize -e $api --base-url "$url" -m "$m" \
		    --cache "$T/cache" <"$T/recs.ndjson" >"$T/$api-$m.out" \
		    2>"$T/$api-$m.err"
		echo $? >"$T/$api-$m.rc"
		n1=$(wc -l <"$T/llm.log")
		echo $((n1 - n0)) >"$T/$api-$m.nreq"
	done
	# a rerun of the repaired answers asks nothing
	for m in $REPAIRABLE; do
		n0=$(wc -l <"$T/llm.log")
		sec-summarize -e $api --base-url "$url" -m "$m" \
		    --cache "$T/cache" <"$T/recs.ndjson" >"$T/$api-$m.again" \
		    2>/dev/null
		n1=$(wc -l <"$T/llm.log")
		echo $((n1 - n0)) >"$T/$api-$m.nreq2"
	done
done

# --taxonomy: the analyst's own files; a closed value they lack is dropped
mkdir "$T/tax"
cat >"$T/tax/taxonomy_dimensions.csv" <<'EOF2'
dimension,label_ja,value_mode,description,allow_unknown,allow_not_applicable,active,sort_order
actor,攻撃者,dynamic,a named actor,true,true,true,10
malware,マルウェア,dynamic,a malware family,true,true,true,20
attack_method,攻撃手法,closed,techniques,true,true,true,30
EOF2
cat >"$T/tax/taxonomy_values.csv" <<'EOF2'
dimension,normalized_value,label_ja,label_en,description,parent_value,active,sort_order
attack_method,data_exfiltration,情報の持ち出し,Data Exfiltration,,,true,10
attack_method,wiper_attack,破壊,Wiper,,,true,20
EOF2
t_run sec-summarize -e openai --base-url "$BASE/v1" -m enriched --no-cache \
    --taxonomy "$T/tax" "$T/recs.ndjson"
t_rc "--taxonomy: exit 0" 0
t_py() {
	_v=$(python3 -c "import json, sys
r = {x['id']: x for x in map(json.loads, open(sys.argv[1]))}
L = [json.loads(l) for l in open(sys.argv[2])]
print($2)" "$3" "$T/llm.log" 2>&1)
	if [ "$_v" = True ]; then ok "$1"; else notok "$1"; echo "# $_v"; fi
}
t_py "--taxonomy: a value the analyst's taxonomy lacks is dropped" \
    '"attack_method" not in [t["dimension"] for t in r["adv1"]["digest"]["tags"]] and any("attack_method tag \"ransomware\" is not one of its values" in w for w in r["adv1"]["digest"]["warnings"])' "$T/out"
t_py "--taxonomy: its closed values are listed in the system prompt" \
    '"- attack_method: data_exfiltration, wiper_attack\n" in L[-1]["body"]["messages"][0]["content"] and "- initial_access:" not in L[-1]["body"]["messages"][0]["content"]' "$T/out"
printf 'dimension,normalized_value\n"attack_method,x\n' >"$T/tax/taxonomy_values.csv"
t_run sec-summarize -e openai --base-url "$BASE/v1" -m enriched --no-cache \
    --taxonomy "$T/tax" "$T/recs.ndjson"
t_rc "--taxonomy: a bad file is a usage error" 2
t_grep "--taxonomy: the message names the file" 'taxonomy_values.csv' "$T/err"
t_empty "--taxonomy: nothing is written" "$T/out"

python3 - "$T" $REPAIRABLE <<'PYEOF'
import json, os, sys

T = sys.argv[1]
REPAIRABLE = sys.argv[2:]
ALL = REPAIRABLE + ["cut", "prose-refusal"]
NEWS = 6


def ok(name, cond, detail=""):
    print(("ok - " if cond else "not ok - ") + name)
    if not cond and detail:
        print("# " + str(detail)[:600])


def load(api, m, ext="out"):
    return [json.loads(l) for l in open(os.path.join(T, "%s-%s.%s"
                                                     % (api, m, ext)))]


def num(api, m, ext):
    return int(open(os.path.join(T, "%s-%s.%s" % (api, m, ext))).read())


def by_id(recs):
    return {r["id"]: r for r in recs}


def model_card(d, m):
    """the model's Japanese card, not the fallback"""
    return (d.get("engine") == m and d["title"].startswith("【要約】") and
            all(s.startswith("要点") for s in d["summary"]))


def visible(r):
    d = r.get("digest", {})
    return bool(d.get("fallback") or r.get("errors"))


silent = total = repaired = fallbacks = 0
for api in ("openai", "anthropic"):
    for m in ALL:
        recs = load(api, m)
        ok("%s %s: every record comes out" % (api, m), len(recs) == NEWS,
           len(recs))
        for r in recs:
            d = r.get("digest")
            total += 1
            if d is None:
                silent += 1
                continue
            if model_card(d, m):
                repaired += 1
            elif visible(r):
                fallbacks += 1
            else:
                silent += 1
        if m in REPAIRABLE:
            bad = [r["id"] for r in recs if not model_card(r["digest"], m)]
            ok("%s %s: repaired, the model's Japanese card is used" %
               (api, m), not bad, bad)
            ok("%s %s: one request per record" % (api, m),
               num(api, m, "nreq") == NEWS, num(api, m, "nreq"))
            ok("%s %s: a rerun makes 0 requests" % (api, m),
               num(api, m, "nreq2") == 0, num(api, m, "nreq2"))
            ok("%s %s: no errors entry" % (api, m),
               not any(r.get("errors") for r in recs))
        else:
            bad = [r["id"] for r in recs
                   if not model_card(r["digest"], m) and not visible(r)]
            ok("%s %s: a card from the model or a visible fallback" %
               (api, m), not bad, bad)


print("# replay: %d answers, %d repaired and used, %d visible fallbacks, "
      "%d silent degradations" % (total, repaired, fallbacks, silent))
ok("0 silent degradations", silent == 0, silent)


def details(api):
    R = by_id(load(api, "too-many"))
    d = R["adv1"]["digest"]
    ok(api + " too-many: lists kept to 5/3/3",
       (len(d["summary"]), len(d["recommendations"]), len(d["other"])) ==
       (5, 3, 3), d)
    w = " | ".join(d["warnings"])
    ok(api + " too-many: each cut is a warning",
       "summary: 8 items, the first 5 kept" in w and
       "recommendations: 6 items, the first 3 kept" in w and
       "other: 5 items, the first 3 kept" in w, w)
    ok(api + " too-many: closed values outside their sets are dropped, "
       "the card kept", "event_type" not in d and "malware_type" not in d
       and "confidence" not in d and
       "event_type \"ransomware_attack\" is not one of its values" in w
       and "IOC category \"C&C\"" in w, w)

    R = by_id(load(api, "wrong-shapes"))
    d = R["k1"]["digest"]
    ok(api + " wrong-shapes: bullets split into the summary",
       d["summary"][0].startswith("要点: A botnet") and
       len(d["summary"]) == 2, d["summary"])
    ok(api + " wrong-shapes: a list for the action is joined, a string "
       "of ids read", d["action"] != "推奨事項なし" and
       len(d["iocs"]) == 3 and d["needs_review"] is False, d)
    ok(api + " wrong-shapes: primary source from a bare link id",
       d.get("primary_source") ==
       "https://www.qurium.example/reports/router-proxies", d)

    R = by_id(load(api, "reformatted-iocs"))
    d = R["adv1"]["digest"]
    cands = [i["value"] for i in R["adv1"]["iocs"]
             if i["type"] not in ("cve", "asn", "attack")]
    ok(api + " reformatted-iocs: defanged and upper-cased values map "
       "back to the candidates",
       [i["value"] for i in d["iocs"]] == cands and "omitted" not in d,
       (len(d["iocs"]), len(cands), d.get("omitted")))

    R = by_id(load(api, "obeyed-injection"))
    for rid in ("adv1", "k1", "x1", "j1"):
        d = R[rid]["digest"]
        w = " | ".join(d["warnings"])
        ok("%s obeyed-injection %s: the action naming an indicator is "
           "dropped with a warning" % (api, rid),
           d["action"] == "推奨事項なし" and
           "the action names an indicator: dropped" in w, d["action"])
        ok("%s obeyed-injection %s: so is the recommendation" % (api, rid),
           not any("fixer" in x for x in d["recommendations"]) and
           ("naming an indicator dropped" in w or
            "instruction-like line" in w),
           d["recommendations"])

    R = by_id(load(api, "enriched"))
    d = R["adv1"]["digest"]
    ok(api + " enriched: actor, malware, type, tags from the text",
       [a["name"] for a in d["actor"]] == ["Storm-1175"] and
       d["malware"] == ["Medusa"] and d["malware_type"] == "ransomware"
       and d["event_type"] == "malware_campaign" and
       {"dimension": "actor", "value": "storm_1175", "raw": "Storm-1175"}
       in d["tags"] and {"dimension": "malware", "value": "medusa",
                         "raw": "Medusa"} in d["tags"], d)
    ok(api + " enriched: no name is dropped",
       not any("not in the article" in w for w in d["warnings"]),
       d["warnings"])
    ok(api + " enriched: primary sources by link id (Krebs: the report "
       "by its anchor; KEV: the vendor's advisory)",
       R["k1"]["digest"].get("primary_sources") ==
       ["https://www.qurium.example/reports/router-proxies"] and
       R["v1"]["digest"].get("primary_sources") ==
       ["https://support.corvane.example/advisory/CVSA-2026-007"],
       (R["k1"]["digest"].get("primary_sources"),
        R["v1"]["digest"].get("primary_sources")))
    ok(api + " enriched: reporting addresses are kept out (keep false)",
       all(i["keep"] is False for i in d["iocs"] if i["type"] == "email")
       and all(i["category"] == "c2" for i in d["iocs"]
               if i["type"] == "ipv4"), d["iocs"][:3])
    ok(api + " enriched: the teaser says it is from the feed",
       R["t1"]["digest"]["basis"] == "feed-summary")

    R = by_id(load(api, "ungrounded-actor"))
    d = R["adv1"]["digest"]
    w = " | ".join(d["warnings"])
    ok(api + " ungrounded-actor: the actor absent from the text is "
       "dropped with a warning",
       "Fancy Bear" not in [a["name"] for a in d["actor"]] and
       "actor \"Fancy Bear\" is not in the article: dropped" in w, w)
    ok(api + " ungrounded-actor: so are the malware and the product",
       "SilentPhantom" not in d["malware"] and
       "malware \"SilentPhantom\" is not in the article" in w and
       not any(t["dimension"] == "product" for t in d["tags"]) and
       "product tag \"Zyxel NAS\" is not in the article" in w, w)
    ok(api + " ungrounded-actor: a tag outside the taxonomy is dropped",
       not any(t["value"] == "time_travel" for t in d["tags"]) and
       "attack_method tag \"time_travel\" is not one of its values" in w,
       w)
    ok(api + " ungrounded-actor: the grounded enrichment stays",
       [a["name"] for a in d["actor"]] == ["Storm-1175"] and
       d["malware"] == ["Medusa"], d)



for api in ("openai", "anthropic"):
    try:
        details(api)
    except (KeyError, IndexError, TypeError) as e:
        ok(api + ": the cards have the fields of the contract", False,
           repr(e))
PYEOF
