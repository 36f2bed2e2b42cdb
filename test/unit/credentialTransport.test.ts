/**
 * The credential's exchange through n8n-core's real request helper (axios and follow-redirects, as n8n runs them):
 * a redirect from the Base URL to another origin, a second local listener, carries neither the password nor a token
 * there, whatever the status, and the error names it. Then a local Thinkeo that misbehaves: bodies that trickle,
 * tokens n8n cannot use, 403s, and hosts that cannot be reached.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestHelper, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { forgetExchanges } from '../../credentials/common/singleFlight';
import { ThinkeoApi } from '../../credentials/ThinkeoApi.credentials';
import { startExchangeServer, unusedPort } from '../support/exchangeServer';
import { n8nHttpHelper, startRedirectingPair } from '../support/redirecting';

const STATUSES = [301, 302, 303, 307, 308];
const NODE: INode = { id: 'n', name: 'Thinkeo', type: 'n8n-nodes-thinkeo.thinkeo', typeVersion: 1, position: [0, 0], parameters: {} };

let pair: Awaited<ReturnType<typeof startRedirectingPair>>;
const helper = n8nHttpHelper as unknown as IHttpRequestHelper;

const credentials = (teamToken = ''): ICredentialDataDecryptedObject => ({
	authentication: 'emailPassword',
	baseUrl: `${pair.thinkeoUrl}/v1`,
	email: 'demo@thinkeo.test',
	password: 'demo-password',
	teamId: '',
	label: 'n8n',
	lifetimeDays: 30,
	teamToken,
});

beforeAll(async () => {
	pair = await startRedirectingPair();
});

afterAll(async () => await pair.close());

beforeEach(() => {
	forgetExchanges();
	pair.received.length = 0;
});

it.each(STATUSES)('follows no %i on GET /teams: the password never reaches the other origin', async (status) => {
	pair.redirectWith(status);
	await expect(new ThinkeoApi().preAuthentication.call(helper, credentials())).rejects.toThrow(
		`Thinkeo answered GET /teams with a redirect (HTTP ${status} to ${pair.foreignUrl}/v1/teams). The credential follows no redirect`,
	);
	expect(pair.received).toEqual([]);
});

it('follows no redirect when checking a rejected token either', async () => {
	pair.redirectWith(307);
	await expect(new ThinkeoApi().preAuthentication.call(helper, credentials('tkak_held'))).rejects.toThrow(/redirect \(HTTP 307/);
	expect(pair.received).toEqual([]);
});

describe('against a local Thinkeo that misbehaves', () => {
	// The exchange's 30 s deadline, scaled down 20 times (1.5 s) so a test waits for it.
	const SCALE = 20;
	const DEADLINE_MS = 30_000 / SCALE;
	// Leeway for a busy machine; still far below what a deadline-less exchange takes (forever).
	const MARGIN_MS = 600;
	const realTimeout = AbortSignal.timeout.bind(AbortSignal);
	const TEAM = { id: '0193a5b2-7c1e-7d3f-9a8b-000000000001', name: 'Alpha Team' };
	let thinkeo: Awaited<ReturnType<typeof startExchangeServer>>;
	const at = (overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
		...credentials(),
		baseUrl: `${thinkeo.url}/v1`,
		...overrides,
	});
	const preAuthenticate = async (data: ICredentialDataDecryptedObject) => await new ThinkeoApi().preAuthentication.call(helper, data);

	/** The error `work` fails with, or a test failure if it has not settled after `ms`. */
	async function failureWithin(work: Promise<unknown>, ms: number): Promise<Error> {
		const stop = new AbortController();
		const outcome = work.then(
			() => new Error('expected a failure, got a token'),
			(error: Error) => error,
		);
		const late = sleep(ms, stop.signal).then(() => new Error(`still not settled after ${ms} ms`), () => undefined);
		const first = (await Promise.race([outcome, late]))!;
		stop.abort();
		return first;
	}

	beforeAll(async () => {
		thinkeo = await startExchangeServer();
	});
	afterAll(async () => await thinkeo.close());
	beforeEach(() => {
		thinkeo.reset();
		jest.spyOn(AbortSignal, 'timeout').mockImplementation((ms) => realTimeout(ms / SCALE));
	});
	afterEach(() => jest.restoreAllMocks());

	describe('the exchange has a wall-clock deadline', () => {
		it('cuts a GET /teams that trickles one byte at a time at the deadline, names it, and closes its socket', async () => {
			thinkeo.answer('GET /teams', { json: [TEAM], trickleEveryMs: 20 });
			const started = Date.now();

			const error = await failureWithin(preAuthenticate(at()), DEADLINE_MS * 5);

			expect(error.message).toMatch(/^Thinkeo took too long to answer GET \/teams: a token exchange must be over within 30 s/);
			expect(Date.now() - started).toBeLessThan(DEADLINE_MS + MARGIN_MS);
			expect(thinkeo.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /teams']);
			// The server sees its socket closed: the trickle stops, it is not left to run on.
			for (let wait = 0; wait < 20 && thinkeo.requests[0].closedAt === undefined; wait += 1) await sleep(25);
			expect(thinkeo.requests[0].closedAt! - started).toBeLessThan(DEADLINE_MS + MARGIN_MS);
		});

		it('blames the request that was slow: a GET /teams that ends after the deadline, not the POST /tokens after it', async () => {
			thinkeo.answer('GET /teams', { json: [TEAM], trickleEveryMs: 20, trickleForMs: DEADLINE_MS * 1.5 });
			thinkeo.answer('POST /tokens', { json: { token: 'tkak_late' } });

			const error = await failureWithin(preAuthenticate(at()), DEADLINE_MS * 5);

			expect(error.message).toMatch(/^Thinkeo took too long to answer GET \/teams:/);
			expect(thinkeo.requests.filter((request) => request.method === 'POST')).toEqual([]);
		});

		it('counts every request against one deadline: a POST /tokens that trickles is cut when the whole exchange is out of time', async () => {
			thinkeo.answer('GET /teams', { json: [TEAM], trickleEveryMs: 20, trickleForMs: DEADLINE_MS / 2 });
			thinkeo.answer('POST /tokens', { json: { token: 'tkak_late' }, trickleEveryMs: 20 });
			const started = Date.now();

			const error = await failureWithin(preAuthenticate(at()), DEADLINE_MS * 5);

			expect(error.message).toMatch(/^Thinkeo took too long to answer POST \/tokens:/);
			expect(Date.now() - started).toBeLessThan(DEADLINE_MS + MARGIN_MS);
		});

		it('lets a caller that joins a running exchange wait only for what is left of its deadline', async () => {
			thinkeo.answer('GET /teams', { json: [TEAM], trickleEveryMs: 20 });
			const started = Date.now();
			const first = failureWithin(preAuthenticate(at()), DEADLINE_MS * 5);
			await sleep((DEADLINE_MS * 2) / 3);
			const joined = Date.now();

			const joinerError = await failureWithin(preAuthenticate(at({ teamToken: '' })), DEADLINE_MS * 5);

			expect(joinerError.message).toMatch(/^Thinkeo took too long to answer GET \/teams:/);
			expect(Date.now() - joined).toBeLessThan(DEADLINE_MS / 3 + MARGIN_MS);
			expect((await first).message).toBe(joinerError.message);
			expect(Date.now() - started).toBeLessThan(DEADLINE_MS + MARGIN_MS);
			expect(thinkeo.requests).toHaveLength(1);
		});
	});

	describe('the minted token is checked before it is stored', () => {
		it('refuses a 2 MB token: every request would carry it in a header that servers refuse', async () => {
			thinkeo.answer('GET /teams', { json: [TEAM] });
			thinkeo.answer('POST /tokens', { json: { token: `tkak_${'a'.repeat(2 * 1024 * 1024)}` } });

			const error = await failureWithin(preAuthenticate(at()), 5_000);

			expect(error.message).toMatch(
				/^Thinkeo answered POST \/tokens with a token n8n cannot use: it is 2097157 characters long, and a token may have at most 4096 /,
			);
			expect(error.message).toMatch(/The token was not stored/);
			expect(error.message.length).toBeLessThan(1_000);
		});

		it.each([
			['a space', 'tkak_ab cd'],
			['a line break', 'tkak_abcd\r\nX-Injected: 1'],
			['a non-ASCII character', 'tkak_abcé'],
		])('refuses a token with %s, without showing it', async (_what, token) => {
			thinkeo.answer('GET /teams', { json: [TEAM] });
			thinkeo.answer('POST /tokens', { json: { token } });

			const error = await failureWithin(preAuthenticate(at()), 5_000);

			expect(error.message).toMatch(/^Thinkeo answered POST \/tokens with a token n8n cannot use: it contains a space, control or non-ASCII character/);
			expect(error.message).not.toContain(token);
		});

		it('replaces a malformed token it holds (stored by an older version) without sending it', async () => {
			thinkeo.answer('GET /teams', { json: [TEAM] });
			thinkeo.answer('POST /tokens', { json: { token: 'tkak_fresh' } });

			await expect(preAuthenticate(at({ teamToken: `tkak_${'a'.repeat(100_000)}` }))).resolves.toEqual({ teamToken: 'tkak_fresh' });

			expect(thinkeo.requests.map((request) => `${request.method} ${request.path} ${request.bearer ? 'bearer' : 'basic'}`)).toEqual([
				'GET /teams basic',
				'POST /tokens basic',
			]);
		});
	});

	describe('a 403 is a missing permission, not a wrong password', () => {
		it('on the check of the stored token: says the token lacks permission, creates no token', async () => {
			thinkeo.answer('GET /teams bearer', { status: 403, json: { error: { status: 403, message: 'This token may not list teams' } } });
			thinkeo.answer('POST /tokens', { json: { token: 'tkak_new' } });

			const error = await failureWithin(preAuthenticate(at({ teamToken: 'tkak_held' })), 5_000);

			expect(error.message).toBe(
				"Thinkeo answered HTTP 403 (Forbidden) to GET /teams with the credential's team token: the token is valid but lacks permission for that request (Thinkeo said: This token may not list teams). No new token was created. Check the token's rights in Thinkeo under Team → API; revoking it there makes n8n create a new one.",
			);
			expect(thinkeo.requests.filter((request) => request.method === 'POST')).toEqual([]);
		});

		it('on POST /tokens with the email/password: says the account lacks permission', async () => {
			thinkeo.answer('GET /teams', { json: [TEAM] });
			thinkeo.answer('POST /tokens', { status: 403, json: { error: { status: 403, message: 'Only Team Administrators may create tokens' } } });

			const error = await failureWithin(preAuthenticate(at()), 5_000);

			expect(error.message).toBe(
				'Thinkeo answered HTTP 403 (Forbidden) to POST /tokens for demo@thinkeo.test: the email and password were accepted, but the account lacks permission for that request (Thinkeo said: Only Team Administrators may create tokens). Ask a Team Administrator of the team for that permission, or for an API token to paste in API Token mode.',
			);
		});

		it('still calls a 401 on the email/password exchange a wrong password', async () => {
			thinkeo.answer('GET /teams', { status: 401, json: { error: { status: 401, message: 'Invalid email or password' } } });

			const error = await failureWithin(preAuthenticate(at()), 5_000);

			expect(error.message).toMatch(/^Thinkeo rejected the email\/password for demo@thinkeo\.test \(HTTP 401 on GET \/teams\)/);
		});
	});

	describe('an unreachable host is named, with its likely cause and what to check', () => {
		/** What n8n shows: it wraps the credential's error in a NodeApiError, which rewrites messages naming an error code. */
		const shownByN8n = (error: Error) => new NodeApiError(NODE, error as unknown as JsonObject).message;

		it('a refused connection (an unused port of 127.0.0.1)', async () => {
			const port = await unusedPort();
			const baseUrl = `http://127.0.0.1:${port}/v1`;

			const error = await failureWithin(preAuthenticate(at({ baseUrl })), 5_000);

			expect(error.message).toBe(
				`Could not reach Thinkeo at 127.0.0.1:${port} (GET /teams): the connection was refused, nothing accepts connections on that port. Check the host and port of the Base URL (${baseUrl}) and that the API runs there, or the proxy between n8n and it.`,
			);
			expect(shownByN8n(error)).toBe(error.message);
		});

		it('a host name that does not resolve (.invalid never does)', async () => {
			const baseUrl = 'https://thinkeo.invalid/v1';

			const error = await failureWithin(preAuthenticate(at({ baseUrl })), 5_000);

			expect(error.message).toBe(
				`Could not reach Thinkeo at thinkeo.invalid (GET /teams): the host name thinkeo.invalid could not be resolved (DNS lookup failed). Check the Base URL (${baseUrl}) for a typo, and that this n8n can resolve that name (its DNS server, or the proxy it must use).`,
			);
			expect(shownByN8n(error)).toBe(error.message);
		});
	});
});
