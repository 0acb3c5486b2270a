import { createTransport } from "nodemailer";

/** One plain-text e-mail, in the language it is written in. */
export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  language: "nl" | "en";
  /**
   * Our delivery id, sent along as a header so a message can be traced back to
   * its row, and the stable Message-ID of every attempt of that delivery.
   */
  deliveryId?: string;
};

/**
 * Sends e-mail. Without SMTP settings the mode is "outbox": nothing is sent,
 * the deliveries wait in the outbox on the System page until an administrator
 * configures SMTP and sends them.
 */
export type Mailer = {
  mode: "smtp" | "outbox";
  send(message: MailMessage): Promise<void>;
  close(): void;
};

/** A dead or unreachable server must fail fast: the e-mail is retried later anyway. */
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
/** Well below the 5 minutes after which another instance takes over a claimed delivery. */
const SOCKET_TIMEOUT_MS = 60_000;

/**
 * The Message-ID of a delivery: the same for every attempt, so a copy sent
 * again (an administrator's resend of an uncertain delivery) is recognisably
 * the same message, and mail systems that deduplicate on it show it once.
 */
export function messageIdFor(deliveryId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "trustledger.invalid";
  return `<${deliveryId}@${domain}>`;
}

export function createMailer(options: { smtpUrl?: string | undefined; from: string }): Mailer {
  const smtpUrl = options.smtpUrl;
  if (!smtpUrl) {
    return {
      mode: "outbox",
      send: async () => {
        throw new Error("No SMTP server is configured (TRUSTLEDGER_SMTP_URL); e-mails wait in the outbox.");
      },
      close: () => {},
    };
  }
  const transport = createTransport({
    url: smtpUrl,
    // A few connections kept open and reused: no new handshake (and greeting delay) per e-mail.
    pool: true,
    maxConnections: 10,
    maxMessages: 100,
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
    dnsTimeout: CONNECTION_TIMEOUT_MS,
  });
  return {
    mode: "smtp",
    async send(message) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        // Base64 keeps every line short and every character intact, whatever the text holds.
        textEncoding: "base64",
        ...(message.deliveryId ? { messageId: messageIdFor(message.deliveryId, options.from) } : {}),
        headers: {
          "Content-Language": message.language,
          // Automatic mail: out-of-office replies and the like should not answer it (RFC 3834).
          "Auto-Submitted": "auto-generated",
          ...(message.deliveryId ? { "X-Trustledger-Delivery": message.deliveryId } : {}),
        },
      });
    },
    close: () => transport.close(),
  };
}
