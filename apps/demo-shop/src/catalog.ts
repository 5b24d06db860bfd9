import { useQuery } from '@tanstack/react-query';
import type { Product } from '../server/catalog.ts';

export type { Product };

export function useCatalog() {
  return useQuery({
    queryKey: ['catalog'],
    queryFn: async (): Promise<{
      currency: string;
      products: Product[];
      sandbox?: { phoneUrl: string };
    }> => {
      const response = await fetch('/api/catalog');
      if (!response.ok) throw new Error(`Catalog failed: HTTP ${response.status}`);
      return response.json();
    },
    staleTime: 60_000,
  });
}
