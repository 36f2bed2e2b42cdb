/**
 * Blocks, block views and assignments inside a real n8n 2.41.1 against the Thinkeo sandbox: each workflow chains
 * the operations of one resource, and the assertions read n8n's output items and the sandbox's request log.
 */
import type { Sandbox } from '../support/e2e';
import { callApi, e2eFixture, emailPasswordCredential } from '../support/e2e';
import type { N8n } from '../support/n8n';
import type { LoggedRequest, Seed } from '../support/types';
import { byId, chain, thinkeo } from '../support/workflows';

interface Block {
	id: string;
	name: string;
	kind: string;
	data: { kind: string; text?: string } | null;
	children: string[];
	assignments: Array<{ id: string; attributeId: string; value: string }>;
	createdAt: string;
}

jest.setTimeout(240_000);

let sandbox: Sandbox;
let n8n: N8n;
let seed: Seed;
/** The seeded root "Demo Document" and its children "Introduction", "Results", "Closing". */
let root: string;
let rootChildren: string[];

const DEMO = { id: 'thinkeoBlocks001', name: 'Thinkeo blocks' };
const once = { executeOnce: true };
const block = (name: string, parameters: Record<string, unknown>, extra = {}) =>
	thinkeo(name, DEMO, { resource: 'block', ...parameters }, extra);

const json = (request: LoggedRequest) => JSON.parse(request.bodyText ?? 'null') as Record<string, unknown>;
const asBlock = (item: { json: Record<string, unknown> }) => item.json as unknown as Block;

const logged = (method: string, path: string) => sandbox.requests({ method, path });

/** Calls the API with the token n8n used for `request`, to read the sandbox's state afterwards. */
async function apiStatus(request: LoggedRequest, method: string, path: string): Promise<number> {
	return (await callApi(sandbox, request.authorization, method, path)).status;
}

const e2e = e2eFixture();

beforeAll(async () => {
	const setup = await e2e.start(({ sandbox: started, demo }) => [
		emailPasswordCredential(DEMO, started.apiUrl, demo, 'n8n e2e blocks'),
	]);
	({ sandbox, seed, n8n } = setup);
	const app = setup.demoApp;
	[root, ...rootChildren] = seed.collections.blocks.slice(0, 4);

	const created = (node: string) => `={{ $('${node}').first().json.id }}`;
	await n8n.importWorkflows([
		chain('wfBlockChain0001', 'Block chain', [
			block('Create', {
				operation: 'create',
				name: 'E2E block',
				kind: 'paragraph',
				additionalFields: { data: JSON.stringify({ text: 'Hello & welcome' }) },
			}),
			block('Get', { operation: 'get', blockId: byId(created('Create')) }),
			block('Update', {
				operation: 'update',
				blockId: byId(created('Create')),
				updateFields: { name: 'E2E block renamed', data: JSON.stringify({ text: 'Updated text' }) },
			}),
			block('Get Many', { operation: 'getMany', returnAll: true, filtersJson: '{}' }),
			block('Delete', { operation: 'delete', blockId: byId(created('Create')) }, once),
		]),
		chain('wfBlockChildren1', 'Block children', [
			block('Create Group', { operation: 'create', name: 'E2E group', kind: 'group' }),
			block('Create First', {
				operation: 'create',
				name: 'E2E first',
				kind: 'paragraph',
				additionalFields: { parentId: byId(created('Create Group')) },
			}),
			block('Create Second', { operation: 'create', name: 'E2E second', kind: 'paragraph' }),
			block('Attach Second', {
				operation: 'attachChild',
				blockId: byId(created('Create Group')),
				childId: byId(created('Create Second')),
				options: { position: 0 },
			}),
			block('List Children', { operation: 'getChildren', blockId: byId(created('Create Group')), returnAll: true }),
			block(
				'Detach First',
				{ operation: 'detachChild', blockId: byId(created('Create Group')), childId: byId(created('Create First')) },
				once,
			),
			block('List After Detach', { operation: 'getChildren', blockId: byId(created('Create Group')), returnAll: true }, once),
		]),
		chain('wfBlockCopies001', 'Block copies', [
			block('Deep Copy', { operation: 'deepCopy', blockId: byId(root) }),
			block('Copy Children', { operation: 'getChildren', blockId: byId(created('Deep Copy')), returnAll: true }),
			block('Shallow Copy', { operation: 'shallowCopy', blockId: byId(root) }, once),
			block('Graph', { operation: 'getGraph', blockId: byId(created('Deep Copy')) }, once),
			block('AI Models', { operation: 'getAiModels', returnAll: false, limit: 2 }, once),
		]),
		chain('wfBlockRender001', 'Block render', [
			block('Render', {
				operation: 'render',
				blockId: byId(root),
				attributesInput: 'fields',
				attributes: { attribute: [{ attributeId: app.attributes.title.id, value: 'ACME <Corp>' }] },
				additionalFields: { app: byId(app.id), version: 'latest' },
				options: { seed: 3 },
			}),
			block('Render Defaults', { operation: 'render', blockId: byId(root), attributesInput: 'json', attributesJson: '{}' }),
		]),
		chain('wfBlockViews0001', 'Block views', [
			thinkeo('Create View', DEMO, {
				resource: 'blockView',
				operation: 'create',
				name: 'E2E view',
				filter: JSON.stringify({ kind: 'group' }),
			}),
			thinkeo('Get View', DEMO, { resource: 'blockView', operation: 'get', viewId: byId(created('Create View')) }),
			thinkeo('Update View', DEMO, {
				resource: 'blockView',
				operation: 'update',
				viewId: byId(created('Create View')),
				updateFields: { name: 'E2E groups', filter: JSON.stringify({ kind: 'group', name: 'e2e' }) },
			}),
			thinkeo('Get Many Views', DEMO, { resource: 'blockView', operation: 'getMany', returnAll: true }),
			thinkeo('Delete View', DEMO, { resource: 'blockView', operation: 'delete', viewId: byId(created('Create View')) }, once),
		]),
		chain('wfAssignments001', 'Assignments', [
			thinkeo('Create Assignment', DEMO, {
				resource: 'assignment',
				operation: 'create',
				blockId: byId(rootChildren[1]),
				attributeId: byId(app.attributes.topics.id),
				value: 'Revenue',
			}),
			thinkeo('Update Assignment', DEMO, {
				resource: 'assignment',
				operation: 'update',
				assignmentId: byId(created('Create Assignment')),
				attributeId: byId(app.attributes.topics.id),
				value: 'Hiring',
			}),
			block('Block After Update', { operation: 'get', blockId: byId(rootChildren[1]) }),
			thinkeo('Delete Assignment', DEMO, {
				resource: 'assignment',
				operation: 'delete',
				assignmentId: byId(created('Create Assignment')),
			}),
			block('Block After Delete', { operation: 'get', blockId: byId(rootChildren[1]) }),
		]),
	]);
}, 300_000);

describe('blocks', () => {
	it('creates, gets, updates (keeping what is not changed), lists in 2 pages and deletes a block', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfBlockChain0001');
		expect(run.error).toBeUndefined();
		expect(run.code).toBe(0);

		const created = asBlock(run.output('Create')[0]);
		expect(created).toMatchObject({
			name: 'E2E block',
			kind: 'paragraph',
			data: { kind: 'paragraph', text: 'Hello & welcome' },
			children: [],
			assignments: [],
		});
		const [createRequest] = await logged('POST', '/blocks');
		expect(json(createRequest)).toEqual({
			name: 'E2E block',
			kind: 'paragraph',
			data: { kind: 'paragraph', text: 'Hello & welcome' },
		});
		expect(asBlock(run.output('Get')[0])).toEqual(created);

		const updated = asBlock(run.output('Update')[0]);
		expect(updated).toMatchObject({ id: created.id, name: 'E2E block renamed', kind: 'paragraph' });
		expect(updated.data).toEqual({ kind: 'paragraph', text: 'Updated text' });
		// Read before write: the PUT carries the whole block with the changes.
		const path = `/blocks/${created.id}`;
		expect((await logged('GET', path)).length).toBe(2);
		const [putRequest] = await logged('PUT', path);
		expect(json(putRequest)).toMatchObject({
			id: created.id,
			name: 'E2E block renamed',
			kind: 'paragraph',
			data: { kind: 'paragraph', text: 'Updated text' },
			children: [],
			assignments: [],
			createdAt: created.createdAt,
		});

		const listed = run.output('Get Many').map(asBlock);
		expect(listed).toHaveLength(131);
		expect(listed.filter((item) => item.id === created.id).map((item) => item.name)).toEqual(['E2E block renamed']);
		expect(new Set(listed.map((item) => item.id)).size).toBe(131);
		const pages = await logged('POST', '/blocks/query');
		expect(pages.map((request) => json(request))).toEqual([
			{ limit: 100, offset: 0 },
			{ limit: 100, offset: 100 },
			{ limit: 100, offset: 131 },
		]);

		expect(run.output('Delete').map((item) => item.json)).toEqual([{ deleted: true, id: created.id }]);
		const [deleteRequest] = await logged('DELETE', path);
		expect(deleteRequest.status).toBe(200);
		expect(await apiStatus(deleteRequest, 'GET', path)).toBe(404);
	});

	it('attaches children at a position, lists them in order and detaches one', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfBlockChildren1');
		expect(run.error).toBeUndefined();
		const group = asBlock(run.output('Create Group')[0]);
		const first = asBlock(run.output('Create First')[0]);
		const second = asBlock(run.output('Create Second')[0]);
		expect(group.kind).toBe('group');

		// Create with a parent attaches the new block (last); Attach Child sends the position.
		const [attachFirst] = await logged('PUT', `/blocks/${group.id}/children/${first.id}`);
		expect(attachFirst).toMatchObject({ status: 200, bodyText: null });
		const [attachSecond] = await logged('PUT', `/blocks/${group.id}/children/${second.id}`);
		expect(json(attachSecond)).toEqual({ position: 0 });
		expect(asBlock(run.output('Attach Second')[0]).children).toEqual([second.id, first.id]);

		expect(run.output('List Children').map((item) => asBlock(item).name)).toEqual(['E2E second', 'E2E first']);
		expect(run.output('List Children').map((item) => asBlock(item).id)).toEqual([second.id, first.id]);

		const [detach] = await logged('DELETE', `/blocks/${group.id}/children/${first.id}`);
		expect(detach.status).toBe(200);
		expect(run.output('List After Detach').map((item) => asBlock(item).id)).toEqual([second.id]);
		// Detached, not deleted.
		expect(await apiStatus(detach, 'GET', `/blocks/${first.id}`)).toBe(200);
	});

	it('deep-copies a subtree into new blocks, shallow-copies with shared children, and reads graph and AI models', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfBlockCopies001');
		expect(run.error).toBeUndefined();

		const deep = asBlock(run.output('Deep Copy')[0]);
		expect(deep).toMatchObject({ name: 'Demo Document', kind: 'group' });
		expect(deep.id).not.toBe(root);
		expect(deep.children).toHaveLength(3);
		for (const child of deep.children) expect(rootChildren).not.toContain(child);
		const copies = run.output('Copy Children').map(asBlock);
		expect(copies.map((copy) => copy.id)).toEqual(deep.children);
		expect(copies.map((copy) => copy.name)).toEqual(['Introduction', 'Results', 'Closing']);
		expect(copies[1].data).toEqual({ kind: 'paragraph', text: 'Quarterly results & outlook.' });
		// Assignments come along with new ids.
		expect(copies[0].assignments).toEqual([
			{ id: expect.any(String), attributeId: seed.apps[0].attributes.title.id, value: 'Demo Customer' },
		]);
		expect(copies[0].assignments[0].id).not.toBe(seed.collections.assignments[0]);
		expect((await logged('POST', `/blocks/${root}/deep-copy`)).map((request) => request.status)).toEqual([200]);

		const shallow = asBlock(run.output('Shallow Copy')[0]);
		expect(shallow.id).not.toBe(root);
		expect(shallow.children).toEqual(rootChildren);

		const [graph] = run.output('Graph');
		expect(graph.json.rootBlockId).toBe(deep.id);
		expect((graph.json.nodes as Array<{ id: string }>).map((node) => node.id)).toEqual([deep.id, ...deep.children]);
		expect(graph.json.edges).toEqual(
			deep.children.map((childId, position) => ({ parentId: deep.id, childId, position })),
		);

		expect(run.output('AI Models').map((item) => item.json.model)).toEqual(['gpt-4o', 'gpt-4o-mini']);
	});

	it('renders a block tree with attribute values into the document, stream off', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfBlockRender001');
		expect(run.error).toBeUndefined();
		const app = seed.apps[0];

		const [rendered] = run.output('Render');
		expect(rendered.json.rootBlockId).toBe(root);
		expect(rendered.json.document.html).toBe(
			'<p>Prepared for ACME &lt;Corp&gt;.</p><p>Quarterly results &amp; outlook.</p><p>Thank you.</p>',
		);
		const [renderRequest, defaultsRequest] = await logged('POST', `/blocks/${root}/render`);
		expect(renderRequest.query).toEqual({ stream: 'false', app: app.id, version: 'latest' });
		expect(json(renderRequest)).toEqual({ attributes: { [app.attributes.title.id]: ['ACME <Corp>'] }, seed: 3 });
		// Rendered for an App, the result is kept as a publication.
		expect(await apiStatus(renderRequest, 'GET', `/publications/${String(rendered.json.publicationId)}`)).toBe(200);

		// Without values, the block's own assignment fills the placeholder.
		const [defaults] = run.output('Render Defaults');
		expect(defaults.json.document.html).toBe(
			'<p>Prepared for Demo Customer.</p><p>Quarterly results &amp; outlook.</p><p>Thank you.</p>',
		);
		expect(defaultsRequest.query).toEqual({ stream: 'false' });
		expect(json(defaultsRequest)).toEqual({ attributes: {} });
	});
});

describe('block views', () => {
	it('creates, gets, updates, lists and deletes a saved block view', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfBlockViews0001');
		expect(run.error).toBeUndefined();

		const [created] = run.output('Create View');
		expect(created.json).toMatchObject({ name: 'E2E view', filter: { kind: 'group' } });
		const viewId = String(created.json.id);
		expect(json((await logged('POST', '/blocks/views'))[0])).toEqual({ name: 'E2E view', filter: { kind: 'group' } });
		expect(run.output('Get View')[0].json).toEqual(created.json);

		expect(run.output('Update View')[0].json).toMatchObject({
			id: viewId,
			name: 'E2E groups',
			filter: { kind: 'group', name: 'e2e' },
		});
		const [put] = await logged('PUT', `/blocks/views/${viewId}`);
		expect(json(put)).toEqual({ name: 'E2E groups', filter: { kind: 'group', name: 'e2e' } });

		// The team's two seeded views and the new one; not Alpha Team's.
		expect(run.output('Get Many Views').map((item) => item.json.name)).toEqual(['Paragraphs', 'Samples', 'E2E groups']);

		expect(run.output('Delete View').map((item) => item.json)).toEqual([{ deleted: true, id: viewId }]);
		const [remove] = await logged('DELETE', `/blocks/views/${viewId}`);
		expect(remove.status).toBe(200);
		expect(await apiStatus(remove, 'GET', `/blocks/views/${viewId}`)).toBe(404);
	});
});

describe('assignments', () => {
	it('assigns a value to a block, changes it and removes it, as GET /blocks/{id} shows', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfAssignments001');
		expect(run.error).toBeUndefined();
		const topics = seed.apps[0].attributes.topics.id;
		const target = rootChildren[1];

		const [created] = run.output('Create Assignment');
		expect(created.json).toMatchObject({ blockId: target, attributeId: topics, value: 'Revenue' });
		const assignmentId = String(created.json.id);
		expect(json((await logged('POST', '/assignments'))[0])).toEqual({ blockId: target, attributeId: topics, value: 'Revenue' });

		expect(run.output('Update Assignment')[0].json).toMatchObject({ id: assignmentId, value: 'Hiring' });
		const [put] = await logged('PUT', `/assignments/${assignmentId}`);
		expect(json(put)).toEqual({ id: assignmentId, attributeId: topics, value: 'Hiring' });
		expect(asBlock(run.output('Block After Update')[0]).assignments).toEqual([
			{ id: assignmentId, attributeId: topics, value: 'Hiring' },
		]);

		expect(run.output('Delete Assignment').map((item) => item.json)).toEqual([{ deleted: true, id: assignmentId }]);
		expect((await logged('DELETE', `/assignments/${assignmentId}`)).map((request) => request.status)).toEqual([200]);
		expect(asBlock(run.output('Block After Delete')[0]).assignments).toEqual([]);
		expect((await logged('GET', `/blocks/${target}`)).length).toBe(2);
	});
});
