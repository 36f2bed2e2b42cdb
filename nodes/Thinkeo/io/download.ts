import type {
	IBinaryData,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeProperties,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { header } from '../transport/apiMessage';
import { thinkeoError } from '../transport/errors';
import { thinkeoRequest } from '../transport/request';
import { isStreamBody } from '../transport/streamedBody';
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
 * The limit in bytes from the option's value (an expression can give anything): a number of MB above 0, else an
 * error naming the option.
 */
export function maxDownloadBytes(this: DownloadContext, megabytes: unknown): number {
	const value = typeof megabytes === 'string' && megabytes.trim() ? Number(megabytes) : megabytes;
	if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.floor(value * BYTES_PER_MB);
	const message = `Max Download Size (MB): ${JSON.stringify(megabytes) ?? String(megabytes)} is not a size above 0`;
	throw new NodeApiError(this.getNode(), { message } as JsonObject, {
		message,
		description: `Give a number of MB, e.g. ${DEFAULT_MAX_DOWNLOAD_MB}.`,
	});
}

/** What a download is, for its errors: the step (e.g. `downloading the attachment`) and the size it may reach. */
export interface DownloadLimit {
	step: string;
	maxBytes: number;
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
 * Content-Length, before reading, or as it arrives) stops the download with an error naming the file and the limit.
 */
export async function storeDownload(
	this: DownloadContext,
	response: IN8nHttpFullResponse,
	limit: DownloadLimit,
	fallbackFileName: () => Promise<string | undefined>,
): Promise<DownloadedFile> {
	const headerType = String(response.headers['content-type'] ?? '').split(';')[0].trim();
	const fileName = safeFileName(fileNameFromContentDisposition(response.headers['content-disposition']) ?? (await fallbackFileName()) ?? 'file');
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
		// A body cut off mid-way (a reset connection) or a store that fails: said for this step, never raw.
		throw error === tooLarge ? tooLarge : thinkeoError(this.getNode(), limit.step, error);
	}
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
