import type { IBinaryData, IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { bodyStream } from '../support/streams';

/** One file of the input item: its bytes, or only its size when it sits in n8n's binary store (`id`). */
export interface FakeBinary {
	bytes?: Buffer;
	storedSize?: number;
	fileName?: string;
	mimeType?: string;
}

/** What Thinkeo answers to a request the fake sends on: a JSON body (status 200 unless given). */
export type FakeAnswer = (request: IHttpRequestOptions) => { statusCode?: number; body: unknown };

export interface FakeItemOptions {
	/** The node's parameters as `getNodeParameter` reads them, by dotted path (e.g. `files.file`). */
	parameters?: Record<string, unknown>;
	/** The node's own `parameters` (what `'appId' in getNode().parameters` sees). */
	nodeParameters?: IDataObject;
	json?: IDataObject;
	binary?: Record<string, FakeBinary>;
	answer?: FakeAnswer;
}

/**
 * An item's context as n8n hands it to a declarative operation's preSend and postReceive (IExecuteSingleFunctions),
 * with the input item, the parameters and a Thinkeo that answers `answer`; every request sent is kept in `requests`.
 */
export function fakeItemContext({ parameters = {}, nodeParameters = {}, json = {}, binary, answer }: FakeItemOptions = {}) {
	const requests: IHttpRequestOptions[] = [];
	const binaryData: Record<string, IBinaryData> = {};
	for (const [name, file] of Object.entries(binary ?? {})) {
		binaryData[name] = {
			data: file.bytes ? file.bytes.toString('base64') : '',
			...(file.storedSize !== undefined ? { id: `filesystem-v2:${name}` } : {}),
			...(file.fileName ? { fileName: file.fileName } : {}),
			mimeType: file.mimeType ?? '',
		};
	}
	const node = { id: 'thinkeo', name: 'Thinkeo', type: 'n8n-nodes-thinkeo.thinkeo', typeVersion: 1, position: [0, 0], parameters: nodeParameters };
	const fileOf = (name: string) => {
		const file = binary?.[name];
		if (!file) throw new NodeOperationError(node as never, `This operation expects the node's input data to contain a binary file '${name}'`);
		return file;
	};
	const context = {
		getNode: () => node,
		getItemIndex: () => 0,
		getInputData: () => ({ json, ...(binary ? { binary: binaryData } : {}) }),
		getNodeParameter: (name: string, fallback?: unknown, options?: { extractValue?: boolean }) => {
			const value = name in parameters ? parameters[name] : fallback;
			return options?.extractValue && value && typeof value === 'object' ? (value as { value?: unknown }).value : value;
		},
		getCredentials: async () => ({ baseUrl: 'http://thinkeo.test/v1/' }),
		continueOnFail: () => false,
		helpers: {
			assertBinaryData: (name: string) => (fileOf(name), binaryData[name]),
			getBinaryDataBuffer: async (name: string) => fileOf(name).bytes ?? Buffer.alloc(0),
			getBinaryMetadata: async (id: string) => ({ fileSize: fileOf(id.replace('filesystem-v2:', '')).storedSize ?? 0 }),
			getBinaryStream: async () => bodyStream([Buffer.from('streamed')]).stream,
			httpRequestWithAuthentication: async (_credential: string, request: IHttpRequestOptions) => {
				requests.push(request);
				const { statusCode = 200, body } = answer ? answer(request) : { body: {} };
				return { statusCode, statusMessage: '', headers: { 'content-type': 'application/json' }, body: request.json ? body : JSON.stringify(body) };
			},
		},
	};
	return { context: context as unknown as IExecuteSingleFunctions, requests };
}

/** The error a call throws (fails the test when it does not throw). */
export async function errorOf(call: () => unknown): Promise<{ message: string; description?: string | null }> {
	try {
		await call();
	} catch (error) {
		return error as { message: string; description?: string | null };
	}
	throw new Error('expected an error, got none');
}
