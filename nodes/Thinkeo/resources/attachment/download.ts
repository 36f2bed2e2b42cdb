import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import { downloadAsBinary } from '../../io/binary';
import { binaryOutputField, downloadOptionsField } from '../../operationKit/binaryFields';
import { idLocator } from '../../operationKit/locators';
import { defineOperation } from '../../operationKit/builder';
import { thinkeoRequest } from '../../transport/request';

const attachmentId = (context: IExecuteSingleFunctions) =>
	String(context.getNodeParameter('attachmentId', '', { extractValue: true }));

/**
 * File name when the download has no Content-Disposition: the `filename` of GET /attachments/{id}/meta.
 * A failing metadata call is not fatal; the file then keeps the generic name.
 */
async function fileNameFromMetadata(this: IExecuteSingleFunctions): Promise<string | undefined> {
	try {
		const meta = (await thinkeoRequest.call(this, 'reading the attachment metadata', {
			method: 'GET',
			url: `/attachments/${encodeURIComponent(attachmentId(this))}/meta`,
		})) as IDataObject;
		return typeof meta?.filename === 'string' && meta.filename.trim() ? meta.filename : undefined;
	} catch {
		return undefined;
	}
}

/** Puts the attachment ID first in the item's small JSON (the bytes are only in the binary field). */
async function addAttachmentId(this: IExecuteSingleFunctions, items: INodeExecutionData[]) {
	return items.map((item) => ({ ...item, json: { id: attachmentId(this), ...item.json } }));
}

const download = downloadAsBinary('downloading the attachment', fileNameFromMetadata);

export const downloadAttachment = defineOperation({
	value: 'download',
	name: 'Download',
	action: 'Download a file',
	description:
		'Download the file of an attachment into a binary field, with its original file name and MIME type; the item JSON holds only the ID, file name, MIME type and size (GET /attachments/{attachment_id})',
	routing: {
		// INFERRED (method): GET on the upload's `url` returns the bytes. Any Accept, since the answer is a file.
		request: { method: 'GET', url: '/attachments/{attachmentId}', headers: { Accept: '*/*' }, ...download.request },
		output: { postReceive: [download.postReceive, addAttachmentId] },
	},
	fields: [
		idLocator({
			name: 'attachmentId',
			label: 'Attachment',
			description: 'The attachment: its ID, or the URL that Attachment → Upload returned (…/attachments/&lt;ID&gt;)',
		}),
		binaryOutputField,
		downloadOptionsField,
	],
});
