import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import type { ExchangeClock } from '../../credentials/common/deadline';
import { EXCHANGE_TIME_LIMIT_MS } from '../../credentials/common/deadline';
import { forgetExchanges, rememberedExchanges, singleFlight } from '../../credentials/common/singleFlight';
import { EXCHANGE_TIME_LIMIT, MAX_LIFETIME_DAYS, tokenExpiration } from '../../credentials/common/teamTokenExchange';
import { ThinkeoApi } from '../../credentials/ThinkeoApi.credentials';

const TEAM_A = { id: '0193a5b2-7c1e-7d3f-9a8b-000000000001', name: 'Alpha Team' };
const TEAM_B = { id: '0193a5b2-7c1e-7d3f-9a8b-000000000002', name: 'Beta Team' };

interface FakeApiOptions {
	teams?: Array<{ id: string; name: string }>;
	rejectWith?: number;
	/** Lets the test decide when POST /tokens answers, to hold many callers in flight. */
	gate?: Promise<void>;
	/** Tokens GET /teams rejects with 401 (Bearer). */
	revoked?: Set<string>;
}

function statusError(status: number, message: string) {
	return Object.assign(new Error(`Request failed with status code ${status}`), {
		response: { status, data: { error: { message } } },
		config: { headers: { Authorization: 'Basic ZGVtb0B0aGlua2VvLnRlc3Q6ZGVtby1wYXNzd29yZA==' } },
	});
}

/** A stand-in for n8n's `this.helpers.httpRequest` that records every call. */
function fakeThinkeo({ teams = [TEAM_A], rejectWith, gate, revoked = new Set() }: FakeApiOptions = {}) {
	const calls: IHttpRequestOptions[] = [];
	let issued = 0;
	const helper = {
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				calls.push(options);
				const bearer = /^Bearer (.+)$/.exec(String(options.headers?.Authorization ?? ''))?.[1];
				if (bearer) {
					if (revoked.has(bearer)) throw statusError(401, 'Bearer token has been revoked');
					return [TEAM_A];
				}
				if (rejectWith) throw statusError(rejectWith, 'Invalid email or password');
				if (options.method === 'GET') return teams;
				await gate;
				issued += 1;
				return { id: `token-${issued}`, token: `tkak_${issued}`, name: options.qs?.name };
			},
		},
	} as unknown as IHttpRequestHelper;
	return { helper, calls };
}

const posts = (calls: IHttpRequestOptions[]) => calls.filter((call) => call.method === 'POST');

/** A clock reading `at()`, whose deadlines never fire: these tests are about sharing, not time limits. */
const clockAt = (at: () => number): ExchangeClock => ({ now: at, timeout: () => new AbortController().signal });

function credentials(overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		authentication: 'emailPassword',
		baseUrl: 'http://127.0.0.1:9/v1/',
		email: 'demo@thinkeo.test',
		password: 'demo-password',
		teamId: '',
		label: 'n8n',
		lifetimeDays: 30,
		teamToken: '',
		...overrides,
	};
}

const credential = new ThinkeoApi();
const preAuthenticate = async (helper: IHttpRequestHelper, data: ICredentialDataDecryptedObject) =>
	await credential.preAuthentication.call(helper, data);

beforeEach(() => forgetExchanges());

describe('Email & Password exchange', () => {
	it('finds the only team, then creates a token with query parameters and Basic auth', async () => {
		const { helper, calls } = fakeThinkeo();
		const before = Date.now();

		await expect(preAuthenticate(helper, credentials())).resolves.toEqual({ teamToken: 'tkak_1' });

		expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
			'GET http://127.0.0.1:9/v1/teams',
			'POST http://127.0.0.1:9/v1/tokens',
		]);
		for (const call of calls) expect(call.auth).toEqual({ username: 'demo@thinkeo.test', password: 'demo-password' });
		const { team, name, expiration } = calls[1].qs as Record<string, string>;
		expect({ team, name }).toEqual({ team: TEAM_A.id, name: 'n8n' });
		expect(calls[1].body).toBeUndefined();
		const lifetime = Date.parse(expiration) - before;
		expect(lifetime).toBeGreaterThanOrEqual(30 * 86_400_000);
		expect(lifetime).toBeLessThan(30 * 86_400_000 + 60_000);
	});

	it('skips GET /teams when the Team ID is set', async () => {
		const { helper, calls } = fakeThinkeo({ teams: [TEAM_A, TEAM_B] });
		await preAuthenticate(helper, credentials({ teamId: TEAM_B.id }));
		expect(calls).toHaveLength(1);
		expect(calls[0].qs?.team).toBe(TEAM_B.id);
	});

	it('lists the teams by name and ID when the account has several', async () => {
		const { helper, calls } = fakeThinkeo({ teams: [TEAM_A, TEAM_B] });
		const failure = preAuthenticate(helper, credentials());
		await expect(failure).rejects.toThrow(/belongs to 2 teams/);
		await expect(failure).rejects.toThrow(`Alpha Team (${TEAM_A.id}), Beta Team (${TEAM_B.id})`);
		expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
	});

	it('fails clearly when the account has no team', async () => {
		const { helper } = fakeThinkeo({ teams: [] });
		await expect(preAuthenticate(helper, credentials())).rejects.toThrow(/belongs to no team/);
	});

	// The answers a hostile review sent: each gave a raw TypeError, a token for no team, or a 1.2 MB message.
	it.each([
		['[null, null]', [null, null], /^Thinkeo answered GET \/teams with 2 entries but no team n8n can use/],
		['[null, a team]', [null, TEAM_A], /^The Thinkeo account demo@thinkeo\.test belongs to 2 teams\. Set Team ID in the credential to one of: Alpha Team \(0193a5b2-7c1e-7d3f-9a8b-000000000001\) \(1 other entry of Thinkeo's list had no usable team ID\)$/],
		['[null]', [null], /^Thinkeo answered GET \/teams with 1 entry but no team n8n can use/],
		['["x"]', ['x'], /^Thinkeo answered GET \/teams with 1 entry but no team n8n can use/],
		['[{}]', [{}], /^Thinkeo answered GET \/teams with 1 entry but no team n8n can use/],
		['[{ id: { $ne: 1 } }]', [{ id: { $ne: 1 }, name: 't' }], /^Thinkeo answered GET \/teams with 1 entry but no team n8n can use/],
		['a string', 'x', /^Thinkeo answered GET \/teams with a string instead of a list of teams/],
		['an object', { teams: [TEAM_A] }, /^Thinkeo answered GET \/teams with an object instead of a list of teams/],
		['20000 teams', Array.from({ length: 20_000 }, (_, index) => ({ id: `t${index}`, name: 'n'.repeat(50) })), /belongs to 20000 teams\. .*\(t19\), and 19980 more$/],
	])('fails with a clear, bounded message and creates no token when GET /teams answers %s', async (_label, teams, message) => {
		const { helper, calls } = fakeThinkeo({ teams: teams as FakeApiOptions['teams'] });
		const error = (await preAuthenticate(helper, credentials()).catch((e: unknown) => e)) as Error;
		expect(error.name).toBe('ThinkeoAuthError');
		expect(error.message).toMatch(message);
		expect(error.message.length).toBeLessThan(3000);
		expect(posts(calls)).toHaveLength(0);
	});

	it('takes a numeric team ID, and shows a team without a usable name by its ID', async () => {
		const one = fakeThinkeo({ teams: [{ id: 42 }] as unknown as FakeApiOptions['teams'] });
		await preAuthenticate(one.helper, credentials());
		expect(posts(one.calls)[0].qs?.team).toBe('42');

		forgetExchanges();
		const two = fakeThinkeo({ teams: [{ id: 't1', name: null }, TEAM_B] as unknown as FakeApiOptions['teams'] });
		await expect(preAuthenticate(two.helper, credentials())).rejects.toThrow(`Set Team ID in the credential to one of: t1, Beta Team (${TEAM_B.id})`);
	});

	it('says plainly that Thinkeo rejected the email/password, without leaking secrets', async () => {
		const { helper } = fakeThinkeo({ rejectWith: 401 });
		const error = (await preAuthenticate(helper, credentials({ teamId: TEAM_A.id })).catch((e: Error) => e)) as Error;
		expect(error.message).toMatch(/Thinkeo rejected the email\/password for demo@thinkeo\.test/);
		const serialized = JSON.stringify(error) + error.message + String(error.stack);
		expect(serialized).not.toContain('demo-password');
		expect(serialized).not.toContain('Basic ');
		expect(Object.keys(error)).not.toContain('config');
	});

	it('refuses to send the password over plain http:// to a host other than this machine, saying why', async () => {
		const { helper, calls } = fakeThinkeo();
		const failure = preAuthenticate(helper, credentials({ baseUrl: 'http://api.thinkeo.io/v1' }));
		await expect(failure).rejects.toThrow(/^Refusing to send the Thinkeo password over plain http:\/\/ to api\.thinkeo\.io: anyone on the network/);
		await expect(failure).rejects.toThrow(/Use an https:\/\/ Base URL/);
		expect(calls).toHaveLength(0);
		await expect(preAuthenticate(helper, credentials({ baseUrl: 'not a url' }))).rejects.toThrow(/is not a valid URL/);
		expect(calls).toHaveLength(0);
	});

	it.each(['https://api.thinkeo.io/v1', 'http://localhost:8787/v1', 'http://127.0.0.2:8787', 'http://[::1]:8787/v1'])(
		'sends the password to %s',
		async (baseUrl) => {
			const { helper, calls } = fakeThinkeo();
			await expect(preAuthenticate(helper, credentials({ baseUrl }))).resolves.toEqual({ teamToken: 'tkak_1' });
			expect(calls).toHaveLength(2);
		},
	);

	it('rejects a non-positive lifetime before calling Thinkeo', async () => {
		const { helper, calls } = fakeThinkeo();
		await expect(preAuthenticate(helper, credentials({ lifetimeDays: 0 }))).rejects.toThrow(/Token Lifetime/);
		expect(calls).toHaveLength(0);
		expect(tokenExpiration(1, Date.UTC(2026, 0, 1))).toBe('2026-01-02T00:00:00.000Z');
	});

	it('refuses a lifetime past its maximum with a clear message instead of a RangeError', async () => {
		const { helper, calls } = fakeThinkeo();
		await expect(preAuthenticate(helper, credentials({ lifetimeDays: 1e9 }))).rejects.toThrow(
			'Token Lifetime (Days) must be a number from 1 to 36500 (100 years), got "1000000000"',
		);
		expect(calls).toHaveLength(0);
		const lifetime = credential.properties.find((property) => property.name === 'lifetimeDays');
		expect(lifetime?.typeOptions).toEqual({ minValue: 1, maxValue: MAX_LIFETIME_DAYS });
		expect(tokenExpiration(MAX_LIFETIME_DAYS, 0)).toBe(new Date(MAX_LIFETIME_DAYS * 86_400_000).toISOString());
	});
});

describe('one exchange per burst', () => {
	it('shares one exchange between 100 concurrent cold callers', async () => {
		let open!: () => void;
		const { helper, calls } = fakeThinkeo({ gate: new Promise<void>((resolve) => (open = resolve)) });
		const burst = Array.from({ length: 100 }, async () => await preAuthenticate(helper, credentials()));
		open();
		const results = await Promise.all(burst);
		expect(new Set(results.map((result) => (result as { teamToken: string }).teamToken))).toEqual(new Set(['tkak_1']));
		expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1);
	});

	it('lets late callers of the same burst reuse the result, but renews a token that was rejected', async () => {
		const revokedTokens = new Set<string>();
		const { helper, calls } = fakeThinkeo({ revoked: revokedTokens });
		await preAuthenticate(helper, credentials());
		// A request of the same burst that started before the exchange still holds the empty token.
		await expect(preAuthenticate(helper, credentials())).resolves.toEqual({ teamToken: 'tkak_1' });
		expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1);
		// A caller holding tkak_1 is only here because Thinkeo answered 401 to it: once GET /teams confirms it is
		// revoked, a new exchange is due, once.
		revokedTokens.add('tkak_1');
		const revoked = Array.from({ length: 20 }, async () => await preAuthenticate(helper, credentials({ teamToken: 'tkak_1' })));
		const renewed = await Promise.all(revoked);
		expect(new Set(renewed.map((result) => (result as { teamToken: string }).teamToken))).toEqual(new Set(['tkak_2']));
		expect(calls.filter((call) => call.method === 'POST')).toHaveLength(2);
	});

	it('keeps credentials with different passwords apart', async () => {
		const { helper, calls } = fakeThinkeo();
		await Promise.all([
			preAuthenticate(helper, credentials()),
			preAuthenticate(helper, credentials({ password: 'other-password' })),
		]);
		expect(calls.filter((call) => call.method === 'POST')).toHaveLength(2);
	});

	it('shares a failure with the burst for a few seconds only', async () => {
		let clock = 0;
		let attempts = 0;
		const failing = async () => {
			attempts += 1;
			throw new Error('Invalid email or password');
		};
		await expect(singleFlight('key', '', failing, EXCHANGE_TIME_LIMIT, clockAt(() => clock))).rejects.toThrow('Invalid');
		clock = 4_000;
		await expect(singleFlight('key', '', failing, EXCHANGE_TIME_LIMIT, clockAt(() => clock))).rejects.toThrow('Invalid');
		expect(attempts).toBe(1);
		clock = 6_000;
		await expect(singleFlight('key', '', failing, EXCHANGE_TIME_LIMIT, clockAt(() => clock))).rejects.toThrow('Invalid');
		expect(attempts).toBe(2);
	});

	it('makes one attempt for a burst with a wrong password', async () => {
		const { helper, calls } = fakeThinkeo({ rejectWith: 401 });
		const burst = Array.from({ length: 50 }, async () =>
			await preAuthenticate(helper, credentials({ teamId: TEAM_A.id })).catch((error: Error) => error.message),
		);
		const messages = await Promise.all(burst);
		expect(new Set(messages).size).toBe(1);
		expect(calls).toHaveLength(1);
	});

	it('stops reusing a result after the reuse window', async () => {
		let clock = 0;
		let issued = 0;
		const exchange = async () => `t${++issued}`;
		await singleFlight('window', '', exchange, EXCHANGE_TIME_LIMIT, clockAt(() => clock));
		clock = 59_000;
		await expect(singleFlight('window', '', exchange, EXCHANGE_TIME_LIMIT, clockAt(() => clock))).resolves.toBe('t1');
		clock = 61_000;
		await expect(singleFlight('window', '', exchange, EXCHANGE_TIME_LIMIT, clockAt(() => clock))).resolves.toBe('t2');
	});
});

describe('single-flight with several processes (queue mode)', () => {
	const issuer = () => {
		let issued = 0;
		return async () => `t${++issued}`;
	};

	it('gives a caller holding a token this process never replaced a new exchange, even right after another one', async () => {
		const exchange = issuer();
		await expect(singleFlight('q', '', exchange, EXCHANGE_TIME_LIMIT, clockAt(() => 0))).resolves.toBe('t1');
		// Another worker stored its own token, which Thinkeo has just revoked: t1 is no answer to it.
		await expect(singleFlight('q', 'tkak_from_another_worker', exchange, EXCHANGE_TIME_LIMIT, clockAt(() => 1_000))).resolves.toBe('t2');
	});

	it('reuses a past result only for the very token that exchange replaced', async () => {
		const exchange = issuer();
		await singleFlight('q', 'old', exchange, EXCHANGE_TIME_LIMIT, clockAt(() => 0));
		await expect(singleFlight('q', 'old', exchange, EXCHANGE_TIME_LIMIT, clockAt(() => 1_000))).resolves.toBe('t1');
		// t1 itself was rejected: its holder gets a new exchange, and the holder of "old" follows along to t2.
		await expect(singleFlight('q', 't1', exchange, EXCHANGE_TIME_LIMIT, clockAt(() => 2_000))).resolves.toBe('t2');
		await expect(singleFlight('q', 'old', exchange, EXCHANGE_TIME_LIMIT, clockAt(() => 3_000))).resolves.toBe('t2');
	});

	it('lets any caller join the exchange still running, whatever token it holds', async () => {
		let open!: () => void;
		const gate = new Promise<void>((resolve) => (open = resolve));
		let started = 0;
		const exchange = async () => {
			started += 1;
			await gate;
			return `t${started}`;
		};
		const callers = ['', 'a', 'b'].map(async (token) => await singleFlight('q', token, exchange, EXCHANGE_TIME_LIMIT, clockAt(() => 0)));
		open();
		expect(await Promise.all(callers)).toEqual(['t1', 't1', 't1']);
		expect(started).toBe(1);
		// Each of them held a token this exchange replaced.
		await expect(singleFlight('q', 'b', exchange, EXCHANGE_TIME_LIMIT, clockAt(() => 1_000))).resolves.toBe('t1');
	});

	it('never joins an exchange older than its time limit: a hung exchange is left behind', async () => {
		let calls = 0;
		const hanging = async () => {
			calls += 1;
			return calls === 1 ? await new Promise<string>(() => undefined) : `t${calls}`;
		};
		void singleFlight('q', '', hanging, EXCHANGE_TIME_LIMIT, clockAt(() => 0));
		await Promise.resolve();
		await expect(singleFlight('q', '', hanging, EXCHANGE_TIME_LIMIT, clockAt(() => EXCHANGE_TIME_LIMIT_MS))).resolves.toBe('t2');
		expect(calls).toBe(2);
	});

	it('shares a kept token (still valid on GET /teams) for a few seconds only, so a later revocation is seen', async () => {
		let checks = 0;
		const keep = async () => {
			checks += 1;
			return 'held';
		};
		await singleFlight('q', 'held', keep, EXCHANGE_TIME_LIMIT, clockAt(() => 0));
		await expect(singleFlight('q', 'held', keep, EXCHANGE_TIME_LIMIT, clockAt(() => 4_000))).resolves.toBe('held');
		expect(checks).toBe(1);
		await singleFlight('q', 'held', keep, EXCHANGE_TIME_LIMIT, clockAt(() => 6_000));
		expect(checks).toBe(2);
	});

	it('keeps the map of past exchanges bounded by age and by size', async () => {
		const exchange = issuer();
		for (let index = 0; index < 1_500; index += 1) await singleFlight('q', `held-${index}`, exchange, EXCHANGE_TIME_LIMIT, clockAt(() => 0));
		expect(rememberedExchanges()).toBeLessThanOrEqual(1_001);
		await singleFlight('q', 'late', exchange, EXCHANGE_TIME_LIMIT, clockAt(() => 61_000));
		expect(rememberedExchanges()).toBe(1);
	});
});

describe('a rejected token is checked before a new one is created', () => {
	it('keeps a token that GET /teams still accepts: an endpoint that rejects any token creates no new token', async () => {
		const { helper, calls } = fakeThinkeo();
		await expect(preAuthenticate(helper, credentials({ teamToken: 'tkak_works' }))).resolves.toEqual({ teamToken: 'tkak_works' });
		expect(calls.map((call) => `${call.method} ${call.url} ${String(call.headers?.Authorization)}`)).toEqual([
			'GET http://127.0.0.1:9/v1/teams Bearer tkak_works',
		]);
		// Five more renewals (five executions each meeting the same 401): still no token created.
		for (let run = 0; run < 5; run += 1) {
			forgetExchanges();
			await preAuthenticate(helper, credentials({ teamToken: 'tkak_works' }));
		}
		expect(posts(calls)).toHaveLength(0);
	});

	it('replaces a token GET /teams rejects too (revoked right after its exchange)', async () => {
		const { helper, calls } = fakeThinkeo({ revoked: new Set(['tkak_revoked']) });
		await expect(preAuthenticate(helper, credentials({ teamToken: 'tkak_revoked' }))).resolves.toEqual({ teamToken: 'tkak_1' });
		expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
			'GET http://127.0.0.1:9/v1/teams',
			'GET http://127.0.0.1:9/v1/teams',
			'POST http://127.0.0.1:9/v1/tokens',
		]);
		expect(calls[0].headers).toEqual({ Authorization: 'Bearer tkak_revoked' });
		expect(calls[0].auth).toBeUndefined();
	});
});

describe('deadline of an exchange', () => {
	afterEach(() => {
		jest.useRealTimers();
		jest.restoreAllMocks();
	});

	it('hands every request the signal of one deadline, names the request it cut, and recovers', async () => {
		jest.useFakeTimers();
		const deadlines: AbortController[] = [];
		jest.spyOn(AbortSignal, 'timeout').mockImplementation(() => {
			const deadline = new AbortController();
			deadlines.push(deadline);
			return deadline.signal;
		});
		let answering = false;
		const calls: IHttpRequestOptions[] = [];
		// Like n8n's helper: a request that gets no answer fails once its abortSignal fires.
		const helper = {
			helpers: {
				httpRequest: async (options: IHttpRequestOptions) => {
					calls.push(options);
					if (answering) return options.method === 'GET' ? [TEAM_A] : { token: 'tkak_after' };
					return await new Promise((_resolve, reject) =>
						(options.abortSignal as AbortSignal).addEventListener('abort', () => reject(Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' }))),
					);
				},
			},
		} as unknown as IHttpRequestHelper;
		const hung = preAuthenticate(helper, credentials()).catch((error: Error) => error);
		await jest.advanceTimersByTimeAsync(EXCHANGE_TIME_LIMIT_MS * 10);
		expect(calls).toHaveLength(1);
		expect(AbortSignal.timeout).toHaveBeenCalledWith(EXCHANGE_TIME_LIMIT_MS);
		expect(calls[0]).toMatchObject({ abortSignal: deadlines[0].signal, disableFollowRedirect: true });

		deadlines[0].abort();
		const error = (await hung) as Error;
		expect(error.message).toBe(
			'Thinkeo took too long to answer GET /teams: a token exchange must be over within 30 s (all its requests together), and GET /teams had not finished by then. Check that http://127.0.0.1:9/v1 is reachable and answers promptly (a proxy that holds the connection open has the same effect), then run the workflow again.',
		);
		// The API recovers: once the failure is no longer shared (5 s), the next caller gets a token at once.
		answering = true;
		await jest.advanceTimersByTimeAsync(5_000);
		await expect(preAuthenticate(helper, credentials())).resolves.toEqual({ teamToken: 'tkak_after' });
		expect(calls.slice(1).map((call) => call.abortSignal)).toEqual([deadlines[1].signal, deadlines[1].signal]);
	});

	it('leaves an exchange that ignores its deadline behind: its callers get a clear error when it passes', async () => {
		const deadline = new AbortController();
		const clock: ExchangeClock = { now: () => 0, timeout: () => deadline.signal };
		const ignoring = async () => await new Promise<string>(() => undefined);
		const callers = ['', 'held'].map(async (token) => await singleFlight('q', token, ignoring, EXCHANGE_TIME_LIMIT, clock).catch((error: Error) => error.message));
		deadline.abort();
		expect(await Promise.all(callers)).toEqual([
			'The Thinkeo token exchange did not finish within 30 s, its time limit. Check that the Base URL is reachable and answers promptly, then run the workflow again.',
			'The Thinkeo token exchange did not finish within 30 s, its time limit. Check that the Base URL is reachable and answers promptly, then run the workflow again.',
		]);
	});
});

describe('singleFlight is generic: its time limit and the error for passing it are parameters', () => {
	it('joins a running exchange only within the limit given, and leaves one that ignores its deadline with the error given', async () => {
		const limit = { ms: 500, late: () => new Error('took longer than 500 ms') };
		const deadlines: number[] = [];
		const deadline = new AbortController();
		let now = 0;
		const clock: ExchangeClock = {
			now: () => now,
			timeout: (ms) => {
				deadlines.push(ms);
				return deadline.signal;
			},
		};
		let exchanges = 0;
		const hanging = async () => {
			exchanges += 1;
			return await new Promise<string>(() => undefined);
		};
		const first = singleFlight('generic', '', hanging, limit, clock).catch((error: Error) => error.message);
		now = 499;
		const joined = singleFlight('generic', '', hanging, limit, clock).catch((error: Error) => error.message);
		now = 500;
		const fresh = singleFlight('generic', '', hanging, limit, clock).catch((error: Error) => error.message);
		deadline.abort();
		expect(await Promise.all([first, joined, fresh])).toEqual(['took longer than 500 ms', 'took longer than 500 ms', 'took longer than 500 ms']);
		expect(exchanges).toBe(2);
		expect(deadlines).toEqual([500, 500]);
	});
});

describe('authenticate', () => {
	it('sends the team token in Email & Password mode', async () => {
		const signed = await credential.authenticate(credentials({ teamToken: 'tkak_team' }), { url: '/teams' });
		expect(signed.headers).toEqual({ Authorization: 'Bearer tkak_team' });
	});
});

describe('API Token mode', () => {
	it('sends the pasted token and never calls Thinkeo to exchange', async () => {
		const { helper, calls } = fakeThinkeo();
		await expect(
			preAuthenticate(helper, credentials({ authentication: 'apiToken', apiToken: 'tkak_pasted' })),
		).resolves.toEqual({});
		expect(calls).toHaveLength(0);
		const signed = await credential.authenticate(
			credentials({ authentication: 'apiToken', apiToken: 'tkak_pasted', teamToken: 'tkak_other' }),
			{ url: '/teams', headers: { Accept: 'application/json' } },
		);
		expect(signed.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer tkak_pasted' });
	});
});

describe('layout', () => {
	it('the credential module exports the credential class only; the exchange lives in credentials/common/', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const credentialModule = require('../../credentials/ThinkeoApi.credentials') as Record<string, unknown>;
		expect(Object.keys(credentialModule)).toEqual(['ThinkeoApi']);
	});
});
