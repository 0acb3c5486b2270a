import { describe, expect, it } from "vitest";
import { ContractFileError, parseContractCsv } from "./parse.ts";

const parse = (text: string) => parseContractCsv(Buffer.from(text, "utf8"));
const HEADER = "klant;titel;start;jaarprijs\n";

describe("reading a contracts CSV", () => {
  it.each([
    ["200.000,00", 20_000_000],
    ["1234,5", 123_450],
    ["1,500.75", 150_075],
    ["€ 99", 9_900],
    ["0,01", 1],
  ])("reads the price %s as %i cents", (price, cents) => {
    expect(parse(`${HEADER}A;B;2020-01-01;"${price}"\n`).lines[0]?.annualPriceCents).toBe(cents);
  });

  it.each(["12,345", "-5,00", "abc", "1.2.3"])("refuses the price %s", (price) => {
    expect(parse(`${HEADER}A;B;2020-01-01;${price}\n`).errors).toEqual([
      { line: 2, problem: "bad_amount", column: "jaarprijs", text: price },
    ]);
  });

  it.each([
    ["2020-01-31", "2020-01-31"],
    ["31-01-2020", "2020-01-31"],
    ["1/3/2021", "2021-03-01"],
    ["29-02-2024", "2024-02-29"],
  ])("reads the date %s as %s", (text, date) => {
    expect(parse(`${HEADER}A;B;${text};1\n`).lines[0]?.startsOn).toBe(date);
  });

  it.each(["29-02-2023", "2020-13-01", "01-01-20"])("refuses the date %s", (text) => {
    expect(parse(`${HEADER}A;B;${text};1\n`).errors[0]).toMatchObject({ line: 2, problem: "bad_date" });
  });

  it("reads English headers with commas and the optional clause; a line without one is not indexed", () => {
    const { lines, errors } = parse(
      "Client,Title,Starts on,Annual price (EUR),Series,Method,Lag months,Cap %,Floor %\nA,B,2020-01-01,10,cbs-cpi,Year on year,4,5%,-1\nA,C,2020-01-01,10,,,,,\n",
    );
    expect(errors).toEqual([]);
    expect(lines[0]?.indexation).toEqual({ series: "cbs-cpi", method: "yoy", lagMonths: 4, capPct: 5, floorPct: -1 });
    expect(lines[1]?.indexation).toBeNull();
  });

  it("collects every problem with its line; refuses a file without the required columns or lines", () => {
    const { errors } = parse(`${HEADER}A;;2020-01-01;1\n\nA;B;2020-01-01;1\nA;B;x;1\n`);
    expect(errors.map((error) => [error.line, error.problem])).toEqual([
      [2, "required"],
      [5, "bad_date"],
    ]);
    expect(() => parse("naam;prijs\nx;1\n")).toThrow(ContractFileError);
    expect(() => parse(HEADER)).toThrow(ContractFileError);
  });
});
