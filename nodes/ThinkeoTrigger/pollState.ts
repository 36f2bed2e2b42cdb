import type { IDataObject } from 'n8n-workflow';

/**
 * The trigger's position in a list of dated records (publications, team log entries), kept in the workflow's
 * static data between polls: the newest creation time seen and the IDs created at exactly that time, so records
 * sharing a timestamp neither fire twice nor get lost. No `newestAt` means nothing has been seen yet.
 */
export type TimeCursor = { newestAt?: string; idsAtNewest: string[] };

/**
 * The attachments seen per watched publication (attachment IDs), and the newest creation time among the watched
 * publications. Attachments are tracked by ID, not by time: a file uploaded long ago is still new to a publication
 * that starts linking to it.
 */
export type AttachmentWatch = { seen: Record<string, string[]>; newestAt?: string };

export interface WatchedPublication {
	id: string;
	/** Unknown when a single chosen publication is watched. */
	createdAt?: unknown;
	attachments: IDataObject[];
}

function timeOf(value: unknown): number | undefined {
	const time = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isNaN(time) ? undefined : time;
}

/** Records with an ID and a readable `createdAt`, oldest first; a record listed twice counts once. */
function dated<T extends IDataObject>(records: T[]): Array<{ record: T; id: string; at: number }> {
	const byId = new Map<string, { record: T; id: string; at: number }>();
	for (const record of records) {
		const at = timeOf(record.createdAt);
		// A record without a creation time cannot be placed against the cursor, so it never fires.
		if (typeof record.id === 'string' && at !== undefined) byId.set(record.id, { record, id: record.id, at });
	}
	return [...byId.values()].sort((a, b) => a.at - b.at);
}

/** The records with a readable creation time, newest first. */
export function newestFirst<T extends IDataObject>(records: T[]): T[] {
	return dated(records)
		.reverse()
		.map(({ record }) => record);
}

/**
 * The records created after `cursor`, oldest first, and the cursor to keep after them. Without a cursor (the first
 * activation) nothing is new: the cursor starts at the newest record, so the history is not replayed.
 */
export function advanceTimeCursor<T extends IDataObject>(
	records: T[],
	cursor: TimeCursor | undefined,
): { fresh: T[]; cursor: TimeCursor } {
	const all = dated(records);
	if (!cursor) return { fresh: [], cursor: positionAfter(all, { idsAtNewest: [] }) };
	const since = timeOf(cursor.newestAt);
	const known = new Set(cursor.idsAtNewest);
	const fresh = all.filter(({ id, at }) => since === undefined || at > since || (at === since && !known.has(id)));
	return { fresh: fresh.map(({ record }) => record), cursor: positionAfter(fresh, cursor) };
}

/** The cursor after `records` (oldest first, none older than `cursor`). */
function positionAfter(records: Array<{ record: IDataObject; id: string; at: number }>, cursor: TimeCursor): TimeCursor {
	const newest = records[records.length - 1];
	if (!newest) return cursor;
	const idsAtNewest = records.filter(({ at }) => at === newest.at).map(({ id }) => id);
	if (newest.at === timeOf(cursor.newestAt)) {
		return { newestAt: cursor.newestAt, idsAtNewest: [...cursor.idsAtNewest, ...idsAtNewest] };
	}
	return { newestAt: String(newest.record.createdAt), idsAtNewest };
}

/**
 * The attachments that appeared on the watched publications since the last poll, and the state to keep. Without
 * a state (the first activation) nothing is new. A publication watched for the first time fires its attachments
 * only if it was created after the newest publication already watched (it is new, not merely newly in scope).
 */
export function advanceAttachmentWatch(
	publications: WatchedPublication[],
	state: AttachmentWatch | undefined,
): { fresh: Array<{ publicationId: string; attachment: IDataObject }>; state: AttachmentWatch } {
	const since = timeOf(state?.newestAt);
	const fresh: Array<{ publicationId: string; attachment: IDataObject }> = [];
	const seen: Record<string, string[]> = {};
	let newestAt = state?.newestAt;
	for (const publication of publications) {
		const ids = publication.attachments.map((attachment) => String(attachment.id));
		const known = state?.seen[publication.id];
		const created = timeOf(publication.createdAt);
		const isNew = state !== undefined && created !== undefined && (since === undefined || created > since);
		if (known || isNew) {
			const before = new Set(known ?? []);
			for (const attachment of publication.attachments) {
				if (before.has(String(attachment.id))) continue;
				before.add(String(attachment.id));
				fresh.push({ publicationId: publication.id, attachment });
			}
		}
		// Kept as a union, so an attachment removed and linked again does not fire twice.
		seen[publication.id] = [...new Set([...(known ?? []), ...ids])];
		if (created !== undefined && created > (timeOf(newestAt) ?? -Infinity)) newestAt = String(publication.createdAt);
	}
	return { fresh, state: newestAt === undefined ? { seen } : { seen, newestAt } };
}
