/**
 * What user text puts into a request, in a real n8n: a non-ASCII file name reaches Thinkeo as its UTF-8 bytes (as
 * the documented curl example sends it) and comes back unchanged through Get Metadata and Download; a path
 * parameter that is not an ID (an App version) cannot change the endpoint, and is refused before any request. And
 * what a server's answer puts into a file name: hostile Content-Disposition names are stored safe, never as a path.
 */
import type { Sandbox } from '../support/e2e';
import { apiTokenCredential, e2eFixture } from '../support/e2e';
import type { N8n } from '../support/n8n';
import type { SeedApp } from '../support/types';
import { byId, chain, file, thinkeo } from '../support/workflows';

jest.setTimeout(300_000);

const CREDENTIAL = { id: 'thinkeoNamesPath', name: 'Thinkeo names and paths' };
const FILE_NAME = 'résumé 报告.pdf';
/** The Demo Team's seeded attachment (seeded-brief.txt). */
const SEEDED_ATTACHMENT = '0192f0a6-5555-7f00-8a00-000000000001';
/** Content-Disposition names a server may send (issue 19, item 9), and the name each is stored under. */
const HOSTILE_NAMES: Array<[string, string]> = [
	['attachment; filename="..\\..\\windows\\evil.exe"', 'evil.exe'],
	['attachment; filename="../../etc/passwd"', 'passwd'],
	[`attachment; filename*=UTF-8''evil%0D%0Aname%00.txt`, 'evil__name_.txt'],
	['attachment; filename=".."', 'file'],
	[`attachment; filename="${'a'.repeat(5000)}.pdf"`, `${'a'.repeat(196)}.pdf`],
];
const VERSIONS = ['1.0.0', '..', '.', 'a/b', '%2e%2e', 'latest?x=1'];

let sandbox: Sandbox;
let n8n: N8n;
let demoApp: SeedApp;

const attachment = (name: string, operation: string, parameters: Record<string, unknown> = {}) =>
	thinkeo(name, CREDENTIAL, {
		resource: 'attachment',
		operation,
		attachmentId: byId("={{ $('Upload').item.json.id }}"),
		...parameters,
	});

/** App → Clone Version of the demo App for each of `versions` (one input item each). */
const cloneEach = (id: string, versions: string[], onError?: string) =>
	chain(id, `Clone versions (${onError ?? 'stop'})`, [
		{
			name: 'Inputs',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ inputs: versions.map((version) => ({ version })) }) },
		},
		{ name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'inputs' } },
		thinkeo(
			'Clone',
			CREDENTIAL,
			{ resource: 'app', operation: 'cloneVersion', appId: byId(demoApp.id), version: '={{ $json.version }}' },
			onError ? { onError } : {},
		),
	]);

const e2e = e2eFixture();

beforeAll(async () => {
	({ sandbox, demoApp, n8n } = await e2e.start((setup) => [apiTokenCredential(CREDENTIAL, setup.sandbox.apiUrl, setup.token)], 'names-and-paths'));
	await n8n.importWorkflows([
		chain('wfNonAsciiName01', 'Non-ASCII file name', [
			...file('%PDF-1.7 résumé', FILE_NAME, 'application/pdf'),
			thinkeo('Upload', CREDENTIAL, { resource: 'attachment', operation: 'upload', binaryPropertyName: 'data' }),
			attachment('Metadata', 'getMetadata'),
			attachment('Download', 'download', { binaryPropertyName: 'file' }),
		]),
		cloneEach('wfPathParamsCont', VERSIONS, 'continueRegularOutput'),
		chain('wfHostileNames01', 'Downloads under hostile names', [
			{
				name: 'Inputs',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ inputs: HOSTILE_NAMES.map((_, index) => ({ index })) }) },
			},
			{ name: 'Split', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'inputs' } },
			thinkeo('Download', CREDENTIAL, { resource: 'attachment', operation: 'download', attachmentId: byId(SEEDED_ATTACHMENT) }),
		]),
		cloneEach('wfPathParamsStop', ['1.0.0', '..']),
	]);
}, 300_000);

it('sends a non-ASCII file name as its UTF-8 bytes, and gets it back from Get Metadata and Download', async () => {
	await sandbox.clearRequests();
	const run = await n8n.execute('wfNonAsciiName01');
	expect(run.code).toBe(0);
	const [upload] = await sandbox.requests({ method: 'POST', path: '/attachments' });
	// Header values reach the server as Latin-1 text: its bytes are the name's UTF-8 bytes.
	expect(Buffer.from(String(upload.headers.filename), 'latin1')).toEqual(Buffer.from(FILE_NAME, 'utf8'));
	expect(run.output('Upload')[0].json.filename).toBe(FILE_NAME);
	expect(run.output('Metadata')[0].json.filename).toBe(FILE_NAME);
	const [download] = run.output('Download');
	expect(download.json.fileName).toBe(FILE_NAME);
	expect(download.binary?.file.fileName).toBe(FILE_NAME);
});

it('stores a download under a safe name whatever Content-Disposition says: no path, no directory, no control character, bounded', async () => {
	await sandbox.clearRequests();
	// One answer per request; n8n 1.x does not send the items' requests in item order, so which item gets which varies.
	for (const [disposition] of HOSTILE_NAMES) {
		await sandbox.fault({ status: 200, method: 'GET', path: `/attachments/${SEEDED_ATTACHMENT}`, rawBody: 'hostile', headers: { 'content-type': 'text/plain', 'content-disposition': disposition } });
	}
	const run = await n8n.execute('wfHostileNames01');
	expect(run.code).toBe(0);
	const items = run.output('Download');
	expect(items.map((item) => String(item.json.fileName)).sort()).toEqual(HOSTILE_NAMES.map(([, stored]) => stored).sort());
	for (const item of items) {
		expect(item.binary?.data.fileName).toBe(item.json.fileName);
		expect(item.binary?.data.directory).toBeUndefined();
	}
	expect(await sandbox.requests({ method: 'GET' })).toHaveLength(HOSTILE_NAMES.length);
});

describe('a path parameter that would change the endpoint', () => {
	it('with Continue On Fail: one error item each, naming the field, and nothing sent for them', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfPathParamsCont');
		expect(run.code).toBe(0);
		const output = run.output('Clone');
		expect(output).toHaveLength(VERSIONS.length);
		expect(output[0].json).toMatchObject({ id: expect.any(String), clonedFrom: { appId: demoApp.id, version: '1.0.0' } });
		expect(output.slice(1).map((item) => item.json.error)).toEqual(
			VERSIONS.slice(1).map((version) => `Version: "${version}" cannot be used, it would change the API path`),
		);
		const sent = await sandbox.requests({ method: 'POST' });
		expect(sent.map((request) => request.path)).toEqual([`/apps/${demoApp.id}/versions/1.0.0/clone`]);
	});

	it('without it: the run stops at that item, naming the field, before sending it', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfPathParamsStop');
		expect(run.code).not.toBe(0);
		expect(run.error).toMatchObject({ message: 'Version: ".." cannot be used, it would change the API path', context: { itemIndex: 1 } });
		expect((await sandbox.requests({ method: 'POST' })).map((request) => request.path)).not.toContain(`/apps/${demoApp.id}/clone`);
	});
});
