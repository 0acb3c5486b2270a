/**
 * Which of a found client's contacts a search matched on. The search runs on
 * a client's text including its contacts', so "Noor" finds "Bakkerij Dekker"
 * through its contact Noor de Wit; this says that it was Noor. Pure, shared by
 * the clients API and its tests.
 */

type Named = { name: string; email: string | null; phone: string | null };

/** What a person or client is found by: name, e-mail, phone as written and as digits, lower-cased. */
export function searchableText(...values: (string | null)[]): string {
  return values
    .filter((value): value is string => Boolean(value))
    .flatMap((value) => [value, value.replace(/[^0-9]/g, "")])
    .filter((part) => part.length > 0)
    .join(" ")
    .toLowerCase();
}

/**
 * The contacts the match is on: every term in the contact's name, or every
 * term found in the contact or the client with at least one only the contact
 * explains ("Dekker Noor": the client's name and the contact's). A contact
 * that adds nothing to a match the client makes on its own is not named.
 */
export function contactsMatchedBy<T extends Named>(terms: readonly string[], client: Named, contacts: readonly T[]): T[] {
  if (terms.length === 0) return [];
  const clientText = searchableText(client.name, client.email, client.phone);
  return contacts.filter((contact) => {
    const own = searchableText(contact.name, contact.email, contact.phone);
    const name = contact.name.toLowerCase();
    return (
      terms.every((term) => name.includes(term)) ||
      (terms.every((term) => own.includes(term) || clientText.includes(term)) &&
        terms.some((term) => own.includes(term) && !clientText.includes(term)))
    );
  });
}

/** Whether the client matches every term on its own fields (not only through a contact). */
export function clientMatchesOnItsOwn(terms: readonly string[], client: Named): boolean {
  const text = searchableText(client.name, client.email, client.phone);
  return terms.every((term) => text.includes(term));
}
