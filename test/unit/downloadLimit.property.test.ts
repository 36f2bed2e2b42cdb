/**
 * The Max Download Size (storeDownload in io/download.ts), for random bodies: any chunking, any limit, a
 * Content-Length that is missing, true or a lie either way. A body within the limit is stored whole and unchanged; a
 * larger one fails with the error naming the file and the limit, its stream destroyed, and nothing stored; a
 * Content-Length above the limit fails before a byte is read.
 */
import fc from 'fast-check';
import type { IExecuteSingleFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { maxDownloadBytes, maxDownloadMs, storeDownload } from '../../nodes/Thinkeo/io/download';
import { bodyStream, readWhole, tricklingBody } from '../support/streams';

function context() {
	const stored: Buffer[] = [];
	const fake = {
		getNode: () => ({ name: 'Thinkeo', type: 'n8n-nodes-thinkeo.thinkeo', typeVersion: 1, parameters: {} }),
		helpers: {
			prepareBinaryData: async (data: Buffer, fileName?: string, mimeType?: string) => {
				const bytes = await readWhole(data);
				stored.push(bytes);
				return { data: bytes.toString('base64'), fileName, mimeType: mimeType ?? 'application/octet-stream' };
			},
		},
	};
	return { context: fake as unknown as IExecuteSingleFunctions, stored };
}

const announcements = ['none', 'true', 'lower', 'higher'] as const;

function announced(kind: (typeof announcements)[number], total: number): Record<string, string> {
	if (kind === 'none') return {};
	const length = { true: total, lower: Math.floor(total / 2), higher: total * 2 + 1 }[kind];
	return { 'content-length': String(length) };
}

it('stores a body within the limit whole, and stops any larger one with nothing kept', async () => {
	await fc.assert(
		fc.asyncProperty(
			fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 30 }),
			fc.integer({ min: 1, max: 60_000 }),
			fc.constantFrom(...announcements),
			async (parts, maxBytes, announcement) => {
				const chunks = parts.map((part) => Buffer.from(part));
				const body = Buffer.concat(chunks);
				const headers: Record<string, string> = { 'content-disposition': 'attachment; filename="report.docx"', ...announced(announcement, body.length) };
				const { stream, state } = bodyStream(chunks);
				const { context: fake, stored } = context();
				const response = { statusCode: 200, statusMessage: 'OK', headers, body: stream } as unknown as IN8nHttpFullResponse;
				const download = storeDownload.call(fake, response, { step: 'downloading the file', maxBytes, maxMs: 60_000 }, async () => undefined);
				const limit = `${Number((maxBytes / (1024 * 1024)).toFixed(2))} MB`;
				const headerLength = Number(headers['content-length']);
				if (headerLength > maxBytes) {
					await expect(download).rejects.toMatchObject({
						message: `Stopped downloading the file: the file "report.docx" is larger than the Max Download Size of ${limit}`,
						description: expect.stringContaining(`Thinkeo announced ${headerLength} bytes (Content-Length)`),
					});
					expect(state).toEqual({ read: 0, destroyed: true });
					expect(stored).toEqual([]);
				} else if (body.length > maxBytes) {
					await expect(download).rejects.toMatchObject({
						message: `Stopped downloading the file: the file "report.docx" is larger than the Max Download Size of ${limit}`,
						description: expect.stringContaining('The download was stopped'),
					});
					expect(state.destroyed).toBe(true);
					expect(stored).toEqual([]);
				} else {
					const file = await download;
					expect(stored).toEqual([body]);
					expect(file).toMatchObject({ fileName: 'report.docx', fileSize: body.length });
				}
			},
		),
		{ numRuns: 1500 },
	);
});

it('reads the option as MB, and refuses, naming it, a value an expression made that is not a size', () => {
	const { context: fake } = context();
	expect(maxDownloadBytes.call(fake, 512)).toBe(512 * 1024 * 1024);
	expect(maxDownloadBytes.call(fake, '2')).toBe(2 * 1024 * 1024);
	expect(maxDownloadBytes.call(fake, 0.5)).toBe(512 * 1024);
	for (const value of [0, -1, Number.NaN, 'abc', '', null, undefined, {}]) {
		expect(() => maxDownloadBytes.call(fake, value)).toThrow(/^Max Download Size \(MB\): .* is not a size above 0$/);
	}
});

it('reads Max Download Time as seconds, and refuses, naming it, a value that is not a time', () => {
	const { context: fake } = context();
	expect(maxDownloadMs.call(fake, 600)).toBe(600_000);
	expect(maxDownloadMs.call(fake, '0.5')).toBe(500);
	for (const value of [0, -1, Number.NaN, 'abc', '', null, undefined, {}]) {
		expect(() => maxDownloadMs.call(fake, value)).toThrow(/^Max Download Time \(Seconds\): .* is not a time above 0$/);
	}
});

// Review of issue 19, item 7: a body sending a byte every 2 s never hit the socket's idle timeout and never ended.
it('stops a body still arriving at Max Download Time, at the deadline, and keeps one that ends before it', async () => {
	await fc.assert(
		fc.asyncProperty(
			fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 10 }),
			fc.integer({ min: 40, max: 100 }),
			fc.boolean(),
			async (delays, maxMs, endless) => {
				const { stream, state } = tricklingBody(delays, { endless });
				const { context: fake, stored } = context();
				const response = { statusCode: 200, statusMessage: 'OK', headers: { 'content-disposition': 'attachment; filename="slow.bin"' }, body: stream } as unknown as IN8nHttpFullResponse;
				const started = Date.now();
				const outcome = await storeDownload
					.call(fake, response, { step: 'downloading the file', maxBytes: 1024 * 1024, maxMs }, async () => undefined)
					.then((file) => ({ file }), (error: Error) => ({ error }));
				const elapsed = Date.now() - started;
				const total = delays.reduce((sum, delay) => sum + delay, 0);
				// Timers on a busy machine run late: only a body far from the deadline has one outcome.
				if (endless || total > 3 * maxMs) expect(outcome).toHaveProperty('error');
				if (!endless && total < maxMs / 4) expect(outcome).toHaveProperty('file');
				if ('error' in outcome) {
					expect(outcome.error.message).toBe(`Stopped downloading the file: the file "slow.bin" took longer than the Max Download Time of ${maxMs / 1000} s`);
					expect(elapsed).toBeGreaterThanOrEqual(maxMs - 5);
					expect(elapsed).toBeLessThan(maxMs + 1000);
					expect(state.destroyed).toBe(true);
					expect(stored).toEqual([]);
				} else {
					expect(stored).toEqual([Buffer.from('x'.repeat(delays.length))]);
					expect(outcome.file.fileSize).toBe(delays.length);
				}
			},
		),
		{ numRuns: 60 },
	);
});
