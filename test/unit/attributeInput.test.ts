import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import fc from 'fast-check';

import { sendAttributes } from '../../nodes/Thinkeo/generation/input/attributeInput';
import { generationInputsPerItem } from '../../nodes/Thinkeo/generation/input/inputFiles';
import type { FakeItemOptions } from './fakeItemContext';
import { errorOf, fakeItemContext } from './fakeItemContext';

const APP_ID = '0192f0a6-0000-7f00-8a00-00000000a001';
const TITLE = '0192f0a6-0000-7f00-8a00-000000000001';
const COUNT = '0192f0a6-0000-7f00-8a00-000000000002';
const DUE = '0192f0a6-0000-7f00-8a00-000000000003';
const URGENT = '0192f0a6-0000-7f00-8a00-000000000004';
const BRIEF = '0192f0a6-0000-7f00-8a00-000000000005';
const UPLOADED = '0192F0A6-0000-7F00-8A00-0000000000F1';
const SHA1_BYTES = [...Buffer.alloc(20, 0xab)];

/** The mapper's columns as the editor loads them (getAttributeColumns): id, display name, field type. */
const SCHEMA = [
	{ id: TITLE, displayName: 'Title', type: 'string' },
	{ id: COUNT, displayName: 'Count', type: 'number' },
	{ id: DUE, displayName: 'Due Date', type: 'dateTime' },
	{ id: URGENT, displayName: 'Urgent', type: 'boolean' },
	{ id: BRIEF, displayName: 'Brief', type: 'url' },
];

/** GET /apps/{id}/dependencies of the App, and POST /attachments answering with an attachment. */
const thinkeo = (request: IHttpRequestOptions) => {
	if (request.url === `/apps/${APP_ID}/dependencies`) {
		return { body: { attributes: [{ id: BRIEF, name: 'Brief', kind: 'file' }, { id: TITLE, name: 'Title', kind: 'text' }] } };
	}
	if (request.url === '/attachments') {
		return { body: { id: UPLOADED, url: `http://thinkeo.test/v1/attachments/${UPLOADED.toLowerCase()}`, sha1: SHA1_BYTES } };
	}
	return { statusCode: 404, body: { message: 'not found' } };
};

function byName(value: IDataObject | null, options: FakeItemOptions = {}, mappingMode = 'defineBelow') {
	return fakeItemContext({
		answer: thinkeo,
		nodeParameters: { appId: { __rl: true, mode: 'id', value: APP_ID } },
		...options,
		parameters: {
			attributesInput: 'mapper',
			appId: { __rl: true, mode: 'id', value: APP_ID },
			attributeValues: { mappingMode, value, schema: SCHEMA },
			...options.parameters,
		},
	});
}

async function send(fake: ReturnType<typeof fakeItemContext>) {
	const options = await sendAttributes.call(fake.context, { url: '/publications', method: 'POST', body: { appId: APP_ID } });
	return (options.body as IDataObject).attributes as Record<string, string[]>;
}

describe('attribute input: Map by Name', () => {
	it('converts each value by its attribute kind and keys it by attribute ID, the rest of the body kept', async () => {
		const fake = byName({ Title: 'Q3 report', Count: '42', 'Due Date': '2026-12-24', Urgent: true, Brief: '' });
		const options = await sendAttributes.call(fake.context, { url: '/publications', method: 'POST', body: { appId: APP_ID } });
		expect(options.body).toEqual({
			appId: APP_ID,
			attributes: { [TITLE]: ['Q3 report'], [COUNT]: ['42'], [DUE]: ['2026-12-24'], [URGENT]: ['true'] },
		});
		// Every column was in the editor's schema: nothing asked of Thinkeo.
		expect(fake.requests).toEqual([]);
	});

	it('gives an attribute several values from a list, and matches names loosely', async () => {
		expect(await send(byName({ title: ['a', 'b'], due_date: '2026-01-02' }))).toEqual({ [TITLE]: ['a', 'b'], [DUE]: ['2026-01-02'] });
	});

	it('refuses a value its attribute kind cannot take, naming the attribute and its kind', async () => {
		const fake = byName({ Count: 'many' });
		const error = await errorOf(async () => await send(fake));
		expect(error.message).toBe('Attribute "Count": "many" is not a number');
		expect(error.description).toBe('"Count" is a number attribute.');
	});

	it('looks a column the editor did not load up in the App, and lists the App\'s attributes when it has none such', async () => {
		const fake = byName({ Summary: 'x' });
		const error = await errorOf(async () => await send(fake));
		expect(error.message).toBe('Attributes: the App has no attribute "Summary"');
		expect(error.description).toBe('Its attributes are: Brief, Title.');
		expect(fake.requests.map(({ method, url }) => `${method} ${url}`)).toEqual([`GET /apps/${APP_ID}/dependencies`]);
	});

	it('with Map Automatically, takes the item fields named like attributes and leaves the others', async () => {
		const fake = byName(null, { json: { title: 'From the item', customer: 'ACME', count: 3 } }, 'autoMapInputData');
		expect(await send(fake)).toEqual({ [TITLE]: ['From the item'], [COUNT]: ['3'] });
		expect(fake.requests).toEqual([]);
	});
});

describe('attribute input: By ID and JSON', () => {
	const byId = (entries: IDataObject[]) =>
		fakeItemContext({ parameters: { attributesInput: 'fields', 'attributes.attribute': entries } });
	const json = (attributesJson: unknown) => fakeItemContext({ parameters: { attributesInput: 'json', attributesJson } });

	it('sends each ID with its values as text, a repeated ID collecting them in order', async () => {
		const fake = byId([
			{ attributeId: ` ${TITLE} `, value: 'one' },
			{ attributeId: COUNT, value: 7 },
			{ attributeId: TITLE, value: 'two' },
		]);
		expect(await send(fake)).toEqual({ [TITLE]: ['one', 'two'], [COUNT]: ['7'] });
		expect(fake.requests).toEqual([]);
	});

	it('refuses an ID that is no UUID, naming the field', async () => {
		const error = await errorOf(async () => await send(byId([{ attributeId: 'Title', value: 'x' }])));
		expect(error.message).toBe('Attributes: "Title" is not a valid attribute ID (expected a UUID)');
	});

	it('reads the JSON object, text or already parsed', async () => {
		expect(await send(json(`{"${TITLE}": ["a", "b"], "${COUNT}": "3"}`))).toEqual({ [TITLE]: ['a', 'b'], [COUNT]: ['3'] });
		expect(await send(json({ [URGENT]: true }))).toEqual({ [URGENT]: ['true'] });
	});

	it.each([
		['[1, 2]', 'Attributes (JSON): expected an object mapping attribute IDs to values, e.g. {"<attribute id>": ["value"]}'],
		['{"a": ', 'Attributes (JSON): invalid JSON'],
		[`{"${TITLE}": {"nested": 1}}`, `Attributes (JSON): the value of attribute ${TITLE} must be a string or a list of strings`],
		[`{"${TITLE}": [null]}`, `Attributes (JSON): the value of attribute ${TITLE} must be a string or a list of strings`],
	])('refuses %s, naming Attributes (JSON)', async (text, message) => {
		expect((await errorOf(async () => await send(json(text)))).message).toContain(message);
	});

	it('sends any list of (ID, text) entries grouped by ID in entry order, and keeps every value as an input', async () => {
		const ids = [TITLE, COUNT, DUE, URGENT];
		await fc.assert(
			fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...ids), fc.string()), { maxLength: 12 }), async (entries) => {
				const fake = byId(entries.map(([attributeId, value]) => ({ attributeId, value })));
				const attributes = await send(fake);
				const expected: Record<string, string[]> = {};
				for (const [id, value] of entries) (expected[id] ??= []).push(value);
				expect(attributes).toEqual(expected);
				expect(generationInputsPerItem.read(fake.context)).toEqual({ attachmentIds: [], sha1s: [], urls: Object.values(expected).flat() });
			}),
			{ numRuns: 100 },
		);
	});
});

describe('attribute input: Files From Binary Data', () => {
	const withFile = (file: IDataObject, binary: FakeItemOptions['binary'] = { report: { bytes: Buffer.from('%PDF'), fileName: 'report.pdf', mimeType: 'application/pdf' } }) =>
		byName({ Title: 'With a file' }, { parameters: { 'files.file': [file] }, binary });

	it('uploads the file, puts its URL in the File attribute and keeps it as an input of the generation', async () => {
		const fake = withFile({ attribute: BRIEF, binaryPropertyName: 'report' });
		const attributes = await send(fake);
		const url = `http://thinkeo.test/v1/attachments/${UPLOADED.toLowerCase()}`;
		expect(attributes).toEqual({ [TITLE]: ['With a file'], [BRIEF]: [url] });
		const upload = fake.requests.find(({ url }) => url === '/attachments');
		expect(upload).toMatchObject({ method: 'POST', body: Buffer.from('%PDF'), headers: { 'Content-Type': 'application/pdf', filename: 'report.pdf' } });
		expect(generationInputsPerItem.read(fake.context)).toEqual({
			attachmentIds: [UPLOADED.toLowerCase()],
			sha1s: ['ab'.repeat(20)],
			urls: ['With a file', url],
		});
	});

	it('stops before any upload when a binary field is missing, naming the field and listing those the item has', async () => {
		const fake = withFile({ attribute: 'Brief', binaryPropertyName: 'report, scan' });
		const error = await errorOf(async () => await send(fake));
		expect(error.message).toBe('Files From Binary Data: the input item has no binary field "scan" (for attribute "Brief")');
		expect(error.description).toBe('Its binary fields are: report. Put one of them in Files From Binary Data.');
		expect(fake.requests.filter(({ url }) => url === '/attachments')).toEqual([]);
	});

	it.each([
		[{ attribute: '', binaryPropertyName: 'report' }, 'Files From Binary Data: no File Attribute chosen'],
		[{ attribute: 'Title', binaryPropertyName: 'report' }, 'Files From Binary Data: "Title" is a text attribute, not a File attribute'],
		[{ attribute: 'Logo', binaryPropertyName: 'report' }, 'Files From Binary Data: the App has no attribute "Logo"'],
		[{ attribute: 'Brief', binaryPropertyName: ' , ' }, 'Files From Binary Data: no Input Binary Field given for "Brief"'],
	])('refuses %j before any upload', async (file, message) => {
		const fake = withFile(file);
		expect((await errorOf(async () => await send(fake))).message).toBe(message);
		expect(fake.requests.filter(({ url }) => url === '/attachments')).toEqual([]);
	});

	it('fails the item, naming the binary field, when Thinkeo answers an upload without a URL', async () => {
		const fake = byName(
			{ Title: 'x' },
			{
				parameters: { 'files.file': [{ attribute: BRIEF, binaryPropertyName: 'report' }] },
				binary: { report: { bytes: Buffer.from('x') } },
				answer: (request) => (request.url === '/attachments' ? { body: { id: UPLOADED } } : thinkeo(request)),
			},
		);
		const error = await errorOf(async () => await send(fake));
		expect(error.message).toBe('Files From Binary Data: Thinkeo returned no URL for the file of binary field "report"');
	});
});
