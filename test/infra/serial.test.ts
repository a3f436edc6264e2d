import { describe, expect, it } from "vitest";
import { isSerialAfter, MAX_SERIAL, SERIAL_OFFSET, serialFor } from "../../src/core/infra/serial.ts";

const at = (iso: string) => new Date(iso);

describe("isSerialAfter (RFC 1982, 32 bits)", () => {
  it.each([
    [1, 0, true],
    [0, 1, false],
    [5, 5, false],
    [0, MAX_SERIAL, true], // wrapped: 0 follows 2^32 - 1
    [MAX_SERIAL, 0, false],
    [2 ** 31 - 1, 0, true], // the largest step allowed
    [2 ** 31, 0, false], // exactly half way: undefined, so not greater
    [2 ** 31 + 1, 0, false], // more than half way is behind
    [2796083200, 2026120199, true], // this scheme on 2026-12-01 against the date form of that day
    [1796083200, 2026120101, false], // plain Unix time that day would be behind the date form
  ])("%i after %i: %s", (a, b, after) => {
    expect(isSerialAfter(a, b)).toBe(after);
  });
});

describe("serialFor", () => {
  it("is the Unix time in seconds plus 10^9", () => {
    expect(SERIAL_OFFSET).toBe(1_000_000_000);
    expect(serialFor(at("2026-12-01T00:00:00Z"))).toBe(2796083200);
    expect(serialFor(at("2026-12-01T00:00:00.999Z"))).toBe(2796083200);
    expect(serialFor(at("1970-01-01T00:00:00Z"))).toBe(1_000_000_000);
  });

  it("two exports a minute apart on one day differ, and the later one is greater", () => {
    const first = serialFor(at("2026-12-01T10:00:00Z"));
    const second = serialFor(at("2026-12-01T10:01:00Z"));
    expect(second - first).toBe(60);
    expect(isSerialAfter(second, first)).toBe(true);
    expect(isSerialAfter(first, second)).toBe(false);
  });

  it("is greater than the YYYYMMDDnn serial an office has on the day it moves, now and later", () => {
    for (const day of ["2026-12-01", "2030-06-15", "2050-12-31", "2069-09-26"]) {
      const dateSerial = Number(`${day.replaceAll("-", "")}99`);
      expect(isSerialAfter(serialFor(at(`${day}T00:00:00Z`)), dateSerial)).toBe(true);
    }
    // A date serial from years before the move too.
    expect(isSerialAfter(serialFor(at("2026-12-01T00:00:00Z")), 2000010101)).toBe(true);
  });

  it("stays a 32-bit serial past 2^32 (2074-05-31) and keeps growing by RFC 1982", () => {
    const before = serialFor(at("2074-05-31T04:41:35Z"));
    const after = serialFor(at("2074-05-31T04:41:36Z"));
    expect(before).toBe(MAX_SERIAL);
    expect(after).toBe(0);
    expect(isSerialAfter(after, before)).toBe(true);
    expect(serialFor(at("2080-01-01T00:00:00Z"))).toBe(176325504);
  });

  it("with the serial the server has now: the clock's when greater, else one more", () => {
    const now = at("2026-12-01T10:00:00Z");
    const clock = serialFor(now);
    expect(serialFor(now, 2026120105)).toBe(clock);
    expect(serialFor(now, clock - 1)).toBe(clock);
    expect(serialFor(now, clock)).toBe(clock + 1);
    expect(serialFor(now, 4000000000)).toBe(4000000001);
    expect(serialFor(now, MAX_SERIAL)).toBe(0);
    // Half the circle ahead is not "greater" (RFC 1982 leaves it undefined): step by one instead.
    expect(serialFor(now, clock - 2 ** 31)).toBe(clock - 2 ** 31 + 1);
  });
});
