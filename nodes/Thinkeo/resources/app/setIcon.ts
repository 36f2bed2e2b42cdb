import { describeRawUpload, sendBinaryAsRawBody } from '../../io/binary';
import { binaryInputFields } from '../../operationKit/binaryFields';
import { defineOperation } from '../../operationKit/builder';
import { appLocator } from './common';

// INFERRED (as the reference notes): a raw-body upload like POST /attachments, the image's MIME type as
// Content-Type and its name in the `filename` header; not multipart.
export const setAppIcon = defineOperation({
	value: 'setIcon',
	name: 'Set Icon',
	action: 'Set the icon of an app',
	description: "Upload an image from a binary field as the icon of an App, replacing the current one; returns Thinkeo's answer, or success: true when it is empty (PUT /apps/{appId}/icon)",
	routing: {
		request: { method: 'PUT', url: '/apps/{appId}/icon' },
		send: { preSend: [sendBinaryAsRawBody] },
	},
	rawBody: describeRawUpload,
	fields: [
		appLocator(),
		...binaryInputFields({
			hint: 'The name of the input binary field containing the image',
			fileNameDescription: 'Name to send for the image. Defaults to the binary file name.',
			mimeTypePlaceholder: 'e.g. image/png',
		}),
	],
});
