/**
 * A fake Thinkeo API and a fake IPollFunctions around it, to run the Thinkeo Trigger's own poll in-process, fast
 * and with failures at any request: the lists the trigger reads (publications, their attachments and files, the
 * team log), each request recorded, and a fault chosen per request by the test.
 */
import type { IDataObject, IHttpRequestOptions, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { ThinkeoTrigger } from '../../nodes/Thinkeo/ThinkeoTrigger.node';

export const BASE_URL = 'http://thinkeo.test/v1';

/** What a request can meet instead of its answer. */
export type Fault = 404 | 429 | 500 | 503 | 'reset';

export interface FakeRequest {
	method: string;
	path: string;
	body?: IDataObject;
}

/**
 * The lists as Thinkeo holds them: publications oldest first (as POST /publications/query pages them), the
 * attachments of each publication (by its ID as text), the team log newest first.
 */
export interface World {
	publications: IDataObject[];
	attachments: Map<string, IDataObject[]>;
	logs: IDataObject[];
}

export const emptyWorld = (): World => ({ publications: [], attachments: new Map(), logs: [] });

export const attachmentId = (n: number) => `0192f0a6-5555-7f00-8a00-${String(n).padStart(12, '0')}`;

/** An attachment as GET /publications/{id}/attachments lists it. */
export const attachment = (n: number): IDataObject => ({
	id: attachmentId(n),
	url: `${BASE_URL}/attachments/${attachmentId(n)}`,
	filename: `file-${n}.txt`,
});

function answer(statusCode: number, body: unknown, headers: IDataObject = {}) {
	return { statusCode, statusMessage: '', headers: { 'content-type': 'application/json', ...headers }, body };
}

/**
 * Answers a request from `world`; `faultOf` may fail it instead (its index counts the requests since `requests`
 * was last emptied).
 */
export function fakeApi(world: World, faultOf: (request: FakeRequest, index: number) => Fault | undefined = () => undefined) {
	const requests: FakeRequest[] = [];
	const send = async (options: IHttpRequestOptions) => {
		const request: FakeRequest = { method: String(options.method ?? 'GET'), path: options.url, body: options.body as IDataObject };
		const fault = faultOf(request, requests.length);
		requests.push(request);
		if (fault === 'reset') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		if (fault) return answer(fault, { error: { status: fault, message: `Injected ${fault}` } });
		if (request.method === 'POST' && request.path === '/publications/query') {
			const { limit = 100, offset = 0, appId } = request.body ?? {};
			const matching = world.publications.filter((publication) => !appId || publication.appId === appId);
			return answer(200, matching.slice(Number(offset), Number(offset) + Number(limit)));
		}
		const listing = /^\/publications\/([^/]+)\/attachments$/.exec(request.path);
		if (listing) {
			const files = world.attachments.get(decodeURIComponent(listing[1]));
			return files ? answer(200, files) : answer(404, { error: { status: 404, message: 'Unknown publication' } });
		}
		const download = /^\/attachments\/([^/]+)$/.exec(request.path);
		if (download) {
			return answer(200, Buffer.from(`Contents of ${download[1]}\n`), {
				'content-type': 'text/plain',
				'content-disposition': `attachment; filename="${download[1]}.txt"`,
			});
		}
		if (request.path === '/teams/logs') return answer(200, world.logs);
		return answer(404, { error: { status: 404, message: `No route ${request.path}` } });
	};
	return { requests, send };
}

/** The trigger's IPollFunctions: `parameters` as the editor sets them, `staticData` as n8n keeps it between polls. */
export function pollContext(
	parameters: IDataObject,
	staticData: IDataObject,
	send: (options: IHttpRequestOptions) => Promise<unknown>,
	mode: 'trigger' | 'manual' = 'trigger',
): IPollFunctions {
	const fake = {
		getNode: () => ({ id: 'trigger', name: 'Thinkeo Trigger', type: 'n8n-nodes-thinkeo.thinkeoTrigger', typeVersion: 1, position: [0, 0], parameters }),
		getNodeParameter: (name: string, fallback?: unknown, options?: { extractValue?: boolean }) => {
			const value = parameters[name] ?? fallback;
			const locator = value as { __rl?: boolean; value?: unknown } | undefined;
			return options?.extractValue && locator?.__rl ? locator.value : value;
		},
		getMode: () => mode,
		getWorkflowStaticData: () => staticData,
		getCredentials: async () => ({ baseUrl: BASE_URL }),
		helpers: {
			httpRequestWithAuthentication: async (_credential: string, options: IHttpRequestOptions) => await send(options),
			returnJsonArray: (records: IDataObject[]): INodeExecutionData[] => records.map((json) => ({ json })),
			prepareBinaryData: async (data: Buffer, fileName?: string, mimeType?: string) => ({
				data: data.toString('base64'),
				fileName,
				mimeType: mimeType ?? 'application/octet-stream',
				bytes: data.length,
			}),
		},
	};
	return fake as unknown as IPollFunctions;
}

/** One poll of the trigger: its items, or what it threw. */
export async function runPoll(context: IPollFunctions): Promise<{ items: INodeExecutionData[] } | { error: Error }> {
	try {
		const output = await new ThinkeoTrigger().poll.call(context);
		return { items: output?.[0] ?? [] };
	} catch (error) {
		return { error: error as Error };
	}
}
