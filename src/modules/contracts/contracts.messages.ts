/**
 * The server messages of contracts and their audit (error codes of its
 * routes), in both languages; the shared catalogs spread them in.
 */
export const contractsMessagesEn = {
  "contracts.not_found": "This contract does not exist or you have no access to it.",
  "contracts.not_indexed": "This contract has no indexation clause, so there is nothing to audit.",
  "contracts.increase_before_start": "An increase cannot take effect before the contract starts.",
  "contracts.increase_exists": "This contract year already has an increase; a contract is increased once a year.",
  "contracts.nothing_to_correct": "The audit finds nothing charged too much on this contract.",
  "contracts.cap_below_floor": "The cap cannot be lower than the floor.",
  "contracts.invalid_clause": "This indexation clause cannot be worked out: check the lag, rounding, base period and dates.",
} as const;

export const contractsMessagesNl: Record<keyof typeof contractsMessagesEn, string> = {
  "contracts.not_found": "Dit contract bestaat niet of u hebt er geen toegang toe.",
  "contracts.not_indexed": "Dit contract heeft geen indexeringsclausule, dus er valt niets te controleren.",
  "contracts.increase_before_start": "Een verhoging kan niet ingaan voordat het contract begint.",
  "contracts.increase_exists": "Dit contractjaar heeft al een verhoging; een contract wordt één keer per jaar verhoogd.",
  "contracts.nothing_to_correct": "De controle vindt op dit contract niets dat te veel in rekening is gebracht.",
  "contracts.cap_below_floor": "Het maximum kan niet lager zijn dan het minimum.",
  "contracts.invalid_clause":
    "Deze indexeringsclausule is niet door te rekenen: controleer de vertraging, afronding, basisperiode en datums.",
};

/**
 * The correction letter to a client (GET /contracts/:id/correction-letter): the
 * parts it is drafted from, in both languages. `{name}` marks a value filled in;
 * amounts and dates arrive formatted in the letter's language.
 */
export const correctionLetterEn = {
  subject: "We charged you too much for {title}: we are putting it right",
  greeting: "Dear {client},",
  opening:
    'Checking the yearly price increases of our contract "{title}" against its indexation clause and the published index figures, we found that we charged you more than the clause allows.',
  yearsIntro: "In these contract years the price was higher than allowed:",
  year: "- from {date}: allowed {allowed} a year, charged {charged}, {difference} too much",
  total: "In total we charged you {total} too much.",
  underNote: "Years in which we charged less than allowed have been set off against this.",
  refund: "We will refund or credit {refund} to you. You do not need to do anything for this.",
  apology:
    "We are sorry. You should not have had to check this yourself, which is why we are telling you now. If you have any questions, please call or e-mail us.",
  closing: "Kind regards,",
} as const;

export const correctionLetterNl: Record<keyof typeof correctionLetterEn, string> = {
  subject: "Wij hebben u te veel gerekend voor {title}: wij maken het goed",
  greeting: "Beste {client},",
  opening:
    'Bij een controle van de jaarlijkse prijsverhogingen van ons contract "{title}" tegen de indexeringsclausule en de gepubliceerde indexcijfers zagen wij dat wij u meer hebben gerekend dan de clausule toestaat.',
  yearsIntro: "In deze contractjaren lag de prijs hoger dan toegestaan:",
  year: "- vanaf {date}: toegestaan {allowed} per jaar, gerekend {charged}, {difference} te veel",
  total: "In totaal hebben wij u {total} te veel gerekend.",
  underNote: "Jaren waarin wij minder rekenden dan toegestaan, zijn hiermee verrekend.",
  refund: "Wij betalen u {refund} terug of crediteren dit bedrag. U hoeft daarvoor niets te doen.",
  apology: "Het spijt ons. U had dit niet zelf hoeven na te rekenen, en daarom melden wij het u nu. Hebt u vragen, bel of mail ons gerust.",
  closing: "Met vriendelijke groet,",
};
