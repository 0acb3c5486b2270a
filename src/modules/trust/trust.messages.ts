/**
 * The trust ledger's server messages (error codes of its routes), in both
 * languages; the shared catalogs spread them in (src/i18n/messages.*.ts).
 */
export const trustMessagesEn = {
  "trust.invalid_weights": "The weight for {kind} {core} cannot be used: {reason}.",
  "trust.weights_version_conflict": "Someone changed the trust settings meanwhile. Reload and try again.",
  "trust.observation_in_future": "An observation cannot be dated in the future.",
  "trust.not_at_risk": "This client has no reasons to be at risk right now.",
  "commitments.outcome_needs_past_promise": "How a promise ended can only be given for a promise made earlier.",
  "commitments.outcome_needs_closed_at": "Say when the earlier promise was kept, broken or cancelled.",
  "commitments.closed_at_in_future": "The closing time of a past promise cannot be in the future.",
  "commitments.kept_after_due": 'It was closed after its due time: choose "kept late", or correct the dates.',
  "commitments.kept_late_before_due": 'It was closed before its due time: choose "kept", or correct the dates.',
} as const;

export const trustMessagesNl: Record<keyof typeof trustMessagesEn, string> = {
  "trust.invalid_weights": "Het gewicht voor {kind} {core} kan niet worden gebruikt: {reason}.",
  "trust.weights_version_conflict":
    "Iemand anders heeft de vertrouwensinstellingen intussen gewijzigd. Laad opnieuw en probeer het nog eens.",
  "trust.observation_in_future": "Een waarneming kan niet in de toekomst liggen.",
  "trust.not_at_risk": "Deze klant heeft op dit moment geen redenen om risico te lopen.",
  "commitments.outcome_needs_past_promise": "Hoe een toezegging afliep, kan alleen bij een eerder gedane toezegging.",
  "commitments.outcome_needs_closed_at": "Geef aan wanneer de eerdere toezegging werd nagekomen, gebroken of geannuleerd.",
  "commitments.closed_at_in_future": "Het afsluitmoment van een eerdere toezegging kan niet in de toekomst liggen.",
  "commitments.kept_after_due": 'Dit werd na het afgesproken moment afgesloten: kies "te laat nagekomen", of verbeter de data.',
  "commitments.kept_late_before_due": 'Dit werd vóór het afgesproken moment afgesloten: kies "nagekomen", of verbeter de data.',
};
