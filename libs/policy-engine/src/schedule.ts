import { TZDate } from '@date-fns/tz';

export interface Window {
  days: number[];
  from: string;
  to: string;
}

export interface Blackout {
  from: string;
  to: string;
  label?: string;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The instant as a wall clock in `timeZone`: ISO weekday (1 = Monday), minutes since midnight, a label. */
export function wallClock(instant: Date, timeZone: string): { day: number; minute: number; label: string } {
  const local = new TZDate(instant.getTime(), timeZone);
  const day = local.getDay() === 0 ? 7 : local.getDay();
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    day,
    minute: local.getHours() * 60 + local.getMinutes(),
    label: `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())} ${pad(local.getHours())}:${pad(local.getMinutes())} (${timeZone})`,
  };
}

/** Whether the wall-clock time falls in one of the windows (a window may run past midnight). */
export function inWindows(day: number, minute: number, windows: Window[]): boolean {
  return windows.some((window) => {
    const from = minutes(window.from);
    const to = minutes(window.to);
    if (from <= to) return window.days.includes(day) && minute >= from && minute < to;
    // Overnight: e.g. 22:00–02:00 starts on the listed day and ends on the next.
    const previous = day === 1 ? 7 : day - 1;
    return (window.days.includes(day) && minute >= from) || (window.days.includes(previous) && minute < to);
  });
}

/** A local date-time (YYYY-MM-DDTHH:mm) in `timeZone` as an instant; DST gaps resolve forward. */
export function localToInstant(local: string, timeZone: string): number {
  const [date, time] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new TZDate(y, m - 1, d, hh, mm, timeZone).getTime();
}

export function inBlackout(instant: Date, timeZone: string, blackouts: Blackout[]): Blackout | null {
  const t = instant.getTime();
  return blackouts.find((b) => t >= localToInstant(b.from, timeZone) && t < localToInstant(b.to, timeZone)) ?? null;
}
