import type {
	IBinaryData,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeProperties,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { header } from '../transport/apiMessage';
import { thinkeoError } from '../transport/errors';
import { thinkeoRequest } from '../transport/request';
import { isStreamBody } from '../transport/stream';
import { safeFileName } from './fileName';

type DownloadContext = IExecuteSingleFunctions | IPollFunctions;

/** A file downloaded into n8n's binary store, with the name, MIME type and size it was stored with. */
export interface DownloadedFile {
	binary: IBinaryData;
	fileName: string;
	mimeType: string;
	fileSize: number;
}

const BYTES_PER_MB = 1024 * 1024;

/**
 * Max Download Size's default. Thinkeo documents no size for its files; Word, PowerPoint and image outputs are a few
 * MB, App exports tens, so 512 MB stops only a runaway body, before it fills n8n's disk (or, with binary data kept in
 * memory as n8n 1.x does by default, its memory). It is also the upload limit the sandbox stands for.
 */
export const DEFAULT_MAX_DOWNLOAD_MB = 512;

/** The Max Download Size option, in the Options of every operation that downloads a file and in File Options. */
export const maxDownloadSizeField: INodeProperties = {
	displayName: 'Max Download Size (MB)',
	name: 'maxDownloadSizeMb',
	type: 'number',
	typeOptions: { minValue: 1, numberPrecision: 0 },
	default: DEFAULT_MAX_DOWNLOAD_MB,
	description:
		'The largest file to download, in MB (1 MB = 1,048,576 bytes). A larger file stops with an error as soon as it passes the size, and is not output.',
};

/**
 * Max Download Time's default: 10 minutes, time enough for the 512 MB of Max Download Size at 1 MB/s, and a bound on
 * a body that trickles (a byte now and then keeps the socket's idle timeout from ever firing) holding an execution or
 * a trigger's poll open.
 */
export const DEFAULT_MAX_DOWNLOAD_SECONDS = 600;

/** The Max Download Time option, next to Max Download Size wherever it is. */
export const maxDownloadTimeField: INodeProperties = {
	displayName: 'Max Download Time (Seconds)',
	name: 'maxDownloadTimeSeconds',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_MAX_DOWNLOAD_SECONDS,
	description:
		'The longest a file may take to arrive, in seconds, from Thinkeo’s answer to its last byte. A slower download stops with an error, its connection closed, and is not output.',
};

/** An option's value (an expression can give anything) as a number above 0, else an error naming the option. */
function positiveOption(this: DownloadContext, label: string, value: unknown, what: string, example: string): number {
	const number = typeof value === 'string' && value.trim() ? Number(value) : value;
	if (typeof number === 'number' && Number.isFinite(number) && number > 0) return number;
	const message = `${label}: ${JSON.stringify(value) ?? String(value)} is not a ${what} above 0`;
	throw new NodeApiError(this.getNode(), { message } as JsonObject, { message, description: `Give ${example}.` });
}

/** The limit in bytes from Max Download Size's value (a number of MB above 0). */
export function maxDownloadBytes(this: DownloadContext, megabytes: unknown): number {
	const value = positiveOption.call(this, 'Max Download Size (MB)', megabytes, 'size', `a number of MB, e.g. ${DEFAULT_MAX_DOWNLOAD_MB}`);
	return Math.floor(value * BYTES_PER_MB);
}

/** The limit in milliseconds from Max Download Time's value (a number of seconds above 0). */
export function maxDownloadMs(this: DownloadContext, seconds: unknown): number {
	const value = positiveOption.call(this, 'Max Download Time (Seconds)', seconds, 'time', `a number of seconds, e.g. ${DEFAULT_MAX_DOWNLOAD_SECONDS}`);
	return Math.ceil(value * 1000);
}

/** What a download is, for its errors: the step (e.g. `downloading the attachment`), the size and the time it may take. */
export interface DownloadLimit {
	step: string;
	maxBytes: number;
	maxMs: number;
}

/** File name from a Content-Disposition header: the RFC 6266 `filename*` (UTF-8) form first, then `filename`. */
function fileNameFromContentDisposition(header: unknown): string | undefined {
	const value = Array.isArray(header) ? String(header[0]) : typeof header === 'string' ? header : '';
	const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(value);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			// A malformed percent-encoding falls through to the plain form.
		}
	}
	const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(value);
	const name = (plain?.[1] ?? plain?.[2])?.trim();
	return name || undefined;
}

/** The stored size: `bytes` on n8n 2.x, the store's metadata on 1.x, the inline data when no store keeps files. */
async function storedSize(this: DownloadContext, binary: IBinaryData): Promise<number> {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id) return (await this.helpers.getBinaryMetadata(binary.id)).fileSize;
	return Buffer.byteLength(binary.data, 'base64');
}

const megabytes = (bytes: number) => `${Number((bytes / BYTES_PER_MB).toFixed(2))} MB`;

function tooLargeError(this: DownloadContext, { step, maxBytes }: DownloadLimit, fileName: string, seen: string): NodeApiError {
	const message = `Stopped ${step}: the file "${fileName}" is larger than the Max Download Size of ${megabytes(maxBytes)}`;
	const error = new NodeApiError(this.getNode(), { message } as JsonObject, {
		message,
		description: `${seen}; nothing of the file was kept. If the file is expected to be this large, raise Max Download Size (MB) in the node's options.`,
	});
	// NodeApiError swaps a message naming a Node.js error code (a file could be called "EPERM.txt") for a generic one.
	error.message = message;
	return error;
}

function tooSlowError(this: DownloadContext, { step, maxMs }: DownloadLimit, fileName: string): NodeApiError {
	const message = `Stopped ${step}: the file "${fileName}" took longer than the Max Download Time of ${maxMs / 1000} s`;
	const error = new NodeApiError(this.getNode(), { message } as JsonObject, {
		message,
		description:
			"Thinkeo was still sending it; the connection was closed and nothing of the file was kept. If the file is this large or the connection this slow, raise Max Download Time (Seconds) in the node's options.",
	});
	error.message = message;
	return error;
}

/** Stream operators (Node.js 17.4 and later) make a stream of the body without importing `stream`, which n8n's lint forbids. */
interface MappableStream {
	map(transform: (chunk: Buffer | string) => Buffer | string): unknown;
	destroy(error?: Error): void;
}

/** Drops a download's body unread (a stream is destroyed, which closes the connection). */
function discardBody(response: IN8nHttpFullResponse): void {
	if (isStreamBody(response.body)) (response.body as unknown as MappableStream).destroy();
}

/**
 * The body as a stream that fails with `tooLarge` once more than `maxBytes` have arrived: the stream operator then
 * stops reading and destroys the body, which closes the connection, and the binary store's write fails (n8n 2.x
 * deletes the file it was writing).
 */
function sizeLimited(body: MappableStream, maxBytes: number, tooLarge: Error): unknown {
	let received = 0;
	return body.map((chunk) => {
		received += Buffer.byteLength(chunk);
		if (received > maxBytes) throw tooLarge;
		return chunk;
	});
}

/**
 * Stores a successful download's body in n8n's binary store, as it arrives when the body is a stream: with binary
 * data on disk (filesystem mode, 2.x's default) or in a database or S3, the file never sits in memory whole. Its name
 * comes from Content-Disposition, else `fallbackFileName()` (asked only then: it may cost a request), else "file",
 * made safe (safeFileName: never a path); its MIME type from Content-Type. A body above `limit.maxBytes` (by its
 * Content-Length, before reading, or as it arrives), or still arriving after `limit.maxMs`, stops the download with an
 * error naming the file and the limit.
 */
export async function storeDownload(
	this: DownloadContext,
	response: IN8nHttpFullResponse,
	limit: DownloadLimit,
	fallbackFileName: () => Promise<string | undefined>,
): Promise<DownloadedFile> {
	// The deadline destroys the body itself, which closes the connection and fails the store's read: n8n replaces an
	// abort signal the node passes with the execution's own, and a socket's idle timeout never fires on a trickle. It
	// also bounds the wait for the fallback name (a metadata request that may trickle too). Storing ends the wait
	// (n8n 1.x's sleep takes no signal: its wait then ends on a stream already ended).
	const stored = new AbortController();
	let timedOut = false;
	const deadline = sleep(limit.maxMs, stored.signal).then(
		() => {
			timedOut = true;
			discardBody(response);
			return undefined;
		},
		() => undefined,
	);
	try {
		const fallback = async () => await Promise.race([fallbackFileName(), deadline]);
		return await storeBody.call(this, response, limit, fallback, () => timedOut);
	} finally {
		stored.abort();
	}
}

/** storeDownload's work, `timedOut()` telling whether its deadline has passed (the body then destroyed). */
async function storeBody(
	this: DownloadContext,
	response: IN8nHttpFullResponse,
	limit: DownloadLimit,
	fallbackFileName: () => Promise<string | undefined>,
	timedOut: () => boolean,
): Promise<DownloadedFile> {
	const headerType = String(response.headers['content-type'] ?? '').split(';')[0].trim();
	const fileName = safeFileName(fileNameFromContentDisposition(response.headers['content-disposition']) ?? (await fallbackFileName()) ?? 'file');
	const tooSlow = tooSlowError.call(this, limit, fileName);
	if (timedOut()) throw tooSlow;
	const body = response.body;
	const announced = Number(header(response.headers, 'content-length'));
	if (announced > limit.maxBytes) {
		discardBody(response);
		throw tooLargeError.call(this, limit, fileName, `Thinkeo announced ${announced} bytes (Content-Length), so it was not read`);
	}
	const tooLarge = tooLargeError.call(this, limit, fileName, `The download was stopped after ${megabytes(limit.maxBytes)}`);
	let data: Parameters<typeof this.helpers.prepareBinaryData>[0];
	if (isStreamBody(body)) {
		data = sizeLimited(body as unknown as MappableStream, limit.maxBytes, tooLarge) as typeof data;
	} else {
		data = Buffer.isBuffer(body) ? body : Buffer.from(String(body ?? ''));
		if (data.length > limit.maxBytes) throw tooLarge;
	}
	let binary: IBinaryData;
	try {
		binary = await this.helpers.prepareBinaryData(data, fileName, headerType || undefined);
	} catch (error) {
		if (timedOut()) throw tooSlow;
		// A body cut off mid-way (a reset connection) or a store that fails: said for this step, never raw.
		throw error === tooLarge ? tooLarge : thinkeoError(this.getNode(), limit.step, error);
	}
	if (timedOut()) throw tooSlow;
	return {
		binary,
		fileName: binary.fileName ?? fileName,
		mimeType: binary.mimeType,
		fileSize: await storedSize.call(this, binary),
	};
}

/**
 * Downloads `path` (relative to the credential's Base URL, e.g. `/attachments/<id>`) into n8n's binary store,
 * streamed, as a step of an operation or of the trigger's poll. No redirect is followed, and a failure is reported
 * as Thinkeo's error for `limit.step`, like every follow-up request (transport/request.ts).
 */
export async function downloadFile(
	this: DownloadContext,
	limit: DownloadLimit,
	path: string,
	fallbackFileName?: string,
): Promise<DownloadedFile> {
	const response = (await thinkeoRequest.call(this, limit.step, {
		method: 'GET',
		url: path,
		headers: { Accept: '*/*' },
		stream: true,
	})) as IN8nHttpFullResponse;
	return await storeDownload.call(this, response, limit, async () => fallbackFileName);
}
