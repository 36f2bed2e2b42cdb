/**
 * Uploads above the streaming threshold, in a real n8n: the file goes from n8n's binary store to Thinkeo as a
 * stream with its exact length and bytes, and a revoked token is renewed before the stream starts.
 */
import { STREAM_UPLOAD_BYTES } from '../../nodes/Thinkeo/io/binary';
import type { Sandbox } from '../support/e2e';
import { e2eFixture, emailPasswordCredential } from '../support/e2e';
import { randomFile } from '../support/files';
import type { N8n } from '../support/n8n';
import { chain, thinkeo } from '../support/workflows';

jest.setTimeout(240_000);

const SIZE = STREAM_UPLOAD_BYTES + 8 * 1024 * 1024;
const CREDENTIAL = { id: 'thinkeoLarge0001', name: 'Thinkeo large uploads' };

let sandbox: Sandbox;
let n8n: N8n;
let file: ReturnType<typeof randomFile>;

const e2e = e2eFixture();

beforeAll(async () => {
	({ sandbox, n8n } = await e2e.start((setup) => [emailPasswordCredential(CREDENTIAL, setup.sandbox.apiUrl, setup.demo, 'n8n e2e')]));
	file = randomFile(SIZE, 'large-scan.bin');
	n8n.allowFileAccess(file.dir);
	await n8n.importWorkflows([
		chain('wfLargeUpload001', 'Large upload', [
			{ name: 'Read File', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1.1, parameters: { operation: 'read', fileSelector: file.path, options: {} } },
			thinkeo('Upload', CREDENTIAL, { resource: 'attachment', operation: 'upload', binaryPropertyName: 'data' }),
		]),
	]);
}, 300_000);

afterAll(async () => {
	file?.remove();
});

async function upload() {
	await sandbox.clearRequests();
	const run = await n8n.execute('wfLargeUpload001');
	const requests = await sandbox.requests();
	return { run, requests, uploads: requests.filter((r) => r.method === 'POST' && r.path === '/attachments') };
}

it('streams the exact bytes with their length', async () => {
	const { run, uploads } = await upload();
	expect(run.code).toBe(0);
	const [item] = run.output('Upload');
	expect(item.json.filename).toBe('large-scan.bin');
	expect(Buffer.from(item.json.sha1 as number[]).toString('hex')).toBe(file.sha1);
	expect(uploads).toHaveLength(1);
	expect(uploads[0]).toMatchObject({ status: 200, bodyBytes: SIZE, bodySha1: file.sha1 });
	expect(uploads[0].headers['content-length']).toBe(String(SIZE));
});

it('renews a revoked token before the stream starts, so the upload still succeeds', async () => {
	expect((await upload()).run.code).toBe(0); // the credential now holds a token
	await sandbox.revokeTokens();
	const { run, requests, uploads } = await upload();
	expect(run.code).toBe(0);
	// The node's check, then the credential's own check of that token before it creates a new one; n8n 1.x answers
	// the node's check with its 401 instead of renewing, so the node sends it again through the renewal.
	const rejectedChecks: string[] = Array(n8n.major === 1 ? 3 : 2).fill('GET /teams bearer 401');
	expect(requests.map((r) => `${r.method} ${r.path} ${r.auth.scheme} ${r.status}`)).toEqual([
		...rejectedChecks,
		'GET /teams basic 200',
		'POST /tokens basic 200',
		'GET /teams bearer 200',
		'POST /attachments bearer 200',
	]);
	expect(uploads[0].bodySha1).toBe(file.sha1);
});
