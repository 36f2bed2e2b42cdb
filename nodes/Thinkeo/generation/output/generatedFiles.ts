import type {
	IBinaryData,
	IDataObject,
	IExecuteSingleFunctions,
	JsonObject,
	INodeExecutionData,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { FileReference } from './fileSources';
import { downloadTargetOf, publicationFiles } from './fileSources';
import type { GenerationInputs } from '../input/inputFiles';
import type { DocumentBlock } from './document';
import { downloadFile, maxDownloadBytes, maxDownloadMs, maxDownloadSizeField, maxDownloadTimeField } from '../../io/download';
import type { FileFilter } from './fileFilter';
import { parseFileFilter, passesFileFilter } from './fileFilter';

/**
 * The Output Files option (Publication → Create, Block → Render, the trigger's New Publication): the files of the
 * publication as binary fields of the output item, listed by name and URL in its JSON (what an AI agent sees).
 */
export const outputFilesFields: INodeProperties[] = [
	{
		displayName: 'Output Files',
		name: 'outputFiles',
		type: 'options',
		default: 'none',
		options: [
			{
				name: 'All Publication Files',
				value: 'all',
				description: 'Every file attached to the publication, the input files included',
			},
			{
				name: 'Generated Files',
				value: 'generated',
				description: 'The files the generation produced (Word, PowerPoint, images…), without the input files',
			},
			{ name: 'None', value: 'none', description: 'No files: the document and its blocks only' },
		],
		description:
			'Whether to output the publication’s files as binary fields (file_0, file_1, …), with their name, MIME type, size, attachment ID and URL listed under "files"',
	},
	{
		displayName: 'File Options',
		name: 'outputFileOptions',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { hide: { outputFiles: ['none'] } },
		options: [
			{
				displayName: 'Binary Field Prefix',
				name: 'binaryPrefix',
				type: 'string',
				default: 'file_',
				description: 'The files go in the binary fields &lt;prefix&gt;0, &lt;prefix&gt;1, … in the order Thinkeo lists them',
			},
			{
				displayName: 'File Extensions',
				name: 'extensions',
				type: 'string',
				default: '',
				placeholder: 'e.g. docx, pdf',
				description: 'Comma-separated extensions of the files to keep. Leave empty for every file.',
			},
			{
				displayName: 'Max Files',
				name: 'maxFiles',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				description: 'The most files to output, after the filters; 0 outputs them all',
			},
			{
				displayName: 'MIME Types',
				name: 'mimeTypes',
				type: 'string',
				default: '',
				placeholder: 'e.g. application/pdf, image/*',
				description: 'Comma-separated MIME types of the files to keep; type/* keeps a whole family. Leave empty for every file.',
			},
			{
				displayName: 'Single File As Data',
				name: 'singleFileAsData',
				type: 'boolean',
				default: false,
				description: 'Whether one file alone goes in the binary field "data", the name most nodes read by default',
			},
			maxDownloadSizeField,
			maxDownloadTimeField,
		],
	},
];

/** Where the files of one output item come from. */
export interface OutputFileSource {
	publicationId: string | undefined;
	blocks: DocumentBlock[];
	/** Whether the publication is stored, so that its attachments can be listed. */
	listAttachments: boolean;
	inputs: GenerationInputs;
	/** Whether a file that cannot be downloaded is listed with its error (true) or stops the item (false). */
	keepErrors: boolean;
}

/** What the item's JSON says of one file. */
interface OutputFileEntry extends IDataObject {
	binaryField?: string;
	fileName?: string;
	mimeType?: string;
	fileSize?: number;
	attachmentId?: string;
	url?: string;
	source: string;
	blockKind?: string;
	/** Listed, not downloaded: a URL outside the Base URL, or named by a block that is not a file block. */
	external?: boolean;
	/** Why an external file is not downloaded. */
	reason?: string;
	error?: string;
}

const describeFile = ({ fileName, mimeType, attachmentId, url, source, blockKind }: FileReference): OutputFileEntry => {
	const entry: OutputFileEntry = { fileName, mimeType, attachmentId, url, source, blockKind };
	return Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined)) as OutputFileEntry;
};

interface FileSettings {
	scope: 'generated' | 'all';
	filter: FileFilter;
	prefix: string;
	singleFileAsData: boolean;
	maxBytes: number;
	maxMs: number;
}

function fileSettings(this: IExecuteSingleFunctions | IPollFunctions): FileSettings | undefined {
	const scope = String(this.getNodeParameter('outputFiles', 'none'));
	if (scope !== 'generated' && scope !== 'all') return undefined;
	const options = this.getNodeParameter('outputFileOptions', {}) as IDataObject;
	return {
		scope,
		filter: parseFileFilter(String(options.extensions ?? ''), String(options.mimeTypes ?? ''), Number(options.maxFiles ?? 0)),
		prefix: String(options.binaryPrefix ?? '').trim() || 'file_',
		singleFileAsData: options.singleFileAsData === true,
		maxBytes: maxDownloadBytes.call(this, options.maxDownloadSizeMb ?? maxDownloadSizeField.default),
		maxMs: maxDownloadMs.call(this, options.maxDownloadTimeSeconds ?? maxDownloadTimeField.default),
	};
}

const nameOf = (file: FileReference) => file.fileName ?? file.attachmentId ?? file.url ?? 'file';

/**
 * The item with the publication's files added (Output Files not None): one binary field each, and `files` in its
 * JSON listing every file by name and URL. A file that cannot be downloaded stops the item with an error naming
 * it, or, with `keepErrors`, is listed with its `error` and the item gets `error` too.
 */
export async function withOutputFiles(
	this: IExecuteSingleFunctions | IPollFunctions,
	item: INodeExecutionData,
	source: OutputFileSource,
): Promise<INodeExecutionData> {
	const settings = fileSettings.call(this);
	if (!settings) return item;
	const { filter } = settings;
	const credentials = await this.getCredentials('thinkeoApi');
	const files = await publicationFiles.call(this, { ...source, scope: settings.scope });
	const entries: OutputFileEntry[] = [];
	const downloaded: Array<{ entry: OutputFileEntry; binary: IBinaryData }> = [];
	const failures: string[] = [];
	for (const file of files.filter((candidate) => passesFileFilter(filter, candidate))) {
		if (filter.maxFiles && entries.length >= filter.maxFiles) break;
		const target = downloadTargetOf(file, String(credentials.baseUrl));
		if ('refused' in target) {
			entries.push({ ...describeFile(file), external: true, reason: target.refused });
			continue;
		}
		const step = `downloading the file "${nameOf(file)}" of publication ${source.publicationId ?? ''}`.trim();
		try {
			const limit = { step, maxBytes: settings.maxBytes, maxMs: settings.maxMs };
			const { binary, fileName, mimeType, fileSize } = await downloadFile.call(this, limit, target.path, file.fileName);
			// The download tells the real name and type, which the filter checks again.
			if (!passesFileFilter(filter, { fileName, mimeType })) continue;
			const entry = { ...describeFile(file), fileName, mimeType, fileSize };
			entries.push(entry);
			downloaded.push({ entry, binary });
		} catch (error) {
			if (!source.keepErrors) {
				// The download's error (a NodeApiError naming the file) comes back unchanged, with a pointer to the publication.
				const failure = new NodeApiError(this.getNode(), error as JsonObject);
				const pointer = `The publication was generated (ID ${source.publicationId ?? 'unknown'}); Publication → Get Attachments lists its files.`;
				failure.description = [failure.description, pointer].filter(Boolean).join(' ');
				throw failure;
			}
			const message = (error as Error).message;
			entries.push({ ...describeFile(file), error: message });
			failures.push(message);
		}
	}
	const binary: Record<string, IBinaryData> = { ...item.binary };
	const asData = settings.singleFileAsData && downloaded.length === 1 && !binary.data;
	downloaded.forEach(({ entry, binary: file }, index) => {
		entry.binaryField = asData ? 'data' : `${settings.prefix}${index}`;
		binary[entry.binaryField] = file;
	});
	const json: IDataObject = { ...item.json, files: entries };
	if (failures.length) json.error = failures.join('; ');
	return { ...item, json, ...(Object.keys(binary).length ? { binary } : {}) };
}
