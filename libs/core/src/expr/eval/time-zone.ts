// Session time zones: the UTC offset of a zone at an instant and the instant of a local date-time in it, as
// java.time resolves them (Spark's `ZoneId` semantics). Region zones come from Intl (Node's ICU tz data), read once
// per zone and ~388-day span into a transition table, so per-row conversions make no Intl calls.
import { ExecutionError } from '../../errors.js';
import { daysFromCivil } from './datetime.js';

/** Java's `ZoneId.SHORT_IDS`, which Spark's `getZoneId` accepts. */
const SHORT_IDS: Readonly<Record<string, string>> = {
  ACT: 'Australia/Darwin', AET: 'Australia/Sydney', AGT: 'America/Argentina/Buenos_Aires', ART: 'Africa/Cairo',
  AST: 'America/Anchorage', BET: 'America/Sao_Paulo', BST: 'Asia/Dhaka', CAT: 'Africa/Harare', CNT: 'America/St_Johns',
  CST: 'America/Chicago', CTT: 'Asia/Shanghai', EAT: 'Africa/Addis_Ababa', ECT: 'Europe/Paris', IET: 'America/Indiana/Indianapolis',
  IST: 'Asia/Kolkata', JST: 'Asia/Tokyo', MIT: 'Pacific/Apia', NET: 'Asia/Yerevan', NST: 'Pacific/Auckland',
  PLT: 'Asia/Karachi', PNT: 'America/Phoenix', PRT: 'America/Puerto_Rico', PST: 'America/Los_Angeles', SST: 'Pacific/Guadalcanal',
  VST: 'Asia/Ho_Chi_Minh', EST: '-05:00', MST: '-07:00', HST: '-10:00',
};

/** Seconds per table span: 2^25 s ≈ 388 days, so a span holds at most a year's transitions or so. */
const SPAN = 2 ** 25;
const DAY = 86400;
/** Sampling step within a span: zones do not change offset twice within a week. */
const STEP = 7 * DAY;
const INTL_TEXT = /^(\d+)\/(\d+)\/(\d+) (AD|BC|A|B), (\d+):(\d+):(\d+)$/;
/** Instants JavaScript's Date can hold (±8.64e15 ms); offsets beyond are those at the edge. */
const MAX_SECONDS = 8.64e12 - 2 * DAY;

export interface TimeZone {
  /** The id as given (what `current_timezone()` shows). */
  readonly id: string;
  /** The zone's offset from UTC, in seconds, at `utcSeconds` since the epoch. */
  offsetAt(utcSeconds: number): number;
  /**
   * The UTC seconds of local wall-clock seconds (a local date-time read as if it were UTC), as java.time's
   * `ZonedDateTime.of` resolves it: in a gap the offset before it (the time moves forward by the gap), in an
   * overlap the earlier offset.
   */
  utcOf(localSeconds: number): number;
}

class FixedZone implements TimeZone {
  constructor(
    readonly id: string,
    private readonly offset: number,
  ) {}
  offsetAt(): number {
    return this.offset;
  }
  utcOf(localSeconds: number): number {
    return localSeconds - this.offset;
  }
}

/** Transitions of one span: the offset at its start, then [utc second, new offset] pairs in time order. */
interface Span {
  readonly start: number;
  readonly times: readonly number[];
  readonly offsets: readonly number[];
}

class RegionZone implements TimeZone {
  private readonly spans = new Map<number, Span>();
  private readonly fmt: Intl.DateTimeFormat;

  constructor(readonly id: string, ianaId: string) {
    this.fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: ianaId, hourCycle: 'h23', era: 'short', calendar: 'gregory', numberingSystem: 'latn',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  }

  /** One Intl call: the zone's offset at an instant (whole seconds). */
  private intlOffset(utcSeconds: number): number {
    const t = Math.max(-MAX_SECONDS, Math.min(MAX_SECONDS, utcSeconds));
    // `format` is ~4x cheaper than `formatToParts`; en-US with h23 reads "3/10/2024 AD, 03:00:00".
    const m = INTL_TEXT.exec(this.fmt.format(t * 1000));
    if (!m) throw new Error(`unexpected Intl date text for ${this.id}: ${this.fmt.format(t * 1000)}`);
    const y = m[4]!.startsWith('B') ? 1 - Number(m[3]) : Number(m[3]);
    const local = daysFromCivil(y, Number(m[1]), Number(m[2])) * DAY + Number(m[5]) * 3600 + Number(m[6]) * 60 + Number(m[7]);
    return local - Math.floor(t);
  }

  private span(k: number): Span {
    let s = this.spans.get(k);
    if (s) return s;
    const start = k * SPAN;
    const times: number[] = [];
    const offsets: number[] = [this.intlOffset(start)];
    let prev = offsets[0]!;
    for (let t = start + STEP; t < start + SPAN + STEP; t += STEP) {
      const at = Math.min(t, start + SPAN);
      const o = this.intlOffset(at);
      if (o !== prev) {
        // The change lies in (at - STEP, at]: find its second by bisection.
        let lo = Math.max(start, at - STEP);
        let hi = at;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (this.intlOffset(mid) === prev) lo = mid;
          else hi = mid;
        }
        times.push(hi);
        offsets.push(o);
        prev = o;
      }
      if (at === start + SPAN) break;
    }
    s = { start, times, offsets };
    this.spans.set(k, s);
    return s;
  }

  offsetAt(utcSeconds: number): number {
    const s = this.span(Math.floor(utcSeconds / SPAN));
    const times = s.times;
    let i = 0;
    while (i < times.length && times[i]! <= utcSeconds) i++;
    return s.offsets[i]!;
  }

  utcOf(localSeconds: number): number {
    // Offsets are within ±18 h, so the instants a local time can mean lie within a day of it.
    const before = this.offsetAt(localSeconds - DAY);
    const after = this.offsetAt(localSeconds + DAY);
    if (before === after) {
      const u = localSeconds - before;
      if (this.offsetAt(u) === before) return u;
    }
    // Near a transition: the earliest candidate offset that is valid at its own instant; none valid = a gap.
    const candidates = before >= after ? [before, after] : [after, before];
    let best: number | null = null;
    for (const o of candidates) {
      const u = localSeconds - o;
      if (this.offsetAt(u) === o && (best === null || u < best)) best = u;
    }
    return best ?? localSeconds - before;
  }
}

const ZONES = new Map<string, TimeZone | null>();

const OFFSET_RE = /^(?:(UTC|GMT|UT))?([+-])(\d{1,2})(?::?(\d{2})(?::?(\d{2}))?)?$/i;

/** The zone of a Spark time zone id (region, `Z`, `UTC`, `+hh:mm`, `GMT+h`, a short id such as `PST`); null if unknown. */
export function findTimeZone(id: string): TimeZone | null {
  let z = ZONES.get(id);
  if (z !== undefined) return z;
  z = makeZone(id);
  ZONES.set(id, z);
  return z;
}

function makeZone(id: string): TimeZone | null {
  const upper = id.toUpperCase();
  if (upper === 'Z' || upper === 'UTC' || upper === 'GMT' || upper === 'UT') return new FixedZone(id, 0);
  const m = OFFSET_RE.exec(id);
  if (m) {
    const h = Number(m[3]);
    const mi = m[4] === undefined ? 0 : Number(m[4]);
    const s = m[5] === undefined ? 0 : Number(m[5]);
    if (h > 18 || mi > 59 || s > 59 || (h === 18 && (mi > 0 || s > 0))) return null;
    return new FixedZone(id, (m[2] === '-' ? -1 : 1) * (h * 3600 + mi * 60 + s));
  }
  const short = SHORT_IDS[id];
  if (short !== undefined) {
    const target = findTimeZone(short);
    return target && (target instanceof FixedZone ? new FixedZone(id, target.offsetAt()) : new RegionZone(id, short));
  }
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(id) || !id.includes('/')) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: id }).resolvedOptions().timeZone;
    return resolved ? new RegionZone(id, id) : null;
  } catch {
    return null;
  }
}

/** Whether `zone` is UTC at every instant (`UTC`, `Z`, `+00:00`…): a fixed zone of offset 0. */
export function isFixedUtc(zone: TimeZone): boolean {
  return zone instanceof FixedZone && zone.offsetAt() === 0;
}

/** `+hh:mm` or `+hh:mm:ss`, as java.time prints a ZoneOffset. */
export function offsetText(seconds: number): string {
  const a = Math.abs(seconds);
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  const s = a % 60;
  const p2 = (v: number) => String(v).padStart(2, '0');
  return `${seconds < 0 ? '-' : '+'}${p2(h)}:${p2(m)}${s ? `:${p2(s)}` : ''}`;
}

/** The zone of `id`, or Spark's error for an id it cannot resolve. */
export function timeZoneOf(id: string | undefined): TimeZone {
  const z = findTimeZone(id ?? 'UTC');
  if (z) return z;
  throw invalidTimeZone(id ?? '');
}

/** Spark's INVALID_TIMEZONE (a DateTimeException in Spark), word for word. */
export function invalidTimeZone(id: string): ExecutionError {
  return new ExecutionError('INVALID_TIMEZONE', `The timezone: ${id} is invalid. The timezone must be either a region-based zone ID or a zone offset. Region IDs must have the form 'area/city', such as 'America/Los_Angeles'. Zone offsets must be in the format '(+|-)HH', '(+|-)HH:mm’ or '(+|-)HH:mm:ss', e.g '-08' , '+01:00' or '-13:33:33', and must be in the range from -18:00 to +18:00. 'Z' and 'UTC' are accepted as synonyms for '+00:00'.`, { timeZone: id });
}

export const UTC: TimeZone = new FixedZone('UTC', 0);
