import type { IBinaryData, IExecuteSingleFunctions, IN8nHttpFullResponse, IPollFunctions } from 'n8n-workflow';

import { thinkeoRequest } from '../transport/request';
import { safeFileName } from './fileName';

/** A file downloaded into n8n's binary store, with the name, MIME type and size it was stored with. */
export interface DownloadedFile {
	binary: IBinaryData;
	fileName: string;
	mimeType: string;
	fileSize: number;
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
async function storedSize(this: IExecuteSingleFunctions | IPollFunctions, binary: IBinaryData): Promise<number> {
	if (typeof binary.bytes === 'number') return binary.bytes;
	if (binary.id) return (await this.helpers.getBinaryMetadata(binary.id)).fileSize;
	return Buffer.byteLength(binary.data, 'base64');
}

/**
 * Stores a successful download's body in n8n's binary store, as it arrives when the body is a stream: with binary
 * data on disk (filesystem mode, 2.x's default) or in a database or S3, the file never sits in memory whole. Its name
 * comes from Content-Disposition, else `fallbackFileName()` (asked only then: it may cost a request), else "file",
 * made safe (safeFileName: never a path); its MIME type from Content-Type.
 */
export async function storeDownload(
	this: IExecuteSingleFunctions | IPollFunctions,
	response: IN8nHttpFullResponse,
	fallbackFileName: () => Promise<string | undefined>,
): Promise<DownloadedFile> {
	const headerType = String(response.headers['content-type'] ?? '').split(';')[0].trim();
	const fileName = safeFileName(fileNameFromContentDisposition(response.headers['content-disposition']) ?? (await fallbackFileName()) ?? 'file');
	const body = response.body as Parameters<typeof this.helpers.prepareBinaryData>[0];
	const binary = await this.helpers.prepareBinaryData(body, fileName, headerType || undefined);
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
 * as Thinkeo's error for `step`, like every follow-up request (transport/request.ts).
 */
export async function downloadFile(
	this: IExecuteSingleFunctions | IPollFunctions,
	step: string,
	path: string,
	fallbackFileName?: string,
): Promise<DownloadedFile> {
	const response = (await thinkeoRequest.call(this, step, {
		method: 'GET',
		url: path,
		headers: { Accept: '*/*' },
		stream: true,
	})) as IN8nHttpFullResponse;
	return await storeDownload.call(this, response, async () => fallbackFileName);
}
