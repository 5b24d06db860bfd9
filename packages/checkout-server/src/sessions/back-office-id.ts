/** Orders created by the server-only back office (`bo_…`), as opposed to checkout sessions (`cs_…`). */
export const BACK_OFFICE_ID_PREFIX = 'bo_';

/** Back-office orders are never visible through the browser API. */
export function isBackOfficeOrderId(id: string): boolean {
  return id.startsWith(BACK_OFFICE_ID_PREFIX);
}
