#!/usr/bin/env python3
"""A local SMTP sink for the tests (PyPI aiosmtpd).

usage: smtp_sink.py DIR [--reject ADDRESS]... [--fail-nth N]... [--drop-nth N]...
                      [--starttls CERT KEY | --tls CERT KEY] [--auth USER PASSWORD_FILE]
                      [--auth-mechanisms PLAIN,LOGIN]

Listens on 127.0.0.1 on a free port and prints `PORT <n>` once ready. Each accepted message is
written to DIR as N.eml (the DATA bytes as received, dot-stuffing undone) with N.json beside it
({"mail_from": ..., "rcpt_tos": [...]}). RCPT TO a --reject address is refused with 550. The Nth message (counting every DATA the sink
has seen, accepted or not) of a --fail-nth N is refused at the end of DATA with 451 and not kept;
that of a --drop-nth N is kept (it arrived) but the connection is cut before the sink replies, as
when a relay or the network fails right after the final dot.

TLS (#14.6): --starttls offers STARTTLS with CERT/KEY (PEM) and requires it before MAIL; --tls
speaks TLS from the first byte (implicit TLS). --auth requires AUTH as USER with the password on
the first line of PASSWORD_FILE (never on the command line), offering only --auth-mechanisms
(default PLAIN,LOGIN); N.json then also holds {"auth": {"mechanism": ..., "login": ...}}, and
every refused login appends a line to DIR/auth-refused.log.
Exits when its standard input closes (so it never outlives the test that started it) or on SIGTERM.
"""
import asyncio, json, logging, os, signal, ssl, sys, threading, warnings

warnings.simplefilter("ignore")
logging.getLogger("mail.log").setLevel(logging.CRITICAL)

try:
    from aiosmtpd.smtp import SMTP, AuthResult
except ImportError:
    sys.stderr.write("smtp_sink.py needs PyPI aiosmtpd: python3 -m pip install aiosmtpd\n")
    sys.exit(2)


class Sink:
    def __init__(self, folder, reject, fail, drop):
        self.folder = folder
        self.reject = {a.lower() for a in reject}
        self.fail = set(fail)
        self.drop = set(drop)
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
        record = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}
        if getattr(session, "kasane_auth", None):
            record["auth"] = session.kasane_auth
        with open(base + ".json", "w") as f:
            json.dump(record, f)
        os.rename(base + ".tmp", base + ".eml")
        if self.seen in self.drop:
            server.transport.abort()
            return "421 4.4.2 connection cut by the test"
        return "250 2.0.0 OK: queued as %d" % self.count


class Authenticator:
    """Accepts USER with the password of the file; notes the mechanism used in the session."""

    def __init__(self, folder, user, password):
        self.folder, self.user, self.password = folder, user, password

    def __call__(self, server, session, envelope, mechanism, auth_data):
        login = auth_data.login.decode("utf-8", "replace") if auth_data.login is not None else ""
        password = auth_data.password.decode("utf-8", "replace") if auth_data.password is not None else ""
        if login == self.user and password == self.password:
            session.kasane_auth = {"mechanism": mechanism, "login": login}
            return AuthResult(success=True)
        with open(os.path.join(self.folder, "auth-refused.log"), "a") as f:
            f.write("%s %s\n" % (mechanism, login))
        return AuthResult(success=False, handled=False)


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    folder, reject, fail, drop = args[0], [], [], []
    starttls = implicit = auth = None
    mechanisms = ["PLAIN", "LOGIN"]
    rest = args[1:]
    while rest:
        if rest[0] in ("--starttls", "--tls") and len(rest) > 2:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(rest[1], rest[2])
            if rest[0] == "--starttls":
                starttls = context
            else:
                implicit = context
            rest = rest[3:]
            continue
        if rest[0] == "--auth" and len(rest) > 2:
            with open(rest[2]) as f:
                auth = (rest[1], f.readline().rstrip("\r\n"))
            rest = rest[3:]
            continue
        if rest[0] == "--auth-mechanisms" and len(rest) > 1:
            mechanisms = [m.strip().upper() for m in rest[1].split(",") if m.strip()]
            rest = rest[2:]
            continue
        if rest[0] == "--reject" and len(rest) > 1:
            reject.append(rest[1])
            rest = rest[2:]
        elif rest[0] == "--fail-nth" and len(rest) > 1 and rest[1].isdigit():
            fail.append(int(rest[1]))
            rest = rest[2:]
        elif rest[0] == "--drop-nth" and len(rest) > 1 and rest[1].isdigit():
            drop.append(int(rest[1]))
            rest = rest[2:]
        else:
            sys.exit(__doc__)
    os.makedirs(folder, exist_ok=True)
    sink = Sink(folder, reject, fail, drop)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    options = {"hostname": "sink.localhost", "loop": loop}
    if starttls is not None:
        options.update(tls_context=starttls, require_starttls=True)
    if auth is not None:
        options.update(authenticator=Authenticator(folder, *auth), auth_required=True,
                       auth_require_tls=implicit is None,
                       auth_exclude_mechanism=[m for m in ("PLAIN", "LOGIN") if m not in mechanisms])
    server = loop.run_until_complete(
        loop.create_server(lambda: SMTP(sink, **options), "127.0.0.1", 0, ssl=implicit))
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
