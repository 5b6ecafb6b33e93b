/** Plain-text formatting shared by the staff views. Pure functions, no DOM. */
import type { HandoffReason, PageContext } from '../protocol/schemas.ts';

const REASONS: Record<HandoffReason, string> = {
  visitor_asked: 'Asked for a person',
  policy: 'Flagged by triage',
  offer_accepted: 'Accepted the offer of a person',
};

/** The handoff reason in words (unknown future reasons fall back to their code). */
export function reasonLabel(reason: string): string {
  return (REASONS as Record<string, string>)[reason] ?? reason.replace(/_/g, ' ');
}

/** A duration as staff say it: "just now", "4 min", "1 h 5 min". */
export function duration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'under 1 min';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 24) return rest ? `${hours} h ${rest} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return `${days} d ${hours % 24} h`;
}

/** Time on page, which is usually seconds to minutes. */
export function shortDuration(ms: number): string {
  const seconds = Math.round(Math.max(0, ms) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return duration(ms);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A message time: the clock time today, date and time otherwise. */
export function clockTime(at: number, now = Date.now()): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return (sameDay ? timeFormat : dateTimeFormat).format(at);
}

/** A rough, human description of the visitor's device from its user agent and viewport. */
export function deviceLabel(device: PageContext['device']): string {
  const ua = device.userAgent;
  const os = /iPhone/.test(ua)
    ? 'iPhone'
    : /iPad/.test(ua)
      ? 'iPad'
      : /Android/.test(ua)
        ? /Mobile/.test(ua)
          ? 'Android phone'
          : 'Android tablet'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Mac OS X|Macintosh/.test(ua)
            ? 'Mac'
            : /CrOS/.test(ua)
              ? 'ChromeOS'
              : /Linux/.test(ua)
                ? 'Linux'
                : '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /(Chrome|Chromium|CriOS)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : '';
  const parts = [[os, browser].filter(Boolean).join(', ') || 'Unknown device'];
  if (device.viewport) parts.push(`${device.viewport.replace('x', '×')} screen`);
  if (device.touch) parts.push('touch');
  return parts.join(' · ');
}

/** The first line of a message, shortened for a list row. */
export function firstLine(text: string, max = 140): string {
  const line =
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A URL a staff member may safely open: http(s) only, anything else is shown as text. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A server's lower-case error as the start of a sentence. */
export const capitalise = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** A server's error as a whole sentence: capitalised, with a full stop unless it has its own. */
export const sentence = (s: string): string => `${capitalise(s)}${/[.!?]$/.test(s) ? '' : '.'}`;
