/**
 * PostgreSQL cannot store the NUL character in text: a value holding one
 * fails deep in the database as a 500. Requests are checked for it up front.
 */
const NUL = "\u0000";

type Pending = { value: unknown; path: string; key: string };

/**
 * The dotted path of the first string (or object key) in `value` that holds a
 * NUL character: "name", "topics.0", "" for `value` itself; undefined when
 * there is none. Walks without recursion, so no nesting depth can overflow the stack.
 */
export function findNulPath(value: unknown): string | undefined {
  const pending: Pending[] = [{ value, path: "", key: "" }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.key.includes(NUL)) return next.path;
    if (typeof next.value === "string") {
      if (next.value.includes(NUL)) return next.path;
    } else if (typeof next.value === "object" && next.value !== null) {
      pending.push(...childrenOf(next.value, next.path).reverse());
    }
  }
  return undefined;
}

function childrenOf(value: object, path: string): Pending[] {
  return Object.entries(value).map(([key, child]) => ({ value: child, path: path === "" ? key : `${path}.${key}`, key }));
}
