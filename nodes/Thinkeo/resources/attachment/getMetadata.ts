import { idLocator } from '../../operationKit/locators';
import { defineOperation } from '../../operationKit/builder';

export const getAttachmentMetadata = defineOperation({
	value: 'getMetadata',
	name: 'Get Metadata',
	action: 'Get the metadata of a file',
	description:
		'Get the metadata of an attachment without its bytes: ID, file name, SHA-1 and URL, and whatever else Thinkeo stores (GET /attachments/{attachment_id}/meta)',
	// INFERRED (method): GET, as for the download.
	routing: { request: { method: 'GET', url: '/attachments/{attachmentId}/meta' } },
	fields: [
		idLocator({
			name: 'attachmentId',
			label: 'Attachment',
			description: 'The attachment: its ID, or the URL that Attachment → Upload returned (…/attachments/&lt;ID&gt;)',
		}),
	],
});
