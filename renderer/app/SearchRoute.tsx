// The search screen with its index, built once per catalogue when search is first opened (about 100 ms).
import { useMemo } from 'react';
import type { Catalog } from '../../src/domain/catalog';
import { createCatalogSearch } from '../../src/domain/catalogSearch';
import type { Locale } from '../../src/i18n/locales';
import { SearchScreen } from '../screens/SearchScreen';

export interface SearchRouteProps {
  catalog: Catalog;
  query: string;
  locale: Locale;
  onQuery: (query: string) => void;
  onItem: (id: string) => void;
  onBack: () => void;
  onHome: () => void;
  onLocale: (locale: Locale) => void;
}

export default function SearchRoute({ catalog, query, ...props }: SearchRouteProps) {
  const search = useMemo(() => createCatalogSearch(catalog), [catalog]);
  return <SearchScreen query={query} results={search.search(query)} {...props} />;
}
