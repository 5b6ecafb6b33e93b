/** Opening hours in a site's own time zone. */
import { DAYS, type SiteConfig } from './config.ts';

const DAY_NAMES: Record<(typeof DAYS)[number], string> = {
  sun: 'Sun',
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
};

function localParts(now: Date, timeZone: string): { day: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { day, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the business is open now, and if not, when it opens next ("Mon 07:00"). */
export function openingState(site: SiteConfig, now = new Date()): { open: boolean; opensAt?: string } {
  if (!site.hours) return { open: true };
  const { day, minutes } = localParts(now, site.timeZone);
  const today = site.hours[DAYS[day]!];
  if (today && minutes >= toMinutes(today[0]) && minutes < toMinutes(today[1])) return { open: true };
  for (let ahead = 0; ahead < 8; ahead++) {
    const key = DAYS[(day + ahead) % 7]!;
    const span = site.hours[key];
    if (!span || (ahead === 0 && minutes >= toMinutes(span[0]))) continue;
    return { open: false, opensAt: `${ahead === 0 ? 'today' : ahead === 1 ? 'tomorrow' : DAY_NAMES[key]} at ${span[0]}` };
  }
  return { open: false };
}
