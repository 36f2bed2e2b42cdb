/**
 * Simplify (nodes/Thinkeo/simplify/), run for real in-process (n8n-core's RoutingNode) against the seeded sandbox:
 * the exact output of every operation that offers it for the sandbox's demo Apps, the requests it adds, and the
 * unchanged output with Simplify off.
 */
import { runThinkeoNode } from '../support/inprocess';
import type { Sandbox } from '../support/e2e';
import { callApi, sandboxWithToken } from '../support/e2e';
import type { SeedApp } from '../support/types';
import { byId, createPublication } from '../support/workflows';

jest.setTimeout(60_000);

const DOCUMENTS_APP_ID = '0192f0a3-2222-7c00-8d00-0000000000a4';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let sandbox: Sandbox;
let app: SeedApp;
let token: string;

beforeAll(async () => {
	({ sandbox, app, token } = await sandboxWithToken('simplify'));
});

afterAll(async () => {
	await sandbox?.stop();
});

async function run(parameters: Record<string, unknown>) {
	const { items, error } = await runThinkeoNode({ baseUrl: sandbox.apiUrl, apiToken: token, parameters });
	expect(error?.message).toBeUndefined();
	return items.map((item) => item.json);
}

function generate(appId: string, attributes: Record<string, string[]>, simple: boolean) {
	return run(createPublication(appId, JSON.stringify(attributes), { simplify: simple }));
}

/** The publication as Thinkeo stores it and its attachment listing, read outside the node. */
async function stored(publicationId: string) {
	const bearer = `Bearer ${token}`;
	const publication = (await callApi(sandbox, bearer, 'GET', `/publications/${publicationId}`)).json as { name: string };
	const attachments = (await callApi(sandbox, bearer, 'GET', `/publications/${publicationId}/attachments`)).json as Array<{
		id: string;
		url: string;
		filename: string;
	}>;
	return { publication, attachments };
}

describe('Simplify on the publication operations', () => {
	it('gives a Demo Report publication as ID, name and plain text, the same from Create, Get and Get Data', async () => {
		const attributes = {
			[app.attributes.title.id]: ['Supplier costs 2026'],
			[app.attributes.topics.id]: ['Energy prices', 'Logistics & transport'],
			[app.attributes.budget!.id]: ['1200'],
		};
		await sandbox.clearRequests();
		const [created] = await generate(app.id, attributes, true);
		const publicationId = String(created.publicationId);
		expect(publicationId).toMatch(UUID);
		// Simplify adds two reads to the generation: the name, and the attachment listing.
		expect((await sandbox.requests()).map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /publications',
			`GET /publications/${publicationId}`,
			`GET /publications/${publicationId}/attachments`,
		]);
		const { publication } = await stored(publicationId);
		const expected = {
			publicationId,
			name: publication.name,
			text: 'Supplier costs 2026\n\nReport on 2 topic(s).\n\n- Energy prices\n- Logistics & transport\n\nBudget: 1200',
			files: [],
		};
		expect(created).toEqual(expected);

		const get = await run({ resource: 'publication', operation: 'get', publicationId: byId(publicationId), simplify: true });
		const getData = await run({ resource: 'publication', operation: 'getData', publicationId: byId(publicationId), simplify: true });
		expect(get).toEqual([expected]);
		expect(getData).toEqual([expected]);
	});

	it('lists the files of a Demo Documents publication by name, type and URL', async () => {
		const title = app.attributes.title.id;
		const [created] = await generate(DOCUMENTS_APP_ID, { [title]: ['Quarterly chart'] }, true);
		const publicationId = String(created.publicationId);
		const { publication, attachments } = await stored(publicationId);
		const url = (name: string) => attachments.find((attachment) => attachment.filename === name)!.url;
		const expected = {
			publicationId,
			name: publication.name,
			text: 'Quarterly chart',
			files: [
				{ name: 'report.docx', type: DOCX, url: url('report.docx') },
				{ name: 'chart.png', type: 'image/png', url: url('chart.png') },
			],
		};
		expect(created).toEqual(expected);
		expect(await run({ resource: 'publication', operation: 'get', publicationId: byId(publicationId), simplify: true })).toEqual([expected]);

		const listed = await run({ resource: 'publication', operation: 'getAttachments', publicationId: byId(publicationId), returnAll: true, simplify: true });
		expect(listed).toEqual(
			attachments.map(({ id, filename, url: link }) => ({ id, name: filename, type: filename.endsWith('.png') ? 'image/png' : DOCX, url: link })),
		);
	});

	it('keeps a generated publication when a lookup after it fails, and says what failed', async () => {
		// The next GET after the generation, the name lookup, fails; the publication exists and must not be lost.
		await sandbox.fault({ status: 404, method: 'GET', count: 1 });
		const [created] = await generate(app.id, { [app.attributes.title.id]: ['Kept'] }, true);
		await sandbox.clearFaults();
		expect(created).toEqual({
			publicationId: expect.stringMatching(UUID),
			text: 'Kept\n\nReport on 0 topic(s).',
			files: [],
			error: expect.stringMatching(/reading publication [0-9a-f-]{36}/),
		});
	});

	it('changes nothing with Simplify off', async () => {
		const [created] = await generate(app.id, { [app.attributes.title.id]: ['Plain'] }, false);
		expect(Object.keys(created).sort()).toEqual(['blocks', 'document', 'publicationId', 'rootBlockId']);
		expect(created.document).toEqual({ html: '<h1>Plain</h1><p>Report on 0 topic(s).</p><ul></ul>' });
		const [got] = await run({ resource: 'publication', operation: 'get', publicationId: byId(String(created.publicationId)) });
		expect(got).toMatchObject({ id: created.publicationId, appId: app.id, rootBlockId: created.rootBlockId });
	});
});

describe('Simplify on an answer that holds no record', () => {
	it.each(['null', '42', '{"unexpected":true}'])('App → Get answered %s: the item fails and says what came', async (rawBody) => {
		await sandbox.fault({ status: 200, method: 'GET', rawBody, count: 1 });
		const { items, error } = await runThinkeoNode({
			baseUrl: sandbox.apiUrl,
			apiToken: token,
			parameters: { resource: 'app', operation: 'get', appId: byId(app.id), simplify: true },
		});
		await sandbox.clearFaults();
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/a record without an ID, which Simplify cannot reduce/);
	});
});

describe('Simplify on the App and attribute lists', () => {
	it('gives the Apps of the team with ID, name, description and latest version', async () => {
		const apps = await run({ resource: 'app', operation: 'getMany', returnAll: true, filtersJson: '{}', simplify: true });
		expect(apps).toEqual([
			{ id: app.id, name: 'Demo Report', latestVersion: '1.0.0', archived: false },
			{ id: '0192f0a3-2222-7c00-8d00-0000000000a3', name: 'Demo Onboarding', description: 'Guided onboarding letter, filled in through its wizard', latestVersion: '1.1.0', archived: false },
			{ id: DOCUMENTS_APP_ID, name: 'Demo Documents', description: 'A Word report and a PNG chart, generated as files', latestVersion: '1.0.0', archived: false },
		]);
		expect(await run({ resource: 'app', operation: 'get', appId: byId(DOCUMENTS_APP_ID), simplify: true })).toEqual([apps[2]]);
	});

	it('gives the attributes of the team with ID, name, kind and multiplicity', async () => {
		const attributes = await run({ resource: 'attribute', operation: 'getMany', returnAll: true, filtersJson: '{"kind": "file"}', simplify: true });
		expect(attributes).toEqual([
			{ id: app.attributes.appendix.id, name: 'Appendix', kind: 'file', multiple: false },
			{ id: app.attributes.logo!.id, name: 'Logo', kind: 'file', multiple: false },
		]);
	});
});
