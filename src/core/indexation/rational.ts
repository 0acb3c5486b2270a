/**
 * Exact fractions over BigInt, for the indexation audit: an allowed price is
 * the previous price times a ratio of index figures (or 1 + a percentage),
 * rounded to the cent. In floating point, 12,350 × 1.03 is 12,720.499999… and
 * rounds to the wrong cent; as a fraction it is exactly 12,720.5 and rounds
 * the way the clause says. Figures enter as the decimals they were published
 * as (a JS number's shortest decimal form, "128.34"), so nothing is lost.
 */
export type Rational = { readonly n: bigint; readonly d: bigint };

const abs = (x: bigint) => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [abs(a), abs(b)];
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

export function rational(n: bigint, d = 1n): Rational {
  if (d === 0n) throw new RangeError("division by zero");
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d);
  return { n: (sign * n) / g, d: (sign * d) / g };
}

/**
 * Converted numbers, remembered: an organization's audit meets the same few
 * hundred index figures and percentages thousands of times, and parsing the
 * decimal is most of the cost. A pure function's results, bounded in number.
 */
const converted = new Map<number, Rational>();
const CONVERTED_MAX = 50_000;

/** The decimal a number prints as, exactly: 128.34 → 12834/100; 1e-7 → 1/10,000,000. */
export function fromNumber(value: number): Rational {
  const known = converted.get(value);
  if (known) return known;
  const exact = parseDecimal(value);
  if (converted.size >= CONVERTED_MAX) converted.clear();
  converted.set(value, exact);
  return exact;
}

function parseDecimal(value: number): Rational {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const [mantissa = "0", exponentText] = value.toString().toLowerCase().split("e");
  const exponent = Number(exponentText ?? 0);
  const negative = mantissa.startsWith("-");
  const [whole = "0", fraction = ""] = mantissa.replace("-", "").split(".");
  let n = BigInt(whole + fraction) * (negative ? -1n : 1n);
  let d = 10n ** BigInt(fraction.length);
  if (exponent > 0) n *= 10n ** BigInt(exponent);
  if (exponent < 0) d *= 10n ** BigInt(-exponent);
  return rational(n, d);
}

export const ONE = rational(1n);
export const HUNDRED = rational(100n);
export const add = (a: Rational, b: Rational) => rational(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational) => rational(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational) => rational(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational) => rational(a.n * b.d, a.d * b.n);
export const compare = (a: Rational, b: Rational) => {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
};
export const toNumber = (a: Rational) => Number(a.n) / Number(a.d);

/** To a whole number, halves away from zero (the usual commercial rounding: 0.5 cent up, −0.5 down). */
export function roundHalfAwayFromZero(a: Rational): bigint {
  const twice = 2n * abs(a.n) + a.d;
  const rounded = twice / (2n * a.d);
  return a.n < 0n ? -rounded : rounded;
}

/** To `decimals` places, halves away from zero. */
export function roundTo(a: Rational, decimals: number): Rational {
  const scale = 10n ** BigInt(decimals);
  return rational(roundHalfAwayFromZero(mul(a, rational(scale))), scale);
}
