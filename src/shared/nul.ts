/**
 * Text PostgreSQL cannot store: the NUL character (refused in text), and a lone
 * UTF-16 surrogate ("\ud800" without its partner: JSON allows the escape, but
 * it is no Unicode character, so it cannot be written as UTF-8 and a jsonb
 * write refuses it). Either fails deep in the database as a 500, so requests
 * are checked for both up front.
 */
const NUL = "\u0000";

export type UnstorableText = { path: string; reason: "nul" | "lone_surrogate" };

type Pending = { value: unknown; path: string; key: string };

function problemIn(text: string): UnstorableText["reason"] | undefined {
  if (text.includes(NUL)) return "nul";
  return text.isWellFormed() ? undefined : "lone_surrogate";
}

/**
 * The first string (or object key) in `value` that cannot be stored, with its
 * dotted path ("name", "topics.0", "" for `value` itself) and why; undefined
 * when there is none. Walks without recursion, so no nesting depth can overflow the stack.
 */
export function findUnstorableText(value: unknown): UnstorableText | undefined {
  const pending: Pending[] = [{ value, path: "", key: "" }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const inKey = problemIn(next.key);
    if (inKey) return { path: next.path, reason: inKey };
    if (typeof next.value === "string") {
      const inValue = problemIn(next.value);
      if (inValue) return { path: next.path, reason: inValue };
    } else if (typeof next.value === "object" && next.value !== null) {
      pending.push(...childrenOf(next.value, next.path).reverse());
    }
  }
  return undefined;
}

function childrenOf(value: object, path: string): Pending[] {
  return Object.entries(value).map(([key, child]) => ({ value: child, path: path === "" ? key : `${path}.${key}`, key }));
}
