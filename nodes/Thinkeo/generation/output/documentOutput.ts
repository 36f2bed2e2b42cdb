import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	PostReceiveAction,
} from 'n8n-workflow';

import { documentBlocks, documentHtml, readRenderOutput } from './document';
import { thinkeoRequest } from '../../transport/request';
import { generationInputsPerItem } from '../input/inputFiles';
import { safeFileName } from '../../io/fileName';
import { withOutputFiles } from './generatedFiles';

/** How a render result (a generated publication) comes out of the node. */
export const documentOutputField: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	default: 'document',
	options: [
		{
			name: 'Document',
			value: 'document',
			description: 'One item: the publication ID, the document HTML assembled from the blocks, and the blocks in document order',
		},
		{ name: 'Blocks', value: 'blocks', description: 'One item per block, in document order' },
		{ name: 'Raw Response', value: 'raw', description: 'Thinkeo’s answer as it is: blocks keyed by ID' },
	],
};

/** Options that attach the document as an HTML file; they go in the operation's Options collection. */
export const documentFileOptions: INodeProperties[] = [
	{
		displayName: 'Attach HTML File',
		name: 'attachHtml',
		type: 'boolean',
		default: false,
		description:
			'Whether to also output the document as a binary HTML file named "&lt;App name&gt;-&lt;publication ID&gt;.html" (on the first item in Blocks output)',
	},
	{
		displayName: 'Put HTML File in Field',
		name: 'htmlBinaryField',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the HTML file in',
	},
];

function htmlPage(title: string, body: string): string {
	const escapedTitle = title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
	return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapedTitle}</title></head><body>\n${body}\n</body></html>\n`;
}

/**
 * Name of the App the document came from, for its file name. The publication already exists when this runs, so a
 * failed lookup must not turn it into an error item (the user would generate it again): it falls back instead.
 */
async function appNameFor(this: IExecuteSingleFunctions, appIdParameter: string): Promise<string | undefined> {
	try {
		const appId = String(this.getNodeParameter(appIdParameter, '', { extractValue: true }) ?? '');
		if (!appId) return undefined;
		const app = (await thinkeoRequest.call(this, 'reading the App name', { method: 'GET', url: `/apps/${encodeURIComponent(appId)}` })) as IDataObject;
		return typeof app?.name === 'string' && app.name.trim() ? app.name.trim() : undefined;
	} catch {
		return undefined;
	}
}

/**
 * postReceive shaping a render result by the Output field, optionally with the document as an HTML file and the
 * publication's files (Output Files). `appIdParameter` is where the operation keeps the App, for the file name. It
 * reads Thinkeo's answer itself, not the items made of it: an answer that is no render result (an empty list, which
 * the shared step turns into an empty item) fails the item instead of passing for an empty document.
 */
export function shapeDocumentOutput(appIdParameter: string): PostReceiveAction {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const render = readRenderOutput(response.body);
		const output = String(this.getNodeParameter('output', 'document'));
		const attachHtml = this.getNodeParameter('options.attachHtml', false) as boolean;
		const blocks = documentBlocks(render);
		const html = documentHtml(blocks);
		const { publicationId, rootBlockId } = render;
		let results: INodeExecutionData[];
		if (output === 'raw') {
			results = items;
		} else if (output === 'blocks') {
			results = blocks.map((block, position) => ({ json: { publicationId, position, ...block } as IDataObject }));
			// An empty document still yields an item, so no input item vanishes.
			if (results.length === 0) results = [{ json: { publicationId, blocks: [] } }];
		} else {
			results = [{ json: { publicationId, rootBlockId, document: { html }, blocks } as unknown as IDataObject }];
		}
		if (attachHtml) {
			const appName = (await appNameFor.call(this, appIdParameter)) ?? 'publication';
			const fileName = safeFileName(`${appName}-${publicationId ?? 'document'}.html`);
			const field = String(this.getNodeParameter('options.htmlBinaryField', 'data') || 'data');
			const file = await this.helpers.prepareBinaryData(Buffer.from(htmlPage(appName, html), 'utf8'), fileName, 'text/html');
			results[0] = { ...results[0], binary: { ...results[0].binary, [field]: file } };
		}
		if (this.getNodeParameter('outputFiles', 'none') !== 'none') {
			// A render without an App is a preview Thinkeo does not keep: it has no attachments to list.
			const kept = Boolean(this.getNodeParameter(appIdParameter, '', { extractValue: true }));
			results[0] = await withOutputFiles.call(this, results[0], {
				publicationId,
				blocks,
				listAttachments: kept,
				inputs: generationInputsPerItem.read(this),
				keepErrors: this.continueOnFail(),
			});
		}
		return results;
	};
}
