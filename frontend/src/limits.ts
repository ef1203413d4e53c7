/** Limits the server enforces, in one place (see focus/formats.py and focus/selectors.py). */
export const IMPORT_MAX_BYTES = 1_000_000;
export const IMPORT_MAX_ITEMS = 5_000;
export const IMPORT_PREVIEW_ITEMS = 10;
export const SEARCH_MAX_RESULTS = 200;
export const SEARCH_RESULTS = 50;
export const ACTION_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
