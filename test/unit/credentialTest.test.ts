/**
 * The credential's Test button, as n8n runs it: the node's credentialTest method (`testedBy`) in n8n-core's own
 * CredentialTestContext, whose only request helper is the legacy `request`. A Base URL that cannot be reached is named
 * with its host and likely cause in both authentication modes, a token held or not; the test creates no token. The
 * node's own requests name an unreachable host the same way (transport/errors.ts, through describeUnreachable).
 */
import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IExecuteSingleFunctions, IHttpRequestOptions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ThinkeoApi } from '../../credentials/ThinkeoApi.credentials';
import { credentialTest } from '../../nodes/Thinkeo/methods/credentialTest';
import { Thinkeo } from '../../nodes/Thinkeo/Thinkeo.node';
import { thinkeoError } from '../../nodes/Thinkeo/transport/errors';
import { thinkeoRequest } from '../../nodes/Thinkeo/transport/request';
import { startExchangeServer, unusedPort } from '../support/exchangeServer';
import { runThinkeoNode } from '../support/inprocess';
import { n8nHttpHelper } from '../support/redirecting';

const NODE: INode = { id: 'n', name: 'Thinkeo', type: 'n8n-nodes-thinkeo.thinkeo', typeVersion: 1, position: [0, 0], parameters: {} };
const TEAM = { id: '0193a5b2-7c1e-7d3f-9a8b-000000000001', name: 'Alpha Team' };
const UNRESOLVABLE = 'https://thinkeo.invalid/v1';

const dnsMessage = (where: string) =>
	`Could not reach Thinkeo at thinkeo.invalid (${where}): the host name thinkeo.invalid could not be resolved (DNS lookup failed). Check the Base URL (${UNRESOLVABLE}) for a typo, and that this n8n can resolve that name (its DNS server, or the proxy it must use).`;
const refusedMessage = (port: number, baseUrl: string, where: string) =>
	`Could not reach Thinkeo at 127.0.0.1:${port} (${where}): the connection was refused, nothing accepts connections on that port. Check the host and port of the Base URL (${baseUrl}) and that the API runs there, or the proxy between n8n and it.`;

const apiToken = (baseUrl: string, token = 'tkak_0123456789abcdef0123456789abcdef01234567'): ICredentialDataDecryptedObject => ({
	authentication: 'apiToken',
	baseUrl,
	apiToken: token,
	teamToken: '',
});
const emailPassword = (baseUrl: string, teamToken = ''): ICredentialDataDecryptedObject => ({
	authentication: 'emailPassword',
	baseUrl,
	email: 'demo@thinkeo.test',
	password: 'demo-password',
	teamId: '',
	label: 'n8n',
	lifetimeDays: 30,
	teamToken,
});

/** What n8n shows for a Test of `data`: the method the node names in `testedBy`, called as n8n calls it. */
async function testCredential(data: ICredentialDataDecryptedObject) {
	const context = new CredentialTestContext({} as never);
	return await credentialTest.thinkeoApiTest.call(context, { id: 'c', name: 'Thinkeo', type: 'thinkeoApi', data });
}

it("is what n8n runs: the node names it in testedBy, and the credential has no test request of its own (n8n would run that instead)", () => {
	const node = new Thinkeo();
	const testedBy = node.description.credentials?.find((credential) => credential.name === 'thinkeoApi')?.testedBy;
	expect(testedBy).toBe('thinkeoApiTest');
	expect(node.methods.credentialTest).toHaveProperty('thinkeoApiTest');
	expect(new ThinkeoApi()).not.toHaveProperty('test');
});

describe('a Base URL that cannot be reached: the host, the likely cause and what to check', () => {
	it('API Token mode, a host name that does not resolve', async () => {
		expect(await testCredential(apiToken(UNRESOLVABLE))).toEqual({ status: 'Error', message: dnsMessage('GET /teams') });
	});

	it('API Token mode, a port nothing listens on', async () => {
		const port = await unusedPort();
		const baseUrl = `http://127.0.0.1:${port}/v1`;
		expect(await testCredential(apiToken(baseUrl))).toEqual({ status: 'Error', message: refusedMessage(port, baseUrl, 'GET /teams') });
	});

	it('Email & Password mode with a team token held (n8n showed only ENOTFOUND there)', async () => {
		expect(await testCredential(emailPassword(UNRESOLVABLE, 'tkak_held'))).toEqual({ status: 'Error', message: dnsMessage('GET /teams') });
	});

	it('Email & Password mode without a token, a port nothing listens on', async () => {
		const port = await unusedPort();
		const baseUrl = `http://127.0.0.1:${port}/v1`;
		expect(await testCredential(emailPassword(baseUrl))).toEqual({ status: 'Error', message: refusedMessage(port, baseUrl, 'GET /teams') });
	});
});

describe('against a local Thinkeo', () => {
	let thinkeo: Awaited<ReturnType<typeof startExchangeServer>>;
	const base = () => `${thinkeo.url}/v1`;
	const sent = () => thinkeo.requests.map((request) => `${request.method} ${request.path}${request.bearer ? ' bearer' : ''}`);

	beforeAll(async () => {
		thinkeo = await startExchangeServer();
	});
	afterAll(async () => await thinkeo.close());
	beforeEach(() => thinkeo.reset());

	it('API Token mode: OK when GET /teams accepts the token', async () => {
		thinkeo.answer('GET /teams bearer', { json: [TEAM] });
		expect(await testCredential(apiToken(base()))).toEqual({ status: 'OK', message: 'Connection successful: Thinkeo accepted the API token.' });
		expect(sent()).toEqual(['GET /teams bearer']);
	});

	it('API Token mode: a 401 says the token is wrong, expired or revoked; a 403 that it lacks permission', async () => {
		thinkeo.answer('GET /teams bearer', { status: 401, json: { error: { message: 'Invalid bearer token' } } });
		expect(await testCredential(apiToken(base()))).toMatchObject({ status: 'Error', message: expect.stringMatching(/^Thinkeo rejected the API Token \(HTTP 401 on GET \/teams\)/) });
		thinkeo.answer('GET /teams bearer', { status: 403, json: { error: { message: 'This token may not list teams' } } });
		expect(await testCredential(apiToken(base()))).toEqual({
			status: 'Error',
			message:
				'Thinkeo answered HTTP 403 (Forbidden) to GET /teams with the API token: the token is valid but lacks permission for that request (Thinkeo said: This token may not list teams). A token limited in scope runs only the operations it allows; check its rights in Thinkeo under Team → API.',
		});
	});

	it('API Token mode: a token no request could carry is refused before anything is sent', async () => {
		expect(await testCredential(apiToken(base(), 'tkak with a space'))).toMatchObject({ status: 'Error', message: expect.stringMatching(/^The API Token cannot be sent: it contains a space/) });
		expect(sent()).toEqual([]);
	});

	it('Email & Password mode: a held token GET /teams accepts is OK, with no other request', async () => {
		thinkeo.answer('GET /teams bearer', { json: [TEAM] });
		expect(await testCredential(emailPassword(base(), 'tkak_held'))).toEqual({ status: 'OK', message: "Connection successful: Thinkeo accepted the credential's team token." });
		expect(sent()).toEqual(['GET /teams bearer']);
	});

	it('Email & Password mode: a rejected token, then the account is checked; no token is created', async () => {
		thinkeo.answer('GET /teams bearer', { status: 401, json: { error: { message: 'Invalid bearer token' } } });
		thinkeo.answer('GET /teams', { json: [TEAM] });
		thinkeo.answer('POST /tokens', { json: { token: 'tkak_new' } });
		expect(await testCredential(emailPassword(base(), 'tkak_held'))).toMatchObject({ status: 'OK', message: expect.stringMatching(/accepted the email and password/) });
		expect(sent()).toEqual(['GET /teams bearer', 'GET /teams']);
	});

	it('Email & Password mode: a wrong password, and an account in several teams without a Team ID, fail with the exchange\'s words', async () => {
		thinkeo.answer('GET /teams', { status: 401, json: { error: { message: 'Invalid email or password' } } });
		expect(await testCredential(emailPassword(base()))).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/^Thinkeo rejected the email\/password for demo@thinkeo\.test \(HTTP 401 on GET \/teams\)/),
		});
		thinkeo.answer('GET /teams', { json: [TEAM, { id: 'other-team', name: 'Beta Team' }] });
		expect(await testCredential(emailPassword(base()))).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/belongs to 2 teams\. Set Team ID in the credential to one of: Alpha Team \(0193a5b2-7c1e-7d3f-9a8b-000000000001\), Beta Team \(other-team\)/),
		});
		expect(sent().filter((request) => request.startsWith('POST'))).toEqual([]);
	});

	it('Email & Password mode: a redirect is not followed, and named', async () => {
		thinkeo.answer('GET /teams', { status: 302, json: null });
		expect(await testCredential(emailPassword(base()))).toMatchObject({ status: 'Error', message: expect.stringMatching(/^Thinkeo answered GET \/teams with a redirect \(HTTP 302\)/) });
	});

	it('a web page answering 200 (a login page, a proxy, the wrong Base URL) fails the Test in every mode, naming the Base URL', async () => {
		const page = '<!DOCTYPE html><html><head><title>Sign in</title></head><body>Sign in to continue</body></html>';
		const expected = {
			status: 'Error',
			message:
				"The Base URL answered GET /teams with text (a web page?) instead of Thinkeo's list of teams, so it does not seem to lead to the Thinkeo API (a web page, a login page or a proxy answers like this). Check the Base URL: Thinkeo's cloud API is https://api.thinkeo.io/v1.",
		};
		thinkeo.answer('GET /teams', { html: page });
		expect(await testCredential(apiToken(base()))).toEqual(expected);
		expect(await testCredential(emailPassword(base(), 'tkak_held'))).toEqual(expected);
		expect(await testCredential({ ...emailPassword(base()), teamId: TEAM.id })).toEqual(expected);
		expect(sent()).toEqual(['GET /teams bearer', 'GET /teams bearer', 'GET /teams']);
		thinkeo.answer('GET /teams', { json: { status: 'ok' } });
		expect(await testCredential(apiToken(base()))).toMatchObject({ status: 'Error', message: expect.stringMatching(/^The Base URL answered GET \/teams with an object instead/) });
	});

	it('an answer echoing the request shows none of the credential\'s secrets: not the password, its Basic form or a token', async () => {
		const login = 'demo@thinkeo.test:demo-password';
		const echo = `denied for ${login}; Authorization: Basic ${Buffer.from(login).toString('base64')}; password demo-password`;
		thinkeo.answer('GET /teams', { status: 403, json: { error: { message: echo } } });
		const accountResult = await testCredential(emailPassword(base()));
		expect(accountResult.status).toBe('Error');
		expect(accountResult.message).toMatch(/Thinkeo said: denied for \[redacted\]; Authorization: Basic \[redacted\]; password \[redacted\]/);
		expect(accountResult.message).not.toMatch(/demo-password|ZGVtb0B0aGlua2VvLnRlc3Q6ZGVtby1wYXNzd29yZA/);
		const sentToken = String(apiToken(base()).apiToken);
		thinkeo.answer('GET /teams bearer', { status: 403, json: { error: { message: `no rights for Bearer ${sentToken}` } } });
		const tokenResult = await testCredential(apiToken(base()));
		expect(tokenResult.message).toMatch(/Thinkeo said: no rights for Bearer \[redacted\]/);
		expect(tokenResult.message).not.toContain(sentToken);
	});
});

describe("the node's own requests name an unreachable host the same way", () => {
	/** A context whose request helper is n8n-core's, wrapped as n8n wraps a failed request (a NodeApiError). */
	function contextAt(baseUrl: string): IExecuteSingleFunctions {
		return {
			getNode: () => NODE,
			getNodeParameter: (_name: string, fallback: unknown) => fallback,
			getCredentials: async () => apiToken(baseUrl),
			helpers: {
				async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
					try {
						return await n8nHttpHelper.helpers.httpRequest(options);
					} catch (error) {
						throw new NodeApiError(NODE, error as JsonObject);
					}
				},
			},
		} as unknown as IExecuteSingleFunctions;
	}

	it("n8n 1.x's request error, which keeps the code only as its httpCode (no cause)", () => {
		const onN8n1 = Object.assign(new NodeApiError(NODE, { message: 'The service refused the connection - perhaps it is offline' } as JsonObject), {
			httpCode: 'ECONNREFUSED',
		});
		expect(thinkeoError(NODE, 'app get', onN8n1, { baseUrl: 'http://127.0.0.1:9/v1' }).message).toBe(refusedMessage(9, 'http://127.0.0.1:9/v1', 'app get'));
		// An HTTP status there is no failed connection.
		const answered = Object.assign(new NodeApiError(NODE, { message: 'Not Found' } as JsonObject), { httpCode: '404' });
		expect(thinkeoError(NODE, 'app get', answered, { baseUrl: 'http://127.0.0.1:9/v1' }).message).not.toMatch(/^Could not reach/);
	});

	it('a follow-up request to a host name that does not resolve', async () => {
		const request = thinkeoRequest.call(contextAt(UNRESOLVABLE), 'reading the attachment metadata', { method: 'GET', url: '/attachments/a/meta' });
		await expect(request).rejects.toThrow(dnsMessage('reading the attachment metadata'));
	});

	it('a routed operation, through n8n-core\'s RoutingNode, to a port nothing listens on', async () => {
		const port = await unusedPort();
		const baseUrl = `http://127.0.0.1:${port}/v1`;
		const { error } = await runThinkeoNode({
			baseUrl,
			apiToken: apiToken(baseUrl).apiToken as string,
			parameters: { resource: 'app', operation: 'get', appId: { __rl: true, mode: 'id', value: '0193a5b2-7c1e-7d3f-9a8b-000000000002' } },
		});
		expect(error?.message).toBe(refusedMessage(port, baseUrl, 'app get'));
	});
});
