/**
 * No pile of tokens in the user's team, in a real n8n: every token exchange creates a permanent token, so an
 * endpoint that rejects any token (a scope, a proxy, a WAF) must not make each execution create one more. The
 * credential checks a rejected token on GET /teams before creating another: 5 separate `n8n execute` runs create
 * at most 1 token, while a token that was really revoked right after its exchange is still renewed.
 */
import type { Sandbox } from '../support/e2e';
import { e2eFixture, emailPasswordCredential } from '../support/e2e';
import type { N8n } from '../support/n8n';
import type { SeedApp } from '../support/types';
import { byId, chain, items, thinkeo } from '../support/workflows';

jest.setTimeout(600_000);

const CREDENTIAL = { id: 'thinkeoTokenPile', name: 'Thinkeo token pile' };
const ITEMS = 5;

let sandbox: Sandbox;
let n8n: N8n;
let app: SeedApp;

const tokensCreated = async () => (await sandbox.requests({ method: 'POST', path: '/tokens' })).length;

const e2e = e2eFixture();

beforeAll(async () => {
	({ sandbox, demoApp: app, n8n } = await e2e.start((setup) => [
		emailPasswordCredential(CREDENTIAL, setup.sandbox.apiUrl, setup.demo, 'n8n token pile'),
	]));
	await n8n.importWorkflows([
		chain('wfTokenPile00001', 'Read the App', [
			...items(ITEMS),
			thinkeo('Read App', CREDENTIAL, { resource: 'app', operation: 'get', appId: byId(app.id) }),
		]),
	]);
}, 300_000);

beforeEach(async () => {
	await sandbox.clearFaults();
	await sandbox.clearRequests();
});

it('5 executions against an endpoint that rejects every token create at most 1 token', async () => {
	await sandbox.fault({
		status: 401,
		count: 1000,
		method: 'GET',
		path: `/apps/${app.id}`,
		body: { error: { status: 401, message: 'This token may not read Apps' } },
	});
	for (let run = 0; run < 5; run += 1) {
		const result = await n8n.execute('wfTokenPile00001');
		expect(result.code).not.toBe(0);
		expect(result.error.message).toBe('Thinkeo rejected app get (HTTP 401): This token may not read Apps');
		expect(result.error.description).toMatch(/^The credential was rejected: the token Thinkeo just issued was rejected too\./);
	}
	// The first run's cold exchange; none after, though each run met a 401 and renewed.
	expect(await tokensCreated()).toBe(1);
	const checks = await sandbox.requests({ method: 'GET', path: '/teams' });
	expect(checks.filter((request) => request.auth.scheme === 'bearer' && request.status === 200).length).toBeGreaterThanOrEqual(5);
	// n8n keeps the token it has: the one exchange's.
	const [created] = await sandbox.requests({ method: 'POST', path: '/tokens' });
	const { teamToken } = (await n8n.credentialData(CREDENTIAL.id)) as { teamToken: string };
	expect(checks.at(-1)?.authorization).toBe(`Bearer ${teamToken}`);
	expect(created.status).toBe(200);
});

it('still renews a token revoked right after its exchange, with no failed item', async () => {
	await sandbox.revokeTokens();
	const result = await n8n.execute('wfTokenPile00001');
	expect(result.code).toBe(0);
	const output = result.output('Read App');
	expect(output).toHaveLength(ITEMS);
	expect(output.every((item) => item.json.id === app.id && !item.json.error)).toBe(true);
	expect(await tokensCreated()).toBe(1);
});
