import type { INodeProperties } from 'n8n-workflow';

import { maxDownloadSizeField, maxDownloadTimeField } from '../io/download';
import { optionsCollection } from './fields';

// The editor fields of the operations that send or receive a file; io/binary.ts reads them when it runs.

export interface BinaryInputTexts {
	/** Hint of the Input Binary Field, e.g. "The name of the input binary field containing the image". */
	hint: string;
	/** Description of the File Name option. */
	fileNameDescription: string;
	/** Placeholder of the MIME Type option, e.g. "e.g. image/png". */
	mimeTypePlaceholder: string;
}

/** The input fields read by `sendBinaryAsRawBody`: the binary field to send and its optional name and MIME type. */
export function binaryInputFields({ hint, fileNameDescription, mimeTypePlaceholder }: BinaryInputTexts): INodeProperties[] {
	return [
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint,
		},
		optionsCollection([
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: fileNameDescription,
			},
			{
				displayName: 'MIME Type',
				name: 'mimeType',
				type: 'string',
				default: '',
				placeholder: mimeTypePlaceholder,
				description: 'Content type to send. Defaults to the MIME type of the binary data.',
			},
		]),
	];
}

/** The output field shared by every download operation. */
export const binaryOutputField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
};

/** The Options of every download operation: the Max Download Size and Time. */
export const downloadOptionsField: INodeProperties = optionsCollection([maxDownloadSizeField, maxDownloadTimeField]);
