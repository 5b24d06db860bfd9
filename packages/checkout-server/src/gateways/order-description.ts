import type { OrderLine } from '../store/order-store.ts';

/** `Tea x2, Mug`: the line names, with the quantity where it is above one. */
export function orderLinesText(lines: OrderLine[]): string {
  return lines
    .map((line) => (line.quantity > 1 ? `${line.name} x${line.quantity}` : line.name))
    .join(', ');
}

/**
 * The line names as a gateway's free-text description: any script kept, control and format
 * characters removed, whitespace folded, cut to `maxLength` with `...`; `Order <id>` when empty.
 */
export function orderDescription(lines: OrderLine[], orderId: string, maxLength: number): string {
  const text = orderLinesText(lines)
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const description =
    text.length > maxLength ? `${text.slice(0, maxLength - 3).trimEnd()}...` : text;
  return description || `Order ${orderId}`;
}
