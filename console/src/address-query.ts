/** The query of a console address (`#/danh-sach?xa=…&to-chuc=…`): what a link or a reload says she sees. */
export const addressQuery = (hash: string = window.location.hash): URLSearchParams => new URLSearchParams(hash.split('?')[1] ?? '');
