import { defineOperation } from '../../operationKit/builder';
import { describeRawUpload, sendBinaryAsRawBody } from '../../io/binary';
import { binaryInputFields } from '../../operationKit/binaryFields';

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
	rawBody: describeRawUpload,
	fields: binaryInputFields({
		hint: 'The name of the input binary field containing the file to upload',
		fileNameDescription: 'Name to store the file under. Defaults to the binary file name.',
		mimeTypePlaceholder: 'e.g. application/pdf',
	}),
});
