import type {
	IBinaryData,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	PostReceiveAction,
} from 'n8n-workflow';
import { inputError } from '../transport/inputError';
import type { SentBody } from '../transport/hints';
import { reopenableStream } from '../transport/stream';
import { renewTokenBeforeStream, thinkeoRequest } from '../transport/request';
import { maxDownloadBytes, maxDownloadMs, maxDownloadSizeField, maxDownloadTimeField, storeDownload } from './download';

/**
 * The `filename` header as Thinkeo documents it (curl sends a name's UTF-8 bytes as they are): the name's UTF-8
 * bytes, each carried by the Latin-1 character of the same value. n8n's axios (1.18 on n8n 1.x, 1.21 on 2.x) drops
 * every character above U+00FF from a header value and Node.js writes the rest one byte each, so "résumé 报告.pdf"
 * arrives as its UTF-8 bytes.
 */
function filenameHeaderValue(fileName: string): string {
	return Buffer.from(fileName, 'utf8').toString('latin1');
}

/** Uploads above this size are streamed instead of read into memory. */
export const STREAM_UPLOAD_BYTES = 16 * 1024 * 1024;

interface RawUpload {
	body: IHttpRequestOptions['body'];
	headers: IDataObject;
}

interface UploadOverrides {
	fileName?: string;
	mimeType?: string;
}

function uploadContentType(binary: IBinaryData, overrides: UploadOverrides): string {
	return overrides.mimeType || binary.mimeType || 'application/octet-stream';
}

/**
 * The documented raw upload of POST /attachments for one binary property: the body is its bytes, `Content-Type`
 * its MIME type and the custom `filename` header its name. Not multipart. Throws, naming the field, when the item
 * has no such binary property.
 */
async function rawUploadOf(
	this: IExecuteSingleFunctions,
	propertyName: string,
	overrides: UploadOverrides = {},
): Promise<RawUpload> {
	const binary = this.helpers.assertBinaryData(propertyName);
	const fileName = overrides.fileName || binary.fileName || 'file';
	const headers: IDataObject = {
		'Content-Type': uploadContentType(binary, overrides),
		filename: filenameHeaderValue(fileName),
	};
	const stored = binary.id ? await this.helpers.getBinaryMetadata(binary.id) : undefined;
	if (binary.id && stored && stored.fileSize > STREAM_UPLOAD_BYTES) {
		// Streamed from n8n's binary store: memory stays flat whatever the size.
		await renewTokenBeforeStream.call(this);
		// Read again from the store when a rate limit has it resent.
		const id = binary.id;
		const open = async () => await this.helpers.getBinaryStream(id);
		const body = reopenableStream(await open(), open) as unknown as IHttpRequestOptions['body'];
		return { body, headers: { ...headers, 'Content-Length': stored.fileSize } };
	}
	// A Buffer can be replayed after a 401 and token renewal.
	return { body: await this.helpers.getBinaryDataBuffer(propertyName), headers };
}

/**
 * Stops the item before any request when it has no binary field `name`, naming the node field that asked for it
 * (`field`, plus `purpose` if given) and listing the binary fields the item does have.
 */
export function assertBinaryField(this: IExecuteSingleFunctions, name: string, field: string, purpose = ''): void {
	const available = Object.keys(this.getInputData().binary ?? {});
	if (available.includes(name)) return;
	throw inputError(this.getNode(), `${field}: the input item has no binary field "${name}"${purpose}`, {
		description: available.length
			? `Its binary fields are: ${available.join(', ')}. Put one of them in ${field}.`
			: 'It has no binary data at all: add a node before this one that reads or downloads the file.',
		itemIndex: this.getItemIndex(),
	});
}

/** The Input Binary Field and the File Name and MIME Type options of `binaryInputFields` (operationKit/binaryFields.ts). */
function binaryInput(this: IExecuteSingleFunctions): { propertyName: string; overrides: UploadOverrides } {
	return {
		propertyName: String(this.getNodeParameter('binaryPropertyName', 'data')).trim(),
		overrides: {
			fileName: String(this.getNodeParameter('options.fileName', '')),
			mimeType: String(this.getNodeParameter('options.mimeType', '')),
		},
	};
}

/** preSend of Attachment → Upload: the request body is the raw upload of the Input Binary Field. */
export async function sendBinaryAsRawBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { propertyName, overrides } = binaryInput.call(this);
	if (!propertyName) {
		throw inputError(this.getNode(), 'Input Binary Field: no field name given', { itemIndex: this.getItemIndex() });
	}
	assertBinaryField.call(this, propertyName, 'Input Binary Field');
	const { body, headers } = await rawUploadOf.call(this, propertyName, overrides);
	return { ...requestOptions, body, headers: { ...requestOptions.headers, ...headers } };
}

/**
 * What `sendBinaryAsRawBody` sent, read from the same fields, for the hints of a refused upload (413, 415): the
 * file's size in n8n's binary store (or in the item) and the content type.
 */
export async function describeRawUpload(this: IExecuteSingleFunctions): Promise<SentBody> {
	const { propertyName, overrides } = binaryInput.call(this);
	const binary = this.helpers.assertBinaryData(propertyName);
	const bodyBytes = binary.id
		? (await this.helpers.getBinaryMetadata(binary.id)).fileSize
		: (await this.helpers.getBinaryDataBuffer(propertyName)).length;
	return { bodyBytes, contentType: uploadContentType(binary, overrides) };
}

/** Uploads one binary property of the item as an attachment (a step of another operation); returns Thinkeo's answer. */
export async function uploadAttachment(
	this: IExecuteSingleFunctions,
	propertyName: string,
): Promise<{ id?: string; url?: string; filename?: string; sha1?: unknown }> {
	const { body, headers } = await rawUploadOf.call(this, propertyName);
	const attachment = await thinkeoRequest.call(this, `uploading the file of binary field "${propertyName}"`, {
		method: 'POST',
		url: '/attachments',
		body,
		headers,
		raw: true,
	});
	return (attachment ?? {}) as { id?: string; url?: string; filename?: string; sha1?: unknown };
}

type FallbackFileName = (this: IExecuteSingleFunctions) => Promise<string | undefined>;

/**
 * Routing for an endpoint that answers with a file: the body arrives as a stream and goes straight into n8n's binary
 * store (storeDownload), as a binary property with its real file name (Content-Disposition, else
 * `fallbackFileName`) made safe, and MIME type; `json` keeps only small metadata, never the bytes. `step` names the
 * download in its errors (e.g. "downloading the attachment"), which stops past the Max Download Size and Time options.
 */
export function downloadAsBinary(
	step: string,
	fallbackFileName: FallbackFileName,
): {
	request: Partial<IHttpRequestOptions>;
	postReceive: PostReceiveAction;
} {
	return {
		request: { encoding: 'stream', json: false },
		postReceive: async function (this: IExecuteSingleFunctions, _items: INodeExecutionData[], response: IN8nHttpFullResponse) {
			// The shared preSend (validateFields) has already refused, before the request, a size that is not one.
			const maxBytes = maxDownloadBytes.call(this, this.getNodeParameter('options.maxDownloadSizeMb', maxDownloadSizeField.default));
			const maxMs = maxDownloadMs.call(this, this.getNodeParameter('options.maxDownloadTimeSeconds', maxDownloadTimeField.default));
			const file = await storeDownload.call(this, response, { step, maxBytes, maxMs }, async () => await fallbackFileName.call(this));
			const property = String(this.getNodeParameter('binaryPropertyName', 'data'));
			return [
				{
					json: { fileName: file.fileName, mimeType: file.mimeType, fileSize: file.fileSize },
					binary: { [property]: file.binary },
				},
			];
		},
	};
}
