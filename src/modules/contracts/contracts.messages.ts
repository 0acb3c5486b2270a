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
  "contracts.import_invalid": "Nothing was imported: {count} line(s) have a problem (line {lines}).",
  "contracts.import_malformed": "The file is not a readable CSV file (line {line}).",
  "contracts.import_no_data": "The file has no contract lines.",
  "contracts.import_missing_column":
    "The file has no column for {column} (line {line}). Headers: client, title, start, annual price (or klant, titel, start, jaarprijs).",
  "contracts.import_too_large": "The file is larger than 10 MB.",
  "contracts.import_unsupported_media_type": "Send the CSV file as text/csv or text/plain.",
  "contracts.import.required": "Line {line}: {column} is empty.",
  "contracts.import.bad_date": 'Line {line}: "{text}" is not a date (YYYY-MM-DD or DD-MM-YYYY).',
  "contracts.import.bad_amount": 'Line {line}: "{text}" is not an amount in euro (at most two decimals, not negative).',
  "contracts.import.bad_number": 'Line {line}: "{text}" in {column} is not a number.',
  "contracts.import.unknown_method": 'Line {line}: "{text}" is not a method (yoy, fixed_base or annual_average).',
  "contracts.import.unknown_client": 'Line {line}: there is no client named "{text}".',
  "contracts.import.ambiguous_client": 'Line {line}: more than one client is named "{text}".',
  "contracts.import.unknown_series": 'Line {line}: there is no index series "{text}".',
  "contracts.import.invalid": "Line {line}: the value in {column} is not allowed ({text}).",
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
  "contracts.import_invalid": "Er is niets geïmporteerd: {count} regel(s) hebben een probleem (regel {lines}).",
  "contracts.import_malformed": "Het bestand is geen leesbaar CSV-bestand (regel {line}).",
  "contracts.import_no_data": "Het bestand bevat geen contractregels.",
  "contracts.import_missing_column":
    "Het bestand heeft geen kolom voor {column} (regel {line}). Kolomkoppen: klant, titel, start, jaarprijs (of client, title, start, annual price).",
  "contracts.import_too_large": "Het bestand is groter dan 10 MB.",
  "contracts.import_unsupported_media_type": "Stuur het CSV-bestand als text/csv of text/plain.",
  "contracts.import.required": "Regel {line}: {column} is leeg.",
  "contracts.import.bad_date": 'Regel {line}: "{text}" is geen datum (JJJJ-MM-DD of DD-MM-JJJJ).',
  "contracts.import.bad_amount": 'Regel {line}: "{text}" is geen bedrag in euro (hoogstens twee decimalen, niet negatief).',
  "contracts.import.bad_number": 'Regel {line}: "{text}" in {column} is geen getal.',
  "contracts.import.unknown_method": 'Regel {line}: "{text}" is geen methode (yoy, fixed_base of annual_average).',
  "contracts.import.unknown_client": 'Regel {line}: er is geen klant met de naam "{text}".',
  "contracts.import.ambiguous_client": 'Regel {line}: meer dan één klant heet "{text}".',
  "contracts.import.unknown_series": 'Regel {line}: er is geen indexreeks "{text}".',
  "contracts.import.invalid": "Regel {line}: de waarde in {column} is niet toegestaan ({text}).",
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
