import type { IDataObject, IExecuteSingleFunctions, IN8nHttpFullResponse, INodeExecutionData, PostReceiveAction } from 'n8n-workflow';

import type { FileReference } from '../generation/output/fileSources';
import { fileOfAttachment, inputsOfPublication, publicationFiles } from '../generation/output/fileSources';
import type { GenerationInputs } from '../generation/input/inputFiles';
import { generationInputsPerItem } from '../generation/input/inputFiles';
import type { DocumentBlock } from '../generation/output/document';
import { documentBlocks, documentHtml, readRenderOutput } from '../generation/output/document';
import { UnusableAnswerError } from '../transport/errors';
import { describeValue } from '../transport/apiMessage';
import { thinkeoRequest } from '../transport/request';
import { htmlToText } from './htmlText';
import { isSimplified, pickFields } from './option';

/**
 * The MIME types of the files Thinkeo's file blocks make (word, ppt, image) and of common inputs: the attachment
 * listing gives a name but no type (openapi Attachment), so the type is read from the name's extension.
 */
const TYPES_BY_EXTENSION: Record<string, string> = {
	csv: 'text/csv',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	gif: 'image/gif',
	html: 'text/html',
	jpeg: 'image/jpeg',
	jpg: 'image/jpeg',
	json: 'application/json',
	md: 'text/markdown',
	pdf: 'application/pdf',
	png: 'image/png',
	ppt: 'application/vnd.ms-powerpoint',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	svg: 'image/svg+xml',
	txt: 'text/plain',
	webp: 'image/webp',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A file's type: the MIME type its source gave, else the one its extension names. */
export function fileType(fileName: string | undefined, mimeType: string | undefined): string | undefined {
	if (mimeType) return mimeType;
	const extension = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
	return extension ? TYPES_BY_EXTENSION[extension] : undefined;
}

/** A file as a simplified answer lists it: name, type and URL. */
export function simpleFile(file: FileReference): IDataObject {
	return pickFields({ name: file.fileName, type: fileType(file.fileName, file.mimeType), url: file.url }, ['name', 'type', 'url']);
}

/** An entry of a publication's attachment listing, simplified: its ID, then as simpleFile. */
export function simpleAttachment(attachment: IDataObject): IDataObject {
	const file = fileOfAttachment(attachment);
	return { ...pickFields({ id: file.attachmentId ?? attachment.id }, ['id']), ...simpleFile(file) };
}

/** What a simplified publication is made of. */
export interface PublicationParts {
	publicationId: string | undefined;
	name: string | undefined;
	blocks: DocumentBlock[];
	files: FileReference[];
}

/** The simplified publication: ID, name, the document as plain text, the files by name, type and URL. */
export function simplePublication({ publicationId, name, blocks, files }: PublicationParts): IDataObject {
	return {
		...pickFields({ publicationId, name }, ['publicationId', 'name']),
		text: htmlToText(documentHtml(blocks)),
		files: files.map(simpleFile),
	};
}

const isRecord = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A publication record from Thinkeo (GET /publications/{id}), or an UnusableAnswerError saying what came. */
function readPublication(answer: unknown): IDataObject {
	if (!isRecord(answer)) throw new UnusableAnswerError(`Thinkeo answered with ${describeValue(answer)}, not a publication`);
	return answer;
}

async function fetchPublication(this: IExecuteSingleFunctions, publicationId: string): Promise<IDataObject> {
	const answer = await thinkeoRequest.call(this, `reading publication ${publicationId}`, {
		method: 'GET',
		url: `/publications/${encodeURIComponent(publicationId)}`,
	});
	return readPublication(answer);
}

async function fetchBlocks(this: IExecuteSingleFunctions, publicationId: string): Promise<DocumentBlock[]> {
	const answer = await thinkeoRequest.call(this, `reading the content of publication ${publicationId}`, {
		method: 'GET',
		url: `/publications/${encodeURIComponent(publicationId)}/data`,
	});
	return documentBlocks(readRenderOutput(answer));
}

async function generatedFiles(
	this: IExecuteSingleFunctions,
	publicationId: string | undefined,
	blocks: DocumentBlock[],
	inputs: GenerationInputs,
): Promise<FileReference[]> {
	return await publicationFiles.call(this, { publicationId, blocks, listAttachments: Boolean(publicationId), inputs, scope: 'generated' });
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * postReceive of Publication → Create: with Simplify on, one item made of the render result (Thinkeo's answer itself),
 * the name read back and the generated files listed, keeping the binary fields the earlier steps attached. The
 * publication exists by then, so a failed lookup is reported in `error` rather than failing the item: the user would
 * generate it again.
 */
export const simplifyGeneration: PostReceiveAction = async function (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	if (!isSimplified(this)) return items;
	const render = readRenderOutput(response.body);
	const { publicationId } = render;
	const blocks = documentBlocks(render);
	const problems: string[] = [];
	const lookup = async <T>(fallback: T, read: () => Promise<T>): Promise<T> => {
		try {
			return await read();
		} catch (error) {
			problems.push(messageOf(error));
			return fallback;
		}
	};
	const name = publicationId ? await lookup(undefined, async () => (await fetchPublication.call(this, publicationId)).name) : undefined;
	const files = await lookup<FileReference[]>([], async () => await generatedFiles.call(this, publicationId, blocks, generationInputsPerItem.read(this)));
	const json = simplePublication({ publicationId, name: typeof name === 'string' ? name : undefined, blocks, files });
	if (problems.length) json.error = problems.join('; ');
	const binary = items[0]?.binary;
	return [{ json, ...(binary ? { binary } : {}) }];
};

/**
 * postReceive of Publication → Get (`answer` "publication") and Get Data (`answer` "data"): with Simplify on, the
 * publication and its content, one read from Thinkeo's answer and the other fetched, become one simplified item.
 */
export function simplifyStoredPublication(answer: 'publication' | 'data'): PostReceiveAction {
	return async function (this: IExecuteSingleFunctions, items: INodeExecutionData[], response: IN8nHttpFullResponse): Promise<INodeExecutionData[]> {
		if (!isSimplified(this)) return items;
		const publicationId = String(this.getNodeParameter('publicationId', '', { extractValue: true }));
		const publication = answer === 'publication' ? readPublication(response.body) : await fetchPublication.call(this, publicationId);
		const blocks = answer === 'data' ? documentBlocks(readRenderOutput(response.body)) : await fetchBlocks.call(this, publicationId);
		const id = typeof publication.id === 'string' ? publication.id : publicationId;
		const files = await generatedFiles.call(this, id, blocks, inputsOfPublication(publication));
		const name = typeof publication.name === 'string' ? publication.name : undefined;
		return [{ json: simplePublication({ publicationId: id, name, blocks, files }) }];
	};
}
