import type { IExecuteSingleFunctions, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import type { Clock, Outcome } from '../../nodes/Thinkeo/transport/rateLimit';
import {
	backoffMs,
	DEFAULT_RATE_LIMIT,
	parseRetryAfter,
	RateGate,
	rateLimitNote,
	rateLimitOf,
	rateLimitRequestOptions,
	rateLimitSettings,
	reopenableStream,
	sendOwnRequestWithResends,
	sendWithResends,
} from '../../nodes/Thinkeo/transport/rateLimit';

/** A clock whose sleeps pass at once, recording each; the awaits first let the code that asked run on, as real time would. */
function fakeClock(start = Date.parse('2026-12-02T01:00:00Z')) {
	const clock = {
		time: start,
		sleeps: [] as number[],
		now: () => clock.time,
		sleep: async (ms: number) => {
			clock.sleeps.push(ms);
			for (let i = 0; i < 20; i++) await Promise.resolve();
			clock.time += ms;
		},
	};
	return clock;
}

/** What the node takes for a stream body: anything with a pipe method. */
const fakeStream = () => ({ pipe: () => undefined });

const answer = (statusCode: number, headers: Record<string, string> = {}) =>
	({ statusCode, headers, body: { status: statusCode } }) as unknown as IN8nHttpFullResponse;

/** Sends answering `answers` in turn through sendWithResends, with a fake clock and no jitter. */
async function run(answers: IN8nHttpFullResponse[], settings = DEFAULT_RATE_LIMIT, prepareResend = async () => undefined as string | undefined) {
	const clock = fakeClock();
	let sends = 0;
	const result = await sendWithResends({
		settings,
		gate: new RateGate(clock as Clock),
		send: async () => answers[Math.min(sends++, answers.length - 1)],
		limitOf: (outcome: Outcome<IN8nHttpFullResponse>) => ('value' in outcome ? rateLimitOf(outcome.value, clock.now()) : undefined),
		prepareResend,
		random: () => 0,
	});
	return { result, sends, sleeps: clock.sleeps, note: rateLimitNote(result) };
}

describe('Retry-After and backoff', () => {
	it('reads Retry-After in seconds or as an HTTP date, and ignores what it cannot read', () => {
		const now = Date.parse('2026-12-02T01:00:00Z');
		expect(parseRetryAfter('7', now)).toBe(7000);
		expect(parseRetryAfter(' 0 ', now)).toBe(0);
		expect(parseRetryAfter('Wed, 02 Dec 2026 01:00:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Wed, 02 Dec 2026 00:59:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter('-3', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
	});

	it('backs off exponentially from 1 s, with up to half as much again of jitter', () => {
		expect([1, 2, 3, 4].map((resend) => backoffMs(resend, () => 0))).toEqual([1000, 2000, 4000, 8000]);
		expect([1, 2, 3].map((resend) => backoffMs(resend, () => 0.999999))).toEqual([1500, 3000, 6000]);
	});

	it('takes 429 (with or without Retry-After) and 503 with Retry-After as rate limits, nothing else', () => {
		expect(rateLimitOf(answer(429))?.retryAfterMs).toBeUndefined();
		expect(rateLimitOf(answer(429, { 'Retry-After': '3' }))?.retryAfterMs).toBe(3000);
		expect(rateLimitOf(answer(503, { 'retry-after': '2' }))?.retryAfterMs).toBe(2000);
		expect(rateLimitOf(answer(503))).toBeUndefined();
		expect(rateLimitOf(answer(500, { 'retry-after': '2' }))).toBeUndefined();
		expect(rateLimitOf(answer(200))).toBeUndefined();
	});
});

describe('resends', () => {
	it('waits as long as Retry-After says, else backs off, then resends until Thinkeo accepts', async () => {
		const { result, sends, sleeps, note } = await run([answer(429, { 'retry-after': '3' }), answer(429), answer(503, { 'retry-after': '1' }), answer(200)]);
		expect(result.statusCode).toBe(200);
		expect(sends).toBe(4);
		expect(sleeps).toEqual([3000, 2000, 1000]);
		expect(note).toBeUndefined();
	});

	it('stops after Max Tries, and the note names the waits made', async () => {
		const { result, sends, sleeps, note } = await run([answer(429, { 'retry-after': '2' })]);
		expect(result.statusCode).toBe(429);
		expect(sends).toBe(5);
		expect(sleeps).toEqual([2000, 2000, 2000, 2000]);
		expect(note).toBe(
			'The node sent this request 5 time(s) after waiting 2.0 s, 2.0 s, 2.0 s, 2.0 s (8.0 s in all): Thinkeo still limited the rate after 5 tries (Rate Limit Max Tries).',
		);
	});

	it('stops before a wait that would pass Max Total Wait', async () => {
		const { sends, sleeps, note } = await run([answer(429, { 'retry-after': '50' })]);
		expect(sends).toBe(3);
		expect(sleeps).toEqual([50_000, 50_000]);
		expect(note).toContain('waiting 50.0 s more would pass Rate Limit Max Total Wait (120.0 s)');
	});

	it('sends once and adds nothing to the error when Max Tries is 1 (resends off)', async () => {
		const { result, sends, sleeps, note } = await run([answer(429, { 'retry-after': '1' }), answer(200)], { maxTries: 1, maxWaitMs: 120_000 });
		expect(result.statusCode).toBe(429);
		expect([sends, sleeps, note]).toEqual([1, [], undefined]);
	});

	it('never resends other 5xx, nor a 503 without Retry-After: Thinkeo may have done the work', async () => {
		for (const status of [500, 502, 503, 504]) {
			const { result, sends } = await run([answer(status), answer(200)]);
			expect([result.statusCode, sends]).toEqual([status, 1]);
		}
	});

	it('does not resend a request that cannot be sent again, and says why', async () => {
		const { sends, note } = await run([answer(429, { 'retry-after': '1' }), answer(200)], DEFAULT_RATE_LIMIT, async () => 'its body cannot be read again');
		expect(sends).toBe(1);
		expect(note).toBe('The node sent this request 1 time(s) without waiting: its body cannot be read again.');
	});

	it('rethrows what the last send threw (the routed path throws status errors)', async () => {
		const clock = fakeClock();
		const failures = [answer(429, { 'retry-after': '1' }), answer(404)];
		let sends = 0;
		const attempt = sendWithResends({
			settings: DEFAULT_RATE_LIMIT,
			gate: new RateGate(clock as Clock),
			send: async () => {
				throw Object.assign(new Error('status'), { response: failures[sends++] });
			},
			limitOf: (outcome) => ('error' in outcome ? rateLimitOf((outcome.error as { response: IN8nHttpFullResponse }).response, clock.now()) : undefined),
			prepareResend: async () => undefined,
		});
		await expect(attempt).rejects.toMatchObject({ response: { statusCode: 404 } });
		expect(sends).toBe(2);
	});
});

describe('pacing while Thinkeo limits the rate', () => {
	it('starts waiting requests after Retry-After, spaced by the rate Thinkeo accepted in the last second', async () => {
		const clock = fakeClock();
		const gate = new RateGate(clock as Clock);
		for (let i = 0; i < 4; i++) gate.noteAccepted();
		gate.noteLimited(1000);
		const waits = await Promise.all([0, 1, 2, 3, 4].map(async () => await gate.turn()));
		expect(waits).toEqual([1000, 1250, 1500, 1750, 2000]);
	});

	it('makes only the limited request wait once pacing, and narrows the spacing with each accepted answer', async () => {
		jest.useFakeTimers({ now: 0 });
		try {
			const gate = new RateGate();
			const at = (turn: Promise<number>) => turn.then(() => Date.now());
			for (let i = 0; i < 4; i++) gate.noteAccepted();
			gate.noteLimited(1000);
			const first = at(gate.turn());
			await jest.advanceTimersByTimeAsync(1000);
			expect(await first).toBe(1000);
			// Pacing: a second rate-limit answer (2 s), after 4 accepted ones, holds back its own request, not the next
			// one's turn.
			for (let i = 0; i < 4; i++) gate.noteAccepted();
			const limited = at(gate.resendTurn(2000));
			const next = at(gate.turn());
			await jest.advanceTimersByTimeAsync(2000);
			expect([await next, await limited]).toEqual([1250, 3000]);
			// 4 answers accepted in the second before: 250 ms apart, 2% narrower for each answer accepted since.
			for (let i = 0; i < 10; i++) gate.noteAccepted();
			const [a, b] = [at(gate.turn()), at(gate.turn())];
			await jest.advanceTimersByTimeAsync(1000);
			expect(Math.abs((await b) - (await a) - 250 * 0.98 ** 10)).toBeLessThanOrEqual(1);
		} finally {
			jest.useRealTimers();
		}
	});

	it('lets requests through at once when Thinkeo has not limited the rate', async () => {
		const clock = fakeClock();
		const gate = new RateGate(clock as Clock);
		expect(await Promise.all([gate.turn(), gate.turn(), gate.turn()])).toEqual([0, 0, 0]);
		expect(clock.sleeps).toEqual([]);
	});
});

describe('settings and request bodies', () => {
	const contextWith = (requestOptions: unknown) =>
		({ getNodeParameter: (name: string, fallback: unknown) => (name === 'requestOptions' ? requestOptions : fallback) }) as unknown as IExecuteSingleFunctions;

	it('reads Max Tries and Max Total Wait from Request Options, with the fields’ defaults (5 tries, 2 minutes)', () => {
		expect(DEFAULT_RATE_LIMIT).toEqual({ maxTries: 5, maxWaitMs: 120_000 });
		expect(rateLimitRequestOptions.options?.map((option) => ('name' in option ? option.name : ''))).toEqual(['rateLimitMaxWait', 'rateLimitMaxTries']);
		expect(rateLimitSettings.call(contextWith({}))).toEqual(DEFAULT_RATE_LIMIT);
		expect(rateLimitSettings.call(contextWith({ rateLimitMaxTries: 1, rateLimitMaxWait: 10 }))).toEqual({ maxTries: 1, maxWaitMs: 10_000 });
	});

	const requestContext = {
		getNodeParameter: (_name: string, fallback: unknown) => fallback,
	} as unknown as IExecuteSingleFunctions;

	it('reopens a stream from n8n’s binary store to resend it', async () => {
		const opened: object[] = [];
		const open = async () => {
			const stream = fakeStream();
			opened.push(stream);
			return stream;
		};
		const request: IHttpRequestOptions = { method: 'POST', url: '/attachments', baseURL: 'http://reopen.test/v1' };
		request.body = reopenableStream(await open(), open) as unknown as IHttpRequestOptions['body'];
		const bodies: unknown[] = [];
		const answers = [answer(429, { 'retry-after': '0' }), answer(200)];
		const result = await sendOwnRequestWithResends.call(requestContext, request, async () => {
			bodies.push(request.body);
			return answers[bodies.length - 1];
		});
		expect(result.statusCode).toBe(200);
		expect(bodies).toEqual([opened[0], opened[1]]);
		expect(bodies[0]).not.toBe(bodies[1]);
	});

	it('does not resend a stream it cannot reopen, and says so', async () => {
		const request: IHttpRequestOptions = { method: 'POST', url: '/attachments', baseURL: 'http://no-reopen.test/v1' };
		request.body = fakeStream() as unknown as IHttpRequestOptions['body'];
		let sends = 0;
		const result = await sendOwnRequestWithResends.call(requestContext, request, async () => {
			sends++;
			return answer(429, { 'retry-after': '0' });
		});
		expect(sends).toBe(1);
		expect(rateLimitNote(result)).toContain('its body is a stream that cannot be read again, so it was not resent');
	});
});

describe('Retry-After: only the forms HTTP defines', () => {
	const now = Date.parse('2026-12-02T01:00:00Z');

	it('reads the three HTTP date forms (IMF-fixdate, RFC 850, asctime)', () => {
		expect(parseRetryAfter('Wed, 02 Dec 2026 01:00:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Wednesday, 02-Dec-26 01:00:30 GMT', now)).toBe(30_000);
		expect(parseRetryAfter('Wed Dec  2 01:00:30 2026', now)).toBe(30_000);
		expect(parseRetryAfter('Wed Dec 02 01:00:30 2026', now)).toBe(30_000);
		// A two-digit year more than 50 years ahead is in the past century: 1977, so no wait.
		expect(parseRetryAfter('Friday, 02-Dec-77 01:00:30 GMT', now)).toBe(0);
		expect(parseRetryAfter('Sunday, 02-Dec-77 01:00:30 GMT', now)).toBeUndefined();
	});

	it('takes anything else for no Retry-After, rather than for a past date or a number', () => {
		for (const value of ['abc 5', 'May 5', '-3', '1e3', '5.5', '+5', '0x10', '5 s', 'Thu, 02 Dec 2026 01:00:30 GMT', 'wed, 02 dec 2026 01:00:30 gmt', 'Wed, 31 Feb 2026 01:00:30 GMT', 'Wed, 02 Dec 2026 24:00:00 GMT', '２']) {
			expect([value, parseRetryAfter(value, now)]).toEqual([value, undefined]);
		}
	});

	it('does not resend a 503 whose Retry-After it cannot read: Thinkeo may have done the work', async () => {
		for (const value of ['abc 5', 'May 5']) {
			const { result, sends, sleeps } = await run([answer(503, { 'retry-after': value }), answer(200)]);
			expect([result.statusCode, sends, sleeps]).toEqual([503, 1, []]);
		}
	});

	it('backs off on a 429 whose Retry-After it cannot read, instead of resending at once', async () => {
		const { sends, sleeps } = await run([answer(429, { 'retry-after': 'May 5' }), answer(200)]);
		expect([sends, sleeps]).toEqual([2, [1000]]);
	});
});
