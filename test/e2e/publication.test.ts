/**
 * Publications, publication views, attributes and attribute views inside a real n8n 2.41.1 against the Thinkeo
 * sandbox: each workflow chains the operations of one resource, and the assertions read n8n's output items and the
 * sandbox's request log.
 */
import type { Sandbox } from '../support/e2e';
import { apiTokenCredential, callApi, e2eFixture } from '../support/e2e';
import type { N8n } from '../support/n8n';
import type { Json, LoggedRequest, Seed, SeedApp } from '../support/types';
import { byId, chain, thinkeo } from '../support/workflows';

jest.setTimeout(240_000);

let sandbox: Sandbox;
let n8n: N8n;
let seed: Seed;
let app: SeedApp;
let bearer: string;

const CREDENTIAL = { id: 'thinkeoPubAttr01', name: 'Thinkeo publications' };
const once = { executeOnce: true };
const continueOnFail = { onError: 'continueRegularOutput' };
const node = (name: string, resource: string, parameters: Record<string, unknown>, extra = {}) =>
	thinkeo(name, CREDENTIAL, { resource, ...parameters }, extra);

const body = (request: LoggedRequest) => JSON.parse(request.bodyText ?? 'null') as Json;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The API requests since the last clear, as "METHOD path status". */
async function calls(): Promise<string[]> {
	return (await sandbox.requests()).map((r) => `${r.method} ${r.path} ${r.status}`);
}

const logged = (method: string, path: string) => sandbox.requests({ method, path });

/** Reads the sandbox's state with the same token n8n uses. */
const api = (method: string, path: string, data?: unknown) => callApi(sandbox, bearer, method, path, data);

/** Create → get → update → rename → set/get data → get many → delete → get the deleted one. */
function publicationChain() {
	const pub = byId("={{ $('Create').first().json.publicationId }}");
	const publication = (name: string, parameters: Record<string, unknown>, extra = {}) =>
		node(name, 'publication', parameters, extra);
	return chain('wfPublicationCh1', 'Publication chain', [
		publication('Create', {
			operation: 'create',
			appId: byId(app.id),
			version: 'latest',
			attributesInput: 'fields',
			attributes: {
				attribute: [
					{ attributeId: app.attributes.title.id, value: 'E2E report' },
					{ attributeId: app.attributes.topics.id, value: 'Costs' },
				],
			},
		}),
		publication('Get', { operation: 'get', publicationId: pub }),
		publication('Update', {
			operation: 'update',
			publicationId: pub,
			updateFields: {
				name: 'E2E updated',
				attributes: JSON.stringify({ [app.attributes.title.id]: ['E2E updated title'] }),
			},
			additionalJson: '{}',
		}),
		publication('Rename', { operation: 'rename', publicationId: pub, name: 'E2E renamed' }),
		publication('Set Data', {
			operation: 'setData',
			publicationId: pub,
			data: JSON.stringify({ html: '<p>Edited by n8n</p>', revision: 2 }),
		}),
		publication('Get Data', { operation: 'getData', publicationId: pub }),
		publication('Get Many', {
			operation: 'getMany',
			returnAll: false,
			limit: 5,
			filtersJson: JSON.stringify({ name: 'E2E renamed' }),
		}),
		publication('Delete', { operation: 'delete', publicationId: pub }, once),
		publication('Get Deleted', { operation: 'get', publicationId: pub }, { ...once, ...continueOnFail }),
	]);
}

function viewChain(workflowId: string, resource: string, createFilter: Json, updateFilter: Json) {
	const view = byId("={{ $('Create View').first().json.id }}");
	const step = (name: string, parameters: Record<string, unknown>, extra = {}) => node(name, resource, parameters, extra);
	return chain(workflowId, `${resource} chain`, [
		step('Create View', {
			operation: 'create',
			name: 'E2E view',
			filter: JSON.stringify(createFilter),
			additionalJson: '{}',
		}),
		step('Get View', { operation: 'get', viewId: view }),
		step('Update View', {
			operation: 'update',
			viewId: view,
			updateFields: { name: 'E2E view renamed', filter: JSON.stringify(updateFilter) },
			additionalJson: '{}',
		}),
		step('List Views', { operation: 'getMany', returnAll: true }),
		step('Delete View', { operation: 'delete', viewId: view }, once),
		step('List After Delete', { operation: 'getMany', returnAll: true }, once),
	]);
}

/** Create → get → update → try to change the kind → get many → delete → get the deleted one. */
function attributeChain() {
	const attr = byId("={{ $('Create').first().json.id }}");
	const attribute = (name: string, parameters: Record<string, unknown>, extra = {}) =>
		node(name, 'attribute', parameters, extra);
	return chain('wfAttributeCh001', 'Attribute chain', [
		attribute('Create', {
			operation: 'create',
			name: 'E2E Priority',
			kind: 'number',
			additionalFields: { multiple: true, values: ['1', '2', '3'] },
			additionalJson: '{}',
		}),
		attribute('Get', { operation: 'get', attributeId: attr }),
		attribute('Update', {
			operation: 'update',
			attributeId: attr,
			updateFields: { name: 'E2E Priority level', icon: 'flag' },
			additionalJson: '{}',
		}),
		attribute(
			'Change Kind',
			{ operation: 'update', attributeId: attr, updateFields: {}, additionalJson: JSON.stringify({ kind: 'text' }) },
			continueOnFail,
		),
		attribute('Get Many', { operation: 'getMany', returnAll: true, filtersJson: JSON.stringify({ kind: 'number' }) }),
		attribute('Delete', { operation: 'delete', attributeId: attr }, once),
		attribute('Get Deleted', { operation: 'get', attributeId: attr }, { ...once, ...continueOnFail }),
	]);
}

const e2e = e2eFixture();

beforeAll(async () => {
	const setup = await e2e.start((started) => [apiTokenCredential(CREDENTIAL, started.sandbox.apiUrl, started.token)], 'e2e-publications');
	({ sandbox, seed, demoApp: app, n8n } = setup);
	bearer = `Bearer ${setup.token}`;
	// One import command for all five workflows (n8n's import:workflow takes an array).
	await n8n.importFile('workflow', 'publication-workflows.json', [
		publicationChain(),
		chain('wfPublicationAll', 'All publications', [
			node('Get All', 'publication', { operation: 'getMany', returnAll: true, filtersJson: '{}' }),
		]),
		viewChain('wfPublicationVw1', 'publicationView', { appId: app.id }, { name: 'Seeded publication 1' }),
		attributeChain(),
		viewChain('wfAttributeView1', 'attributeView', { kind: 'file' }, { kind: 'date', name: 'Due' }),
	]);
}, 300_000);

describe('publication', () => {
	it('creates, reads, updates, renames, edits the data of, lists and deletes a publication', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfPublicationCh1');
		expect(run.error).toBeUndefined();
		expect(run.code).toBe(0);

		const publicationId = run.output('Create')[0].json.publicationId as string;
		expect(publicationId).toMatch(UUID);
		const path = `/publications/${publicationId}`;

		const [got] = run.output('Get');
		expect(got.json).toMatchObject({
			id: publicationId,
			appId: app.id,
			version: '1.0.0',
			attributes: { [app.attributes.title.id]: ['E2E report'], [app.attributes.topics.id]: ['Costs'] },
		});

		const updatedAttributes = { [app.attributes.title.id]: ['E2E updated title'] };
		expect(run.output('Update')[0].json).toMatchObject({ id: publicationId, name: 'E2E updated', attributes: updatedAttributes });
		expect(run.output('Rename')[0].json).toMatchObject({ id: publicationId, name: 'E2E renamed', attributes: updatedAttributes });

		const data = { html: '<p>Edited by n8n</p>', revision: 2 };
		expect(run.output('Set Data').map((item) => item.json)).toEqual([data]);
		expect(run.output('Get Data').map((item) => item.json)).toEqual([data]);

		// The name filter finds exactly the renamed publication.
		expect(run.output('Get Many').map((item) => [item.json.id, item.json.name])).toEqual([[publicationId, 'E2E renamed']]);

		expect(run.output('Delete').map((item) => item.json)).toEqual([{ deleted: true, id: publicationId }]);
		const [deleted] = run.output('Get Deleted');
		expect(String(deleted.json.error)).toContain('HTTP 404');

		expect(await calls()).toEqual([
			'POST /publications 200',
			`GET ${path} 200`,
			`PUT ${path} 200`,
			`PUT ${path}/name 200`,
			`PUT ${path}/data 200`,
			`GET ${path}/data 200`,
			'POST /publications/query 200',
			`DELETE ${path} 200`,
			`GET ${path} 404`,
		]);
		expect(body((await logged('PUT', path))[0])).toEqual({ name: 'E2E updated', attributes: updatedAttributes });
		expect(body((await logged('PUT', `${path}/name`))[0])).toEqual({ name: 'E2E renamed' });
		expect(body((await logged('PUT', `${path}/data`))[0])).toEqual(data);
		expect(body((await logged('POST', '/publications/query'))[0])).toEqual({ name: 'E2E renamed', limit: 5 });
		expect((await api('GET', path)).status).toBe(404);
	});

	it('returns every publication of the team once with Return All, reading 3 pages of 100 and an empty one', async () => {
		const expected = (await api('POST', '/publications/query', {})).json as Json[];
		expect(expected.length).toBeGreaterThanOrEqual(230);
		expect(expected.length).toBeLessThan(300);

		await sandbox.clearRequests();
		const run = await n8n.execute('wfPublicationAll');
		expect(run.code).toBe(0);
		const ids = run.output('Get All').map((item) => item.json.id as string);
		expect(ids).toEqual(expected.map((publication) => publication.id));
		expect(new Set(ids).size).toBe(ids.length);

		const pages = await logged('POST', '/publications/query');
		expect(pages.map(body)).toEqual([
			{ limit: 100, offset: 0 },
			{ limit: 100, offset: 100 },
			{ limit: 100, offset: 200 },
			{ limit: 100, offset: ids.length },
		]);
		expect(pages.map((page) => page.status)).toEqual([200, 200, 200, 200]);
	});
});

describe('publication view', () => {
	it('creates, reads, updates, lists and deletes a saved publication view', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfPublicationVw1');
		expect(run.error).toBeUndefined();
		const [created] = run.output('Create View');
		const viewId = created.json.id as string;
		expect(viewId).toMatch(UUID);
		expect(created.json).toMatchObject({ name: 'E2E view', filter: { appId: app.id } });
		expect(run.output('Get View')[0].json).toMatchObject({ id: viewId, name: 'E2E view', filter: { appId: app.id } });
		const renamed = { id: viewId, name: 'E2E view renamed', filter: { name: 'Seeded publication 1' } };
		expect(run.output('Update View')[0].json).toMatchObject(renamed);

		const listed = run.output('List Views').map((item) => item.json);
		expect(listed).toContainEqual(expect.objectContaining(renamed));
		expect(listed.map((view) => view.id)).toEqual(expect.arrayContaining(seed.collections.publicationViews.slice(0, 2)));
		expect(run.output('Delete View').map((item) => item.json)).toEqual([{ deleted: true, id: viewId }]);
		const after = run.output('List After Delete').map((item) => item.json.id);
		expect(after).toHaveLength(listed.length - 1);
		expect(after).not.toContain(viewId);

		const item = `/publications/views/${viewId}`;
		expect(await calls()).toEqual([
			'POST /publications/views 200',
			`GET ${item} 200`,
			`PUT ${item} 200`,
			'GET /publications/views 200',
			`DELETE ${item} 200`,
			'GET /publications/views 200',
		]);
		expect(body((await logged('POST', '/publications/views'))[0])).toEqual({ name: 'E2E view', filter: { appId: app.id } });
		expect(body((await logged('PUT', item))[0])).toEqual({ name: 'E2E view renamed', filter: { name: 'Seeded publication 1' } });
		expect((await api('GET', item)).status).toBe(404);
	});
});

describe('attribute', () => {
	it('creates, reads, updates, lists and deletes an attribute, and refuses to change its kind', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfAttributeCh001');
		expect(run.error).toBeUndefined();

		const [created] = run.output('Create');
		const attributeId = created.json.id as string;
		expect(attributeId).toMatch(UUID);
		expect(created.json).toMatchObject({ name: 'E2E Priority', kind: 'number', multiple: true, values: ['1', '2', '3'] });
		expect(run.output('Get')[0].json).toMatchObject({ id: attributeId, name: 'E2E Priority', kind: 'number' });
		const updated = { id: attributeId, name: 'E2E Priority level', kind: 'number', icon: 'flag', values: ['1', '2', '3'] };
		expect(run.output('Update')[0].json).toMatchObject(updated);

		const [changeKind] = run.output('Change Kind');
		expect(String(changeKind.json.error)).toContain('HTTP 400');
		expect(String(changeKind.json.error)).toContain('The kind of an attribute cannot change');

		// Filtered on kind: the seeded "Budget" and the new attribute, nothing else.
		const numbers = run.output('Get Many').map((item) => item.json);
		expect(numbers.map((attribute) => attribute.kind)).toEqual(['number', 'number']);
		expect(numbers.map((attribute) => attribute.name)).toEqual(['Budget', 'E2E Priority level']);

		expect(run.output('Delete').map((item) => item.json)).toEqual([{ deleted: true, id: attributeId }]);
		expect(String(run.output('Get Deleted')[0].json.error)).toContain('HTTP 404');

		const path = `/attributes/${attributeId}`;
		expect(await calls()).toEqual([
			'POST /attributes 200',
			`GET ${path} 200`,
			`PUT ${path} 200`,
			`PUT ${path} 400`,
			// Return All: the page with both, then the empty page that ends the list.
			'POST /attributes/query 200',
			'POST /attributes/query 200',
			`DELETE ${path} 200`,
			`GET ${path} 404`,
		]);
		expect(body((await logged('POST', '/attributes'))[0])).toEqual({
			name: 'E2E Priority',
			kind: 'number',
			multiple: true,
			values: ['1', '2', '3'],
		});
		const puts = await logged('PUT', path);
		expect(puts.map(body)).toEqual([{ name: 'E2E Priority level', icon: 'flag' }, { kind: 'text' }]);
		expect((await logged('POST', '/attributes/query')).map(body)).toEqual([
			{ kind: 'number', limit: 100, offset: 0 },
			{ kind: 'number', limit: 100, offset: 2 },
		]);
	});

	it('lists the attributes of the seeded Apps as attributes of their team', async () => {
		const listed = (await api('POST', '/attributes/query', { appId: app.id })).json as Json[];
		expect(listed.map((attribute) => attribute.id)).toEqual(Object.values(app.attributes).map((attribute) => attribute.id));
	});
});

describe('attribute view', () => {
	it('creates, reads, updates, lists and deletes a saved attribute view', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfAttributeView1');
		expect(run.error).toBeUndefined();
		const [created] = run.output('Create View');
		const viewId = created.json.id as string;
		expect(viewId).toMatch(UUID);
		expect(created.json).toMatchObject({ name: 'E2E view', filter: { kind: 'file' } });
		expect(run.output('Get View')[0].json).toMatchObject({ id: viewId, filter: { kind: 'file' } });
		const renamed = { id: viewId, name: 'E2E view renamed', filter: { kind: 'date', name: 'Due' } };
		expect(run.output('Update View')[0].json).toMatchObject(renamed);
		const listed = run.output('List Views').map((item) => item.json);
		expect(listed).toContainEqual(expect.objectContaining(renamed));
		expect(run.output('Delete View').map((item) => item.json)).toEqual([{ deleted: true, id: viewId }]);
		const after = run.output('List After Delete').map((item) => item.json.id);
		expect(after).toHaveLength(listed.length - 1);
		expect(after).not.toContain(viewId);

		const item = `/attributes/views/${viewId}`;
		expect(await calls()).toEqual([
			'POST /attributes/views 200',
			`GET ${item} 200`,
			`PUT ${item} 200`,
			'GET /attributes/views 200',
			`DELETE ${item} 200`,
			'GET /attributes/views 200',
		]);
		expect(body((await logged('PUT', item))[0])).toEqual({ name: 'E2E view renamed', filter: { kind: 'date', name: 'Due' } });
		// The reference lists the collection with and without a trailing slash: both give the same views.
		const withSlash = (await api('GET', '/attributes/views/')).json as Json[];
		const withoutSlash = (await api('GET', '/attributes/views')).json as Json[];
		expect(withSlash.map((view) => view.id)).toEqual(after);
		expect(withoutSlash).toEqual(withSlash);
	});
});
