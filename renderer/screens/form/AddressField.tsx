// A mailing address: province → city → district as paged tile grids (from the division table), then the
// street line and the postal code on the docked keyboard. The postal code is suggested from the district.
// Where the table does not list a level (districts outside the 1+8 cities, cities outside Hubei) the resident
// types the rest into the street line, as validation.ts expects.
import { useState } from 'react';
import { useLocale } from '../../context/i18n';
import type { FormField } from '../../../src/domain/catalog';
import { childrenOf, getDivision, hasCompleteChildren, hubeiCode, metroCityCodes, provinces, type Division } from '../../../src/domain/divisions';
import { suggestPostalCode, type AddressPart, type FieldError, type MailingAddress } from '../../../src/domain/validation';
import type { Locale } from '../../../src/i18n/locales';
import { PagedGrid } from './PagedGrid';

type Level = 'province' | 'city' | 'district';
type TypedPart = 'detail' | 'postalCode';

export interface AddressFieldProps {
  field: FormField;
  value: MailingAddress;
  locale: Locale;
  labelId: string;
  error?: FieldError;
  errorId: string;
  activePart: TypedPart | null;
  onChange: (address: MailingAddress) => void;
  onOpenKeyboard: (part: TypedPart) => void;
  /** A picker opened: the screen closes the keyboard so the grid is not hidden behind it. */
  onPickerOpen: () => void;
}

const metro = new Set<string>(metroCityCodes);
// The kiosk's own province first, the nine metro cities first: the likeliest choices are on the first page.
const provinceList = (): Division[] => [...provinces()].sort((a, b) => Number(b.code === hubeiCode) - Number(a.code === hubeiCode));
const cityList = (province: string): Division[] => [...childrenOf(province)].sort((a, b) => Number(metro.has(b.code)) - Number(metro.has(a.code)));
const hasLevelBelow = (code: string | null): boolean => code !== null && hasCompleteChildren(code) && childrenOf(code).length > 0;

function withPostal(address: Omit<MailingAddress, 'postalCode'>, postalCode: string | undefined): MailingAddress {
  return postalCode ? { ...address, postalCode } : { ...address };
}

export function AddressField(props: AddressFieldProps) {
  const { field, value, locale, labelId, error, errorId, activePart, onChange, onOpenKeyboard, onPickerOpen } = props;
  const { t } = useLocale();
  // Until the resident opens or closes a picker, an empty address shows the province grid (the first step),
  // and a filled one (e.g. suggested from the card a moment after mount) shows none.
  const [chosen, setOpen] = useState<Level | null | 'auto'>('auto');
  const open: Level | null = chosen === 'auto' ? (value.provinceCode === '' ? 'province' : null) : chosen;
  const id = field.id;
  const name = (code: string | null) => (code ? (getDivision(code)?.name[locale] ?? code) : null);
  const needsCity = hasLevelBelow(value.provinceCode);
  const needsDistrict = hasLevelBelow(value.cityCode);
  const typeRest = value.provinceCode !== '' && (!hasCompleteChildren(value.provinceCode) || (value.cityCode !== null && !hasCompleteChildren(value.cityCode)));
  const suggested = suggestPostalCode(value.districtCode ?? value.cityCode);
  const errorAt = (parts: readonly AddressPart[]) =>
    error && parts.includes(error.part ?? 'province') ? (
      <p className="ff-error" id={errorId} data-testid={`form-error-${id}`}>
        {t(error.key, error.params)}
      </p>
    ) : null;

  const toggle = (level: Level) => {
    onPickerOpen();
    setOpen(open === level ? null : level);
  };
  const pick = (level: Level, code: string) => {
    const base = { provinceCode: value.provinceCode, cityCode: value.cityCode, districtCode: value.districtCode, detail: value.detail };
    if (level === 'province') {
      onChange(withPostal({ ...base, provinceCode: code, cityCode: null, districtCode: null }, undefined));
      setOpen(hasLevelBelow(code) ? 'city' : null);
    } else if (level === 'city') {
      onChange(withPostal({ ...base, cityCode: code, districtCode: null }, suggestPostalCode(code)));
      setOpen(hasLevelBelow(code) ? 'district' : null);
    } else {
      onChange(withPostal({ ...base, districtCode: code }, suggestPostalCode(code)));
      setOpen(null);
    }
  };
  const optionsFor = (level: Level): Division[] =>
    level === 'province' ? provinceList() : level === 'city' ? cityList(value.provinceCode) : childrenOf(value.cityCode ?? '');
  const selectedFor = (level: Level) => (level === 'province' ? value.provinceCode : level === 'city' ? value.cityCode : value.districtCode);
  const levelLabel = { province: t('form.address.province'), city: t('form.address.city'), district: t('form.address.district') };

  const pickerButton = (level: Level, enabled: boolean, blockedHint: string) => (
    <button
      type="button"
      className={`ff-picker${open === level ? ' active' : ''}`}
      aria-expanded={open === level}
      disabled={!enabled}
      onClick={() => toggle(level)}
      data-testid={`form-input-${id}-${level}`}
    >
      <small>{levelLabel[level]}</small>
      <span>{name(selectedFor(level)) ?? (enabled ? t('form.choose') : blockedHint)}</span>
    </button>
  );

  return (
    <div className="ff-address" role="group" aria-labelledby={labelId} data-testid={`form-input-${id}`}>
      <div className="ff-pickers">
        {pickerButton('province', true, '')}
        {(needsCity || value.provinceCode === '') && pickerButton('city', needsCity, t('form.address.chooseProvinceFirst'))}
        {(needsDistrict || (needsCity && value.cityCode === null)) && pickerButton('district', needsDistrict, t('form.address.chooseCityFirst'))}
      </div>
      {open && (
        <PagedGrid
          key={`${open}-${value.provinceCode}-${value.cityCode ?? ''}`}
          options={optionsFor(open).map((d) => ({ value: d.code, label: d.name[locale] }))}
          selected={selectedFor(open)}
          onPick={(code) => pick(open, code)}
          testIdPrefix={`form-option-${id}`}
          label={levelLabel[open]}
        />
      )}
      {errorAt(['province', 'city', 'district'])}
      {typeRest && <div className="ff-hint">{t('form.address.typeIn')}</div>}

      <div className="ff-subfield">
        <div className="ff-sublabel" id={`${labelId}-detail`}>
          {t('form.address.detail')}
        </div>
        <div className="ff-hint">{t('form.address.detailHint')}</div>
        <button
          type="button"
          className={`ff-input${activePart === 'detail' ? ' active' : ''}${value.detail === '' ? ' empty' : ''}`}
          aria-labelledby={`${labelId}-detail ${labelId}-detail-value`}
          aria-expanded={activePart === 'detail'}
          onClick={() => onOpenKeyboard('detail')}
          data-testid={`form-input-${id}-detail`}
        >
          <span className="ff-value" id={`${labelId}-detail-value`} lang="zh-CN">
            {value.detail === '' ? t('form.tapToType') : value.detail}
          </span>
        </button>
        {errorAt(['detail'])}
      </div>

      <div className="ff-subfield ff-postal">
        <div className="ff-sublabel" id={`${labelId}-postal`}>
          {t('form.address.postalCode')} <span className="ff-req">{t('form.optional')}</span>
        </div>
        <button
          type="button"
          className={`ff-input${activePart === 'postalCode' ? ' active' : ''}${value.postalCode ? '' : ' empty'}`}
          aria-labelledby={`${labelId}-postal ${labelId}-postal-value`}
          aria-expanded={activePart === 'postalCode'}
          onClick={() => onOpenKeyboard('postalCode')}
          data-testid={`form-input-${id}-postalCode`}
        >
          <span className="ff-value" id={`${labelId}-postal-value`}>
            {value.postalCode ? value.postalCode : t('form.tapToType')}
          </span>
        </button>
        {suggested !== undefined && value.postalCode === suggested && <div className="ff-hint">{t('form.address.postalCodeSuggested')}</div>}
        {errorAt(['postalCode'])}
      </div>
    </div>
  );
}
