import type { IDataObject, IExecuteSingleFunctions, IPollFunctions } from 'n8n-workflow';

import type { DocumentBlock } from '../io/document';
import { thinkeoRequest } from '../transport/request';
import type { GenerationInputs } from './inputFiles';

/**
 * INFERRED: where the files of a publication come from. The reference documents neither how a generation hands
 * back the files it produced nor what the content of a file block looks like; it lists
 * GET /publications/{id}/attachments as the "files attached to / exported from a publication", its BlockKind enum
 * has `word`, `ppt`, `image` and `fileBeta`, and BlockContent says "other kinds may exist (e.g. file exports)".
 * So both plausible sources are read, and merged by attachment ID:
 *   1. the publication's attachments, listed after the generation;
 *   2. the blocks of the render output of a file kind (or of a kind the node does not know) whose content
 *      references an attachment or a URL: a URL string, or an object with an attachment ID and/or a URL.
 * Every guess about either source lives in this module.
 */

/** One file of a publication, as far as its source tells. */
export interface FileReference {
	attachmentId?: string;
	url?: string;
	fileName?: string;
	mimeType?: string;
	/** Lower-case hex. */
	sha1?: string;
	source: 'publicationAttachments' | 'renderBlock';
	blockId?: string;
	blockKind?: string;
}

/** The documented block kinds whose output is a file. */
export const FILE_BLOCK_KINDS = ['word', 'ppt', 'image', 'fileBeta'];

/** Kinds whose content is HTML or child IDs, never a file reference. */
const DOCUMENT_KINDS = ['html', 'concatenation'];

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ATTACHMENT_URL = new RegExp(`/attachments/(${UUID})/?(?:[?#].*)?$`, 'i');
const IS_UUID = new RegExp(`^${UUID}$`, 'i');

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** The attachment ID in an attachment URL (…/attachments/<id>), if it is one. */
export function attachmentIdOfUrl(url: string | undefined): string | undefined {
	return url ? ATTACHMENT_URL.exec(url)?.[1]?.toLowerCase() : undefined;
}

/** A SHA-1 as lower-case hex, from the documented array of byte values or from a hex string. */
export function sha1Hex(value: unknown): string | undefined {
	if (Array.isArray(value) && value.length === 20 && value.every((byte) => Number.isInteger(byte) && byte >= 0 && byte < 256)) {
		return Buffer.from(value as number[]).toString('hex');
	}
	const hex = text(value)?.toLowerCase();
	return hex && /^[0-9a-f]{40}$/.test(hex) ? hex : undefined;
}

/** One entry of GET /publications/{id}/attachments (the documented Attachment: id, url, filename, sha1). */
export function fileOfAttachment(attachment: IDataObject): FileReference {
	const url = text(attachment.url);
	const id = text(attachment.id);
	return {
		attachmentId: (id && IS_UUID.test(id) ? id.toLowerCase() : undefined) ?? attachmentIdOfUrl(url),
		url,
		fileName: text(attachment.filename) ?? text(attachment.fileName),
		mimeType: text(attachment.mimeType),
		sha1: sha1Hex(attachment.sha1),
		source: 'publicationAttachments',
	};
}

/** The file a block's content references, if any: a URL string, or an object naming an attachment or a URL. */
function referenceInContent(content: unknown, fileKind: boolean): Omit<FileReference, 'source'> | undefined {
	const direct = text(content);
	if (direct) return /^https?:\/\//i.test(direct) ? { url: direct, attachmentId: attachmentIdOfUrl(direct) } : undefined;
	if (!content || typeof content !== 'object' || Array.isArray(content)) return undefined;
	const record = content as IDataObject;
	const url = text(record.url) ?? text(record.href) ?? text(record.src);
	// A bare `id` only counts in a block of a documented file kind, where it can only name the file.
	const idCandidate = text(record.attachmentId) ?? text(record.attachment_id) ?? text(record.attachment) ?? (fileKind ? text(record.id) : undefined);
	const attachmentId = (idCandidate && IS_UUID.test(idCandidate) ? idCandidate.toLowerCase() : undefined) ?? attachmentIdOfUrl(url);
	if (!attachmentId && !(url && /^https?:\/\//i.test(url))) return undefined;
	return {
		attachmentId,
		url,
		fileName: text(record.filename) ?? text(record.fileName) ?? text(record.name),
		mimeType: text(record.mimeType) ?? text(record.contentType),
		sha1: sha1Hex(record.sha1),
	};
}

/** The files referenced by the blocks of a render output (a block may hold a list of them). */
export function filesInBlocks(blocks: DocumentBlock[]): FileReference[] {
	return blocks.flatMap((block) => {
		if (DOCUMENT_KINDS.includes(block.kind)) return [];
		const fileKind = FILE_BLOCK_KINDS.includes(block.kind);
		const contents = Array.isArray(block.content) ? block.content : [block.content];
		return contents.flatMap((content) => {
			const reference = referenceInContent(content, fileKind);
			return reference ? [{ ...reference, source: 'renderBlock' as const, blockId: block.id, blockKind: block.kind }] : [];
		});
	});
}

const definedFields = (file: FileReference) =>
	Object.fromEntries(Object.entries(file).filter(([, value]) => value !== undefined)) as Partial<FileReference>;

const keyOf = (file: FileReference) => file.attachmentId ?? file.url ?? '';

/**
 * Both sources as one list, the attachments first: a file both list is kept once, with what each tells of it (the
 * listing's name and SHA-1, the block's kind).
 */
export function mergeFileSources(listed: FileReference[], inBlocks: FileReference[]): FileReference[] {
	const merged = new Map<string, FileReference>();
	for (const file of [...listed, ...inBlocks]) {
		const key = keyOf(file);
		const known = merged.get(key);
		// What the first source told wins; the second fills in what it left out.
		merged.set(key, known ? { ...file, ...definedFields(known) } : file);
	}
	return [...merged.values()];
}

/** Whether a file is one of the generation's inputs: an uploaded attachment (by ID or SHA-1) or a URL sent. */
export function isGenerationInput(file: FileReference, inputs: GenerationInputs): boolean {
	const inputIds = new Set([...inputs.attachmentIds, ...inputs.urls.map(attachmentIdOfUrl)].filter(Boolean).map((id) => String(id).toLowerCase()));
	return (
		(!!file.attachmentId && inputIds.has(file.attachmentId)) ||
		(!!file.sha1 && inputs.sha1s.includes(file.sha1)) ||
		(!!file.url && inputs.urls.includes(file.url))
	);
}

/** The inputs a stored publication shows: the values of its attributes (File attributes hold URLs). */
export function inputsOfPublication(publication: IDataObject): GenerationInputs {
	const values = Object.values((publication.attributes ?? {}) as IDataObject).flat();
	return { attachmentIds: [], sha1s: [], urls: values.filter((value): value is string => typeof value === 'string') };
}

export interface PublicationFileQuery {
	publicationId: string | undefined;
	/** The blocks of the render output, when there is one. */
	blocks: DocumentBlock[];
	/** Whether the publication is stored, so that its attachments can be listed. */
	listAttachments: boolean;
	inputs: GenerationInputs;
	scope: 'generated' | 'all';
}

/** The files of a publication from both sources; with scope "generated", without the generation's inputs. */
export async function publicationFiles(
	this: IExecuteSingleFunctions | IPollFunctions,
	{ publicationId, blocks, listAttachments, inputs, scope }: PublicationFileQuery,
): Promise<FileReference[]> {
	let listed: FileReference[] = [];
	if (listAttachments && publicationId) {
		const answer = await thinkeoRequest.call(this, `listing the files of publication ${publicationId}`, {
			method: 'GET',
			url: `/publications/${encodeURIComponent(publicationId)}/attachments`,
		});
		const records = Array.isArray(answer) ? answer : [];
		listed = records.filter((record): record is IDataObject => !!record && typeof record === 'object').map(fileOfAttachment);
	}
	const files = mergeFileSources(listed, filesInBlocks(blocks)).filter((file) => keyOf(file));
	return scope === 'all' ? files : files.filter((file) => !isGenerationInput(file, inputs));
}

/**
 * The path (relative to the Base URL) to download a file from: its attachment, or a URL under the Base URL.
 * A URL elsewhere gets no path: the credential's token never goes to another origin.
 */
export function downloadPathOf(file: FileReference, baseUrl: string): string | undefined {
	if (file.attachmentId) return `/attachments/${encodeURIComponent(file.attachmentId)}`;
	const base = baseUrl.replace(/\/+$/, '');
	if (file.url && file.url.startsWith(`${base}/`)) return file.url.slice(base.length);
	return undefined;
}
