/**
 * Downloads of 100 MB, in a real n8n with binary data on disk: Attachment → Download and App → Export Version stream
 * the file into n8n's binary store, so the n8n process never holds the file whole (its peak memory stays well below
 * the floor plus the file's size), and the stored file is the one Thinkeo sent, byte for byte, under its name. A body
 * past the Max Download Size is stopped there, its connection closed and nothing of it kept; one whose Content-Length
 * says it is too large is not read at all.
 */
import { createHash, randomBytes } from 'node:crypto';

import type { Sandbox } from '../support/e2e';
import { apiTokenCredential, createApiToken, e2eFixture } from '../support/e2e';
import { peakRssMb, storedBinary, storedFiles } from '../support/files';
import type { N8n } from '../support/n8n';
import type { Json, SeedApp } from '../support/types';
import { byId, chain, thinkeo } from '../support/workflows';

jest.setTimeout(600_000);

const SIZE = 100 * 1024 * 1024;
/**
 * How far above a run that downloads nothing n8n's peak memory may go: less than the file itself. A buffered download
 * has the whole 100 MB alive at once (more with its chunks and copies), so it cannot stay below; a streamed one holds
 * only chunks, which V8 frees at its next garbage collection, started once about 64 MB of buffers are outstanding:
 * its peak was seen from a few MB to about 86 MB above the floor (the benchmark's target of 20 MB and what it
 * measured: bench/results.md).
 */
const RSS_MARGIN_MB = SIZE / (1024 * 1024);
const CREDENTIAL = { id: 'thinkeoLargeDown', name: 'Thinkeo large downloads' };

let sandbox: Sandbox;
let n8n: N8n;
let demoApp: SeedApp;
let attachment: { id: string; sha1: string };
let floorMb: number;
let apiToken: string;

const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

/** The file n8n stored for a binary property (filesystem mode). */
const storedFile = (binary: Json): Buffer => storedBinary(n8n.home, String(binary.id));

/** Runs a workflow under GNU time; resolves the run and the peak RSS of the n8n process in MB. */
async function measured(workflowId: string) {
	const rssFile = `${n8n.home}/rss.txt`;
	const run = await n8n.execute(workflowId, ['/usr/bin/time', '-f', '%M', '-o', rssFile]);
	const peakMb = peakRssMb(rssFile);
	return { run, peakMb };
}

const e2e = e2eFixture();

beforeAll(async () => {
	const bytes = randomBytes(SIZE);
	let demo;
	({ sandbox, demo, demoApp } = await e2e.startSandbox());
	apiToken = await createApiToken(sandbox, demo, 'large-downloads');
	const upload = () =>
		sandbox.api('POST', '/attachments', {
			headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/octet-stream', filename: 'quarterly-scan.bin' },
			body: bytes,
		});
	// Setup only: fetch's first 100 MB request to the sandbox's process fails with EPIPE here now and then; a second
	// one goes through (the sandbox logs neither the failed one nor a partial upload).
	const uploaded = await upload().catch(upload);
	attachment = { id: String(((await uploaded.json()) as Json).id), sha1: sha1(bytes) };
	await sandbox.exportPadding(SIZE);

	n8n = await e2e.startN8n([apiTokenCredential(CREDENTIAL, sandbox.apiUrl, apiToken)]);
	await n8n.importWorkflows([
		chain('wfLargeDownFloor', 'Metadata only (the floor)', [
			thinkeo('Thinkeo', CREDENTIAL, { resource: 'attachment', operation: 'getMetadata', attachmentId: byId(attachment.id) }),
		]),
		chain('wfLargeDownload1', 'Download 100 MB', [
			thinkeo('Thinkeo', CREDENTIAL, { resource: 'attachment', operation: 'download', attachmentId: byId(attachment.id) }),
		]),
		chain('wfLargeExport001', 'Export 100 MB', [
			thinkeo('Thinkeo', CREDENTIAL, { resource: 'app', operation: 'exportVersion', appId: byId(demoApp.id), version: 'latest' }),
		]),
		chain('wfEndlessDownld1', 'Download an endless body, at most 1 MB', [
			thinkeo('Thinkeo', CREDENTIAL, { resource: 'attachment', operation: 'download', attachmentId: byId(attachment.id), options: { maxDownloadSizeMb: 1 } }),
		]),
		chain('wfTooLargeExprt1', 'Export announced at 50 MB, at most 5 MB', [
			thinkeo('Thinkeo', CREDENTIAL, { resource: 'app', operation: 'exportVersion', appId: byId(demoApp.id), version: 'latest', options: { maxDownloadSizeMb: 5 } }),
		]),
	]);
	const floor = await measured('wfLargeDownFloor');
	expect(floor.run.code).toBe(0);
	floorMb = floor.peakMb;
}, 600_000);

it('Attachment → Download streams 100 MB into the binary store: same bytes and name, never the whole file in memory', async () => {
	await sandbox.clearRequests();
	const { run, peakMb } = await measured('wfLargeDownload1');
	expect(run.code).toBe(0);
	const [item] = run.output('Thinkeo');
	expect(item.json).toEqual({ id: attachment.id, fileName: 'quarterly-scan.bin', mimeType: 'application/octet-stream', fileSize: SIZE });
	expect(item.binary?.data).toMatchObject({ fileName: 'quarterly-scan.bin', mimeType: 'application/octet-stream' });
	expect(sha1(storedFile(item.binary!.data as Json))).toBe(attachment.sha1);
	expect(peakMb).toBeLessThanOrEqual(floorMb + RSS_MARGIN_MB);
	// One request: the name came with the file (Content-Disposition), so no metadata lookup.
	expect((await sandbox.requests()).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
		`GET /attachments/${attachment.id} 200`,
	]);
});

it('App → Export Version streams a 100 MB export the same way', async () => {
	const exported = await sandbox.api('GET', `/apps/${demoApp.id}/versions/latest/export`, {
		headers: { authorization: `Bearer ${apiToken}` },
	});
	const expected = Buffer.from(await exported.arrayBuffer());
	expect(expected.length).toBeGreaterThan(SIZE);
	const { run, peakMb } = await measured('wfLargeExport001');
	expect(run.code).toBe(0);
	const [item] = run.output('Thinkeo');
	expect(item.json).toMatchObject({ fileName: expect.stringMatching(/\.thinkeo\.json$/), mimeType: 'application/json', fileSize: expected.length });
	expect(sha1(storedFile(item.binary!.data as Json))).toBe(sha1(expected));
	expect(peakMb).toBeLessThanOrEqual(floorMb + RSS_MARGIN_MB);
});

describe('the Max Download Size', () => {
	const MB = 1024 * 1024;
	/** Runs a workflow; resolves it and the files n8n stored during it (complete or half-written). */
	async function executeAndListStored(workflowId: string) {
		const before = new Set(storedFiles(n8n.home).map((file) => file.path));
		const run = await n8n.execute(workflowId);
		return { run, stored: storedFiles(n8n.home).filter((file) => !before.has(file.path)) };
	}

	it('stops an endless body at the limit: an error naming the file and the limit, the connection closed, nothing kept', async () => {
		await sandbox.clearRequests();
		await sandbox.fault({ status: 200, method: 'GET', path: `/attachments/${attachment.id}`, streamBytes: 300 * MB, headers: { 'content-disposition': 'attachment; filename="endless.bin"' } });
		const { run, stored } = await executeAndListStored('wfEndlessDownld1');
		expect(run.code).not.toBe(0);
		expect(run.error?.message).toBe('Stopped downloading the attachment: the file "endless.bin" is larger than the Max Download Size of 1 MB');
		const [streamed] = await sandbox.requests({ method: 'GET', path: `/attachments/${attachment.id}` });
		// The node hung up a few MB (socket buffers) past the limit, far before the 300 MB end.
		expect(streamed).toMatchObject({ clientClosed: true });
		expect(streamed.bytesSent).toBeLessThan(64 * MB);
		// The item failed: n8n 2.x keeps nothing of it, not even the first MB (1.x leaves what it wrote, at most the
		// limit, to the execution's clean-up).
		if (n8n.major >= 2) expect(stored).toEqual([]);
		else expect(stored.filter((file) => file.size > MB)).toEqual([]);
	});

	it('does not read a body whose Content-Length is above the limit', async () => {
		await sandbox.clearRequests();
		const path = `/apps/${demoApp.id}/versions/latest/export`;
		await sandbox.fault({ status: 200, method: 'GET', path, streamBytes: 50 * MB, headers: { 'content-length': String(50 * MB), 'content-type': 'application/json' } });
		const { run, stored } = await executeAndListStored('wfTooLargeExprt1');
		expect(run.code).not.toBe(0);
		expect(run.error?.message).toMatch(/^Stopped downloading the App export: the file "app-[0-9a-f-]+-latest\.thinkeo\.json" is larger than the Max Download Size of 5 MB$/);
		expect(run.error?.description).toContain(`Thinkeo announced ${50 * MB} bytes (Content-Length), so it was not read`);
		const [streamed] = await sandbox.requests({ method: 'GET', path });
		expect(streamed).toMatchObject({ clientClosed: true });
		expect(stored).toEqual([]);
	});
});
