/**
 * Output Files (Publication → Create, the trigger's New Publication), inside a real n8n against the sandbox's
 * "Demo Documents" App, whose publications produce a .docx and a PNG: the generated files as binary fields with
 * their real names, types and bytes, without the input file uploaded for a File attribute; All Publication Files;
 * the filters; None unchanged; a file that cannot be served; hostile URLs in a render output, which never take the
 * token outside the Base URL's path; a file past the Max Download Size; the trigger; the example workflow.
 */
import { createHash } from 'crypto';

import example from '../../examples/publication-to-docx.json';
import type { Sandbox } from '../support/e2e';
import { apiTokenCredential, callApi, createApiToken, e2eFixture } from '../support/e2e';
import { pollThinkeoTrigger } from '../support/inprocess';
import type { N8n } from '../support/n8n';
import type { Json, SeedApp } from '../support/types';
import { storedFiles } from '../support/files';
import { byId, chain, file, graph, thinkeo } from '../support/workflows';

jest.setTimeout(300_000);

let sandbox: Sandbox;
let n8n: N8n;
let token: string;
let demoApp: SeedApp;
let documentsAppId: string;

const CREDENTIAL = { id: 'thinkeoFiles0001', name: 'Thinkeo generated files' };
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const BRIEF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x5a)]);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const sha1 = (data: Buffer) => createHash('sha1').update(data).digest('hex');
/** The Demo Team's seeded attachment (seeded-brief.txt). */
const SEEDED_ATTACHMENT = '0192f0a6-5555-7f00-8a00-000000000001';
const MB = 1024 * 1024;

const api = async (method: string, path: string, payload?: unknown) => {
	const { status, json } = await callApi(sandbox, `Bearer ${token}`, method, path, payload);
	if (status >= 400) throw new Error(`${method} ${path}: HTTP ${status} ${JSON.stringify(json)}`);
	return json as Json;
};

/** The sandbox's own record of an attachment: its name, type and SHA-1 (hex). */
async function storedFile(attachmentId: string) {
	const meta = await api('GET', `/attachments/${attachmentId}/meta`);
	return { fileName: meta.filename, mimeType: meta.mimeType, sha1: Buffer.from(meta.sha1 as number[]).toString('hex') };
}

/** Publication → Create on Demo Documents, the title by ID and the input PDF (binary "data") in Appendix. */
const generate = (name: string, parameters: Record<string, unknown>, extra = {}) =>
	thinkeo(
		name,
		CREDENTIAL,
		{
			resource: 'publication',
			operation: 'create',
			appId: byId(documentsAppId),
			version: 'latest',
			attributesInput: 'fields',
			attributes: { attribute: [{ attributeId: demoApp.attributes.title.id, value: 'Quarterly <files>' }] },
			files: { file: [{ attribute: demoApp.attributes.appendix.id, binaryPropertyName: 'data' }] },
			...parameters,
		},
		extra,
	);

/** Attachment → Upload of one binary field: the sandbox logs the SHA-1 of the bytes n8n holds. */
const reupload = (name: string, binaryPropertyName: string) =>
	thinkeo(name, CREDENTIAL, { resource: 'attachment', operation: 'upload', binaryPropertyName });

/** The input PDF, then `nodes` each fed by the one before (or by the node named in `from`). */
function withInput(workflowId: string, title: string, nodes: Array<ReturnType<typeof thinkeo>>, edges: Array<[string, string]>) {
	const input = file(BRIEF, 'brief.pdf', 'application/pdf');
	return graph(workflowId, title, [...input, ...nodes], [['Start', 'File Content'], ['File Content', 'To File'], ...edges]);
}

function workflows() {
	return [
		withInput(
			'wfFilesGenerated',
			'Generated files',
			[generate('Generate', { outputFiles: 'generated' }), reupload('Upload Docx', 'file_0'), reupload('Upload Png', 'file_1')],
			[['To File', 'Generate'], ['Generate', 'Upload Docx'], ['Generate', 'Upload Png']],
		),
		withInput('wfFilesAllFiles1', 'All publication files', [generate('Generate', { outputFiles: 'all' })], [['To File', 'Generate']]),
		withInput(
			'wfFilesDocxOnly1',
			'Only the .docx, as data',
			[generate('Generate', { outputFiles: 'generated', outputFileOptions: { extensions: '.docx', singleFileAsData: true } })],
			[['To File', 'Generate']],
		),
		withInput(
			'wfFilesMimeMax01',
			'Images only, at most one, with a prefix',
			[generate('Generate', { outputFiles: 'all', outputFileOptions: { mimeTypes: 'image/*, application/pdf', maxFiles: 1, binaryPrefix: 'out' } })],
			[['To File', 'Generate']],
		),
		withInput(
			'wfFilesNone0001',
			'Files None and no Files parameter at all, side by side',
			[
				generate('Without Parameter', { appId: byId(demoApp.id) }),
				generate('None', { appId: byId(demoApp.id), outputFiles: 'none', outputFileOptions: { extensions: 'docx' } }),
				generate('Documents None', { outputFiles: 'none' }),
			],
			[['To File', 'Without Parameter'], ['To File', 'None'], ['To File', 'Documents None']],
		),
		withInput('wfFilesMissing01', 'A file that 404s', [generate('Generate', { outputFiles: 'generated' })], [['To File', 'Generate']]),
		withInput(
			'wfFilesMissing02',
			'A file that 404s, Continue On Fail',
			[generate('Generate', { outputFiles: 'generated' }, { onError: 'continueRegularOutput' })],
			[['To File', 'Generate']],
		),
		chain('wfFilesHostile01', 'A render output naming hostile URLs, Continue On Fail', [
			generate('Generate', { outputFiles: 'all', files: {} }, { onError: 'continueRegularOutput' }),
		]),
		chain('wfFilesTooLarge1', 'A generated file past a Max Download Size of 1 MB, Continue On Fail', [
			generate('Generate', { outputFiles: 'all', files: {}, outputFileOptions: { maxDownloadSizeMb: 1 } }, { onError: 'continueRegularOutput' }),
		]),
	];
}

const e2e = e2eFixture();

beforeAll(async () => {
	let demo;
	({ sandbox, demo, demoApp } = await e2e.startSandbox());
	token = await createApiToken(sandbox, demo, 'generated-files');
	const [documents] = (await api('POST', '/apps/query', { name: 'Demo Documents' })) as unknown as Json[];
	documentsAppId = String(documents.id);
	const exampleCredential = example.nodes.find((node) => 'credentials' in node && node.credentials)!.credentials!.thinkeoApi;
	n8n = await e2e.startN8n([apiTokenCredential(CREDENTIAL, sandbox.apiUrl, token), apiTokenCredential(exampleCredential, sandbox.apiUrl, token)]);
	await n8n.importWorkflows([...workflows(), { ...example, id: 'wfFilesExample01', active: false }]);
});

beforeEach(async () => {
	await sandbox.clearRequests();
	await sandbox.admin('DELETE', 'faults');
});

describe('Output Files = Generated Files', () => {
	it('outputs the .docx and the PNG with their names, types and bytes, not the uploaded input', async () => {
		const run = await n8n.execute('wfFilesGenerated');
		expect(run.error).toBeUndefined();
		const [item] = run.output('Generate');
		const publicationId = String(item.json.publicationId);

		const listing = (await api('GET', `/publications/${publicationId}/attachments`)) as unknown as Json[];
		const [input, docx, png] = listing.map((attachment) => String(attachment.id));
		expect(listing.map((attachment) => attachment.filename)).toEqual(['brief.pdf', 'report.docx', 'chart.png']);
		expect(await storedFile(input)).toMatchObject({ sha1: sha1(BRIEF) });

		const url = (attachmentId: string) => `${sandbox.apiUrl}/attachments/${attachmentId}`;
		const stored = { docx: await storedFile(docx), png: await storedFile(png) };
		expect(item.json.files).toEqual([
			{ fileName: 'report.docx', mimeType: DOCX_TYPE, fileSize: expect.any(Number), attachmentId: docx, url: url(docx), source: 'publicationAttachments', blockKind: 'word', binaryField: 'file_0' },
			{ fileName: 'chart.png', mimeType: 'image/png', fileSize: expect.any(Number), attachmentId: png, url: url(png), source: 'publicationAttachments', blockKind: 'image', binaryField: 'file_1' },
		]);
		expect(Object.keys(item.binary ?? {})).toEqual(['file_0', 'file_1']);
		expect(item.binary?.file_0).toMatchObject({ fileName: 'report.docx', mimeType: DOCX_TYPE, fileExtension: 'docx' });
		expect(item.binary?.file_1).toMatchObject({ fileName: 'chart.png', mimeType: 'image/png', fileExtension: 'png' });
		// The document itself is still there, its file blocks kept with their kind and content.
		expect(item.json.document).toEqual({ html: '<h1>Quarterly &#60;files&#62;</h1>' });
		expect((item.json.blocks as Json[]).map((block) => block.kind)).toEqual(['concatenation', 'html', 'word', 'image']);

		// The bytes n8n holds are the sandbox's: uploading them again gives the stored SHA-1s.
		const uploads = await sandbox.requests({ method: 'POST', path: '/attachments' });
		expect(uploads.map((upload) => [upload.headers.filename, upload.bodySha1])).toEqual([
			['brief.pdf', sha1(BRIEF)],
			['report.docx', stored.docx.sha1],
			['chart.png', stored.png.sha1],
		]);
		expect((await sandbox.requests()).map((request) => `${request.method} ${request.path} ${request.status}`).slice(0, 5)).toEqual([
			'POST /attachments 200',
			'POST /publications 200',
			`GET /publications/${publicationId}/attachments 200`,
			`GET /attachments/${docx} 200`,
			`GET /attachments/${png} 200`,
		]);
	});

	it('keeps only the .docx with the extension filter, in "data", and does not download the PNG', async () => {
		const run = await n8n.execute('wfFilesDocxOnly1');
		expect(run.error).toBeUndefined();
		const [item] = run.output('Generate');
		expect((item.json.files as Json[]).map((entry) => [entry.fileName, entry.binaryField])).toEqual([['report.docx', 'data']]);
		expect(Object.keys(item.binary ?? {})).toEqual(['data']);
		expect(item.binary?.data).toMatchObject({ fileName: 'report.docx', mimeType: DOCX_TYPE });
		const downloads = (await sandbox.requests({ method: 'GET' })).filter((request) => request.path.startsWith('/attachments/'));
		expect(downloads).toHaveLength(1);
	});
});

describe('Output Files = All Publication Files', () => {
	it('includes the input file too, first, as the publication lists it', async () => {
		const run = await n8n.execute('wfFilesAllFiles1');
		expect(run.error).toBeUndefined();
		const [item] = run.output('Generate');
		expect((item.json.files as Json[]).map((entry) => [entry.fileName, entry.mimeType, entry.binaryField])).toEqual([
			['brief.pdf', 'application/pdf', 'file_0'],
			['report.docx', DOCX_TYPE, 'file_1'],
			['chart.png', 'image/png', 'file_2'],
		]);
		expect((item.json.files as Json[])[0].fileSize).toBe(BRIEF.length);
	});

	it('filters by MIME type after the download and stops at Max Files, with the prefix chosen', async () => {
		const run = await n8n.execute('wfFilesMimeMax01');
		expect(run.error).toBeUndefined();
		const [item] = run.output('Generate');
		// The PDF matches first; Max Files 1 stops there.
		expect((item.json.files as Json[]).map((entry) => [entry.fileName, entry.binaryField])).toEqual([['brief.pdf', 'out0']]);
		expect(Object.keys(item.binary ?? {})).toEqual(['out0']);
	});
});

describe('Output Files = None', () => {
	it('gives the same JSON as a workflow without the parameter, with no binary and no extra request', async () => {
		const run = await n8n.execute('wfFilesNone0001');
		expect(run.error).toBeUndefined();
		const [without] = run.output('Without Parameter');
		const [none] = run.output('None');
		// Each generation has fresh IDs: number them in order of appearance to compare the rest byte for byte.
		const shape = (json: unknown) => {
			const seen: string[] = [];
			return JSON.stringify(json).replace(UUID, (uuid) => `#${seen.includes(uuid) ? seen.indexOf(uuid) : seen.push(uuid) - 1}`);
		};
		expect(shape(none.json)).toBe(shape(without.json));
		expect(Object.keys(none.json)).toEqual(['publicationId', 'rootBlockId', 'document', 'blocks']);
		expect(none.binary).toBeUndefined();
		const [documents] = run.output('Documents None');
		expect(documents.binary).toBeUndefined();
		expect(documents.json.files).toBeUndefined();
		const paths = (await sandbox.requests()).map((request) => `${request.method} ${request.path}`);
		expect(paths.filter((path) => path.startsWith('GET'))).toEqual([]);
	});
});

describe('a file the API lists but cannot serve', () => {
	// The listing is the first GET of the run, the .docx download the second.
	const missingDocx = () =>
		sandbox.admin('POST', 'faults', { status: 404, method: 'GET', skip: 1, body: { error: { status: 404, message: 'Attachment file is gone' } } });

	it('stops the item with an error naming the file and the publication', async () => {
		await missingDocx();
		const run = await n8n.execute('wfFilesMissing01');
		expect(run.error?.message).toMatch(/downloading the file "report\.docx" of publication [0-9a-f-]{36}.*HTTP 404.*Attachment file is gone/);
		expect(run.error?.description).toContain('The publication was generated (ID');
	});

	it('with Continue On Fail, gives one item: the document, the served file, and the error naming the missing one', async () => {
		await missingDocx();
		const run = await n8n.execute('wfFilesMissing02');
		expect(run.error).toBeUndefined();
		const items = run.output('Generate');
		expect(items).toHaveLength(1);
		const [item] = items;
		expect(item.json.error).toMatch(/"report\.docx".*HTTP 404/);
		expect((item.json.files as Json[]).map((entry) => [entry.fileName, entry.binaryField ?? null, typeof entry.error])).toEqual([
			['report.docx', null, 'string'],
			['chart.png', 'file_0', 'undefined'],
		]);
		expect(Object.keys(item.binary ?? {})).toEqual(['file_0']);
		expect(item.json.document).toEqual({ html: '<h1>Quarterly &#60;files&#62;</h1>' });
	});
});

describe('URLs a render output hands back (issue 19, items 7 and 8)', () => {
	const publicationId = '0192f0a5-4444-7e00-9f00-00000000019f';

	it('fetches only what file blocks name under the Base URL, by its normalised path; the rest is listed as external', async () => {
		const api = sandbox.apiUrl;
		const { url: foreignUrl } = await sandbox.foreign();
		await sandbox.clearForeign();
		const origin = new URL(api);
		const blocks: Record<string, { kind: string; content: unknown }> = {
			root: { kind: 'concatenation', content: ['up', 'encoded', 'backslash', 'double', 'foreign', 'userinfo', 'members', 'ai', 'call', 'dotted', 'icon'] },
			up: { kind: 'word', content: `${api}/../../other-service/steal` },
			encoded: { kind: 'word', content: `${api}/%2e%2e/%2E%2E/admin/x` },
			backslash: { kind: 'image', content: `${api}/..\\..\\x` },
			double: { kind: 'ppt', content: `${api}//evil.example/x` },
			foreign: { kind: 'fileBeta', content: `${foreignUrl}/v1/exports/7` },
			userinfo: { kind: 'word', content: `${origin.protocol}//user:secret@${origin.host}/v1/teams` },
			members: { kind: 'paragraph', content: [`${api}/teams/users`] },
			ai: { kind: 'ai', content: `${api}/attachments/${SEEDED_ATTACHMENT}` },
			call: { kind: 'apiCall', content: { url: `${api}/apps/${demoApp.id}/icon` } },
			// Under the Base URL once normalised: fetched, by the normalised path only.
			dotted: { kind: 'word', content: `${api}/attachments/./${SEEDED_ATTACHMENT}/../${SEEDED_ATTACHMENT}#top` },
			icon: { kind: 'image', content: { url: `${api}/apps/${demoApp.id}/./icon`, filename: '../../etc/icon.png' } },
		};
		await sandbox.fault({ status: 200, method: 'POST', path: '/publications', body: { publicationId, rootBlockId: 'root', blocks } });
		await sandbox.fault({ status: 200, method: 'GET', path: `/publications/${publicationId}/attachments`, body: [] });

		const run = await n8n.execute('wfFilesHostile01');
		expect(run.error).toBeUndefined();
		const [item] = run.output('Generate');
		expect(item.json.error).toBeUndefined();
		const entries = item.json.files as Json[];
		const byBlock = (kind: string, url: string) => entries.find((entry) => entry.blockKind === kind && entry.url === url);
		for (const [kind, url, reason] of [
			['word', blocks.up.content, 'is not under the Base URL’s path /v1/'],
			['word', blocks.encoded.content, 'is not under the Base URL’s path /v1/'],
			['image', blocks.backslash.content, 'is not under the Base URL’s path /v1/'],
			['ppt', blocks.double.content, 'has an empty segment (//)'],
			['fileBeta', blocks.foreign.content, 'another origin than the Base URL'],
			['word', blocks.userinfo.content, 'user name or password'],
			['paragraph', `${api}/teams/users`, 'block of kind "paragraph", which is not a file block'],
			['ai', blocks.ai.content, 'block of kind "ai", which is not a file block'],
			['apiCall', `${api}/apps/${demoApp.id}/icon`, 'block of kind "apiCall", which is not a file block'],
		] as Array<[string, string, string]>) {
			expect(byBlock(kind, url)).toMatchObject({ external: true, reason: expect.stringContaining(reason) });
			expect(byBlock(kind, url)?.binaryField).toBeUndefined();
		}
		expect(entries.filter((entry) => entry.binaryField).map((entry) => [entry.blockKind, entry.fileName, entry.binaryField])).toEqual([
			['word', 'seeded-brief.txt', 'file_0'],
			['image', 'demo-report.png', 'file_1'],
		]);
		expect(item.binary?.file_1.directory).toBeUndefined();

		// The sandbox's record: every request stayed under /v1/, and the downloads were the normalised paths.
		const requests = await sandbox.requests();
		expect(requests.filter((request) => !request.rawPath.startsWith('/v1/')).map((request) => request.rawPath)).toEqual([]);
		const gets = requests.filter((request) => request.method === 'GET').map((request) => request.rawPath);
		expect(gets).toEqual(expect.arrayContaining([`/v1/attachments/${SEEDED_ATTACHMENT}`, `/v1/apps/${demoApp.id}/icon`]));
		expect(gets.filter((path) => /other-service|admin|evil|\/x$|teams/.test(path))).toEqual([]);
		expect((await sandbox.foreign()).requests).toEqual([]);
	});
});

describe('a generated file past the Max Download Size', () => {
	it('is stopped at the limit, its connection closed and nothing of it kept; the other file still comes out', async () => {
		// The listing is the first GET of the run, the .docx download the second: a body far past 1 MB.
		await sandbox.fault({ status: 200, method: 'GET', skip: 1, streamBytes: 200 * MB, headers: { 'content-disposition': 'attachment; filename="report.docx"' } });
		const before = new Set(storedFiles(n8n.home).map((stored) => stored.path));
		const run = await n8n.execute('wfFilesTooLarge1');
		expect(run.error).toBeUndefined();
		const [item] = run.output('Generate');
		expect(item.json.error).toMatch(/^Stopped downloading the file "report\.docx" of publication [0-9a-f-]{36}: the file "report\.docx" is larger than the Max Download Size of 1 MB$/);
		expect((item.json.files as Json[]).map((entry) => [entry.fileName, entry.binaryField ?? null, typeof entry.error])).toEqual([
			['report.docx', null, 'string'],
			['chart.png', 'file_0', 'undefined'],
		]);
		const [streamed] = (await sandbox.requests()).filter((request) => request.bytesSent !== undefined);
		expect(streamed).toMatchObject({ clientClosed: true });
		expect(streamed.bytesSent).toBeLessThan(64 * MB);
		// What n8n stored in the run: the PNG and its metadata, a few KB. n8n 2.x writes the .docx to a temporary file it
		// deletes when the write fails; 1.x writes it in place and leaves what it got (at most the limit) to the
		// execution's clean-up, outside every item.
		const kept = storedFiles(n8n.home).filter((stored) => !before.has(stored.path));
		expect(kept.length).toBeGreaterThan(0);
		const partial = kept.filter((stored) => stored.size > 64 * 1024 || stored.path.includes('.tmp.'));
		if (n8n.major >= 2) expect(partial).toEqual([]);
		else expect(partial.filter((stored) => stored.size > MB)).toEqual([]);
	});
});

describe('the trigger’s New Publication with Output Files', () => {
	it('delivers the generated .docx once, without the input file', async () => {
		const parameters = { event: 'newPublication', appId: byId(documentsAppId), outputFiles: 'generated', outputFileOptions: { extensions: 'docx, pdf' } };
		const poll = (staticData?: Record<string, unknown>) => pollThinkeoTrigger({ baseUrl: sandbox.apiUrl, apiToken: token, parameters, staticData });
		const first = await poll();
		expect(first.items).toEqual([]);

		const input = await sandbox.api('POST', '/attachments', {
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf', filename: 'brief.pdf' },
			body: BRIEF,
		});
		const { url: inputUrl } = (await input.json()) as { url: string };
		const created = await api('POST', `/publications?app=${documentsAppId}&version=latest`, {
			attributes: { [demoApp.attributes.title.id]: ['Triggered'], [demoApp.attributes.appendix.id]: [inputUrl] },
		});
		const second = await poll(first.staticData);
		expect(second.items.map((item) => item.json.id)).toEqual([created.publicationId]);
		const [item] = second.items;
		expect((item.json.files as Json[]).map((entry) => [entry.fileName, entry.mimeType, entry.binaryField])).toEqual([['report.docx', DOCX_TYPE, 'file_0']]);
		const docx = (item.json.files as Json[])[0];
		const bytes = Buffer.from(String(item.binary?.file_0.data), 'base64');
		expect(sha1(bytes)).toBe((await storedFile(String(docx.attachmentId))).sha1);
		// A Word document: a zip whose first entry is the package's content types.
		expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
		expect(bytes.subarray(30, 49).toString('utf8')).toBe('[Content_Types].xml');

		const third = await poll(second.staticData);
		expect(third.items).toEqual([]);
	});
});

describe('the example workflow (examples/publication-to-docx.json)', () => {
	it('runs as it is: the .docx of the generation reaches the next node', async () => {
		const run = await n8n.execute('wfFilesExample01');
		expect(run.error).toBeUndefined();
		const [generated] = run.output('Generate Word Report');
		expect(generated.binary?.data).toMatchObject({ fileName: 'report.docx', mimeType: DOCX_TYPE });
		const [converted] = run.output('Report as Base64');
		const bytes = Buffer.from(String(converted.json.docx), 'base64');
		const docx = (generated.json.files as Json[])[0];
		expect(sha1(bytes)).toBe((await storedFile(String(docx.attachmentId))).sha1);
	});
});
