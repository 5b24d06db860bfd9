import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export interface CartLine {
  sku: string;
  quantity: number;
}

interface CartState {
  lines: CartLine[];
  add(sku: string): void;
  setQuantity(sku: string, quantity: number): void;
  clear(): void;
}

/** The cart holds SKUs and quantities only: prices always come from the server. */
export const useCart = create<CartState>()(
  persist(
    (set) => ({
      lines: [],
      add: (sku) =>
        set((state) => {
          const existing = state.lines.find((line) => line.sku === sku);
          return {
            lines: existing
              ? state.lines.map((line) =>
                  line.sku === sku ? { ...line, quantity: line.quantity + 1 } : line,
                )
              : [...state.lines, { sku, quantity: 1 }],
          };
        }),
      setQuantity: (sku, quantity) =>
        set((state) => ({
          lines:
            quantity <= 0
              ? state.lines.filter((line) => line.sku !== sku)
              : state.lines.map((line) => (line.sku === sku ? { ...line, quantity } : line)),
        })),
      clear: () => set({ lines: [] }),
    }),
    { name: 'demo-shop-cart', storage: createJSONStorage(() => localStorage) },
  ),
);
