import { sendBinaryAsRawBody } from '../../shared/binary';
import { defineOperation } from '../../shared/operation';
import { appLocator } from './common';

// INFERRED (as the reference notes): a raw-body upload like POST /attachments, the image's MIME type as
// Content-Type and its name in the `filename` header; not multipart.
export const setAppIcon = defineOperation({
	value: 'setIcon',
	name: 'Set Icon',
	action: 'Set the icon of an app',
	description: 'Upload an image from a binary field as the icon of an App, replacing the current one (PUT /apps/{appId}/icon)',
	routing: {
		request: { method: 'PUT', url: '/apps/{appId}/icon' },
		send: { preSend: [sendBinaryAsRawBody] },
	},
	fields: [
		appLocator(),
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the image',
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
					description: 'Name to send for the image. Defaults to the binary file name.',
				},
				{
					displayName: 'MIME Type',
					name: 'mimeType',
					type: 'string',
					default: '',
					placeholder: 'e.g. image/png',
					description: 'Content type to send. Defaults to the MIME type of the binary data.',
				},
			],
		},
	],
});
