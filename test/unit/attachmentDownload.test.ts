import type { IExecuteSingleFunctions, IHttpRequestOptions, IN8nHttpFullResponse, INodeExecutionData, PostReceiveAction } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { downloadAttachment } from '../../nodes/Thinkeo/resources/attachment/download';
import { n8nHttpHelper } from '../support/redirecting';
import { bodyStream, readWhole, startRecordingServer } from '../support/streams';

const ATTACHMENT_ID = '0192f0a6-5555-7f00-8a00-000000000001';
const BYTES = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
const MB = 1024 * 1024;

type Step = (this: IExecuteSingleFunctions, items: INodeExecutionData[], response: IN8nHttpFullResponse) => Promise<INodeExecutionData[]>;

/** The operation's own postReceive steps (download to binary, then the attachment ID), run as n8n would. */
async function receive(context: IExecuteSingleFunctions, headers: Record<string, string>, body: unknown = BYTES) {
	const response = { body, headers, statusCode: 200, statusMessage: 'OK' } as unknown as IN8nHttpFullResponse;
	let items: INodeExecutionData[] = [{ json: {} }];
	for (const step of downloadAttachment.routing.output?.postReceive as PostReceiveAction[]) {
		items = await (step as Step).call(context, items, response);
	}
	return items;
}

function context(meta: () => Promise<unknown>, options: Record<string, unknown> = {}) {
	const metaRequests: unknown[] = [];
	const stored: Buffer[] = [];
	const parameters: Record<string, unknown> = { attachmentId: ATTACHMENT_ID, binaryPropertyName: 'file', ...options };
	const fake = {
		getNode: () => ({ name: 'Thinkeo', type: 'n8n-nodes-thinkeo.thinkeo', typeVersion: 1, parameters: {} }),
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getCredentials: async () => ({ baseUrl: 'http://thinkeo.test/v1/' }),
		helpers: {
			// Follow-up requests ask n8n for the full response, to read its status.
			httpRequestWithAuthentication: async (_credential: string, options: unknown) => {
				metaRequests.push(options);
				return { statusCode: 200, headers: {}, body: await meta() };
			},
			// As n8n-core's: the body read whole (a failed read keeps nothing), the name split like path.parse splits it.
			prepareBinaryData: async (data: Buffer, fileName?: string, mimeType?: string) => {
				const bytes = await readWhole(data);
				stored.push(bytes);
				const slash = fileName?.lastIndexOf('/') ?? -1;
				return {
					data: bytes.toString('base64'),
					fileName: fileName?.slice(slash + 1),
					...(slash > 0 ? { directory: fileName?.slice(0, slash) } : {}),
					mimeType: mimeType ?? 'application/octet-stream',
				};
			},
		},
	};
	return { context: fake as unknown as IExecuteSingleFunctions, metaRequests, stored };
}

describe('attachment download', () => {
	it('names the file from Content-Disposition and keeps only small metadata in json', async () => {
		const { context: fake, metaRequests } = context(async () => ({ filename: 'unused.pdf' }));
		const [item] = await receive(fake, {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`,
		});
		expect(item.json).toEqual({ id: ATTACHMENT_ID, fileName: 'résumé.pdf', mimeType: 'application/pdf', fileSize: BYTES.length });
		expect(item.binary?.file).toMatchObject({ fileName: 'résumé.pdf', mimeType: 'application/pdf', data: BYTES.toString('base64') });
		expect(metaRequests).toEqual([]);
	});

	it('falls back to the file name of GET /attachments/{id}/meta without Content-Disposition', async () => {
		const { context: fake, metaRequests } = context(async () => ({ id: ATTACHMENT_ID, filename: 'brief.pdf' }));
		const [item] = await receive(fake, { 'content-type': 'application/pdf; charset=binary' });
		expect(item.json).toEqual({ id: ATTACHMENT_ID, fileName: 'brief.pdf', mimeType: 'application/pdf', fileSize: BYTES.length });
		expect(metaRequests).toEqual([
			expect.objectContaining({ method: 'GET', baseURL: 'http://thinkeo.test/v1', url: `/attachments/${ATTACHMENT_ID}/meta` }),
		]);
	});

	it('still outputs the file, under a generic name, when the metadata call fails', async () => {
		const { context: fake } = context(async () => {
			throw new Error('HTTP 500');
		});
		const [item] = await receive(fake, { 'content-type': 'application/pdf' });
		expect(item.json.fileName).toBe('file');
		expect(item.binary?.file).toMatchObject({ data: BYTES.toString('base64') });
	});

	it.each([
		[`attachment; filename="..\\..\\windows\\evil.exe"`, 'evil.exe'],
		['attachment; filename="../../etc/passwd"', 'passwd'],
		[`attachment; filename*=UTF-8''evil%0D%0Aname%00.txt`, 'evil__name_.txt'],
		['attachment; filename=".bashrc"', 'bashrc'],
		['attachment; filename=".."', 'file'],
	])('stores the name of %s as %j: no path, no control character, no directory', async (disposition, expected) => {
		const { context: fake } = context(async () => ({}));
		const [item] = await receive(fake, { 'content-type': 'application/pdf', 'content-disposition': disposition });
		expect(item.json.fileName).toBe(expected);
		expect(item.binary?.file.fileName).toBe(expected);
		expect(item.binary?.file.directory).toBeUndefined();
	});

	it('bounds a 5,000-character name from Content-Disposition, keeping its extension', async () => {
		const { context: fake } = context(async () => ({}));
		const [item] = await receive(fake, { 'content-disposition': `attachment; filename="${'a'.repeat(5000)}.pdf"` });
		expect(String(item.json.fileName)).toMatch(/^a{190,}\.pdf$/);
		expect(Buffer.byteLength(String(item.json.fileName))).toBeLessThanOrEqual(200);
	});

	it('makes the name from the metadata safe too', async () => {
		const { context: fake } = context(async () => ({ filename: '../../etc/passwd' }));
		const [item] = await receive(fake, { 'content-type': 'text/plain' });
		expect(item.binary?.file).toMatchObject({ fileName: 'passwd' });
		expect(item.binary?.file.directory).toBeUndefined();
	});
});

describe('attachment download, Max Download Size', () => {
	const chunks = (count: number, size = 64 * 1024) => Array.from({ length: count }, () => Buffer.alloc(size, 0x61));

	it('fails before reading when Content-Length announces more than the limit, and drops the body', async () => {
		const { context: fake, stored } = context(async () => ({}), { 'options.maxDownloadSizeMb': 1 });
		const { stream, state } = bodyStream(chunks(100));
		const download = receive(fake, { 'content-length': String(100 * 64 * 1024), 'content-disposition': 'attachment; filename="big.bin"' }, stream);
		await expect(download).rejects.toMatchObject({
			message: 'Stopped downloading the attachment: the file "big.bin" is larger than the Max Download Size of 1 MB',
			description: expect.stringContaining('Thinkeo announced 6553600 bytes (Content-Length)'),
		});
		expect(state).toEqual({ read: 0, destroyed: true });
		expect(stored).toEqual([]);
	});

	it('stops a body without Content-Length once past the limit: the stream is destroyed and nothing is stored', async () => {
		const { context: fake, stored } = context(async () => ({}), { 'options.maxDownloadSizeMb': 1 });
		const { stream, state } = bodyStream(chunks(100));
		const download = receive(fake, { 'content-disposition': 'attachment; filename="endless.bin"' }, stream);
		await expect(download).rejects.toMatchObject({
			message: 'Stopped downloading the attachment: the file "endless.bin" is larger than the Max Download Size of 1 MB',
			description: expect.stringContaining('The download was stopped after 1 MB'),
		});
		expect(state.destroyed).toBe(true);
		// 16 chunks are the limit; the 17th passes it. A few more may sit in the stream's buffer, never all 100.
		expect(state.read).toBeGreaterThanOrEqual(17);
		expect(state.read).toBeLessThan(25);
		expect(stored).toEqual([]);
	});

	it('keeps a file of exactly the limit, and a larger one under the 512 MB default', async () => {
		const exact = context(async () => ({}), { 'options.maxDownloadSizeMb': 1 });
		const [item] = await receive(exact.context, { 'content-length': String(MB) }, bodyStream(chunks(16)).stream);
		expect(item.json.fileSize).toBe(MB);
		const byDefault = context(async () => ({}));
		const [large] = await receive(byDefault.context, {}, bodyStream(chunks(40)).stream);
		expect(large.json.fileSize).toBe(40 * 64 * 1024);
	});

	it('refuses a buffered body above the limit too', async () => {
		const { context: fake } = context(async () => ({}), { 'options.maxDownloadSizeMb': 1 });
		await expect(receive(fake, {}, Buffer.alloc(MB + 1))).rejects.toThrow('is larger than the Max Download Size of 1 MB');
	});

	it('closes the connection of an endless body read through n8n-core’s request helper', async () => {
		const server = await startRecordingServer(() => ({ headers: { 'content-type': 'application/octet-stream' }, endless: true, body: Buffer.alloc(0) }));
		try {
			const request: IHttpRequestOptions = { method: 'GET', url: `${server.url}/v1/attachments/${ATTACHMENT_ID}`, encoding: 'stream', json: false, returnFullResponse: true };
			const response = (await n8nHttpHelper.helpers.httpRequest(request)) as IN8nHttpFullResponse;
			const { context: fake, stored } = context(async () => ({ filename: 'endless.bin' }), { 'options.maxDownloadSizeMb': 2 });
			let items: INodeExecutionData[] = [{ json: {} }];
			const download = (async () => {
				for (const step of downloadAttachment.routing.output?.postReceive as PostReceiveAction[]) {
					items = await (step as Step).call(fake, items, response);
				}
			})();
			await expect(download).rejects.toThrow('the file "endless.bin" is larger than the Max Download Size of 2 MB');
			for (let waited = 0; !server.endless.closed && waited < 5000; waited += 50) await sleep(50);
			// The node hung up, a few MB of socket buffers past the limit, long before the server would have ended.
			expect(server.endless.closed).toBe(true);
			expect(server.endless.sent).toBeLessThan(32 * MB);
			expect(stored).toEqual([]);
		} finally {
			await server.close();
		}
	});
});

// Review of issue 19, item 7: a body sending a byte every 2 s kept Attachment → Download running past 60 s.
describe('attachment download, Max Download Time', () => {
	it('stops a body that trickles at the deadline and closes its connection', async () => {
		const server = await startRecordingServer(() => ({ headers: { 'content-type': 'application/octet-stream' }, endless: true, trickleMs: 50, body: Buffer.alloc(0) }));
		try {
			const request: IHttpRequestOptions = { method: 'GET', url: `${server.url}/v1/attachments/${ATTACHMENT_ID}`, encoding: 'stream', json: false, returnFullResponse: true };
			const response = (await n8nHttpHelper.helpers.httpRequest(request)) as IN8nHttpFullResponse;
			const { context: fake, stored } = context(async () => ({ filename: 'slow.bin' }), { 'options.maxDownloadTimeSeconds': 0.5 });
			let items: INodeExecutionData[] = [{ json: {} }];
			const started = Date.now();
			const download = (async () => {
				for (const step of downloadAttachment.routing.output?.postReceive as PostReceiveAction[]) {
					items = await (step as Step).call(fake, items, response);
				}
			})();
			await expect(download).rejects.toMatchObject({
				message: 'Stopped downloading the attachment: the file "slow.bin" took longer than the Max Download Time of 0.5 s',
				description: expect.stringContaining('raise Max Download Time (Seconds)'),
			});
			expect(Date.now() - started).toBeLessThan(3000);
			for (let waited = 0; !server.endless.closed && waited < 3000; waited += 50) await sleep(50);
			expect(server.endless.closed).toBe(true);
			expect(server.endless.sent).toBeGreaterThan(0);
			expect(stored).toEqual([]);
		} finally {
			await server.close();
		}
	});

	it('bounds the wait for the file name too: a metadata lookup that never ends stops at the deadline', async () => {
		const { context: fake, stored } = context(async () => await new Promise(() => undefined), { 'options.maxDownloadTimeSeconds': 0.3 });
		const { stream, state } = bodyStream([BYTES]);
		const started = Date.now();
		await expect(receive(fake, { 'content-type': 'application/pdf' }, stream)).rejects.toThrow(
			'Stopped downloading the attachment: the file "file" took longer than the Max Download Time of 0.3 s',
		);
		expect(Date.now() - started).toBeLessThan(3000);
		expect(state.destroyed).toBe(true);
		expect(stored).toEqual([]);
	});

	it('refuses, naming it, a Max Download Time that is not a time', async () => {
		const { context: fake } = context(async () => ({}), { 'options.maxDownloadTimeSeconds': 'soon' });
		await expect(receive(fake, {})).rejects.toThrow('Max Download Time (Seconds): "soon" is not a time above 0');
	});
});

