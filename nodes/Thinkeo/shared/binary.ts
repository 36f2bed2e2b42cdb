import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	PostReceiveAction,
} from 'n8n-workflow';
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

/** File name from a Content-Disposition header: the RFC 6266 `filename*` (UTF-8) form first, then `filename`. */
export function fileNameFromContentDisposition(header: unknown): string | undefined {
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

/** The output field shared by every download operation. */
export const binaryOutputField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
};

type FallbackFileName = (this: IExecuteSingleFunctions) => Promise<string | undefined>;

/**
 * Routing for an endpoint that answers with a file: the body arrives as bytes and becomes an n8n binary property
 * with its real file name (Content-Disposition, else `fallbackFileName`) and MIME type; `json` keeps only small
 * metadata, never the bytes.
 */
export function downloadAsBinary(fallbackFileName: FallbackFileName): {
	request: Partial<IHttpRequestOptions>;
	postReceive: PostReceiveAction;
} {
	return {
		request: { encoding: 'arraybuffer', json: false },
		postReceive: async function (this: IExecuteSingleFunctions, _items: INodeExecutionData[], response: IN8nHttpFullResponse) {
			const body = Buffer.from(response.body as ArrayBuffer);
			const headerType = String(response.headers['content-type'] ?? '').split(';')[0].trim();
			const fileName =
				fileNameFromContentDisposition(response.headers['content-disposition']) ?? (await fallbackFileName.call(this)) ?? 'file';
			const property = String(this.getNodeParameter('binaryPropertyName', 'data'));
			const binary = await this.helpers.prepareBinaryData(body, fileName, headerType || undefined);
			return [
				{
					json: { fileName: binary.fileName ?? fileName, mimeType: binary.mimeType, fileSize: body.length },
					binary: { [property]: binary },
				},
			];
		},
	};
}
