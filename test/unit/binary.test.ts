import type { IHttpRequestOptions } from 'n8n-workflow';
import fc from 'fast-check';

import { describeRawUpload, sendBinaryAsRawBody, STREAM_UPLOAD_BYTES, uploadAttachment } from '../../nodes/Thinkeo/io/binary';
import type { FakeItemOptions } from './fakeItemContext';
import { errorOf, fakeItemContext } from './fakeItemContext';

const PDF = Buffer.from('%PDF-1.7 body');
const REQUEST: IHttpRequestOptions = { method: 'POST', url: '/attachments', headers: { Accept: 'application/json' } };

function upload(parameters: Record<string, unknown>, binary: FakeItemOptions['binary'], answer?: FakeItemOptions['answer']) {
	return fakeItemContext({ parameters: { binaryPropertyName: 'data', ...parameters }, binary, answer });
}

/** The bytes the `filename` header carries, one per character, as Node.js writes a header. */
const headerBytes = (value: string) => Buffer.from(value, 'latin1');

describe('io/binary: Attachment → Upload', () => {
	it('sends the bytes as the raw body, with their MIME type and name, keeping the other headers', async () => {
		const { context, requests } = upload({}, { data: { bytes: PDF, fileName: 'brief.pdf', mimeType: 'application/pdf' } });
		const sent = await sendBinaryAsRawBody.call(context, REQUEST);
		expect(sent).toEqual({
			...REQUEST,
			body: PDF,
			headers: { Accept: 'application/json', 'Content-Type': 'application/pdf', filename: 'brief.pdf' },
		});
		expect(requests).toEqual([]);
	});

	it('uses the File Name and MIME Type options over the binary data, and generic ones when neither is known', async () => {
		const named = upload({ 'options.fileName': 'renamed.txt', 'options.mimeType': 'text/plain' }, { data: { bytes: PDF, fileName: 'a.pdf', mimeType: 'application/pdf' } });
		expect((await sendBinaryAsRawBody.call(named.context, REQUEST)).headers).toMatchObject({ 'Content-Type': 'text/plain', filename: 'renamed.txt' });
		const anonymous = upload({}, { data: { bytes: PDF } });
		expect((await sendBinaryAsRawBody.call(anonymous.context, REQUEST)).headers).toMatchObject({ 'Content-Type': 'application/octet-stream', filename: 'file' });
	});

	it('sends a name as its UTF-8 bytes, as Thinkeo documents the filename header', async () => {
		const { context } = upload({}, { data: { bytes: PDF, fileName: 'résumé 报告.pdf' } });
		const { filename } = (await sendBinaryAsRawBody.call(context, REQUEST)).headers as { filename: string };
		expect(headerBytes(filename)).toEqual(Buffer.from('résumé 报告.pdf', 'utf8'));
	});

	it('carries any file name through the header byte for byte, with no character n8n would drop', async () => {
		await fc.assert(
			fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), async (fileName) => {
				const { context } = upload({}, { data: { bytes: PDF, fileName } });
				const { filename } = (await sendBinaryAsRawBody.call(context, REQUEST)).headers as { filename: string };
				expect([...filename].every((character) => character.charCodeAt(0) <= 0xff)).toBe(true);
				expect(headerBytes(filename).toString('utf8')).toBe(fileName);
			}),
			{ numRuns: 200 },
		);
	});

	it('refuses an empty Input Binary Field before anything is sent', async () => {
		const { context, requests } = upload({ binaryPropertyName: '  ' }, { data: { bytes: PDF } });
		expect((await errorOf(async () => await sendBinaryAsRawBody.call(context, REQUEST))).message).toBe('Input Binary Field: no field name given');
		expect(requests).toEqual([]);
	});

	it('names the field and lists the binary fields the item has when the one asked for is missing', async () => {
		const { context } = upload({ binaryPropertyName: 'file' }, { data: { bytes: PDF }, scan: { bytes: PDF } });
		const error = await errorOf(async () => await sendBinaryAsRawBody.call(context, REQUEST));
		expect(error.message).toBe('Input Binary Field: the input item has no binary field "file"');
		expect(error.description).toBe('Its binary fields are: data, scan. Put one of them in Input Binary Field.');
	});

	it('says so when the item has no binary data at all', async () => {
		const { context } = upload({}, undefined);
		const error = await errorOf(async () => await sendBinaryAsRawBody.call(context, REQUEST));
		expect(error.message).toBe('Input Binary Field: the input item has no binary field "data"');
		expect(error.description).toBe('It has no binary data at all: add a node before this one that reads or downloads the file.');
	});

	it('streams a file above the streaming size from n8n\'s store, with its length, after checking the token', async () => {
		const size = STREAM_UPLOAD_BYTES + 1;
		const { context, requests } = upload({}, { data: { storedSize: size, fileName: 'big.bin' } });
		const sent = await sendBinaryAsRawBody.call(context, REQUEST);
		expect(Buffer.isBuffer(sent.body)).toBe(false);
		expect(typeof (sent.body as NodeJS.ReadableStream).pipe).toBe('function');
		expect(sent.headers).toMatchObject({ 'Content-Length': size, filename: 'big.bin' });
		// A stream cannot be sent twice: the token is checked (and renewed if need be) first.
		expect(requests.map(({ method, url }) => `${method} ${url}`)).toEqual(['GET /teams']);
	});

	it('reads a stored file at the streaming size whole, as a Buffer that can be sent again', async () => {
		const { context, requests } = upload({}, { data: { storedSize: STREAM_UPLOAD_BYTES, bytes: PDF } });
		expect((await sendBinaryAsRawBody.call(context, REQUEST)).body).toEqual(PDF);
		expect(requests).toEqual([]);
	});

	it('describes what it sent, for the hints of a refused upload: size and content type', async () => {
		const inItem = upload({ 'options.mimeType': 'image/png' }, { data: { bytes: PDF, mimeType: 'application/pdf' } });
		expect(await describeRawUpload.call(inItem.context)).toEqual({ bodyBytes: PDF.length, contentType: 'image/png' });
		const stored = upload({}, { data: { storedSize: 123_456_789, mimeType: 'video/mp4' } });
		expect(await describeRawUpload.call(stored.context)).toEqual({ bodyBytes: 123_456_789, contentType: 'video/mp4' });
	});
});

describe('io/binary: upload as a step of another operation', () => {
	it('posts the binary field raw to /attachments and returns Thinkeo\'s answer', async () => {
		const attachment = { id: 'a1', url: 'http://thinkeo.test/v1/attachments/a1', filename: 'x.pdf' };
		const { context, requests } = upload({}, { report: { bytes: PDF, fileName: 'x.pdf', mimeType: 'application/pdf' } }, () => ({ body: attachment }));
		expect(await uploadAttachment.call(context, 'report')).toEqual(attachment);
		expect(requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				url: '/attachments',
				baseURL: 'http://thinkeo.test/v1',
				body: PDF,
				json: false,
				headers: expect.objectContaining({ 'Content-Type': 'application/pdf', filename: 'x.pdf' }),
			}),
		]);
	});

	it('fails naming the binary field when Thinkeo refuses the upload', async () => {
		const { context } = upload({}, { report: { bytes: PDF } }, () => ({ statusCode: 413, body: { message: 'too large' } }));
		expect((await errorOf(async () => await uploadAttachment.call(context, 'report'))).message).toContain('binary field "report"');
	});
});
