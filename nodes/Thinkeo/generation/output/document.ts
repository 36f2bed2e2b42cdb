/**
 * Reading a render result (POST /publications, POST /blocks/{id}/render): the blocks in document order and the
 * document's HTML. Pure functions; io/documentOutput.ts turns them into n8n items.
 */
import { describeValue } from '../../transport/apiMessage';
import { UnusableAnswerError } from '../../transport/errors';

/** A rendered block as the API returns it: HTML text, or the ordered ids of its children. */
export interface RenderedBlock {
	/** Text as documented, but read as it comes: whoever decides by the kind checks that it is text. */
	kind: unknown;
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
	/** As Thinkeo gave it (see RenderedBlock). */
	kind: unknown;
	content: unknown;
	parentId: string | null;
	depth: number;
}

/**
 * Most placements of blocks beyond one per distinct block: a block may sit in several places (a shared child), but
 * blocks shared along a deep tree would multiply without end (each level pointing twice to the next: 2^depth).
 */
export const MAX_REPEATED_BLOCKS = 100_000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The ids a concatenation lists, as text; anything else in its list names no block. */
const childIdsOf = (block: RenderedBlock): string[] =>
	block.kind === 'concatenation' && Array.isArray(block.content)
		? block.content.filter((id) => typeof id === 'string' || typeof id === 'number').map(String)
		: [];

/** The blocks by id; an entry that is no block (null, text) is left out, as a missing block is. */
function blockMap(blocks: RenderOutput['blocks']): Map<string, RenderedBlock> {
	const entries = Object.entries(blocks ?? {}).filter((entry): entry is [string, RenderedBlock] => isRecord(entry[1]));
	return new Map(entries);
}

/**
 * The render result in Thinkeo's answer to a generation: an object whose `blocks`, when present, is a map of blocks
 * by id. Anything else (an empty list, text, blocks given as a list) throws an UnusableAnswerError saying what came.
 * `publicationId` and `rootBlockId` are kept only as text, as they go into file names and request paths.
 */
export function readRenderOutput(answer: unknown): RenderOutput {
	if (!isRecord(answer)) {
		throw new UnusableAnswerError(`Thinkeo answered with ${describeValue(answer)}, not a render result ({publicationId, rootBlockId, blocks})`);
	}
	const { publicationId, rootBlockId, blocks } = answer;
	if (blocks !== undefined && blocks !== null && !isRecord(blocks)) {
		throw new UnusableAnswerError(`Thinkeo's render result holds ${describeValue(blocks)} as its blocks, not the blocks by id`);
	}
	const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
	return { ...answer, publicationId: text(publicationId), rootBlockId: text(rootBlockId), blocks: (blocks ?? undefined) as RenderOutput['blocks'] };
}

/** Blocks no concatenation points to; used when the response lacks rootBlockId (the schema does not require it). */
function topLevelBlockIds(blocks: Map<string, RenderedBlock>): string[] {
	const children = new Set([...blocks.values()].flatMap(childIdsOf));
	return [...blocks.keys()].filter((id) => !children.has(id));
}

/** A step of the walk in documentBlocks: place a block, or leave the path of one whose children are all placed. */
type WalkStep = { id: string; parentId: string | null; depth: number } | { leave: string };

/**
 * Every block reachable from the root, in document order (a parent before its children, children in their listed
 * order). The API's `blocks` map is keyed by id and its key order means nothing. A block met twice on one path (a
 * cycle) is skipped rather than looping forever; a child id with no block is skipped too. The walk keeps its own
 * stack, so a tree of any depth is read, and stops with an UnusableAnswerError past MAX_REPEATED_BLOCKS repeated
 * placements.
 */
export function documentBlocks(output: RenderOutput): DocumentBlock[] {
	const blocks = blockMap(output.blocks);
	const ordered: DocumentBlock[] = [];
	const placements = blocks.size + MAX_REPEATED_BLOCKS;
	const path = new Set<string>();
	const roots = output.rootBlockId ? [output.rootBlockId] : topLevelBlockIds(blocks);
	const stack: WalkStep[] = roots.reverse().map((id) => ({ id, parentId: null, depth: 0 }));
	for (let step = stack.pop(); step; step = stack.pop()) {
		if ('leave' in step) {
			path.delete(step.leave);
			continue;
		}
		const { id, parentId, depth } = step;
		const block = blocks.get(id);
		if (!block || path.has(id)) continue;
		if (ordered.length === placements) {
			throw new UnusableAnswerError(
				`Thinkeo's render result places more than ${placements} blocks (from ${blocks.size} distinct ones): its concatenations point to the same blocks too many times`,
			);
		}
		ordered.push({ id, kind: block.kind, content: block.content, parentId, depth });
		path.add(id);
		stack.push({ leave: id });
		const children = childIdsOf(block);
		for (let index = children.length - 1; index >= 0; index -= 1) stack.push({ id: children[index], parentId: id, depth: depth + 1 });
	}
	return ordered;
}

/**
 * The document made of `blocks` (see documentBlocks): the HTML of its `html` blocks in document order. HTML is joined
 * as Thinkeo rendered it, never escaped again; other kinds (concatenations, exports, files) carry no HTML of their own.
 */
export function documentHtml(blocks: DocumentBlock[]): string {
	return blocks.map((block) => (block.kind === 'html' && typeof block.content === 'string' ? block.content : '')).join('');
}

/** The document of a render result (see documentHtml). */
export function assembleDocument(output: RenderOutput): string {
	return documentHtml(documentBlocks(output));
}
