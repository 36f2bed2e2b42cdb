// Blocks: the pieces an App is built from. CRUD, POST /blocks/query (paged, filtered), children (attach, move,
// detach), shallow and deep copies, the graph under a block, the AI model list, rendering a block into the
// documented RenderOutput, and saved block views. Assignments (attribute values on a block) live on the block
// (`block.assignments`, per the Block schema); routes/assignments.mjs edits them through the helpers exported here.
import { randomUUID } from 'node:crypto';

import { ApiError, isPlainObject, jsonReply, readJsonObject } from '../http-utils.mjs';
import { queryPage, readOptionalJsonObject, savedViewRoutes, seedViews } from '../queries-and-views.mjs';
import { findInTeam, listInTeam, newRecord, updateRecord } from '../records.mjs';
import { ALPHA_TEAM, DEMO_APP, DEMO_TEAM } from '../seed.mjs';
import { isUuid, uuidParam } from '../validation.mjs';

/** The documented BlockKind enum. */
export const BLOCK_KINDS = [
	'ai',
	'aiBeta',
	'apiCall',
	'choice',
	'conditional',
	'fileBeta',
	'group',
	'image',
	'paragraph',
	'ppt',
	'rag',
	'word',
];

/** Kinds a fast pass skips when rendering (the docs: "skips expensive blocks such as AI and exports"). */
const EXPENSIVE_KINDS = new Set(['ai', 'aiBeta', 'apiCall', 'fileBeta', 'image', 'ppt', 'rag', 'word']);

/** GET /blocks/ai-models. The `model` values are what an `ai` block's `data.model` takes. */
export const AI_MODELS = [
	{ model: 'gpt-4o', name: 'GPT-4o', provider: 'OpenAI' },
	{ model: 'gpt-4o-mini', name: 'GPT-4o mini', provider: 'OpenAI' },
	{ model: 'claude-3-5-sonnet', name: 'Claude 3.5 Sonnet', provider: 'Anthropic' },
	{ model: 'mistral-large', name: 'Mistral Large', provider: 'Mistral AI' },
];

export const blocks = (store) => store.collection('blocks');
/** Where each assignment lives: `{id, teamId, blockId}`; the assignment itself is in its block's `assignments`. */
export const assignmentIndex = (store) => store.collection('assignments');

/** A block as the API shows it (the Block schema), without the sandbox's team id. */
export function describeBlock(block) {
	const { id, name, kind, data, children, assignments, createdAt, updatedAt } = block;
	return { id, name, kind, data, children: [...children], assignments: assignments.map((a) => ({ ...a })), createdAt, updatedAt };
}

export function findBlock(store, id, principal) {
	return findInTeam(blocks(store), id, principal, 'block');
}

/** A block named in a request body: 400 (not 404) when it is not a block of the caller's team. */
function referencedBlock(store, id, principal, where) {
	if (!isUuid(id)) throw new ApiError(400, `${where} must be a block UUID, got ${JSON.stringify(id)}`);
	const block = blocks(store).get(id.toLowerCase());
	if (!block || block.teamId !== principal.teamId) {
		throw new ApiError(400, `${where}: no block with id ${id} in this team`);
	}
	return block;
}

// ---- Validation ------------------------------------------------------------------------------------------

const RANGES = { temperature: [0, 2], topP: [0, 1], frequencyPenalty: [-2, 2], presencePenalty: [-2, 2] };

/** `data` of a block of `kind`: null, or an object whose `kind` is the block's (filled in when missing). */
function checkData(data, kind) {
	if (data === null) return null;
	if (!isPlainObject(data)) throw new ApiError(400, '"data" must be a JSON object or null');
	if (data.kind !== undefined && data.kind !== kind) {
		throw new ApiError(400, `"data.kind" (${JSON.stringify(data.kind)}) must be the block kind ("${kind}")`);
	}
	if (data.text !== undefined && typeof data.text !== 'string') throw new ApiError(400, '"data.text" must be a string');
	if (kind === 'ai') {
		const { model, systemPrompt } = data;
		if (model !== undefined && model !== null && !AI_MODELS.some((entry) => entry.model === model)) {
			throw new ApiError(400, `"data.model" ${JSON.stringify(model)} is not an AI model of GET /blocks/ai-models (${AI_MODELS.map((entry) => entry.model).join(', ')})`);
		}
		if (systemPrompt !== undefined && systemPrompt !== null && typeof systemPrompt !== 'string') {
			throw new ApiError(400, '"data.systemPrompt" must be a string or null');
		}
		for (const [key, [min, max]] of Object.entries(RANGES)) {
			const value = data[key];
			if (value === undefined || value === null) continue;
			if (typeof value !== 'number' || value < min || value > max) {
				throw new ApiError(400, `"data.${key}" must be a number from ${min} to ${max} or null, got ${JSON.stringify(value)}`);
			}
		}
	}
	const { kind: _sameKind, ...rest } = data;
	return { kind, ...rest };
}

/** Whether `targetId` is `fromId` or lies under it. */
function reaches(store, fromId, targetId, seen = new Set()) {
	if (fromId === targetId) return true;
	if (seen.has(fromId)) return false;
	seen.add(fromId);
	const block = blocks(store).get(fromId);
	return (block?.children ?? []).some((childId) => reaches(store, childId, targetId, seen));
}

function checkChildren(store, parent, children, principal) {
	if (!Array.isArray(children)) throw new ApiError(400, '"children" must be an array of block UUIDs');
	const ids = children.map((id, i) => referencedBlock(store, id, principal, `"children[${i}]"`).id);
	if (new Set(ids).size !== ids.length) throw new ApiError(400, '"children" lists a block twice');
	for (const id of ids) {
		if (parent && reaches(store, id, parent.id)) {
			throw new ApiError(400, `Block ${id} cannot be a child of block ${parent.id}: that would make a cycle`);
		}
	}
	return ids;
}

/** An attribute of the caller's team: one of the attributes collection, or of the team's Apps. */
export function checkAttributeId(store, attributeId, principal, where = '"attributeId"') {
	if (!isUuid(attributeId)) throw new ApiError(400, `${where} must be an attribute UUID, got ${JSON.stringify(attributeId)}`);
	const id = attributeId.toLowerCase();
	const stored = store.collections.get('attributes')?.get(id);
	const inApps = [...store.apps.values()].some(
		(app) => app.teamId === principal.teamId && Object.values(app.attributes).some((attribute) => attribute.id === id),
	);
	if ((!stored || stored.teamId !== principal.teamId) && !inApps) {
		throw new ApiError(400, `${where}: no attribute with id ${attributeId} in this team`);
	}
	return id;
}

export function checkValue(value) {
	if (typeof value !== 'string') {
		throw new ApiError(400, `"value" of an assignment is required and must be a string, got ${JSON.stringify(value) ?? 'nothing'}`);
	}
	return value;
}

/** The `assignments` of a create/update body: `[{id?, attributeId, value}]`; ids must be the block's own. */
function checkAssignments(store, block, assignments, principal) {
	if (!Array.isArray(assignments)) throw new ApiError(400, '"assignments" must be an array of {attributeId, value}');
	const own = new Set((block?.assignments ?? []).map((assignment) => assignment.id));
	const seen = new Set();
	return assignments.map((assignment, i) => {
		if (!isPlainObject(assignment)) throw new ApiError(400, `"assignments[${i}]" must be an object {attributeId, value}`);
		const unknown = Object.keys(assignment).filter((key) => !['id', 'attributeId', 'value', 'blockId'].includes(key));
		if (unknown.length > 0) throw new ApiError(400, `"assignments[${i}]": unknown property "${unknown[0]}"`);
		let id = randomUUID();
		if (assignment.id !== undefined) {
			if (!isUuid(assignment.id) || !own.has(assignment.id.toLowerCase())) {
				throw new ApiError(400, `"assignments[${i}].id": ${JSON.stringify(assignment.id)} is not an assignment of this block`);
			}
			id = assignment.id.toLowerCase();
		}
		if (seen.has(id)) throw new ApiError(400, `"assignments" lists assignment ${id} twice`);
		seen.add(id);
		if (assignment.blockId !== undefined && assignment.blockId !== block?.id) {
			throw new ApiError(400, `"assignments[${i}].blockId" must be this block's id`);
		}
		return {
			id,
			attributeId: checkAttributeId(store, assignment.attributeId, principal, `"assignments[${i}].attributeId"`),
			value: checkValue(assignment.value),
		};
	});
}

/** Replaces a block's assignments and keeps the assignment index in step. */
export function setAssignments(store, block, assignments) {
	for (const { id } of block.assignments) assignmentIndex(store).delete(id);
	block.assignments = assignments;
	for (const { id } of assignments) assignmentIndex(store).set(id, { id, teamId: block.teamId, blockId: block.id });
}

const FIELDS = ['name', 'kind', 'data', 'children', 'assignments'];
// Sent back by a client that PUTs the block it read; server-assigned, so ignored (an `id` must match).
const READ_ONLY = ['id', 'createdAt', 'updatedAt'];

/** Checks a create body (no `existing`) or an update body; returns the fields to store. */
function checkBlock(store, payload, principal, existing) {
	for (const key of Object.keys(payload)) {
		if (FIELDS.includes(key) || READ_ONLY.includes(key)) continue;
		throw new ApiError(400, `Unknown block property "${key}"; properties are ${FIELDS.join(', ')}`);
	}
	if (existing && payload.id !== undefined && String(payload.id).toLowerCase() !== existing.id) {
		throw new ApiError(400, `"id" (${JSON.stringify(payload.id)}) does not match the block in the path (${existing.id})`);
	}
	const { name, kind, data, children, assignments } = payload;
	const changes = {};
	if (!existing || name !== undefined) {
		if (typeof name !== 'string' || !name.trim()) throw new ApiError(400, '"name" of a block is required and must be a non-empty string');
		changes.name = name.trim();
	}
	if (!existing || kind !== undefined) {
		if (!BLOCK_KINDS.includes(kind)) {
			throw new ApiError(400, `"kind" of a block is required and must be one of ${BLOCK_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
		}
		changes.kind = kind;
	}
	const effectiveKind = changes.kind ?? existing?.kind;
	if (data !== undefined) {
		changes.data = checkData(data, effectiveKind);
	} else if (existing?.data && existing.kind !== effectiveKind) {
		changes.data = { ...existing.data, kind: effectiveKind };
	}
	if (children !== undefined) changes.children = checkChildren(store, existing, children, principal);
	if (assignments !== undefined) changes.assignments = checkAssignments(store, existing, assignments, principal);
	return changes;
}

// ---- Blocks ----------------------------------------------------------------------------------------------

const json = (req, body) => readJsonObject(body, { contentType: req.headers['content-type'] });
const find = (store, params, principal) => findBlock(store, params.block_id, principal);

async function createBlock({ req, store, body, principal }) {
	const { assignments = [], ...fields } = checkBlock(store, await json(req, body), principal);
	const block = newRecord({ teamId: principal.teamId, name: fields.name, kind: fields.kind, data: null, children: [], assignments: [], ...fields });
	blocks(store).set(block.id, block);
	setAssignments(store, block, assignments);
	return jsonReply(describeBlock(block));
}

function getBlock({ store, params, principal }) {
	return jsonReply(describeBlock(find(store, params, principal)));
}

async function updateBlock({ req, store, params, body, principal }) {
	const block = find(store, params, principal);
	const { assignments, ...changes } = checkBlock(store, await json(req, body), principal, block);
	updateRecord(block, changes);
	if (assignments) setAssignments(store, block, assignments);
	return jsonReply(describeBlock(block));
}

/** Deletes the block and detaches it from every parent; its children stay (they may be used elsewhere). */
function deleteBlock({ store, params, principal }) {
	const block = find(store, params, principal);
	const deleted = describeBlock(block);
	setAssignments(store, block, []);
	blocks(store).delete(block.id);
	for (const parent of blocks(store).values()) {
		if (parent.children.includes(block.id)) updateRecord(parent, { children: parent.children.filter((id) => id !== block.id) });
	}
	return jsonReply(deleted);
}

/** Filters of POST /blocks/query and of saved block views. */
const FILTERS = { name: 'string', kind: BLOCK_KINDS };

async function queryBlocks({ req, store, body, principal }) {
	const payload = await readOptionalJsonObject(req, body);
	const page = queryPage(listInTeam(blocks(store), principal), payload, {
		spec: FILTERS,
		where: 'Block query',
		pagingFault: store.pagingFault,
	});
	return jsonReply(page.map(describeBlock));
}

// ---- Children --------------------------------------------------------------------------------------------

function listChildren({ store, params, principal }) {
	const block = find(store, params, principal);
	return jsonReply(block.children.map((id) => describeBlock(blocks(store).get(id))));
}

/**
 * PUT /blocks/{id}/children/{child_id}: attaches the child, or moves it when it is already a child. The optional
 * JSON body `{position}` (0-based) says where; without it the child goes last. Returns the parent.
 */
async function attachChild({ req, store, params, body, principal }) {
	const parent = find(store, params, principal);
	const child = findBlock(store, params.child_id, principal);
	const payload = await readOptionalJsonObject(req, body);
	const unknown = Object.keys(payload).filter((key) => key !== 'position');
	if (unknown.length > 0) throw new ApiError(400, `Unknown property "${unknown[0]}"; the body is {"position": <index>} or empty`);
	if (reaches(store, child.id, parent.id)) {
		throw new ApiError(400, `Block ${child.id} cannot be a child of block ${parent.id}: that would make a cycle`);
	}
	const others = parent.children.filter((id) => id !== child.id);
	const { position = others.length } = payload;
	if (!Number.isInteger(position) || position < 0 || position > others.length) {
		throw new ApiError(400, `"position" must be an integer from 0 to ${others.length}, got ${JSON.stringify(position)}`);
	}
	others.splice(position, 0, child.id);
	updateRecord(parent, { children: others });
	return jsonReply(describeBlock(parent));
}

function detachChild({ store, params, principal }) {
	const parent = find(store, params, principal);
	const childId = uuidParam('child id', params.child_id);
	if (!parent.children.includes(childId)) {
		throw new ApiError(404, `Block ${childId} is not a child of block ${parent.id}`);
	}
	updateRecord(parent, { children: parent.children.filter((id) => id !== childId) });
	return jsonReply(describeBlock(parent));
}

// ---- Copies and graph ------------------------------------------------------------------------------------

/** A new block with the original's name, kind, data and assignments (new assignment ids), and `children`. */
function copyOf(store, original, children) {
	const copy = newRecord({
		teamId: original.teamId,
		name: original.name,
		kind: original.kind,
		data: structuredClone(original.data),
		children,
		assignments: [],
	});
	blocks(store).set(copy.id, copy);
	setAssignments(
		store,
		copy,
		original.assignments.map(({ attributeId, value }) => ({ id: randomUUID(), attributeId, value })),
	);
	return copy;
}

/** POST /blocks/{id}/shallow-copy: the copy shares the original's children. */
function shallowCopy({ store, params, principal }) {
	const original = find(store, params, principal);
	return jsonReply(describeBlock(copyOf(store, original, [...original.children])));
}

/** POST /blocks/{id}/deep-copy: every block under the original is copied too (a block shared twice, once). */
function deepCopy({ store, params, principal }) {
	const original = find(store, params, principal);
	const copies = new Map();
	const copyTree = (block) => {
		if (!copies.has(block.id)) {
			const children = block.children.map((id) => copyTree(blocks(store).get(id)).id);
			copies.set(block.id, copyOf(store, block, children));
		}
		return copies.get(block.id);
	};
	return jsonReply(describeBlock(copyTree(original)));
}

/** The blocks under a block, each once, depth-first in document order. */
function subtree(store, root) {
	const order = [];
	const seen = new Set();
	const visit = (block) => {
		if (seen.has(block.id)) return;
		seen.add(block.id);
		order.push(block);
		for (const id of block.children) visit(blocks(store).get(id));
	};
	visit(root);
	return order;
}

/** GET /blocks/{id}/graph: `{rootBlockId, nodes: [{id, name, kind}], edges: [{parentId, childId, position}]}`. */
function graph({ store, params, principal }) {
	const root = find(store, params, principal);
	const nodes = subtree(store, root);
	return jsonReply({
		rootBlockId: root.id,
		nodes: nodes.map(({ id, name, kind }) => ({ id, name, kind })),
		edges: nodes.flatMap((block) => block.children.map((childId, position) => ({ parentId: block.id, childId, position }))),
	});
}

function aiModels() {
	return jsonReply(AI_MODELS);
}

// ---- Render ----------------------------------------------------------------------------------------------

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text) => text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
const PLACEHOLDER = /\{\{\s*([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\s*\}\}/g;

/**
 * A block's text with `{{<attribute id>}}` replaced by the values given in the request (joined with ", "),
 * else by the block's own assignments of that attribute, else nothing.
 */
function fillText(block, attributes) {
	return String(block.data?.text ?? '').replace(PLACEHOLDER, (_match, rawId) => {
		const id = rawId.toLowerCase();
		const values = attributes[id] ?? block.assignments.filter((a) => a.attributeId === id).map((a) => a.value);
		return values.join(', ');
	});
}

/**
 * The RenderOutput `blocks` of the tree under `root`, keyed by block id: a group, or any block with children, is a
 * concatenation of its children; a paragraph is `<p>` with its filled text; other kinds are a `<div>` naming
 * the kind, or empty in a fast pass for the expensive kinds. Deterministic.
 */
function renderTree(store, root, attributes, fastPass) {
	const rendered = {};
	for (const block of subtree(store, root)) {
		if (block.kind === 'group' || block.children.length > 0) {
			rendered[block.id] = { kind: 'concatenation', content: [...block.children] };
		} else if (block.kind === 'paragraph') {
			rendered[block.id] = { kind: 'html', content: `<p>${escapeHtml(fillText(block, attributes))}</p>` };
		} else if (fastPass && EXPENSIVE_KINDS.has(block.kind)) {
			rendered[block.id] = { kind: 'html', content: '' };
		} else {
			const text = fillText(block, attributes) || block.name;
			rendered[block.id] = { kind: 'html', content: `<div data-block-kind="${block.kind}">${escapeHtml(text)}</div>` };
		}
	}
	return rendered;
}

function checkRenderRequest(store, payload, principal) {
	const { attributes, fastPass, seed, ...rest } = payload;
	const unknown = Object.keys(rest);
	if (unknown.length > 0) throw new ApiError(400, `Unknown property "${unknown[0]}"; the body is {attributes, fastPass?, seed?}`);
	if (!isPlainObject(attributes)) {
		throw new ApiError(400, '"attributes" is required and must be an object of attribute id → array of strings');
	}
	const values = {};
	for (const [id, list] of Object.entries(attributes)) {
		const attributeId = checkAttributeId(store, id, principal, `"attributes" key ${id}`);
		if (!Array.isArray(list) || !list.every((value) => typeof value === 'string')) {
			throw new ApiError(400, `Attribute ${id} must be an array of strings`);
		}
		values[attributeId] = list;
	}
	if (fastPass !== undefined && typeof fastPass !== 'boolean') throw new ApiError(400, '"fastPass" must be a boolean');
	if (seed !== undefined && seed !== null && !Number.isInteger(seed)) throw new ApiError(400, '"seed" must be an integer or null');
	return { attributes, values, fastPass: fastPass ?? false, seed: seed ?? null };
}

/** `app` and `version` of a render: optional; a version needs an App. */
function renderContext(store, query, principal) {
	const requestedVersion = query.get('version');
	if (!query.has('app')) {
		if (requestedVersion !== null) throw new ApiError(400, 'Query parameter "version" needs "app" (the App UUID)');
		return { app: null, version: null, requestedVersion: null };
	}
	const app = store.apps.get(uuidParam('app', query.get('app')));
	if (!app || app.teamId !== principal.teamId) throw new ApiError(404, `App ${query.get('app')} not found`);
	const requested = requestedVersion ?? 'latest';
	const version = requested === 'latest' ? app.latestVersion : requested;
	if (!app.versions.includes(version)) throw new ApiError(404, `Version "${requested}" of App ${app.id} not found`);
	return { app, version, requestedVersion: requested };
}

/**
 * POST /blocks/{id}/render?app=&version=&stream=false with {attributes, fastPass?, seed?}: the RenderOutput
 * `{publicationId, rootBlockId, blocks}` of the block's tree. Rendered for an App (`app`), it is kept as a
 * publication of that App; without one it is a preview with a fresh publicationId that is not kept.
 */
async function renderBlock({ req, store, params, query, body, principal }) {
	const root = find(store, params, principal);
	if (query.has('stream') && query.get('stream') !== 'false') {
		if (query.get('stream') !== 'true') throw new ApiError(400, `Query parameter "stream" must be true or false, got "${query.get('stream')}"`);
		throw new ApiError(400, 'The sandbox renders only with stream=false; the streamed format is not documented');
	}
	const { app, version, requestedVersion } = renderContext(store, query, principal);
	const request = checkRenderRequest(store, await json(req, body), principal);
	const rendered = renderTree(store, root, request.values, request.fastPass);
	const publicationId = randomUUID();
	if (app) {
		const createdAt = new Date().toISOString();
		store.publications.set(publicationId, {
			id: publicationId,
			teamId: principal.teamId,
			appId: app.id,
			version,
			requestedVersion,
			name: `Render of ${root.name}`,
			attributes: request.attributes,
			fastPass: request.fastPass,
			seed: request.seed,
			rootBlockId: root.id,
			blocks: rendered,
			createdAt,
			updatedAt: createdAt,
		});
	}
	return jsonReply({ publicationId, rootBlockId: root.id, blocks: rendered });
}

// ---- Seed ------------------------------------------------------------------------------------------------

/** Demo Team blocks, 130 in all (two pages of POST /blocks/query), with fixed ids; the first is the root. */
export const SEEDED_BLOCK_COUNT = 130;
const blockId = (n) => `0192f0b1-5555-7e00-8f00-${n.toString(16).padStart(12, '0')}`;
const assignmentId = (n) => `0192f0b2-6666-7e00-8f00-${n.toString(16).padStart(12, '0')}`;
const seededAt = (n) => new Date(Date.UTC(2025, 1, 1) + n * 60_000).toISOString();

export const SEEDED_BLOCKS = {
	root: blockId(1),
	introduction: blockId(2),
	body: blockId(3),
	closing: blockId(4),
	aiSummary: blockId(5),
	alpha: '0192f0b1-5555-7e00-8f01-000000000001',
};
export const SEEDED_ASSIGNMENTS = { customer: assignmentId(1), closingTopic: assignmentId(2) };

function seededBlock(n, teamId, fields) {
	const at = seededAt(n);
	return { id: blockId(n), teamId, data: null, children: [], assignments: [], ...fields, createdAt: at, updatedAt: at };
}

export function seed(store) {
	const { title, topics } = DEMO_APP.attributes;
	const paragraph = (text) => ({ kind: 'paragraph', data: { kind: 'paragraph', text } });
	const demo = [
		seededBlock(1, DEMO_TEAM.id, {
			name: 'Demo Document',
			kind: 'group',
			data: { kind: 'group' },
			children: [blockId(2), blockId(3), blockId(4)],
		}),
		seededBlock(2, DEMO_TEAM.id, {
			name: 'Introduction',
			...paragraph(`Prepared for {{${title.id}}}.`),
			assignments: [{ id: SEEDED_ASSIGNMENTS.customer, attributeId: title.id, value: 'Demo Customer' }],
		}),
		seededBlock(3, DEMO_TEAM.id, { name: 'Results', ...paragraph('Quarterly results & outlook.') }),
		seededBlock(4, DEMO_TEAM.id, {
			name: 'Closing',
			...paragraph('Thank you.'),
			assignments: [{ id: SEEDED_ASSIGNMENTS.closingTopic, attributeId: topics.id, value: 'Follow-up' }],
		}),
		seededBlock(5, DEMO_TEAM.id, {
			name: 'AI Summary',
			kind: 'ai',
			data: { kind: 'ai', model: 'gpt-4o-mini', temperature: 0.2, systemPrompt: 'Summarise the document.' },
		}),
	];
	for (let n = demo.length + 1; n <= SEEDED_BLOCK_COUNT; n++) {
		const label = String(n).padStart(3, '0');
		demo.push(seededBlock(n, DEMO_TEAM.id, { name: `Sample paragraph ${label}`, ...paragraph(`Sample text ${label}.`) }));
	}
	const alpha = {
		...seededBlock(0, ALPHA_TEAM.id, { name: 'Alpha Document', ...paragraph('Alpha only.') }),
		id: SEEDED_BLOCKS.alpha,
	};
	for (const block of [...demo, alpha]) {
		const { assignments, ...fields } = block;
		const record = { ...fields, assignments: [] };
		blocks(store).set(record.id, record);
		setAssignments(store, record, assignments);
	}
	seedViews(
		store,
		'blockViews',
		[
			{ id: '0192f0b3-7777-7e00-8f00-000000000001', teamId: DEMO_TEAM.id, name: 'Paragraphs', filter: { kind: 'paragraph' } },
			{ id: '0192f0b3-7777-7e00-8f00-000000000002', teamId: DEMO_TEAM.id, name: 'Samples', filter: { name: 'sample' } },
			{ id: '0192f0b3-7777-7e00-8f01-000000000001', teamId: ALPHA_TEAM.id, name: 'Alpha groups', filter: { kind: 'group' } },
		],
		seededAt(0),
	);
}

const item = '/blocks/:block_id';
export const routes = [
	{ method: 'POST', path: '/blocks', auth: 'bearer', handler: createBlock },
	{ method: 'POST', path: '/blocks/query', auth: 'bearer', handler: queryBlocks },
	{ method: 'GET', path: '/blocks/ai-models', auth: 'bearer', handler: aiModels },
	{ method: 'GET', path: item, auth: 'bearer', handler: getBlock },
	{ method: 'PUT', path: item, auth: 'bearer', handler: updateBlock },
	{ method: 'DELETE', path: item, auth: 'bearer', handler: deleteBlock },
	{ method: 'GET', path: `${item}/children`, auth: 'bearer', handler: listChildren },
	{ method: 'PUT', path: `${item}/children/:child_id`, auth: 'bearer', handler: attachChild },
	{ method: 'DELETE', path: `${item}/children/:child_id`, auth: 'bearer', handler: detachChild },
	{ method: 'POST', path: `${item}/shallow-copy`, auth: 'bearer', handler: shallowCopy },
	{ method: 'POST', path: `${item}/deep-copy`, auth: 'bearer', handler: deepCopy },
	{ method: 'GET', path: `${item}/graph`, auth: 'bearer', handler: graph },
	{ method: 'POST', path: `${item}/render`, auth: 'bearer', handler: renderBlock },
	...savedViewRoutes({ basePath: '/blocks', collection: 'blockViews', noun: 'block', spec: FILTERS }),
];
