#!/usr/bin/env python3
"""The hostile-client suite: one case per way found to hang kgraph, exhaust its memory or act
for a web page the user merely visited, each sent to a real `kgraph serve` on loopback.

For each case it checks that the server answers within a second with a clear error and its code
(or, for slow clients, closes them at its timeout), and measures meanwhile the server's resident
memory (sampled every 50 ms; the case's growth is its peak less its start) and the latency of a
probe query sent every 100 ms (a query the cache has not seen, so it runs). It prints a table and
exits non-zero when a case fails: an answer without the expected code, later than its bound, an
RSS growth of 200 MB or more, or a probe p99 of 50 ms or more.

    python3 reliability/hostile.py [--binary target/release/kgraph] [--short]

`--short` (what `.ci/run` runs) sends fewer slow connections and cache-filling queries. Python's
standard library only; touches nothing but 127.0.0.1 and a temporary data directory.
"""

import argparse
import base64
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKEN = "hostile-s3cret"
MB = 1 << 20


# --- the server ------------------------------------------------------------------------------

class Server:
    def __init__(self, binary, extra):
        self.data = tempfile.mkdtemp(prefix="kgraph-hostile-")
        port = free_port()
        self.addr = ("127.0.0.1", port)
        self.proc = subprocess.Popen(
            [binary, "serve", "--addr", f"127.0.0.1:{port}", "--data", self.data,
             "--token", TOKEN] + extra,
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env={**os.environ, "RUST_LOG": "error"})
        line = self.proc.stdout.readline().decode()
        if "serving" not in line:
            raise SystemExit(f"kgraph did not start: {line!r}")

    def rss(self):
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.data, ignore_errors=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# --- HTTP, by hand (the cases need control of every byte) -------------------------------------

def http(addr, method, path, body=b"", headers=None, timeout=10):
    """One request on a new connection: (status, headers, body bytes)."""
    headers = dict(headers or {})
    headers.setdefault("Host", f"{addr[0]}:{addr[1]}")
    headers.setdefault("Connection", "close")
    if body or method == "POST":
        headers.setdefault("Content-Length", str(len(body)))
    head = f"{method} {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    with socket.create_connection(addr, timeout=timeout) as s:
        s.sendall(head.encode() + b"\r\n" + body)
        chunks = []
        while True:
            b = s.recv(65536)
            if not b:
                break
            chunks.append(b)
    raw = b"".join(chunks)
    head, _, rest = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and len(lines[0].split()) > 1 else 0
    hdrs = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        hdrs[k.strip().lower()] = v.strip()
    if hdrs.get("transfer-encoding") == "chunked":
        rest = dechunk(rest)
    return status, hdrs, rest


def dechunk(data):
    out, i = bytearray(), 0
    while True:
        j = data.find(b"\r\n", i)
        if j < 0:
            return bytes(out)
        size = int(data[i:j].split(b";")[0] or b"0", 16)
        if size == 0:
            return bytes(out)
        out += data[j + 2:j + 2 + size]
        i = j + 2 + size + 2


def graphql(addr, query, variables=None, headers=None, content_type="application/json", raw=None):
    body = raw if raw is not None else json.dumps({"query": query, "variables": variables or {}}).encode()
    h = {"Content-Type": content_type, "Accept": "application/json"}
    h.update(headers or {})
    status, hdrs, data = http(addr, "POST", "/graphql", body, h, timeout=30)
    try:
        return status, json.loads(data)
    except ValueError:
        return status, {"raw": data[:200].decode("utf-8", "replace")}


def code_of(body):
    try:
        return body["errors"][0]["extensions"]["code"]
    except (KeyError, IndexError, TypeError):
        return None


# --- a WebSocket client, by hand --------------------------------------------------------------

class Ws:
    def __init__(self, addr, origin=None, protocol="graphql-transport-ws"):
        self.sock = socket.create_connection(addr, timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [f"GET /graphql/ws HTTP/1.1", f"Host: {addr[0]}:{addr[1]}", "Upgrade: websocket",
                 "Connection: Upgrade", f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13",
                 f"Sec-WebSocket-Protocol: {protocol}"]
        if origin:
            lines.append(f"Origin: {origin}")
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            b = self.sock.recv(1)
            if not b:
                break
            head += b
        self.status = int(head.split()[1]) if len(head.split()) > 1 else 0
        self.buf = b""

    def send(self, obj):
        self.send_frame(0x1, json.dumps(obj).encode())

    def send_frame(self, opcode, payload):
        mask = os.urandom(4)
        n = len(payload)
        if n < 126:
            head = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
        elif n < 65536:
            head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload)) if n < 65536 else \
            (int.from_bytes(payload, "big") ^ int.from_bytes((mask * (n // 4 + 1))[:n], "big")).to_bytes(n, "big")
        self.sock.sendall(head + mask + masked)

    def _read(self, n):
        while len(self.buf) < n:
            b = self.sock.recv(65536)
            if not b:
                raise EOFError
            self.buf += b
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def recv(self, timeout=5):
        """The next text message as JSON, ("close", code) for a close frame, None at EOF."""
        self.sock.settimeout(timeout)
        try:
            while True:
                b0, b1 = self._read(2)
                n = b1 & 0x7F
                if n == 126:
                    n = struct.unpack("!H", self._read(2))[0]
                elif n == 127:
                    n = struct.unpack("!Q", self._read(8))[0]
                payload = self._read(n)
                opcode = b0 & 0x0F
                if opcode == 0x9:  # ping: answer, as browsers do
                    self.send_frame(0xA, payload)
                    continue
                if opcode == 0x8:
                    return ("close", struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None)
                if opcode == 0x1:
                    return json.loads(payload)
        except (EOFError, OSError):
            return None

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


# --- measuring -------------------------------------------------------------------------------

class Watch:
    """Samples the server's RSS every 50 ms and runs the probe query every 100 ms."""

    def __init__(self, server):
        self.server = server
        self.samples = []
        self.probes = []
        self.stop = threading.Event()
        self.n = 0
        self.threads = [threading.Thread(target=self.sample, daemon=True),
                        threading.Thread(target=self.probe, daemon=True)]
        for t in self.threads:
            t.start()

    def sample(self):
        while not self.stop.is_set():
            self.samples.append((time.monotonic(), self.server.rss()))
            time.sleep(0.05)

    def probe(self):
        while not self.stop.is_set():
            self.n += 1
            started = time.monotonic()
            try:
                status, body = graphql(self.server.addr, f"{{ stats {{ documents }} }} # probe {self.n}")
                ok = status == 200 and "errors" not in body
            except OSError:
                ok = False
            self.probes.append((started, time.monotonic() - started, ok))
            time.sleep(max(0.0, 0.1 - (time.monotonic() - started)))

    def window(self, t0, t1):
        rss = [r for t, r in self.samples if t0 <= t <= t1]
        start = next((r for t, r in reversed(self.samples) if t <= t0), rss[0] if rss else 0)
        growth = (max(rss) - start) if rss else 0
        lat = sorted(d for t, d, _ in self.probes if t0 <= t <= t1)
        failed = sum(1 for t, _, ok in self.probes if t0 <= t <= t1 and not ok)
        p99 = lat[min(len(lat) - 1, int(round(0.99 * (len(lat) - 1))))] if lat else 0.0
        return growth, p99, len(lat), failed

    def close(self):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=5)


RESULTS = []


def case(item, name, watch, fn):
    t0 = time.monotonic()
    try:
        seconds, code, note, ok = fn()
    except Exception as e:  # a case that breaks is a failed case, with its reason
        seconds, code, note, ok = time.monotonic() - t0, None, f"error: {e!r}", False
    time.sleep(0.3)  # let the sampler and the probe see the aftermath
    growth, p99, probes, failed = watch.window(t0, time.monotonic())
    passed = ok and growth < 200 * MB and p99 < 0.050 and failed == 0
    RESULTS.append((item, name, seconds, code, growth, p99, probes, failed, note, passed))
    mark = "ok  " if passed else "FAIL"
    print(f"{mark} {item:>3} {name}: {seconds * 1000:.0f} ms, {code}, RSS +{growth / MB:.1f} MB, "
          f"probe p99 {p99 * 1000:.1f} ms over {probes}{f', {failed} failed' if failed else ''}; {note}",
          flush=True)


def refused(addr, query, want, variables=None, headers=None, bound=1.0, **kw):
    started = time.monotonic()
    status, body = graphql(addr, query, variables, headers, **kw)
    took = time.monotonic() - started
    got = code_of(body)
    size = len(json.dumps(body))
    msg = (body.get("errors") or [{}])[0].get("message", "")[:90] if isinstance(body, dict) else ""
    return took, got, f"HTTP {status}, {size} B: {msg}", got == want and took < bound


# --- the cases -------------------------------------------------------------------------------

def exponential(levels, fanout, leaf):
    q = f"query {{ ...F{levels} }}\nfragment F0 on Query {{ {leaf} }}\n"
    for i in range(1, levels + 1):
        q += f"fragment F{i} on Query {{ {' '.join([f'...F{i - 1}'] * fanout)} }}\n"
    return q


def run_cases(server, watch, short, binary):
    a = server.addr
    auth = {"Authorization": f"Bearer {TOKEN}"}

    # 1. Exponential fragments, refused before expansion; a busy request stopped at its timeout.
    case(1, "fragments 10^20 (1.9 KB)", watch,
         lambda: refused(a, exponential(20, 10, "stats { documents }"), "QUERY_TOO_COMPLEX"))
    case(1, "fragments 10^8 of __typename", watch,
         lambda: refused(a, exponential(8, 10, "__typename"), "QUERY_TOO_COMPLEX"))
    text = "Kong Lei said BOE and JD Group grow in Beijing E-Town. " * 40_000
    extracts = " ".join(f"e{i}: extract(text: $t) {{ relationCount }}" for i in range(12))
    case(1, "twelve 2 MB extracts past --request-timeout 0.5", watch,
         lambda: refused(a, f"query($t: String!) {{ {extracts} }}", "TIMEOUT", {"t": text}))

    # 2. extract: a crowded sentence, counted and paged, never copied per pair.
    names = entity_names()
    crowded = " and ".join(names[:1000]) + " met in Beijing E-Town."
    case(2, f"one {len(crowded) // 1024} KB sentence naming 1,000 entities: counts", watch,
         lambda: expect_data(a, "query($t: String!) { extract(text: $t) { sentenceCount relationCount } }",
                             {"t": crowded}, lambda d: d["extract"]["relationCount"] > 100_000))
    case(2, "the same, every relation's sentence", watch,
         lambda: refused(a, "query($t: String!) { extract(text: $t) { relations { sentence } } }",
                         "ANSWER_TOO_LARGE", {"t": crowded}))
    repeated = "JD Group and " * 9_300
    case(2, "a 120 KB sentence repeating one name, mentions' sentences", watch,
         lambda: refused(a, "query($t: String!) { extract(text: $t) { mentions { sentence } } }",
                         "ANSWER_TOO_LARGE", {"t": repeated}))

    # 3. Answers of unbounded size.
    aliases = " ".join(f"e{i}: export(format: GRAPHML)" for i in range(20))
    case(3, "20 aliases of export(GRAPHML)", watch,
         lambda: refused(a, f"{{ {aliases} }}", "ANSWER_TOO_LARGE"))
    case(3, "subgraph with every sentence and document text", watch,
         lambda: refused(a, "{ subgraph { edges { evidence(first: 1000) { sentence document { text } } } } }",
                         "ANSWER_TOO_LARGE"))
    case(3, "20 clients that never read /export.graphml", watch, lambda: never_readers(a, 20))

    # 4. search: a long needle refused; ingests go on while searches run.
    case(4, "a 1 MB search needle", watch,
         lambda: refused(a, "query($t: String!) { search(text: $t) { snippet } }", "INVALID_INPUT",
                         {"t": "亦庄" * 350_000}))
    case(4, "ingests while 4 searches run", watch, lambda: ingest_during_searches(a, auth))

    # 5. CSRF.
    mutation = 'mutation { ingestDocument(input: { text: "BOE grew in 亦庄, said a web page." }) { duplicate } }'
    case(5, "mutation over GET", watch,
         lambda: get_mutation(a, mutation))
    case(5, "mutation as text/plain from another origin", watch,
         lambda: refused(a, mutation, "BAD_REQUEST", headers={"Origin": "http://evil.example", **auth},
                         content_type="text/plain"))
    case(5, "JSON mutation with a token from another origin", watch,
         lambda: refused(a, mutation, "FORBIDDEN", headers={"Origin": "http://evil.example", **auth}))

    # 6. WebSocket.
    case(6, "upgrade from another origin", watch, lambda: ws_origin(a))
    case(6, "a 2 MB WebSocket message", watch, lambda: ws_big(a))
    case(6, "33 subscriptions on one connection", watch, lambda: ws_many(a))
    case(6, "no connection_init (--ws-init-timeout 1)", watch, lambda: ws_silent(a))

    # 7. Slow clients.
    n = 300 if short else 1100
    case(7, f"{n} connections sending headers a byte a second (--header-timeout 2)", watch,
         lambda: slowloris(a, n))

    # 8. The response cache.
    q = 10_000 if short else 100_000
    case(8, f"{q:,} distinct queries, --response-cache-mb 8", watch, lambda: fill_cache(server, q))

    # 9. Parse errors.
    case(9, "a 5 MB query that does not parse", watch,
         lambda: refused(a, "{ stats { documents } } " + "x" * 5_000_000, "GRAPHQL_PARSE_FAILED"))

    # 10. The small ones.
    case(10, "a JSON batch", watch,
         lambda: refused(a, None, "BAD_REQUEST", raw=b'[{"query":"{ stats { documents } }"}]'))
    case(10, "a 10 KB x-request-id", watch, lambda: request_id(a))
    case(10, "lowercase bearer", watch,
         lambda: expect_data(a, 'mutation { ingestDocument(input: { text: "BOE grew in 亦庄, lowercase." }) { duplicate } }',
                             None, lambda d: d["ingestDocument"]["duplicate"] is False,
                             headers={"Authorization": f"bearer {TOKEN}"}))


def entity_names():
    names = []
    for f in sorted(os.listdir(os.path.join(ROOT, "dictionaries"))):
        if f.endswith(".toml"):
            for line in open(os.path.join(ROOT, "dictionaries", f), encoding="utf-8"):
                if line.startswith("name = "):
                    name = json.loads(line.split("=", 1)[1].strip())
                    # No mark that could end the sentence ("Co.", "Ltd.").
                    if not any(c in name for c in ".!?;"):
                        names.append(name)
    return names


def expect_data(addr, query, variables, check, headers=None):
    started = time.monotonic()
    status, body = graphql(addr, query, variables, headers)
    took = time.monotonic() - started
    ok = status == 200 and "errors" not in body and check(body.get("data") or {})
    return took, "data" if ok else code_of(body), f"HTTP {status}, {len(json.dumps(body))} B", ok and took < 1.0


def get_mutation(addr, mutation):
    started = time.monotonic()
    status, _, body = http(addr, "GET", "/graphql?query=" + urllib.parse.quote(mutation),
                           headers={"Accept": "application/json", "Origin": "http://evil.example"})
    took = time.monotonic() - started
    got = code_of(json.loads(body))
    return took, got, f"HTTP {status}", status == 405 and got == "BAD_REQUEST" and took < 1.0


def never_readers(addr, n):
    started = time.monotonic()
    socks = []
    for _ in range(n):
        s = socket.create_connection(addr)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.sendall(f"GET /export.graphml HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        socks.append(s)
    time.sleep(1.0)
    # They hold whatever the kernel buffers; the server goes on (the probe says so) and closes
    # them at its write timeout.
    for s in socks:
        s.close()
    took = time.monotonic() - started
    return took, "-", f"{n} held for 1 s, then dropped", True


def ingest_during_searches(addr, auth):
    stop = threading.Event()

    def search():
        while not stop.is_set():
            graphql(addr, 'query { search(text: "Beijing", first: 1000) { snippet } }')

    threads = [threading.Thread(target=search, daemon=True) for _ in range(4)]
    for t in threads:
        t.start()
    worst = 0.0
    ok = True
    for i in range(10):
        started = time.monotonic()
        status, body = graphql(addr, "mutation($t: String!) { ingestDocument(input: { text: $t }) { duplicate } }",
                               {"t": f"BOE grew in 亦庄 during search {i} {time.time()}."}, auth)
        worst = max(worst, time.monotonic() - started)
        ok = ok and status == 200 and "errors" not in body
    stop.set()
    for t in threads:
        t.join()
    return worst, "data" if ok else "error", "slowest of 10 ingests", ok and worst < 1.0


def ws_origin(addr):
    started = time.monotonic()
    ws = Ws(addr, origin="http://evil.example")
    took = time.monotonic() - started
    status = ws.status
    ws.close()
    return took, "FORBIDDEN" if status == 403 else status, f"HTTP {status}", status == 403 and took < 1.0


def ws_init(addr):
    ws = Ws(addr)
    ws.send({"type": "connection_init"})
    ack = ws.recv()
    assert isinstance(ack, dict) and ack.get("type") == "connection_ack", ack
    return ws


def ws_big(addr):
    ws = ws_init(addr)
    started = time.monotonic()
    query = '{ extract(text: "' + "x" * (2 * MB) + '") { language } }'
    try:
        ws.send({"id": "1", "type": "subscribe", "payload": {"query": query}})
        got = ws.recv()
    except (BrokenPipeError, ConnectionResetError):
        # The server read the frame's length, sent close 1009 and closed the socket while the
        # rest of the message was still on its way: the kernel answers the unread bytes with a
        # reset, which can discard the close frame before it is read. Closed mid-message is the
        # refusal too.
        got = ("close", "reset")
    took = time.monotonic() - started
    try:
        ws.close()
    except OSError:
        pass
    refused = got in (("close", 1009), ("close", "reset"))
    return took, got[1] if isinstance(got, tuple) else got, "close code (or closed mid-message)", \
        refused and took < 1.0


def ws_many(addr):
    ws = ws_init(addr)
    started = time.monotonic()
    for i in range(33):
        ws.send({"id": str(i), "type": "subscribe", "payload": {"query": "subscription { graphChanged { version } }"}})
    got = ws.recv()
    took = time.monotonic() - started
    ws.close()
    code = got["payload"]["errors"][0]["extensions"]["code"] if isinstance(got, dict) and got.get("type") == "next" else got
    return took, code, f"refused id {got.get('id') if isinstance(got, dict) else '-'}", \
        code == "TOO_MANY_OPERATIONS" and took < 1.0


def ws_silent(addr):
    ws = Ws(addr)
    started = time.monotonic()
    got = ws.recv(timeout=5)
    took = time.monotonic() - started
    ws.close()
    return took, got[1] if isinstance(got, tuple) else got, "close code after connecting", \
        got == ("close", 4408) and took < 1.5


def slowloris(addr, n):
    socks = []
    for _ in range(n):
        s = socket.create_connection(addr)
        s.setblocking(False)
        socks.append(s)
    head = b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100
    started = time.monotonic()
    open_ = set(range(n))
    i = 0
    while open_ and time.monotonic() - started < 10:
        for k in list(open_):
            try:
                socks[k].send(head[i:i + 1])
                if socks[k].recv(1) == b"":
                    open_.discard(k)
            except BlockingIOError:
                pass
            except OSError:
                open_.discard(k)
        i += 1
        time.sleep(1.0 if i < len(head) else 0.1)
    took = time.monotonic() - started
    for s in socks:
        s.close()
    # A real request is answered at once after them.
    t = time.monotonic()
    status, body = graphql(addr, "{ stats { documents } } # after the slow ones")
    real = time.monotonic() - t
    return took, "closed" if not open_ else f"{len(open_)} open", \
        f"all {n} closed after {took:.1f} s; a request then took {real * 1000:.0f} ms", \
        not open_ and took < 5 and status == 200 and real < 1.0


def fill_cache(server, total):
    addr = server.addr
    before = server.rss()
    started = time.monotonic()
    n = [0]
    lock = threading.Lock()

    def worker(start, count):
        s = socket.create_connection(addr)
        for i in range(start, start + count):
            body = json.dumps({"query": f"{{ stats {{ documents }} }} # fill {i}"}).encode()
            s.sendall(b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            buf = b""
            while b"\r\n\r\n" not in buf:
                buf += s.recv(65536)
            head, _, rest = buf.partition(b"\r\n\r\n")
            length = int([l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")][0].split(b":")[1])
            while len(rest) < length:
                rest += s.recv(65536)
            with lock:
                n[0] += 1
        s.close()

    workers = 8
    threads = [threading.Thread(target=worker, args=(w * (total // workers), total // workers)) for w in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    after = server.rss()
    took = time.monotonic() - started
    bound = before + 2 * 8 * MB + 24 * MB
    return took, "-", f"{n[0]:,} answered in {took:.1f} s; RSS {before / MB:.1f} → {after / MB:.1f} MB " \
        f"(bound {bound / MB:.1f})", after <= bound and n[0] == total


def request_id(addr):
    started = time.monotonic()
    status, hdrs, _ = http(addr, "GET", "/health", headers={"x-request-id": "a" * 10_000})
    took = time.monotonic() - started
    rid = hdrs.get("x-request-id", "")
    return took, "replaced", f"HTTP {status}, x-request-id {rid!r}", status == 200 and len(rid) <= 64 and took < 1.0


def sigterm(server):
    """SIGTERM while a slow client, a WebSocket and a request are open: the process exits."""
    slow = socket.create_connection(server.addr)
    slow.send(b"GET /health HTTP/1.1\r\n")
    ws = ws_init(server.addr)
    ws.send({"id": "1", "type": "subscribe", "payload": {"query": "subscription { graphChanged { version } }"}})
    started = time.monotonic()
    server.proc.send_signal(signal.SIGTERM)
    try:
        status = server.proc.wait(timeout=40)
    except subprocess.TimeoutExpired:
        status = None
    took = time.monotonic() - started
    slow.close()
    ws.close()
    return took, status


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "kgraph"))
    parser.add_argument("--short", action="store_true", help="fewer slow connections and cache queries (CI)")
    args = parser.parse_args()
    if not os.path.exists(args.binary):
        raise SystemExit(f"{args.binary} does not exist: cargo build --release first, or pass --binary")
    extra = ["--request-timeout", "0.5", "--header-timeout", "2", "--idle-timeout", "5",
             "--write-timeout", "5", "--ws-init-timeout", "1", "--response-cache-mb", "8",
             "--max-connections", "2048", "--max-answer-mb", "4"]
    print(f"kgraph serve {' '.join(extra)} ({args.binary})", flush=True)
    server = Server(args.binary, extra)
    watch = Watch(server)
    started = time.monotonic()
    try:
        time.sleep(1.0)
        run_cases(server, watch, args.short, args.binary)
    finally:
        watch.close()
        took, status = sigterm(server)
        print(f"{'ok  ' if status == 0 else 'FAIL'} SIGTERM with a slow client and a WebSocket open: "
              f"exit {status} after {took:.1f} s", flush=True)
        server.stop()
    lat = sorted(d for _, d, _ in watch.probes)
    p99 = lat[int(round(0.99 * (len(lat) - 1)))] if lat else 0
    print(f"\n{len(RESULTS)} cases in {time.monotonic() - started:.0f} s; probes {len(lat)}, "
          f"p50 {lat[len(lat) // 2] * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max {lat[-1] * 1000:.1f} ms")
    print("\n| item | case | answer | code | RSS growth | probe p99 |\n|---|---|---|---|---|---|")
    for item, name, seconds, code, growth, p99, probes, failed, note, passed in RESULTS:
        print(f"| {item} | {name} | {seconds * 1000:.0f} ms | `{code}` | {growth / MB:.1f} MB | "
              f"{p99 * 1000:.1f} ms{'' if passed else ' **FAIL**'} |")
    failed = [r for r in RESULTS if not r[-1]]
    if failed or status != 0:
        print(f"\n{len(failed)} case(s) failed", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
