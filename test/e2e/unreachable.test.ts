/**
 * A Base URL n8n cannot reach, in a real n8n: the credential's Test button (the REST call the editor makes) and a
 * workflow's request name the host, the likely cause and what to check, in API Token mode and in Email & Password
 * mode with a token held, where n8n's own test request showed only `ENOTFOUND`. The Test runs the node's
 * credentialTest method (`testedBy`): it creates no token.
 */
import type { Sandbox } from '../support/e2e';
import { apiTokenCredential, createApiToken, e2eFixture, emailPasswordCredential } from '../support/e2e';
import { unusedPort } from '../support/exchangeServer';
import type { N8n } from '../support/n8n';
import { ownerSession, testStoredCredential } from '../support/rest';
import type { SeedApp } from '../support/types';
import { byId, chain, thinkeo } from '../support/workflows';

jest.setTimeout(600_000);

const TOKEN = { id: 'thinkeoUnreachTk', name: 'Thinkeo unreachable (API token)' };
const HOLDING = { id: 'thinkeoUnreachHd', name: 'Thinkeo unreachable (token held)' };
const COLD = { id: 'thinkeoUnreachCd', name: 'Thinkeo unreachable (no token yet)' };
const CLOSED = { id: 'thinkeoUnreachCl', name: 'Thinkeo unreachable (closed port)' };
const UNRESOLVABLE = 'https://thinkeo.invalid/v1';
const DNS_MESSAGE = `Could not reach Thinkeo at thinkeo.invalid (GET /teams): the host name thinkeo.invalid could not be resolved (DNS lookup failed). Check the Base URL (${UNRESOLVABLE}) for a typo, and that this n8n can resolve that name (its DNS server, or the proxy it must use).`;

let sandbox: Sandbox;
let n8n: N8n;
let app: SeedApp;
let closedPort: number;
let call: Awaited<ReturnType<typeof ownerSession>>;

const tokensCreated = async () => (await sandbox.requests({ method: 'POST', path: '/tokens' })).length;

/** Tests a stored credential as the editor's Test button does. */
const testCredential = async (ref: { id: string; name: string }, changes: Record<string, unknown> = {}) =>
	await testStoredCredential(call, ref, changes);

const e2e = e2eFixture();

beforeAll(async () => {
	const started = await e2e.startSandbox();
	({ sandbox, demoApp: app } = started);
	const token = await createApiToken(sandbox, started.demo, 'n8n unreachable api token');
	const held = await createApiToken(sandbox, started.demo, 'n8n unreachable held');
	const holding = emailPasswordCredential(HOLDING, sandbox.apiUrl, started.demo, 'n8n unreachable holding');
	closedPort = await unusedPort();
	n8n = await e2e.startN8n([
		apiTokenCredential(TOKEN, sandbox.apiUrl, token),
		{ ...holding, data: { ...holding.data, teamToken: held } },
		emailPasswordCredential(COLD, sandbox.apiUrl, started.demo, 'n8n unreachable cold'),
		apiTokenCredential(CLOSED, `http://127.0.0.1:${closedPort}/v1`, token),
	]);
	await n8n.importWorkflows([
		chain('wfUnreachable001', 'Read the App where nothing listens', [
			thinkeo('Read App', CLOSED, { resource: 'app', operation: 'get', appId: byId(app.id) }),
		]),
	]);
	await n8n.start();
	call = await ownerSession(n8n);
}, 300_000);

describe("the credential's Test button", () => {
	it('API Token mode: OK against the sandbox; an unresolvable host is named, with DNS and what to check', async () => {
		expect(await testCredential(TOKEN)).toEqual({ status: 'OK', message: 'Connection successful: Thinkeo accepted the API token.' });
		expect(await testCredential(TOKEN, { baseUrl: UNRESOLVABLE })).toEqual({ status: 'Error', message: DNS_MESSAGE });
	});

	it('Email & Password mode with a token held: the same message, not ENOTFOUND', async () => {
		expect(await testCredential(HOLDING)).toEqual({ status: 'OK', message: "Connection successful: Thinkeo accepted the credential's team token." });
		expect(await testCredential(HOLDING, { baseUrl: UNRESOLVABLE })).toEqual({ status: 'Error', message: DNS_MESSAGE });
	});

	it('Email & Password mode without a token: OK, and the Test creates none', async () => {
		await sandbox.clearRequests();
		for (let test = 0; test < 3; test += 1) expect(await testCredential(COLD)).toMatchObject({ status: 'OK' });
		expect(await tokensCreated()).toBe(0);
	});
});

it("a workflow's request to a port nothing listens on names the host, the refused connection and what to check", async () => {
	// The CLI runs the workflow: the server must not hold the database meanwhile.
	await n8n.stop();
	const run = await n8n.execute('wfUnreachable001');
	const baseUrl = `http://127.0.0.1:${closedPort}/v1`;
	expect(run.error?.message).toBe(
		`Could not reach Thinkeo at 127.0.0.1:${closedPort} (app get): the connection was refused, nothing accepts connections on that port. Check the host and port of the Base URL (${baseUrl}) and that the API runs there, or the proxy between n8n and it.`,
	);
});
