# cti.sh: the exports for CTI platforms.  A STIX 2.1 bundle of a day
# (sec-render -f stix) and of the archive (sec-archive export -F stix),
# valid against the official schemas when ../shared has them, with
# patterns that parse and deterministic ids; a MISP feed directory whose
# manifest and hashes.csv match its events.
. tests/lib.sh

R=$SRCDIR/tests/data/render
SCHEMAS=$SRCDIR/../shared/corpus/stix2/schemas
export XDG_DATA_HOME="$T/data"

validate() {	# validate NAME BUNDLE: the schemas and our pattern check
	if [ ! -d "$SCHEMAS" ]; then
		ok "$1: schema check skipped (no ../shared/corpus/stix2)"
		return
	fi
	/usr/bin/python3 "$SRCDIR/tests/stix-validate.py" "$SCHEMAS" "$2" \
	    >"$T/valid" 2>&1
	case $? in
	0) ok "$1: valid against the STIX 2.1 schemas" ;;
	77) ok "$1: schema check skipped (python3-jsonschema is missing)" ;;
	*) notok "$1: valid against the STIX 2.1 schemas"
	   head -n 20 "$T/valid" | sed 's/^/# /' ;;
	esac
}
jq_py() {	# jq_py NAME EXPR FILE: a Python expression over the JSON
	if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$3"; then
		ok "$1"
	else
		notok "$1"
		echo "# $2"
	fi
}

t_run sec-render -f stix -d 2026-11-25 --tlp amber "$R/day2026.ndjson"
t_rc "stix: rc 0" 0
cp "$T/out" "$T/b1.json"
validate "stix of the 2026 day" "$T/b1.json"
jq_py "stix: a report per article with something to share" \
    'len([o for o in d["objects"] if o["type"] == "report"]) >= 2' "$T/b1.json"
jq_py "stix: indicators with patterns" \
    'all(o["pattern"].startswith("[") for o in d["objects"] if o["type"] == "indicator") and any(o["type"] == "indicator" for o in d["objects"])' "$T/b1.json"
jq_py "stix: the card's actor and malware, related" \
    'any(o["type"] == "threat-actor" for o in d["objects"]) and any(o["type"] == "malware" for o in d["objects"]) and any(o.get("relationship_type") == "indicates" for o in d["objects"])' "$T/b1.json"
jq_py "stix: CVEs as vulnerabilities" \
    'any(o["type"] == "vulnerability" and o["name"].startswith("CVE-") for o in d["objects"])' "$T/b1.json"
jq_py "stix: every object marked TLP:AMBER" \
    'all("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82" in o.get("object_marking_refs", []) for o in d["objects"] if o["type"] not in ("marking-definition", "identity"))' "$T/b1.json"
jq_py "stix: no documentation address, nothing the card set aside" \
    'not any("198.51.100." in o.get("pattern", "") or "203.0.113." in o.get("pattern", "") for o in d["objects"])' "$T/b1.json"
sec-render -f stix -d 2026-11-25 --tlp amber "$R/day2026.ndjson" >"$T/b2.json"
t_same "stix: the same records, the same bundle (ids included)" \
    "$T/b1.json" "$T/b2.json"
sec-render -f stix -d 2026-11-25 "$R/day.ndjson" >"$T/b3.json"
validate "stix of the seed-like day" "$T/b3.json"
t_run sec-render -f stix --tlp purple "$R/day.ndjson"
t_rc "stix: an unknown TLP level: rc 2" 2

# the archive's bundle of a day is sec-render's of the same records
cp "$R/day2026.ndjson" "$T/20261125.ndjson"
sec-archive -f "$T/a.db" add "$T/20261125.ndjson" 2>/dev/null
t_run sec-archive -f "$T/a.db" export -F stix --tlp amber -s 2026-11-25 \
    -u 2026-11-25
t_rc "archive stix: rc 0" 0
t_same "archive stix of a day = sec-render's" "$T/b1.json" "$T/out"
t_run sec-archive -f "$T/a.db" export -F stix -o "$T/all.json"
t_rc "archive stix -o: rc 0" 0
validate "archive stix" "$T/all.json"

# a MISP feed: the event, the manifest, hashes.csv
t_run sec-render -f misp-feed -d 2026-11-25 "$R/day2026.ndjson"
t_rc "misp-feed without -o: rc 2" 2
t_run sec-render -f misp-feed -o "$T/feed" -d 2026-11-25 --tlp green \
    "$R/day2026.ndjson"
t_rc "misp-feed: rc 0" 0
sec-render -f misp-feed -o "$T/feed" -d 2026-11-26 "$R/day.ndjson"
sec-render -f misp-feed -o "$T/feed" -d 2026-11-25 --tlp green \
    "$R/day2026.ndjson"
python3 - "$T/feed" >"$T/misp" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
man = json.load(open(os.path.join(d, "manifest.json")))
events = [f for f in os.listdir(d) if f.endswith(".json") and f != "manifest.json"]
print("events", len(events), "manifest", len(man))
hashes = sorted(l.strip() for l in open(os.path.join(d, "hashes.csv")) if l.strip())
want = []
for f in events:
    e = json.load(open(os.path.join(d, f)))["Event"]
    u = e["uuid"]
    assert f == u + ".json", f
    m = man[u]
    assert m["info"] == e["info"] and m["date"] == e["date"], u
    assert m["timestamp"] == e["timestamp"], u
    for a in e["Attribute"]:
        want.append(hashlib.md5(a["value"].encode()).hexdigest() + "," + u)
        if a["type"] in ("link", "vulnerability"):
            assert a["to_ids"] is False, a
        else:
            assert a["to_ids"] is True, a
print("hashes", "match" if sorted(want) == hashes else "differ", len(hashes))
tags = [t["name"] for f in events for t in json.load(open(os.path.join(d, f)))["Event"]["Tag"]]
print("tags", " ".join(sorted(tags)))
PY
t_grep "misp: two days, two events, both in the manifest" "^events 2 manifest 2$" "$T/misp"
t_grep "misp: hashes.csv is the md5 of each attribute, once (a day written twice)" "^hashes match " "$T/misp"
t_grep "misp: the TLP tag" "^tags tlp:green$" "$T/misp"
t_run sec-archive -f "$T/a.db" export -F misp-feed --tlp green -o "$T/feed2"
t_rc "archive misp-feed: rc 0" 0
ev=
for f in "$T"/feed2/*-*.json; do ev=${f##*/}; done
t_same "archive misp-feed: the day's event is sec-render's" \
    "$T/feed/$ev" "$T/feed2/$ev"
t_run sec-archive -f "$T/a.db" export -F misp-feed
t_rc "archive misp-feed without -o: rc 2" 2
