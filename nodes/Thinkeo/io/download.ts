import type { IBinaryData, IExecuteSingleFunctions, IN8nHttpFullResponse, IPollFunctions } from 'n8n-workflow';

import { thinkeoRequest } from '../transport/request';
import { fileNameFromContentDisposition } from './binary';

export interface DownloadedFile {
	binary: IBinaryData;
	fileName: string;
	mimeType: string;
	fileSize: number;
}

/**
 * Downloads one file of the API (`path` relative to the credential's Base URL) into n8n's binary store, with its
 * real name (Content-Disposition, else `fallbackFileName`) and MIME type. Buffered: the streamed version of the
 * large-download work replaces this one with the same signature.
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
		file: true,
	})) as IN8nHttpFullResponse;
	const bytes = Buffer.from(response.body as ArrayBuffer);
	const headerType = String(response.headers['content-type'] ?? '').split(';')[0].trim();
	const fileName = fileNameFromContentDisposition(response.headers['content-disposition']) ?? fallbackFileName ?? 'file';
	const binary = await this.helpers.prepareBinaryData(bytes, fileName, headerType || undefined);
	return {
		binary,
		fileName: binary.fileName ?? fileName,
		mimeType: binary.mimeType,
		fileSize: bytes.length,
	};
}
