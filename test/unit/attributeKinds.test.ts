import type { AttributeKind } from '../../nodes/Thinkeo/generation/input/attributeKinds';
import {
	convertAttributeValue,
	kindOfMapperFieldType,
	mapperFieldType,
} from '../../nodes/Thinkeo/generation/input/attributeKinds';

const convert = (kind: AttributeKind, value: unknown) => convertAttributeValue(kind, value);

describe('attribute values sent to POST /publications', () => {
	it('turns each kind into the strings the API takes', () => {
		expect(convert('text', 'Q3 <review>')).toEqual({ values: ['Q3 <review>'] });
		expect(convert('text', 12)).toEqual({ values: ['12'] });
		expect(convert('number', 12.5)).toEqual({ values: ['12.5'] });
		expect(convert('number', ' 1e3 ')).toEqual({ values: ['1000'] });
		expect(convert('date', '2026-12-31')).toEqual({ values: ['2026-12-31'] });
		expect(convert('date', '2026-12-31T10:00:00+02:00')).toEqual({ values: ['2026-12-31T08:00:00.000Z'] });
		expect(convert('date', new Date(Date.UTC(2026, 0, 2)))).toEqual({ values: ['2026-01-02T00:00:00.000Z'] });
		expect(convert('date', { toISO: () => '2026-01-02T03:04:05.000+01:00' })).toEqual({ values: ['2026-01-02T02:04:05.000Z'] });
		expect(convert('flag', true)).toEqual({ values: ['true'] });
		expect(convert('flag', 'No')).toEqual({ values: ['false'] });
		expect(convert('flag', 1)).toEqual({ values: ['true'] });
		expect(convert('file', 'https://files.example.test/a.pdf')).toEqual({ values: ['https://files.example.test/a.pdf'] });
	});

	it('gives several values for a list and skips empty entries', () => {
		expect(convert('text', ['Revenue', '', null, 'Hiring'])).toEqual({ values: ['Revenue', 'Hiring'] });
		expect(convert('number', [1, '2'])).toEqual({ values: ['1', '2'] });
		expect(convert('text', [])).toEqual({ values: [] });
	});

	it('names the value that does not fit its kind', () => {
		expect(convert('number', 'twelve')).toEqual({ problem: '"twelve" is not a number' });
		expect(convert('number', [1, 'x'])).toEqual({ problem: '"x" is not a number' });
		expect(convert('date', 'next tuesday')).toEqual({ problem: expect.stringContaining('"next tuesday" is not an ISO 8601 date') });
		expect(convert('date', '2026-02-30T99:00')).toEqual({ problem: expect.stringContaining('is not an ISO 8601 date') });
		expect(convert('flag', 'maybe')).toEqual({ problem: '"maybe" is not a flag (use true or false)' });
		expect(convert('file', 'report.pdf')).toEqual({ problem: expect.stringContaining('"report.pdf" is not a file URL') });
		expect(convert('text', { a: 1 })).toEqual({ problem: '{"a":1} is not text' });
		expect(convert('text', [['nested']])).toEqual({ problem: expect.stringContaining('nested list') });
	});

	it('shows each kind in the mapper with a type it can be read back from', () => {
		for (const kind of ['text', 'number', 'date', 'flag', 'file'] as AttributeKind[]) {
			expect(kindOfMapperFieldType(mapperFieldType(kind))).toBe(kind);
		}
		expect(kindOfMapperFieldType('object')).toBeUndefined();
	});
});
