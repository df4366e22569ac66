import { describe, expect, it } from "vitest";
import { createProfiler, DatasetFormatError, DISTINCT_CAP } from "../profile";

function profile(format: "csv" | "jsonl", chunks: (string | Buffer)[]) {
  const p = createProfiler(format);
  for (const c of chunks) p.write(c);
  return p.end();
}

const CSV = [
  "id,name,score,active,joined",
  "1,alice,3.5,true,2024-01-01",
  '2,"bob, jr",,false,2024-02-01T10:00:00Z',
  '3,"say ""hi""\r\nthere",4.5,TRUE,',
  "4,alice,1,false,2023-12-31",
  "",
].join("\r\n");

describe("CSV profile", () => {
  it("infers types and computes statistics (hand-computed)", () => {
    const p = profile("csv", [CSV]);
    expect(p.rowCount).toBe(4);
    expect(p.schema).toEqual([
      { name: "id", type: "integer" },
      { name: "name", type: "string" },
      { name: "score", type: "number" },
      { name: "active", type: "boolean" },
      { name: "joined", type: "datetime" },
    ]);
    const [id, name, score, active, joined] = p.stats;
    expect(id).toMatchObject({ count: 4, missing: 0, min: 1, max: 4, mean: 2.5 });
    expect(id!.std).toBeCloseTo(Math.sqrt(5 / 3), 12); // sample std of 1..4
    expect(name).toMatchObject({ missing: 0, distinct: 3, distinctCapped: false });
    expect(name!.top).toEqual([
      { value: "alice", count: 2 },
      { value: "bob, jr", count: 1 },
      { value: 'say "hi"\r\nthere', count: 1 },
    ]);
    expect(score).toMatchObject({ count: 3, missing: 1, min: 1, max: 4.5, mean: 3 });
    expect(score!.std).toBeCloseTo(Math.sqrt(3.25), 12);
    expect(active!.top).toEqual([
      { value: "false", count: 2 },
      { value: "true", count: 2 },
    ]);
    expect(joined).toMatchObject({ missing: 1, min: "2023-12-31T00:00:00.000Z", max: "2024-02-01T10:00:00.000Z" });
  });

  it("gives the same result however the bytes are chunked, including split UTF-8 and quotes", () => {
    const text = `${CSV}5,"zoë ""z""",2,true,2024-03-01\n`;
    const whole = profile("csv", [text]);
    const bytes = Buffer.from(text);
    const oneByOne = profile("csv", [...bytes].map((b) => Buffer.from([b])));
    const sevens = profile("csv", Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7)));
    expect(oneByOne).toEqual(whole);
    expect(sevens).toEqual(whole);
    expect(whole.rowCount).toBe(5);
    expect(whole.stats[1]!.top).toContainEqual({ value: 'zoë "z"', count: 1 });
  });

  it("handles a missing final newline, a BOM, LF endings, blank lines and a header-only file", () => {
    expect(profile("csv", ["\uFEFFa,b\n1,x\n\n2,y"]).stats[0]).toMatchObject({ name: "a", type: "integer", count: 2, max: 2 });
    const headerOnly = profile("csv", ["a,b\n"]);
    expect(headerOnly.rowCount).toBe(0);
    expect(headerOnly.schema).toEqual([
      { name: "a", type: "empty" },
      { name: "b", type: "empty" },
    ]);
  });

  it("demotes integer → number → string as values require", () => {
    const p = profile("csv", ["a,b,c\n1,1,1\n2,2.5,x\n-3,1e3,2\n"]);
    expect(p.schema.map((c) => c.type)).toEqual(["integer", "number", "string"]);
    expect(p.stats[1]).toMatchObject({ min: 1, max: 1000 });
  });

  it("names the line of a ragged row, counting line breaks inside quoted fields", () => {
    expect(() => profile("csv", ['a,b\n1,"two\nlines"\n3,4,5\n'])).toThrow("line 4: expected 2 fields as in the header, found 3");
    expect(() => profile("csv", ["a,b\n1\n"])).toThrow(DatasetFormatError);
    expect(() => profile("csv", ["a,b\n1\n"])).toThrow("line 2: expected 2 fields as in the header, found 1");
  });

  it("refuses unclosed quotes, stray characters after a quote, duplicate headers and empty files", () => {
    expect(() => profile("csv", ['a,b\n1,"open\n'])).toThrow("line 2: a quoted field is not closed");
    expect(() => profile("csv", ['a,b\n1,"x"y\n'])).toThrow("line 2: unexpected character after a closing quote");
    expect(() => profile("csv", ["a,a\n1,2\n"])).toThrow('line 1: the header names column "a" twice');
    expect(() => profile("csv", [""])).toThrow("line 1: the file is empty");
  });

  it("caps distinct-value tracking", () => {
    const rows = Array.from({ length: DISTINCT_CAP + 500 }, (_, i) => `v${i}`);
    const p = profile("csv", [`k\n${rows.join("\n")}\nv0\nv0\n`]);
    expect(p.stats[0]).toMatchObject({ distinct: DISTINCT_CAP, distinctCapped: true });
    expect(p.stats[0]!.top![0]).toEqual({ value: "v0", count: 3 });
  });
});

describe("JSON Lines profile", () => {
  it("unions keys, counts absent and null as missing (hand-computed)", () => {
    const p = profile("jsonl", ['{"a":1,"b":"x"}\n{"a":2.5,"c":true}\r\n\n', '{"a":null,"b":"y","d":{"n":1}}']);
    expect(p.rowCount).toBe(3);
    expect(p.schema).toEqual([
      { name: "a", type: "number" },
      { name: "b", type: "string" },
      { name: "c", type: "boolean" },
      { name: "d", type: "string" },
    ]);
    expect(p.stats[0]).toMatchObject({ count: 2, missing: 1, min: 1, max: 2.5, mean: 1.75 });
    expect(p.stats[0]!.std).toBeCloseTo(Math.sqrt(1.125), 12);
    expect(p.stats[1]).toMatchObject({ missing: 1, top: [{ value: "x", count: 1 }, { value: "y", count: 1 }] });
    expect(p.stats[2]).toMatchObject({ missing: 2, top: [{ value: "true", count: 1 }] });
    expect(p.stats[3]!.top).toEqual([{ value: '{"n":1}', count: 1 }]);
  });

  it("types ISO date strings as datetime and integers as integer", () => {
    const p = profile("jsonl", ['{"t":"2024-05-01T00:00:00Z","n":3}\n{"t":"2024-04-01","n":-1}\n']);
    expect(p.schema).toEqual([
      { name: "t", type: "datetime" },
      { name: "n", type: "integer" },
    ]);
    expect(p.stats[0]).toMatchObject({ min: "2024-04-01T00:00:00.000Z", max: "2024-05-01T00:00:00.000Z" });
  });

  it("names the line of invalid JSON or a non-object", () => {
    expect(() => profile("jsonl", ['{"a":1}\n{"a":\n'])).toThrow(/^line 2: invalid JSON/);
    expect(() => profile("jsonl", ['{"a":1}\n\n[1,2]\n'])).toThrow("line 3: expected a JSON object");
    expect(() => profile("jsonl", ["\n\n"])).toThrow("the file has no rows");
  });
});
