// Publications: POST /publications?app=<uuid>&version=<latest|preview|x.y.z> renders an App
// synchronously; the rest reads, edits, lists (POST /publications/query, paged) and deletes them, and keeps
// saved publication views.
import { randomUUID } from 'node:crypto';

import { ApiError, isPlainObject, jsonReply, readJsonObject } from '../http-utils.mjs';
import { savedViewRoutes, queryPage, readOptionalJsonObject, seedViews } from '../queries-and-views.mjs';
import { findInTeam, listInTeam } from '../records.mjs';
import { DOCUMENTS_APP_ID, renderDocuments } from '../documents.mjs';
import { renderReport } from '../render.mjs';
import { ALPHA_APP, DEMO_APP, DEMO_TEAM } from '../seed.mjs';
import { uuidParam } from '../validation.mjs';
import { SEEDED_ATTACHMENT_ID, describe as describeAttachment } from './attachments.mjs';

function findApp(store, query, principal) {
	if (!query.has('app')) {
		throw new ApiError(400, 'Missing required query parameter "app" (the App UUID)');
	}
	const appId = uuidParam('app', query.get('app'));
	const app = store.apps.get(appId);
	// Another team's App is a 404, not a 403, so its existence does not leak.
	if (!app || app.teamId !== principal.token.teamId) {
		throw new ApiError(404, `App ${appId} not found`);
	}
	return app;
}

function resolveVersion(app, requested) {
	const version = requested === 'latest' ? app.latestVersion : requested;
	if (!app.versions.includes(version)) {
		throw new ApiError(404, `Version "${requested}" of App ${app.id} not found`);
	}
	return version;
}

// What each attribute kind accepts, as strings (the API takes every value as a string). INFERRED: the reference
// names the kinds but not their formats; flags are "true"/"false", dates ISO 8601, files http(s) URLs.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const VALUE_CHECKS = {
	text: () => true,
	number: (value) => value.trim() !== '' && Number.isFinite(Number(value)),
	date: (value) => ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)),
	flag: (value) => value === 'true' || value === 'false',
	file: (value) => /^https?:\/\/\S+$/.test(value),
};

function validateAttributes(app, attributes) {
	if (!isPlainObject(attributes)) {
		throw new ApiError(
			400,
			'"attributes" is required and must be an object of attribute id → array of strings',
		);
	}
	const known = new Map(Object.values(app.attributes).map((attribute) => [attribute.id, attribute]));
	for (const [id, values] of Object.entries(attributes)) {
		const attribute = known.get(id);
		if (!attribute) throw new ApiError(400, `Unknown attribute ${id} for App ${app.id}`);
		if (!Array.isArray(values) || !values.every((value) => typeof value === 'string')) {
			throw new ApiError(400, `Attribute ${id} must be an array of strings`);
		}
		const wrong = values.find((value) => !VALUE_CHECKS[attribute.kind](value));
		if (wrong !== undefined) {
			throw new ApiError(400, `Attribute ${id} (${attribute.name}) is a ${attribute.kind} attribute; "${wrong}" is not valid for it`);
		}
	}
}

function validateRequest(app, payload) {
	const { attributes, fastPass, seed } = payload;
	validateAttributes(app, attributes);
	if (fastPass !== undefined && typeof fastPass !== 'boolean') {
		throw new ApiError(400, '"fastPass" must be a boolean');
	}
	if (seed !== undefined && seed !== null && !Number.isInteger(seed)) {
		throw new ApiError(400, '"seed" must be an integer or null');
	}
}

async function createPublication({ req, store, query, body, principal, apiBaseUrl }) {
	const app = findApp(store, query, principal);
	const requestedVersion = query.get('version') ?? 'latest';
	const version = resolveVersion(app, requestedVersion);
	const payload = await readJsonObject(body, { contentType: req.headers['content-type'] });
	validateRequest(app, payload);

	const { rootBlockId, blocks, generatedAttachmentIds } =
		app.id === DOCUMENTS_APP_ID
			? renderDocuments(store, app, payload.attributes, apiBaseUrl)
			: renderReport(app, version, payload.attributes);
	const publication = {
		id: randomUUID(),
		teamId: app.teamId,
		appId: app.id,
		version,
		requestedVersion,
		name: `Publication ${store.publications.size + 1}`,
		attributes: payload.attributes,
		fastPass: payload.fastPass ?? false,
		seed: payload.seed ?? null,
		rootBlockId,
		blocks,
		createdAt: new Date().toISOString(),
	};
	publication.updatedAt = publication.createdAt;
	if (generatedAttachmentIds) publication.generatedAttachmentIds = generatedAttachmentIds;
	store.publications.set(publication.id, publication);
	return jsonReply({ publicationId: publication.id, rootBlockId, blocks });
}

// ---- Reading, editing and listing -------------------------------------------------------------------------

/** The Publication schema's fields (plus the team and generation settings); blocks stay behind GET …/data. */
function describePublication(publication) {
	const { id, teamId, name, appId, version, attributes, fastPass, seed, rootBlockId, createdAt } = publication;
	const updatedAt = publication.updatedAt ?? createdAt;
	return { id, teamId, name, appId, version, attributes, fastPass, seed, rootBlockId, createdAt, updatedAt };
}

const findPublication = (store, params, principal) =>
	findInTeam(store.publications, params.publication_id, principal, 'publication');

function touch(publication) {
	publication.updatedAt = new Date().toISOString();
	return publication;
}

function checkName(name) {
	if (typeof name !== 'string' || !name.trim()) {
		throw new ApiError(400, '"name" must be a non-empty string');
	}
	return name.trim();
}

function getPublication({ store, params, principal }) {
	return jsonReply(describePublication(findPublication(store, params, principal)));
}

const EDITABLE = ['name', 'attributes'];
const READ_ONLY = ['id', 'teamId', 'appId', 'version', 'fastPass', 'seed', 'rootBlockId', 'createdAt', 'updatedAt'];

/** PUT /publications/{id}: changes `name` and/or `attributes`; read-only fields may be sent back unchanged. */
async function updatePublication({ req, store, params, body, principal }) {
	const publication = findPublication(store, params, principal);
	const payload = await readJsonObject(body, { contentType: req.headers['content-type'] });
	const current = describePublication(publication);
	for (const key of Object.keys(payload)) {
		if (EDITABLE.includes(key)) continue;
		if (READ_ONLY.includes(key)) {
			if (JSON.stringify(payload[key]) !== JSON.stringify(current[key])) {
				throw new ApiError(400, `"${key}" of a publication cannot be changed`);
			}
			continue;
		}
		throw new ApiError(400, `Unknown publication property "${key}"; editable properties are ${EDITABLE.join(', ')}`);
	}
	if (payload.name !== undefined) publication.name = checkName(payload.name);
	if (payload.attributes !== undefined) {
		validateAttributes(store.apps.get(publication.appId), payload.attributes);
		publication.attributes = payload.attributes;
	}
	return jsonReply(describePublication(touch(publication)));
}

function deletePublication({ store, params, principal }) {
	const publication = findPublication(store, params, principal);
	store.publications.delete(publication.id);
	return jsonReply(describePublication(publication));
}

/** PUT /publications/{id}/name with `{name}` (the body is inferred). */
async function renamePublication({ req, store, params, body, principal }) {
	const publication = findPublication(store, params, principal);
	const payload = await readJsonObject(body, { contentType: req.headers['content-type'] });
	const extra = Object.keys(payload).filter((key) => key !== 'name');
	if (extra.length > 0) throw new ApiError(400, `Unknown property "${extra[0]}"; send {"name": "…"}`);
	publication.name = checkName(payload.name);
	return jsonReply(describePublication(touch(publication)));
}

/** The editable content: the rendered blocks until someone saves other content with PUT …/data. */
function getData({ store, params, principal }) {
	const publication = findPublication(store, params, principal);
	return jsonReply(publication.data ?? { rootBlockId: publication.rootBlockId, blocks: publication.blocks });
}

async function setData({ req, store, params, body, principal }) {
	const publication = findPublication(store, params, principal);
	publication.data = await readJsonObject(body, { contentType: req.headers['content-type'] });
	touch(publication);
	return jsonReply(publication.data);
}

const ATTACHMENT_LINK = /\/attachments\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/**
 * The team's attachments whose URL appears among the publication's attribute values (File attributes), then the
 * files its generation produced (Demo Documents, documents.mjs).
 */
function publicationAttachments({ store, params, principal, apiBaseUrl }) {
	const publication = findPublication(store, params, principal);
	const ids = new Set([
		...Object.values(publication.attributes ?? {})
			.flat()
			.map((value) => ATTACHMENT_LINK.exec(value)?.[1]?.toLowerCase())
			.filter(Boolean),
		...(publication.generatedAttachmentIds ?? []),
	]);
	const attachments = [...ids]
		.map((id) => store.attachments.get(id))
		.filter((attachment) => attachment && attachment.teamId === principal.teamId);
	return jsonReply(attachments.map((attachment) => describeAttachment(attachment, apiBaseUrl)));
}

/** Filters of POST /publications/query and of saved publication views. */
const FILTERS = { name: 'string', appId: 'uuid', version: 'string' };
const EXACT = { version: (publication, value) => publication.version === value };

/** POST /publications/query: the team's publications, oldest first, filtered and paged (limit/offset). */
async function queryPublications({ req, store, body, principal }) {
	const payload = await readOptionalJsonObject(req, body);
	const page = queryPage(listInTeam(store.publications, principal), payload, {
		spec: FILTERS,
		custom: EXACT,
		where: 'Publication query',
		pagingFault: store.pagingFault,
	});
	return jsonReply(page.map(describePublication));
}

// ---- Seed ------------------------------------------------------------------------------------------------

/** 230 Demo Team publications (3 pages of 100 for Return All) and 2 of Alpha Team, with fixed ids. */
export const SEEDED_PUBLICATION_COUNT = 230;
const seededId = (team, n) => `0192f0a5-4444-7e00-9f0${team}-${String(n).padStart(12, '0')}`;
const seededDate = (n) => new Date(Date.UTC(2025, 0, 1) + n * 3_600_000).toISOString();

function seededPublication(store, app, team, n) {
	const attributes = {
		[app.attributes.title.id]: [`Seeded report ${n}`],
		[app.attributes.topics.id]: [`Topic ${(n % 7) + 1}`],
	};
	// The first one links to the seeded attachment, so GET …/attachments has something to list.
	if (n === 1 && app.teamId === DEMO_TEAM.id) {
		attributes[app.attributes.appendix.id] = [`https://api.thinkeo.io/v1/attachments/${SEEDED_ATTACHMENT_ID}`];
	}
	const { rootBlockId, blocks } = renderReport(store.apps.get(app.id), app.latestVersion, attributes);
	const createdAt = seededDate(n);
	return {
		id: seededId(team, n),
		teamId: app.teamId,
		appId: app.id,
		version: app.latestVersion,
		requestedVersion: 'latest',
		name: `Seeded publication ${String(n).padStart(3, '0')}`,
		attributes,
		fastPass: false,
		seed: null,
		rootBlockId,
		blocks,
		createdAt,
		updatedAt: createdAt,
	};
}

/**
 * Adds `count` more Demo Team publications like the seeded ones (POST /_sandbox/publications, for paging at scale),
 * created at `createdAt` if given (a record listed late, for the trigger); resolves their ids and how many the Demo
 * Team then has.
 */
export function addDemoPublications(store, count, createdAt) {
	const ids = [];
	let n = 0;
	for (let added = 0; added < count; added++) {
		do n++;
		while (store.publications.has(seededId(0, n)));
		const publication = seededPublication(store, DEMO_APP, 0, n);
		if (createdAt) Object.assign(publication, { createdAt, updatedAt: createdAt });
		store.publications.set(publication.id, publication);
		ids.push(publication.id);
	}
	const demoTeamPublications = [...store.publications.values()].filter((publication) => publication.teamId === DEMO_TEAM.id);
	return { ids, demoTeamPublications: demoTeamPublications.length };
}

export function seed(store) {
	for (let n = 1; n <= SEEDED_PUBLICATION_COUNT; n++) {
		const publication = seededPublication(store, DEMO_APP, 0, n);
		store.publications.set(publication.id, publication);
	}
	for (let n = 1; n <= 2; n++) {
		const publication = seededPublication(store, ALPHA_APP, 1, n);
		store.publications.set(publication.id, publication);
	}
	// The store's own publication map, so GET /_sandbox/seed lists seeded and generated publications alike.
	store.collections.set('publications', store.publications);
	seedViews(store, 'publicationViews', [
		{ id: '0192f0a7-6666-7a00-8b00-000000000001', teamId: DEMO_TEAM.id, name: 'Demo Report', filter: { appId: DEMO_APP.id } },
		{ id: '0192f0a7-6666-7a00-8b00-000000000002', teamId: DEMO_TEAM.id, name: 'Reports 10-19', filter: { name: 'publication 01' } },
		{ id: '0192f0a7-6666-7a00-8b00-000000000003', teamId: ALPHA_APP.teamId, name: 'Alpha', filter: {} },
	]);
}

const item = '/publications/:publication_id';
export const routes = [
	{ method: 'POST', path: '/publications', auth: 'bearer', handler: createPublication },
	{ method: 'POST', path: '/publications/query', auth: 'bearer', handler: queryPublications },
	{ method: 'GET', path: item, auth: 'bearer', handler: getPublication },
	{ method: 'PUT', path: item, auth: 'bearer', handler: updatePublication },
	{ method: 'DELETE', path: item, auth: 'bearer', handler: deletePublication },
	{ method: 'GET', path: `${item}/attachments`, auth: 'bearer', handler: publicationAttachments },
	{ method: 'GET', path: `${item}/data`, auth: 'bearer', handler: getData },
	{ method: 'PUT', path: `${item}/data`, auth: 'bearer', handler: setData },
	{ method: 'PUT', path: `${item}/name`, auth: 'bearer', handler: renamePublication },
	...savedViewRoutes({ basePath: '/publications', collection: 'publicationViews', noun: 'publication', spec: FILTERS }),
];
