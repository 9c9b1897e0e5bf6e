/** Pause before a page that could not start is loaded again. */
const retryMs = 5000;

/** A fresh page is the one sure way not to leak half-started services; the pause keeps a broken start from spinning. */
export const reloadAfterPause = (): void => void setTimeout(() => location.reload(), retryMs);
