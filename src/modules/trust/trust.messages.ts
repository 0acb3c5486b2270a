/**
 * The trust ledger's server messages (error codes of its routes), in both
 * languages; the shared catalogs spread them in (src/i18n/messages.*.ts).
 */
export const trustMessagesEn = {
  "trust.invalid_weights": "The weight for {kind} {core} cannot be used: {reason}.",
  "trust.weights_version_conflict": "Someone changed the trust settings meanwhile. Reload and try again.",
  "trust.observation_in_future": "An observation cannot be dated in the future.",
  "trust.not_at_risk": "This client has no reasons to be at risk right now.",
  "commitments.outcome_needs_past_promise": "An outcome can only be given for a past promise (pastPromise: true).",
  "commitments.outcome_needs_closed_at": "Say when the past promise was kept, broken or cancelled (closedAt).",
  "commitments.closed_at_in_future": "The closing time of a past promise cannot be in the future.",
  "commitments.kept_after_due": "Closed after the due time: that is kept late (outcome kept_late), not kept.",
  "commitments.kept_late_before_due": "Closed before the due time: that is kept on time (outcome kept), not late.",
} as const;

export const trustMessagesNl: Record<keyof typeof trustMessagesEn, string> = {
  "trust.invalid_weights": "Het gewicht voor {kind} {core} kan niet worden gebruikt: {reason}.",
  "trust.weights_version_conflict":
    "Iemand anders heeft de vertrouwensinstellingen intussen gewijzigd. Laad opnieuw en probeer het nog eens.",
  "trust.observation_in_future": "Een waarneming kan niet in de toekomst liggen.",
  "trust.not_at_risk": "Deze klant heeft op dit moment geen redenen om risico te lopen.",
  "commitments.outcome_needs_past_promise": "Een afloop kan alleen bij een eerdere toezegging (pastPromise: true).",
  "commitments.outcome_needs_closed_at": "Geef aan wanneer de eerdere toezegging werd nagekomen, gebroken of geannuleerd (closedAt).",
  "commitments.closed_at_in_future": "Het afsluitmoment van een eerdere toezegging kan niet in de toekomst liggen.",
  "commitments.kept_after_due": "Afgesloten na het afgesproken moment: dat is te laat nagekomen (outcome kept_late), niet op tijd.",
  "commitments.kept_late_before_due": "Afgesloten vóór het afgesproken moment: dat is op tijd nagekomen (outcome kept), niet te laat.",
};
