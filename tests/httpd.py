#!/usr/bin/env python3
"""httpd.py: a test HTTP server for sec-tools (standard library only).

Usage: python3 tests/httpd.py [DOCROOT]

Listens on 127.0.0.1, on a free port, and prints that port as the first
line of its output (see start_server in tests/lib.sh).  HTTP/1.1 with
keep-alive.  Every answer is driven by the path and the query string, so
one server serves every case of a test script:

Paths
  /f/NAME          the file DOCROOT/NAME (Content-Type from the extension:
                   .xml application/rss+xml, .atom application/atom+xml,
                   .rdf application/rdf+xml, .html text/html, else
                   text/plain)
  /page/N          a small generated HTML page "Page N" (any N)
  /feed?items=N    a generated RSS 2.0 feed of N items whose links are
                   /page/1 .. /page/N on this server (&delay= etc. are
                   passed on to the links with &pass=1)
  /feed?versioned=1  the same feed in a new version V on every request:
                   channel title "Version V", every description
                   "version V", ETag "vV" (one counter per path and
                   query); with &cond=1 a request whose If-None-Match is
                   the latest tag sent gets a 304 and no new version
  /log             the requests so far, one JSON object per line:
                   {"path", "if_none_match", "if_modified_since",
                   "user_agent", "accept_encoding", "authorization",
                   "start", "end"}
  /stats           {"requests": N, "max_concurrent": N}
  /reset           forget the log, the counters and the stats

Query parameters (any path, combine freely)
  delay=MS         wait MS milliseconds before answering
  status=N         answer with status N and a short body
  fail=K           the first K requests for this path+query answer with
                   status= (default 503); later ones are served normally
  retry_after=S    add "Retry-After: S" (a number or an HTTP date)
  etag=TAG         send ETag "TAG" and a fixed Last-Modified; answer 304
                   to a matching If-None-Match or If-Modified-Since
  gzip=1           compress the body (Content-Encoding: gzip) when the
                   client accepts it
  redirect=N       a chain: 302 to the same URL with redirect=N-1, the
                   last one serves the body
  loop=1           302 to the very same URL, for ever
  location=URL     302 to URL (file:///etc/passwd, http://10.0.0.1/ ...)
  size=N           a body of N bytes (an HTML page padded with text)
  truncate=N       announce the whole length but send only N bytes, then
                   close the connection
  type=CT          the Content-Type to send instead (e.g. image/png);
                   empty: no Content-Type at all
  charset=CS       append "; charset=CS" to the Content-Type
  encode=CS        re-encode the (UTF-8) body to CS before sending
  drip=MS          send the body one byte every MS milliseconds
  hang=1           send the headers (no Content-Length) and the first
                   bytes of the body, then never send more nor close
  stream=N         a generated RSS feed of N bytes (no Content-Length,
                   the connection closes at the end), made as it is sent:
                   N may be far larger than memory

Environment
  HTTPD_ADDR       the address to listen on (default 127.0.0.1)
"""
import gzip
import json
import os
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DOCROOT = sys.argv[1] if len(sys.argv) > 1 else "."
LOCK = threading.Lock()
STATE = {"log": [], "counts": {}, "active": 0, "max": 0, "requests": 0,
         "versions": {}}
LASTMOD = "Mon, 24 Nov 2025 10:00:00 GMT"
TYPES = {".xml": "application/rss+xml", ".atom": "application/atom+xml",
         ".rdf": "application/rdf+xml", ".html": "text/html",
         ".htm": "text/html", ".opml": "text/x-opml"}


def page(n, pad=0):
    body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            "<title>Page %s</title></head><body><h1>Page %s</h1>"
            "<p>Text of page %s.</p>" % (n, n, n))
    if pad > len(body) + 14:
        body += "x" * (pad - len(body) - 14)
    return (body + "</body></html>").encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # headers and body go out in two writes: without this, Nagle and the
    # client's delayed ACK add 40 ms to every answer
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):
        sys.stderr.write("httpd: " + (fmt % args) + "\n")

    def send(self, status, body, ctype="text/plain", headers=()):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        with LOCK:
            STATE["active"] += 1
            STATE["requests"] += 1
            STATE["max"] = max(STATE["max"], STATE["active"])
        start = time.time()
        try:
            self.handle_get()
        finally:
            with LOCK:
                STATE["active"] -= 1
                STATE["log"].append({
                    "path": self.path,
                    "if_none_match": self.headers.get("If-None-Match"),
                    "if_modified_since":
                        self.headers.get("If-Modified-Since"),
                    "user_agent": self.headers.get("User-Agent"),
                    "accept_encoding": self.headers.get("Accept-Encoding"),
                    "authorization": self.headers.get("Authorization"),
                    "start": start, "end": time.time()})

    def handle_get(self):
        u = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(u.query, keep_blank_values=True))
        path = u.path
        if path == "/log":
            with LOCK:
                body = "".join(json.dumps(e) + "\n" for e in STATE["log"])
            return self.send(200, body.encode(), "application/x-ndjson")
        if path == "/stats":
            with LOCK:
                body = json.dumps({"requests": STATE["requests"],
                                   "max_concurrent": STATE["max"]})
            return self.send(200, body.encode(), "application/json")
        if path == "/reset":
            with LOCK:
                STATE.update(log=[], counts={}, active=1, max=1,
                             requests=0, versions={})
            return self.send(200, b"ok\n")
        if "delay" in q:
            time.sleep(int(q["delay"]) / 1000.0)
        if "fail" in q:
            key = self.path
            with LOCK:
                n = STATE["counts"].get(key, 0)
                STATE["counts"][key] = n + 1
            if n < int(q["fail"]):
                hdrs = []
                if "retry_after" in q:
                    hdrs.append(("Retry-After", q["retry_after"]))
                return self.send(int(q.get("status", "503")),
                                 b"try again\n", headers=hdrs)
        elif "status" in q:
            hdrs = []
            if "retry_after" in q:
                hdrs.append(("Retry-After", q["retry_after"]))
            return self.send(int(q["status"]), b"status %s\n" %
                             q["status"].encode(), headers=hdrs)
        if "loop" in q:
            return self.send(302, b"", headers=[("Location", self.path)])
        if "location" in q:
            return self.send(302, b"", headers=[("Location",
                                                 q["location"])])
        if "redirect" in q and int(q["redirect"]) > 0:
            q2 = dict(q)
            q2["redirect"] = str(int(q["redirect"]) - 1)
            loc = path + "?" + urllib.parse.urlencode(q2)
            return self.send(302, b"", headers=[("Location", loc)])
        ctype = "text/plain"
        if path.startswith("/f/"):
            name = os.path.normpath(urllib.parse.unquote(path[3:]))
            if name.startswith("..") or os.path.isabs(name):
                return self.send(403, b"forbidden\n")
            try:
                with open(os.path.join(DOCROOT, name), "rb") as f:
                    body = f.read()
            except OSError:
                return self.send(404, b"not found\n")
            ctype = TYPES.get(os.path.splitext(name)[1], "text/plain")
        elif path.startswith("/page/"):
            body = page(path[6:], int(q.get("size", "0")))
            ctype = "text/html"
        elif path == "/feed":
            n = int(q.get("items", "10"))
            host = self.headers.get("Host", "127.0.0.1")
            extra = ""
            if q.get("pass"):
                extra = "?" + urllib.parse.urlencode(
                    {k: v for k, v in q.items()
                     if k in ("delay", "status", "size")})
            title, desc = "Generated", ""
            if q.get("versioned"):
                with LOCK:
                    v = STATE["versions"].get(self.path, 0)
                    tag = '"v%d"' % v
                    if (v == 0 or not q.get("cond") or
                            self.headers.get("If-None-Match") != tag):
                        v += 1
                        STATE["versions"][self.path] = v
                        tag = None
                if tag is not None:
                    return self.send(304, b"", headers=[("ETag", tag)])
                title = "Version %d" % v
                desc = "<description>version %d</description>" % v
            items = "".join(
                "<item><title>Item %d</title>"
                "<link>http://%s/page/%d%s</link>%s"
                "<pubDate>Mon, 24 Nov 2025 %02d:%02d:00 GMT</pubDate>"
                "</item>" % (i, host, i, extra.replace("&", "&amp;"),
                              desc, (i // 60) % 24, i % 60)
                for i in range(1, n + 1))
            body = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                    "<title>%s</title>%s</channel></rss>"
                    % (title, items)).encode()
            ctype = "application/rss+xml"
            if q.get("versioned"):
                return self.send(200, body, ctype,
                                 [("ETag", '"v%d"' % v)])
        else:
            return self.send(404, b"not found\n")
        if "stream" in q:
            return self.stream(int(q["stream"]))
        if "size" in q and not path.startswith("/page/"):
            body = page("sized", int(q["size"]))
            ctype = "text/html"
        if "encode" in q:
            body = body.decode("utf-8").encode(q["encode"], "replace")
        if "type" in q:
            ctype = q["type"]
        if "charset" in q:
            ctype += "; charset=" + q["charset"]
        hdrs = []
        if "etag" in q:
            tag = '"%s"' % q["etag"]
            hdrs += [("ETag", tag), ("Last-Modified", LASTMOD)]
            inm = self.headers.get("If-None-Match")
            ims = self.headers.get("If-Modified-Since")
            if inm == tag or (inm is None and ims == LASTMOD):
                self.send_response(304)
                for k, v in hdrs:
                    self.send_header(k, v)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        if q.get("gzip") and "gzip" in self.headers.get("Accept-Encoding",
                                                          ""):
            body = gzip.compress(body)
            hdrs.append(("Content-Encoding", "gzip"))
        if "drip" in q or "hang" in q:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            for k, v in hdrs:
                self.send_header(k, v)
            if "drip" in q:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.flush()
            if "hang" in q:
                self.wfile.write(body[:len(body) // 2])
                self.wfile.flush()
                time.sleep(3600)
            for i in range(len(body)):
                self.wfile.write(body[i:i + 1])
                self.wfile.flush()
                time.sleep(int(q["drip"]) / 1000.0)
            return
        if "truncate" in q:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            for k, v in hdrs:
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body[:int(q["truncate"])])
            self.wfile.flush()
            self.close_connection = True
            return
        self.send(200, body, ctype, hdrs)


    def stream(self, n):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        head = (b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                b"<title>Stream</title>")
        item = (b"<item><title>Item</title><link>http://example.com/s"
                b"</link><description>" + b"x" * 65000 +
                b"</description></item>")
        try:
            self.wfile.write(head[:n])
            sent = len(head)
            while sent < n:
                chunk = item[:n - sent]
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass


def main():
    srv = ThreadingHTTPServer((os.environ.get("HTTPD_ADDR", "127.0.0.1"),
                               0), Handler)
    srv.daemon_threads = True
    print(srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
