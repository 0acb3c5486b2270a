/**
 * The e-mail that asks a new owner to confirm their address, in their
 * language. Until they do, their organization sends no other e-mail.
 */
export function renderVerificationEmail(input: { language: "nl" | "en"; name: string; organizationName: string; link: string }) {
  if (input.language === "nl") {
    return {
      subject: "Bevestig uw e-mailadres voor Trustledger",
      text: [
        `Beste ${input.name},`,
        "",
        `U hebt Trustledger aangemaakt voor ${input.organizationName}. Bevestig uw e-mailadres met deze link (3 dagen geldig):`,
        "",
        input.link,
        "",
        "Tot u dat doet, verstuurt Trustledger geen e-mail namens uw organisatie.",
        "Hebt u zich niet aangemeld? Dan kunt u dit bericht negeren.",
      ].join("\n"),
    };
  }
  return {
    subject: "Confirm your e-mail address for Trustledger",
    text: [
      `Dear ${input.name},`,
      "",
      `You set up Trustledger for ${input.organizationName}. Please confirm your e-mail address with this link (valid for 3 days):`,
      "",
      input.link,
      "",
      "Until you do, Trustledger sends no e-mail on behalf of your organization.",
      "Did you not sign up? Then you can ignore this message.",
    ].join("\n"),
  };
}

/** How long a confirmation link works, in seconds. */
export const VERIFICATION_EXPIRES_IN_SECONDS = 3 * 24 * 60 * 60;
