import type { IDataObject, IExecuteSingleFunctions, IPollFunctions } from 'n8n-workflow';

import type { DocumentBlock } from './document';
import { safeFileName } from '../../io/fileName';
import { listedRecords } from '../../transport/answerCheck';
import { stepError } from '../../transport/errors';
import { withoutTrailingSlashes } from '../../transport/httpFacts';
import { thinkeoRequest } from '../../transport/request';
import type { GenerationInputs } from '../input/inputFiles';
import { sha1Hex } from '../input/inputFiles';

/**
 * INFERRED: where the files of a publication come from. The reference documents neither how a generation hands
 * back the files it produced nor what the content of a file block looks like; it lists
 * GET /publications/{id}/attachments as the "files attached to / exported from a publication", its BlockKind enum
 * has `word`, `ppt`, `image` and `fileBeta`, and BlockContent says "other kinds may exist (e.g. file exports)".
 * So both plausible sources are read, and merged by attachment ID:
 *   1. the publication's attachments, listed after the generation;
 *   2. the blocks of the render output whose content references an attachment or a URL: a URL string, or an object
 *      with an attachment ID and/or a URL. Only a file block (isFileBlockKind) may have what it names downloaded:
 *      the content of the other kinds is written by the App or by an AI, and must not choose what the node fetches
 *      with the credential's token, so what they name is listed, never fetched.
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
	/** Named by the attachment listing or by a file block: only such a file may be downloaded. */
	fetchable: boolean;
}

/** The documented block kinds whose output is a file. */
export const FILE_BLOCK_KINDS = ['word', 'ppt', 'image', 'fileBeta'];

/** Kinds whose content is HTML or child IDs, never a file reference. */
const DOCUMENT_KINDS = ['html', 'concatenation'];

/** Words of a kind name that say the block holds a file or an export. */
const FILE_WORDS = ['file', 'files', 'export', 'exports'];

/** The words of a kind name: camelCase, PascalCase and acronyms split (`pdfExport`, `PDFFile`), as are `_`, `-` and digits. */
const wordsOf = (kind: string) =>
	kind
		.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|[^A-Za-z]+/)
		.filter(Boolean)
		.map((word) => word.toLowerCase());

/**
 * Whether a block is a file block: its kind is text, and a documented file kind, or a kind the reference does not
 * document with `file` or `export` as a whole word of its name (BlockContent: "other kinds may exist (e.g. file
 * exports)"): `pdfExport`, `fileBeta`, never `profile`. A kind that is not text (a list, an object) is none.
 */
export function isFileBlockKind(kind: unknown): boolean {
	if (typeof kind !== 'string') return false;
	return FILE_BLOCK_KINDS.includes(kind) || wordsOf(kind).some((word) => FILE_WORDS.includes(word));
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ATTACHMENT_URL = new RegExp(`/attachments/(${UUID})/?(?:[?#].*)?$`, 'i');
const IS_UUID = new RegExp(`^${UUID}$`, 'i');

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** A file name the server or a block gave, made safe (io/fileName.ts) for every use: the JSON, the download. */
const fileNameOf = (value: unknown): string | undefined => {
	const name = text(value);
	return name === undefined ? undefined : safeFileName(name);
};

/** The attachment ID in an attachment URL (…/attachments/<id>), if it is one. */
export function attachmentIdOfUrl(url: string | undefined): string | undefined {
	return url ? ATTACHMENT_URL.exec(url)?.[1]?.toLowerCase() : undefined;
}

/** One entry of GET /publications/{id}/attachments (the documented Attachment: id, url, filename, sha1). */
export function fileOfAttachment(attachment: IDataObject): FileReference {
	const url = text(attachment.url);
	const id = text(attachment.id);
	return {
		attachmentId: (id && IS_UUID.test(id) ? id.toLowerCase() : undefined) ?? attachmentIdOfUrl(url),
		url,
		fileName: fileNameOf(attachment.filename) ?? fileNameOf(attachment.fileName),
		mimeType: text(attachment.mimeType),
		sha1: sha1Hex(attachment.sha1),
		source: 'publicationAttachments',
		fetchable: true,
	};
}

type ContentReference = Omit<FileReference, 'source' | 'fetchable'>;

/** The file a block's content references, if any: a URL string, or an object naming an attachment or a URL. */
function referenceInContent(content: unknown, fileKind: boolean): ContentReference | undefined {
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
		fileName: fileNameOf(record.filename) ?? fileNameOf(record.fileName) ?? fileNameOf(record.name),
		mimeType: text(record.mimeType) ?? text(record.contentType),
		sha1: sha1Hex(record.sha1),
	};
}

/**
 * The files referenced by the blocks of a render output (a block may hold a list of them); those of a block that is
 * not a file block are not fetchable.
 */
export function filesInBlocks(blocks: DocumentBlock[]): FileReference[] {
	return blocks.flatMap((block) => {
		const kind = typeof block.kind === 'string' ? block.kind : undefined;
		if (kind !== undefined && DOCUMENT_KINDS.includes(kind)) return [];
		const fileKind = isFileBlockKind(kind);
		const contents = Array.isArray(block.content) ? block.content : [block.content];
		return contents.flatMap((content) => {
			const reference = referenceInContent(content, fileKind);
			if (!reference) return [];
			return [{ ...reference, source: 'renderBlock' as const, blockId: block.id, blockKind: kind, fetchable: fileKind }];
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
		// What the first source told wins; the second fills in what it left out. A file either source may fetch is
		// fetchable: the listing, or a file block, named it.
		merged.set(key, known ? { ...file, ...definedFields(known), fetchable: known.fetchable || file.fetchable } : file);
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
		const step = `listing the files of publication ${publicationId}`;
		const answer = await thinkeoRequest.call(this, step, {
			method: 'GET',
			url: `/publications/${encodeURIComponent(publicationId)}/attachments`,
		});
		// An answer that is no list (a proxy's page, `{"message": "try later"}`) is an error, never "no files": the
		// trigger then polls again rather than fire the publication without them.
		try {
			listed = listedRecords(answer).map(fileOfAttachment);
		} catch (error) {
			throw stepError(this.getNode(), step, error);
		}
	}
	const files = mergeFileSources(listed, filesInBlocks(blocks)).filter((file) => keyOf(file));
	return scope === 'all' ? files : files.filter((file) => !isGenerationInput(file, inputs));
}

/** Where a file is downloaded from (a path relative to the Base URL, with its query), or why it is not. */
export type DownloadTarget = { path: string } | { refused: string };

/**
 * Whether a path segment, as a server may read it once more (percent-decoded, `;parameters` dropped, as some do),
 * would be a separator or a dot segment, or is not text a path holds. The URL parser has already resolved the dot
 * segments it knows (`.`, `..`, `%2e` in any case) and turned backslashes into slashes.
 */
function segmentHidesAPath(segment: string): boolean {
	let decoded: string;
	try {
		decoded = decodeURIComponent(segment);
	} catch {
		return true;
	}
	const name = decoded.split(';')[0];
	return name === '.' || name === '..' || /[/\\\p{Cc}]/u.test(decoded);
}

/**
 * The path to request for a URL under the Base URL: the URL parsed as the WHATWG parser does (dot segments,
 * percent-encoded dots and backslashes resolved), of the same origin (scheme, host, port) and with no user name or
 * password, its path below the Base URL's path segment by segment (`/v1x/` is not under `/v1/`), with no empty
 * segment and no segment a server could still read as a separator or a dot segment. Anything else is refused, with
 * the reason; the token never goes there.
 */
export function pathUnderBase(url: string, baseUrl: string): DownloadTarget {
	let base: URL;
	let target: URL;
	try {
		base = new URL(baseUrl);
	} catch {
		return { refused: 'the credential’s Base URL is not a valid URL' };
	}
	try {
		target = new URL(url);
	} catch {
		return { refused: 'not a valid URL' };
	}
	if (target.username || target.password) return { refused: 'the URL carries a user name or password' };
	if (target.origin !== base.origin) return { refused: `another origin than the Base URL (${base.origin})` };
	const basePath = withoutTrailingSlashes(base.pathname);
	if (!target.pathname.startsWith(`${basePath}/`) || target.pathname === `${basePath}/`) {
		return { refused: `its path ${target.pathname} is not under the Base URL’s path ${basePath}/` };
	}
	const relative = target.pathname.slice(basePath.length);
	if (relative.includes('//')) return { refused: `its path ${target.pathname} has an empty segment (//)` };
	if (relative.split('/').some(segmentHidesAPath)) {
		return { refused: `its path ${target.pathname} has an encoded slash, backslash, dot segment or control character` };
	}
	return { path: `${relative}${target.search}` };
}

/**
 * Where to download a file from: its attachment, or its URL when under the Base URL (pathUnderBase). A file no file
 * block or listing named, a URL elsewhere, and anything unclear get a reason instead: listed, never fetched.
 */
export function downloadTargetOf(file: FileReference, baseUrl: string): DownloadTarget {
	if (!file.fetchable) {
		const block = file.blockKind === undefined ? 'a block whose kind is not text' : `a block of kind "${file.blockKind}"`;
		return { refused: `named by ${block}, which is not a file block: only files Thinkeo lists or file blocks name are downloaded` };
	}
	if (file.attachmentId) return { path: `/attachments/${encodeURIComponent(file.attachmentId)}` };
	return file.url ? pathUnderBase(file.url, baseUrl) : { refused: 'no URL' };
}
