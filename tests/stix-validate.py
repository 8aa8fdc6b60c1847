#!/usr/bin/python3
"""stix-validate.py SCHEMAS BUNDLE...: check STIX 2.1 bundles against the
official JSON schemas (the directory with common/, sdos/, sros/,
observables/), with Debian's python3-jsonschema.

Every object of a bundle is also checked against the schema of its own
type, so an error names the object.  Exit 0 when all are valid, 1 when
any is not, 77 when jsonschema is not installed (the test says skipped).
"""
import json
import os
import re
import sys

try:
    import jsonschema
except ImportError:
    print("jsonschema is not installed", file=sys.stderr)
    sys.exit(77)

BASE = ("http://raw.githubusercontent.com/oasis-open/"
        "cti-stix2-json-schemas/stix2.1/schemas/")


def load(root):
    store = {}
    for sub in ("common", "sdos", "sros", "observables"):
        d = os.path.join(root, sub)
        for name in sorted(os.listdir(d)):
            if name.endswith(".json"):
                with open(os.path.join(d, name), encoding="utf-8") as f:
                    s = json.load(f)
                store[s.get("$id", BASE + sub + "/" + name)] = s
    return store


# The comparison expressions sec-tools writes (STIX 2.1 section 9): one
# object path, "=", a string literal with \' and \\ escaped.
PATTERN = re.compile(
    r"^\[(ipv4-addr:value|ipv6-addr:value|domain-name:value|url:value|"
    r"email-addr:value|file:hashes\.MD5|file:hashes\.'SHA-1'|"
    r"file:hashes\.'SHA-256'|file:hashes\.'SHA-512') = "
    r"'((?:[^'\\]|\\['\\])*)'\]$")


def check_pattern(o):
    """The indicator's pattern parses, and its literal is its name."""
    m = PATTERN.match(o.get("pattern", ""))
    if not m:
        return "pattern %r does not parse" % o.get("pattern")
    lit = re.sub(r"\\(.)", r"\1", m.group(2))
    if lit != o.get("name"):
        return "pattern value %r is not the indicator's %r" % (
            lit, o.get("name"))
    return None


def main():
    root, files = sys.argv[1], sys.argv[2:]
    store = load(root)
    cls = jsonschema.Draft202012Validator
    resolver = jsonschema.RefResolver(BASE, None, store=store)
    bundle = cls(store[BASE + "common/bundle.json"], resolver=resolver)
    by_type = {}
    for sid, s in store.items():
        t = s.get("title")
        if t:
            by_type[t] = s
    bad = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for e in bundle.iter_errors(doc):
            print("%s: bundle: %s" % (path, e.message[:300]))
            bad += 1
        for i, o in enumerate(doc.get("objects", [])):
            s = by_type.get(o.get("type"))
            if s is None:
                print("%s: objects[%d]: no schema for type %r" %
                      (path, i, o.get("type")))
                bad += 1
                continue
            v = cls(s, resolver=jsonschema.RefResolver(
                s.get("$id", BASE), s, store=store))
            if o.get("type") == "indicator":
                why = check_pattern(o)
                if why:
                    print("%s: objects[%d] %s: %s" % (path, i, o["id"], why))
                    bad += 1
            for e in v.iter_errors(o):
                print("%s: objects[%d] %s: %s" %
                      (path, i, o.get("id"), e.message[:300]))
                bad += 1
    sys.exit(1 if bad else 0)


main()
