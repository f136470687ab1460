#!/usr/bin/env python3
"""A local SMTP sink for the tests (PyPI aiosmtpd).

usage: smtp_sink.py DIR [--reject ADDRESS]... [--fail-nth N]...

Listens on 127.0.0.1 on a free port and prints `PORT <n>` once ready. Each accepted message is
written to DIR as N.eml (the DATA bytes as received, dot-stuffing undone) with N.json beside it
({"mail_from": ..., "rcpt_tos": [...]}). RCPT TO a --reject address is refused with 550. The Nth message (counting every DATA the sink
has seen, accepted or not) of a --fail-nth N is refused at the end of DATA with 451 and not kept.
Exits when its standard input closes (so it never outlives the test that started it) or on SIGTERM.
"""
import asyncio, json, os, signal, sys, threading

try:
    from aiosmtpd.smtp import SMTP
except ImportError:
    sys.stderr.write("smtp_sink.py needs PyPI aiosmtpd: python3 -m pip install aiosmtpd\n")
    sys.exit(2)


class Sink:
    def __init__(self, folder, reject, fail):
        self.folder = folder
        self.reject = {a.lower() for a in reject}
        self.fail = set(fail)
        self.count = 0
        self.seen = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject:
            return "550 5.1.1 <%s>: Recipient address rejected" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        self.seen += 1
        if self.seen in self.fail:
            return "451 4.3.0 Temporary failure (message %d refused by the test)" % self.seen
        self.count += 1
        base = os.path.join(self.folder, str(self.count))
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".json", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        os.rename(base + ".tmp", base + ".eml")
        return "250 2.0.0 OK: queued as %d" % self.count


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    folder, reject, fail = args[0], [], []
    rest = args[1:]
    while rest:
        if rest[0] == "--reject" and len(rest) > 1:
            reject.append(rest[1])
            rest = rest[2:]
        elif rest[0] == "--fail-nth" and len(rest) > 1 and rest[1].isdigit():
            fail.append(int(rest[1]))
            rest = rest[2:]
        else:
            sys.exit(__doc__)
    os.makedirs(folder, exist_ok=True)
    sink = Sink(folder, reject, fail)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(lambda: SMTP(sink, hostname="sink.localhost", loop=loop), "127.0.0.1", 0))
    port = server.sockets[0].getsockname()[1]

    def stop(*_):
        loop.call_soon_threadsafe(loop.stop)

    def watch_stdin():
        try:
            while sys.stdin.buffer.read(4096):
                pass
        finally:
            stop()

    signal.signal(signal.SIGTERM, stop)
    threading.Thread(target=watch_stdin, daemon=True).start()
    print("PORT %d" % port, flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    main()
