// Apps: create, query, get, update, archive; icon (raw image bytes); versions (list, publish, get, clone, export);
// import of an export; the wizard; dependencies, prices and usage.
//
// Apps live in `store.apps` (shared with publications.mjs, which renders them): `{id, teamId, name, latestVersion,
// versions, attributes}` plus, added here, `{description, blockId, aiConfig, archived, createdAt, updatedAt,
// versionInfo}`. `versions` lists the version strings publications accept ('preview' included for the seeded Apps),
// `latestVersion` the one `latest` means (null until a version is published). Every App keeps an `attributes` map
// with the title/topics/appendix keys of the shared report template (render.mjs), so any App, once published,
// renders. Icons and wizards are kept per App in the collections `appIcons` and `appWizards` (keyed by App id).
import { createHash, randomUUID } from 'node:crypto';

import {
	ApiError,
	decodeFilename,
	fileReply,
	isJsonType,
	isPlainObject,
	jsonReply,
	readJsonObject,
	rejectMultipart,
} from '../http-utils.mjs';
import { documentsApp } from '../documents.mjs';
import { pageOf } from '../records.mjs';
import { DEMO_APP, DEMO_TEAM } from '../seed.mjs';
import { isUuid } from '../validation.mjs';

const EXPORT_FORMAT = 'thinkeo.app-export';
const EXPORT_FORMAT_VERSION = 1;
const JSON_LIMIT = 1024 * 1024;
const ICON_LIMIT = 5 * 1024 * 1024;
const IMPORT_LIMIT = 16 * 1024 * 1024;
const SEED_TIME = '2024-11-04T09:00:00.000Z';
const AI_CONFIG_NUMBERS = { temperature: [0, 2], topP: [0, 1], frequencyPenalty: [-2, 2], presencePenalty: [-2, 2] };
const AI_CONFIG_STRINGS = ['model', 'systemPrompt'];
// The report template's attributes (render.mjs reads these keys).
const TEMPLATE_ATTRIBUTES = {
	title: { name: 'Title', kind: 'text', multiple: false },
	topics: { name: 'Topics', kind: 'text', multiple: true },
	appendix: { name: 'Appendix', kind: 'file', multiple: false },
};

/** A UUID derived from text, so seeded ids that seed.mjs does not fix are still the same on every run. */
function stableUuid(text) {
	const hex = createHash('sha1').update(text).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// A second Demo Team App, with a wizard and three versions, so the wizard operations have something to read while
// the Demo App (seed.apps[0]) has none yet. Its id is listed under `collections.appWizards` of GET /_sandbox/seed.
export const ONBOARDING_APP_ID = '0192f0a3-2222-7c00-8d00-0000000000a3';
const ONBOARDING_WIZARD_STEPS = [
	{
		id: '0192f0a6-5555-7f00-9000-0000000000e1',
		label: 'Which report do you need?',
		description: '',
		icon: 'file-text',
		data: {
			kind: 'choice',
			style: 'checkbox',
			options: [
				{ label: 'Quarterly', displayIf: 'yes', nextStep: '0192f0a6-5555-7f00-9000-0000000000e2', toAssign: [], toExecute: [], toRemove: [] },
				{ label: 'Annual', displayIf: 'yes', nextStep: null, toAssign: [], toExecute: [], toRemove: [] },
			],
		},
		displayIf: 'yes',
		nextStep: '0192f0a6-5555-7f00-9000-0000000000e2',
		toAssign: [],
		toExecute: [],
		toRemove: [],
		wait: false,
	},
	{
		id: '0192f0a6-5555-7f00-9000-0000000000e2',
		label: 'Generate',
		description: 'Runs the App',
		icon: 'play',
		data: { kind: 'execute' },
		displayIf: 'yes',
		nextStep: null,
		toAssign: [],
		toExecute: [],
		toRemove: [],
		wait: true,
	},
];

// A 1×1 transparent PNG: the Demo App's seeded icon.
const SEED_ICON = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64',
);

// ---------------------------------------------------------------------------------------------------------------
// Records

function templateAttributes(idFor = () => randomUUID()) {
	return Object.fromEntries(
		Object.entries(TEMPLATE_ATTRIBUTES).map(([key, attribute]) => [key, { id: idFor(key), ...attribute }]),
	);
}

/** Adds the fields this module keeps to a seeded App (store.apps holds clones of seed.mjs, so this is safe). */
function completeSeededApp(app) {
	app.description ??= '';
	app.blockId ??= stableUuid(`app-block:${app.id}`);
	app.aiConfig ??= null;
	app.archived ??= false;
	app.createdAt ??= SEED_TIME;
	app.updatedAt ??= SEED_TIME;
	app.versionInfo ??= Object.fromEntries(
		app.versions.map((version) => [version, { createdAt: SEED_TIME, description: '' }]),
	);
}

function newApp(teamId, fields) {
	const now = new Date().toISOString();
	return {
		id: randomUUID(),
		teamId,
		name: fields.name,
		description: fields.description ?? '',
		latestVersion: null,
		versions: [],
		versionInfo: {},
		attributes: fields.attributes ?? templateAttributes(),
		blockId: randomUUID(),
		aiConfig: fields.aiConfig ?? null,
		archived: false,
		createdAt: now,
		updatedAt: now,
	};
}

/** The App as the API shows it: `versions` are the published ones (the `preview` working copy is not one). */
function describeApp(app) {
	const { id, teamId, name, description, blockId, aiConfig, archived, latestVersion, createdAt, updatedAt } = app;
	const described = { id, teamId, name, description, blockId, aiConfig, archived, latestVersion };
	described.versions = publishedVersions(app);
	if (app.clonedFrom) described.clonedFrom = app.clonedFrom;
	if (app.importedFrom) described.importedFrom = app.importedFrom;
	return { ...described, createdAt, updatedAt };
}

function publishedVersions(app) {
	return app.versions.filter((version) => version !== 'preview');
}

function findApp(store, params, principal) {
	const id = params.app_id;
	if (!isUuid(id)) throw new ApiError(400, `App id must be a UUID, got "${id}"`);
	const app = store.apps.get(id.toLowerCase());
	// Another team's App is a 404, so its existence does not leak.
	if (!app || app.teamId !== principal.teamId) throw new ApiError(404, `No App with id ${id} in this team`);
	completeSeededApp(app);
	return app;
}

/** `latest`, `preview` or a version string → the stored version string, or a 404 saying what is missing. */
function resolveVersion(app, requested) {
	if (requested === 'latest') {
		if (!app.latestVersion) {
			throw new ApiError(404, `App ${app.id} has no published version yet; publish one (POST /apps/${app.id}/versions)`);
		}
		return app.latestVersion;
	}
	if (!app.versions.includes(requested)) {
		const known = app.versions.length ? app.versions.join(', ') : 'none';
		throw new ApiError(404, `Version "${requested}" of App ${app.id} not found (versions: ${known})`);
	}
	return requested;
}

function describeVersion(store, app, version) {
	const info = app.versionInfo[version] ?? { createdAt: app.createdAt, description: '' };
	const wizard = store.collection('appWizards').get(app.id);
	return {
		appId: app.id,
		version,
		blockId: app.blockId,
		description: info.description,
		createdAt: info.createdAt,
		aiConfig: app.aiConfig,
		wizard: wizard ? describeWizard(wizard) : null,
	};
}

function describeWizard(wizard) {
	const { appId, name, steps, createdAt, updatedAt } = wizard;
	return { appId, name, steps, createdAt, updatedAt };
}

function priceOf(app) {
	// Deterministic stand-in for Thinkeo's credit prices: 1 credit plus 2 per attribute; fast pass costs 1.
	return { credits: 1 + 2 * Object.keys(app.attributes).length, fastPassCredits: 1 };
}

// ---------------------------------------------------------------------------------------------------------------
// Request bodies

/** A JSON object body (at most JSON_LIMIT bytes); a 400 when there is none. */
function readJsonBody(req, body) {
	return readJsonObject(body, { contentType: req.headers['content-type'], limit: JSON_LIMIT });
}

/** An optional JSON object body: `{}` when there is none. */
function readOptionalJson(req, body) {
	return readJsonObject(body, { contentType: req.headers['content-type'], limit: JSON_LIMIT, optional: true });
}

function rejectUnknown(object, allowed, what) {
	const unknown = Object.keys(object).filter((key) => !allowed.includes(key));
	if (unknown.length) {
		throw new ApiError(400, `Unknown ${what} propert${unknown.length > 1 ? 'ies' : 'y'} ${unknown.map((k) => `"${k}"`).join(', ')}; accepted: ${allowed.join(', ')}`);
	}
}

function validName(value, what = 'name') {
	if (typeof value !== 'string' || !value.trim()) throw new ApiError(400, `"${what}" must be a non-empty string`);
	if (value.length > 200) throw new ApiError(400, `"${what}" must be at most 200 characters`);
	return value.trim();
}

function validDescription(value) {
	if (typeof value !== 'string') throw new ApiError(400, '"description" must be a string');
	return value;
}

const EMPTY_AI_CONFIG = { model: null, systemPrompt: null, temperature: null, topP: null, frequencyPenalty: null, presencePenalty: null };

/** A checked aiConfig: the settings given, on top of `base` (PUT changes only the settings it sends). */
function validAiConfig(value, base = null) {
	if (value === null) return null;
	if (!isPlainObject(value)) throw new ApiError(400, '"aiConfig" must be an object or null');
	rejectUnknown(value, [...AI_CONFIG_STRINGS, ...Object.keys(AI_CONFIG_NUMBERS)], 'aiConfig');
	const config = { ...EMPTY_AI_CONFIG, ...base };
	for (const key of AI_CONFIG_STRINGS) {
		if (value[key] === undefined) continue;
		if (value[key] !== null && typeof value[key] !== 'string') throw new ApiError(400, `"aiConfig.${key}" must be a string or null`);
		config[key] = value[key];
	}
	for (const [key, [min, max]] of Object.entries(AI_CONFIG_NUMBERS)) {
		if (value[key] === undefined) continue;
		if (value[key] !== null && (typeof value[key] !== 'number' || value[key] < min || value[key] > max)) {
			throw new ApiError(400, `"aiConfig.${key}" must be a number from ${min} to ${max} or null`);
		}
		config[key] = value[key];
	}
	return config;
}

const READ_ONLY_APP_FIELDS = ['id', 'teamId', 'blockId', 'latestVersion', 'versions', 'createdAt', 'updatedAt'];

/** Read-only fields may be echoed back (GET, change, PUT) but not changed. */
function checkReadOnly(payload, app) {
	for (const key of READ_ONLY_APP_FIELDS) {
		if (payload[key] === undefined) continue;
		const current = key === 'versions' ? publishedVersions(app) : app?.[key];
		if (!app || JSON.stringify(payload[key]) !== JSON.stringify(current)) {
			throw new ApiError(400, `"${key}" is read-only`);
		}
	}
}

function validAppIds(value) {
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || !value.every(isUuid)) throw new ApiError(400, '"appIds" must be an array of App UUIDs');
	return value.map((id) => id.toLowerCase());
}

function validDate(payload, key) {
	const value = payload[key];
	if (value === undefined || value === null) return null;
	const time = typeof value === 'string' ? Date.parse(value) : NaN;
	if (Number.isNaN(time)) throw new ApiError(400, `"${key}" must be an ISO 8601 date-time such as 2025-01-01T00:00:00Z`);
	return new Date(time);
}

function validSteps(steps) {
	if (!Array.isArray(steps)) throw new ApiError(400, '"steps" must be an array of wizard steps');
	return steps.map((step, index) => {
		if (!isPlainObject(step)) throw new ApiError(400, `"steps[${index}]" must be an object`);
		if (step.id !== undefined && !isUuid(step.id)) throw new ApiError(400, `"steps[${index}].id" must be a UUID`);
		if (step.label !== undefined && typeof step.label !== 'string') {
			throw new ApiError(400, `"steps[${index}].label" must be a string`);
		}
		return { ...step, id: step.id ?? randomUUID() };
	});
}

function validWizard(payload, app) {
	rejectUnknown(payload, ['appId', 'name', 'steps'], 'wizard');
	if (payload.appId !== undefined && String(payload.appId).toLowerCase() !== app.id) {
		throw new ApiError(400, `"appId" (${payload.appId}) does not match the App in the path (${app.id})`);
	}
	if (payload.name === undefined) throw new ApiError(400, '"name" is required');
	if (payload.steps === undefined) throw new ApiError(400, '"steps" is required');
	return { name: validName(payload.name), steps: validSteps(payload.steps) };
}

// ---------------------------------------------------------------------------------------------------------------
// Apps

async function createApp({ req, body, store, principal }) {
	const payload = await readJsonBody(req, body);
	rejectUnknown(payload, ['name', 'description', 'aiConfig', 'archived', ...READ_ONLY_APP_FIELDS], 'App');
	checkReadOnly(payload, null);
	if (payload.name === undefined) throw new ApiError(400, '"name" is required');
	if (payload.archived !== undefined && payload.archived !== false) {
		throw new ApiError(400, '"archived" must be false for a new App (archive it with POST /apps/{app_id}/archive)');
	}
	const app = newApp(principal.teamId, {
		name: validName(payload.name),
		description: payload.description === undefined ? '' : validDescription(payload.description),
		aiConfig: payload.aiConfig === undefined ? null : validAiConfig(payload.aiConfig),
	});
	store.apps.set(app.id, app);
	return jsonReply(describeApp(app));
}

async function queryApps({ req, body, store, principal }) {
	const payload = await readOptionalJson(req, body);
	const { name, archived = false } = payload;
	if (name !== undefined && typeof name !== 'string') throw new ApiError(400, '"name" filter must be a string');
	if (typeof archived !== 'boolean') throw new ApiError(400, '"archived" filter must be true or false');
	const needle = name?.toLowerCase();
	const apps = [...store.apps.values()]
		.filter((app) => app.teamId === principal.teamId)
		.map((app) => (completeSeededApp(app), app))
		.filter((app) => app.archived === archived)
		.filter((app) => !needle || app.name.toLowerCase().includes(needle));
	return jsonReply(pageOf(apps, payload).map(describeApp));
}

function getApp({ store, params, principal }) {
	return jsonReply(describeApp(findApp(store, params, principal)));
}

async function updateApp({ req, body, store, params, principal }) {
	const app = findApp(store, params, principal);
	const payload = await readJsonBody(req, body);
	rejectUnknown(payload, ['name', 'description', 'aiConfig', 'archived', ...READ_ONLY_APP_FIELDS], 'App');
	checkReadOnly(payload, app);
	const changes = {};
	if (payload.name !== undefined) changes.name = validName(payload.name);
	if (payload.description !== undefined) changes.description = validDescription(payload.description);
	if (payload.aiConfig !== undefined) changes.aiConfig = validAiConfig(payload.aiConfig, app.aiConfig);
	if (payload.archived !== undefined) {
		if (typeof payload.archived !== 'boolean') throw new ApiError(400, '"archived" must be true or false');
		changes.archived = payload.archived;
	}
	Object.assign(app, changes, { updatedAt: new Date().toISOString() });
	return jsonReply(describeApp(app));
}

function archiveApp({ store, params, principal }) {
	const app = findApp(store, params, principal);
	if (!app.archived) Object.assign(app, { archived: true, updatedAt: new Date().toISOString() });
	return jsonReply(describeApp(app));
}

// ---------------------------------------------------------------------------------------------------------------
// Icon

function getIcon({ store, params, principal }) {
	const app = findApp(store, params, principal);
	const icon = store.collection('appIcons').get(app.id);
	if (!icon) throw new ApiError(404, `App ${app.id} has no icon`);
	return fileReply(icon.bytes, icon.mimeType, icon.filename);
}

async function setIcon({ req, body, store, config, params, principal }) {
	const app = findApp(store, params, principal);
	rejectMultipart(req, 'The icon must be sent as the raw bytes, not multipart/form-data');
	const mimeType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	if (!mimeType.startsWith('image/')) {
		throw new ApiError(415, `The icon must be an image: send its raw bytes with an image/* Content-Type, got "${mimeType || 'none'}"`);
	}
	const bytes = await body.read(Math.min(config.maxUploadBytes, ICON_LIMIT));
	if (bytes.length === 0) throw new ApiError(400, 'Request body is empty; send the raw image bytes');
	const extension = mimeType.slice('image/'.length).split('+')[0] || 'img';
	const icon = {
		appId: app.id,
		filename: decodeFilename(req.headers.filename) || `icon.${extension}`,
		mimeType,
		size: bytes.length,
		sha1: createHash('sha1').update(bytes).digest('hex'),
		bytes,
		updatedAt: new Date().toISOString(),
	};
	store.collection('appIcons').set(app.id, icon);
	const { filename, size, sha1, updatedAt } = icon;
	return jsonReply({ appId: app.id, filename, mimeType, size, sha1, updatedAt });
}

// ---------------------------------------------------------------------------------------------------------------
// Versions

function listVersions({ store, params, principal }) {
	const app = findApp(store, params, principal);
	const versions = publishedVersions(app).toReversed();
	return jsonReply(versions.map((version) => describeVersion(store, app, version)));
}

const VERSION_NAME = /^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/;

function nextVersion(app) {
	const semver = /^(\d+)\.(\d+)\.(\d+)$/.exec(app.latestVersion ?? '');
	let candidate = semver ? `${semver[1]}.${Number(semver[2]) + 1}.0` : `${publishedVersions(app).length + 1}.0.0`;
	while (app.versions.includes(candidate)) candidate = `${candidate}.1`;
	return candidate;
}

async function publishVersion({ req, body, store, params, principal }) {
	const app = findApp(store, params, principal);
	const payload = await readOptionalJson(req, body);
	rejectUnknown(payload, ['version', 'description'], 'version');
	if (app.archived) throw new ApiError(409, `App ${app.id} is archived; unarchive it (PUT archived: false) before publishing`);
	let version = nextVersion(app);
	if (payload.version !== undefined) {
		if (typeof payload.version !== 'string' || !VERSION_NAME.test(payload.version)) {
			throw new ApiError(400, '"version" must be 1-64 letters, digits, dots, dashes or underscores, such as 1.2.0');
		}
		if (payload.version === 'latest' || payload.version === 'preview') {
			throw new ApiError(400, `"${payload.version}" is reserved; choose a version string such as 1.2.0`);
		}
		if (app.versions.includes(payload.version)) {
			throw new ApiError(409, `Version "${payload.version}" of App ${app.id} already exists`);
		}
		version = payload.version;
	}
	const description = payload.description === undefined ? '' : validDescription(payload.description);
	const now = new Date().toISOString();
	app.versions.push(version);
	app.versionInfo[version] = { createdAt: now, description };
	Object.assign(app, { latestVersion: version, updatedAt: now });
	return jsonReply(describeVersion(store, app, version));
}

function getVersion({ store, params, principal }) {
	const app = findApp(store, params, principal);
	return jsonReply(describeVersion(store, app, resolveVersion(app, params.version)));
}

/** INFERRED: cloning a version makes a new App (not yet published) whose working copy is that version. */
function cloneVersion({ store, params, principal }) {
	const app = findApp(store, params, principal);
	const version = resolveVersion(app, params.version);
	const clone = newApp(app.teamId, {
		name: `${app.name} ${version} (copy)`.slice(0, 200),
		description: app.description,
		aiConfig: structuredClone(app.aiConfig),
		attributes: templateAttributes(),
	});
	clone.clonedFrom = { appId: app.id, version };
	store.apps.set(clone.id, clone);
	const wizard = store.collection('appWizards').get(app.id);
	if (wizard) {
		const now = new Date().toISOString();
		store.collection('appWizards').set(clone.id, { ...structuredClone(wizard), appId: clone.id, createdAt: now, updatedAt: now });
	}
	return jsonReply(describeApp(clone));
}

/** The export document of one version: deterministic, so the same version always exports the same bytes. */
function exportDocument(store, app, version) {
	const info = app.versionInfo[version] ?? { createdAt: app.createdAt, description: '' };
	const wizard = store.collection('appWizards').get(app.id);
	return {
		format: EXPORT_FORMAT,
		formatVersion: EXPORT_FORMAT_VERSION,
		source: { appId: app.id, version },
		app: {
			name: app.name,
			description: app.description,
			aiConfig: app.aiConfig,
			attributes: Object.entries(app.attributes).map(([key, { name, kind, multiple }]) => ({ key, name, kind, multiple })),
		},
		version: { version, description: info.description, createdAt: info.createdAt },
		wizard: wizard ? { name: wizard.name, steps: wizard.steps } : null,
		// A large export for download tests; deterministic like the rest, and ignored by the import.
		...(store.exportPaddingBytes > 0 ? { padding: 'x'.repeat(store.exportPaddingBytes) } : {}),
	};
}

function exportVersion({ store, params, principal }) {
	const app = findApp(store, params, principal);
	const version = resolveVersion(app, params.version);
	const bytes = Buffer.from(`${JSON.stringify(exportDocument(store, app, version), null, 2)}\n`);
	const filename = `${app.name.replace(/[/\\]/g, '_')}-${version}.thinkeo.json`;
	return fileReply(bytes, 'application/json', filename);
}

function parseExport(bytes) {
	let doc;
	try {
		doc = JSON.parse(bytes.toString('utf8'));
	} catch (err) {
		throw new ApiError(400, `Not a Thinkeo App export: the body is not valid JSON (${err.message})`);
	}
	if (!isPlainObject(doc) || doc.format !== EXPORT_FORMAT) {
		throw new ApiError(400, `Not a Thinkeo App export: expected "format": "${EXPORT_FORMAT}" (a file from GET /apps/{app_id}/versions/{version}/export)`);
	}
	if (doc.formatVersion !== EXPORT_FORMAT_VERSION) {
		throw new ApiError(400, `Unsupported export formatVersion ${JSON.stringify(doc.formatVersion)}; this API reads ${EXPORT_FORMAT_VERSION}`);
	}
	if (!isPlainObject(doc.app)) throw new ApiError(400, 'Invalid App export: "app" must be an object');
	if (!isPlainObject(doc.version) || typeof doc.version.version !== 'string' || !doc.version.version) {
		throw new ApiError(400, 'Invalid App export: "version.version" must be a version string');
	}
	if (!Array.isArray(doc.app.attributes) || !doc.app.attributes.every((a) => isPlainObject(a) && typeof a.key === 'string')) {
		throw new ApiError(400, 'Invalid App export: "app.attributes" must be an array of {key, name, kind, multiple}');
	}
	if (doc.wizard !== null && doc.wizard !== undefined && !isPlainObject(doc.wizard)) {
		throw new ApiError(400, 'Invalid App export: "wizard" must be an object or null');
	}
	return doc;
}

/** INFERRED: the body is the raw bytes of an export file; the result is a new App at the exported version. */
async function importApp({ req, body, store, config, principal }) {
	rejectMultipart(req, 'The export file must be sent as the raw bytes, not multipart/form-data');
	const contentType = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	if (contentType && !isJsonType(contentType) && contentType !== 'application/octet-stream') {
		throw new ApiError(415, `An App export is JSON: send its raw bytes as application/json (or application/octet-stream), got "${contentType}"`);
	}
	const bytes = await body.read(Math.min(config.maxUploadBytes, IMPORT_LIMIT));
	if (bytes.length === 0) throw new ApiError(400, 'Request body is empty; send the raw bytes of an App export file');
	const doc = parseExport(bytes);
	const name = validName(doc.app.name, 'app.name');
	const attributes = templateAttributes();
	for (const { key, name: label, kind, multiple } of doc.app.attributes) {
		attributes[key] = { id: randomUUID(), name: String(label ?? key), kind: String(kind ?? 'text'), multiple: Boolean(multiple) };
	}
	const app = newApp(principal.teamId, {
		name,
		description: typeof doc.app.description === 'string' ? doc.app.description : '',
		aiConfig: doc.app.aiConfig === undefined ? null : validAiConfig(doc.app.aiConfig),
		attributes,
	});
	const version = doc.version.version;
	app.versions = [version];
	app.versionInfo[version] = { createdAt: app.createdAt, description: String(doc.version.description ?? '') };
	app.latestVersion = version === 'preview' ? null : version;
	app.importedFrom = {
		appId: isPlainObject(doc.source) && isUuid(doc.source.appId) ? doc.source.appId : null,
		version,
		filename: decodeFilename(req.headers.filename) || null,
		size: bytes.length,
		sha1: createHash('sha1').update(bytes).digest('hex'),
	};
	if (doc.wizard) {
		const wizard = validWizard({ name: doc.wizard.name, steps: doc.wizard.steps }, app);
		store.collection('appWizards').set(app.id, { appId: app.id, ...wizard, createdAt: app.createdAt, updatedAt: app.createdAt });
	}
	store.apps.set(app.id, app);
	return jsonReply(describeApp(app));
}

// ---------------------------------------------------------------------------------------------------------------
// Wizard

function findWizard(store, app) {
	const wizard = store.collection('appWizards').get(app.id);
	if (!wizard) throw new ApiError(404, `App ${app.id} has no wizard (create one with POST /apps/${app.id}/wizard)`);
	return wizard;
}

function getWizard({ store, params, principal }) {
	return jsonReply(describeWizard(findWizard(store, findApp(store, params, principal))));
}

async function createWizard({ req, body, store, params, principal }) {
	const app = findApp(store, params, principal);
	const fields = validWizard(await readJsonBody(req, body), app);
	if (store.collection('appWizards').has(app.id)) {
		throw new ApiError(409, `App ${app.id} already has a wizard; change it with PUT /apps/${app.id}/wizard`);
	}
	const now = new Date().toISOString();
	const wizard = { appId: app.id, ...fields, createdAt: now, updatedAt: now };
	store.collection('appWizards').set(app.id, wizard);
	return jsonReply(describeWizard(wizard));
}

async function updateWizard({ req, body, store, params, principal }) {
	const app = findApp(store, params, principal);
	const wizard = findWizard(store, app);
	Object.assign(wizard, validWizard(await readJsonBody(req, body), app), { updatedAt: new Date().toISOString() });
	return jsonReply(describeWizard(wizard));
}

function deleteWizard({ store, params, principal }) {
	const app = findApp(store, params, principal);
	findWizard(store, app);
	store.collection('appWizards').delete(app.id);
	return { status: 204, headers: {}, body: Buffer.alloc(0) };
}

// ---------------------------------------------------------------------------------------------------------------
// Dependencies, prices, usage

function getDependencies({ store, params, principal }) {
	const app = findApp(store, params, principal);
	const attachmentUrls = [...store.publications.values()]
		.filter((publication) => publication.appId === app.id)
		.flatMap((publication) => publication.attributes?.[app.attributes.appendix?.id] ?? []);
	return jsonReply({
		appId: app.id,
		blocks: [{ id: app.blockId, kind: 'concatenation', role: 'root' }],
		attributes: Object.entries(app.attributes).map(([key, { id, name, kind, multiple }]) => ({ id, key, name, kind, multiple })),
		wizard: store.collection('appWizards').has(app.id),
		attachments: [...new Set(attachmentUrls)],
	});
}

function teamApps(store, principal, appIds) {
	if (!appIds) {
		return [...store.apps.values()].filter((app) => app.teamId === principal.teamId).map((app) => (completeSeededApp(app), app)).filter((app) => !app.archived);
	}
	return appIds.map((id) => findApp(store, { app_id: id }, principal));
}

async function getPrices({ req, body, store, principal }) {
	const payload = await readOptionalJson(req, body);
	rejectUnknown(payload, ['appIds'], 'prices');
	const apps = teamApps(store, principal, validAppIds(payload.appIds));
	return jsonReply(apps.map((app) => ({ appId: app.id, name: app.name, version: app.latestVersion, ...priceOf(app) })));
}

async function getUsage({ req, body, store, principal }) {
	const payload = await readOptionalJson(req, body);
	rejectUnknown(payload, ['appIds', 'from', 'to'], 'usage');
	const from = validDate(payload, 'from');
	const to = validDate(payload, 'to');
	if (from && to && from > to) throw new ApiError(400, '"from" must not be after "to"');
	const apps = teamApps(store, principal, validAppIds(payload.appIds));
	return jsonReply(
		apps.map((app) => {
			const publications = [...store.publications.values()].filter((publication) => {
				const at = Date.parse(publication.createdAt);
				return publication.appId === app.id && (!from || at >= from.getTime()) && (!to || at < to.getTime());
			});
			const { credits, fastPassCredits } = priceOf(app);
			const spent = publications.reduce((sum, publication) => sum + (publication.fastPass ? fastPassCredits : credits), 0);
			return {
				appId: app.id,
				name: app.name,
				from: from?.toISOString() ?? null,
				to: to?.toISOString() ?? null,
				publications: publications.length,
				credits: spent,
			};
		}),
	);
}

// ---------------------------------------------------------------------------------------------------------------

export function seed(store) {
	for (const app of store.apps.values()) completeSeededApp(app);
	const onboarding = {
		id: ONBOARDING_APP_ID,
		teamId: DEMO_TEAM.id,
		name: 'Demo Onboarding',
		latestVersion: '1.1.0',
		versions: ['1.0.0', '1.1.0', 'preview'],
		attributes: templateAttributes((key) => stableUuid(`onboarding-attribute:${key}`)),
		description: 'Guided onboarding letter, filled in through its wizard',
	};
	completeSeededApp(onboarding);
	onboarding.versionInfo['1.1.0'] = { createdAt: '2024-12-02T09:00:00.000Z', description: 'Shorter intro' };
	store.apps.set(onboarding.id, onboarding);
	const documents = documentsApp();
	completeSeededApp(documents);
	store.apps.set(documents.id, documents);

	store.collection('appWizards').set(onboarding.id, {
		appId: onboarding.id,
		name: 'Onboarding wizard',
		steps: structuredClone(ONBOARDING_WIZARD_STEPS),
		createdAt: SEED_TIME,
		updatedAt: SEED_TIME,
	});
	store.collection('appIcons').set(DEMO_APP.id, {
		appId: DEMO_APP.id,
		filename: 'demo-report.png',
		mimeType: 'image/png',
		size: SEED_ICON.length,
		sha1: createHash('sha1').update(SEED_ICON).digest('hex'),
		bytes: SEED_ICON,
		updatedAt: SEED_TIME,
	});
}

const app = (method, path, handler) => ({ method, path, auth: 'bearer', handler });

export const routes = [
	app('POST', '/apps', createApp),
	app('POST', '/apps/query', queryApps),
	app('POST', '/apps/import', importApp),
	app('POST', '/apps/prices', getPrices),
	app('POST', '/apps/usage', getUsage),
	app('GET', '/apps/:app_id', getApp),
	app('PUT', '/apps/:app_id', updateApp),
	app('POST', '/apps/:app_id/archive', archiveApp),
	app('GET', '/apps/:app_id/icon', getIcon),
	app('PUT', '/apps/:app_id/icon', setIcon),
	app('GET', '/apps/:app_id/dependencies', getDependencies),
	app('GET', '/apps/:app_id/versions', listVersions),
	app('POST', '/apps/:app_id/versions', publishVersion),
	app('GET', '/apps/:app_id/versions/:version', getVersion),
	app('POST', '/apps/:app_id/versions/:version/clone', cloneVersion),
	app('GET', '/apps/:app_id/versions/:version/export', exportVersion),
	app('GET', '/apps/:app_id/wizard', getWizard),
	app('POST', '/apps/:app_id/wizard', createWizard),
	app('PUT', '/apps/:app_id/wizard', updateWizard),
	app('DELETE', '/apps/:app_id/wizard', deleteWizard),
];
