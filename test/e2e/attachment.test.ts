/**
 * Attachments inside a real n8n 2.41.1 against the Thinkeo sandbox: upload a file, download it by the upload's URL,
 * upload the downloaded binary again and compare the bytes through their SHA-1; read the metadata; list the
 * attachments of a publication that links to the file.
 */
import { createHash } from 'crypto';

import type { Sandbox } from '../support/e2e';
import { e2eFixture, emailPasswordCredential } from '../support/e2e';
import type { N8n } from '../support/n8n';
import { byId, chain, createPublication, file, thinkeo } from '../support/workflows';

jest.setTimeout(240_000);

let sandbox: Sandbox;
let n8n: N8n;

const CREDENTIAL = { id: 'thinkeoAttach001', name: 'Thinkeo attachments' };
const FILE_NAME = 'Quarterly report (draft).pdf';
const MIME_TYPE = 'application/pdf';
// Bytes that are not valid UTF-8 (0xff, 0x80) and contain NUL and CR/LF, so any text re-encoding would show.
const FILE_BYTES = Buffer.concat([
	Buffer.from('%PDF-1.7\n'),
	Buffer.from([0x00, 0xff, 0x80, 0x7f, 0x0d, 0x0a, 0xe2, 0x82]),
	Buffer.alloc(4096, 0xa5),
]);
const sha1 = (data: Buffer) => createHash('sha1').update(data).digest();

/** The round-trip workflow runs once; both tests read that run. */
let roundTrip: ReturnType<N8n['execute']> | undefined;
const runRoundTrip = () => (roundTrip ??= sandbox.clearRequests().then(() => n8n.execute('wfAttachmentRt01')));

const e2e = e2eFixture();

beforeAll(async () => {
	const setup = await e2e.start(({ sandbox: started, demo }) => [
		emailPasswordCredential(CREDENTIAL, started.apiUrl, demo, 'n8n e2e attachments'),
	]);
	({ sandbox, n8n } = setup);
	const app = setup.demoApp;
	const node = (name: string, parameters: Record<string, unknown>) =>
		thinkeo(name, CREDENTIAL, { resource: 'attachment', ...parameters });
	await n8n.importWorkflows([
		chain('wfAttachmentRt01', 'Attachment round trip', [
			...file(FILE_BYTES, FILE_NAME, MIME_TYPE),
			node('Upload', { operation: 'upload', binaryPropertyName: 'data' }),
			// By URL: the upload's `url` as it is.
			node('Download', {
				operation: 'download',
				attachmentId: { __rl: true, mode: 'url', value: '={{ $json.url }}' },
				binaryPropertyName: 'file',
			}),
			node('Upload Again', { operation: 'upload', binaryPropertyName: 'file' }),
			node('Get Metadata', { operation: 'getMetadata', attachmentId: byId("={{ $('Upload').first().json.id }}") }),
			thinkeo(
				'Publish',
				CREDENTIAL,
				createPublication(app.id, `={{ JSON.stringify({ "${app.attributes.appendix.id}": [$('Upload').first().json.url] }) }}`),
			),
			thinkeo('Publication Attachments', CREDENTIAL, {
				resource: 'publication',
				operation: 'getAttachments',
				publicationId: byId('={{ $json.publicationId }}'),
				returnAll: true,
			}),
		]),
	]);
}, 300_000);

describe('attachment', () => {
	it('downloads an upload with its file name and MIME type, and uploading it again sends the same bytes', async () => {
		const run = await runRoundTrip();
		expect(run.error).toBeUndefined();
		expect(run.code).toBe(0);

		const [first] = run.output('Upload');
		const [second] = run.output('Upload Again');
		const expectedSha1 = [...sha1(FILE_BYTES)];
		expect(first.json.sha1).toEqual(expectedSha1);
		expect(second.json.sha1).toEqual(expectedSha1);
		expect(second.json.id).not.toBe(first.json.id);
		expect(second.json.filename).toBe(FILE_NAME);

		const uploads = await sandbox.requests({ method: 'POST', path: '/attachments' });
		expect(uploads.map((upload) => upload.bodySha1)).toEqual([sha1(FILE_BYTES).toString('hex'), sha1(FILE_BYTES).toString('hex')]);
		for (const upload of uploads) {
			expect(upload.headers).toMatchObject({ 'content-type': MIME_TYPE, filename: FILE_NAME });
		}

		const [download] = run.output('Download');
		expect(download.json).toEqual({ id: first.json.id, fileName: FILE_NAME, mimeType: MIME_TYPE, fileSize: FILE_BYTES.length });
		expect(download.binary?.file).toMatchObject({ fileName: FILE_NAME, mimeType: MIME_TYPE });
		expect(JSON.stringify(download.json)).not.toContain(FILE_BYTES.subarray(0, 64).toString('base64'));
		const downloads = await sandbox.requests({ method: 'GET', path: `/attachments/${String(first.json.id)}` });
		expect(downloads.map((request) => request.status)).toEqual([200]);

		expect(run.output('Get Metadata')[0].json).toMatchObject({
			id: first.json.id,
			url: first.json.url,
			filename: FILE_NAME,
			sha1: expectedSha1,
			mimeType: MIME_TYPE,
			size: FILE_BYTES.length,
		});
	});

	it('lists the attachment among the files of a publication that links to it', async () => {
		const run = await runRoundTrip();
		expect(run.code).toBe(0);
		const [first] = run.output('Upload');
		expect(run.output('Publication Attachments').map((item) => item.json)).toEqual([
			{ id: first.json.id, url: first.json.url, filename: FILE_NAME, sha1: [...sha1(FILE_BYTES)] },
		]);
	});
});
