/**
 * Testing the credential in n8n's editor (the REST call its "Test" button makes, also made after each Save) does
 * not pile up tokens: n8n runs the credential's renewal on every test, and the credential keeps a stored token
 * that Thinkeo still accepts. Five tests create at most one token, and the next workflow run creates none.
 */
import type { Sandbox } from '../support/e2e';
import { emailPasswordCredential, startN8n, startSeededSandbox } from '../support/e2e';
import type { N8n } from '../support/n8n';
import { ownerSession } from '../support/rest';
import type { SeedApp } from '../support/types';
import { chain, thinkeo } from '../support/workflows';

jest.setTimeout(600_000);

const CREDENTIAL = { id: 'thinkeoCredTest1', name: 'Thinkeo credential test' };

let sandbox: Sandbox;
let n8n: N8n;
let app: SeedApp;

const tokensCreated = async () => (await sandbox.requests({ method: 'POST', path: '/tokens' })).length;

beforeAll(async () => {
	const started = await startSeededSandbox();
	({ sandbox, demoApp: app } = started);
	n8n = await startN8n([emailPasswordCredential(CREDENTIAL, sandbox.apiUrl, started.demo, 'n8n credential test')]);
	await n8n.importWorkflows([
		chain('wfCredTestRun001', 'Read the App', [
			thinkeo('Read App', CREDENTIAL, { resource: 'app', operation: 'get', appId: { __rl: true, mode: 'id', value: app.id } }),
		]),
	]);
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await sandbox?.stop();
	n8n?.remove();
});

it('5 credential tests create at most 1 token, and the next run creates none', async () => {
	await sandbox.clearRequests();
	await n8n.start();
	const call = await ownerSession(n8n);
	for (let test = 0; test < 5; test += 1) {
		// As the editor does: the credential as n8n shows it (secrets redacted), sent back to be tested.
		const shown = (await call('GET', `/credentials/${CREDENTIAL.id}?includeData=true`)) as { data: Record<string, unknown> };
		const result = (await call('POST', '/credentials/test', { credentials: { ...CREDENTIAL, type: 'thinkeoApi', data: shown.data } })) as {
			status: string;
			message: string;
		};
		expect(result).toMatchObject({ status: 'OK' });
	}
	await n8n.stop();
	expect(await tokensCreated()).toBeLessThanOrEqual(1);
	const before = await tokensCreated();
	const run = await n8n.execute('wfCredTestRun001');
	expect(run.code).toBe(0);
	expect(run.output('Read App')[0].json.id).toBe(app.id);
	expect(await tokensCreated()).toBe(before);
});
