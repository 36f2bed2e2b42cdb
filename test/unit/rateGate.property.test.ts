/**
 * Properties of the rate limit handling, searched with fast-check rather than replayed: the Retry-After parser
 * accepts exactly delta-seconds and the three HTTP date forms.
 */
import fc from 'fast-check';

import { parseHttpDate, parseRetryAfter } from '../../nodes/Thinkeo/transport/rateLimit';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const NOW = Date.parse('2026-12-02T01:00:00Z');
const FIRST_INSTANT = Date.parse('0000-01-01T00:00:00Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59Z');

const two = (value: number) => String(value).padStart(2, '0');
const clockTime = (date: Date) => `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
const fourDigitYear = (date: Date) => String(date.getUTCFullYear()).padStart(4, '0');

/** The ways RFC 9110 §5.6.7 writes an instant (asctime has two for days 1-9), written here independently of the parser. */
function httpDates(instant: number): string[] {
	const date = new Date(instant);
	const [day, weekday, month] = [date.getUTCDate(), date.getUTCDay(), MONTHS[date.getUTCMonth()]];
	return [
		`${DAYS[weekday]}, ${two(day)} ${month} ${fourDigitYear(date)} ${clockTime(date)} GMT`,
		`${LONG_DAYS[weekday]}, ${two(day)}-${month}-${two(date.getUTCFullYear() % 100)} ${clockTime(date)} GMT`,
		`${DAYS[weekday]} ${month} ${String(day).padStart(2, ' ')} ${clockTime(date)} ${fourDigitYear(date)}`,
		`${DAYS[weekday]} ${month} ${two(day)} ${clockTime(date)} ${fourDigitYear(date)}`,
	];
}

/** Whether `text` is one of the ways to write `instant`, the leap second 23:59:60 included. */
function writes(text: string, instant: number): boolean {
	const leap = httpDates(instant - 1000).map((form) => form.replace(' 23:59:59', ' 23:59:60'));
	return [...httpDates(instant), ...(text.includes(' 23:59:60') ? leap : [])].includes(text);
}

const instants = fc.integer({ min: FIRST_INSTANT / 1000, max: LAST_INSTANT / 1000 }).map((seconds) => seconds * 1000);

/** Characters that turn one date form into another, or into a near miss. */
const nearMissCharacters = fc.constantFrom(...' ,-:0123456789GMTadeinosuJFMASONDWry\t+.e٣');
const edits = fc.array(fc.record({ at: fc.nat(), remove: fc.boolean(), insert: fc.option(nearMissCharacters, { nil: undefined }) }), { maxLength: 3 });

function edit(text: string, changes: Array<{ at: number; remove: boolean; insert?: string }>): string {
	return changes.reduce((result, { at, remove, insert }) => {
		const position = at % (result.length + 1);
		return result.slice(0, position) + (insert ?? '') + result.slice(position + (remove ? 1 : 0));
	}, text);
}

const candidates = fc.oneof(
	fc.string(),
	fc.string({ unit: 'binary' }),
	fc.array(fc.constantFrom(...DAYS, ...LONG_DAYS, ...MONTHS, 'GMT', ', ', ' ', '-', ':', '2026', '77', '05', '5', '23:59:60'), { maxLength: 10 }).map((parts) => parts.join('')),
	fc.tuple(instants, fc.nat(3), edits).map(([instant, form, changes]) => edit(httpDates(instant)[form], changes)),
	fc.tuple(fc.stringMatching(/^\d{1,25}$/), edits).map(([digits, changes]) => edit(digits, changes)),
);

describe('parseRetryAfter', () => {
	it('never throws, and gives undefined or a whole ms count from 0 to Number.MAX_SAFE_INTEGER', () => {
		fc.assert(
			fc.property(candidates, fc.integer({ min: FIRST_INSTANT, max: LAST_INSTANT }), (text, now) => {
				const wait = parseRetryAfter(text, now);
				return wait === undefined || (Number.isSafeInteger(wait) && wait >= 0);
			}),
			{ numRuns: 5000 },
		);
	});

	it('reads every instant in every HTTP date form', () => {
		fc.assert(
			fc.property(instants, (instant) => {
				const [imf, rfc850, ...asctime] = httpDates(instant);
				for (const form of [imf, ...asctime]) {
					expect([form, parseHttpDate(form, NOW)]).toEqual([form, instant]);
					expect(parseRetryAfter(`\t${form} `, NOW)).toBe(Math.max(0, instant - NOW));
				}
				// RFC 850's two-digit year names the one year from 49 years back to 50 years ahead.
				const year = new Date(instant).getUTCFullYear();
				const nowYear = new Date(NOW).getUTCFullYear();
				if (year > nowYear - 50 && year <= nowYear + 50) expect([rfc850, parseHttpDate(rfc850, NOW)]).toEqual([rfc850, instant]);
			}),
			{ numRuns: 3000 },
		);
	});

	it('reads delta-seconds as given, capped at Number.MAX_SAFE_INTEGER ms', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^\d{1,400}$/), (digits) => {
				expect(parseRetryAfter(` ${digits}\t`, NOW)).toBe(Math.min(Number(digits) * 1000, Number.MAX_SAFE_INTEGER));
			}),
			{ numRuns: 2000 },
		);
	});

	it('accepts nothing but delta-seconds and the HTTP date forms', () => {
		fc.assert(
			fc.property(candidates, (text) => {
				const date = parseHttpDate(text, NOW);
				if (date !== undefined) {
					expect([text, writes(text, date)]).toEqual([text, true]);
					const year = new Date(date).getUTCFullYear();
					if (/-\d\d /.test(text)) expect(Math.abs(year - 2026) <= 50).toBe(true);
				}
				const trimmed = text.replace(/^[ \t]+|[ \t]+$/g, '');
				const readable = /^\d+$/.test(trimmed) || parseHttpDate(trimmed, NOW) !== undefined;
				expect([text, parseRetryAfter(text, NOW) !== undefined]).toEqual([text, readable]);
			}),
			{ numRuns: 10000 },
		);
	});
});
