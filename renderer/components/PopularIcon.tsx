// Line icons for the 常办事项 tiles, drawn in SVG so they need no emoji font on the kiosk. Decorative: the
// tile's text names the item.
import type { PopularIcon as IconName } from '../../src/domain/popularItems';

const paths: Record<IconName, string> = {
  medical: 'M26 8h12v18h18v12H38v18H26V38H8V26h18z',
  card: 'M6 14h52v36H6zM6 24h52M14 40h16',
  lostCard: 'M6 14h52v36H6zM6 24h52M40 34l12 12M52 34L40 46',
  certificate: 'M14 6h36v52H14zM22 18h20M22 28h20M22 38h12',
  insurance: 'M32 6l22 8v16c0 14-10 24-22 28C20 54 10 44 10 30V14zM22 32l8 8 14-16',
  retire: 'M32 6a10 10 0 1 1 0 20a10 10 0 1 1 0-20zM14 58c0-12 8-22 18-22s18 10 18 22',
};

export function PopularIcon({ name }: { name: IconName }) {
  return (
    <svg className="popular-icon" viewBox="0 0 64 64" width="64" height="64" aria-hidden="true" focusable="false">
      <path d={paths[name]} fill="none" stroke="currentColor" strokeWidth="5" strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}
