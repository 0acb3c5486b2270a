import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IndexImportError, MAX_IMPORT_BYTES } from "./errors.ts";
import { parseIndexCsv } from "./parse.ts";

const fixture = (name: string): Uint8Array => readFileSync(path.join(import.meta.dirname, "fixtures", name));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Encodes text as Windows-1252 (the characters used here are all Latin-1). */
function cp1252(text: string): Uint8Array {
  return Uint8Array.from([...text].map((char) => char.charCodeAt(0)));
}

function refusal(bytes: Uint8Array): IndexImportError {
  try {
    parseIndexCsv(bytes);
  } catch (error) {
    if (error instanceof IndexImportError) return error;
    throw error;
  }
  throw new Error("expected the file to be refused");
}

describe("parseIndexCsv: CBS StatLine downloads", () => {
  it("reads the 2015 = 100 table's shape: title lines, decimal commas, MM and JJ periods, a provisional month", () => {
    const parsed = parseIndexCsv(fixture("fixture-83131NED-shape.csv"));
    expect(parsed).toMatchObject({ format: "cbs", tableCode: "83131NED", base: "2015=100", kind: "index" });
    expect(parsed.points.map((p) => [p.period, p.value, p.changePct, p.provisional])).toEqual([
      ["2023", 128.5, 3.8, false],
      ["2023-11", 128.9, 1.4, false],
      ["2023-12", 129.1, 1, false],
      ["2024-01", 130, 3.1, false],
      ["2024-02", 131.25, 2.7, false],
      ["2024-03", 131.8, 3, true],
    ]);
    expect(parsed.points[0]?.line).toBe(6);
  });

  it("reads the 2025 = 100 table's shape: periods first, a status column saying Voorlopig", () => {
    const parsed = parseIndexCsv(fixture("fixture-86141NED-shape.csv"));
    expect(parsed).toMatchObject({ format: "cbs", tableCode: "86141NED", base: "2025=100" });
    expect(parsed.points.map((p) => [p.period, p.value, p.changePct, p.provisional])).toEqual([
      ["2025", 100, 3, false],
      ["2025-12", 101.4, 2.9, false],
      ["2026-01", 102.1, 2.6, false],
      ["2026-02", 102.7, 2.4, true],
    ]);
  });

  it("reads the same file saved as Windows-1252 and with a byte order mark", () => {
    const text = new TextDecoder().decode(fixture("fixture-83131NED-shape.csv"));
    expect(text).toContain("Bestedingscategorieën");
    const expected = parseIndexCsv(utf8(text)).points;
    expect(parseIndexCsv(cp1252(text)).points).toEqual(expected);
    expect(parseIndexCsv(utf8(`\uFEFF${text}`)).points).toEqual(expected);
  });

  it("reads StatLine's month labels and a comma-separated export with decimal points", () => {
    const parsed = parseIndexCsv(
      utf8(
        '"Consumer prices; price index 2015=100",,\n"Periods","CPI (2015=100)","Annual rate of change CPI (%)"\n"2024 January","130.00","3.1"\n"2024 February*","131.25","2.7"\n',
      ),
    );
    expect(parsed).toMatchObject({ format: "cbs", tableCode: "83131NED" });
    expect(parsed.points.map((p) => [p.period, p.value, p.provisional])).toEqual([
      ["2024-01", 130, false],
      ["2024-02", 131.25, true],
    ]);
  });
});

describe("parseIndexCsv: simple period;value files", () => {
  it("reads months and years, with or without a header, decimal comma or point", () => {
    expect(parseIndexCsv(utf8("period;value\n2024-01;101,5\n2024-02;102.25\n")).points.map((p) => [p.period, p.value])).toEqual([
      ["2024-01", 101.5],
      ["2024-02", 102.25],
    ]);
    const years = parseIndexCsv(utf8("2022;98\n2023;100\n2024;103,4\n"));
    expect(years).toMatchObject({ format: "simple", kind: "index" });
    expect(years.points.map((p) => p.period)).toEqual(["2022", "2023", "2024"]);
  });

  it("reads a year;change file as yearly changes (the shipped CPI's shape)", () => {
    const parsed = parseIndexCsv(utf8("year;cpi_change_pct\n1965;5.2\n1966;-0.4\n"));
    expect(parsed).toMatchObject({ format: "simple", kind: "yearly_change" });
    expect(parsed.points.map((p) => [p.period, p.value, p.changePct])).toEqual([
      ["1965", null, 5.2],
      ["1966", null, -0.4],
    ]);
  });

  it("accepts commas instead of semicolons when nothing is ambiguous, and refuses when it is", () => {
    expect(parseIndexCsv(utf8('period,value\n2024-01,101.5\n2024-02,"102,5"\n')).points.map((p) => p.value)).toEqual([101.5, 102.5]);
    expect(refusal(utf8("period,value\n2024-01,101.5\n2024-02,102,5\n"))).toMatchObject({ code: "ambiguous_delimiter", line: 3 });
  });
});

describe("parseIndexCsv: refusals name the line", () => {
  it("a month missing inside a monthly series", () => {
    expect(refusal(utf8("period;value\n2024-01;100\n2024-02;101\n2024-04;102\n"))).toMatchObject({
      code: "missing_month",
      line: 4,
      params: { period: "2024-03" },
    });
  });

  it("a period given twice", () => {
    expect(refusal(utf8("period;value\n2024-01;100\n2024-02;101\n2024-01;102\n"))).toMatchObject({
      code: "duplicate_period",
      line: 4,
      params: { period: "2024-01", firstLine: 2 },
    });
  });

  it("text in a number column", () => {
    expect(refusal(utf8("period;value\n2024-01;100\n2024-02;n.b.\n"))).toMatchObject({
      code: "not_a_number",
      line: 3,
      params: { text: "n.b." },
    });
  });

  it("a period it cannot read", () => {
    expect(refusal(utf8("period;value\n2024-01;100\n2024KW01;101\n"))).toMatchObject({ code: "bad_period", line: 3 });
  });

  it("no data lines", () => {
    expect(refusal(utf8(""))).toMatchObject({ code: "no_data" });
    expect(refusal(utf8('"Consumentenprijzen; prijsindex 2015=100";;\n"Perioden";"CPI (2015=100)";"Jaarmutatie (%)"\n'))).toMatchObject({
      code: "no_data",
    });
  });

  it("more than 10 MB", () => {
    expect(refusal(new Uint8Array(MAX_IMPORT_BYTES + 1))).toMatchObject({ code: "too_large" });
  });

  it("two categories in one CBS download", () => {
    const text =
      '"Consumentenprijzen; prijsindex 2015=100";;;\n"Bestedingscategorieën";"Perioden";"CPI (2015=100)";"Jaarmutatie CPI (%)"\n"000000 Alle bestedingen";"2024MM01";"130,0";"3,1"\n"011000 Voedingsmiddelen";"2024MM02";"131,0";"2,0"\n';
    expect(refusal(utf8(text))).toMatchObject({ code: "several_series", line: 4 });
  });

  it("never throws anything but a typed refusal, whatever the bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseIndexCsv(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(IndexImportError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
