import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { checkedId } from '../operationKit/locators';
import { thinkeoRequest } from '../transport/request';
import type { Example, Poll, TriggerEvent } from './event';
import { exampleItem } from './event';
import { asRecords } from './listAnswer';
import type { AttachmentPoll, AttachmentWatch, WatchedPublication } from './pollState';
import { advanceAttachmentWatch, idOf } from './pollState';
import { appFilter, ofApp, publicationPages } from './publicationQuery';
import type { PublicationPollState } from './publicationPoll';
import { recentPublications } from './publicationPoll';

async function attachmentsOf(this: IPollFunctions, id: string): Promise<IDataObject[]> {
	return asRecords.call(
		this,
		await thinkeoRequest.call(this, `listing the attachments of publication ${id}`, {
			method: 'GET',
			url: `/publications/${encodeURIComponent(id)}/attachments`,
		}),
		`GET /publications/${id}/attachments`,
	);
}

/**
 * The watched publications and their attachments: the chosen one, or the newest `watchCount` (those created since
 * the last poll included, so a publication generated with a file fires it). A publication whose attachments cannot
 * be listed is left out and named in `failed`, with the error in `failures`; `next` is the listing's state to keep.
 */
async function watchPublications(
	this: IPollFunctions,
	state: PublicationPollState,
	now: number,
): Promise<{ poll: AttachmentPoll; failures: unknown[]; next: PublicationPollState }> {
	if (this.getNodeParameter('watch') === 'publication') {
		const id = checkedId(this.getNode(), 'Publication', this.getNodeParameter('publicationId', '', { extractValue: true }), {
			required: true,
		});
		return { poll: { watched: [{ id, attachments: await attachmentsOf.call(this, id) }], failed: [] }, failures: [], next: {} };
	}
	const count = this.getNodeParameter('watchCount') as number;
	const appId = appFilter.call(this);
	const pages = publicationPages.call(this, appId);
	const { listed, extent, newest, next } = await recentPublications(pages, state, appId, ofApp(appId), count, now);
	const watched: WatchedPublication[] = [];
	const failed: string[] = [];
	const failures: unknown[] = [];
	// One at a time: a burst of parallel requests at every poll would be unkind to the API's rate limits.
	for (const publication of newest) {
		// newestFirst keeps only records with an ID.
		const id = idOf(publication) as string;
		try {
			watched.push({ id, attachments: await attachmentsOf.call(this, id) });
		} catch (error) {
			failed.push(id);
			failures.push(error);
		}
	}
	return { poll: { listed, listedExtent: extent, watched, failed }, failures, next };
}

const attachmentItems = (fresh: Array<{ publicationId: string; attachment: IDataObject }>): IDataObject[] =>
	fresh.map(({ publicationId, attachment }) => ({ publicationId, ...attachment }));

const poll: Poll = async function (state, now) {
	const { poll: watchedNow, failures, next } = await watchPublications.call(this, state, now);
	const { fresh, state: watch } = advanceAttachmentWatch(watchedNow, state.attachmentWatch as AttachmentWatch | undefined, now);
	// A publication whose attachments could not be listed is read again at the next poll, without holding back the
	// others. When nothing else fires, its failure fails this poll, which saves nothing: a lasting failure is seen,
	// and an activation is never half done.
	if (fresh.length === 0 && failures.length) throw failures[0];
	Object.assign(state, next, { attachmentWatch: watch });
	return this.helpers.returnJsonArray(attachmentItems(fresh));
};

const example: Example = async function (now) {
	const { poll: watchedNow, failures } = await watchPublications.call(this, {}, now);
	// Recent publications come newest first; a listing names no upload time, so its last entry stands for the newest.
	const withFiles = watchedNow.watched.find((publication) => publication.attachments.length > 0);
	if (!withFiles && failures.length) throw failures[0];
	const attachment = withFiles?.attachments[withFiles.attachments.length - 1];
	const [record] = attachment ? attachmentItems([{ publicationId: withFiles.id, attachment }]) : [];
	return exampleItem.call(this, record, 'attachment on the watched publications');
};

/** New Attachment on a Publication: a file was attached to one chosen publication or to one of the newest. */
export const newAttachment: TriggerEvent = { poll, example };
