/**
 * The SOA serial of an exported zone file. Secondaries (and an office's own BIND) load a zone only
 * when its serial is greater than the one they hold, compared in RFC 1982 serial number arithmetic
 * over 32 bits: `a` is greater than `b` when `(a - b) mod 2^32` lies in `1 .. 2^31 - 1`.
 *
 * The serial is the Unix time in seconds plus 10^9, modulo 2^32:
 * - it grows every second, so two exports on one day differ and a later one is greater;
 * - it is above the usual YYYYMMDDnn serials an office moving from its own server has: on
 *   2026-12-01 it is 2 796 083 200, while 2026120199 is 769 963 001 below it (less than 2^31, so
 *   "greater" in RFC 1982), and it grows 31.5 million a year against the date form's one million.
 *   Plain Unix time (1 796 083 200 that day) would compare *less* than 2026120101 and the server
 *   would keep the old zone;
 * - it is above Unix-time serials (BIND's `serial-update-method unixtime`) by 10^9 < 2^31;
 * - it passes 2^32 on 2074-05-31 and wraps, which RFC 1982 allows: each export is still greater
 *   than the one before as long as they are less than 68 years (2^31 s) apart.
 * A YYYYMMDDnn serial from 2000 is still compared correctly until 2069-09-27 (its value + 2^31).
 */

const MODULUS = 2 ** 32;
const HALF = 2 ** 31;

/** Added to the Unix time so the serial clears the YYYYMMDDnn form (see above). */
export const SERIAL_OFFSET = 1_000_000_000;

/** The largest SOA serial, 2^32 - 1 (RFC 1035: an unsigned 32-bit number). */
export const MAX_SERIAL = MODULUS - 1;

/** Whether serial `a` is greater than serial `b` in RFC 1982 arithmetic (undefined cases: no). */
export function isSerialAfter(a: number, b: number): boolean {
  const step = (((a - b) % MODULUS) + MODULUS) % MODULUS;
  return step > 0 && step < HALF;
}

/**
 * The serial for an export at `now`; with `previous` (the serial the office's server has now), one
 * greater than it when the clock's serial is not: the smallest step RFC 1982 allows.
 */
export function serialFor(now: Date, previous?: number): number {
  const seconds = Math.floor(now.getTime() / 1000);
  const clock = (((seconds + SERIAL_OFFSET) % MODULUS) + MODULUS) % MODULUS;
  if (previous === undefined || isSerialAfter(clock, previous)) return clock;
  return (previous + 1) % MODULUS;
}
