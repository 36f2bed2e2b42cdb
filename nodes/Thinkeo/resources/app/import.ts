import { describeRawUpload, sendBinaryAsRawBody } from '../../io/binary';
import { binaryInputFields } from '../../operationKit/binaryFields';
import { defineOperation } from '../../operationKit/builder';

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
	rawBody: describeRawUpload,
	fields: binaryInputFields({
		hint: 'The name of the input binary field containing the export file',
		fileNameDescription: 'Name to send for the file. Defaults to the binary file name.',
		mimeTypePlaceholder: 'e.g. application/json',
	}),
});
