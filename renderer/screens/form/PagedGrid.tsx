// A long list (provinces, cities, districts) as pages of big tiles instead of a tiny dropdown: twelve per page,
// previous/next as large buttons, opening on the page of the current choice.
import { useEffect, useRef, useState } from 'react';
import { useLocale } from '../../context/i18n';

export interface GridOption {
  value: string;
  label: string;
}

export interface PagedGridProps {
  options: readonly GridOption[];
  selected: string | null;
  onPick: (value: string) => void;
  /** data-testid of each tile: `${testIdPrefix}-${value}`; paging buttons `${testIdPrefix}-page-next|previous`. */
  testIdPrefix: string;
  /** Accessible name of the group. */
  label: string;
  /** Tiles per page. Default 12 (four rows of three, also in elder mode). */
  pageSize?: number;
}

export function PagedGrid({ options, selected, onPick, testIdPrefix, label, pageSize = 12 }: PagedGridProps) {
  const { t } = useLocale();
  const pages = Math.max(1, Math.ceil(options.length / pageSize));
  const [page, setPage] = useState(() => Math.max(0, Math.floor(options.findIndex((o) => o.value === selected) / pageSize)));
  const current = Math.min(page, pages - 1);
  const shown = options.slice(current * pageSize, (current + 1) * pageSize);
  const wrap = useRef<HTMLDivElement>(null);
  // A grid opens below its button, often under the fold: bring it into view once, when it appears.
  useEffect(() => {
    void wrap.current?.scrollIntoView({ block: 'nearest' }); // newer Chromium returns a promise: not a clean-up
  }, []);
  return (
    <div className="ff-grid-wrap" ref={wrap}>
      <div className="ff-grid" role="radiogroup" aria-label={label}>
        {shown.map((o) => (
          <button
            key={o.value}
            type="button"
            role="radio"
            aria-checked={o.value === selected}
            className="ff-tile"
            onClick={() => onPick(o.value)}
            data-testid={`${testIdPrefix}-${o.value}`}
          >
            {o.label}
          </button>
        ))}
      </div>
      {pages > 1 && (
        <div className="ff-pager">
          <button type="button" className="button" disabled={current === 0} onClick={() => setPage(current - 1)} data-testid={`${testIdPrefix}-page-previous`}>
            ‹ {t('form.pagePrevious')}
          </button>
          <span className="ff-pageno" aria-hidden="true">
            {current + 1} / {pages}
          </span>
          <button type="button" className="button" disabled={current >= pages - 1} onClick={() => setPage(current + 1)} data-testid={`${testIdPrefix}-page-next`}>
            {t('form.pageNext')} ›
          </button>
        </div>
      )}
    </div>
  );
}
