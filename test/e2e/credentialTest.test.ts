/**
 * Testing the credential in n8n's editor (the REST call its "Test" button makes, also made after each Save), which
 * runs the node's credentialTest method (`testedBy`), and the token exchange of the first workflow run:
 * - What the Test shows when it fails: an unreachable Base URL (a name under .invalid, which never resolves, and a
 *   port of 127.0.0.1 nothing listens on) names the host, the cause and what to check; with the held token rejected
 *   (401), a 403 on the account's GET /teams is a missing permission of the account, not a wrong password.
 * - A token Thinkeo answers that no request could carry is refused by the run's exchange and not stored (a Test
 *   never calls POST /tokens).
 * - It does not pile up tokens: Tests check GET /teams and create none; the first workflow run creates one.
 */
import type { Sandbox } from '../support/e2e';
import { createApiToken, e2eFixture, emailPasswordCredential } from '../support/e2e';
import { unusedPort } from '../support/exchangeServer';
import type { N8n } from '../support/n8n';
import { ownerSession, testStoredCredential } from '../support/rest';
import type { SeedAccount, SeedApp } from '../support/types';
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
let demo: SeedAccount;
let call: Awaited<ReturnType<typeof ownerSession>>;

const tokensCreated = async () => (await sandbox.requests({ method: 'POST', path: '/tokens' })).length;

/** Tests a stored credential as the editor's Test button does. */
const testCredential = async (ref: { id: string; name: string }, changes: Record<string, unknown> = {}) =>
	await testStoredCredential(call, ref, changes);

const e2e = e2eFixture();

beforeAll(async () => {
	const started = await e2e.startSandbox();
	({ sandbox, demoApp: app, demo } = started);
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
		chain('wfCredTestCold01', 'Read the App with the cold credential', [
			thinkeo('Read App', COLD, { resource: 'app', operation: 'get', appId: byId(app.id) }),
		]),
	]);
	await n8n.start();
	call = await ownerSession(n8n);
}, 300_000);

describe("what the credential's Test shows when it fails", () => {
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

	it("the held token rejected, then a 403 on the account's GET /teams: the account lacks permission, not a wrong password; no token is created", async () => {
		await sandbox.clearRequests();
		// The held token gets a 401, so the Test checks the account (Basic), which gets a 403.
		await sandbox.fault({ status: 401, method: 'GET', path: '/teams', body: { error: { status: 401, message: 'Invalid bearer token' } } });
		await sandbox.fault({ status: 403, skip: 1, method: 'GET', path: '/teams', body: { error: { status: 403, message: 'This account may not list teams' } } });
		const result = await testCredential(HOLDING);
		expect(result).toEqual({
			status: 'Error',
			message: `Thinkeo answered HTTP 403 (Forbidden) to GET /teams for ${demo.email}: the email and password were accepted, but the account lacks permission for that request (Thinkeo said: This account may not list teams). Ask a Team Administrator of the team for that permission, or for an API token to paste in API Token mode.`,
		});
		const teams = await sandbox.requests({ method: 'GET', path: '/teams' });
		expect(teams.map((request) => `${request.auth.scheme} ${request.status}`)).toEqual(['bearer 401', 'basic 403']);
		expect(await tokensCreated()).toBe(0);
	});
});

it('5 credential tests create no token, and the first workflow run creates one', async () => {
	await sandbox.clearFaults();
	await sandbox.clearRequests();
	for (let test = 0; test < 5; test += 1) {
		expect(await testCredential(CREDENTIAL)).toEqual({
			status: 'OK',
			message: 'Connection successful: Thinkeo accepted the email and password. n8n creates the team token when a workflow first runs.',
		});
	}
	const checks = await sandbox.requests({ method: 'GET', path: '/teams' });
	expect(checks.map((request) => `${request.auth.scheme} ${request.auth.user} ${request.status}`)).toEqual(
		Array.from({ length: 5 }, () => `basic ${demo.email} 200`),
	);
	expect(await tokensCreated()).toBe(0);
	// The CLI runs the workflow: the server must not hold the database meanwhile.
	await n8n.stop();
	const run = await n8n.execute('wfCredTestRun001');
	expect(run.error).toBeUndefined();
	expect(run.output('Read App')[0].json.id).toBe(app.id);
	const created = await sandbox.requests({ method: 'POST', path: '/tokens' });
	expect(created.map((request) => `${request.query.name} ${request.status}`)).toEqual(['n8n credential test 200']);
	const stored = ((await n8n.credentialData(CREDENTIAL.id)) as { teamToken: string }).teamToken;
	expect(stored).toMatch(/^tkak_/);
	const [read] = await sandbox.requests({ method: 'GET', path: `/apps/${app.id}` });
	expect(read.authorization).toBe(`Bearer ${stored}`);
});

it('a 2 MB token from POST /tokens in a workflow run: the exchange refuses it, and it is not stored', async () => {
	await sandbox.clearFaults();
	await sandbox.clearRequests();
	await sandbox.fault({ status: 200, method: 'POST', path: '/tokens', rawBody: JSON.stringify({ token: `tkak_${'a'.repeat(2 * 1024 * 1024)}` }) });
	await n8n.stop();
	const run = await n8n.execute('wfCredTestCold01');
	expect(run.error?.message).toMatch(
		/^Thinkeo answered POST \/tokens with a token n8n cannot use: it is 2097157 characters long, and a token may have at most 4096 .*The token was not stored/,
	);
	expect((await sandbox.requests({ method: 'POST', path: '/tokens' })).map((request) => request.status)).toEqual([200]);
	expect(await sandbox.requests({ method: 'GET', path: `/apps/${app.id}` })).toEqual([]);
	expect(((await n8n.credentialData(COLD.id)) as { teamToken: string }).teamToken).toBe('');
});
