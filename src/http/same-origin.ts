/** Methods that change something; a cross-site page may still send GET, which changes nothing. */
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** What Sec-Fetch-Site may say for a request we accept: from our own pages, or typed by the user. */
const OWN_FETCH_SITES = new Set(["same-origin", "none"]);

type RequestHeaders = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Whether a state-changing request was sent by a page of another site, which
 * the browser would otherwise send along with the user's session cookie
 * (SameSite=Lax does not cover every case: other sites on the same domain,
 * older browsers). Judged by what browsers set and pages cannot forge: Origin
 * must be the configured base URL's origin, Sec-Fetch-Site must say the request
 * came from our own origin. Requests with an API token carry no ambient
 * credential and are exempt; requests with neither header (curl, scripts, the
 * CLI) were not sent by a browser on someone's behalf and pass.
 */
export function isForeignWrite(method: string, headers: RequestHeaders, baseOrigin: string): boolean {
  if (!STATE_CHANGING.has(method.toUpperCase())) return false;
  if (first(headers.authorization)?.trim().toLowerCase().startsWith("bearer ")) return false;
  const origin = first(headers.origin);
  if (origin !== undefined && origin !== baseOrigin) return true;
  const fetchSite = first(headers["sec-fetch-site"]);
  return fetchSite !== undefined && !OWN_FETCH_SITES.has(fetchSite.toLowerCase());
}
