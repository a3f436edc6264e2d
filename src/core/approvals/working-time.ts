/**
 * Working time in the office's own clock. Time standards of the SOPs (mutu baku) count office time
 * only: Monday–Friday, minus national holidays and cuti bersama (SKB of the Ministers of Religious
 * Affairs, Manpower and PANRB, set yearly), within office hours when the calendar models them.
 * Pure: offsets are fixed (WIB +7, WITA +8, WIT +9; no daylight saving in Indonesia), no Intl.
 */
import type { Calendar, TimeStandard } from "./governance.ts";
import { ZONE_OFFSET_MINUTES } from "./governance.ts";

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

/** `HH:MM` → minutes after local midnight. */
export function parseClock(value: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!match) throw new RangeError(`invalid clock time "${value}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Office-day window in minutes after local midnight. */
export function officeWindow(calendar: Calendar): { start: number; end: number } {
  if (!calendar.jam_kerja) return { start: 0, end: DAY_MINUTES };
  return { start: parseClock(calendar.jam_kerja.mulai), end: parseClock(calendar.jam_kerja.selesai) };
}

/** Length of one working day in minutes: what "1 hari kerja" means in this office. */
export function workingDayMinutes(calendar: Calendar): number {
  const { start, end } = officeWindow(calendar);
  return Math.max(0, end - start);
}

/** Days off of the calendar (holidays and cuti bersama), as a set of local dates. */
export function daysOff(calendar: Calendar): Set<string> {
  const days = new Set<string>();
  for (const year of Object.values(calendar.tahun)) {
    for (const holiday of year.libur_nasional) days.add(holiday.tanggal);
    for (const holiday of year.cuti_bersama) days.add(holiday.tanggal);
  }
  return days;
}

/** ISO weekday (1 = Monday) of a local day number (days since 1970-01-01). */
function isoWeekday(dayNumber: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

function dayString(dayNumber: number): string {
  return new Date(dayNumber * DAY_MINUTES * MINUTE).toISOString().slice(0, 10);
}

export function isWorkingDay(calendar: Calendar, localDay: string, off = daysOff(calendar)): boolean {
  const dayNumber = Math.floor(Date.parse(`${localDay}T00:00:00Z`) / (DAY_MINUTES * MINUTE));
  return calendar.hari_kerja.includes(isoWeekday(dayNumber)) && !off.has(localDay);
}

/**
 * Working minutes between two instants (0 when `to` is not after `from`). Partial minutes count
 * as fractions so that sums of adjacent intervals add up exactly.
 */
export function workingMinutesBetween(calendar: Calendar, from: Date, to: Date): number {
  const offset = ZONE_OFFSET_MINUTES[calendar.zona_waktu];
  // Local "wall clock" minutes since the epoch.
  const a = from.getTime() / MINUTE + offset;
  const b = to.getTime() / MINUTE + offset;
  if (!(b > a)) return 0;
  const off = daysOff(calendar);
  const { start, end } = officeWindow(calendar);
  let total = 0;
  for (let day = Math.floor(a / DAY_MINUTES); day * DAY_MINUTES < b; day++) {
    if (!calendar.hari_kerja.includes(isoWeekday(day)) || off.has(dayString(day))) continue;
    const open = day * DAY_MINUTES + start;
    const close = day * DAY_MINUTES + end;
    const overlap = Math.min(close, b) - Math.max(open, a);
    if (overlap > 0) total += overlap;
  }
  return total;
}

/** Wall-clock minutes, for standards such as Buol's "paling lambat 1 x 24 jam". */
export function calendarMinutesBetween(from: Date, to: Date): number {
  return Math.max(0, (to.getTime() - from.getTime()) / MINUTE);
}

/** A time standard in working minutes. */
export function standardMinutes(calendar: Calendar, standard: TimeStandard): number {
  if (standard.menit !== undefined) return standard.menit;
  if (standard.jam !== undefined) return standard.jam * 60;
  if (standard.hari_kerja !== undefined) return standard.hari_kerja * workingDayMinutes(calendar);
  return 0;
}

/** Years touched by [from, to] that the calendar does not list, or lists as not yet decreed. */
export function calendarGaps(calendar: Calendar, from: Date, to: Date): string[] {
  const offset = ZONE_OFFSET_MINUTES[calendar.zona_waktu] * MINUTE;
  const first = new Date(from.getTime() + offset).getUTCFullYear();
  const last = new Date(Math.max(from.getTime(), to.getTime()) + offset).getUTCFullYear();
  const gaps: string[] = [];
  for (let year = first; year <= last; year++) {
    const entry = calendar.tahun[String(year)];
    if (!entry?.ditetapkan) gaps.push(String(year));
  }
  return gaps;
}

/** The words of `formatWorkingMinutes`: Bahasa Indonesia unless asked otherwise. */
export interface DurationUnits {
  day: string;
  hour: string;
  minute: string;
}

export const DURATION_UNITS_ID: DurationUnits = { day: "hari kerja", hour: "jam", minute: "menit" };
export const DURATION_UNITS_EN: DurationUnits = { day: "working days", hour: "h", minute: "min" };

/** "1 jam 5 menit", "2 hari kerja 30 menit": a duration in office terms, Bahasa Indonesia by default. */
export function formatWorkingMinutes(
  calendar: Calendar,
  minutes: number,
  units: DurationUnits = DURATION_UNITS_ID,
): string {
  const rounded = Math.round(minutes);
  const perDay = workingDayMinutes(calendar);
  const parts: string[] = [];
  let rest = rounded;
  // Days only read naturally when the office day is a real window, not 24 hours.
  if (perDay > 0 && perDay < DAY_MINUTES && rest >= perDay) {
    parts.push(`${Math.floor(rest / perDay)} ${units.day}`);
    rest %= perDay;
  }
  if (rest >= 60) {
    parts.push(`${Math.floor(rest / 60)} ${units.hour}`);
    rest %= 60;
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest} ${units.minute}`);
  return parts.join(" ");
}

/** Wall-clock duration: "25 jam 5 menit". */
export function formatCalendarMinutes(minutes: number): string {
  const rounded = Math.round(minutes);
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  if (hours === 0) return `${rest} menit`;
  return rest === 0 ? `${hours} jam` : `${hours} jam ${rest} menit`;
}

/** How the standard itself is written in the SOP. */
export function formatStandard(standard: TimeStandard | undefined): string {
  if (!standard) return "-";
  if (standard.menit !== undefined) return `${standard.menit} menit`;
  if (standard.jam !== undefined) return `${standard.jam} jam`;
  if (standard.hari_kerja !== undefined) return `${standard.hari_kerja} hari kerja`;
  return "-";
}
