/**
 * Reading a render result (POST /publications, POST /blocks/{id}/render): the blocks in document order and the
 * document's HTML. Pure functions; io/documentOutput.ts turns them into n8n items.
 */

/** A rendered block as the API returns it: HTML text, or the ordered ids of its children. */
export interface RenderedBlock {
	kind: string;
	content: unknown;
}

export interface RenderOutput {
	publicationId?: string;
	rootBlockId?: string;
	blocks?: Record<string, RenderedBlock>;
}

/** One block placed in the document: where it sits in the tree, and its own content. */
export interface DocumentBlock {
	id: string;
	kind: string;
	content: unknown;
	parentId: string | null;
	depth: number;
}

const childIdsOf = (block: RenderedBlock): string[] =>
	block.kind === 'concatenation' && Array.isArray(block.content) ? block.content.map(String) : [];

/** Blocks no concatenation points to; used when the response lacks rootBlockId (the schema does not require it). */
function topLevelBlockIds(blocks: Record<string, RenderedBlock>): string[] {
	const children = new Set(Object.values(blocks).flatMap(childIdsOf));
	return Object.keys(blocks).filter((id) => !children.has(id));
}

/**
 * Every block reachable from the root, in document order (a parent before its children, children in their listed
 * order). The API's `blocks` map is keyed by id and its key order means nothing. A block met twice on one path (a
 * cycle) is skipped rather than looping forever; a child id with no block is skipped too.
 */
export function documentBlocks(output: RenderOutput): DocumentBlock[] {
	const blocks = output.blocks ?? {};
	const ordered: DocumentBlock[] = [];
	const visit = (id: string, parentId: string | null, depth: number, path: Set<string>) => {
		const block = blocks[id];
		if (!block || path.has(id)) return;
		ordered.push({ id, kind: block.kind, content: block.content, parentId, depth });
		const inner = new Set(path).add(id);
		for (const childId of childIdsOf(block)) visit(childId, id, depth + 1, inner);
	};
	const roots = output.rootBlockId ? [output.rootBlockId] : topLevelBlockIds(blocks);
	for (const id of roots) visit(id, null, 0, new Set());
	return ordered;
}

/**
 * The document: the HTML of its `html` blocks in document order. HTML is joined as Thinkeo rendered it, never
 * escaped again; other kinds (concatenations, exports, files) carry no HTML of their own.
 */
export function assembleDocument(output: RenderOutput): string {
	return documentBlocks(output)
		.map((block) => (block.kind === 'html' && typeof block.content === 'string' ? block.content : ''))
		.join('');
}
