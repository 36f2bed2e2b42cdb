// Publications: POST /publications?app=<uuid>&version=<latest|preview|x.y.z> renders an App
// synchronously.
import { randomUUID } from 'node:crypto';

import { ApiError, isPlainObject, jsonReply, readJsonObject } from '../http-utils.mjs';
import { renderReport } from '../render.mjs';
import { uuidParam } from '../validation.mjs';

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

function validateRequest(app, payload) {
	const { attributes, fastPass, seed } = payload;
	if (!isPlainObject(attributes)) {
		throw new ApiError(
			400,
			'"attributes" is required and must be an object of attribute id → array of strings',
		);
	}
	const known = new Set(Object.values(app.attributes).map((attribute) => attribute.id));
	for (const [id, values] of Object.entries(attributes)) {
		if (!known.has(id)) throw new ApiError(400, `Unknown attribute ${id} for App ${app.id}`);
		if (!Array.isArray(values) || !values.every((value) => typeof value === 'string')) {
			throw new ApiError(400, `Attribute ${id} must be an array of strings`);
		}
	}
	if (fastPass !== undefined && typeof fastPass !== 'boolean') {
		throw new ApiError(400, '"fastPass" must be a boolean');
	}
	if (seed !== undefined && seed !== null && !Number.isInteger(seed)) {
		throw new ApiError(400, '"seed" must be an integer or null');
	}
}

async function createPublication({ req, store, query, body, principal }) {
	const app = findApp(store, query, principal);
	const requestedVersion = query.get('version') ?? 'latest';
	const version = resolveVersion(app, requestedVersion);
	const payload = await readJsonObject(body, { contentType: req.headers['content-type'] });
	validateRequest(app, payload);

	const { rootBlockId, blocks } = renderReport(app, version, payload.attributes);
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
	store.publications.set(publication.id, publication);
	return jsonReply({ publicationId: publication.id, rootBlockId, blocks });
}

export const routes = [
	{ method: 'POST', path: '/publications', auth: 'bearer', handler: createPublication },
];
