# sec-summarize.sh: the extractive engine's promises, beyond the golden
# cases: nothing instruction-like reaches a digest, no copied sentence is
# the model's advice, advice naming an indicator is dropped, references
# are not indicators, only what a rule can tell is enriched, indicators are
# extracted when a record has none, the engine choice from the
# environment, -u, --check and the engine chosen when -e is not given.
. tests/lib.sh

D=$SRCDIR/tests/data/summarize
unset SEC_SUMMARIZE_ENGINE SEC_SUMMARIZE_MODEL OPENAI_API_KEY \
    OPENAI_API_KEY_FILE AZURE_OPENAI_API_KEY AZURE_OPENAI_API_KEY_FILE \
    ANTHROPIC_API_KEY ANTHROPIC_API_KEY_FILE ANTHROPIC_AUTH_TOKEN \
    ANTHROPIC_AUTH_TOKEN_FILE OPENAI_BASE_URL OPENAI_API_BASE \
    ANTHROPIC_BASE_URL 2>/dev/null

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
def prose(x):
    """the sentences of a digest: not the indicator values themselves"""
    return json.dumps([x[k] for k in ("title", "summary", "recommendations",
                       "other", "action")] + [i["context"] for i in x["iocs"]],
                      ensure_ascii=False).lower()
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
t_py "no copied sentence under the model's advice: every action is 推奨事項なし" \
    'all(x["action"] == "推奨事項なし" for x in d)' "$T/out"
t_py "the strongest recommendation stays among the recommendations" \
    'd[4]["recommendations"][0] == "Acme urges customers to upgrade to version 7.2.1 immediately."' "$T/out"
t_py "a title that reads like an instruction is not copied" \
    'd[2]["title"] == "https://blog.example.com/h3"' "$T/out"
t_py "the card says what it is: low confidence, to be reviewed, no category" \
    'all(x["confidence"] == "low" and x["needs_review"] is True and all("category" not in i for i in x["iocs"]) for x in d)' "$T/out"
t_py "no malware, attribution or tags guessed" \
    'not any(k in x for x in d for k in ("actor_attribute", "malware", "malware_type", "tags", "followup"))' "$T/out"
t_py "an actor only from an explicit phrase: a group tracked as UNC9999" \
    '[x.get("actor") for x in d] == [None, None, None, None, [{"name": "UNC9999"}]]' "$T/out"
t_py "Japanese: sentences split on 。, lang ja" \
    'd[3]["lang"] == "ja" and all(s.endswith("。") for s in d[3]["summary"])' "$T/out"
t_py "Japanese: 推奨 makes a recommendation" \
    'any("推奨" in s for s in d[3]["recommendations"])' "$T/out"
t_py "exploitation status goes to other" \
    'any("actively exploited" in s for s in d[4]["other"])' "$T/out"
t_py "the primary link is the primary source" \
    'd[4]["primary_source"] == "https://acme.example/advisory/2026-1"' "$T/out"

# --- injections addressed to a summariser, advice that names an indicator,
# references that are not indicators, the event type a rule can tell ---
t_run sec-summarize "$D/extr-cards.json"
t_rc "extractive cards: exit 0" 0
for p in 'tool.exe' '自動要約' 'summarizers' 'no action is needed' \
    'assistant' 'fix.ps1' 'setup.exe' 'campaign is over'; do
	t_py "extractive cards: no sentence of a card carries \"$p\"" \
	    'not any("'"$p"'" in prose(x) for x in d)' "$T/out"
done
t_py "Japanese injection: flagged, and the indicator beside it left out" \
    'any("prompt injection" in w for w in d[0]["warnings"]) and any("beside instruction-like text" in w for w in d[0]["warnings"])' "$T/out"
t_py "Japanese advisory prose is kept: 管理者は直ちに更新を実行してください" \
    '"管理者は直ちに更新を実行してください。" in d[0]["recommendations"]' "$T/out"
t_py "an injected indicator keeps no context" \
    'd[0]["iocs"][1]["context"] == "不明"' "$T/out"
t_py "English injections: 4 sentences flagged" \
    '"4 instruction-like sentences of the article left out (possible prompt injection)" in d[1]["warnings"]' "$T/out"
t_py "prose about an attack is kept: attackers instructed victims to run" \
    '"Attackers instructed victims to run a PowerShell command copied to their clipboard." in d[1]["summary"]' "$T/out"
t_py "CISA urges admins to apply: a recommendation" \
    '"CISA urges admins to apply the patches immediately." in d[1]["recommendations"]' "$T/out"
t_py "advice that names an indicator is dropped with a warning" \
    'not any("cleanup script" in s for s in d[1]["recommendations"] + d[1]["summary"]) and "1 recommendation left out: it names an indicator of the article" in d[1]["warnings"]' "$T/out"
t_py "technique ids are no indicator rows (T1059.001 would read T1059[.]001)" \
    'not any(i["type"] == "attack" or i["value"].startswith("T1") for i in d[2]["iocs"])' "$T/out"
t_py "reporting addresses are no indicator rows, a ransom address is one" \
    '{i["value"]: i["keep"] for i in d[2]["iocs"] if i["type"] == "email"} == {"ransom@onionmail.example": True}' "$T/out"
sed -n 3p "$D/extr-cards.json" | sec-summarize | sec-render >"$T/md" 2>&1
t_nogrep "the report lists no technique id or reporting address as an IOC row" \
    'T1059\[\.\]\|T1566,\|report\[@\]\|soc\[@\]' "$T/md"
t_grep "the report still lists the article's indicators" \
    '^    - c2\[\.\]examplelocker\[\.\]example,' "$T/md"
t_py "a well-known host: keep false, list_known true" \
    '[(i["keep"], i["list_known"], i["known"]) for i in d[2]["iocs"] if i["value"] == "github.com"] == [(False, True, True)]' "$T/out"
t_py "an indicator of the article: keep true, observed passed on" \
    '[(i["keep"], i["observed"]) for i in d[2]["iocs"] if i["value"] == "c2.examplelocker.example"] == [(True, "2026-11-20")]' "$T/out"
t_py "a link's target is no digest indicator" \
    'not any(i["value"] == "https://vendor.example/advisory" for i in d[2]["iocs"])' "$T/out"
t_py "event type: exploited in the wild" \
    'd[0]["event_type"] == "active_exploitation" and d[4]["event_type"] == "active_exploitation"' "$T/out"
t_py "event type: absent when exploitation is denied or not said" \
    '"event_type" not in d[1] and "event_type" not in d[2] and "event_type" not in d[3]' "$T/out"

# actors: "attributed (the attacks) to X", "a group tracked as X"; not a
# country, a CVE id, a malware family or a quote
t_run sec-summarize "$D/extr-actors.json"
t_py "actors: attributed to Storm-1175, to the Lazarus Group" \
    '[x.get("actor") for x in d[:2]] == [[{"name": "Storm-1175"}], [{"name": "Lazarus Group"}]]' "$T/out"
t_py "actors: none from a country, a CVE id, a malware name or a quote" \
    'not any("actor" in x for x in d[2:])' "$T/out"
t_py "actors: every name occurs in the article" \
    'all(a["name"] in r["text"] for r, x in zip((json.loads(l) for l in open(sys.argv[2])), d) for a in x.get("actor", []))' "$T/out"

# a long run of text with a subject at every step costs linear time
python3 -c 'import json; print(json.dumps({"section": "news", "title": "x",
    "text": "AIは実行" * 300000}, ensure_ascii=False))' >"$T/long.json"
timeout 60 sec-summarize "$T/long.json" >/dev/null 2>"$T/err"
t_eq "a 3.6 MB sentence of subjects and verbs: done within 60 s" 0 $?

# a record without iocs: they are extracted from its text
printf '{"section":"news","title":"C2 found","text":"The implant beacons to 198.51.100.77 every minute. Block it at the firewall."}\n' |
    sec-summarize >"$T/scan" 2>"$T/err"
t_py "no iocs in the record: extracted from the text" \
    '[i["value"] for i in d[0]["iocs"]] == ["198.51.100.77"] and d[0]["iocs"][0]["type"] == "ipv4"' "$T/scan"
t_empty "no iocs in the record: nothing on stderr" "$T/err"

# the engine from the environment
SEC_SUMMARIZE_ENGINE=openai OPENAI_API_KEY='' OPENAI_API_KEY_FILE='' \
    OPENAI_BASE_URL='' OPENAI_API_BASE='' sec-summarize </dev/null \
    >"$T/out" 2>"$T/err"
t_eq "SEC_SUMMARIZE_ENGINE=openai without a key: exit 2" 2 $?
t_grep "SEC_SUMMARIZE_ENGINE=openai without a key: says which" \
    'OPENAI_API_KEY' "$T/err"
sec-summarize -e extractive "$D/en-vuln.json" >"$T/a" 2>&1
sec-summarize --unbuffered "$D/en-vuln.json" >"$T/b" 2>&1
t_same "--unbuffered and -e extractive: the same records" "$T/a" "$T/b"
printf '%s\n' "$(cat "$D/en-vuln.json")" "$(cat "$D/ja-article.json")" |
    sec-summarize | head -n 1 >/dev/null 2>"$T/err"
t_empty "| head -n1: quiet" "$T/err"

# --- --check: the setup resolved, no request, no input --------------------
# t_check NAME RC LINE CMD...: CMD exits RC and prints LINE (or nothing)
t_check() {
	_n=$1 _rc=$2 _line=$3
	shift 3
	t_run "$@" </dev/zero
	t_rc "$_n: exit $_rc" "$_rc"
	if [ -n "$_line" ]; then
		printf '%s\n' "$_line" >"$T/want"
		t_same "$_n: prints $_line" "$T/want" "$T/out"
	else
		t_empty "$_n: nothing on stdout" "$T/out"
		t_grep "$_n: says why" 'sec-summarize: ' "$T/err"
	fi
}
NOSRV=http://127.0.0.1:9/v1
t_check "--check, nothing set" 0 'engine=extractive model=none' \
    sec-summarize --check
t_empty "--check, nothing set: quiet" "$T/err"
t_check "--check -e openai with a key" 0 'engine=openai model=gpt-4o-mini' \
    env OPENAI_API_KEY=sk-x sec-summarize -e openai --check
t_check "--check -e anthropic -m" 0 'engine=anthropic model=claude-x' \
    env ANTHROPIC_API_KEY=sk-x sec-summarize --check -e anthropic -m claude-x
t_check "--check SEC_SUMMARIZE_ENGINE and _MODEL" 0 \
    'engine=openai model=qwen3:8b' env SEC_SUMMARIZE_ENGINE=openai \
    SEC_SUMMARIZE_MODEL=qwen3:8b sec-summarize --check --base-url "$NOSRV"
t_check "--check, a local server without a key" 0 \
    'engine=openai model=qwen3:8b' sec-summarize --check -e openai \
    --base-url "$NOSRV" -m qwen3:8b
t_check "--check -e openai, no key" 2 '' sec-summarize --check -e openai
t_grep "--check -e openai, no key: names the variable" 'OPENAI_API_KEY' \
    "$T/err"
t_check "--check -e anthropic, no key" 2 '' sec-summarize --check \
    -e anthropic
t_check "--check, an unknown engine" 2 '' env SEC_SUMMARIZE_ENGINE=gemini \
    sec-summarize --check
for u in 'http://exa mple/v1' 'https:///v1' 'ftp://127.0.0.1/v1' \
    'http://' '127.0.0.1:11434/v1'; do
	t_check "--check --base-url '$u'" 2 '' sec-summarize --check -e openai --base-url "$u"
done
t_run sec-summarize --check -e openai --base-url 'ftp://user:hunter2@h/v1'
t_nogrep "--check: a bad URL is shown without its password" hunter2 "$T/err"
t_check "--check -m ''" 2 '' sec-summarize --check -e openai --base-url "$NOSRV" -m ''
t_check "--check -m 'a b'" 2 '' sec-summarize --check -e openai --base-url "$NOSRV" \
    -m 'a b'
printf 'sk-x\n' >"$T/key"
chmod 644 "$T/key"
t_check "--check, a key file others can read" 2 '' \
    env OPENAI_API_KEY_FILE="$T/key" sec-summarize --check -e openai
t_check "--check with a file operand" 2 '' sec-summarize --check \
    "$D/en-vuln.json"
t_check "--check reads no input (stdin /dev/zero)" 0 \
    'engine=extractive model=none' sec-summarize --check -L 10
t_check "--check, no prompt file" 2 '' sec-summarize --check -e openai \
    --base-url "$NOSRV" --prompt "$T/nonexistent"

# --- a configuration error stops a run before it reads input ------------
for a in "-u https:///v1" "-u 'http://exa mple/v1'" "-m ''" "-m 'a b'"; do
	eval "set -- $a"
	sec-summarize -e openai --base-url "$NOSRV" "$@" "$D/en-vuln.json" \
	    >"$T/out" 2>"$T/err" </dev/null
	t_eq "run with $a: exit 2" 2 $?
	t_empty "run with $a: no record written" "$T/out"
done

# --- the engine when no -e chooses it ------------------------------------
t_check "OPENAI_API_KEY alone: openai" 0 'engine=openai model=gpt-4o-mini' \
    env OPENAI_API_KEY=sk-x sec-summarize --check
t_check "ANTHROPIC_API_KEY alone: anthropic" 0 \
    'engine=anthropic model=claude-haiku-4-5' \
    env ANTHROPIC_API_KEY=sk-x sec-summarize --check
t_check "ANTHROPIC_AUTH_TOKEN alone: anthropic" 0 \
    'engine=anthropic model=claude-haiku-4-5' \
    env ANTHROPIC_AUTH_TOKEN=t sec-summarize --check
t_check "both keys: an error" 2 '' env OPENAI_API_KEY=sk-x \
    ANTHROPIC_API_KEY=sk-y sec-summarize --check
t_grep "both keys: asks for -e" 'choose the engine with -e' "$T/err"
t_check "both keys, -m claude-*: anthropic" 0 \
    'engine=anthropic model=claude-sonnet-4-5' env OPENAI_API_KEY=sk-x \
    ANTHROPIC_API_KEY=sk-y sec-summarize --check -m claude-sonnet-4-5
t_check "both keys, -m gpt-*: openai" 0 'engine=openai model=gpt-4.1' \
    env OPENAI_API_KEY=sk-x ANTHROPIC_API_KEY=sk-y sec-summarize --check \
    -m gpt-4.1
t_check "-m o3-mini: openai" 0 'engine=openai model=o3-mini' \
    env OPENAI_API_KEY=sk-x sec-summarize --check -m o3-mini
t_check "-m claude-* without a key: the key is missing" 2 '' \
    sec-summarize --check -m claude-haiku-4-5
t_grep "-m claude-* without a key: names the variable" ANTHROPIC_API_KEY \
    "$T/err"
t_check "-m of no known family, one key: that key's engine" 0 \
    'engine=openai model=qwen3:8b' env OPENAI_API_KEY=sk-x \
    OPENAI_BASE_URL="$NOSRV" sec-summarize --check -m qwen3:8b
t_check "-m of no known family, no key: an error" 2 '' \
    sec-summarize --check -m qwen3:8b
t_grep "-m of no known family, no key: asks for -e" 'choose one with -e' \
    "$T/err"
t_check "SEC_SUMMARIZE_MODEL of no known family, no key: an error" 2 '' \
    env SEC_SUMMARIZE_MODEL=qwen3:8b sec-summarize --check
t_check "-u without an engine or a key: an error" 2 '' \
    sec-summarize --check --base-url "$NOSRV"
t_check "-e extractive -m: an error" 2 '' sec-summarize --check \
    -e extractive -m gpt-4o-mini
t_check "-e extractive with a key in the environment: extractive" 0 \
    'engine=extractive model=none' env OPENAI_API_KEY=sk-x sec-summarize \
    --check -e extractive
t_check "SEC_SUMMARIZE_ENGINE=extractive with a key: extractive" 0 \
    'engine=extractive model=none' env OPENAI_API_KEY=sk-x \
    SEC_SUMMARIZE_ENGINE=extractive sec-summarize --check
# the same in a run: never the extractive engine in place of an API
for a in "-m qwen3:8b" "--base-url $NOSRV" "-e extractive -m gpt-4o-mini" \
    "-e extractive --base-url $NOSRV"; do
	# shellcheck disable=SC2086
	sec-summarize $a "$D/en-vuln.json" >"$T/out" 2>"$T/err" </dev/null
	t_eq "run with $a and no key: exit 2" 2 $?
	t_empty "run with $a and no key: no record written" "$T/out"
	t_grep "run with $a and no key: asks for -e" '\-e openai or -e anthropic' \
	    "$T/err"
done
# a run says which engine it chose, before it starts
env OPENAI_API_KEY=sk-x sec-summarize -m gpt-4o-mini --base-url "$NOSRV" \
    --retries 0 --no-cache "$D/en-vuln.json" >"$T/out" 2>"$T/err"
t_eq "OPENAI_API_KEY and -m gpt-*: not the extractive engine (exit 1 here)" \
    1 $?
t_grep "OPENAI_API_KEY and -m gpt-*: says engine and model" \
    'engine openai, model gpt-4o-mini (the engine chosen by the model name' \
    "$T/err"
t_grep "OPENAI_API_KEY and -m gpt-*: the summary names them" \
    '^sec-summarize: engine openai, model gpt-4o-mini: 0 digests' "$T/err"
