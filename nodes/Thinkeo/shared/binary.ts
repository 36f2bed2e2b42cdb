import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * HTTP header values must be Latin-1; a name outside it (e.g. "报告.pdf") is sent percent-encoded (UTF-8),
 * since Thinkeo documents only a plain `filename` header.
 */
export function filenameHeaderValue(fileName: string): string {
	return /^[\x20-\x7e]*$/.test(fileName) ? fileName : encodeURIComponent(fileName);
}

/**
 * preSend for raw uploads (documented for POST /attachments): the body is the binary property's bytes,
 * `Content-Type` its MIME type and the custom `filename` header its name. Not multipart.
 */
export async function sendBinaryAsRawBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const propertyName = String(this.getNodeParameter('binaryPropertyName', 'data')).trim();
	if (!propertyName) {
		throw new NodeOperationError(this.getNode(), 'Input Binary Field: no field name given', {
			itemIndex: this.getItemIndex(),
		});
	}
	const binary = this.helpers.assertBinaryData(propertyName);
	const fileName = String(this.getNodeParameter('options.fileName', '') || binary.fileName || 'file');
	const body = await this.helpers.getBinaryDataBuffer(propertyName);
	return {
		...requestOptions,
		body,
		headers: {
			...requestOptions.headers,
			'Content-Type': String(this.getNodeParameter('options.mimeType', '') || binary.mimeType || 'application/octet-stream'),
			filename: filenameHeaderValue(fileName),
		},
		// A Buffer body can be replayed after a 401 refresh; keeping redirects off avoids a second in-memory copy.
		disableFollowRedirect: true,
	};
}
