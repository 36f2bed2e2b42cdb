// Attachments: the documented raw-body upload (not multipart; the name in a `filename` header),
// download and metadata.
import { createHash, randomUUID } from 'node:crypto';

import { ApiError, decodeFilename, fileReply, jsonReply, rejectMultipart } from '../http-utils.mjs';
import { DEMO_TEAM } from '../seed.mjs';
import { isUuid } from '../validation.mjs';

/** A deterministic attachment of the Demo Team, present after every reset (seeded publication 1 links to it). */
export const SEEDED_ATTACHMENT_ID = '0192f0a6-5555-7f00-8a00-000000000001';
const SEEDED_BYTES = Buffer.from('Seeded brief of the Demo Team.\n', 'utf8');

/** The documented Attachment shape: `{id, url, filename, sha1}`. */
export function describe(attachment, apiBaseUrl) {
	const { id, filename, sha1 } = attachment;
	return { id, url: `${apiBaseUrl}/attachments/${id}`, filename, sha1 };
}

function findAttachment(store, params, principal) {
	if (!isUuid(params.attachment_id)) {
		throw new ApiError(400, `Attachment id must be a UUID, got "${params.attachment_id}"`);
	}
	const attachment = store.attachments.get(params.attachment_id.toLowerCase());
	if (!attachment || attachment.teamId !== principal.token.teamId) {
		throw new ApiError(404, `Attachment ${params.attachment_id} not found`);
	}
	return attachment;
}

async function uploadAttachment({ req, store, config, body, principal, apiBaseUrl }) {
	rejectMultipart(
		req,
		'The upload must be the raw file bytes (Content-Type: the file\'s MIME type, name in a "filename" header), not multipart/form-data',
	);
	const contentType = req.headers['content-type']?.trim();
	const filename = decodeFilename(req.headers.filename);
	if (!filename) throw new ApiError(400, 'Missing filename header');
	const bytes = await body.read(config.maxUploadBytes);
	if (bytes.length === 0) throw new ApiError(400, 'Request body is empty; send the raw file bytes');

	const attachment = {
		id: randomUUID(),
		teamId: principal.token.teamId,
		filename,
		mimeType: contentType || 'application/octet-stream',
		size: bytes.length,
		// Documented quirk: the digest is an array of byte values, not a hex string.
		sha1: [...createHash('sha1').update(bytes).digest()],
		bytes,
		createdAt: new Date().toISOString(),
	};
	store.attachments.set(attachment.id, attachment);
	return jsonReply(describe(attachment, apiBaseUrl));
}

function downloadAttachment({ store, params, principal }) {
	const attachment = findAttachment(store, params, principal);
	return fileReply(attachment.bytes, attachment.mimeType, attachment.filename);
}

function attachmentMeta({ store, params, principal, apiBaseUrl }) {
	const attachment = findAttachment(store, params, principal);
	const { mimeType, size, createdAt } = attachment;
	return jsonReply({ ...describe(attachment, apiBaseUrl), mimeType, size, createdAt });
}

/**
 * Seeds one attachment and lists the attachments (seeded and uploaded) under `collections.attachments` of
 * GET /_sandbox/seed: the collection is the store's own attachment map, so uploads and seeds stay one state.
 */
export function seed(store) {
	store.attachments.set(SEEDED_ATTACHMENT_ID, {
		id: SEEDED_ATTACHMENT_ID,
		teamId: DEMO_TEAM.id,
		filename: 'seeded-brief.txt',
		mimeType: 'text/plain',
		size: SEEDED_BYTES.length,
		sha1: [...createHash('sha1').update(SEEDED_BYTES).digest()],
		bytes: SEEDED_BYTES,
		createdAt: '2025-01-01T00:00:00.000Z',
	});
	store.collections.set('attachments', store.attachments);
}

export const routes = [
	{ method: 'POST', path: '/attachments', auth: 'bearer', handler: uploadAttachment },
	{
		method: 'GET',
		path: '/attachments/:attachment_id',
		auth: 'bearer',
		handler: downloadAttachment,
	},
	{
		method: 'GET',
		path: '/attachments/:attachment_id/meta',
		auth: 'bearer',
		handler: attachmentMeta,
	},
];
