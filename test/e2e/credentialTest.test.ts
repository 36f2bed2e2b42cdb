/**
 * Testing the credential in n8n's editor (the REST call its "Test" button makes, also made after each Save):
 * - What n8n shows when the exchange fails: an unreachable Base URL (a name under .invalid, which never resolves,
 *   and a port of 127.0.0.1 nothing listens on) names the host, the cause and what to check; a token Thinkeo answers
 *   that no request could carry is refused and not stored; a 403 on the stored token's check is a missing permission.
 *   n8n 2.41 runs the exchange in a test only while the credential holds no token, or after a 401 on the test request
 *   (with a token held, n8n's own test request meets an unreachable host first, and n8n shows its error code).
 * - It does not pile up tokens: n8n runs the credential's renewal on every test, and the credential keeps a stored
 *   token that Thinkeo still accepts. Five tests create at most one token, and the next workflow run creates none.
 */
import type { Sandbox } from '../support/e2e';
import { createApiToken, e2eFixture, emailPasswordCredential } from '../support/e2e';
import { unusedPort } from '../support/exchangeServer';
import type { N8n } from '../support/n8n';
import { ownerSession } from '../support/rest';
import type { SeedApp } from '../support/types';
import { byId, chain, thinkeo } from '../support/workflows';

jest.setTimeout(600_000);

const CREDENTIAL = { id: 'thinkeoCredTest1', name: 'Thinkeo credential test' };
/** Never exchanged successfully: its team token stays empty. */
const COLD = { id: 'thinkeoCredCold1', name: 'Thinkeo cold credential' };
/** Holds a valid team token from the start. */
const HOLDING = { id: 'thinkeoCredHold1', name: 'Thinkeo credential holding a token' };

let sandbox: Sandbox;
let n8n: N8n;
let app: SeedApp;
let call: Awaited<ReturnType<typeof ownerSession>>;

const tokensCreated = async () => (await sandbox.requests({ method: 'POST', path: '/tokens' })).length;

/** Tests a stored credential as the editor does (its data as n8n shows it, secrets redacted), with `changes`. */
async function testCredential(ref: { id: string; name: string }, changes: Record<string, unknown> = {}) {
	const shown = (await call('GET', `/credentials/${ref.id}?includeData=true`)) as { data: Record<string, unknown> };
	return (await call('POST', '/credentials/test', { credentials: { ...ref, type: 'thinkeoApi', data: { ...shown.data, ...changes } } })) as {
		status: string;
		message: string;
	};
}

const e2e = e2eFixture();

beforeAll(async () => {
	const started = await e2e.startSandbox();
	({ sandbox, demoApp: app } = started);
	const held = await createApiToken(sandbox, started.demo, 'n8n credential test held');
	// Token names of their own: credentials that differ only in name would share their exchanges' results.
	const holding = emailPasswordCredential(HOLDING, sandbox.apiUrl, started.demo, 'n8n credential test holding');
	n8n = await e2e.startN8n([
		emailPasswordCredential(CREDENTIAL, sandbox.apiUrl, started.demo, 'n8n credential test'),
		emailPasswordCredential(COLD, sandbox.apiUrl, started.demo, 'n8n credential test cold'),
		{ ...holding, data: { ...holding.data, teamToken: held } },
	]);
	await n8n.importWorkflows([
		chain('wfCredTestRun001', 'Read the App', [
			thinkeo('Read App', CREDENTIAL, { resource: 'app', operation: 'get', appId: byId(app.id) }),
		]),
	]);
	await n8n.start();
	call = await ownerSession(n8n);
}, 300_000);

describe('what the credential test shows when the exchange fails', () => {
	beforeEach(async () => await sandbox.clearFaults());

	it('a Base URL whose host name does not resolve: the host, DNS, and what to check', async () => {
		const baseUrl = 'https://thinkeo.invalid/v1';
		expect(await testCredential(COLD, { baseUrl })).toEqual({
			status: 'Error',
			message: `Could not reach Thinkeo at thinkeo.invalid (GET /teams): the host name thinkeo.invalid could not be resolved (DNS lookup failed). Check the Base URL (${baseUrl}) for a typo, and that this n8n can resolve that name (its DNS server, or the proxy it must use).`,
		});
	});

	it('a Base URL where nothing listens: the host and port, a refused connection, and what to check', async () => {
		const port = await unusedPort();
		const baseUrl = `http://127.0.0.1:${port}/v1`;
		expect(await testCredential(COLD, { baseUrl })).toEqual({
			status: 'Error',
			message: `Could not reach Thinkeo at 127.0.0.1:${port} (GET /teams): the connection was refused, nothing accepts connections on that port. Check the host and port of the Base URL (${baseUrl}) and that the API runs there, or the proxy between n8n and it.`,
		});
	});

	it('a 2 MB token from POST /tokens: refused, and not stored', async () => {
		await sandbox.fault({ status: 200, method: 'POST', path: '/tokens', rawBody: JSON.stringify({ token: `tkak_${'a'.repeat(2 * 1024 * 1024)}` }) });
		const result = await testCredential(COLD);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Thinkeo answered POST \/tokens with a token n8n cannot use: it is 2097157 characters long, and a token may have at most 4096 .*The token was not stored/,
		);
		expect(((await n8n.credentialData(COLD.id)) as { teamToken: string }).teamToken).toBe('');
	});

	it('a 403 on the check of the stored token: the token lacks permission, not a wrong password; no token is created', async () => {
		await sandbox.clearRequests();
		// n8n renews only after a 401: the test request gets one, then the credential's check of its token a 403.
		await sandbox.fault({ status: 401, method: 'GET', path: '/teams', body: { error: { status: 401, message: 'Invalid bearer token' } } });
		await sandbox.fault({ status: 403, skip: 1, method: 'GET', path: '/teams', body: { error: { status: 403, message: 'This token may not list teams' } } });
		const result = await testCredential(HOLDING);
		expect(result).toEqual({
			status: 'Error',
			message:
				"Thinkeo answered HTTP 403 (Forbidden) to GET /teams with the credential's team token: the token is valid but lacks permission for that request (Thinkeo said: This token may not list teams). No new token was created. Check the token's rights in Thinkeo under Team → API; revoking it there makes n8n create a new one.",
		});
		const teams = await sandbox.requests({ method: 'GET', path: '/teams' });
		expect(teams.map((request) => `${request.auth.scheme} ${request.status}`)).toEqual(['bearer 401', 'bearer 403']);
		expect(await tokensCreated()).toBe(0);
	});
});

it('5 credential tests create at most 1 token, and the next run creates none', async () => {
	await sandbox.clearFaults();
	await sandbox.clearRequests();
	for (let test = 0; test < 5; test += 1) expect(await testCredential(CREDENTIAL)).toMatchObject({ status: 'OK' });
	await n8n.stop();
	expect(await tokensCreated()).toBeLessThanOrEqual(1);
	const before = await tokensCreated();
	const run = await n8n.execute('wfCredTestRun001');
	expect(run.code).toBe(0);
	expect(run.output('Read App')[0].json.id).toBe(app.id);
	expect(await tokensCreated()).toBe(before);
});
