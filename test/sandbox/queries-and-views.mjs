// Shared by the route modules that serve POST …/query endpoints and saved views (attributes, publications):
// optional JSON bodies, filter checks, and the five saved-view endpoints over a record collection.
import { ApiError, isPlainObject, jsonReply, readJsonObject } from './http-utils.mjs';
import { faultyPage } from './paging-faults.mjs';
import { findInTeam, listInTeam, newRecord, pageOf, updateRecord } from './records.mjs';
import { isUuid } from './validation.mjs';

/** The JSON object body of a request whose body is optional (POST …/query): no body reads as `{}`. */
export async function readOptionalJsonObject(req, body) {
	const length = req.headers['content-length'];
	const chunked = /chunked/i.test(req.headers['transfer-encoding'] ?? '');
	if ((length === undefined || length === '0') && !chunked) return {};
	return await readJsonObject(body, { contentType: req.headers['content-type'] });
}

/**
 * Filter checks. `spec` maps each filter key to its type: 'string' (case-insensitive substring match),
 * 'uuid' (exact), or an array of allowed values (exact). Throws a 400 naming the key and what it expects.
 */
export function checkFilter(spec, filter, where) {
	if (!isPlainObject(filter)) throw new ApiError(400, `${where} must be a JSON object`);
	const allowed = Object.keys(spec);
	for (const [key, value] of Object.entries(filter)) {
		const type = spec[key];
		if (!type) {
			throw new ApiError(400, `${where}: unknown filter "${key}"; filters are ${allowed.join(', ')}`);
		}
		if (Array.isArray(type) && !type.includes(value)) {
			throw new ApiError(400, `${where}: "${key}" must be one of ${type.join(', ')}, got ${JSON.stringify(value)}`);
		}
		if (type === 'uuid' && !isUuid(value)) {
			throw new ApiError(400, `${where}: "${key}" must be a UUID, got ${JSON.stringify(value)}`);
		}
		if (type === 'string' && typeof value !== 'string') {
			throw new ApiError(400, `${where}: "${key}" must be a string, got ${JSON.stringify(value)}`);
		}
	}
	return filter;
}

/** Whether `record` passes `filter` (already checked against `spec`); `custom` handles keys not on the record. */
export function matchesFilter(spec, filter, record, custom = {}) {
	return Object.entries(filter).every(([key, value]) => {
		if (custom[key]) return custom[key](record, value);
		if (spec[key] === 'string') return String(record[key] ?? '').toLowerCase().includes(value.toLowerCase());
		return String(record[key] ?? '').toLowerCase() === String(value).toLowerCase();
	});
}

/** Splits a query body into its paging (`limit`, `offset`) and its filter (everything else). */
export function splitQueryBody(payload) {
	const { limit, offset, ...filter } = payload;
	return { paging: { limit, offset }, filter };
}

/** The page of `records` a query body asks for, after its filter (and under the store's paging fault, if any). */
export function queryPage(records, payload, { spec, custom, where, pagingFault }) {
	const { paging, filter } = splitQueryBody(payload);
	checkFilter(spec, filter, where);
	const matching = records.filter((record) => matchesFilter(spec, filter, record, custom));
	const page = pageOf(matching, paging);
	return faultyPage(pagingFault, matching, paging) ?? page;
}

const VIEW_FIELDS = ['name', 'filter'];
const VIEW_READ_ONLY = ['id', 'teamId', 'createdAt', 'updatedAt'];

function checkView(payload, { spec, noun, existing }) {
	for (const key of Object.keys(payload)) {
		if (VIEW_FIELDS.includes(key)) continue;
		if (existing && VIEW_READ_ONLY.includes(key)) {
			if (payload[key] !== existing[key]) throw new ApiError(400, `"${key}" of a saved view cannot be changed`);
			continue;
		}
		throw new ApiError(400, `Unknown property "${key}" of a saved ${noun} view; send ${VIEW_FIELDS.join(' and ')}`);
	}
	const { name, filter } = payload;
	if (!existing || name !== undefined) {
		if (typeof name !== 'string' || !name.trim()) {
			throw new ApiError(400, `"name" of a saved ${noun} view is required and must be a non-empty string`);
		}
	}
	if (filter !== undefined) checkFilter(spec, filter, `"filter" of a saved ${noun} view`);
	const changes = {};
	if (name !== undefined) changes.name = name.trim();
	if (filter !== undefined) changes.filter = filter;
	return changes;
}

/**
 * The saved-view endpoints of a collection: list and create on each of `listPaths`, get/update/delete on
 * `<base>/views/:view_id`. A view is `{id, teamId, name, filter, createdAt, updatedAt}`; its filter takes the same
 * keys as the collection's query endpoint (`spec`).
 */
export function savedViewRoutes({ basePath, collection, noun, spec, listPaths = [`${basePath}/views`] }) {
	const views = (store) => store.collection(collection);
	const find = (store, params, principal) => findInTeam(views(store), params.view_id, principal, `saved ${noun} view`);

	const list = ({ store, principal }) => jsonReply(listInTeam(views(store), principal));
	const create = async ({ req, store, body, principal }) => {
		const payload = await readJsonObject(body, { contentType: req.headers['content-type'] });
		const { name, filter = {} } = checkView(payload, { spec, noun });
		const view = newRecord({ teamId: principal.teamId, name, filter });
		views(store).set(view.id, view);
		return jsonReply(view);
	};
	const get = ({ store, params, principal }) => jsonReply(find(store, params, principal));
	const update = async ({ req, store, params, body, principal }) => {
		const view = find(store, params, principal);
		const payload = await readJsonObject(body, { contentType: req.headers['content-type'] });
		return jsonReply(updateRecord(view, checkView(payload, { spec, noun, existing: view })));
	};
	const remove = ({ store, params, principal }) => {
		const view = find(store, params, principal);
		views(store).delete(view.id);
		return jsonReply(view);
	};

	const item = `${basePath}/views/:view_id`;
	return [
		...listPaths.flatMap((path) => [
			{ method: 'GET', path, auth: 'bearer', handler: list },
			{ method: 'POST', path, auth: 'bearer', handler: create },
		]),
		{ method: 'GET', path: item, auth: 'bearer', handler: get },
		{ method: 'PUT', path: item, auth: 'bearer', handler: update },
		{ method: 'DELETE', path: item, auth: 'bearer', handler: remove },
	];
}

/** Seeds saved views with fixed ids and timestamps: `[{id, teamId, name, filter}]`. */
export function seedViews(store, collection, views, createdAt = '2025-01-01T00:00:00.000Z') {
	const records = store.collection(collection);
	for (const view of views) records.set(view.id, { ...structuredClone(view), createdAt, updatedAt: createdAt });
}
