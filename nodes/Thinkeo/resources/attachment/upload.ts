import { defineOperation } from '../../shared/operation';
import { sendBinaryAsRawBody } from '../../shared/binary';

export const uploadAttachment = defineOperation({
	value: 'upload',
	name: 'Upload',
	action: 'Upload a file',
	description:
		'Upload a file from a binary field and return its ID, URL, file name and SHA-1. Use the URL as the value of a File attribute when creating a publication (POST /attachments).',
	routing: {
		request: { method: 'POST', url: '/attachments' },
		send: { preSend: [sendBinaryAsRawBody] },
	},
	fields: [
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the file to upload',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					description: 'Name to store the file under. Defaults to the binary file name.',
				},
				{
					displayName: 'MIME Type',
					name: 'mimeType',
					type: 'string',
					default: '',
					placeholder: 'e.g. application/pdf',
					description: 'Content type to send. Defaults to the MIME type of the binary data.',
				},
			],
		},
	],
});
