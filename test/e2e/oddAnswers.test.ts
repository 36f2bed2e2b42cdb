/**
 * Answers of an unexpected shape in a real n8n: a list holding non-objects (`[1,"a",null]`), plain text and a JSON
 * scalar, each answered with status 200 by a sandbox fault. Every item n8n gets is an object, what is not one is
 * wrapped as `{value: …}`, nothing throws a raw TypeError, and with Continue On Fail an item that fails still gives
 * its one error item.
 */
import type { Sandbox } from '../support/e2e';
import { apiTokenCredential, createApiToken, startN8n, startSeededSandbox } from '../support/e2e';
import type { N8n } from '../support/n8n';
import { chain, thinkeo } from '../support/workflows';

jest.setTimeout(300_000);

const CREDENTIAL = { id: 'thinkeoOddAnswer', name: 'Thinkeo odd answers' };
const PUBLICATIONS = [1, 2, 3, 4].map((n) => `0192f0a5-4444-7e00-9f00-${String(n).padStart(12, '0')}`);

let sandbox: Sandbox;
let n8n: N8n;

/** Publication → Get for each of `ids` (one input item each). */
const getEach = (id: string, ids: string[], onError?: string) =>
	chain(id, `Get each (${onError ?? 'stop'})`, [
		{
			name: 'Inputs',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ inputs: ids.map((publication) => ({ publication })) }) },
		},
		{ name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'inputs' } },
		thinkeo(
			'Get',
			CREDENTIAL,
			{ resource: 'publication', operation: 'get', publicationId: { __rl: true, mode: 'id', value: '={{ $json.publication }}' } },
			onError ? { onError } : {},
		),
	]);

/** The odd answers, one per publication path, so the items sent in parallel each get theirs whatever the order. */
async function answerOddly(withFailure: boolean) {
	const path = (index: number) => `/publications/${PUBLICATIONS[index]}`;
	await sandbox.fault({ status: 200, path: path(0), rawBody: '[1,"a",null]' });
	await sandbox.fault({ status: 200, path: path(1), rawBody: 'Generation queued', headers: { 'content-type': 'text/plain' } });
	await sandbox.fault({ status: 200, path: path(2), rawBody: '42' });
	if (withFailure) await sandbox.fault({ status: 500, path: path(3) });
}

const WRAPPED = [{ value: 1 }, { value: 'a' }, { value: null }, { value: 'Generation queued' }, { value: 42 }];

beforeAll(async () => {
	const { sandbox: started, demo } = await startSeededSandbox();
	sandbox = started;
	const apiToken = await createApiToken(sandbox, demo, 'odd-answers');
	n8n = await startN8n([apiTokenCredential(CREDENTIAL, sandbox.apiUrl, apiToken)]);
	await n8n.importWorkflows([
		getEach('wfOddAnswersCont', PUBLICATIONS, 'continueRegularOutput'),
		getEach('wfOddAnswersStop', PUBLICATIONS.slice(0, 3)),
	]);
}, 300_000);

afterEach(async () => {
	await sandbox.clearFaults();
});

afterAll(async () => {
	await sandbox?.stop();
	n8n?.remove();
});

it('with Continue On Fail: odd answers wrapped as {value}, and the failing item gives one error item', async () => {
	await answerOddly(true);
	const run = await n8n.execute('wfOddAnswersCont');
	expect(run.code).toBe(0);
	// In input order: three items from the list of the first input, then one for each of the other three.
	const output = run.output('Get');
	expect(output).toHaveLength(6);
	expect(output.slice(0, 5).map((item) => item.json)).toEqual(WRAPPED);
	expect(output[5].json.error).toMatch(/^Thinkeo rejected publication get \(HTTP 500\)/);
});

it('without it: the same items, every one an object, and no TypeError', async () => {
	await answerOddly(false);
	const run = await n8n.execute('wfOddAnswersStop');
	expect(run.stdout + run.stderr).not.toContain('TypeError');
	expect(run.code).toBe(0);
	expect(run.output('Get').map((item) => item.json)).toEqual(WRAPPED);
});
