/**
 * The token exchange's state and limits, searched with generated cases instead of replayed ones: the single-flight
 * with its deadline (on a fake clock), the token shape check, odd GET /teams answers, and the description of a host
 * that cannot be reached.
 */
import fc from 'fast-check';
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { checkCredential } from '../../credentials/common/credentialCheck';
import type { ExchangeClock } from '../../credentials/common/deadline';
import { EXCHANGE_TIME_LIMIT_MS } from '../../credentials/common/deadline';
import { FAILURE_WINDOW_MS, forgetExchanges, singleFlight } from '../../credentials/common/singleFlight';
import { EXCHANGE_TIME_LIMIT, renewTeamToken, ThinkeoAuthError } from '../../credentials/common/teamTokenExchange';
import { MAX_TOKEN_LENGTH, tokenShapeProblem } from '../../credentials/common/tokenShape';
import type { ConnectionCause } from '../../nodes/Thinkeo/transport/unreachable';
import { describeUnreachable } from '../../nodes/Thinkeo/transport/unreachable';

const NODE: INode = { id: 'n', name: 'Thinkeo', type: 'n8n-nodes-thinkeo.thinkeo', typeVersion: 1, position: [0, 0], parameters: {} };

/** Lets every promise reaction run (the single-flight's chains are a few links long). */
async function flushReactions(): Promise<void> {
	for (let turn = 0; turn < 50; turn += 1) await Promise.resolve();
}

/**
 * A fake clock: `timeout` signals and `at` callbacks fire when `advanceTo` passes their time, in time order, each
 * followed by everything it sets off (including the zero-delay timer the single-flight's backstop waits for).
 */
function fakeClock() {
	let now = 0;
	const timers: Array<{ at: number; fire: () => void }> = [];
	const clock: ExchangeClock & { at(at: number, fire: () => void): void } = {
		now: () => now,
		timeout(ms) {
			const deadline = new AbortController();
			timers.push({ at: now + ms, fire: () => deadline.abort() });
			return deadline.signal;
		},
		at: (at, fire) => timers.push({ at, fire }),
	};
	async function advanceTo(to: number): Promise<void> {
		for (;;) {
			const due = timers.filter((timer) => timer.at <= to).sort((a, b) => a.at - b.at)[0];
			if (!due) break;
			timers.splice(timers.indexOf(due), 1);
			now = due.at;
			due.fire();
			await flushReactions();
			await sleep(0);
			await flushReactions();
		}
		now = to;
		await flushReactions();
	}
	return { clock, advanceTo };
}

describe('single-flight with a deadline', () => {
	beforeEach(() => forgetExchanges());

	const exchangeSpec = fc.record({
		durationMs: fc.integer({ min: 0, max: 2 * EXCHANGE_TIME_LIMIT_MS }),
		fails: fc.boolean(),
		honoursDeadline: fc.boolean(),
	});
	const caller = fc.record({ arrivalMs: fc.integer({ min: 0, max: 3 * EXCHANGE_TIME_LIMIT_MS }), token: fc.constantFrom('', 'held-a', 'held-b') });

	it('settles every caller within the time limit from its own start, and runs at most one exchange at once', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(caller, { minLength: 1, maxLength: 8 }), fc.array(exchangeSpec, { minLength: 1, maxLength: 6 }), async (callers, specs) => {
				forgetExchanges();
				const { clock, advanceTo } = fakeClock();
				// Exchanges started and neither finished nor past their deadline (when the single-flight leaves them).
				const live = new Set<number>();
				let started = 0;
				let mostLiveAtOnce = 0;
				const exchange = async (deadline: AbortSignal) =>
					await new Promise<string>((resolve, reject) => {
						const id = started++;
						const spec = specs[id % specs.length];
						live.add(id);
						mostLiveAtOnce = Math.max(mostLiveAtOnce, live.size);
						deadline.addEventListener('abort', () => live.delete(id), { once: true });
						if (spec.honoursDeadline) deadline.addEventListener('abort', () => reject(new Error(`exchange ${id} cut`)), { once: true });
						clock.at(clock.now() + spec.durationMs, () => {
							live.delete(id);
							if (spec.fails) reject(new Error(`exchange ${id} failed`));
							else resolve(`token-${id}`);
						});
					});
				const settledAfter: Array<number | undefined> = callers.map(() => undefined);
				const ordered = callers.map((call, index) => ({ ...call, index })).sort((a, b) => a.arrivalMs - b.arrivalMs);
				for (const { arrivalMs, token, index } of ordered) {
					await advanceTo(arrivalMs);
					const record = () => (settledAfter[index] = clock.now() - arrivalMs);
					void singleFlight('credential', token, exchange, EXCHANGE_TIME_LIMIT, clock).then(record, record);
					await flushReactions();
				}
				await advanceTo(ordered.at(-1)!.arrivalMs + 2 * EXCHANGE_TIME_LIMIT_MS);

				expect(mostLiveAtOnce).toBeLessThanOrEqual(1);
				for (const waited of settledAfter) {
					expect(waited).toBeDefined();
					expect(waited!).toBeLessThanOrEqual(EXCHANGE_TIME_LIMIT_MS);
				}
			}),
			{ numRuns: 400 },
		);
	});

	it('shares a failure with callers of the next few seconds only: a later caller starts a new exchange', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 0, max: 2 * EXCHANGE_TIME_LIMIT_MS }),
				fc.integer({ min: 0, max: 4 * FAILURE_WINDOW_MS }),
				fc.constantFrom('', 'held'),
				async (failsAfterMs, gapMs, token) => {
					forgetExchanges();
					const { clock, advanceTo } = fakeClock();
					let started = 0;
					// Fails after `failsAfterMs`, or is cut by its deadline first; the next one succeeds.
					const exchange = async (deadline: AbortSignal) =>
						await new Promise<string>((resolve, reject) => {
							const id = started++;
							if (id > 0) return resolve('token-after');
							deadline.addEventListener('abort', () => reject(new Error('cut by the deadline')), { once: true });
							clock.at(failsAfterMs, () => reject(new Error('wrong password')));
						});
					const first = singleFlight('credential', token, exchange, EXCHANGE_TIME_LIMIT, clock).catch((error: Error) => error.message);
					await advanceTo(Math.min(failsAfterMs, EXCHANGE_TIME_LIMIT_MS));
					const firstOutcome = await first;
					const failedAt = clock.now();

					await advanceTo(failedAt + gapMs);
					const late = await singleFlight('credential', token, exchange, EXCHANGE_TIME_LIMIT, clock).catch((error: Error) => error.message);

					if (gapMs < FAILURE_WINDOW_MS) {
						expect(late).toBe(firstOutcome);
						expect(started).toBe(1);
					} else {
						expect(late).toBe('token-after');
						expect(started).toBe(2);
					}
				},
			),
			{ numRuns: 1000 },
		);
	});
});

describe('token shape', () => {
	const printable = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 50 });
	const token = fc.oneof(
		printable,
		fc.string({ unit: 'binary', maxLength: 60 }),
		// Around the length limit.
		fc.integer({ min: MAX_TOKEN_LENGTH - 3, max: MAX_TOKEN_LENGTH + 3 }).map((length) => 'a'.repeat(length)),
		// A printable token with one bad character somewhere.
		fc.tuple(printable, fc.constantFrom(' ', '\t', '\r\n', '\u0000', '\u007f', 'é', '\u2028', '😀'), printable).map((parts) => parts.join('')),
	);
	/** The rule, written again: 1 to 4096 characters, each from '!' (0x21) to '~' (0x7e). */
	const acceptable = (candidate: string) =>
		candidate.length >= 1 &&
		candidate.length <= 4096 &&
		[...candidate].every((character) => character.charCodeAt(0) >= 0x21 && character.charCodeAt(0) <= 0x7e && character.length === 1);

	it('accepts a token iff it is printable ASCII without spaces and at most 4096 characters, and never quotes it', () => {
		fc.assert(
			fc.property(token, (candidate) => {
				const problem = tokenShapeProblem(candidate);
				expect(problem === undefined).toBe(acceptable(candidate));
				if (problem && candidate.length >= 16) expect(problem).not.toContain(candidate);
			}),
			{ numRuns: 5000 },
		);
	});

	it('stores the token POST /tokens answers only if it has that shape, and otherwise fails with a clear error', async () => {
		const credentials: ICredentialDataDecryptedObject = {
			authentication: 'emailPassword',
			baseUrl: 'https://api.thinkeo.io/v1',
			email: 'demo@thinkeo.test',
			password: 'demo-password',
			teamId: 'team-1',
			label: 'n8n',
			lifetimeDays: 30,
			teamToken: '',
		};
		await fc.assert(
			fc.asyncProperty(fc.oneof(token, fc.anything()), async (answered) => {
				const helper = { helpers: { httpRequest: async () => ({ token: answered }) } } as unknown as IHttpRequestHelper;
				const outcome = await renewTeamToken(helper, credentials, new AbortController().signal).catch((error: unknown) => error);
				if (typeof answered === 'string' && acceptable(answered)) {
					expect(outcome).toBe(answered);
				} else {
					expect(outcome).toBeInstanceOf(ThinkeoAuthError);
					expect((outcome as Error).message).toMatch(/^Thinkeo answered POST \/tokens (without a token$|with a token n8n cannot use: )/);
				}
			}),
			{ numRuns: 2000 },
		);
	});
});

describe('GET /teams answers', () => {
	const credentials: ICredentialDataDecryptedObject = {
		authentication: 'emailPassword',
		baseUrl: 'https://api.thinkeo.io/v1',
		email: 'demo@thinkeo.test',
		password: 'demo-password',
		teamId: '',
		label: 'n8n',
		lifetimeDays: 30,
		teamToken: '',
	};
	/** Longest message allowed, whatever the answer: 20 teams with long names and IDs, and the words around them. */
	const MESSAGE_LIMIT = 5000;
	const anyId = fc.oneof(
		fc.uuid(),
		fc.string({ maxLength: 12 }),
		fc.string({ minLength: 120, maxLength: 140 }),
		fc.constantFrom('', ' ', '\t', 't1\r\nX-Evil: 1', 'a'.repeat(5000)),
		fc.double(),
		fc.integer(),
		fc.anything(),
	);
	const anyName = fc.oneof(fc.string(), fc.string({ minLength: 1000, maxLength: 3000 }), fc.anything());
	const team = fc.record({ id: anyId, name: anyName }, { requiredKeys: [] });
	const entry = fc.oneof({ weight: 4, arbitrary: team }, { weight: 1, arbitrary: fc.anything() });
	const answer = fc.oneof(
		fc.array(entry, { maxLength: 4 }),
		fc.array(entry, { minLength: 1, maxLength: 1 }),
		// Many teams, each with a long name.
		fc.integer({ min: 21, max: 400 }).map((count) => Array.from({ length: count }, (_, index) => ({ id: `t${index}`, name: 'n'.repeat(200) }))),
		fc.anything(),
	);
	/** The rule, written again: an ID is a finite number, or a string of 1 to 128 characters, not all blank, without control characters. */
	const sendableId = (id: unknown): string | undefined => {
		const text = typeof id === 'number' && Number.isFinite(id) ? String(id) : id;
		if (typeof text !== 'string' || text.length === 0 || text.length > 128 || text.trim() === '') return undefined;
		return [...text].some((character) => character.charCodeAt(0) < 0x20 || (character.charCodeAt(0) >= 0x7f && character.charCodeAt(0) <= 0x9f))
			? undefined
			: text;
	};
	/** The one team a token may be created for: the answer lists exactly one entry, a record with a sendable ID. */
	const onlyTeam = (answered: unknown): string | undefined => {
		if (!Array.isArray(answered) || answered.length !== 1) return undefined;
		const [only] = answered as unknown[];
		if (typeof only !== 'object' || only === null || Array.isArray(only)) return undefined;
		return sendableId((only as { id?: unknown }).id);
	};

	it('creates a token only for the one team of a one-team list, else fails with a clear, bounded error', async () => {
		const issued = `tkak_${'0'.repeat(40)}`;
		await fc.assert(
			fc.asyncProperty(answer, async (answered) => {
				const posted: Array<IHttpRequestOptions['qs']> = [];
				const helper = {
					helpers: {
						httpRequest: async (options: IHttpRequestOptions) => {
							if (options.method === 'GET') return answered;
							posted.push(options.qs);
							return { token: issued };
						},
					},
				} as unknown as IHttpRequestHelper;
				const outcome = await renewTeamToken(helper, credentials, new AbortController().signal).catch((error: unknown) => error);
				const expected = onlyTeam(answered);
				if (expected === undefined) {
					expect(posted).toEqual([]);
					expect(outcome).toBeInstanceOf(ThinkeoAuthError);
					const { message } = outcome as Error;
					expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
					expect(message).toMatch(/GET \/teams|belongs to/);
				} else {
					expect(outcome).toBe(issued);
					expect(posted).toHaveLength(1);
					expect(posted[0]?.team).toBe(expected);
				}
			}),
			{ numRuns: 1500 },
		);
	});

	it("the credential Test calls a success only an answer that is a list: any other accepted answer fails it, in a message that quotes none of it", async () => {
		const answers = fc.oneof(answer, fc.string().map((text) => `<!DOCTYPE html><html><body>${text}</body></html>`));
		await fc.assert(
			fc.asyncProperty(answers, fc.constantFrom('apiToken', 'heldToken', 'teamId'), async (answered, mode) => {
				const helper = { helpers: { httpRequest: async () => answered } } as unknown as IHttpRequestHelper;
				const tested: ICredentialDataDecryptedObject =
					mode === 'apiToken'
						? { authentication: 'apiToken', baseUrl: credentials.baseUrl, apiToken: `tkak_${'1'.repeat(40)}` }
						: { ...credentials, ...(mode === 'heldToken' ? { teamToken: `tkak_${'2'.repeat(40)}` } : { teamId: 'team-1' }) };
				const outcome = await checkCredential(helper, tested, new AbortController().signal).catch((error: unknown) => error);
				if (Array.isArray(answered)) {
					expect(outcome).toMatch(/^Connection successful/);
				} else {
					expect(outcome).toBeInstanceOf(ThinkeoAuthError);
					const { message } = outcome as Error;
					expect(message).toMatch(/^The Base URL answered GET \/teams with .+ instead of Thinkeo's list of teams/);
					expect(message.length).toBeLessThan(400);
					if (typeof answered === 'string' && answered.length > 20) expect(message).not.toContain(answered);
				}
			}),
			{ numRuns: 600 },
		);
	});

	it('lists at most 20 teams and counts the others', async () => {
		await fc.assert(
			fc.asyncProperty(fc.integer({ min: 2, max: 200 }), fc.integer({ min: 0, max: 5 }), async (count, unusable) => {
				const answered = [
					...Array.from({ length: count }, (_, index) => ({ id: `team-${index}`, name: `Team ${index}` })),
					...Array.from({ length: unusable }, () => null),
				];
				const helper = { helpers: { httpRequest: async () => answered } } as unknown as IHttpRequestHelper;
				const { message } = (await renewTeamToken(helper, credentials, new AbortController().signal).catch((error: unknown) => error)) as Error;
				expect(message).toContain(`belongs to ${count + unusable} teams`);
				const listed = message.match(/Team \d+ \(team-\d+\)/g) ?? [];
				expect(listed).toHaveLength(Math.min(count, 20));
				if (count > 20) expect(message).toContain(`, and ${count - 20} more`);
				else expect(message).not.toMatch(/ more(?! entr)/);
				if (unusable > 0) expect(message).toContain(`${unusable} other ${unusable === 1 ? 'entry' : 'entries'} of Thinkeo's list had no usable team ID`);
			}),
			{ numRuns: 300 },
		);
	});
});

describe('a host that cannot be reached', () => {
	/** The cause each code stands for, written again from the codes Node.js, axios and OpenSSL use. */
	const CODES: Record<Exclude<ConnectionCause, 'other'>, string[]> = {
		dns: ['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA'],
		refused: ['ECONNREFUSED'],
		reset: ['ECONNRESET', 'EPIPE'],
		timeout: ['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT'],
		unreachable: ['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN'],
		tls: [
			'CERT_HAS_EXPIRED',
			'CERT_NOT_YET_VALID',
			'DEPTH_ZERO_SELF_SIGNED_CERT',
			'SELF_SIGNED_CERT_IN_CHAIN',
			'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
			'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
			'ERR_TLS_CERT_ALTNAME_INVALID',
			'CERT_UNTRUSTED',
			'EPROTO',
			'ERR_SSL_WRONG_VERSION_NUMBER',
		],
	};
	const PHRASES: Record<Exclude<ConnectionCause, 'other'>, string> = {
		dns: 'DNS lookup failed',
		refused: 'the connection was refused',
		reset: '(connection reset)',
		timeout: 'the connection timed out',
		unreachable: 'no network route',
		tls: 'the secure (TLS) connection failed',
	};
	const known = Object.entries(CODES).flatMap(([cause, codes]) => codes.map((code) => ({ cause: cause as ConnectionCause, code })));
	const unknownCode = fc.stringMatching(/^E[A-Z]{3,12}$/).filter((code) => !known.some((entry) => entry.code === code));
	/** Where a code travels: on the error, on its cause (axios), on one of several errors (dual-stack connect). */
	const carrying = (code: string, message: string) =>
		fc.constantFrom(
			Object.assign(new Error(message), { code }),
			Object.assign(new Error(message), { cause: { code } }),
			Object.assign(new Error(message), { code: 'ERR_BAD_OPTION', cause: Object.assign(new Error(''), { code }) }),
			{ message, errors: [{ code: 'ESOMETHING' }, { code }] },
			Object.assign(new Error(message), { code: code.toLowerCase() }),
		);
	/** Messages that name no cause of their own. */
	const neutralMessage = fc.constantFrom('', 'request failed', 'Error', 'something went wrong');
	const host = fc.constantFrom('api.thinkeo.io', 'thinkeo.invalid', 'localhost', '127.0.0.1', '[::1]', 'proxy.corp.example');
	const baseUrl = fc
		.tuple(fc.constantFrom('http', 'https'), host, fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }), fc.constantFrom('', '/v1'))
		.map(([scheme, name, port, path]) => `${scheme}://${name}${port === undefined ? '' : `:${port}`}${path}`);
	const where = fc.constantFrom('GET /teams', 'POST /tokens');

	it('names the host and the one cause of each known code, wherever it travels, in words n8n shows unchanged', () => {
		const caseOfKnownCode = fc.constantFrom(...known).chain(({ cause, code }) =>
			fc.record({ cause: fc.constant(cause), error: neutralMessage.chain((message) => carrying(code, message)) }),
		);
		fc.assert(
			fc.property(caseOfKnownCode, baseUrl, where, ({ cause, error }, url, request) => {
				const described = describeUnreachable(error, url, request);
				expect(described.cause).toBe(cause);
				expect(described.message.startsWith(`Could not reach Thinkeo at ${new URL(url).host} (${request}): `)).toBe(true);
				const named = Object.values(PHRASES).filter((phrase) => described.message.includes(phrase));
				expect(named).toEqual([PHRASES[cause as Exclude<ConnectionCause, 'other'>]]);
				expect(described.message).toContain(url);
				// n8n wraps the credential's error in a NodeApiError, which swaps a message naming an error code for its own.
				expect(new NodeApiError(NODE, new Error(described.message) as unknown as JsonObject).message).toBe(described.message);
			}),
			{ numRuns: 2000 },
		);
	});

	it('never throws, whatever was thrown, and names the host even for a cause it cannot tell', () => {
		const anyError = fc.oneof(
			unknownCode.chain((code) => neutralMessage.chain((message) => carrying(code, message))),
			fc.anything(),
			fc.string().map((message) => new Error(message)),
		);
		const anyHost = fc.oneof(fc.domain(), fc.ipV4());
		fc.assert(
			fc.property(anyError, anyHost, where, (error, name, request) => {
				const url = `https://${name}/v1`;
				const described = describeUnreachable(error, url, request);
				expect(described.message.startsWith(`Could not reach Thinkeo at ${new URL(url).host} (${request}): `)).toBe(true);
				expect(typeof described.cause).toBe('string');
			}),
			{ numRuns: 2000 },
		);
	});

	it('calls a code it does not know "other" and keeps what the error said', () => {
		fc.assert(
			fc.property(unknownCode, neutralMessage, baseUrl, where, (code, message, url, request) => {
				const described = describeUnreachable(Object.assign(new Error(message), { code }), url, request);
				expect(described.cause).toBe('other');
				expect(described.message).toContain(message || 'no answer came');
				expect(Object.values(PHRASES).filter((phrase) => described.message.includes(phrase))).toEqual([]);
			}),
			{ numRuns: 1000 },
		);
	});
});
