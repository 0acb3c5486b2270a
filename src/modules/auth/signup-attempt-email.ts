type Language = "nl" | "en";

/**
 * To the owner of an address someone tried to sign up with again. Sign-up
 * answers the same whether an address is new or not (so it cannot be used to
 * find out who has an account); this e-mail is how the real owner learns of it.
 */
export function renderSignupAttemptEmail(input: { language: Language; signinLink: string }): { subject: string; text: string } {
  if (input.language === "nl") {
    return {
      subject: "Iemand probeerde een account aan te maken met uw e-mailadres",
      text: [
        "Goedendag,",
        "",
        "Zojuist probeerde iemand een nieuw Trustledger-account aan te maken met uw e-mailadres.",
        "U heeft al een account; er is niets aangemaakt of gewijzigd.",
        "",
        "Was u dat zelf? Meld u dan aan met uw bestaande account:",
        input.signinLink,
        "",
        "Was u het niet? Dan kunt u dit bericht negeren.",
        "",
        "-- ",
        "Trustledger",
        "",
      ].join("\n"),
    };
  }
  return {
    subject: "Someone tried to create an account with your e-mail address",
    text: [
      "Hello,",
      "",
      "Someone just tried to create a new Trustledger account with your e-mail address.",
      "You already have an account; nothing was created or changed.",
      "",
      "Was this you? Then sign in with your existing account:",
      input.signinLink,
      "",
      "If it was not you, you can ignore this message.",
      "",
      "-- ",
      "Trustledger",
      "",
    ].join("\n"),
  };
}
