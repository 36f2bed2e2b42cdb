import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

/** A rendered block as POST /publications returns it: HTML text, or the ordered ids of its children. */
export interface RenderedBlock {
	kind: string;
	content: unknown;
}

export interface RenderOutput {
	publicationId?: string;
	rootBlockId?: string;
	blocks?: Record<string, RenderedBlock>;
}

/** Blocks no concatenation points to; used when the response lacks rootBlockId (the schema does not require it). */
function topLevelBlockIds(blocks: Record<string, RenderedBlock>): string[] {
	const children = new Set<string>();
	for (const block of Object.values(blocks)) {
		if (block.kind === 'concatenation' && Array.isArray(block.content)) {
			for (const id of block.content) children.add(String(id));
		}
	}
	return Object.keys(blocks).filter((id) => !children.has(id));
}

/**
 * Rebuilds the document from the block tree: an `html` block is its content, a `concatenation` block is its
 * children in order. Other kinds (exports, files) carry no HTML and are skipped; a block met twice on one path
 * (a cycle) is skipped rather than looping forever.
 */
export function assembleDocument(output: RenderOutput): string {
	const blocks = output.blocks ?? {};
	const render = (id: string, path: Set<string>): string => {
		const block = blocks[id];
		if (!block || path.has(id)) return '';
		if (block.kind === 'html') return typeof block.content === 'string' ? block.content : '';
		if (block.kind !== 'concatenation' || !Array.isArray(block.content)) return '';
		const inner = new Set(path).add(id);
		return block.content.map((childId) => render(String(childId), inner)).join('');
	};
	const roots = output.rootBlockId ? [output.rootBlockId] : topLevelBlockIds(blocks);
	return roots.map((id) => render(id, new Set())).join('');
}

/** postReceive: adds the assembled HTML as `document` next to the API's response. */
export async function addAssembledDocument(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return items.map((item) => ({
		...item,
		json: { ...item.json, document: assembleDocument(item.json as RenderOutput) } as IDataObject,
	}));
}
