/**
 * Which output files to keep: by extension and by MIME type (each an optional comma-separated list), at most a
 * given number. Pure; generatedFiles.ts applies it before a download (to what the listing tells) and after it
 * (to the real name and type).
 */
export interface FileFilter {
	/** Lower case, without the dot, e.g. ["docx", "png"]; empty keeps every extension. */
	extensions: string[];
	/** Lower case, e.g. ["application/pdf", "image/*"]; empty keeps every type. */
	mimeTypes: string[];
	/** 0 keeps every file. */
	maxFiles: number;
}

const listOf = (value: string) =>
	value
		.split(',')
		.map((entry) => entry.trim().toLowerCase())
		.filter(Boolean);

export function parseFileFilter(extensions: string, mimeTypes: string, maxFiles: number): FileFilter {
	return {
		extensions: listOf(extensions).map((extension) => extension.replace(/^\*?\./, '')),
		mimeTypes: listOf(mimeTypes),
		maxFiles: Number.isFinite(maxFiles) && maxFiles > 0 ? Math.floor(maxFiles) : 0,
	};
}

export function extensionOf(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

function mimeTypeMatches(mimeType: string, pattern: string): boolean {
	const type = mimeType.split(';')[0].trim().toLowerCase();
	return pattern.endsWith('/*') ? type.startsWith(pattern.slice(0, -1)) : type === pattern;
}

/**
 * Whether a file passes the filter. What is not known yet (`undefined`: a name or type only the download tells)
 * passes for now and is checked again once known.
 */
export function passesFileFilter(filter: FileFilter, file: { fileName?: string; mimeType?: string }): boolean {
	const extensionOk =
		filter.extensions.length === 0 || file.fileName === undefined || filter.extensions.includes(extensionOf(file.fileName));
	const mimeTypeOk =
		filter.mimeTypes.length === 0 ||
		file.mimeType === undefined ||
		filter.mimeTypes.some((pattern) => mimeTypeMatches(file.mimeType as string, pattern));
	return extensionOk && mimeTypeOk;
}
