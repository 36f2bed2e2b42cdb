import { advanceAttachmentWatch, advanceTimeCursor, newestFirst } from '../../nodes/ThinkeoTrigger/pollState';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();
const record = (id: string, minute: number) => ({ id, createdAt: at(minute) });
const ids = (records: Array<{ id?: unknown }>) => records.map((entry) => entry.id);

describe('time cursor', () => {
	it('fires nothing on the first activation and starts at the newest record', () => {
		const { fresh, cursor } = advanceTimeCursor([record('a', 1), record('c', 3), record('b', 2)], undefined);
		expect(fresh).toEqual([]);
		expect(cursor).toEqual({ newestAt: at(3), idsAtNewest: ['c'] });
	});

	it('fires each record created after the cursor once, oldest first', () => {
		const first = advanceTimeCursor([record('a', 1)], undefined).cursor;
		const listed = [record('a', 1), record('d', 4), record('b', 2), record('c', 3)];
		const second = advanceTimeCursor(listed, first);
		expect(ids(second.fresh)).toEqual(['b', 'c', 'd']);
		expect(second.cursor).toEqual({ newestAt: at(4), idsAtNewest: ['d'] });
		expect(advanceTimeCursor(listed, second.cursor).fresh).toEqual([]);
	});

	it('neither repeats nor loses records that share the cursor timestamp', () => {
		const first = advanceTimeCursor([record('a', 5), record('b', 5)], undefined).cursor;
		expect(first).toEqual({ newestAt: at(5), idsAtNewest: ['a', 'b'] });
		const second = advanceTimeCursor([record('a', 5), record('b', 5), record('c', 5)], first);
		expect(ids(second.fresh)).toEqual(['c']);
		expect(second.cursor).toEqual({ newestAt: at(5), idsAtNewest: ['a', 'b', 'c'] });
		expect(advanceTimeCursor([record('b', 5), record('c', 5), record('a', 5)], second.cursor).fresh).toEqual([]);
	});

	it('after an empty first activation, fires everything that appears', () => {
		const empty = advanceTimeCursor([], undefined).cursor;
		expect(empty).toEqual({ idsAtNewest: [] });
		expect(ids(advanceTimeCursor([record('a', 1), record('b', 2)], empty).fresh)).toEqual(['a', 'b']);
	});

	it('counts a record listed twice (a page boundary shifting) once, and skips records without a creation time', () => {
		const cursor = advanceTimeCursor([record('a', 1)], undefined).cursor;
		const listed = [record('b', 2), record('b', 2), { id: 'x', createdAt: 'not a date' }, { id: 'y' }];
		expect(ids(advanceTimeCursor(listed, cursor).fresh)).toEqual(['b']);
	});

	it('orders records newest first for the manual example', () => {
		expect(ids(newestFirst([record('a', 1), record('c', 3), record('b', 2)]))).toEqual(['c', 'b', 'a']);
	});
});

describe('attachment watch', () => {
	const attachment = (id: string) => ({ id, filename: `${id}.pdf` });
	const fired = (result: ReturnType<typeof advanceAttachmentWatch>) =>
		result.fresh.map(({ publicationId, attachment: file }) => `${publicationId}/${String(file.id)}`);

	it('fires nothing on the first activation, then each attachment that appears on a watched publication once', () => {
		const first = advanceAttachmentWatch([{ id: 'p1', createdAt: at(1), attachments: [attachment('f1')] }], undefined);
		expect(fired(first)).toEqual([]);
		const second = advanceAttachmentWatch(
			[{ id: 'p1', createdAt: at(1), attachments: [attachment('f1'), attachment('f2')] }],
			first.state,
		);
		expect(fired(second)).toEqual(['p1/f2']);
		const third = advanceAttachmentWatch(
			[{ id: 'p1', createdAt: at(1), attachments: [attachment('f2'), attachment('f1')] }],
			second.state,
		);
		expect(fired(third)).toEqual([]);
	});

	it('fires the attachments of a publication created since the last poll, not those of an older one entering the scope', () => {
		const first = advanceAttachmentWatch([{ id: 'p2', createdAt: at(2), attachments: [] }], undefined);
		const second = advanceAttachmentWatch(
			[
				{ id: 'p3', createdAt: at(3), attachments: [attachment('f3')] },
				{ id: 'p2', createdAt: at(2), attachments: [] },
				{ id: 'p1', createdAt: at(1), attachments: [attachment('f1')] },
			],
			first.state,
		);
		expect(fired(second)).toEqual(['p3/f3']);
		expect(second.state.newestAt).toBe(at(3));
	});

	it('does not fire again for an attachment removed and linked again', () => {
		const first = advanceAttachmentWatch([{ id: 'p1', attachments: [attachment('f1')] }], undefined);
		const removed = advanceAttachmentWatch([{ id: 'p1', attachments: [] }], first.state);
		expect(fired(advanceAttachmentWatch([{ id: 'p1', attachments: [attachment('f1')] }], removed.state))).toEqual([]);
	});

	it('baselines a chosen publication (no creation time) the first time it is watched', () => {
		const first = advanceAttachmentWatch([{ id: 'p1', attachments: [attachment('f1')] }], { seen: {} });
		expect(fired(first)).toEqual([]);
		expect(first.state.seen).toEqual({ p1: ['f1'] });
	});
});
