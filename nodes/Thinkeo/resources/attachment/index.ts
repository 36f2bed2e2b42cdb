import { defineResource } from '../../operationKit/builder';
import { downloadAttachment } from './download';
import { getAttachmentMetadata } from './getMetadata';
import { uploadAttachment } from './upload';

export const attachmentResource = defineResource({
	value: 'attachment',
	name: 'Attachment',
	description: 'Files stored by Thinkeo, used as values of File attributes',
	operations: [uploadAttachment, downloadAttachment, getAttachmentMetadata],
});
