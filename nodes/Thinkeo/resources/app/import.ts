import { sendBinaryAsRawBody } from '../../shared/binary';
import { defineOperation } from '../../shared/operation';

// INFERRED: the reference shows no body; the node sends the raw bytes of an export file (from Export Version) the
// way POST /attachments takes files: its MIME type as Content-Type and its name in the `filename` header.
export const importApp = defineOperation({
	value: 'import',
	name: 'Import',
	action: 'Import an app',
	description:
		'Create a new App in the team from an App export file in a binary field (made by Export Version); returns the new App with its ID (POST /apps/import)',
	routing: {
		request: { method: 'POST', url: '/apps/import' },
		send: { preSend: [sendBinaryAsRawBody] },
	},
	fields: [
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the export file',
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
					description: 'Name to send for the file. Defaults to the binary file name.',
				},
				{
					displayName: 'MIME Type',
					name: 'mimeType',
					type: 'string',
					default: '',
					placeholder: 'e.g. application/json',
					description: 'Content type to send. Defaults to the MIME type of the binary data.',
				},
			],
		},
	],
});
