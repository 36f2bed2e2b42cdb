/**
 * Answers of an unexpected shape in a real n8n: a list holding non-objects (`[1,"a",null]`), plain text and a JSON
 * scalar, each answered with status 200 by a sandbox fault. Every item n8n gets is an object, what is not one is
 * wrapped as `{value: …}`, nothing throws a raw TypeError, and with Continue On Fail an item that fails still gives
 * its one error item. Then render results of an odd shape (an empty list, blocks that are null) and downloads
 * answered with a 3xx that is no redirect (300, 304, 305): each item gets its result or its clear error.
 */
import type { Sandbox } from '../support/e2e';
import { apiTokenCredential, e2eFixture } from '../support/e2e';
import type { N8n } from '../support/n8n';
import { byId, chain, thinkeo } from '../support/workflows';

jest.setTimeout(300_000);

const CREDENTIAL = { id: 'thinkeoOddAnswer', name: 'Thinkeo odd answers' };
const PUBLICATIONS = [1, 2, 3, 4].map((n) => `0192f0a5-4444-7e00-9f00-${String(n).padStart(12, '0')}`);
const BLOCKS = [1, 2, 3].map((n) => `0192f0a5-5555-7e00-9f00-${String(n).padStart(12, '0')}`);
const ATTACHMENTS = [1, 2, 3].map((n) => `0192f0a5-6666-7e00-9f00-${String(n).padStart(12, '0')}`);

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
			{ resource: 'publication', operation: 'get', publicationId: byId('={{ $json.publication }}') },
			onError ? { onError } : {},
		),
	]);

/** One Thinkeo node over `ids` (one input item each, in `$json.id`), with Continue On Fail or not. */
const eachId = (id: string, ids: string[], parameters: Record<string, unknown>, onError?: string) =>
	chain(id, `Each id (${onError ?? 'stop'})`, [
		{ name: 'Inputs', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: JSON.stringify({ inputs: ids.map((each) => ({ id: each })) }) } },
		{ name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'inputs' } },
		thinkeo('Thinkeo', CREDENTIAL, parameters, onError ? { onError } : {}),
	]);

const renderEach = (id: string, ids: string[], onError?: string) =>
	eachId(id, ids, { resource: 'block', operation: 'render', blockId: byId('={{ $json.id }}'), output: 'document' }, onError);

const downloadEach = (id: string) =>
	eachId(id, ATTACHMENTS, { resource: 'attachment', operation: 'download', attachmentId: byId('={{ $json.id }}') }, 'continueRegularOutput');

/** Render answers: an empty list, a result whose one block is null, and a good one. */
async function renderOddly() {
	const render = (index: number) => `/blocks/${BLOCKS[index]}/render`;
	await sandbox.fault({ status: 200, method: 'POST', path: render(0), rawBody: '[]' });
	await sandbox.fault({ status: 200, method: 'POST', path: render(1), rawBody: '{"publicationId":"p2","blocks":{"a":null}}' });
	await sandbox.fault({
		status: 200,
		method: 'POST',
		path: render(2),
		rawBody: '{"publicationId":"p3","rootBlockId":"r","blocks":{"r":{"kind":"html","content":"<p>ok</p>"}}}',
	});
}

/** The odd answers, one per publication path, so the items sent in parallel each get theirs whatever the order. */
async function answerOddly(withFailure: boolean) {
	const path = (index: number) => `/publications/${PUBLICATIONS[index]}`;
	await sandbox.fault({ status: 200, path: path(0), rawBody: '[1,"a",null]' });
	await sandbox.fault({ status: 200, path: path(1), rawBody: 'Generation queued', headers: { 'content-type': 'text/plain' } });
	await sandbox.fault({ status: 200, path: path(2), rawBody: '42' });
	if (withFailure) await sandbox.fault({ status: 500, path: path(3) });
}

const WRAPPED = [{ value: 1 }, { value: 'a' }, { value: null }, { value: 'Generation queued' }, { value: 42 }];

const e2e = e2eFixture();

beforeAll(async () => {
	({ sandbox, n8n } = await e2e.start((setup) => [apiTokenCredential(CREDENTIAL, setup.sandbox.apiUrl, setup.token)], 'odd-answers'));
	await n8n.importWorkflows([
		getEach('wfOddAnswersCont', PUBLICATIONS, 'continueRegularOutput'),
		getEach('wfOddAnswersStop', PUBLICATIONS.slice(0, 3)),
		renderEach('wfOddRenderCont1', BLOCKS, 'continueRegularOutput'),
		renderEach('wfOddRenderStop1', BLOCKS.slice(1)),
		downloadEach('wfOddDownload3xx'),
	]);
}, 300_000);

afterEach(async () => {
	await sandbox.clearFaults();
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

describe('render results of an odd shape (issue 19, item 13)', () => {
	it('with Continue On Fail: an empty list is an error item, null blocks an empty document, no item lost', async () => {
		await renderOddly();
		const run = await n8n.execute('wfOddRenderCont1');
		expect(run.stdout + run.stderr).not.toContain('TypeError');
		expect(run.code).toBe(0);
		const output = run.output('Thinkeo');
		expect(output).toHaveLength(BLOCKS.length);
		expect(output.map((item) => item.pairedItem)).toEqual(BLOCKS.map((_, item) => ({ item })));
		expect(output[0].json.error).toBe('block render: Thinkeo answered with an empty list, not a render result ({publicationId, rootBlockId, blocks})');
		expect(output[1].json).toMatchObject({ publicationId: 'p2', document: { html: '' }, blocks: [] });
		expect(output[2].json).toMatchObject({ publicationId: 'p3', document: { html: '<p>ok</p>' } });
	});

	it('without it: blocks that are null give their document, and no TypeError', async () => {
		await renderOddly();
		// The empty list's block is not in this run: its fault stays unused.
		const run = await n8n.execute('wfOddRenderStop1');
		expect(run.stdout + run.stderr).not.toContain('TypeError');
		expect(run.code).toBe(0);
		expect(run.output('Thinkeo').map((item) => item.json.publicationId)).toEqual(['p2', 'p3']);
	});
});

describe('a download answered with a 3xx that is no redirect (issue 19, item 14)', () => {
	it.each([300, 304, 305])('HTTP %i: no file is made of it, the item fails saying why', async (status) => {
		await sandbox.fault({ status, method: 'GET', path: `/attachments/${ATTACHMENTS[1]}`, rawBody: 'not the file' });
		const run = await n8n.execute('wfOddDownload3xx');
		expect(run.code).toBe(0);
		const output = run.output('Thinkeo') as Array<{ json: Record<string, unknown>; binary?: unknown }>;
		expect(output).toHaveLength(ATTACHMENTS.length);
		expect(output[1].json.error).toBe(`Thinkeo answered attachment download with HTTP ${status}, which holds no result: the node takes only 2xx answers`);
		expect(output[1].binary).toBeUndefined();
		// The others are attachments the sandbox does not have: Thinkeo's 404, as before.
		expect(output[0].json.error).toMatch(/^Thinkeo rejected attachment download \(HTTP 404\)/);
	});
});
