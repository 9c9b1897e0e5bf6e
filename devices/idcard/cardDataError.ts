// Card contents that break the layout's rules: never delivered as a card (issue 3, "never a wrong name or
// number shown to a resident").

/** Card contents that fail the layout's rules (a corrupted or unexpected read); `field` names the place, never the value. */
export class CardDataError extends Error {
  readonly code = 'card_data';
  override readonly name = 'CardDataError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
