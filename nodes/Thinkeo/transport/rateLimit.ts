import { createHash } from 'crypto';
import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { header } from './apiMessage';
import { bufferNonSuccessBody } from './streamedBody';

/**
 * Rate limits. A 429, or a 503 with Retry-After, means Thinkeo did not process the request, so the node waits and
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

const maxWaitOption: INodeProperties = {
	displayName: 'Rate Limit Max Total Wait (Seconds)',
	name: 'rateLimitMaxWait',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 120,
	description:
		'How long one request may wait in all for Thinkeo’s rate limit (HTTP 429, or 503 with Retry-After) before its item fails',
};

const maxTriesOption: INodeProperties = {
	displayName: 'Rate Limit Max Tries',
	name: 'rateLimitMaxTries',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 5,
	description:
		'How many times one request is sent in all when Thinkeo answers that it limits the rate (HTTP 429, or 503 with Retry-After). 1 turns resending off.',
};

export const DEFAULT_RATE_LIMIT: RateLimitSettings = {
	maxTries: Number(maxTriesOption.default),
	maxWaitMs: Number(maxWaitOption.default) * 1000,
};

/** The node's settings, in its Request Options (n8n adds its own Batching, Proxy, Timeout… to this collection). */
export const rateLimitRequestOptions: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [maxWaitOption, maxTriesOption],
};

type RequestContext = IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions;

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

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

// A monotonic clock: turns booked before the system clock is set back (NTP, a test's fake Date) must not wait for it.
const realClock: Clock = { now: () => performance.now(), sleep: async (ms) => await sleep(ms) };

/** Pacing ends once Thinkeo has not limited the rate for this long. */
const PACING_MS = 60_000;
/** How much each accepted answer narrows the spacing while pacing. */
const NARROWING = 0.98;

/**
 * The requests of one credential (token) to one Thinkeo address while Thinkeo limits its rate. The first rate-limit
 * answer holds back every turn for the wait it asks for; then requests start in turn, spaced by 1 s divided by the
 * answers Thinkeo accepted in the second before the last rate-limit answer. Each accepted answer narrows the spacing
 * by 2%, so that a count taken while n8n itself was slow does not hold the rate down; the next rate-limit answer
 * sets it again from the count. Only the request it answered waits then: the others keep their turns. A turn is
 * booked when it is asked for, so its wait is known before waiting.
 */
export class RateGate {
	private accepted: number[] = [];
	private nextStart = 0;
	private spacingMs = 0;
	private pacingUntil = 0;

	constructor(readonly clock: Clock = realClock) {}

	/** How long the next turn is from now, in ms. */
	turnIn(): number {
		return Math.max(0, this.nextStart - this.clock.now());
	}

	/**
	 * Books the next turn and waits for it; resolves the ms waited. A turn more than `limitMs` away is not booked:
	 * resolves undefined at once.
	 */
	async turn(limitMs = MAX_TIMER_MS): Promise<number | undefined> {
		const now = this.clock.now();
		const start = Math.max(now, this.nextStart);
		const wait = start - now;
		if (wait > Math.min(limitMs, MAX_TIMER_MS)) return undefined;
		this.nextStart = start < this.pacingUntil ? start + this.spacingMs : start;
		if (wait > 0) await this.clock.sleep(wait);
		return wait;
	}

	/** An answer that was not a rate limit. */
	noteAccepted(): void {
		const now = this.clock.now();
		if (now < this.pacingUntil) this.spacingMs *= NARROWING;
		this.accepted.push(now);
		while (this.accepted.length && this.accepted[0] <= now - 1000) this.accepted.shift();
	}

	/** A rate-limit answer asking to wait `waitMs`, which its request waits before asking for a turn again. */
	noteLimited(waitMs: number): void {
		const now = this.clock.now();
		if (now >= this.pacingUntil) this.nextStart = Math.max(this.nextStart, now + waitMs);
		this.pacingUntil = now + waitMs + PACING_MS;
		this.spacingMs = 1000 / Math.max(1, this.accepted.filter((time) => time > now - 1000).length);
	}

	/** Whether the gate holds nothing back any more: its turns have passed and Thinkeo no longer limits the rate. */
	idle(): boolean {
		const now = this.clock.now();
		return now >= this.nextStart && now >= this.pacingUntil;
	}
}

/**
 * The gate of each credential in use, per n8n process: two credentials never wait on each other, while the
 * requests of every workflow on one token share its gate (Thinkeo limits each token). A gate is dropped once no
 * request uses it and it is idle, so the map holds only the credentials Thinkeo limits or that are in use.
 */
export class RateGates {
	private readonly gates = new Map<string, { gate: RateGate; users: number }>();

	constructor(private readonly clock: Clock = realClock) {}

	/** Runs `use` with the gate of `key` (see gateKey); the gate is kept at least until it resolves. */
	async using<T>(key: string, use: (gate: RateGate) => Promise<T>): Promise<T> {
		for (const [other, entry] of this.gates) if (entry.users === 0 && entry.gate.idle()) this.gates.delete(other);
		let entry = this.gates.get(key);
		if (!entry) this.gates.set(key, (entry = { gate: new RateGate(this.clock), users: 0 }));
		entry.users++;
		try {
			return await use(entry.gate);
		} finally {
			entry.users--;
		}
	}

	/** How many gates are kept. */
	get size(): number {
		return this.gates.size;
	}
}

const processGates = new RateGates();

/**
 * The key of a credential's gate: its Base URL and a hash of its token, never the token itself. An email/password
 * credential has no token before its first exchange: its account stands for the token it is getting. A renewed token
 * gets a gate of its own, as Thinkeo limits each token.
 */
export function gateKey(baseUrl: string, credentials: ICredentialDataDecryptedObject): string {
	const token = credentials.authentication === 'apiToken' ? credentials.apiToken : credentials.teamToken;
	const holder = token ? ['token', String(token)] : ['account', String(credentials.email ?? ''), String(credentials.teamId ?? '')];
	return createHash('sha256')
		.update(JSON.stringify([baseUrl.replace(/\/+$/, ''), ...holder]))
		.digest('hex');
}

/** What one send ended with: the answer, or what it threw. */
export type Outcome<T> = { value: T } | { error: unknown };

export interface ResendPlan<T> {
	settings: RateLimitSettings;
	gate: RateGate;
	/** Sends the request once. */
	send: () => Promise<T>;
	/** The outcome as a rate limit, or undefined when it is anything else. */
	limitOf: (outcome: Outcome<T>) => RateLimited | undefined;
	/** Makes the request ready to be sent again; resolves why it cannot be, or undefined. */
	prepareResend: () => Promise<string | undefined>;
	/** The error for a request the node did not send, as its turn would pass Max Total Wait; `note` says so. */
	notSent: (note: string) => Error;
	random?: () => number;
}

/** Why the node stopped resending a rate-limited request, for the error's hint; keyed by Thinkeo's last answer. */
const notes = new WeakMap<IN8nHttpFullResponse, string>();

/** What the node did about the rate limit of this answer, for the error's hint; undefined when it did nothing. */
export function rateLimitNote(response: IN8nHttpFullResponse): string | undefined {
	return notes.get(response);
}

function appendToHint(error: unknown, note: string): void {
	const described = error as { description?: unknown };
	if (error && typeof error === 'object' && typeof described.description === 'string') {
		described.description = `${described.description} ${note}`;
	}
}

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

function waitsMade(firstTurn: number, resendWaits: number[]): string {
	const waits = [...(firstTurn > 0 ? [`${seconds(firstTurn)} for its first turn`] : []), ...resendWaits.map(seconds)];
	if (!waits.length) return 'without waiting';
	const total = resendWaits.reduce((sum, wait) => sum + wait, firstTurn);
	return `after waiting ${waits.join(', ')} (${seconds(total)} in all)`;
}

/**
 * Sends a request, and sends it again while Thinkeo answers with a rate limit, within the settings. Every wait
 * counts against Max Total Wait: the first turn, each Retry-After (or backoff) and the turn after it; a wait that
 * would pass it (or that no timer can hold) is not made. Resolves or throws what the last send did; when that is
 * still a rate limit, its answer carries a note (rateLimitNote) that names the waits made and why the node stopped.
 * A request whose first turn would already pass Max Total Wait is not sent: throws `notSent`.
 */
export async function sendWithResends<T>(plan: ResendPlan<T>): Promise<T> {
	const { settings, gate, send, limitOf, prepareResend, notSent, random = Math.random } = plan;
	const maxWait = seconds(settings.maxWaitMs);
	const firstTurn = await gate.turn(settings.maxWaitMs);
	if (firstTurn === undefined) {
		throw notSent(
			`Thinkeo limited the rate of this credential's requests, and this request's turn comes in ${seconds(gate.turnIn())}, past Rate Limit Max Total Wait (${maxWait}), so the node did not send it.`,
		);
	}
	const waits: number[] = [];
	const waited = () => waits.reduce((sum, wait) => sum + wait, firstTurn);
	for (let tries = 1; ; tries++) {
		let outcome: Outcome<T>;
		try {
			outcome = { value: await send() };
		} catch (error) {
			outcome = { error };
		}
		const limited = limitOf(outcome);
		if (!limited) {
			gate.noteAccepted();
			if ('error' in outcome) throw outcome.error;
			return outcome.value;
		}
		// A streamed body (a download's) is read for Thinkeo's message and destroyed: its connection is not held.
		await bufferNonSuccessBody(limited.response);
		const wait = limited.retryAfterMs ?? backoffMs(tries, random);
		let stop = await whyStop(tries, wait);
		if (!stop) {
			gate.noteLimited(wait);
			if (wait > 0) await gate.clock.sleep(wait);
			const turn = await gate.turn(settings.maxWaitMs - waited() - wait);
			if (turn === undefined) {
				stop = `waiting ${seconds(gate.turnIn())} more for its turn among this credential's requests would pass Rate Limit Max Total Wait (${maxWait})`;
				waits.push(wait);
			} else {
				waits.push(wait + turn);
			}
		}
		if (stop) {
			if (settings.maxTries > 1) {
				const note = `The node sent this request ${tries} time(s) ${waitsMade(firstTurn, waits)}: ${stop}.`;
				notes.set(limited.response, note);
				// An error already built from the answer (the routed path's) gets the note in its hint.
				if ('error' in outcome) appendToHint(outcome.error, note);
			}
			if ('error' in outcome) throw outcome.error;
			return outcome.value;
		}
	}

	/** Why the node sends the request no more rather than wait `wait` ms, or undefined once it is ready to be resent. */
	async function whyStop(tries: number, wait: number): Promise<string | undefined> {
		if (tries >= settings.maxTries) return `Thinkeo still limited the rate after ${settings.maxTries} tries (Rate Limit Max Tries)`;
		if (wait > MAX_TIMER_MS) return `Thinkeo asked to wait ${seconds(wait)}, longer than the node can wait`;
		// The turn after the wait comes no sooner than the gate's next turn.
		const ahead = Math.max(wait, gate.turnIn());
		if (waited() + ahead > settings.maxWaitMs) {
			return `waiting ${seconds(ahead)} more would pass Rate Limit Max Total Wait (${maxWait})`;
		}
		return await prepareResend();
	}
}

/** The function that opens a new stream of the same bytes, for each stream body the node made (see reopenableStream). */
const reopeners = new WeakMap<object, () => Promise<object>>();

/** Marks `stream` as one that `reopen` can give again from the start (n8n's binary store), so it can be resent. */
export function reopenableStream<S extends object>(stream: S, reopen: () => Promise<S>): S {
	reopeners.set(stream, reopen);
	return stream;
}

/** Gets `options` ready to be sent again: a stream body is reopened. Resolves why it cannot be, or undefined. */
async function renewBody(options: Pick<IHttpRequestOptions, 'body'>): Promise<string | undefined> {
	const body = options.body as { pipe?: unknown } | undefined;
	if (!body || typeof body.pipe !== 'function') return undefined;
	const reopen = reopeners.get(body);
	if (!reopen) return 'its body is a stream that cannot be read again, so it was not resent';
	const fresh = (await reopen()) as IHttpRequestOptions['body'];
	reopenableStream(fresh as object, reopen);
	options.body = fresh;
	return undefined;
}

/** The error for a request the node did not send because its turn would pass Max Total Wait. */
function notSentError(context: RequestContext, step: string): (note: string) => Error {
	return (note) =>
		new NodeOperationError(context.getNode(), `Thinkeo is limiting the request rate: ${step} was not sent`, {
			description: `${note} Raise Rate Limit Max Total Wait in the node's Request Options, or space the requests out with Request Options → Batching.`,
		});
}

/**
 * One attempt of a routed request (routedRequest.ts) with resends, through the gate of the node's credential.
 * `answerOf` reads Thinkeo's answer out of the status error the attempt threw.
 */
export function withRateLimitResends(
	context: IExecuteSingleFunctions,
	step: string,
	attempt: (options: DeclarativeRestApiSettings.HttpRequestOptions) => Promise<INodeExecutionData[]>,
	answerOf: (error: unknown) => IN8nHttpFullResponse | undefined,
): (options: DeclarativeRestApiSettings.HttpRequestOptions) => Promise<INodeExecutionData[]> {
	return async (options) => {
		const key = gateKey(String(options.baseURL), await context.getCredentials('thinkeoApi'));
		return await processGates.using(key, async (gate) =>
			await sendWithResends({
				settings: rateLimitSettings.call(context),
				gate,
				send: async () => await attempt(options),
				limitOf: (outcome) => ('error' in outcome ? rateLimitOf(answerOf(outcome.error)) : undefined),
				prepareResend: async () => await renewBody(options),
				notSent: notSentError(context, step),
			}),
		);
	};
}

/**
 * A request of the node's own (transport/request.ts) with resends, through the gate of `credentials`: `send`
 * resolves Thinkeo's answer, whatever its status.
 */
export async function sendOwnRequestWithResends(
	this: RequestContext,
	step: string,
	request: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
	send: () => Promise<IN8nHttpFullResponse>,
): Promise<IN8nHttpFullResponse> {
	return await processGates.using(gateKey(String(request.baseURL), credentials), async (gate) =>
		await sendWithResends({
			settings: rateLimitSettings.call(this),
			gate,
			send,
			limitOf: (outcome) => ('value' in outcome ? rateLimitOf(outcome.value) : undefined),
			prepareResend: async () => await renewBody(request),
			notSent: notSentError(this, step),
		}),
	);
}
