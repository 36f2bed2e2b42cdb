import type { DeclarativeRestApiSettings, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';

import { resourceProperties } from '../../nodes/Thinkeo/operationKit/builder';
import { resources } from '../../nodes/Thinkeo/resources';
import type { PageReader } from '../../nodes/Thinkeo/transport/paging';
import { QUERY_PAGING, readAllPages, readEveryPage, recordKey } from '../../nodes/Thinkeo/transport/paging';

type Row = { id: string };
const rows = (count: number): Row[] => Array.from({ length: count }, (_, n) => ({ id: `r${n + 1}` }));

/** A fake list endpoint answering with `answer(limit, offset)`; it records every page asked for. */
function endpoint(answer: (limit: number, offset: number) => Row[]) {
	const asked: Array<[number, number]> = [];
	const readPage: PageReader<Row> = async (limit, offset) => {
		asked.push([limit, offset]);
		if (asked.length > 1000) throw new Error('the loop does not end');
		return answer(limit, offset);
	};
	return { readPage, asked };
}

const honest = (all: Row[]) => (limit: number, offset: number) => all.slice(offset, offset + limit);
const readAll = async (readPage: PageReader<Row>) => await readEveryPage(readPage, recordKey, 100);

describe('reading every page of a list whose paging is inferred', () => {
	it('reads an honest API page by page, once each, ending on the empty page', async () => {
		const all = rows(230);
		const { readPage, asked } = endpoint(honest(all));
		expect(await readAll(readPage)).toEqual(all);
		expect(asked).toEqual([[100, 0], [100, 100], [100, 200], [100, 230]]);
	});

	it('ends against an API that ignores limit and offset: the 150 records once each, in two requests', async () => {
		const all = rows(150);
		const { readPage, asked } = endpoint(() => all);
		expect(await readAll(readPage)).toEqual(all);
		expect(asked).toEqual([[100, 0], [100, 150]]);
	});

	it('loses nothing against an API that caps its pages below the size asked for', async () => {
		const all = rows(230);
		const { readPage, asked } = endpoint((limit, offset) => all.slice(offset, offset + Math.min(limit, 50)));
		expect(await readAll(readPage)).toEqual(all);
		expect(asked.map(([, offset]) => offset)).toEqual([0, 50, 100, 150, 200, 230]);
	});

	it('keeps a record once when a page boundary shifts under it, and ends when a page brings nothing new', async () => {
		const all = rows(5);
		// Each page overlaps the previous one by a record, and the API answers its last page forever.
		const { readPage, asked } = endpoint((_limit, offset) => all.slice(Math.max(0, Math.min(offset, 3) - 1), Math.min(offset, 3) + 2));
		expect(await readEveryPage(readPage, recordKey, 2)).toEqual(all);
		expect(asked.length).toBeLessThan(10);
	});

	it('stops with a clear error when the API keeps inventing records', async () => {
		let next = 0;
		const { readPage, asked } = endpoint((limit) => Array.from({ length: limit }, () => ({ id: `new${(next += 1)}` })));
		await expect(readEveryPage(readPage, recordKey, 10, { maxPages: 25, maxRecords: 1000 })).rejects.toThrow(
			'Stopped reading the list after 25 pages (250 records): Thinkeo kept answering records not seen before',
		);
		expect(asked).toHaveLength(25);
	});

	it('stops with a clear error, inside the page, when an API ignoring the page size sends more records than the cap', async () => {
		// The server: 1.5 million records, 20,000 a page whatever the limit; the cap is a million by default.
		let kept = 0;
		const keyOf = (row: Row) => ((kept += 1), recordKey(row));
		const { readPage, asked } = endpoint((_limit, offset) => Array.from({ length: 20_000 }, (_, n) => ({ id: `r${offset + n}` })));
		await expect(readEveryPage(readPage, keyOf, 100)).rejects.toThrow(
			'Stopped reading the list in page 51 (offset 1000000, 20000 records): it holds more than 1000000 records, the most the node reads in one list, and Thinkeo sent more than the 100 records a page asked for',
		);
		expect(asked).toHaveLength(51);
		expect(kept).toBe(1_000_001);
	});

	it('stops at the record that passes the cap, even in the first page', async () => {
		const { readPage, asked } = endpoint(() => rows(1_500_000));
		await expect(readEveryPage(readPage, recordKey, 100, { maxRecords: 1000 })).rejects.toThrow(/^Stopped reading the list in page 1 .*more than 1000 records/);
		expect(asked).toHaveLength(1);
	});

	it('stops with a clear error on a page that is not a list', async () => {
		const { readPage } = endpoint((_limit, offset) => (offset === 0 ? rows(100) : ({ data: [] } as unknown as Row[])));
		await expect(readAll(readPage)).rejects.toThrow('Thinkeo answered page 2 of the list (offset 100) with an object, not a list');
	});

	it('tells records without an ID apart by their content', async () => {
		const anonymous = [{ name: 'a' }, { name: 'b' }] as unknown as Row[];
		const { readPage } = endpoint(() => anonymous);
		expect(await readAll(readPage)).toEqual(anonymous);
		expect(recordKey({ id: 7 })).toBe('id:7');
		expect(recordKey(null)).toBe('json:null');
	});
});

describe('Return All over n8n routing', () => {
	it('sends limit and offset where the paging says, offsets advancing by what came back', async () => {
		const all = rows(120);
		const sent: Array<DeclarativeRestApiSettings.ResultOptions['options']> = [];
		const send = async (options: DeclarativeRestApiSettings.HttpRequestOptions): Promise<INodeExecutionData[]> => {
			sent.push(options);
			const { limit, offset } = options.body as { limit: number; offset: number };
			return all.slice(offset, offset + Math.min(limit, 50)).map((json) => ({ json }));
		};
		const options = { method: 'POST', url: '/publications/query', body: { name: 'x' } } as DeclarativeRestApiSettings.HttpRequestOptions;
		const items = await readAllPages(send, options, { limitParameter: 'limit', offsetParameter: 'offset', pageSize: 100 });
		expect(items.map((item) => item.json)).toEqual(all);
		expect(sent.map((options) => options.body)).toEqual([0, 50, 100, 120].map((offset) => ({ name: 'x', limit: 100, offset })));
	});
});

describe('which operations page', () => {
	const operations = resources.flatMap((resource) => resource.operations.map((operation) => ({ resource: resource.value, operation })));

	it('the POST …/query Get Many operations, with the project’s own paging; every other operation sends one request', () => {
		const paged = operations.filter(({ operation }) => operation.paging).map(({ resource, operation }) => `${resource} ${operation.value}`);
		expect(paged.sort()).toEqual(['app getMany', 'attribute getMany', 'block getMany', 'publication getMany']);
		for (const { operation } of operations.filter(({ operation }) => operation.paging)) {
			expect(operation.paging).toBe(QUERY_PAGING);
			expect(String(operation.routing.request?.url)).toMatch(/\/query$/);
		}
	});

	it('hands n8n no paging object of its own: each operation’s pagination hook is the request wrapper', () => {
		for (const resource of resources) {
			const selector = resourceProperties(resource)[0];
			for (const option of selector.options as INodePropertyOptions[]) {
				expect(option.routing?.send?.paginate).toBe(true);
				expect(typeof option.routing?.operations?.pagination).toBe('function');
			}
		}
		for (const { operation } of operations) expect(operation.routing.operations?.pagination).toBeUndefined();
	});
});
