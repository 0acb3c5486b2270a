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
