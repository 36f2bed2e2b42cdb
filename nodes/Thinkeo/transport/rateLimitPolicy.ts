import type {
	IDataObject,
	IExecuteSingleFunctions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';

import { header } from './apiMessage';

/**
 * Rate limits, the policy: what an answer that limits the rate looks like, how long to wait, and the settings. A 429, or a 503 with Retry-After, means Thinkeo did not process the request, so the node waits and
 * sends it again, for every method (creates included): as long as Retry-After says (seconds or an HTTP date), else
 * backing off exponentially from 1 s with jitter, within a number of tries and a total wait that every wait counts
 * against. Other 5xx answers are never resent: the request may have been processed. While Thinkeo limits a
 * credential's rate, that credential's requests start one after another at the rate Thinkeo accepted in the last
 * second, so that a burst of items does not hit the limit again all at once; other credentials are not held back.
 */

export interface RateLimitSettings {
	/** Sends of one request in all, the first one included; 1 turns resends off. */
	maxTries: number;
	/** Waits of one request in all, in ms. */
	maxWaitMs: number;
}

/** The defaults of the node's Request Options (operationKit/requestOptions.ts shows them in the editor). */
export const DEFAULT_RATE_LIMIT: RateLimitSettings = { maxTries: 5, maxWaitMs: 120_000 };

export type RequestContext = IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions;

/** The settings the node's Request Options give, else the defaults (the trigger and the list searches have none). */
export function rateLimitSettings(this: RequestContext): RateLimitSettings {
	const getParameter = this.getNodeParameter as (name: string, fallback: unknown) => unknown;
	let chosen: IDataObject = {};
	try {
		chosen = (getParameter.call(this, 'requestOptions', {}) as IDataObject) ?? {};
	} catch {
		// A context whose node has no such parameter.
	}
	const tries = Number(chosen.rateLimitMaxTries ?? DEFAULT_RATE_LIMIT.maxTries);
	const waitSeconds = Number(chosen.rateLimitMaxWait ?? DEFAULT_RATE_LIMIT.maxWaitMs / 1000);
	return {
		maxTries: Number.isFinite(tries) && tries >= 1 ? Math.floor(tries) : DEFAULT_RATE_LIMIT.maxTries,
		maxWaitMs: Number.isFinite(waitSeconds) && waitSeconds >= 0 ? waitSeconds * 1000 : DEFAULT_RATE_LIMIT.maxWaitMs,
	};
}

/** The longest wait a timer can hold (Node's setTimeout turns anything longer into 1 ms). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
const MONTH = `(${MONTH_NAMES.join('|')})`;
/** The three forms of an HTTP date (RFC 9110 §5.6.7), case-sensitive as it says. */
const IMF_FIXDATE = new RegExp(`^(${DAY_NAMES.join('|')}), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC_850_DATE = new RegExp(`^(${LONG_DAY_NAMES.join('|')}), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME_DATE = new RegExp(`^(${DAY_NAMES.join('|')}) ${MONTH} (\\d{2}| \\d) ${TIME} (\\d{4})$`);

interface DateParts {
	weekday: number;
	year: number;
	month: number;
	day: number;
	time: string[];
}

/** The instant the parts name, or undefined when no such day or time exists or the weekday is not that date's. */
function instantOf({ weekday, year, month, day, time }: DateParts): number | undefined {
	const [hour, minute, second] = time.map(Number);
	// 23:59:60 is the one leap second the grammar allows.
	const leapSecond = second === 60 && hour === 23 && minute === 59;
	if (hour > 23 || minute > 59 || (second > 59 && !leapSecond)) return undefined;
	const date = new Date(0);
	// setUTCFullYear, as Date.UTC would read the years 0-99 as 1900-1999.
	date.setUTCFullYear(year, month, day);
	date.setUTCHours(hour, minute, leapSecond ? 59 : second);
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month || date.getUTCDate() !== day) return undefined;
	if (date.getUTCDay() !== weekday) return undefined;
	return date.getTime() + (leapSecond ? 1000 : 0);
}

/** An HTTP date (IMF-fixdate, RFC 850 or asctime, RFC 9110 §5.6.7) as epoch ms; undefined for anything else. */
export function parseHttpDate(text: string, now = Date.now()): number | undefined {
	const month = (name: string) => MONTH_NAMES.indexOf(name);
	let match = IMF_FIXDATE.exec(text);
	if (match) {
		const [, weekday, day, monthName, year, ...time] = match;
		return instantOf({ weekday: DAY_NAMES.indexOf(weekday), year: Number(year), month: month(monthName), day: Number(day), time });
	}
	match = RFC_850_DATE.exec(text);
	if (match) {
		const [, weekday, day, monthName, shortYear, ...time] = match;
		// A two-digit year more than 50 years ahead is the most recent past year with those digits (RFC 9110 §5.6.7).
		const thisYear = new Date(now).getUTCFullYear();
		let year = thisYear - (thisYear % 100) + Number(shortYear);
		if (year > thisYear + 50) year -= 100;
		return instantOf({ weekday: LONG_DAY_NAMES.indexOf(weekday), year, month: month(monthName), day: Number(day), time });
	}
	match = ASCTIME_DATE.exec(text);
	if (match) {
		const [, weekday, monthName, day, hour, minute, second, year] = match;
		return instantOf({
			weekday: DAY_NAMES.indexOf(weekday),
			year: Number(year),
			month: month(monthName),
			day: Number(day.trim()),
			time: [hour, minute, second],
		});
	}
	return undefined;
}

/**
 * Retry-After in ms (RFC 9110 §10.2.3): delta-seconds (digits only) or an HTTP date, at most
 * Number.MAX_SAFE_INTEGER; undefined when absent or anything else ("abc 5", "May 5", "-3", "1e3", "5.5").
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	const text = value?.replace(/^[ \t]+|[ \t]+$/g, '');
	if (!text) return undefined;
	if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, Number.MAX_SAFE_INTEGER);
	const date = parseHttpDate(text, now);
	return date === undefined ? undefined : Math.max(0, date - now);
}

/**
 * The wait before resend number `resend` (1, 2, …) when Thinkeo gives no Retry-After: 1 s, 2 s, 4 s… each plus up to
 * half as much again at random, so that requests limited together do not come back together.
 */
export function backoffMs(resend: number, random: () => number = Math.random): number {
	const base = 1000 * 2 ** (resend - 1);
	return Math.round(base * (1 + random() / 2));
}

/** A rate-limit answer: the wait Thinkeo asks for (undefined: none given). */
export interface RateLimited {
	response: IN8nHttpFullResponse;
	retryAfterMs: number | undefined;
}

/** The answer as a rate limit (429, or 503 with a readable Retry-After), or undefined for any other answer. */
export function rateLimitOf(response: IN8nHttpFullResponse | undefined, now = Date.now()): RateLimited | undefined {
	if (!response) return undefined;
	const retryAfterMs = parseRetryAfter(header(response.headers, 'retry-after'), now);
	if (response.statusCode === 429) return { response, retryAfterMs };
	if (response.statusCode === 503 && retryAfterMs !== undefined) return { response, retryAfterMs };
	return undefined;
}
