import { extensionOf, parseFileFilter, passesFileFilter } from '../../nodes/Thinkeo/generation/output/fileFilter';

describe('the Output Files filter', () => {
	it('reads comma-separated extensions (with or without the dot) and MIME types, case-insensitively', () => {
		expect(parseFileFilter(' .DOCX, *.pdf ,,png', 'Image/*, application/PDF', 2.7)).toEqual({
			extensions: ['docx', 'pdf', 'png'],
			mimeTypes: ['image/*', 'application/pdf'],
			maxFiles: 2,
		});
		expect(parseFileFilter('', '', 0)).toEqual({ extensions: [], mimeTypes: [], maxFiles: 0 });
		expect(parseFileFilter('', '', -3).maxFiles).toBe(0);
		expect(parseFileFilter('', '', Number.NaN).maxFiles).toBe(0);
	});

	it('keeps only the extensions given', () => {
		const filter = parseFileFilter('docx', '', 0);
		expect(passesFileFilter(filter, { fileName: 'Report.DOCX' })).toBe(true);
		expect(passesFileFilter(filter, { fileName: 'chart.png' })).toBe(false);
		expect(passesFileFilter(filter, { fileName: 'docx' })).toBe(false);
		expect(extensionOf('archive.tar.gz')).toBe('gz');
		expect(extensionOf('.hidden')).toBe('');
	});

	it('keeps only the MIME types given, type/* a whole family, parameters ignored', () => {
		const filter = parseFileFilter('', 'image/*, application/pdf', 0);
		expect(passesFileFilter(filter, { mimeType: 'image/png' })).toBe(true);
		expect(passesFileFilter(filter, { mimeType: 'application/pdf; charset=binary' })).toBe(true);
		expect(passesFileFilter(filter, { mimeType: 'imagery/png' })).toBe(false);
		expect(passesFileFilter(filter, { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })).toBe(false);
	});

	it('lets what is not known yet pass, to be checked once the download tells', () => {
		const filter = parseFileFilter('docx', 'application/*', 0);
		expect(passesFileFilter(filter, {})).toBe(true);
		expect(passesFileFilter(filter, { fileName: 'a.docx' })).toBe(true);
		expect(passesFileFilter(filter, { fileName: 'a.docx', mimeType: 'image/png' })).toBe(false);
	});
});
