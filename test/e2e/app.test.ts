/**
 * The App resource inside a real n8n 2.41.1 against the Thinkeo sandbox: the App lifecycle (create → get → update →
 * list → archive), publishing a version and reading it back, the icon and export/import binary round trips, and the
 * wizard (create → get → update → delete). Assertions read n8n's output items and the sandbox's request log.
 */
import { createHash } from 'crypto';

import type { Sandbox } from '../support/e2e';
import { e2eFixture, emailPasswordCredential } from '../support/e2e';
import type { N8n } from '../support/n8n';
import type { LoggedRequest, Seed, SeedApp } from '../support/types';
import { byId, chain, file, thinkeo } from '../support/workflows';

jest.setTimeout(180_000);

let sandbox: Sandbox;
let n8n: N8n;
let seed: Seed;
let demoApp: SeedApp;

const CREDENTIAL = { id: 'thinkeoApps00001', name: 'Thinkeo apps' };
const once = { executeOnce: true };
const sha1 = (data: Buffer) => createHash('sha1').update(data).digest('hex');

// A 1×1 PNG with one non-zero pixel: distinct from the icon the sandbox seeds.
const ICON = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
	'base64',
);
const STEPS = [{ label: 'Pick a topic', data: { kind: 'choice', options: [{ label: 'Sales' }] }, nextStep: null }];
const NEW_STEPS = [{ label: 'Confirm', data: { kind: 'execute' }, nextStep: null, wait: true }];

const requests = (method: string, path: string) => sandbox.requests({ method, path });
const bodyOf = (request: LoggedRequest) => JSON.parse(request.bodyText ?? 'null') as Record<string, unknown>;

const e2e = e2eFixture();

beforeAll(async () => {
	({ sandbox, seed, demoApp, n8n } = await e2e.start((setup) => [
		emailPasswordCredential(CREDENTIAL, setup.sandbox.apiUrl, setup.demo, 'n8n e2e apps'),
	]));
	const app = (name: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
		thinkeo(name, CREDENTIAL, { resource: 'app', ...parameters }, extra);
	const created = byId("={{ $('Create').first().json.id }}");

	await n8n.importWorkflows([
		chain('wfAppLifecycle01', 'App lifecycle', [
			app('Create', {
				operation: 'create',
				name: 'E2E Lifecycle App',
				additionalFields: { model: 'gpt-4o', temperature: 0.3 },
			}),
			app('Get', { operation: 'get', appId: byId('={{ $json.id }}') }),
			app('Update', {
				operation: 'update',
				appId: created,
				updateFields: { name: 'E2E Lifecycle App (renamed)', systemPrompt: 'Write formally.' },
				additionalJson: '{"description": "Set through the JSON escape hatch"}',
			}),
			app('List', { operation: 'getMany', returnAll: true, filters: { name: 'lifecycle' } }),
			app('Archive', { operation: 'archive', appId: created }, once),
			app('List Active', { operation: 'getMany', returnAll: false, limit: 50 }, once),
			app('List Archived', { operation: 'getMany', returnAll: true, filtersJson: '{"archived": true}' }, once),
		]),
		chain('wfAppVersions001', 'Publish a version', [
			app('Create', { operation: 'create', name: 'E2E Versioned App' }),
			app('Versions Before', { operation: 'getVersions', appId: created, returnAll: true }, { alwaysOutputData: true }),
			app('Publish', {
				operation: 'publishVersion',
				appId: created,
				additionalFields: { version: '2.0.0', description: 'First release' },
			}),
			app('Get Latest', { operation: 'getVersion', appId: created, version: 'latest' }),
			app('Get 2.0.0', { operation: 'getVersion', appId: created, version: '2.0.0' }),
			app('Publish Next', { operation: 'publishVersion', appId: created }),
			app('Versions', { operation: 'getVersions', appId: created, returnAll: true }),
			app('Clone', { operation: 'cloneVersion', appId: created, version: '2.0.0' }, once),
			app('Prices', { operation: 'getPrices', filters: { appIds: "={{ $('Create').first().json.id }}" } }),
			thinkeo('Generate', CREDENTIAL, {
				resource: 'publication',
				operation: 'create',
				appId: created,
				version: 'latest',
				attributesInput: 'json',
				attributesJson: '{}',
			}),
			app('Usage', { operation: 'getUsage', filters: { appIds: "={{ $('Create').first().json.id }}" } }),
		]),
		chain('wfAppIcon0000001', 'Icon round trip', [
			app('Create', { operation: 'create', name: 'E2E Icon App' }),
			...file(ICON, 'logo.png', 'image/png'),
			app('Set Icon', { operation: 'setIcon', appId: created, binaryPropertyName: 'data' }),
			app('Get Icon', { operation: 'getIcon', appId: created, binaryPropertyName: 'icon' }),
			app('Set Icon On Demo', { operation: 'setIcon', appId: byId(demoApp.id), binaryPropertyName: 'icon' }),
		]),
		chain('wfAppExport00001', 'Export and import', [
			app('Export', { operation: 'exportVersion', appId: byId(demoApp.id), version: 'latest', binaryPropertyName: 'data' }),
			app('Import', { operation: 'import', binaryPropertyName: 'data' }),
			app('Get Imported', { operation: 'get', appId: byId('={{ $json.id }}') }),
		]),
		chain('wfAppWizard00001', 'Wizard lifecycle', [
			app('Create', { operation: 'create', name: 'E2E Wizard App' }),
			app('Create Wizard', { operation: 'createWizard', appId: created, name: 'Intake', steps: JSON.stringify(STEPS) }),
			app('Get Wizard', { operation: 'getWizard', appId: created }),
			app('Update Wizard', {
				operation: 'updateWizard',
				appId: created,
				name: 'Intake v2',
				steps: JSON.stringify(NEW_STEPS),
			}),
			app('Delete Wizard', { operation: 'deleteWizard', appId: created }),
			app('Get Deleted Wizard', { operation: 'getWizard', appId: created }, { onError: 'continueRegularOutput' }),
		]),
	]);
}, 300_000);

describe('App lifecycle', () => {
	it('creates, reads, updates, lists and archives an App', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfAppLifecycle01');
		expect(run.error).toBeUndefined();
		expect(run.code).toBe(0);

		const [created] = run.output('Create');
		expect(created.json).toMatchObject({
			name: 'E2E Lifecycle App',
			teamId: seed.teams[0].id,
			archived: false,
			latestVersion: null,
			versions: [],
			aiConfig: { model: 'gpt-4o', temperature: 0.3 },
		});
		const id = String(created.json.id);
		const [createRequest] = await requests('POST', '/apps');
		expect(bodyOf(createRequest)).toEqual({ name: 'E2E Lifecycle App', aiConfig: { model: 'gpt-4o', temperature: 0.3 } });

		expect(run.output('Get').map((item) => item.json)).toEqual([created.json]);
		expect(await requests('GET', `/apps/${id}`)).toHaveLength(1);

		const [updated] = run.output('Update');
		expect(updated.json).toMatchObject({
			id,
			name: 'E2E Lifecycle App (renamed)',
			description: 'Set through the JSON escape hatch',
			aiConfig: { model: 'gpt-4o', temperature: 0.3, systemPrompt: 'Write formally.' },
		});
		const [updateRequest] = await requests('PUT', `/apps/${id}`);
		expect(bodyOf(updateRequest)).toEqual({
			description: 'Set through the JSON escape hatch',
			name: 'E2E Lifecycle App (renamed)',
			aiConfig: { systemPrompt: 'Write formally.' },
		});

		// Filtered by name: only the renamed App, with the paging the node sends.
		expect(run.output('List').map((item) => item.json.id)).toEqual([id]);
		// Each Return All ends on an empty page: List and List Archived send two requests each.
		const [listRequest, , activeRequest, archivedRequest] = await requests('POST', '/apps/query');
		expect(bodyOf(listRequest)).toEqual({ name: 'lifecycle', limit: 100, offset: 0 });

		expect(run.output('Archive').map((item) => item.json)).toEqual([expect.objectContaining({ id, archived: true })]);
		expect((await requests('POST', `/apps/${id}/archive`)).map((request) => request.status)).toEqual([200]);

		const active = run.output('List Active').map((item) => String(item.json.id));
		expect(active).toContain(demoApp.id);
		expect(active).not.toContain(id);
		expect(bodyOf(activeRequest)).toEqual({ limit: 50 });
		expect(run.output('List Archived').map((item) => item.json.id)).toEqual([id]);
		expect(bodyOf(archivedRequest)).toEqual({ archived: true, limit: 100, offset: 0 });
	});
});

describe('App versions', () => {
	it('publishes versions, reads them back as latest and by name, clones one and prices the App', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfAppVersions001');
		expect(run.error).toBeUndefined();
		expect(run.code).toBe(0);
		const id = String(run.output('Create')[0].json.id);

		// A new App has no published version: the list is empty (alwaysOutputData keeps the chain going).
		expect((await requests('GET', `/apps/${id}/versions`))[0].status).toBe(200);
		expect(run.output('Versions Before').map((item) => item.json)).toEqual([{}]);

		const [published] = run.output('Publish');
		expect(published.json).toMatchObject({ appId: id, version: '2.0.0', description: 'First release' });
		expect(bodyOf((await requests('POST', `/apps/${id}/versions`))[0])).toEqual({
			version: '2.0.0',
			description: 'First release',
		});

		const [latest] = run.output('Get Latest');
		expect(latest.json).toMatchObject({ appId: id, version: '2.0.0', blockId: published.json.blockId, wizard: null });
		expect((await requests('GET', `/apps/${id}/versions/latest`)).map((request) => request.status)).toEqual([200]);
		expect(run.output('Get 2.0.0')[0].json).toEqual(latest.json);

		// Published without a version string: the sandbox numbers it after 2.0.0, and it becomes the newest.
		expect(run.output('Publish Next')[0].json).toMatchObject({ appId: id, version: '2.1.0' });
		expect(run.output('Versions').map((item) => item.json.version)).toEqual(['2.1.0', '2.0.0']);

		const [clone] = run.output('Clone');
		expect(clone.json).toMatchObject({
			name: 'E2E Versioned App 2.0.0 (copy)',
			clonedFrom: { appId: id, version: '2.0.0' },
			versions: [],
		});
		expect(clone.json.id).not.toBe(id);
		expect((await requests('POST', `/apps/${id}/versions/2.0.0/clone`))[0].status).toBe(200);

		expect(run.output('Prices').map((item) => item.json)).toEqual([
			{ appId: id, name: 'E2E Versioned App', version: '2.1.0', credits: 7, fastPassCredits: 1 },
		]);
		expect(bodyOf((await requests('POST', '/apps/prices'))[0])).toEqual({ appIds: [id] });

		// The published App renders like any other: a publication of its latest version, counted in its usage.
		const [publication] = await requests('POST', '/publications');
		expect(publication).toMatchObject({ query: { app: id, version: 'latest' }, status: 200 });
		expect(run.output('Generate')[0].json.document.html).toBe('<h1>Untitled</h1><p>Report on 0 topic(s).</p><ul></ul>');
		expect(run.output('Usage').map((item) => item.json)).toEqual([
			{ appId: id, name: 'E2E Versioned App', from: null, to: null, publications: 1, credits: 7 },
		]);
	});
});

describe('App binaries', () => {
	it('uploads an icon as raw bytes and downloads it byte for byte', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfAppIcon0000001');
		expect(run.error).toBeUndefined();
		expect(run.code).toBe(0);
		const id = String(run.output('Create')[0].json.id);

		expect(run.output('Set Icon')[0].json).toMatchObject({ appId: id, filename: 'logo.png', mimeType: 'image/png', size: ICON.length, sha1: sha1(ICON) });
		const [upload] = await requests('PUT', `/apps/${id}/icon`);
		expect(upload.headers).toMatchObject({ 'content-type': 'image/png', filename: 'logo.png' });
		expect(upload.bodySha1).toBe(sha1(ICON));

		const [downloaded] = run.output('Get Icon');
		expect(downloaded.json).toEqual({ fileName: 'logo.png', mimeType: 'image/png', fileSize: ICON.length });
		expect(downloaded.binary?.icon).toMatchObject({ fileName: 'logo.png', mimeType: 'image/png' });

		// The downloaded binary, uploaded again, carries exactly the original bytes.
		const [reupload] = await requests('PUT', `/apps/${demoApp.id}/icon`);
		expect(reupload.bodySha1).toBe(sha1(ICON));
		expect(reupload.headers).toMatchObject({ 'content-type': 'image/png', filename: 'logo.png' });
		const stored = await sandbox.api('GET', `/apps/${demoApp.id}/icon`, { headers: { authorization: upload.authorization! } });
		expect(Buffer.from(await stored.arrayBuffer())).toEqual(ICON);
	});

	it('exports an App version as a file and imports exactly those bytes as a new App', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfAppExport00001');
		expect(run.error).toBeUndefined();
		expect(run.code).toBe(0);

		const [exported] = run.output('Export');
		expect(exported.json).toMatchObject({ fileName: 'Demo Report-1.0.0.thinkeo.json', mimeType: 'application/json' });
		const [exportRequest] = await requests('GET', `/apps/${demoApp.id}/versions/latest/export`);
		expect(exportRequest.status).toBe(200);
		// The export is deterministic, so the sandbox's own answer is the file n8n received.
		const response = await sandbox.api('GET', `/apps/${demoApp.id}/versions/latest/export`, {
			headers: { authorization: exportRequest.authorization! },
		});
		const exportBytes = Buffer.from(await response.arrayBuffer());
		expect(exported.json.fileSize).toBe(exportBytes.length);
		expect(JSON.parse(exportBytes.toString('utf8'))).toMatchObject({ format: 'thinkeo.app-export', version: { version: '1.0.0' } });

		const [importRequest] = await requests('POST', '/apps/import');
		expect(importRequest.status).toBe(200);
		expect(importRequest.bodySha1).toBe(sha1(exportBytes));
		expect(importRequest.headers).toMatchObject({ 'content-type': 'application/json', filename: 'Demo Report-1.0.0.thinkeo.json' });

		const [imported] = run.output('Import');
		expect(imported.json).toMatchObject({
			name: 'Demo Report',
			teamId: seed.teams[0].id,
			latestVersion: '1.0.0',
			importedFrom: { appId: demoApp.id, version: '1.0.0', sha1: sha1(exportBytes), size: exportBytes.length },
		});
		expect(imported.json.id).not.toBe(demoApp.id);
		expect(run.output('Get Imported')[0].json).toEqual(imported.json);
		expect(await requests('GET', `/apps/${String(imported.json.id)}`)).toHaveLength(1);
	});
});

describe('App wizard', () => {
	it('creates, reads, replaces and deletes the wizard of an App', async () => {
		await sandbox.clearRequests();
		const run = await n8n.execute('wfAppWizard00001');
		expect(run.error).toBeUndefined();
		expect(run.code).toBe(0);
		const id = String(run.output('Create')[0].json.id);

		const [created] = run.output('Create Wizard');
		expect(created.json).toMatchObject({ appId: id, name: 'Intake', steps: [expect.objectContaining(STEPS[0])] });
		expect(bodyOf((await requests('POST', `/apps/${id}/wizard`))[0])).toEqual({ appId: id, name: 'Intake', steps: STEPS });

		expect(run.output('Get Wizard')[0].json).toEqual(created.json);

		const [updated] = run.output('Update Wizard');
		expect(updated.json).toMatchObject({ appId: id, name: 'Intake v2', steps: [expect.objectContaining(NEW_STEPS[0])] });
		expect(bodyOf((await requests('PUT', `/apps/${id}/wizard`))[0])).toEqual({ appId: id, name: 'Intake v2', steps: NEW_STEPS });

		expect(run.output('Delete Wizard').map((item) => item.json)).toEqual([{ deleted: true, id }]);
		const wizardRequests = await sandbox.requests({ path: `/apps/${id}/wizard` });
		expect(wizardRequests.map((request) => `${request.method} ${request.status}`)).toEqual([
			'POST 200',
			'GET 200',
			'PUT 200',
			'DELETE 204',
			'GET 404',
		]);
		const [gone] = run.output('Get Deleted Wizard');
		expect(String(gone.json.error)).toContain(`Thinkeo rejected app getWizard (HTTP 404): App ${id} has no wizard`);
	});
});
