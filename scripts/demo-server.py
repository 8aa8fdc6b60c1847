#!/usr/bin/env python3
"""demo-server.py: an offline HTTP proxy that answers from files.

usage: demo-server.py [-Pv] [-p PORT] DIR

Serves the sample web of the offline demo (data/demo) to sec-fetch with no
network at all.  Run the tools with http_proxy=http://127.0.0.1:PORT and
every request for http://HOST/PATH is answered from DIR/HOST/PATH:

  - a PATH ending in "/" is the index.* file of that directory
    (index.html first);
  - a file that does not exist, or a name that leaves DIR, is a 404;
  - the content type follows the file name (.html, .xml, .rss, .atom, .rdf,
    .json, .txt); HTML is sent as UTF-8, feeds without a charset so that
    the XML declaration decides (the Shift_JIS feed relies on it);
  - CONNECT (https through the proxy) is refused with 501: the demo is
    plain http on invented hosts.

Requests in origin form ("GET /path" with a Host header) work as well, so
the server can also be used directly.  It listens on 127.0.0.1 only, prints
the port on its first line of output (port 0, the default, picks a free
one) and runs until it is killed, or, with -P (--exit-with-parent), until
the process that started it is gone (even killed with SIGKILL: its
parent's pid changes).  Python standard library only.
"""
import argparse
import http.server
import os
import signal
import sys
import threading
import time
import urllib.parse

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".rdf": "application/rdf+xml",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
}


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "sec-demo-server/1.0"
    protocol_version = "HTTP/1.1"
    root = "."
    verbose = False

    def log_message(self, fmt, *args):
        if self.verbose:
            sys.stderr.write("demo-server: %s\n" % (fmt % args))

    def locate(self):
        """The file for this request, or None."""
        target = self.path
        if target.startswith(("http://", "https://")):
            u = urllib.parse.urlsplit(target)
            host, path = u.hostname or "", u.path or "/"
        else:
            host = (self.headers.get("Host") or "").split(":")[0]
            path = urllib.parse.urlsplit(target).path or "/"
        host = host.lower().rstrip(".")
        if not host or "/" in host or host.startswith("."):
            return None
        path = urllib.parse.unquote(path)
        base = os.path.realpath(os.path.join(self.root, host))
        full = os.path.realpath(os.path.join(base, path.lstrip("/")))
        if full != base and not full.startswith(base + os.sep):
            return None
        if os.path.isdir(full):
            if not path.endswith("/"):
                return ("redirect", target + "/")
            names = sorted(n for n in os.listdir(full)
                           if n.startswith("index."))
            names.sort(key=lambda n: n != "index.html")
            if not names:
                return None
            full = os.path.join(full, names[0])
        if not os.path.isfile(full):
            return None
        return ("file", full)

    def answer(self, body_wanted):
        found = self.locate()
        if found is None:
            body = (b"<!DOCTYPE html><html><head><title>404 Not Found"
                    b"</title></head><body><h1>Not Found</h1><p>The page "
                    b"you requested does not exist.</p></body></html>\n")
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        elif found[0] == "redirect":
            body = b""
            self.send_response(301)
            self.send_header("Location", found[1])
        else:
            with open(found[1], "rb") as f:
                body = f.read()
            ext = os.path.splitext(found[1])[1].lower()
            self.send_response(200)
            self.send_header("Content-Type",
                             TYPES.get(ext, "application/octet-stream"))
            self.send_header("Last-Modified",
                             "Mon, 24 Nov 2026 23:00:00 GMT")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body_wanted:
            self.wfile.write(body)

    def do_GET(self):
        self.answer(True)

    def do_HEAD(self):
        self.answer(False)

    def do_CONNECT(self):
        self.send_response(501, "CONNECT not supported by the demo proxy")
        self.send_header("Content-Length", "0")
        self.end_headers()
        self.close_connection = True


def watch_parent(srv):
    """Stop serving once the parent process has gone (the process is
    reparented, so its parent pid changes)."""
    parent = os.getppid()

    def poll():
        while os.getppid() == parent:
            time.sleep(0.2)
        srv.shutdown()

    threading.Thread(target=poll, daemon=True).start()


def main():
    ap = argparse.ArgumentParser(
        description="Offline HTTP proxy answering from DIR/HOST/PATH.")
    ap.add_argument("-p", "--port", type=int, default=0)
    ap.add_argument("-P", "--exit-with-parent", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("dir")
    a = ap.parse_args()
    if not os.path.isdir(a.dir):
        sys.stderr.write("demo-server: %s: not a directory\n" % a.dir)
        return 2
    Handler.root = os.path.realpath(a.dir)
    Handler.verbose = a.verbose
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    srv.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if a.exit_with_parent:
        watch_parent(srv)
    print(srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
