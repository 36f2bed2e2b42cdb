/**
 * Bad input in a real n8n: every error names the field and what was wrong, bad items never reach Thinkeo, and with
 * "Continue On Fail" every input item yields exactly one output item.
 */
import type { N8n } from '../support/n8n';
import type { Sandbox } from '../support/e2e';
import { emailPasswordCredential, startN8n, startSeededSandbox } from '../support/e2e';
import type { SeedApp } from '../support/types';
import { chain, thinkeo } from '../support/workflows';

jest.setTimeout(240_000);

const CREDENTIAL = { id: 'thinkeoErrors001', name: 'Thinkeo errors' };
const UNKNOWN_APP = '0193a5b2-7c1e-7d3f-9a8b-1c2d3e4f5a6b';

let sandbox: Sandbox;
let n8n: N8n;

/** Four items for Publication → Create: a good one, a malformed App ID, broken JSON, and an App Thinkeo does not know. */
function publishEach(id: string, onError?: string) {
	return (app: SeedApp) => {
		const good = JSON.stringify({ [app.attributes.title.id]: ['Fine'] });
		const inputs = [
			{ appId: app.id, attributes: good },
			{ appId: 'not-a-uuid', attributes: good },
			{ appId: app.id, attributes: '{"unclosed": ["x"' },
			{ appId: UNKNOWN_APP, attributes: good },
		];
		return chain(id, `Publish each (${onError ?? 'stop'})`, [
			{ name: 'Inputs', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: JSON.stringify({ inputs }) } },
			{ name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'inputs' } },
			thinkeo(
				'Publish',
				CREDENTIAL,
				{
					resource: 'publication',
					operation: 'create',
					appId: { __rl: true, mode: 'id', value: '={{ $json.appId }}' },
					version: 'latest',
					attributesInput: 'json',
					attributesJson: '={{ $json.attributes }}',
				},
				onError ? { onError } : {},
			),
		]);
	};
}

beforeAll(async () => {
	const started = await startSeededSandbox();
	sandbox = started.sandbox;
	n8n = await startN8n([emailPasswordCredential(CREDENTIAL, sandbox.apiUrl, started.demo, 'n8n e2e')]);
	await n8n.importWorkflows([
		publishEach('wfErrorsContinue', 'continueRegularOutput')(started.demoApp),
		publishEach('wfErrorsStop0001')(started.demoApp),
	]);
}, 300_000);

afterAll(async () => {
	await sandbox?.stop();
	n8n?.remove();
});

it('with Continue On Fail, gives one output item per input item and sends only the valid ones', async () => {
	await sandbox.clearRequests();
	const run = await n8n.execute('wfErrorsContinue');
	expect(run.code).toBe(0);
	const output = run.output('Publish');
	expect(output).toHaveLength(4);
	expect(output[0].json).toMatchObject({ publicationId: expect.any(String), document: { html: expect.stringContaining('Fine') } });
	expect(output[1].json.error).toBe('App: "not-a-uuid" is not a valid ID');
	expect(output[2].json.error).toMatch(/^Attributes \(JSON\): invalid JSON \(.+\)$/);
	expect(output[3].json.error).toMatch(/^Thinkeo rejected publication create \(HTTP 404\): .+/);
	expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
	const sent = await sandbox.requests({ method: 'POST', path: '/publications' });
	expect(sent.map((request) => request.status)).toEqual([200, 404]);
});

it('without it, stops the run with the first bad item named', async () => {
	await sandbox.clearRequests();
	const run = await n8n.execute('wfErrorsStop0001');
	expect(run.code).not.toBe(0);
	expect(run.stdout + run.stderr).toContain('App: "not-a-uuid" is not a valid ID');
});
