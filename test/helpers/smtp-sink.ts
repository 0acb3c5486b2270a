import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server on 127.0.0.1 (a free port, no TLS, no login needed) that
 * keeps what it receives, for tests of everything that sends e-mail. It can
 * refuse mail the way a server that is down or overloaded does.
 */
export type SinkMessage = {
  /** The envelope: what the sender told the server. */
  envelope: { from: string; to: string[] };
  /** Header names in lower case, folded lines joined, encoded words left as sent. */
  headers: Record<string, string>;
  /** The decoded To and Subject headers. */
  to: string;
  subject: string;
  /** The decoded plain-text body, with \n line ends. */
  text: string;
  raw: string;
};

export type SmtpSink = {
  /** smtp://127.0.0.1:<port>, for TRUSTLEDGER_SMTP_URL. */
  url: string;
  port: number;
  messages: SinkMessage[];
  /** How many times a sender was turned away (failNext or setDown). */
  refusals: number;
  /** Refuses the next `count` messages with a temporary error (451). */
  failNext(count: number): void;
  /** While down, every message is refused with 421 "service not available". */
  setDown(down: boolean): void;
  /** Resolves once `count` messages arrived; throws after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<SinkMessage[]>;
  close(): Promise<void>;
};

export async function startSmtpSink(): Promise<SmtpSink> {
  let failures = 0;
  let down = false;
  const refuse = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });
  const sink: SmtpSink = {
    url: "",
    port: 0,
    messages: [],
    refusals: 0,
    failNext(count) {
      failures = count;
    },
    setDown(next) {
      down = next;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (sink.messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} e-mails within ${timeoutMs} ms, received ${sink.messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return sink.messages;
    },
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (down) {
        sink.refusals++;
        return callback(refuse(421, "Service not available, try again later"));
      }
      if (failures > 0) {
        failures--;
        sink.refusals++;
        return callback(refuse(451, "Requested action aborted: local error in processing"));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        sink.messages.push(parseMessage(raw, envelope));
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  // A dropped client connection is the client's business, not the test's.
  server.on("error", () => {});
  sink.port = (server.server.address() as AddressInfo).port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

/** A light parse of one single-part message: headers, then the body decoded by its transfer encoding. */
export function parseMessage(raw: string, envelope: SinkMessage["envelope"]): SinkMessage {
  const split = raw.indexOf("\r\n\r\n");
  const head = (split === -1 ? raw : raw.slice(0, split)).replace(/\r\n[ \t]+/g, " ");
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = split === -1 ? "" : raw.slice(split + 4);
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  if (encoding === "base64") body = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  else if (encoding === "quoted-printable") body = decodeQuotedPrintable(body);
  return {
    envelope,
    headers,
    to: decodeWords(headers.to ?? ""),
    subject: decodeWords(headers.subject ?? ""),
    text: body.replace(/\r\n/g, "\n"),
    raw,
  };
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i] ?? "", "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=), adjacent ones joined before decoding. */
export function decodeWords(value: string): string {
  const pattern = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  let result = "";
  let pending: Buffer[] = [];
  let last = 0;
  const flush = () => {
    if (pending.length > 0) result += Buffer.concat(pending).toString("utf8");
    pending = [];
  };
  for (const match of value.matchAll(pattern)) {
    const between = value.slice(last, match.index);
    // Whitespace between two encoded words is not part of the text.
    if (!(pending.length > 0 && /^\s*$/.test(between))) {
      flush();
      result += between;
    }
    const [, , kind = "B", data = ""] = match;
    pending.push(
      kind.toUpperCase() === "B"
        ? Buffer.from(data, "base64")
        : Buffer.from(
            data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
            "latin1",
          ),
    );
    last = (match.index ?? 0) + match[0].length;
  }
  flush();
  return result + value.slice(last);
}
