import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { rateLimitRequestOptions } from '../../nodes/Thinkeo/operationKit/requestOptions';
import type { Clock } from '../../nodes/Thinkeo/transport/rateGate';
import { gateKey, processGates, RateGate, RateGates } from '../../nodes/Thinkeo/transport/rateGate';
import { QUERY_PAGING } from '../../nodes/Thinkeo/transport/paging';
import type { RateLimitSettings } from '../../nodes/Thinkeo/transport/rateLimitPolicy';
import {
	backoffMs,
	DEFAULT_RATE_LIMIT,
	MAX_TIMER_MS,
	parseRetryAfter,
	rateLimitOf,
	rateLimitSettings,
} from '../../nodes/Thinkeo/transport/rateLimitPolicy';
import type { Outcome } from '../../nodes/Thinkeo/transport/rateLimitResend';
import { sendOwnRequestWithResends, sendWithResends } from '../../nodes/Thinkeo/transport/rateLimitResend';
import { reopenableStream } from '../../nodes/Thinkeo/transport/stream';
import { thinkeoRequest } from '../../nodes/Thinkeo/transport/request';
import { wrapEveryRequest } from '../../nodes/Thinkeo/transport/routedRequest';
import { checkAnswer } from '../../nodes/Thinkeo/transport/answerCheck';
import { endlessBody, wholeBody } from '../support/streams';
import { VirtualClock } from '../support/virtualClock';

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
	const { outcome, rateLimitNote } = await sendWithResends({
		settings,
		gate: new RateGate(clock as Clock),
		send: async () => answers[Math.min(sends++, answers.length - 1)],
		limitOf: (outcome: Outcome<IN8nHttpFullResponse>) => ('value' in outcome ? rateLimitOf(outcome.value, clock.now()) : undefined),
		prepareResend,
		notSent: (note: string) => new Error(note),
		random: () => 0,
	});
	if (!('value' in outcome)) throw new Error('the sends answer, they do not throw');
	return { result: outcome.value, sends, sleeps: clock.sleeps, note: rateLimitNote };
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

	it('resolves what the last send threw (the routed path throws status errors)', async () => {
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
			notSent: (note) => new Error(note),
		});
		expect(await attempt).toEqual({ outcome: { error: expect.objectContaining({ response: expect.objectContaining({ statusCode: 404 }) }) } });
		expect(sends).toBe(2);
	});
});

describe('settings and request bodies', () => {
	const contextWith = (requestOptions: unknown) =>
		({ getNodeParameter: (name: string, fallback: unknown) => (name === 'requestOptions' ? requestOptions : fallback) }) as unknown as IExecuteSingleFunctions;

	it('reads Max Tries and Max Total Wait from Request Options, with the fields’ defaults (5 tries, 2 minutes)', () => {
		expect(DEFAULT_RATE_LIMIT).toEqual({ maxTries: 5, maxWaitMs: 120_000 });
		expect(rateLimitRequestOptions.options?.map((option) => ('name' in option ? option.name : ''))).toEqual(['rateLimitMaxWait', 'rateLimitMaxTries']);
		expect(rateLimitSettings.call(contextWith({}))).toEqual(DEFAULT_RATE_LIMIT);
		const defaults = Object.fromEntries((rateLimitRequestOptions.options ?? []).map((option) => ['name' in option ? option.name : '', 'default' in option ? option.default : undefined]));
		expect(defaults).toEqual({ rateLimitMaxWait: DEFAULT_RATE_LIMIT.maxWaitMs / 1000, rateLimitMaxTries: DEFAULT_RATE_LIMIT.maxTries });
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
		const { response } = await sendOwnRequestWithResends.call(requestContext, 'uploading', request, { authentication: 'apiToken', apiToken: 'tkak_a' }, async () => {
			bodies.push(request.body);
			return answers[bodies.length - 1];
		});
		expect(response.statusCode).toBe(200);
		expect(bodies).toEqual([opened[0], opened[1]]);
		expect(bodies[0]).not.toBe(bodies[1]);
	});

	it('closes the stream a limited send left unread before it opens the next (or its file would stay open)', async () => {
		const opened: Array<{ pipe: () => undefined; destroyed: boolean; destroy: () => void }> = [];
		const open = async () => {
			const stream = { pipe: () => undefined, destroyed: false, destroy: () => (stream.destroyed = true) };
			opened.push(stream);
			return stream;
		};
		const request: IHttpRequestOptions = { method: 'POST', url: '/attachments', baseURL: 'http://reopen-close.test/v1' };
		request.body = reopenableStream(await open(), open) as unknown as IHttpRequestOptions['body'];
		const answers = [answer(429, { 'retry-after': '0' }), answer(429, { 'retry-after': '0' }), answer(200)];
		let sends = 0;
		await sendOwnRequestWithResends.call(requestContext, 'uploading', request, { authentication: 'apiToken', apiToken: 'tkak_c' }, async () => answers[sends++]);
		expect(opened.map((stream) => stream.destroyed)).toEqual([true, true, false]);
	});

	it('does not resend a stream it cannot reopen, and says so', async () => {
		const request: IHttpRequestOptions = { method: 'POST', url: '/attachments', baseURL: 'http://no-reopen.test/v1' };
		request.body = fakeStream() as unknown as IHttpRequestOptions['body'];
		let sends = 0;
		const { rateLimitNote } = await sendOwnRequestWithResends.call(requestContext, 'uploading', request, { authentication: 'apiToken', apiToken: 'tkak_a' }, async () => {
			sends++;
			return answer(429, { 'retry-after': '0' });
		});
		expect(sends).toBe(1);
		expect(rateLimitNote).toContain('its body is a stream that cannot be read again, so it was not resent');
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

describe('Max Total Wait bounds every wait', () => {
	const START = Date.parse('2026-12-02T01:00:00Z');

	/** `count` requests at once on one gate; `answerOf(request, send)` answers each send. Resolves each request's sends. */
	async function concurrent(
		count: number,
		settings: RateLimitSettings,
		answerOf: (request: number, send: number) => IN8nHttpFullResponse,
		random = () => 0,
	) {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		const sends: number[][] = Array.from({ length: count }, () => []);
		const outcomes = await clock.run(
			Promise.allSettled(
				sends.map(async (times, request) => {
					const { rateLimitNote } = await sendWithResends({
						settings,
						gate,
						send: async () => {
							times.push(clock.now());
							return answerOf(request, times.length);
						},
						limitOf: (outcome: Outcome<IN8nHttpFullResponse>) => ('value' in outcome ? rateLimitOf(outcome.value, clock.now()) : undefined),
						prepareResend: async () => undefined,
						notSent: (note) => new Error(note),
						random,
					});
					return rateLimitNote;
				}),
			),
		);
		return { sends, outcomes, clock };
	}

	it('counts the wait for a turn after Retry-After: ten limited requests with 1.5 s each wait 1.5 s at most', async () => {
		// One request gets through; the others are told to come back in 1 s, and then go one after another.
		const { sends, outcomes } = await concurrent(10, { maxTries: 5, maxWaitMs: 1500 }, (request, send) =>
			request === 0 || send > 1 ? answer(200) : answer(429, { 'retry-after': '1' }),
		);
		for (const times of sends) expect(times[times.length - 1] - START).toBeLessThanOrEqual(1500);
		const notes = outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : undefined));
		expect(notes.filter((note) => /more (for its turn among this credential's requests )?would pass Rate Limit Max Total Wait/.test(note ?? '')).length).toBeGreaterThan(0);
	});

	it('counts the first turn: a request whose turn would pass Max Total Wait is not sent', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		gate.noteLimited(15_000);
		let sends = 0;
		const sent = sendWithResends({
			settings: { maxTries: 1, maxWaitMs: 0 },
			gate,
			send: async () => {
				sends++;
				return answer(200);
			},
			limitOf: () => undefined,
			prepareResend: async () => undefined,
			notSent: (note) => new Error(note),
		});
		await expect(clock.run(sent)).rejects.toThrow(
			"Thinkeo limited the rate of this credential's requests, and this request's turn comes in 15.0 s, past Rate Limit Max Total Wait (0.0 s), so the node did not send it.",
		);
		expect([sends, clock.time - START]).toEqual([0, 0]);
	});

	it('counts the backoff with its jitter', async () => {
		const { sends } = await concurrent(1, { maxTries: 5, maxWaitMs: 1200 }, () => answer(429), () => 0.99);
		expect(sends).toEqual([[START]]);
	});

	it('fails at once on a Retry-After longer than a timer can hold, whatever Max Total Wait says', async () => {
		const days = String(Math.ceil(MAX_TIMER_MS / 1000) + 1);
		const { sends, outcomes, clock } = await concurrent(1, { maxTries: 5, maxWaitMs: 1e15 }, () => answer(429, { 'retry-after': days }));
		expect(sends).toEqual([[START]]);
		expect(clock.sleeps).toEqual([]);
		expect(outcomes[0]).toEqual({ status: 'fulfilled', value: expect.stringContaining(`Thinkeo asked to wait ${days}.0 s, longer than the node can wait`) });
	});

	it('never books a turn further away than a timer can hold', async () => {
		const clock = new VirtualClock(START);
		const gate = new RateGate(clock);
		gate.noteLimited(MAX_TIMER_MS);
		const [first, second] = [gate.turn(1e15), gate.turn(1e15)];
		expect(await second).toBeUndefined();
		expect(await clock.run(first)).toBe(MAX_TIMER_MS);
	});
});

describe('one gate per credential', () => {
	const node = { name: 'Thinkeo', type: 'n8n-nodes-thinkeo.thinkeo', typeVersion: 1, parameters: {} };

	/** A node's request context on the credential of `token`; `answer(n)` answers its n-th send. */
	function workflow(token: string, answer: (send: number) => IN8nHttpFullResponse, requestOptions = {}) {
		const sends: number[] = [];
		const context = {
			getNode: () => node,
			getNodeParameter: (name: string, fallback: unknown) => (name === 'requestOptions' ? requestOptions : fallback),
			getCredentials: async () => ({ baseUrl: 'http://gates.test/v1/', authentication: 'apiToken', apiToken: token }),
			helpers: {
				httpRequestWithAuthentication: async () => {
					sends.push(Date.now());
					return answer(sends.length);
				},
			},
		} as unknown as IExecuteSingleFunctions;
		const request = async () => await thinkeoRequest.call(context, 'listing teams', { method: 'GET', url: '/teams' });
		return { request, sends };
	}

	afterEach(() => jest.useRealTimers());

	it('lets another credential through at once while one waits 15 s, and holds back another workflow on the same token', async () => {
		jest.useFakeTimers({ now: 0 });
		const teamA = workflow('tkak_team_a_1', (send) => (send === 1 ? answer(429, { 'retry-after': '15' }) : answer(200)));
		const limited = teamA.request();
		await jest.advanceTimersByTimeAsync(0);
		expect(teamA.sends).toEqual([0]);

		const teamB = workflow('tkak_team_b_1', () => answer(200), { rateLimitMaxTries: 1, rateLimitMaxWait: 0 });
		let done = 0;
		const others = Array.from({ length: 10 }, async () => {
			await teamB.request();
			done++;
		});
		await jest.advanceTimersByTimeAsync(0);
		expect([teamB.sends, done]).toEqual([Array(10).fill(0), 10]);

		const sameToken = workflow('tkak_team_a_1', () => answer(200));
		const sharing = sameToken.request();
		await jest.advanceTimersByTimeAsync(20_000);
		await Promise.all([limited, sharing, ...others]);
		expect(sameToken.sends[0]).toBeGreaterThanOrEqual(15_000);
		expect(teamA.sends[1]).toBeGreaterThanOrEqual(15_000);
	});

	it('keys a gate by Base URL and a hash of the token, never the token', () => {
		const apiToken = (token: string, baseUrl = 'http://a.test/v1') => gateKey(baseUrl, { authentication: 'apiToken', apiToken: token, baseUrl });
		const key = apiToken('tkak_secret');
		expect(key).not.toContain('tkak_secret');
		expect(key).toBe(gateKey('http://a.test/v1/', { authentication: 'apiToken', apiToken: 'tkak_secret' }));
		expect(new Set([key, apiToken('tkak_other'), apiToken('tkak_secret', 'http://b.test/v1')]).size).toBe(3);
		// Email & Password: the token it holds, else (before its first exchange) its account.
		expect(gateKey('http://a.test/v1', { authentication: 'emailPassword', email: 'a@x.test', teamToken: 'tkak_secret' })).toBe(key);
		const fresh = (email: string) => gateKey('http://a.test/v1', { authentication: 'emailPassword', email, teamToken: '' });
		expect(fresh('a@x.test')).not.toBe(fresh('b@x.test'));
	});

	it('pages a Return All through the gate of a token exchanged after its first page', async () => {
		const account = { baseUrl: 'http://gates.test/v1', authentication: 'emailPassword', email: 'pages@x.test', teamToken: '' };
		const exchangedFor = (value: string) => ({ ...account, teamToken: value });
		const exchanged = exchangedFor('tkak_exchanged_1');
		let sent = 0;
		const context = {
			getNode: () => node,
			getNodeParameter: (name: string, fallback: unknown) => (name === 'returnAll' ? true : fallback),
			// n8n exchanges the account for a token with the first request and stores it in the credential.
			getCredentials: async () => (sent === 0 ? account : exchanged),
			async makeRoutingRequest(): Promise<INodeExecutionData[]> {
				sent++;
				return Array.from({ length: sent === 1 ? 100 : sent === 2 ? 1 : 0 }, (_, i) => ({ json: { id: `${sent}-${i}` } }));
			},
		} as unknown as IExecutePaginationFunctions & IExecuteSingleFunctions;
		const using = jest.spyOn(processGates, 'using');
		try {
			const wrapper = wrapEveryRequest({ answers: { ids: { locators: [], pathParameters: [] } }, paging: QUERY_PAGING });
			const options = { method: 'POST', url: '/publications/query', body: {} } as DeclarativeRestApiSettings.HttpRequestOptions;
			const records = await wrapper.call(context, { options } as DeclarativeRestApiSettings.ResultOptions);
			expect(records).toHaveLength(101);
			const keys = using.mock.calls.map(([key]) => key);
			expect(keys).toEqual([gateKey(account.baseUrl, account), gateKey(account.baseUrl, exchanged), gateKey(account.baseUrl, exchanged)]);
		} finally {
			using.mockRestore();
		}
	});

	it('drops the gates no request uses once Thinkeo no longer limits them', async () => {
		const clock = new VirtualClock(0);
		const gates = new RateGates(clock);
		for (let i = 0; i < 1000; i++) await gates.using(`token ${i}`, async () => undefined);
		expect(gates.size).toBeLessThanOrEqual(1);
		await gates.using('limited', async (gate) => gate.noteLimited(5000));
		await gates.using('in use', async () => {
			await gates.using('other', async () => undefined);
			expect(gates.size).toBe(3);
		});
		expect(gates.size).toBe(3);
		clock.time += 5000 + 60_000;
		await gates.using('last', async () => undefined);
		expect(gates.size).toBe(1);
	});
});

describe('rate-limit answers whose body is a stream (downloads)', () => {
	const node = { name: 'Thinkeo', type: 'n8n-nodes-thinkeo.thinkeo', typeVersion: 1, parameters: {} };
	const MESSAGE = 'Rate limit exceeded: at most 1 requests per second per token';

	function download(bodies: Array<{ destroyed: boolean }>, token: string, requestOptions = {}) {
		/** Whether the answer before each resend had been destroyed when it went out. */
		const destroyedAtSend: boolean[] = [];
		let sends = 0;
		const context = {
			getNode: () => node,
			getNodeParameter: (name: string, fallback: unknown) => (name === 'requestOptions' ? requestOptions : fallback),
			getCredentials: async () => ({ baseUrl: 'http://streams.test/v1', authentication: 'apiToken', apiToken: token }),
			helpers: {
				httpRequestWithAuthentication: async () => {
					const sent = sends++;
					if (sent > 0) destroyedAtSend.push(bodies[sent - 1].destroyed);
					return { statusCode: 429, headers: { 'retry-after': '0', 'content-type': 'application/json' }, body: bodies[sent] };
				},
			},
		} as unknown as IExecuteSingleFunctions;
		const request = thinkeoRequest.call(context, 'downloading the file', { method: 'GET', url: '/attachments/x', stream: true });
		return { request, destroyedAtSend };
	}

	/** A body that starts Thinkeo's message and never ends. */
	const endless = () => endlessBody(`{"error":{"status":429,"message":"${MESSAGE}"`);

	it('frees each one before the resend and before the error, even a body that never ends', async () => {
		const bodies = [endless(), endless()];
		const { request, destroyedAtSend } = download(bodies, 'tkak_stream_1', { rateLimitMaxTries: 2 });
		await expect(request).rejects.toThrow('Thinkeo rejected downloading the file (HTTP 429)');
		expect(destroyedAtSend).toEqual([true]);
		expect(bodies.map((body) => body.destroyed)).toEqual([true, true]);
	}, 15_000);

	it('frees them on a routed download too (Attachment → Download), where the answer check reads the body first', async () => {
		const sent = [endless(), endless()];
		const bodies = [...sent];
		const answers = { ids: { locators: [], pathParameters: [] } };
		const check = checkAnswer(answers);
		const parameters: Record<string, unknown> = { resource: 'attachment', operation: 'download', requestOptions: { rateLimitMaxTries: 2 } };
		const context = {
			getNode: () => node,
			getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
			getCredentials: async () => ({ baseUrl: 'http://streams.test/v1', authentication: 'apiToken', apiToken: 'tkak_stream_3' }),
			// n8n's routed request, then the operation's postReceive steps, the answer check first.
			async makeRoutingRequest(): Promise<INodeExecutionData[]> {
				const body = bodies.shift();
				const response = { statusCode: 429, headers: { 'retry-after': '0', 'content-type': 'application/json' }, body } as unknown as IN8nHttpFullResponse;
				return await check.call(context, [{ json: {} }], response);
			},
		} as unknown as IExecutePaginationFunctions & IExecuteSingleFunctions;
		const options = { method: 'GET', url: '/attachments/x', baseURL: 'http://streams.test/v1', encoding: 'stream' };
		const download = wrapEveryRequest({ answers }).call(context, { options } as unknown as DeclarativeRestApiSettings.ResultOptions);
		await expect(download).rejects.toThrow('Thinkeo rejected attachment download (HTTP 429)');
		expect(sent.map((body) => body.destroyed)).toEqual([true, true]);
	}, 15_000);

	it('still shows Thinkeo’s message from a body that ends', async () => {
		const body = wholeBody(JSON.stringify({ error: { status: 429, message: MESSAGE } }));
		const { request } = download([body], 'tkak_stream_2', { rateLimitMaxTries: 1 });
		await expect(request).rejects.toThrow(`Thinkeo rejected downloading the file (HTTP 429): ${MESSAGE}`);
		expect(body.destroyed).toBe(true);
	});
});
