// Attributes: the typed inputs (text, file, number, date, flag) that Apps fill in. CRUD, POST /attributes/query
// (paged, filtered) and saved attribute views, listed both at '/attributes/views/' and '/attributes/views' as the
// reference does. The seeded Apps' attributes are attributes of their team.
import { ApiError, jsonReply, readJsonObject } from '../http-utils.mjs';
import { savedViewRoutes, queryPage, readOptionalJsonObject, seedViews } from '../queries-and-views.mjs';
import { findInTeam, listInTeam, newRecord, updateRecord } from '../records.mjs';
import { ALPHA_TEAM, APPS, DEMO_TEAM } from '../seed.mjs';
import { isUuid } from '../validation.mjs';

export const KINDS = ['text', 'file', 'number', 'date', 'flag'];
const SEEDED_AT = '2025-01-01T00:00:00.000Z';

/** A Demo Team attribute that no App uses, with suggested values. */
export const EXTRA_ATTRIBUTES = [
	{ id: '0192f0a4-3333-7d00-8e00-0000000000d1', teamId: DEMO_TEAM.id, name: 'Client', kind: 'text', values: ['Acme', 'Globex'] },
];

const attributes = (store) => store.collection('attributes');

function record({ id, teamId, name, kind, ...rest }) {
	return { id, teamId, name, kind, multiple: false, icon: null, values: [], ...rest, createdAt: SEEDED_AT, updatedAt: SEEDED_AT };
}

export function seed(store) {
	for (const app of APPS) {
		for (const { id, name, kind, multiple } of Object.values(app.attributes)) {
			attributes(store).set(id, record({ id, teamId: app.teamId, name, kind, multiple }));
		}
	}
	for (const extra of EXTRA_ATTRIBUTES) attributes(store).set(extra.id, record(structuredClone(extra)));
	const views = [
		{ id: '0192f0a8-7777-7b00-8c00-000000000001', teamId: DEMO_TEAM.id, name: 'Text attributes', filter: { kind: 'text' } },
		{ id: '0192f0a8-7777-7b00-8c00-000000000002', teamId: DEMO_TEAM.id, name: 'Files', filter: { kind: 'file' } },
		{ id: '0192f0a8-7777-7b00-8c00-000000000003', teamId: ALPHA_TEAM.id, name: 'Alpha texts', filter: { kind: 'text' } },
	];
	seedViews(store, 'attributeViews', views, SEEDED_AT);
}

/** The Apps of the caller's team that use the attribute. */
function appsUsing(store, attribute) {
	return [...store.apps.values()].filter(
		(app) => app.teamId === attribute.teamId && Object.values(app.attributes).some((used) => used.id === attribute.id),
	);
}

const EDITABLE = ['name', 'kind', 'multiple', 'icon', 'values'];
const READ_ONLY = ['id', 'teamId', 'createdAt', 'updatedAt'];

/** Checks a create (no `existing`) or update body and returns the changes to store. */
function checkAttribute(payload, existing) {
	for (const key of Object.keys(payload)) {
		if (EDITABLE.includes(key)) continue;
		if (existing && READ_ONLY.includes(key)) {
			if (payload[key] !== existing[key]) throw new ApiError(400, `"${key}" of an attribute cannot be changed`);
			continue;
		}
		throw new ApiError(400, `Unknown attribute property "${key}"; properties are ${EDITABLE.join(', ')}`);
	}
	const { name, kind, multiple, icon, values } = payload;
	const changes = {};
	if (!existing || name !== undefined) {
		if (typeof name !== 'string' || !name.trim()) {
			throw new ApiError(400, '"name" of an attribute is required and must be a non-empty string');
		}
		changes.name = name.trim();
	}
	if (existing) {
		if (kind !== undefined && kind !== existing.kind) {
			throw new ApiError(400, `The kind of an attribute cannot change: ${existing.id} is "${existing.kind}", got ${JSON.stringify(kind)}`);
		}
	} else {
		if (!KINDS.includes(kind)) {
			throw new ApiError(400, `"kind" of an attribute is required and must be one of ${KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
		}
		changes.kind = kind;
	}
	if (multiple !== undefined) {
		if (typeof multiple !== 'boolean') throw new ApiError(400, '"multiple" must be true or false');
		changes.multiple = multiple;
	}
	if (icon !== undefined) {
		if (icon !== null && typeof icon !== 'string') throw new ApiError(400, '"icon" must be a string or null');
		changes.icon = icon;
	}
	if (values !== undefined) {
		if (!Array.isArray(values) || !values.every((value) => typeof value === 'string')) {
			throw new ApiError(400, '"values" must be an array of strings');
		}
		changes.values = values;
	}
	return changes;
}

const find = (store, params, principal) => findInTeam(attributes(store), params.attr_id, principal, 'attribute');

async function createAttribute({ req, store, body, principal }) {
	const payload = await readJsonObject(body, { contentType: req.headers['content-type'] });
	const { name, kind, ...rest } = checkAttribute(payload);
	const attribute = newRecord({ teamId: principal.teamId, name, kind, multiple: false, icon: null, values: [], ...rest });
	attributes(store).set(attribute.id, attribute);
	return jsonReply(attribute);
}

function getAttribute({ store, params, principal }) {
	return jsonReply(find(store, params, principal));
}

async function updateAttribute({ req, store, params, body, principal }) {
	const attribute = find(store, params, principal);
	const payload = await readJsonObject(body, { contentType: req.headers['content-type'] });
	updateRecord(attribute, checkAttribute(payload, attribute));
	// An App shows its attributes under their current names.
	for (const app of appsUsing(store, attribute)) {
		for (const used of Object.values(app.attributes)) if (used.id === attribute.id) used.name = attribute.name;
	}
	return jsonReply(attribute);
}

function deleteAttribute({ store, params, principal }) {
	const attribute = find(store, params, principal);
	const users = appsUsing(store, attribute);
	if (users.length > 0) {
		throw new ApiError(409, `Attribute ${attribute.id} is used by the App "${users[0].name}" (${users[0].id}); it cannot be deleted`);
	}
	attributes(store).delete(attribute.id);
	return jsonReply(attribute);
}

/** Filters of POST /attributes/query and of saved attribute views. */
const FILTERS = { name: 'string', kind: KINDS, appId: 'uuid' };

async function queryAttributes({ req, store, body, principal }) {
	const payload = await readOptionalJsonObject(req, body);
	if (isUuid(payload.appId)) {
		const app = store.apps.get(payload.appId.toLowerCase());
		if (!app || app.teamId !== principal.teamId) throw new ApiError(404, `No App with id ${payload.appId} in this team`);
	}
	const usedBy = (attribute, appId) =>
		Object.values(store.apps.get(appId.toLowerCase())?.attributes ?? {}).some((used) => used.id === attribute.id);
	const page = queryPage(listInTeam(attributes(store), principal), payload, {
		spec: FILTERS,
		custom: { appId: usedBy },
		where: 'Attribute query',
		pagingFault: store.pagingFault,
	});
	return jsonReply(page);
}

export const routes = [
	{ method: 'POST', path: '/attributes', auth: 'bearer', handler: createAttribute },
	{ method: 'POST', path: '/attributes/query', auth: 'bearer', handler: queryAttributes },
	{ method: 'GET', path: '/attributes/:attr_id', auth: 'bearer', handler: getAttribute },
	{ method: 'PUT', path: '/attributes/:attr_id', auth: 'bearer', handler: updateAttribute },
	{ method: 'DELETE', path: '/attributes/:attr_id', auth: 'bearer', handler: deleteAttribute },
	...savedViewRoutes({
		basePath: '/attributes',
		collection: 'attributeViews',
		noun: 'attribute',
		spec: FILTERS,
		listPaths: ['/attributes/views/', '/attributes/views'],
	}),
];
