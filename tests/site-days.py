#!/usr/bin/env python3
"""site-days.py DIR DAYS IOCS [ARTICLES]: write DAYS day files
(YYYYMMDD.ndjson, as sec-daily does) into DIR for the sec-site tests and
bench, ARTICLES summarised articles a day (default 3) with about IOCS
indicators in all.  Day 1 has a hostile title; every value is made
here, nothing is taken from a real report."""
import datetime
import json
import os
import sys

out, ndays, niocs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
nart = int(sys.argv[4]) if len(sys.argv) > 4 else 3
os.makedirs(out, exist_ok=True)
start = datetime.date(2026, 1, 5)
per_day = max(1, niocs // ndays)
types = ["incident", "malware_campaign", "active_exploitation",
         "vulnerability_advisory"]
n = 0
for d in range(ndays):
    day = start + datetime.timedelta(days=d)
    recs = []
    for a in range(nart):
        k = d * nart + a
        title = "Loader campaign %d hits vendor %d" % (k, k % 17)
        if d == 0 and a == 0:
            title = "<script>alert('x')</script> & \"quoted\" title"
        iocs = []
        for i in range(per_day // nart + (1 if a < per_day % nart else 0)):
            n += 1
            host = "c2-%d.bad-%d.example.net" % (n, n % 13)
            iocs.append({"type": "domain", "value": host,
                         "category": "c2" if n % 2 else "phishing-site",
                         "context": "C2サーバ %d" % n})
        if a == 1:
            iocs.append({"type": "ipv4", "value": "45.%d.%d.%d" %
                         (d % 200 + 1, a, k % 250 + 1), "category": "srcip"})
        rec = {"section": "news",
               "url": "https://news.example/%s/%d" % (day.isoformat(), a),
               "title": title,
               "iocs": [{"type": "cve", "value": "CVE-2026-%04d" % (k % 97)}],
               "digest": {
                   "title": title if d == 0 and a == 0 else
                   "ローダー攻撃 %d" % k,
                   "summary": ["要約の一行目 %d" % k, "二行目"],
                   "iocs": iocs,
                   "recommendations": ["更新を適用する"],
                   "other": ["悪用を確認"],
                   "primary_sources": ["https://vendor.example/r/%d" % k],
                   "action": "影響を確認することを推奨",
                   "actor": [{"name": "Storm-%d" % (k % 5)}],
                   "malware": ["Loader%d" % (k % 4)],
                   "event_type": types[k % len(types)],
                   "tags": [{"dimension": "attack_method",
                             "value": "credential_theft"}],
                   "followup": "yes" if k % 3 == 0 else "no",
                   "needs_review": k % 7 == 0,
                   "engine": "test-model", "lang": "ja"}}
        recs.append(rec)
    recs.append({"section": "jp_incidents", "title": "国内の事案 %d" % d,
                 "url": "https://jp.example/%d" % d})
    with open(os.path.join(out, day.strftime("%Y%m%d") + ".ndjson"), "w",
              encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
