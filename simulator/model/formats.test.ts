import { describe, expect, it } from "vitest";
import { isBase64, isDateOnly, isDateTime, isUri, parseInstant } from "./formats.ts";
import { createAjv } from "./schema-check.ts";

const REAL = [
  "2021-02-28T23:59:59Z",
  "2024-02-29T00:00:00.123+02:00",
  "2021-01-01t00:00:00z",
  "2000-02-29T12:00:00-05:30",
];
const NOT_REAL = [
  "2021-02-30T10:00:00Z",
  "2021-02-29T00:00:00Z",
  "1900-02-29T00:00:00Z",
  "2021-04-31T10:00:00Z",
  "2021-01-01T24:00:00Z",
  "2021-13-01T00:00:00Z",
  "2021-01-01T00:60:00Z",
  "2016-12-31T23:59:60Z",
  "2021-02-26T10:00:00+24:00",
];
// What ajv-formats' own date-time takes and RFC 3339 §5.6 does not.
const NOT_RFC3339 = ["2021-02-26 10:00:00Z", "2021-02-26T10:00:00+0200", "2021-02-26T10:00:00", "2021-02-26"];

describe("date-time", () => {
  it.each(REAL)("takes %s", (s) => {
    expect(isDateTime(s)).toBe(true);
  });

  it.each([...NOT_REAL, ...NOT_RFC3339])("refuses %s", (s) => {
    expect(isDateTime(s)).toBe(false);
  });

  it("refuses a value that is not a string", () => {
    expect(isDateTime(Date.UTC(2021, 1, 26))).toBe(false);
  });
});

describe("instants", () => {
  it("reads a date alone as midnight UTC", () => {
    expect(parseInstant("2021-02-26")).toBe(Date.UTC(2021, 1, 26));
    expect(isDateOnly("2021-02-26")).toBe(true);
    expect(isDateOnly("2021-02-30")).toBe(false);
  });

  it("applies a numeric offset", () => {
    expect(parseInstant("2021-02-26T10:00:00-05:30")).toBe(Date.UTC(2021, 1, 26, 15, 30));
  });

  it("reads a space before the offset as the plus that form decoding turned into one", () => {
    expect(parseInstant("2021-02-26T10:00:00 02:00")).toBe(Date.UTC(2021, 1, 26, 8));
  });

  it("keeps milliseconds and drops finer fractions", () => {
    expect(parseInstant("2021-02-26T10:00:00.1239Z")).toBe(Date.UTC(2021, 1, 26, 10, 0, 0, 123));
  });

  it("accepts 29 February in a leap year only", () => {
    expect(parseInstant("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
    expect(parseInstant("2023-02-29")).toBeUndefined();
  });

  it("refuses a leap second, which ECMAScript time cannot hold", () => {
    expect(parseInstant("2016-12-31T23:59:60Z")).toBeUndefined();
  });
});

describe("uri and base64", () => {
  it.each(["https://example.com/x", "urn:isbn:0451450523", "mailto:a@example.com", "http://[::1]:8080/cb"])(
    "takes the URI %s",
    (s) => {
      expect(isUri(s)).toBe(true);
    },
  );

  it.each(["/relative/path", "example.com", "http://exa mple.com/", "", "http://example.com/a b"])(
    "refuses %j as a URI",
    (s) => {
      expect(isUri(s)).toBe(false);
    },
  );

  it("takes padded base64 and refuses other alphabets and bad padding", () => {
    expect(isBase64("aGVsbG8=")).toBe(true);
    expect(isBase64("")).toBe(true);
    expect(isBase64("aGVsbG8")).toBe(false);
    expect(isBase64("aGVs bG8=")).toBe(false);
    expect(isBase64("aGVsbG8_")).toBe(false);
  });
});

describe("ajv's formats", () => {
  const ajv = createAjv();
  const validate = (format: string) => ajv.compile({ type: "string", format });

  it("judge a date-time by isDateTime, where ajv-formats' own check differs", () => {
    const dateTime = validate("date-time");
    for (const s of [...REAL, ...NOT_REAL, ...NOT_RFC3339]) expect(dateTime(s), s).toBe(isDateTime(s));
  });

  it("judge a uri by isUri and base64 (OpenAPI's byte) by isBase64", () => {
    const uri = validate("uri");
    const byte = validate("byte");
    for (const s of ["https://example.com/x", "/relative", "http://exa mple.com/"]) expect(uri(s), s).toBe(isUri(s));
    for (const s of ["aGVsbG8=", "aGVsbG8", "a="]) expect(byte(s), s).toBe(isBase64(s));
  });
});
