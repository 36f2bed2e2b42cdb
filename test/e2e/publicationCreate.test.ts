/**
 * Publication → Create in one step, inside a real n8n 2.41.1 against the Thinkeo sandbox: attributes mapped by name
 * from earlier nodes (as the editor saves the mapper, and hand-written without its columns), files from binary fields
 * uploaded in the same step, the three output modes, the HTML file, and bad values with and without Continue On Fail.
 */
import { createHash } from 'crypto';

import example from '../../examples/publication-one-step.json';
import type { Sandbox } from '../support/e2e';
import { apiTokenCredential, callApi, e2eFixture, expectInputError } from '../support/e2e';
import type { N8n } from '../support/n8n';
import type { Json, LoggedRequest, Seed, SeedApp } from '../support/types';
import { byId, chain, graph, thinkeo } from '../support/workflows';

jest.setTimeout(300_000);

let sandbox: Sandbox;
let n8n: N8n;
let seed: Seed;
let app: SeedApp;
let bearer: string;

const CREDENTIAL = { id: 'thinkeoCreate001', name: 'Thinkeo one-step create' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const body = (request: LoggedRequest) => JSON.parse(request.bodyText ?? 'null') as Json;
const sha1 = (data: Buffer) => createHash('sha1').update(data).digest('hex');

const CONTRACT = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 0xa7)]);
const LOGO = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(800, 0x3c)]);

// How the editor shows each attribute kind in the mapper (the columns it saves with the workflow).
const MAPPER_TYPES: Record<string, string> = { text: 'string', number: 'number', date: 'dateTime', flag: 'boolean', file: 'url' };

/** The mapper's columns as the editor saves them after loading the App's attributes. */
async function mapperSchema(appId: string) {
	const { json } = await callApi(sandbox, bearer, 'GET', `/apps/${appId}/dependencies`);
	const { attributes } = json as { attributes: Array<{ id: string; name: string; kind: string }> };
	return attributes.map(({ id: attributeId, name, kind }) => ({
		id: attributeId,
		displayName: name,
		type: MAPPER_TYPES[kind],
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
	}));
}

const create = (name: string, parameters: Record<string, unknown>, extra = {}) =>
	thinkeo(name, CREDENTIAL, { resource: 'publication', operation: 'create', appId: byId(app.id), version: 'latest', ...parameters }, extra);

/** A Set node giving one item per entry of `rows`. */
const rowsNode = (name: string, rows: Json[]) => ({
	name,
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows }) },
});
const splitRows = (name: string) => ({
	name,
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	parameters: { fieldToSplitOut: 'rows' },
});
const toFile = (name: string, sourceProperty: string, binaryPropertyName: string, fileName: string, mimeType: string) => ({
	name,
	type: 'n8n-nodes-base.convertToFile',
	typeVersion: 1.1,
	parameters: { operation: 'toBinary', sourceProperty, binaryPropertyName, options: { fileName, mimeType } },
});

const REPORTS = [
	{ title: 'Q3 <review>', topics: ['Revenue', 'Hiring'], budget: '1250.50', due: '2026-12-31', confidential: true },
	{ title: 'Q4 outlook', topics: ['Costs'], budget: 99, due: '2027-01-15T09:30:00+01:00', confidential: 'no' },
];

async function workflows() {
	const schema = await mapperSchema(app.id);
	const attribute = app.attributes;
	const byName = {
		mappingMode: 'defineBelow',
		value: {
			[attribute.title.id]: '={{ $json.title }}',
			[attribute.topics.id]: '={{ $json.topics }}',
			[attribute.budget.id]: '={{ $json.budget }}',
			[attribute.dueDate.id]: '={{ $json.due }}',
			[attribute.confidential.id]: '={{ $json.confidential }}',
			// A column left empty in the editor.
			[attribute.appendix.id]: null,
		},
		matchingColumns: [],
		schema,
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
	const autoRows = [{ Title: 'Auto mapped', topics: ['One', 'Two'], 'due date': '2026-03-01', Budget: 7, internalNote: 'not an attribute' }];
	const twoFiles = [{ contract: CONTRACT.toString('base64'), logo: LOGO.toString('base64') }];
	// To File keeps only the binary: the mapping reads each row from the Split node.
	const badRows = [
		{ title: 'Good one', budget: 10, file: 'data' },
		{ title: 'Wrong type', budget: 'lots', file: 'data' },
		{ title: 'Missing file', budget: 30, file: 'scan' },
	].map((row) => ({ ...row, b64: CONTRACT.toString('base64') }));
	const badValues = {
		mappingMode: 'defineBelow',
		value: { [attribute.title.id]: "={{ $('Split').item.json.title }}", [attribute.budget.id]: "={{ $('Split').item.json.budget }}" },
		schema,
	};
	const badFile = { file: [{ attribute: attribute.appendix.id, binaryPropertyName: "={{ $('Split').item.json.file }}" }] };
	const badItems = [rowsNode('Rows', badRows), splitRows('Split')];

	return [
		chain('wfCreateByName01', 'Map by name from the previous node', [
			rowsNode('Reports', REPORTS),
			splitRows('Split'),
			create('Generate', { attributesInput: 'mapper', attributeValues: byName }),
		]),
		chain('wfCreateByName02', 'Map by name, written by hand', [
			rowsNode('Reports', REPORTS.slice(0, 1)),
			splitRows('Split'),
			create('Generate', {
				attributesInput: 'mapper',
				// No saved columns and attribute names instead of IDs: the node looks the App's attributes up.
				attributeValues: { mappingMode: 'defineBelow', value: { title: '={{ $json.title }}', 'Due Date': '={{ $json.due }}' } },
			}),
		]),
		chain('wfCreateAutoMap1', 'Map automatically', [
			rowsNode('Rows', autoRows),
			splitRows('Split'),
			create('Generate', { attributesInput: 'mapper', attributeValues: { mappingMode: 'autoMapInputData', value: null, schema } }),
		]),
		graph(
			'wfCreateFiles001',
			'Two files and generate in one step',
			[
				rowsNode('Files', twoFiles),
				splitRows('Split'),
				toFile('Contract', 'contract', 'contract', 'contract.pdf', 'application/pdf'),
				toFile('Logo', 'logo', 'logo', 'logo.png', 'image/png'),
				{ name: 'Both Files', type: 'n8n-nodes-base.merge', typeVersion: 3, parameters: { mode: 'combine', combineBy: 'combineByPosition', options: {} } },
				create('Generate', {
					attributesInput: 'mapper',
					attributeValues: { mappingMode: 'defineBelow', value: { [attribute.title.id]: 'With files' }, schema },
					files: {
						file: [
							{ attribute: attribute.appendix.id, binaryPropertyName: 'contract' },
							// A name given by expression works as well as the ID from the list.
							{ attribute: '={{ "Logo" }}', binaryPropertyName: 'logo' },
						],
					},
					options: { attachHtml: true, htmlBinaryField: 'document' },
				}),
				// Uploading the HTML file shows its bytes in the sandbox's log.
				thinkeo('Upload HTML', CREDENTIAL, { resource: 'attachment', operation: 'upload', binaryPropertyName: 'document' }),
			],
			[
				['Start', 'Files'],
				['Files', 'Split'],
				['Split', 'Contract'],
				['Split', 'Logo'],
				['Contract', 'Both Files', 0],
				['Logo', 'Both Files', 1],
				['Both Files', 'Generate'],
				['Generate', 'Upload HTML'],
			],
		),
		chain('wfCreateOutputs1', 'Output modes', [
			create('Document', { attributesInput: 'mapper', attributeValues: { mappingMode: 'defineBelow', value: { [attribute.title.id]: 'Modes', [attribute.topics.id]: '={{ ["a", "b"] }}' }, schema }, options: { seed: 5 } }),
			create('Blocks', { attributesInput: 'mapper', attributeValues: { mappingMode: 'defineBelow', value: { [attribute.title.id]: 'Modes', [attribute.topics.id]: '={{ ["a", "b"] }}' }, schema }, output: 'blocks' }, { executeOnce: true }),
			create('Raw', { attributesInput: 'mapper', attributeValues: { mappingMode: 'defineBelow', value: { [attribute.title.id]: 'Modes', [attribute.topics.id]: '={{ ["a", "b"] }}' }, schema }, output: 'raw' }, { executeOnce: true }),
		]),
		chain('wfCreateVersion1', 'A chosen version of another App', [
			thinkeo('Onboarding', CREDENTIAL, {
				resource: 'publication',
				operation: 'create',
				appId: byId(onboardingAppId()),
				version: '1.0.0',
				attributesInput: 'mapper',
				attributeValues: { mappingMode: 'defineBelow', value: { Title: 'Pinned version' } },
			}),
			thinkeo('Onboarding Preview', CREDENTIAL, {
				resource: 'publication',
				operation: 'create',
				appId: byId(onboardingAppId()),
				version: 'preview',
				attributesInput: 'mapper',
				attributeValues: { mappingMode: 'defineBelow', value: { Title: 'Preview version' } },
			}),
		]),
		chain('wfCreateBadCof01', 'Bad values, Continue On Fail', [
			...badItems,
			toFile('To File', 'b64', 'data', 'scan.pdf', 'application/pdf'),
			create('Generate', { attributesInput: 'mapper', attributeValues: badValues, files: badFile }, { onError: 'continueRegularOutput' }),
		]),
		chain('wfCreateNoFile01', 'A binary field the item does not have', [
			create('Generate', {
				attributesInput: 'mapper',
				attributeValues: { mappingMode: 'defineBelow', value: { [attribute.title.id]: 'No file' }, schema },
				files: { file: [{ attribute: attribute.appendix.id, binaryPropertyName: 'data' }] },
			}),
		]),
		chain('wfCreateBadStop1', 'Bad values, stop', [
			...badItems,
			toFile('To File', 'b64', 'data', 'scan.pdf', 'application/pdf'),
			create('Generate', { attributesInput: 'mapper', attributeValues: badValues, files: badFile }),
		]),
	];
}

/** The seeded App with several versions (1.0.0, 1.1.0 and preview), listed as the one with a wizard. */
function onboardingAppId(): string {
	return seed.collections.appWizards[0];
}

const e2e = e2eFixture();

beforeAll(async () => {
	// The example workflow names the credential that `npm run try` creates; here it points at this sandbox.
	const exampleCredential = example.nodes.find((node) => node.credentials)!.credentials!.thinkeoApi;
	const setup = await e2e.start(
		(started) => [
			apiTokenCredential(CREDENTIAL, started.sandbox.apiUrl, started.token),
			apiTokenCredential(exampleCredential, started.sandbox.apiUrl, started.token),
		],
		'e2e-create',
	);
	({ sandbox, seed, demoApp: app, n8n } = setup);
	bearer = `Bearer ${setup.token}`;
	await n8n.importWorkflows([...(await workflows()), { ...example, id: 'wfReadmeExample1', active: false }]);
});

beforeEach(() => sandbox.clearRequests());

const publicationRequests = () => sandbox.requests({ method: 'POST', path: '/publications' });

describe('attributes mapped by name', () => {
	it('converts mapped values from the previous node by kind and generates one publication per item', async () => {
		const run = await n8n.execute('wfCreateByName01');
		expect(run.error).toBeUndefined();
		const attribute = app.attributes;

		// n8n sends the items side by side: the sandbox may log them in either order.
		const title = (request: ReturnType<typeof body>) => String((request.attributes as Record<string, string[]>)[attribute.title.id]);
		const sent = (await publicationRequests()).map(body).sort((a, b) => title(a).localeCompare(title(b)));
		expect(sent).toEqual([
			{
				attributes: {
					[attribute.title.id]: ['Q3 <review>'],
					[attribute.topics.id]: ['Revenue', 'Hiring'],
					[attribute.budget.id]: ['1250.5'],
					[attribute.dueDate.id]: ['2026-12-31'],
					[attribute.confidential.id]: ['true'],
				},
			},
			{
				attributes: {
					[attribute.title.id]: ['Q4 outlook'],
					[attribute.topics.id]: ['Costs'],
					[attribute.budget.id]: ['99'],
					[attribute.dueDate.id]: ['2027-01-15T08:30:00.000Z'],
					[attribute.confidential.id]: ['false'],
				},
			},
		]);
		// Names were resolved from the saved columns: no request besides the two generations.
		expect((await sandbox.requests()).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /publications', 'POST /publications']);

		const [first, second] = run.output('Generate').map((item) => item.json);
		expect(first.publicationId).toMatch(UUID);
		expect(first.document.html).toBe(
			'<h1>Q3 &lt;review&gt;</h1><p>Report on 2 topic(s).</p><ul><li>Revenue</li><li>Hiring</li></ul>' +
				'<p>Budget: <strong>1250.5</strong></p><p>Due: <time datetime="2026-12-31">2026-12-31</time></p>' +
				'<p class="confidential">Confidential</p>',
		);
		expect(second.document.html).toContain('<strong>99</strong>');
		expect(second.document.html).not.toContain('Confidential');
	});

	it('resolves attribute names written by hand with one lookup of the App', async () => {
		const run = await n8n.execute('wfCreateByName02');
		expect(run.error).toBeUndefined();
		expect((await sandbox.requests()).map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /apps/${app.id}/dependencies`,
			'POST /publications',
		]);
		const [request] = await publicationRequests();
		expect(body(request)).toEqual({
			attributes: { [app.attributes.title.id]: ['Q3 <review>'], [app.attributes.dueDate.id]: ['2026-12-31'] },
		});
	});

	it('maps the fields of the input item named like attributes and ignores the others', async () => {
		const run = await n8n.execute('wfCreateAutoMap1');
		expect(run.error).toBeUndefined();
		const [request] = await publicationRequests();
		expect(body(request)).toEqual({
			attributes: {
				[app.attributes.title.id]: ['Auto mapped'],
				[app.attributes.topics.id]: ['One', 'Two'],
				[app.attributes.dueDate.id]: ['2026-03-01'],
				[app.attributes.budget.id]: ['7'],
			},
		});
		expect(run.output('Generate')[0].json.document.html).toContain('<li>One</li><li>Two</li>');
	});

	it('sends the chosen version, latest and preview of another App', async () => {
		const run = await n8n.execute('wfCreateVersion1');
		expect(run.error).toBeUndefined();
		const requests = await publicationRequests();
		expect(requests.map((r) => r.query)).toEqual([
			{ app: onboardingAppId(), version: '1.0.0' },
			{ app: onboardingAppId(), version: 'preview' },
		]);
		expect(run.output('Onboarding')[0].json.document.html).toContain('<h1>Pinned version</h1>');
		expect(run.output('Onboarding')[0].json.document.html).not.toContain('Preview');
		expect(run.output('Onboarding Preview')[0].json.document.html).toContain('<p><em>Preview</em></p>');
	});
});

describe('files from binary fields', () => {
	it('uploads two binaries, puts their URLs in the File attributes, then generates, in one step', async () => {
		const run = await n8n.execute('wfCreateFiles001');
		expect(run.error).toBeUndefined();

		const requests = await sandbox.requests();
		expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'POST /attachments 200',
			'POST /attachments 200',
			'POST /publications 200',
			`GET /apps/${app.id} 200`,
			'POST /attachments 200',
		]);
		const [contractUpload, logoUpload, generation, , htmlUpload] = requests;
		expect(contractUpload.headers.filename).toBe('contract.pdf');
		expect(contractUpload.headers['content-type']).toBe('application/pdf');
		expect(contractUpload.bodySha1).toBe(sha1(CONTRACT));
		expect(logoUpload.headers.filename).toBe('logo.png');
		expect(logoUpload.bodySha1).toBe(sha1(LOGO));

		const { attributes } = body(generation) as { attributes: Record<string, string[]> };
		expect(Object.keys(attributes).sort()).toEqual([app.attributes.appendix.id, app.attributes.logo.id, app.attributes.title.id].sort());
		const [contractUrl] = attributes[app.attributes.appendix.id];
		const [logoUrl] = attributes[app.attributes.logo.id];
		// The URLs point at the uploaded bytes.
		for (const [url, bytes] of [[contractUrl, CONTRACT], [logoUrl, LOGO]] as const) {
			const download = await sandbox.api('GET', new URL(url).pathname.replace(/^\/v1/, ''), { headers: { authorization: bearer } });
			expect(sha1(Buffer.from(await download.arrayBuffer()))).toBe(sha1(bytes));
		}

		const [item] = run.output('Generate');
		expect(item.json.document.html).toContain(`<p>Appendix: <a href="${contractUrl}">`);
		expect(item.json.document.html).toContain(`<p>Logo: <a href="${logoUrl}">`);
		// The document as an HTML file named after the App and the publication.
		expect(item.binary?.document).toMatchObject({
			fileName: `Demo Report-${item.json.publicationId}.html`,
			mimeType: 'text/html',
			fileExtension: 'html',
		});
		expect(htmlUpload.headers).toMatchObject({ filename: item.binary!.document.fileName, 'content-type': 'text/html' });
		expect(htmlUpload.bodyText).toContain('<title>Demo Report</title>');
		expect(htmlUpload.bodyText).toContain(item.json.document.html);
	});
});

describe('output modes', () => {
	it('gives the document, one item per block in document order, or the raw response', async () => {
		const run = await n8n.execute('wfCreateOutputs1');
		expect(run.error).toBeUndefined();

		const [document] = run.output('Document');
		expect(Object.keys(document.json).sort()).toEqual(['blocks', 'document', 'publicationId', 'rootBlockId']);
		expect(document.json.document.html).toBe('<h1>Modes</h1><p>Report on 2 topic(s).</p><ul><li>a</li><li>b</li></ul>');
		const blocks = document.json.blocks as Array<{ id: string; kind: string; content: unknown; parentId: string | null; depth: number }>;
		expect(blocks.map((block) => [block.kind, block.depth])).toEqual([
			['concatenation', 0],
			['html', 1],
			['concatenation', 1],
			['html', 2],
			['html', 2],
		]);
		expect(blocks[0].id).toBe(document.json.rootBlockId);
		expect(blocks[3].parentId).toBe(blocks[2].id);
		// Joining the html blocks in this order gives the document.
		expect(blocks.filter((b) => b.kind === 'html').map((b) => b.content).join('')).toBe(document.json.document.html);

		const blockItems = run.output('Blocks').map((item) => item.json);
		expect(blockItems.map(({ position, kind, depth, content }) => ({ position, kind, depth, html: kind === 'html' ? content : undefined }))).toEqual(
			blocks.map((block, position) => ({ position, kind: block.kind, depth: block.depth, html: block.kind === 'html' ? block.content : undefined })),
		);
		expect(new Set(blockItems.map((item) => item.publicationId)).size).toBe(1);
		expect(blockItems[0].publicationId).not.toBe(document.json.publicationId);

		const [raw] = run.output('Raw');
		expect(Object.keys(raw.json).sort()).toEqual(['blocks', 'publicationId', 'rootBlockId']);
		expect(Object.keys(raw.json.blocks)).toHaveLength(5);
		expect(raw.json.blocks[raw.json.rootBlockId].kind).toBe('concatenation');

		// The generation options still reach the API.
		const sent = (await publicationRequests()).map(body);
		expect(sent[0]).toMatchObject({ seed: 5 });
	});
});

describe('bad values', () => {
	it('with Continue On Fail, gives one error item per bad item, names the attribute and value, and sends nothing for it', async () => {
		const run = await n8n.execute('wfCreateBadCof01');
		expect(run.error).toBeUndefined();
		const output = run.output('Generate');
		expect(output).toHaveLength(3);
		expect(output[0].json.publicationId).toMatch(UUID);
		expect(output[1].json.error).toBe('Attribute "Budget": "lots" is not a number');
		expect(output[2].json.error).toBe('Files From Binary Data: the input item has no binary field "scan" (for attribute "Appendix")');

		// Only the good item uploaded its file and generated.
		const requests = await sandbox.requests();
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /attachments', 'POST /publications']);
		expect(body(requests[1])).toMatchObject({ attributes: { [app.attributes.title.id]: ['Good one'], [app.attributes.budget.id]: ['10'] } });
	});

	it('without it, stops at the first bad item with its index, after the good one', async () => {
		const run = await n8n.execute('wfCreateBadStop1');
		expect(run.error?.message).toBe('Attribute "Budget": "lots" is not a number');
		expect(run.error?.description).toBe('"Budget" is a number attribute.');
		expect(JSON.stringify(run.error)).toMatch(/"itemIndex":1\b/);
		expectInputError(run.error);
		expect((await sandbox.requests()).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /attachments', 'POST /publications']);
	});

	it('reports a binary field the item does not have as its own error, not as an answer from Thinkeo', async () => {
		const run = await n8n.execute('wfCreateNoFile01');
		expect(run.error?.message).toBe('Files From Binary Data: the input item has no binary field "data" (for attribute "Appendix")');
		expectInputError(run.error);
		expect(await sandbox.requests()).toEqual([]);
	});
});

describe('the example workflow of the README (examples/publication-one-step.json)', () => {
	it('uploads the minutes, generates the report from the mapped data and attaches the HTML file', async () => {
		const run = await n8n.execute('wfReadmeExample1');
		expect(run.error).toBeUndefined();
		const requests = await sandbox.requests();
		expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'POST /attachments 200',
			'POST /publications 200',
			`GET /apps/${app.id} 200`,
		]);
		expect(requests[0].headers.filename).toBe('minutes.txt');
		const { attributes } = body(requests[1]) as { attributes: Record<string, string[]> };
		expect(attributes).toMatchObject({
			[app.attributes.title.id]: ['Quarterly review'],
			[app.attributes.topics.id]: ['Revenue', 'Hiring'],
			[app.attributes.budget.id]: ['125000'],
			[app.attributes.dueDate.id]: ['2026-12-31'],
			[app.attributes.confidential.id]: ['true'],
			[app.attributes.appendix.id]: [expect.stringMatching(/\/attachments\/[0-9a-f-]{36}$/)],
		});
		const [report] = run.output('Generate Report');
		expect(report.json.document.html).toContain('<h1>Quarterly review</h1>');
		expect(report.binary?.document.fileName).toBe(`Demo Report-${report.json.publicationId}.html`);
	});
});
