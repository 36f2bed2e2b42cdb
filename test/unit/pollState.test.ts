import { advanceAttachmentWatch, advanceLookBack, LOOK_BACK_MAX_IDS, newestFirst } from '../../nodes/Thinkeo/trigger/pollState';

const time = (minute: number) => Date.UTC(2026, 0, 1, 12, minute);
const at = (minute: number) => new Date(time(minute)).toISOString();
const record = (id: string, minute: number) => ({ id, createdAt: at(minute) });
const ids = (records: Array<{ id?: unknown }>) => records.map((entry) => entry.id);

describe('look-back window', () => {
	it('fires nothing on the first activation and records what is listed as seen', () => {
		const { fresh, state } = advanceLookBack([record('a', 1), record('c', 3), record('b', 2)], undefined);
		expect(fresh).toEqual([]);
		expect(state).toEqual({ floorAt: at(3 - 60), seen: { c: time(3), b: time(2), a: time(1) } });
	});

	it('fires each record not seen before once, oldest first', () => {
		const first = advanceLookBack([record('a', 1)], undefined).state;
		const listed = [record('a', 1), record('d', 4), record('b', 2), record('c', 3)];
		const second = advanceLookBack(listed, first);
		expect(ids(second.fresh)).toEqual(['b', 'c', 'd']);
		expect(advanceLookBack(listed, second.state).fresh).toEqual([]);
	});

	it('fires a record listed late, created before one that already fired, exactly once', () => {
		// Poll 2 sees Q (created :30); poll 3 lists L (created :10), e.g. a long generation finishing after Q.
		const first = advanceLookBack([record('old', 0)], undefined).state;
		const second = advanceLookBack([record('old', 0), record('Q', 30)], first);
		expect(ids(second.fresh)).toEqual(['Q']);
		const third = advanceLookBack([record('old', 0), record('L', 10), record('Q', 30)], second.state);
		expect(ids(third.fresh)).toEqual(['L']);
		const fourth = advanceLookBack([record('L', 10), record('old', 0), record('Q', 30)], third.state);
		expect(fourth.fresh).toEqual([]);
	});

	it('does not fire a record that shows up later than the window, and forgets what left it', () => {
		const first = advanceLookBack([record('a', 0)], undefined).state;
		const second = advanceLookBack([record('a', 0), record('b', 61 + 60)], first);
		expect(ids(second.fresh)).toEqual(['b']);
		// The window now starts an hour before b: a is forgotten, and a record dated before the window never fires.
		expect(second.state).toEqual({ floorAt: at(61), seen: { b: time(121) } });
		expect(advanceLookBack([record('a', 0), record('late', 60), record('b', 121)], second.state).fresh).toEqual([]);
		expect(ids(advanceLookBack([record('late', 61)], second.state).fresh)).toEqual(['late']);
	});

	it('neither repeats nor loses records that share a timestamp', () => {
		const first = advanceLookBack([record('a', 5), record('b', 5)], undefined).state;
		const second = advanceLookBack([record('a', 5), record('b', 5), record('c', 5)], first);
		expect(ids(second.fresh)).toEqual(['c']);
		expect(advanceLookBack([record('b', 5), record('c', 5), record('a', 5)], second.state).fresh).toEqual([]);
	});

	it('after an empty first activation, fires everything that appears', () => {
		const empty = advanceLookBack([], undefined).state;
		expect(empty).toEqual({ seen: {} });
		expect(ids(advanceLookBack([record('a', 1), record('b', 2)], empty).fresh)).toEqual(['a', 'b']);
	});

	it('counts a record listed twice (a page boundary shifting) once, and skips records without a creation time', () => {
		const state = advanceLookBack([record('a', 1)], undefined).state;
		const listed = [record('b', 2), record('b', 2), { id: 'x', createdAt: 'not a date' }, { id: 'y' }];
		expect(ids(advanceLookBack(listed, state).fresh)).toEqual(['b']);
	});

	it('stays bounded after 10,000 records, and none of them fires twice', () => {
		// 10,000 records 100 ms apart (all within the hour of the newest), found 500 at a time.
		const many = Array.from({ length: 10_000 }, (_, n) => ({
			id: `0192f0a5-4444-7e00-9f00-${String(n).padStart(12, '0')}`,
			createdAt: new Date(Date.UTC(2026, 0, 1) + n * 100).toISOString(),
		}));
		let state = advanceLookBack([], undefined).state;
		const fired: unknown[] = [];
		for (let end = 500; end <= many.length; end += 500) {
			// Each poll lists everything so far, the newest first, as a full read of the list would.
			const result = advanceLookBack(many.slice(0, end).reverse(), state);
			fired.push(...ids(result.fresh));
			state = result.state;
		}
		expect(fired).toEqual(many.map(({ id }) => id));
		expect(Object.keys(state.seen)).toHaveLength(LOOK_BACK_MAX_IDS);
		expect(JSON.stringify(state).length).toBeLessThan(30_000);
		// The window now starts just after the records it dropped: none of them fires again.
		expect(advanceLookBack(many, state).fresh).toEqual([]);
	});

	it('keeps or drops records of one timestamp together when it has to drop some', () => {
		const same = Array.from({ length: LOOK_BACK_MAX_IDS + 5 }, (_, n) => record(`s${n}`, 1));
		const { state } = advanceLookBack([...same, record('newer', 2)], undefined);
		expect(state).toEqual({ floorAt: new Date(time(1) + 1).toISOString(), seen: { newer: time(2) } });
		expect(advanceLookBack(same, state).fresh).toEqual([]);
	});

	it('takes over the position kept before the look-back window (newest time and its IDs)', () => {
		const old = { newestAt: at(5), idsAtNewest: ['a'] };
		const { fresh, state } = advanceLookBack([record('x', 4), record('a', 5), record('b', 5), record('c', 6)], old);
		expect(ids(fresh)).toEqual(['b', 'c']);
		expect(state.seen).toEqual({ a: time(5), b: time(5), c: time(6) });
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
